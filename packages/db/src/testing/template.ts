/**
 * Test databases: one migrated template (with the reference grid zones and cloud regions seeded)
 * per migrations + reference-data hash, cloned per test file with
 * `CREATE DATABASE ... TEMPLATE` (a file copy, ~100 ms, versus seconds for migrating).
 */
import { randomBytes } from "node:crypto";
import { createPool } from "../client.js";
import { databaseName, quoteIdent, withDatabase, withMaintenanceClient } from "../connection.js";
import { migrationsHash } from "../migrations/files.js";
import { migrate } from "../migrations/migrate.js";
import { referenceDataHash, seedReferenceData } from "../seed.js";

/** Server used by tests: DATABASE_URL's host and credentials (its database name is ignored). */
export const defaultServerUrl = (): string =>
  process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/finetrace";

/** Session advisory lock key serializing template builds across processes (arbitrary constant). */
const templateLockKey = 7_412_001_337;

/** Name of the template database for the current migrations and reference data. */
export async function templateDatabaseName(): Promise<string> {
  return `finetrace_tpl_${await migrationsHash()}_${referenceDataHash()}`;
}

/**
 * Make sure the migrated template exists, building it once. Concurrent callers (vitest workers,
 * several processes) wait on a Postgres advisory lock; the template is built under a temporary
 * name and renamed when complete, so a crashed build never leaves a half-migrated template.
 * @returns the template's name.
 */
export async function ensureTemplateDatabase(serverUrl = defaultServerUrl()): Promise<string> {
  const template = await templateDatabaseName();
  await withMaintenanceClient(serverUrl, async (client) => {
    const exists = async () =>
      ((await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [template])).rowCount ??
        0) > 0;
    if (await exists()) return;
    await client.query("SELECT pg_advisory_lock($1)", [templateLockKey]);
    try {
      if (await exists()) return;
      const building = `${template}_building`;
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(building)} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${quoteIdent(building)}`);
      const buildingUrl = withDatabase(serverUrl, building);
      await migrate(buildingUrl);
      const pool = createPool(buildingUrl, { max: 1 });
      try {
        await seedReferenceData(pool);
      } finally {
        await pool.end();
      }
      await client.query(
        `ALTER DATABASE ${quoteIdent(building)} RENAME TO ${quoteIdent(template)}`,
      );
      await client.query(`ALTER DATABASE ${quoteIdent(template)} IS_TEMPLATE true`);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [templateLockKey]);
    }
  });
  return template;
}

/** A fresh database for one test file. */
export interface TestDatabase {
  /** postgresql:// URL of the new database. */
  databaseUrl: string;
  /** Drop the database (terminating its open connections). */
  drop(): Promise<void>;
}

/**
 * Clone the migrated template into a new database named `finetrace_test_<random>`.
 * Call `drop()` in `afterAll`.
 */
export async function createTestDatabase(
  options: { serverUrl?: string } = {},
): Promise<TestDatabase> {
  const serverUrl = options.serverUrl ?? defaultServerUrl();
  const template = await ensureTemplateDatabase(serverUrl);
  const name = `finetrace_test_${randomBytes(6).toString("hex")}`;
  await withMaintenanceClient(serverUrl, (client) =>
    client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`),
  );
  const databaseUrl = withDatabase(serverUrl, name);
  return {
    databaseUrl,
    drop: async () => {
      await withMaintenanceClient(serverUrl, async (client) => {
        // A pool's end() resolves before its sockets are closed: give closing sessions up to
        // 2 s to go, so WITH (FORCE) does not hit one (its 57P01 would surface as an unhandled
        // 'error' in the test process), then force whatever is still connected.
        for (let i = 0; i < 40; i++) {
          const { rows } = await client.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1",
            [databaseName(databaseUrl)],
          );
          if ((rows[0]?.n ?? 0) === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await client.query(
          `DROP DATABASE IF EXISTS ${quoteIdent(databaseName(databaseUrl))} WITH (FORCE)`,
        );
      });
    },
  };
}
