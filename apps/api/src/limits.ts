/**
 * Request guards that sit outside the GraphQL validation rules: the document token limit, the
 * per-address failed-authentication limit, the optional bearer token of /metrics, the mapping of
 * lost database connections to HTTP 503, and fair sharing between tenants (cost-weighted rate
 * limit, per-organization concurrency cap, statement timeouts).
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { Request, RequestHandler } from "express";
import {
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  Lexer,
  type OperationDefinitionNode,
  type SelectionNode,
  Source,
  TokenKind,
} from "graphql";
import { LRUCache } from "lru-cache";
import pLimit from "p-limit";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { RateLimiterRes } from "rate-limiter-flexible";
import { authFailuresLimited, concurrencyLimited, rateLimited } from "./errors.js";
import { graphqlError, sendGraphqlError } from "./http-errors.js";

/**
 * Count the document's tokens, stopping at `limit + 1` (so a huge document costs no more than
 * the limit). Lexing errors stop the count: the parser reports them (GRAPHQL_PARSE_FAILED, 400).
 */
export function countTokens(source: string, limit: number): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (count <= limit && lexer.advance().kind !== TokenKind.EOF) count++;
  } catch {
    // Syntax error: the parser reports it with its position.
  }
  return count;
}

/**
 * Express middleware (after the JSON body parser, before Apollo) rejecting a document of more
 * than `maxTokens` tokens with HTTP 400 GRAPHQL_VALIDATION_FAILED, before authentication and
 * parsing. graphql-armor's own max-tokens check throws from a parsing hook, and Apollo turns
 * any error thrown by a plugin hook into a generic HTTP 500; hence this check outside Apollo.
 */
export function tokenLimit(maxTokens: number): RequestHandler {
  return (req, res, next) => {
    const body = req.body as { query?: unknown } | undefined;
    const query = req.method === "GET" ? req.query.query : body?.query;
    if (typeof query === "string" && countTokens(query, maxTokens) > maxTokens) {
      const message = `Token limit of ${maxTokens} exceeded; send large inputs as variables`;
      sendGraphqlError(req, res, graphqlError(message, "GRAPHQL_VALIDATION_FAILED"), 400);
      return;
    }
    next();
  };
}

/**
 * Apollo plugin: when any error of the response is SERVICE_UNAVAILABLE (formatError maps lost
 * database connections to it), answer HTTP 503 with Retry-After. Errors thrown by resolvers
 * cannot set the status themselves (their `extensions.http` is ignored once execution started),
 * so the status is set here, after formatting.
 */
export function serviceUnavailablePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const errors = response.body.singleResult.errors ?? [];
          const unavailable = errors.find((e) => e.extensions?.code === "SERVICE_UNAVAILABLE");
          if (!unavailable) return;
          response.http.status = 503;
          const retryAfter = unavailable.extensions?.retryAfterSeconds;
          if (typeof retryAfter === "number") {
            response.http.headers.set("retry-after", String(retryAfter));
          }
        },
      };
    },
  };
}

/**
 * The client address the failed-authentication limit keys on: Express's `req.ip`, which is the
 * socket's peer address unless `trust proxy` (API_TRUST_PROXY) names proxies whose
 * `X-Forwarded-For` is believed.
 */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}

/**
 * Keys (API keys, client addresses) refused until a time, remembered by this process so that a
 * refusal costs no Redis round trip. Set when a rate limiter says a budget is spent; entries
 * expire with the limiter's window. At most 100,000 entries (least recently set dropped first).
 */
export class MemoryBlocks {
  private readonly until = new LRUCache<string, number>({ max: 100_000 });

  /** Refuse `id` for the next `ms` milliseconds. */
  block(id: string, ms: number): void {
    if (ms > 0) this.until.set(id, Date.now() + ms, { ttl: ms });
  }

  /** Milliseconds `id` stays refused; 0 when it is not. */
  msLeft(id: string): number {
    const until = this.until.get(id);
    return until === undefined ? 0 : Math.max(0, until - Date.now());
  }

  /**
   * `limiter.consume(id, points)`, refusing `id` here for the rest of the window once the charge
   * spends its budget. @throws RateLimiterRes when the budget was already spent.
   */
  async consume(limiter: RateLimiterAbstract, id: string, points: number): Promise<void> {
    try {
      const res = await limiter.consume(id, points);
      if (res.remainingPoints === 0) this.block(id, res.msBeforeNext);
    } catch (e) {
      if (e instanceof RateLimiterRes) this.block(id, e.msBeforeNext);
      throw e;
    }
  }
}

/** Per-address budget of failed authentications, checked before any key lookup. */
export class AuthFailureLimiter {
  private readonly blocks = new MemoryBlocks();

