/**
 * Every summable quantity has an EmissionsRollup column with the numeric scale of its Estimate
 * column (the rollup's sums then print exactly as the raw sums), and every value column the
 * upkeep writes exists. A quantity added to `summableQuantities` without its rollup column fails
 * here (and the estimate writer, whose delta names it).
 */
import { scope2Quantities, summableQuantities } from "@finetrace/estimator";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "../client.js";
import { createTestDatabase, type TestDatabase } from "../testing/index.js";
import { ROLLUP_VALUE_COLUMNS } from "./emissions-rollup.js";

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

async function columns(table: string): Promise<Map<string, number | null>> {
  const { rows } = await pool.query<{ column_name: string; numeric_scale: number | null }>(
    `SELECT column_name, numeric_scale FROM information_schema.columns WHERE table_name = $1`,
    [table],
  );
  return new Map(rows.map((r) => [r.column_name, r.numeric_scale]));
}

describe("EmissionsRollup columns", () => {
  it("has one column per summable and Scope 2 quantity, of the Estimate column's scale", async () => {
    const rollup = await columns("EmissionsRollup");
    const estimate = await columns("Estimate");
    expect(summableQuantities.length).toBeGreaterThanOrEqual(9);
    expect(scope2Quantities.length).toBe(4);
    for (const q of [...summableQuantities, ...scope2Quantities]) {
      expect(rollup.has(q), `EmissionsRollup."${q}" is missing`).toBe(true);
      expect(rollup.get(q), `scale of EmissionsRollup."${q}"`).toBe(estimate.get(q));
    }
  });

  it("has every value column the upkeep writes", async () => {
    const rollup = await columns("EmissionsRollup");
    for (const [c] of ROLLUP_VALUE_COLUMNS) expect(rollup.has(c), c).toBe(true);
    // useLifeDays (scale 6) x inferencesPerDay (scale 6) = scale 12.
    expect(rollup.get("useProjectedInferences")).toBe(12);
  });
});
