/**
 * Request guards that sit outside the GraphQL validation rules: the document token limit, the
 * per-address failed-authentication limit, the optional bearer token of /metrics, and the
 * mapping of lost database connections to HTTP 503.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { Request, RequestHandler } from "express";
import { Lexer, Source, TokenKind } from "graphql";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { RateLimiterRes } from "rate-limiter-flexible";
import { authFailuresLimited } from "./errors.js";

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
      res.status(400).json({
        errors: [
          {
            message: `Syntax Error: Token limit of ${maxTokens} exceeded; send large inputs as variables`,
            extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
          },
        ],
      });
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

/** Per-address budget of failed authentications, checked before any key lookup. */
export class AuthFailureLimiter {
  constructor(private readonly limiter: RateLimiterAbstract) {}

  /** @throws GraphQLError RATE_LIMITED (429) when `address` used up its failures. */
  async assertAllowed(address: string): Promise<void> {
    const res = await this.limiter.get(address);
    if (res && res.consumedPoints >= this.limiter.points) {
      throw authFailuresLimited(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
    }
  }

  /** Count one failed authentication of `address` (the request itself still answers 401). */
  async recordFailure(address: string): Promise<void> {
    try {
      await this.limiter.consume(address);
    } catch (e) {
      // Over the budget: the next request from this address is refused by assertAllowed.
      if (!(e instanceof RateLimiterRes)) throw e;
    }
  }
}
