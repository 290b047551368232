/**
 * What every resolver receives: the authenticated key, per-request loaders scoped to its
 * organization, and the process-wide services.
 */
import type { ApiEnv } from "@finetrace/config";
import type { ApiKeyPrincipal, createPool, PrismaClient } from "@finetrace/db";
import type { FinetraceQueues, ServiceDeps } from "@finetrace/services";
import type { Logger } from "pino";
import type { EmissionsCache } from "./emissions-cache.js";
import type { Loaders } from "./loaders.js";
import type { PrincipalCache } from "./principal-cache.js";

/** Long-lived dependencies, created once per server. */
export interface ApiServices {
  env: ApiEnv;
  prisma: PrismaClient;
  /** Plain pg pool for aggregations and bulk statements. */
  pool: ReturnType<typeof createPool>;
  /**
   * Pool for dashboard reads (`emissions`, `runs` page order): DATABASE_READ_URL (a replica) or
   * the primary, with API_STATEMENT_TIMEOUT_MS on every statement.
   */
  readPool: ReturnType<typeof createPool>;
  queues: FinetraceQueues;
  logger: Logger;
  /** What the use cases (packages/services) need, built once from the above. */
  useCases: ServiceDeps;
  /** Authenticated keys in memory (docs/adr/0083-principal-cache.md). */
  principals: PrincipalCache;
  /** Rollup-served `emissions` answers in memory (docs/adr/0084-emissions-cache.md). */
  emissionsCache: EmissionsCache;
}

export interface ApiContext {
  principal: ApiKeyPrincipal;
  loaders: Loaders;
  services: ApiServices;
}
