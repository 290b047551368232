/**
 * `emissions` over HTTP equals a direct SQL sum over the same runs, for each groupBy.
 */
import { insertEstimatedRuns } from "@finetrace/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, type Harness, startHarness, type TestOrg } from "./test/harness.js";

let h: Harness;
let org: TestOrg;

const FROM = "2024-01-01T00:00:00+01:00";
const TO = "2025-01-01T00:00:00+01:00";
const MODELS = ["llama-2-7b", "mistral-7b", "bert-base"];
const ZONES = ["FR", "DE", "US-NW-PACW", "IN-WE"];
const GPUS = ["A100-SXM4-40GB", "H100-SXM5-80GB"];

beforeAll(async () => {
  h = await startHarness();
  org = await h.createOrg("acme", "Europe/Paris");
  const other = await h.createOrg("other");
  // 120 runs spread over 2024 (and a few outside it), deterministic figures with 9 decimals.
  const runs = Array.from({ length: 120 }, (_, i) => ({
    externalId: `run-${i}`,
    // Every 73 hours from 2023-12-28: the first runs fall before the period, the last after.
    startTimeUtc: new Date(Date.UTC(2023, 11, 28) + i * 73 * 3_600_000).toISOString(),
    baseModel: MODELS[i % 3],
    gridZone: ZONES[i % 4],
    gpuModel: GPUS[i % 2],
    chainId: i % 5 === 0 ? `chain-${i % 3}` : null,
    itEnergyKwh: (i * 1.123456789).toFixed(9),
    facilityEnergyKwh: (i * 1.3 + 0.000000001).toFixed(9),
    operationalCarbonKgCo2e: ((i % 17) * 0.4321).toFixed(9),
    embodiedCarbonKgCo2e: ((i % 7) * 0.01).toFixed(9),
    onsiteWaterLiters: ((i % 11) * 2.5).toFixed(9),
    offsiteWaterLiters: ((i % 13) * 3.25).toFixed(9),
    embodiedWaterLiters: "0.411900000",
    useLifeDays: i % 4 === 0 ? "30" : "0",
    inferencesPerDay: i % 4 === 0 ? "500" : "0",
    imputedFieldCount: i % 9,
    provenanceFieldCount: 22,
  }));
  await insertEstimatedRuns(h.pool, org.id, runs);
  await insertEstimatedRuns(h.pool, other.id, [
    { externalId: "noise", startTimeUtc: "2024-06-01T00:00:00Z", facilityEnergyKwh: "1000" },
  ]);
});

afterAll(async () => {
  await h?.close();
});

/** Direct SQL, written independently of the API's query. */
const KEY_SQL: Record<string, { sql: string; field: string }> = {
  MONTH: { sql: `to_char("startTimeUtc" AT TIME ZONE 'Europe/Paris', 'YYYY-MM')`, field: "month" },
  WEEK: { sql: `to_char("startTimeUtc" AT TIME ZONE 'Europe/Paris', 'IYYY-"W"IW')`, field: "week" },
  DAY: { sql: `to_char("startTimeUtc" AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD')`, field: "day" },
  BASE_MODEL: { sql: `"baseModel"`, field: "baseModel" },
  GRID_ZONE: { sql: `"gridZone"`, field: "gridZone" },
  GPU_MODEL: { sql: `"gpuModel"`, field: "gpuModel" },
  CHAIN: { sql: `"chainId"`, field: "chainId" },
};

interface Figures {
  runCount: number;
  energyKwh: number;
  operationalCarbonKgCo2e: number;
  embodiedCarbonKgCo2e: number;
  totalCarbonKgCo2e: number;
  onsiteWaterLiters: number;
  offsiteWaterLiters: number;
  embodiedWaterLiters: number;
  totalWaterLiters: number;
  imputedShare: number;
  perInference: { carbonPerInferenceGCo2e: number } | null;
}

const FIGURES = `runCount energyKwh operationalCarbonKgCo2e embodiedCarbonKgCo2e totalCarbonKgCo2e
  onsiteWaterLiters offsiteWaterLiters embodiedWaterLiters totalWaterLiters imputedShare
  perInference { carbonPerInferenceGCo2e }`;

