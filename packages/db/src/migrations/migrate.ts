/**
 * `migrate`: apply `prisma/migrations` like `prisma migrate deploy`, without Prisma's native
 * engine (docs/adr/0001-wasm-schema-engine.md).
 */
import { ensureDatabase } from "../connection.js";
import { readMigrationList } from "./files.js";
import { noExternalObjects, withSchemaEngine } from "./schema-engine.js";

/**
 * Create the database if missing, then apply every migration of `prisma/migrations` not yet
 * recorded in its `_prisma_migrations` table (same table and checksums as `prisma migrate deploy`).
 * @param databaseUrl postgresql:// URL of the target database.
 * @param options.migrationsDir another migrations folder (tests).
 * @returns names of the migrations applied by this call (empty when up to date).
 * @throws Error from the engine when a migration fails or an applied one was edited.
 */
export async function migrate(
  databaseUrl: string,
  options: { migrationsDir?: string } = {},
): Promise<{ applied: string[] }> {
  await ensureDatabase(databaseUrl);
  const migrationsList = await readMigrationList(options.migrationsDir);
  const output = await withSchemaEngine(databaseUrl, [], (engine) =>
    engine.applyMigrations({ migrationsList, filters: noExternalObjects }),
  );
  return { applied: output.appliedMigrationNames };
}