  constructor(private readonly limiter: RateLimiterAbstract) {}

  /** @throws GraphQLError RATE_LIMITED (429) when `address` used up its failures. */
  async assertAllowed(address: string): Promise<void> {
    this.assertNotBlockedHere(address);
    const res = await this.limiter.get(address);
    if (res && res.consumedPoints >= this.limiter.points) {
      throw authFailuresLimited(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
    }
  }

  /**
   * The same refusal from this process's memory only (no Redis round trip): `address` used up
   * its failures here (the limiter's in-memory block, set when a failure reaches the budget).
   * For requests whose key is already authenticated in the principal cache (a failure recorded
   * by another process reaches this one at the next uncached lookup).
   * @throws GraphQLError RATE_LIMITED (429).
   */
  assertNotBlockedHere(address: string): void {
    const ms = this.blocks.msLeft(address);
    if (ms > 0) throw authFailuresLimited(Math.max(1, Math.ceil(ms / 1000)));
  }

  /** Count one failed authentication of `address` (the request itself still answers 401). */
  async recordFailure(address: string): Promise<void> {
    try {
      await this.blocks.consume(this.limiter, address, 1);
    } catch (e) {
      // Over the budget: the next request from this address is refused by assertAllowed.
      if (!(e instanceof RateLimiterRes)) throw e;
    }
  }
}

// --- Fair sharing between tenants (docs/adr/0081-fair-sharing.md) ---

/** Points a top-level field costs (see `operationCost`). */
export interface FieldCosts {
  /** Each `emissions` field (every alias counts): an aggregation over up to 3 years. */
  emissions: number;
  /**
   * API_MAX_PAGE_SIZE: the most rows a page can hold. A larger `first` is rejected by the field
   * (BAD_USER_INPUT) before any row is read, so it is charged as this many rows, not as asked.
   */
  maxPageSize: number;
}

/** `first` of a connection field (literal or variable), or its default; at most `max`. */
function pageSize(
  field: FieldNode,
  variables: Record<string, unknown>,
  fallback: number,
  max: number,
): number {
  const arg = field.arguments?.find((a) => a.name.value === "first");
  let asked = fallback;
  if (arg?.value.kind === Kind.INT) asked = Number(arg.value.value);
  else if (arg?.value.kind === Kind.VARIABLE) {
    const v = variables[arg.value.name.value];
    if (typeof v === "number") asked = v;
  }
  return Math.min(asked, max);
}

/**
 * The cost of an operation in rate-limit points: the sum over its top-level fields (aliases and
 * fragments included) of `costs.emissions` for `emissions`, 1 per 50 rows asked for a connection
 * (`runs`, `reports`: ceil(min(first, maxPageSize) / 50)), 1 for any other field; at least 1.
 * E.g. 20 aliased year-long `emissions` at 10 points = 200 points, `runs(first: 200)` = 4 points,
 * and so is `runs(first: 100000)`, which the field rejects.
 */
export function operationCost(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  costs: FieldCosts,
): number {
  const seen = new Set<string>();
  const sum = (selections: readonly SelectionNode[]): number => {
    let total = 0;
    for (const s of selections) {
      if (s.kind === Kind.FIELD) {
        const name = s.name.value;
        if (name === "emissions") total += costs.emissions;
        else if (name === "runs" || name === "reports") {
          total += Math.max(1, Math.ceil(pageSize(s, variables, 24, costs.maxPageSize) / 50));
        } else total += 1;
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        total += sum(s.selectionSet.selections);
      } else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = fragments[s.name.value];
        if (fragment) total += sum(fragment.selectionSet.selections);
      }
    }
    return total;
  };
  return Math.max(1, sum(operation.selectionSet.selections));
}

/**
 * Per-organization cap on operations executing at once in this process: beyond `maxConcurrent`
 * an operation waits its turn (FIFO, p-limit); beyond `maxQueued` waiting ones it is refused
 * with RATE_LIMITED (retry in 1 s). One tenant's burst then occupies at most `maxConcurrent` of
 * the database pool's connections, whatever its number of keys or connections.
 */
export class OrganizationConcurrency {
  private readonly limits = new Map<string, pLimit.Limit>();

  constructor(
    private readonly maxConcurrent: number,
    private readonly maxQueued: number,
  ) {}