describe("emissions equals a direct SQL sum", () => {
  it.each(Object.keys(KEY_SQL))("grouped by %s", async (dimension) => {
    const { sql, field } = KEY_SQL[dimension] as { sql: string; field: string };
    const r = await gql<{
      emissions: {
        groups: { key: Record<string, string | null>; figures: Figures }[];
        total: Figures;
      };
    }>(
      h.server.url,
      org.keys.read,
      `query($from: DateTime!, $to: DateTime!, $groupBy: [EmissionsGroupBy!]!) {
        emissions(period: { from: $from, to: $to }, groupBy: $groupBy) {
          groups { key { ${field} } figures { ${FIGURES} } } total { ${FIGURES} } } }`,
      { from: FROM, to: TO, groupBy: [dimension] },
    );
    expect(r.errors).toEqual([]);
    const { rows } = await h.pool.query(
      `SELECT ${sql} AS key, count(*)::int AS n,
         sum("facilityEnergyKwh")::float8 AS energy, sum("operationalCarbonKgCo2e")::float8 AS op,
         sum("embodiedCarbonKgCo2e")::float8 AS emb, sum("totalCarbonKgCo2e")::float8 AS carbon,
         sum("onsiteWaterLiters")::float8 AS onsite, sum("offsiteWaterLiters")::float8 AS offsite,
         sum("embodiedWaterLiters")::float8 AS embw, sum("totalWaterLiters")::float8 AS water,
         sum("imputedFieldCount")::float8 / sum("provenanceFieldCount") AS share,
         (sum("totalCarbonKgCo2e") FILTER (WHERE "inferencesPerDayDisclosed") * 1000
           / nullif(sum("useLifeDays" * "inferencesPerDay") FILTER (WHERE "inferencesPerDayDisclosed"), 0))::float8 AS g_per_inf
       FROM "Estimate"
       WHERE "organizationId" = $1 AND "isCurrent" AND "startTimeUtc" >= $2 AND "startTimeUtc" < $3
       GROUP BY 1 ORDER BY 1 NULLS LAST`,
      [org.id, FROM, TO],
    );
    const groups = r.data?.emissions.groups ?? [];
    expect(groups.map((g) => g.key[field])).toEqual(rows.map((row) => row.key));
    groups.forEach((g, i) => {
      const row = rows[i];
      const f = g.figures;
      expect(f.runCount).toBe(row.n);
      expect(f.energyKwh).toBeCloseTo(row.energy, 6);
      expect(f.operationalCarbonKgCo2e).toBeCloseTo(row.op, 6);
      expect(f.embodiedCarbonKgCo2e).toBeCloseTo(row.emb, 6);
      expect(f.totalCarbonKgCo2e).toBeCloseTo(row.carbon, 6);
      expect(f.onsiteWaterLiters).toBeCloseTo(row.onsite, 6);
      expect(f.offsiteWaterLiters).toBeCloseTo(row.offsite, 6);
      expect(f.embodiedWaterLiters).toBeCloseTo(row.embw, 6);
      expect(f.totalWaterLiters).toBeCloseTo(row.water, 6);
      expect(f.imputedShare).toBeCloseTo(row.share, 9);
      if (row.g_per_inf === null) expect(f.perInference).toBeNull();
      else expect(f.perInference?.carbonPerInferenceGCo2e).toBeCloseTo(row.g_per_inf, 9);
    });
    // The total is the sum over the groups, and covers only the period's runs of this org.
    const total = r.data?.emissions.total;
    expect(total?.runCount).toBe(rows.reduce((s, row) => s + row.n, 0));
    expect(total?.energyKwh).toBeCloseTo(
      rows.reduce((s, row) => s + row.energy, 0),
      6,
    );
  });

  it("counts exactly the runs of 2024 in Paris time", async () => {
    // Run i starts at 2023-12-28T00:00Z + 73 h * i. 2024-01-01T00:00+01:00 = 2023-12-31T23:00Z
    // = 95 h after the first: i >= 2 (146 h). 2025-01-01T00:00+01:00 = 2024-12-31T23:00Z
    // = 8855 h after: i <= 121, capped by 119. So runs 2..119: 118 runs.
    const r = await gql<{ emissions: { total: { runCount: number } } }>(
      h.server.url,
      org.keys.read,
      `{ emissions(period: { from: "${FROM}", to: "${TO}" }) { total { runCount } } }`,
    );
    expect(r.data?.emissions.total.runCount).toBe(118);
  });

  it("rejects an inverted period, naming the field", async () => {
    const r = await gql(
      h.server.url,
      org.keys.read,
      `{ emissions(period: { from: "${TO}", to: "${FROM}" }) { total { runCount } } }`,
    );
    expect(r.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors[0]?.message).toContain("period.to");
  });

  it("says which path served it: the rollup for Paris months, raw for Kolkata months", async () => {
    // Paris months start on whole UTC hours (23:00Z or 22:00Z): the rollup serves them. Kolkata
    // months start at 18:30Z (+05:30): only the raw scan can cut them. Same 118 runs either way.
    const q = (
      tz: string,
    ) => `{ emissions(period: { from: "${FROM}", to: "${TO}" }, groupBy: [MONTH],
      timezone: "${tz}") { servedBy total { runCount energyKwh } } }`;
    type R = { emissions: { servedBy: string; total: { runCount: number; energyKwh: number } } };
    const paris = await gql<R>(h.server.url, org.keys.read, q("Europe/Paris"));
    const kolkata = await gql<R>(h.server.url, org.keys.read, q("Asia/Kolkata"));
    expect(paris.data?.emissions.servedBy).toBe("ROLLUP");
    expect(kolkata.data?.emissions.servedBy).toBe("RAW");
    expect(kolkata.data?.emissions.total).toEqual(paris.data?.emissions.total);
    expect(paris.data?.emissions.total.runCount).toBe(118);
  });
});
