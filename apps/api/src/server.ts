/**
 * The HTTP server: Express 5 + Apollo Server 5 on /graphql, GET /healthz (Postgres and Redis),
 * GET /metrics (Prometheus, optionally behind METRICS_TOKEN), the dashboard's static build at /
 * when API_DASHBOARD_DIR is set (src/dashboard.ts). Limits (docs/adr/0030-api-limits.md):
 * body size cap, a document token limit, graphql-armor depth / cost / alias / directive limits
 * (every rejection is an HTTP 400), page-size caps in resolvers, a per-key rate limit and a
 * per-address failed-authentication limit in Redis; introspection and the landing page follow the
 * environment. A lost or refused Postgres connection answers SERVICE_UNAVAILABLE (HTTP 503,
 * Retry-After); outside development no internal error text reaches a response.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { type ApiEnv, bearerMatches } from "@finetrace/config";
import {
  type ApiKeyPrincipal,
  createPool,
  createPrismaClient,
  listenForChanges,
} from "@finetrace/db";
import { authenticateApiKey, createQueues, type FinetraceQueues } from "@finetrace/services";
import cors from "cors";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import { Redis } from "ioredis";
import { type Logger, pino } from "pino";
import { RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import { bearerKey, requireBearerKey } from "./auth.js";
import type { ApiContext, ApiServices } from "./context.js";
import { dashboardRouter } from "./dashboard.js";
import { isDatabaseUnavailable } from "./database-errors.js";
import { EmissionsCache } from "./emissions-cache.js";
import {
  DATABASE_RETRY_AFTER_SECONDS,
  SERVICE_UNAVAILABLE_MESSAGE,
  serviceUnavailable,
  statementTimedOut,
  unauthenticated,
} from "./errors.js";
import { graphqlError, sendGraphqlError } from "./http-errors.js";
import { limitRejectionMessage, queryCostWeights } from "./limit-messages.js";
import {
  AuthFailureLimiter,
  assertKeyNotBlocked,
  clientAddress,
  fairSharingPlugin,
  isStatementTimeout,
  MemoryBlocks,
  OrganizationConcurrency,
  refuseSpentKeys,
  serviceUnavailablePlugin,
  tokenLimit,
} from "./limits.js";
import { createLoaders } from "./loaders.js";
import { createMetrics } from "./metrics.js";
import { PrincipalCache } from "./principal-cache.js";
import { buildSchema } from "./schema.js";

export interface ApiServerOptions {
  /** Overrides API_PORT (0 = a free port). */
  port?: number;
  /** Queues to enqueue into (the caller keeps ownership); default: created from the env. */
  queues?: FinetraceQueues;
  logger?: Logger;
}

export interface ApiServer {
  /** e.g. http://127.0.0.1:4000/graphql */
  url: string;
  /** Stop accepting requests, finish in-flight ones, close every connection. */
  close(): Promise<void>;
}

/** How long /healthz waits for Postgres or Redis before reporting it down, ms. */
const HEALTH_TIMEOUT_MS = 2000;

/**
 * Most tokens a GraphQL document may have. The largest document the dashboards send is a few
 * hundred tokens; large batches (submitRuns' 10,000 runs) travel as variables, which are not
 * counted. 5,000 also bounds the 1,000-alias kind of document before it is parsed.
 */
const MAX_DOCUMENT_TOKENS = 5000;

/**
 * Most aliases and most directives per document (graphql-armor). No dashboard query uses more
 * than a handful; 20 leaves room while stopping one request from fanning out into hundreds of
 * resolver calls.
 */
const MAX_ALIASES = 20;
/** Retry hint of a cancelled dashboard statement: long enough for a burst to drain. */
const STATEMENT_RETRY_AFTER_SECONDS = 5;
const MAX_DIRECTIVES = 20;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref(),
    ),
  ]);
}

