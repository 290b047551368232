/**
 * The column lists the write paths build their SQL from (disclosure columns of FineTuneRun,
 * estimate columns of Estimate) against the tables the migrations create: a column added to the
 * schema and not to the list, or the reverse, fails here.
 */
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "../client.js";
import { ESTIMATE_COLUMNS } from "../queries/estimates.js";
import { createTestDatabase, type TestDatabase } from "../testing/index.js";
import { DISCLOSURE_COLUMN_TYPES, DISCLOSURE_COLUMNS } from "./disclosure-columns.js";

let db: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.databaseUrl);
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

async function columns(table: string): Promise<Map<string, string>> {
  const { rows } = await pool.query<{ column_name: string; udt_name: string }>(
    `SELECT column_name, udt_name FROM information_schema.columns WHERE table_name = $1`,
    [table],
  );
  return new Map(rows.map((r) => [r.column_name, r.udt_name]));
}

/** Postgres udt_name of each array type the lists use. */
const UDT: Record<string, string> = {
  text: "text",
  bigint: "int8",
  int4: "int4",
  float8: "float8",
  timestamptz: "timestamptz",
  jsonb: "jsonb",
};

describe("column lists agree with the migrated tables", () => {
  it("every disclosure field is a FineTuneRun column of the declared type", async () => {
    const table = await columns("FineTuneRun");
    for (const c of DISCLOSURE_COLUMNS) {
      expect(table.get(c), c).toBe(UDT[DISCLOSURE_COLUMN_TYPES[c]]);
    }
    // Columns of FineTuneRun that are not disclosure fields: identity, status and chain link.
    const other = [...table.keys()].filter((c) => !(DISCLOSURE_COLUMNS as string[]).includes(c));
    expect(other.sort()).toEqual(
      [
        "externalId",
        "failureReason",
        "id",
        "organizationId",
        "previousRunId",
        "status",
        "submittedAt",
        "updatedAt",
      ].sort(),
    );
  });

  it("the estimate writer's columns are exactly Estimate's, less the defaulted ones", async () => {
    const table = await columns("Estimate");
    const written = ESTIMATE_COLUMNS.map(([c]) => c as string);
    // The Scope 2 columns are written by the Scope 2 computation, not the estimate writer.
    const scope2 = [
      "marketBasedCarbonKgCo2e",
      "instrumentEnergyKwh",
      "residualMixUnavailable",
      "renewableEnergyKwh",
      "carbonFreeEnergyKwh",
      "shiftSavingKgCo2e",
      "shiftBestStartUtc",
    ];
    const defaulted = ["isCurrent", "createdAt", "provenanceHash", ...scope2];
    expect([...written, ...defaulted].sort()).toEqual([...table.keys()].sort());
  });
});
