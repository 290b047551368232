/**
 * Connection factories: Prisma (through the `@prisma/adapter-pg` driver adapter, no native
 * engine) for ordinary reads and writes, and a plain `pg.Pool` for COPY and hand-written SQL.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.js";

/**
 * A PrismaClient for `databaseUrl` (postgresql:// URL). Call `$disconnect()` when done.
 * Options are passed to `PrismaClient` (e.g. `log`), except `adapter`.
 */
export function createPrismaClient(
  databaseUrl: string,
  options: { log?: ("query" | "info" | "warn" | "error")[] } = {},
): PrismaClient {
  return new PrismaClient({ ...options, adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

/**
 * A `pg.Pool` for `databaseUrl`. `config` overrides pool settings (e.g. `max`). Call `end()` when done.
 * Idle-client errors never crash the process (see below).
 */
export function createPool(
  databaseUrl: string,
  config: Omit<pg.PoolConfig, "connectionString"> = {},
): pg.Pool {
  const pool = new pg.Pool({ ...POOL_DEFAULTS, ...config, connectionString: databaseUrl });
  // An idle client whose backend goes away (restart, pg_terminate_backend, a dropped test
  // database) is discarded by the pool, which then emits 'error': without a listener that would
  // be an uncaught exception. Processes add their own logging listener; queries in flight still
  // reject with the error.
  pool.on("error", () => undefined);
  return pool;
}

/**
 * Session settings of every pool. Bounds on waiting, so a connection lost in an odd state fails
 * the job or request (which is retried) instead of hanging it forever while it holds its lock: a
 * new connection must be up within 10 s, and no statement may run longer than 5 minutes
 * (server-side `statement_timeout`;
 * the longest legitimate statement, a grid COPY of many zone-years, takes seconds). TCP
 * keep-alive detects a peer that vanished without closing the socket.
 */
const POOL_DEFAULTS = {
  connectionTimeoutMillis: 10_000,
  statement_timeout: 300_000,
  keepAlive: true,
  // No JIT compilation (PostgreSQL manual, "Just-in-Time Compilation": it pays off for long,
  // CPU-bound queries). The planner's cost of a keyset page with a per-run estimate probe
  // (~165,000 for a 1 ms statement) crosses jit_above_cost (100,000), and compiling then took
  // 18 ms warm and seconds on a cold server (a CI timeout); the long aggregations JIT would help
  // are served by the rollup (docs/adr/0080-emissions-rollup.md).
  options: "-c jit=off",
} satisfies pg.PoolConfig;
