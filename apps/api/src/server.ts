/**
 * The HTTP server: Express 5 + Apollo Server 5 on /graphql, GET /healthz (Postgres and Redis),
 * GET /metrics (Prometheus). Limits (docs/adr/0030-api-limits.md): body size cap, graphql-armor
 * depth / cost / alias / directive / token limits, page-size caps in resolvers, a per-key rate
 * limit in Redis; introspection and the landing page follow the environment.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { ApiEnv } from "@finetrace/config";
import { createPool, createPrismaClient } from "@finetrace/db";
import { authenticateApiKey, createQueues, type FinetraceQueues } from "@finetrace/services";
import express, { type ErrorRequestHandler } from "express";
import { Redis } from "ioredis";
import { type Logger, pino } from "pino";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { bearerKey } from "./auth.js";
import type { ApiContext, ApiServices } from "./context.js";
import { rateLimited, unauthenticated } from "./errors.js";
import { createLoaders } from "./loaders.js";
import { createMetrics } from "./metrics.js";
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

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref(),
    ),
  ]);
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
  const pool = createPool(env.DATABASE_URL, { max: 10 });
  // An idle client dropped by the server (restart, failover) must not crash the process.
  pool.on("error", (err) => logger.warn({ err }, "idle Postgres client error"));
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: false });
  redis.on("error", (err) => logger.warn({ err }, "redis connection error"));
  const queues =
    options.queues ??
    createQueues({ connection: { url: env.REDIS_URL }, prefix: env.FINETRACE_QUEUE_PREFIX });
  const useCases = { pool, queues, log: logger, estimateBatchSize: env.API_ESTIMATE_BATCH_SIZE };
  const services: ApiServices = { env, prisma, pool, queues, logger, useCases };

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

  const metrics = createMetrics();
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  // Keep idle connections longer than common load balancers (60 s) so that a client never reuses
  // a socket the server is closing (ECONNRESET); headersTimeout must exceed keepAliveTimeout.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;

  const armor = new ApolloArmor({
    maxDepth: { n: env.API_MAX_DEPTH, flattenFragments: true },
    costLimit: { maxCost: env.API_MAX_COST, flattenFragments: true },
    maxAliases: { n: 20 },
    maxDirectives: { n: 20 },
    // Counts tokens of the document only; large batches travel as variables.
    maxTokens: { n: 5000 },
    blockFieldSuggestion: { enabled: production },
  });
  const protection = armor.protect();
  const landingPage = env.API_LANDING_PAGE ?? !production;

  const apollo = new ApolloServer<ApiContext>({
    schema: buildSchema(),
    introspection: env.API_INTROSPECTION ?? !production,
    logger,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ...protection.plugins,
      metrics.apolloPlugin,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...(landingPage ? [] : [ApolloServerPluginLandingPageDisabled()]),
    ],
    validationRules: protection.validationRules,
    formatError: (formatted, error) => {
      if (formatted.extensions?.code === "INTERNAL_SERVER_ERROR") {
        logger.error({ err: error }, "unexpected error in a GraphQL operation");
        if (production) return { ...formatted, message: "internal server error" };
      }
      return formatted;
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
        return `down: ${(err as Error).message}`;
      }
    };
    const [postgres, redisStatus] = await Promise.all([
      check(() => pool.query("SELECT 1")),
      check(() => redis.ping()),
    ]);
    const ok = postgres === "ok" && redisStatus === "ok";
    res.status(ok ? 200 : 503).json({ status: ok ? "ok" : "down", postgres, redis: redisStatus });
  });

  app.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use(
    "/graphql",
    express.json({ limit: env.API_MAX_BODY_BYTES }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<ApiContext> => {
        const key = bearerKey(req.headers.authorization);
        if (!key) throw unauthenticated();
        const principal = await authenticateApiKey(prisma, key);
        if (!principal) throw unauthenticated();
        try {
          await rateLimiter.consume(principal.keyId);
        } catch (e) {
          if (e instanceof RateLimiterRes) throw rateLimited(Math.ceil(e.msBeforeNext / 1000));
          throw e;
        }
        return { principal, services, loaders: createLoaders(prisma, principal.organizationId) };
      },
    }),
  );

  // Body-parser failures (too large, bad JSON) answered in the GraphQL error shape.
  const bodyErrors: ErrorRequestHandler = (err, _req, res, next) => {
    const status = typeof err?.status === "number" ? err.status : 500;
    if (status === 413) {
      res.status(413).json({
        errors: [
          {
            message: `request body exceeds ${env.API_MAX_BODY_BYTES} bytes (API_MAX_BODY_BYTES); split the batch`,
            extensions: { code: "PAYLOAD_TOO_LARGE" },
          },
        ],
      });
      return;
    }
    if (status === 400) {
      res.status(400).json({
        errors: [
          {
            message: `malformed request body: ${err.message}`,
            extensions: { code: "BAD_REQUEST" },
          },
        ],
      });
      return;
    }
    next(err);
  };
  app.use(bodyErrors);

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
          prisma.$disconnect(),
          pool.end(),
          redis.quit(),
          options.queues ? Promise.resolve() : queues.close(),
        ]);
      })();
      return closing;
    },
  };
}
