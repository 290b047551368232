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
 */
export function createPool(
  databaseUrl: string,
  config: Omit<pg.PoolConfig, "connectionString"> = {},
): pg.Pool {
  return new pg.Pool({ ...config, connectionString: databaseUrl });
}