  /**
   * Wait for a slot of `organizationId`; resolves with its release function (call it once).
   * @throws GraphQLError RATE_LIMITED when `maxQueued` operations already wait.
   */
  async acquire(organizationId: string): Promise<() => void> {
    let limit = this.limits.get(organizationId);
    if (!limit) {
      limit = pLimit(this.maxConcurrent);
      this.limits.set(organizationId, limit);
    }
    if (limit.activeCount >= this.maxConcurrent && limit.pendingCount >= this.maxQueued) {
      throw concurrencyLimited(1);
    }
    const org = limit;
    return new Promise((granted) => {
      void org(
        () =>
          new Promise<void>((release) =>
            granted(() => {
              release();
              if (org.activeCount === 0 && org.pendingCount === 0) {
                this.limits.delete(organizationId);
              }
            }),
          ),
      );
    });
  }
}

/**
 * A key's rate-limit refusal from this process's memory (no Redis round trip): once a charge
 * spends the key's budget, `fairSharingPlugin` blocks the key here until the window ends.
 * Checked when the request's context is built, before parsing.
 * @throws GraphQLError RATE_LIMITED (429).
 */
export function assertKeyNotBlocked(blocks: MemoryBlocks, keyId: string): void {
  const ms = blocks.msLeft(keyId);
  if (ms > 0) throw rateLimited(Math.max(1, Math.ceil(ms / 1000)));
}

/**
 * Express middleware (first on /graphql, before the body is read): a request whose key is in the
 * principal cache and has spent its rate-limit budget (`blocks`) is answered 429 RATE_LIMITED
 * with Retry-After, without parsing its body or document, after `delayMs` (capped at the time
 * left in the window; like nginx `limit_req` delaying excess requests). A client that ignores
 * Retry-After then costs one cheap HTTP exchange per connection every `delayMs`.
 */
export function refuseSpentKeys(
  principals: { get(key: string): { keyId: string } | undefined },
  blocks: MemoryBlocks,
  bearer: (header: string | undefined) => string | null,
  delayMs: number,
): RequestHandler {
  return (req, res, next) => {
    const key = bearer(req.headers.authorization);
    const keyId = (key ? principals.get(key) : undefined)?.keyId;
    const ms = keyId ? blocks.msLeft(keyId) : 0;
    if (!keyId || ms <= 0) {
      next();
      return;
    }
    const answer = () => {
      if (res.headersSent || req.socket.destroyed) return;
      sendGraphqlError(req, res, rateLimited(Math.max(1, Math.ceil(blocks.msLeft(keyId) / 1000))));
    };
    const wait = Math.min(delayMs, ms);
    if (wait > 0) setTimeout(answer, wait).unref();
    else answer();
  };
}

/**
 * Apollo plugin: once the operation is known, charge its cost (`operationCost`) to the key's
 * rate limiter in one Redis call, then wait for an organization slot (`OrganizationConcurrency`),
 * released when the response is sent. A document that fails to parse or validate costs 1 point
 * (charged when its errors are known; over the budget, the key is then blocked in memory).
 */
export function fairSharingPlugin(options: {
  limiter: RateLimiterAbstract;
  /** Where a key that spent its budget is remembered (see assertKeyNotBlocked). */
  blocks: MemoryBlocks;
  concurrency: OrganizationConcurrency;
  costs: FieldCosts;
}): ApolloServerPlugin<{ principal: { keyId: string; organizationId: string } }> {
  /** Take `points` from the key's budget. @throws GraphQLError RATE_LIMITED when spent. */
  const charge = async (keyId: string, points: number) => {
    try {
      await options.blocks.consume(options.limiter, keyId, points);
    } catch (e) {
      if (e instanceof RateLimiterRes) throw rateLimited(Math.ceil(e.msBeforeNext / 1000));
      throw e;
    }
  };
  return {
    async requestDidStart() {
      let release: (() => void) | undefined;
      let charged = false;
      return {
        async didResolveOperation({ operation, document, request, contextValue }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const d of document.definitions) {
            if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
          }
          const cost = operationCost(operation, fragments, request.variables ?? {}, options.costs);
          charged = true;
          await charge(contextValue.principal.keyId, cost);
          release = await options.concurrency.acquire(contextValue.principal.organizationId);
        },
        async didEncounterErrors({ contextValue }) {
          if (charged || !contextValue?.principal) return;
          charged = true;
          // A parse or validation failure: 1 point. Over the budget the limiter blocks the key in
          // memory (assertKeyNotBlocked); this response is already an error either way.
          await charge(contextValue.principal.keyId, 1).catch(() => undefined);
        },
        async willSendResponse() {
          release?.();
          release = undefined;
        },
      };
    },
  };
}

/** Postgres' SQLSTATE for a statement cancelled by statement_timeout (query_canceled). */
const QUERY_CANCELED = "57014";

/** True when `e` is a statement cancelled by the pool's statement_timeout. */
export function isStatementTimeout(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === QUERY_CANCELED;
}
