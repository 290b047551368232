import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { quoteIdent, withDatabase, withMaintenanceClient } from "../connection.js";
import { defaultServerUrl } from "../testing/template.js";
import { readMigrationFolders } from "./files.js";
import { migrate } from "./migrate.js";

const name = `finetrace_migrate_${randomBytes(6).toString("hex")}`;
const databaseUrl = withDatabase(defaultServerUrl(), name);

afterAll(async () => {
  await withMaintenanceClient(databaseUrl, (c) =>
    c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
  );
});

describe("migrate", () => {
  it("creates the missing database, applies every migration once, and records them like prisma migrate deploy", async () => {
    const folders = await readMigrationFolders();
    expect(folders.length).toBeGreaterThan(0);

    const first = await migrate(databaseUrl);
    expect(first.applied).toEqual(folders.map((f) => f.name));

    const second = await migrate(databaseUrl);
    expect(second.applied).toEqual([]);

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const rows = await client.query<{
        migration_name: string;
        checksum: string;
        finished_at: Date | null;
      }>(
        "SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name",
      );
      // prisma migrate deploy stores the SHA-256 (hex) of each migration.sql.
      expect(rows.rows.map((r) => [r.migration_name, r.checksum])).toEqual(
        folders.map((f) => [f.name, createHash("sha256").update(f.sql).digest("hex")]),
      );
      expect(rows.rows.every((r) => r.finished_at instanceof Date)).toBe(true);
      const tables = await client.query<{ tablename: string }>(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
      );
      expect(tables.rows.map((r) => r.tablename)).toEqual([
        "ApiKey",
        "CloudRegion",
        "ContractualInstrument",
        "EmissionsRollup",
        "Estimate",
        "FineTuneRun",
        "GridIntensityHour",
        "GridIntensityLoad",
        "GridZone",
        "InferenceUsage",
        "InstrumentAllocation",
        "Organization",
        "ProvenanceDocument",
        "Report",
        "ReportVersion",
        "ResidualMixFactor",
        "_prisma_migrations",
      ]);
    } finally {
      await client.end();
    }
  });
});