/**
 * CORS on /graphql for the origins of API_CORS_ORIGINS (none when unset: same origin only, the
 * shipped dashboard's case), by the `cors` package: preflights (`OPTIONS`) answered 204 for the
 * headers a GraphQL client sends, cached 10 min by the browser; `Retry-After` readable by the
 * page on a 429 or 503. An origin not listed gets no CORS headers, so its browser blocks it.
 */
function crossOrigin(origins: ApiEnv["API_CORS_ORIGINS"]): RequestHandler[] {
  if (origins === undefined) return [];
  return [
    cors({
      origin: origins,
      methods: ["GET", "POST"],
      allowedHeaders: [
        "authorization",
        "content-type",
        "apollo-require-preflight",
        "x-apollo-operation-name",
      ],
      exposedHeaders: ["retry-after"],
      maxAge: 600,
    }),
  ];
}

/**
 * Start the API.
 * @throws when the port cannot be bound (connections to Postgres and Redis open lazily).
 */
export async function startApiServer(
  env: ApiEnv,
  options: ApiServerOptions = {},
): Promise<ApiServer> {
  const logger = options.logger ?? pino({ name: "finetrace-api", level: env.LOG_LEVEL });
  const production = env.NODE_ENV === "production";
  const prisma = createPrismaClient(env.DATABASE_URL);
  const pool = createPool(env.DATABASE_URL, { max: env.API_DATABASE_POOL_SIZE });
  // Dashboard reads: the replica when DATABASE_READ_URL is set, every statement bounded by
  // API_STATEMENT_TIMEOUT_MS (docs/adr/0081-fair-sharing.md, 0082-read-replica.md).
  const readPool = createPool(env.DATABASE_READ_URL ?? env.DATABASE_URL, {
    max: env.API_DATABASE_POOL_SIZE,
    statement_timeout: env.API_STATEMENT_TIMEOUT_MS,
  });
  readPool.on("error", (err) => logger.warn({ err }, "idle Postgres read client error"));
  // An idle client dropped by the server (restart, failover, pg_terminate_backend) must not crash
  // the process: pg's Pool removes it and opens a new client on the next checkout. Prisma's
  // adapter pool (@prisma/adapter-pg) attaches the same kind of listener to its own pool.
  pool.on("error", (err) => logger.warn({ err }, "idle Postgres client error"));
  /** Raw error text in responses only in development, never in test or production. */
  const exposeInternals = env.NODE_ENV === "development";
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: false });
  redis.on("error", (err) => logger.warn({ err }, "redis connection error"));
  const queues =
    options.queues ??
    createQueues({ connection: { url: env.REDIS_URL }, prefix: env.FINETRACE_QUEUE_PREFIX });
  if (!options.queues) {
    // BullMQ re-emits Redis connection errors on each queue; without a listener they end up on
    // stderr unstructured. Log them; enqueueing fails (and reports) on its own while Redis is down.
    for (const value of Object.values(queues)) {
      if (typeof value === "object" && value !== null && "on" in value && "add" in value) {
        (value as { on(event: "error", fn: (err: Error) => void): void }).on("error", (err) =>
          logger.warn({ err }, "queue connection error"),
        );
      }
    }
  }
  const useCases = { pool, queues, log: logger, estimateBatchSize: env.API_ESTIMATE_BATCH_SIZE };
  const principals = new PrincipalCache(env.API_PRINCIPAL_CACHE_SECONDS);
  // A replica may answer before it has replayed a change the primary notified: no cache then.
  const readsFromReplica =
    env.DATABASE_READ_URL !== undefined && env.DATABASE_READ_URL !== env.DATABASE_URL;
  const emissionsCache = new EmissionsCache(readsFromReplica ? 0 : env.API_EMISSIONS_CACHE_SECONDS);
  const services: ApiServices = {
    env,
    prisma,
    pool,
    readPool,
    queues,
    logger,
    useCases,
    principals,
    emissionsCache,
  };

  const rateLimiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${env.FINETRACE_QUEUE_PREFIX}:api-rate`,
    points: env.API_RATE_LIMIT_POINTS,
    duration: env.API_RATE_LIMIT_WINDOW_SECONDS,
    // While Redis is unreachable, limit per process rather than failing every request.
    insuranceLimiter: new RateLimiterMemory({
      points: env.API_RATE_LIMIT_POINTS,
      duration: env.API_RATE_LIMIT_WINDOW_SECONDS,
    }),
  });

  // Keys that spent their rate-limit budget, refused from memory until the window ends.
  const spentKeys = new MemoryBlocks();

  // Failed authentications per client address: checked before the key lookup, so a flood of bad
  // keys costs one Redis round trip each instead of a database query.
  const authFailures = new AuthFailureLimiter(
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${env.FINETRACE_QUEUE_PREFIX}:api-auth-failures`,
      points: env.API_AUTH_FAILURE_LIMIT_POINTS,
      duration: env.API_AUTH_FAILURE_LIMIT_WINDOW_SECONDS,
      insuranceLimiter: new RateLimiterMemory({
        points: env.API_AUTH_FAILURE_LIMIT_POINTS,
        duration: env.API_AUTH_FAILURE_LIMIT_WINDOW_SECONDS,
      }),
    }),
  );

  // Authenticated keys (`principals`) and rollup-served aggregates (`emissionsCache`) in memory,
  // emptied by Postgres NOTIFY (docs/adr/0083-principal-cache.md, 0084-emissions-cache.md);
  // both bypassed until the listener is up, and while it is down.
  const changes = listenForChanges(env.DATABASE_URL, {
    onPrincipalChange: (change) => principals.forget(change),
    onRollupChange: (organizationId) => emissionsCache.forgetOrganization(organizationId),
    onListening: () => {
      principals.resume();
      emissionsCache.resume();
    },
    onLost: (err) => {
      principals.suspend();
      emissionsCache.suspend();
      logger.warn({ err }, "change-notification listener lost; caches bypassed until back");
    },
  });

  /**
   * Look a presented key up (failed-authentication limit first).
   * @throws GraphQLError UNAUTHENTICATED, RATE_LIMITED, SERVICE_UNAVAILABLE.
   */
  const authenticate = async (address: string, key: string | null) => {
    await authFailures.assertAllowed(address);
    if (!key) {
      await authFailures.recordFailure(address);
      throw unauthenticated();
    }
    let principal: ApiKeyPrincipal | null;
    try {
      principal = await authenticateApiKey(prisma, key);
    } catch (e) {
      if (!isDatabaseUnavailable(e)) throw e;
      logger.warn({ err: e }, "database connection lost while authenticating");
      throw serviceUnavailable();
    }
    if (!principal) {
      await authFailures.recordFailure(address);
      throw unauthenticated();
    }
    principals.set(key, principal);
    return principal;
  };

  const metrics = createMetrics();
  const app = express();
  app.disable("x-powered-by");
  // How req.ip (the failed-authentication limit's key) is taken: see API_TRUST_PROXY.
  app.set("trust proxy", env.API_TRUST_PROXY ?? false);
  const httpServer = http.createServer(app);
  // Keep idle connections longer than common load balancers (60 s) so that a client never reuses
  // a socket the server is closing (ECONNRESET); headersTimeout must exceed keepAliveTimeout.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;

  const armor = new ApolloArmor({
    maxDepth: { n: env.API_MAX_DEPTH, flattenFragments: true },
    costLimit: { maxCost: env.API_MAX_COST, flattenFragments: true, ...queryCostWeights },
    maxAliases: { n: MAX_ALIASES },
    maxDirectives: { n: MAX_DIRECTIVES },
    // Armor's token check throws from a parsing hook, which Apollo answers with HTTP 500;
    // the tokenLimit middleware enforces MAX_DOCUMENT_TOKENS with a 400 instead.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  });
  const protection = armor.protect();
  const landingPage = env.API_LANDING_PAGE ?? !production;

  const apollo = new ApolloServer<ApiContext>({
    schema: buildSchema(),
    introspection: env.API_INTROSPECTION ?? !production,
    logger,
    allowBatchedHttpRequests: false,
    // GET queries (urql's default within the URL limit, scripts, caches) carry the API key in
    // `Authorization`, which no cross-site "simple" request can set (it is not a CORS-safelisted
    // header: the browser must preflight), so it proves the request is not a CSRF as Apollo's
    // own `apollo-require-preflight` does; the API uses no cookies.
    csrfPrevention: {
      requestHeaders: ["x-apollo-operation-name", "apollo-require-preflight", "authorization"],
    },
    includeStacktraceInErrorResponses: false,
    // Compact JSON: Apollo's default indents every response (a runs page of 50 edges is 47 %
    // larger indented, a year of MONTH emissions 85 %); no client needs the indentation.
    stringifyResult: (result) => JSON.stringify(result),
    // main.ts handles SIGINT/SIGTERM (drain, close, exit 0); Apollo's own handler would re-send
    // the signal after stopping, so the process would exit 143.
    stopOnTerminationSignals: false,
    plugins: [
      serviceUnavailablePlugin(),
      ...protection.plugins,
      fairSharingPlugin({
        limiter: rateLimiter,
        blocks: spentKeys,
        concurrency: new OrganizationConcurrency(
          env.API_ORG_MAX_CONCURRENT,
          env.API_ORG_MAX_QUEUED,
        ),
        costs: { emissions: env.API_EMISSIONS_FIELD_COST, maxPageSize: env.API_MAX_PAGE_SIZE },
      }),
      metrics.apolloPlugin,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...(landingPage ? [] : [ApolloServerPluginLandingPageDisabled()]),
    ],
    validationRules: protection.validationRules,
    formatError: (formatted, error) => {
      if (formatted.extensions?.code === "GRAPHQL_VALIDATION_FAILED")
        return {
          ...formatted,
          message: limitRejectionMessage(formatted.message, env.API_MAX_PAGE_SIZE),
        };
      if (formatted.extensions?.code !== "INTERNAL_SERVER_ERROR") return formatted;
      const original = unwrapResolverError(error);
      if (isDatabaseUnavailable(original)) {
        logger.warn({ err: original }, "database connection lost during a GraphQL operation");
        return {
          message: SERVICE_UNAVAILABLE_MESSAGE,
          ...(formatted.locations ? { locations: formatted.locations } : {}),
          ...(formatted.path ? { path: formatted.path } : {}),
          extensions: {
            code: "SERVICE_UNAVAILABLE",
            retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
          },
        };
      }
      if (isStatementTimeout(original)) {
        const timedOut = statementTimedOut(
          env.API_STATEMENT_TIMEOUT_MS,
          STATEMENT_RETRY_AFTER_SECONDS,
        );
        return {
          message: timedOut.message,
          ...(formatted.path ? { path: formatted.path } : {}),
          extensions: timedOut.extensions,
        };
      }
      logger.error({ err: original }, "unexpected error in a GraphQL operation");
      if (exposeInternals) return formatted;
      return { ...formatted, message: "internal server error" };
    },
  });
  await apollo.start();

  app.use(metrics.httpMiddleware);

  app.get("/healthz", async (_req, res) => {
    const check = async (fn: () => Promise<unknown>) => {
      try {
        await withTimeout(fn(), HEALTH_TIMEOUT_MS);
        return "ok";
      } catch (err) {
        logger.warn({ err }, "health check failed");
        return exposeInternals ? `down: ${(err as Error).message}` : "down";
      }
    };
    const [postgres, redisStatus] = await Promise.all([
      check(() => pool.query("SELECT 1")),
      check(() => redis.ping()),
    ]);
    const ok = postgres === "ok" && redisStatus === "ok";
    res.status(ok ? 200 : 503).json({ status: ok ? "ok" : "down", postgres, redis: redisStatus });
  });

  app.get("/metrics", async (req, res) => {
    if (
      env.METRICS_TOKEN !== undefined &&
      !bearerMatches(req.headers.authorization, env.METRICS_TOKEN)
    ) {
      res
        .status(401)
        .set("www-authenticate", 'Bearer realm="metrics"')
        .json({ error: "GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`" });
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use(
    "/graphql",
    ...crossOrigin(env.API_CORS_ORIGINS),
    refuseSpentKeys(principals, spentKeys, bearerKey, env.API_RATE_LIMIT_REFUSAL_DELAY_MS),
    express.json({ limit: env.API_MAX_BODY_BYTES }),
    tokenLimit(MAX_DOCUMENT_TOKENS),
    requireBearerKey((req) => authenticate(clientAddress(req), null)),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<ApiContext> => {
        const address = clientAddress(req);
        const key = bearerKey(req.headers.authorization);
        const cached = key ? principals.get(key) : undefined;
        let principal: ApiKeyPrincipal;
        if (cached) {
          // Authenticated by an earlier request: no Redis or Postgres round trip here.
          authFailures.assertNotBlockedHere(address);
          principal = cached;
        } else {
          principal = await authenticate(address, key);
        }
        assertKeyNotBlocked(spentKeys, principal.keyId);
        return { principal, services, loaders: createLoaders(prisma, principal.organizationId) };
      },
    }),
  );

  // The dashboard's static build at / (after the API's own routes, which it never shadows).
  if (env.API_DASHBOARD_DIR !== undefined) app.use(dashboardRouter(env.API_DASHBOARD_DIR));

  // Body-parser failures (too large, bad JSON) answered in the GraphQL error shape.
  const bodyErrors: ErrorRequestHandler = (err, req, res, next) => {
    const status = typeof err?.status === "number" ? err.status : 500;
    if (status === 413) {
      const message = `request body exceeds ${env.API_MAX_BODY_BYTES} bytes (API_MAX_BODY_BYTES); split the batch`;
      sendGraphqlError(req, res, graphqlError(message, "PAYLOAD_TOO_LARGE"), 413);
      return;
    }
    if (status === 400) {
      const message = `malformed request body: ${err.message}`;
      sendGraphqlError(req, res, graphqlError(message, "BAD_REQUEST"), 400);
      return;
    }
    next(err);
  };
  app.use(bodyErrors);
  // Anything else that escaped a route: a generic 500 in the GraphQL error shape (Express's
  // default handler would print the stack trace outside production).
  const lastResort: ErrorRequestHandler = (err, req, res, next) => {
    logger.error({ err }, "unhandled error in an HTTP route");
    if (res.headersSent) {
      next(err);
      return;
    }
    const unavailable = isDatabaseUnavailable(err);
    if (unavailable) res.set("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
    const message = unavailable
      ? SERVICE_UNAVAILABLE_MESSAGE
      : exposeInternals
        ? String((err as Error)?.message ?? err)
        : "internal server error";
    const code = unavailable ? "SERVICE_UNAVAILABLE" : "INTERNAL_SERVER_ERROR";
    sendGraphqlError(req, res, graphqlError(message, code), unavailable ? 503 : 500);
  };
  app.use(lastResort);

  const port = options.port ?? env.API_PORT;
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, env.API_HOST, () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}/graphql`;
  logger.info({ url }, "finetrace API listening");

  let closing: Promise<void> | undefined;
  return {
    url,
    close() {
      closing ??= (async () => {
        await apollo.stop();
        await Promise.allSettled([
          changes.close(),
          prisma.$disconnect(),
          pool.end(),
          readPool.end(),
          redis.quit(),
          options.queues ? Promise.resolve() : queues.close(),
        ]);
      })();
      return closing;
    },
  };
}
