/**
 * EmissionsRollup equals the raw sums (docs/adr/0080-emissions-rollup.md): random runs go through
 * the real use cases (submitRuns, estimateRunBatch, a shared grid load that re-estimates fallback
 * runs, resubmissions that change a run, chain successors that re-estimate their predecessors),
 * and after each step `aggregateEmissions` from the rollup returns exactly the decimal strings of
 * the raw scan for every combination of dimensions, in an organization whose reporting time zone
 * has DST (Europe/Paris), in UTC and in America/New_York, over a year and over an odd whole-hour
 * period, also for the Scope 2 sums (market-based, renewable, carbon-free, shift) that
 * `computeScope2` writes after the estimates. A time zone with a half-hour offset (Asia/Kolkata) is served raw, and says so.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  aggregateEmissions,
  createPool,
  type EmissionsDimension,
  emissionsDimensions,
} from "@finetrace/db";
import { createTestDatabase, type TestDatabase } from "@finetrace/db/testing";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceDeps } from "../deps.js";
import { loadSharedGridIntensity } from "../grid/load-grid-intensity.js";
import { createQueues, type FinetraceQueues } from "../jobs/queues.js";
import { type RunItem, submitRuns } from "../runs/submit-runs.js";
import { recordInstruments } from "../scope2/instruments.js";
import { ELECTRICITY_MAPS_CSV_HEADER, silentLog } from "../testing/fixtures.js";
import { estimateRunBatch } from "./estimate-batch.js";

let db: TestDatabase;
let pool: pg.Pool;
let queues: FinetraceQueues;
let deps: ServiceDeps;
let dir: string;
let orgId: string;

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20241027);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

const ZONES = ["DE", "FR", "SE", "US-NW-PACW"] as const;
const GPUS = ["A100 SXM4 80 GB", "H100 SXM5 80 GB", "Tesla V100"] as const;
const MODELS = ["Llama 2", "Mistral 7B", "BERT base"] as const;
/** Instants near Paris' DST changes (2024-03-31T01:00Z, 2024-10-27T01:00Z) and month ends. */
const HOT_SPOTS = [
  "2024-03-31T00:30:00Z",
  "2024-03-31T01:30:00Z",
  "2024-10-27T00:30:00Z",
  "2024-10-27T01:30:00Z",
  "2024-02-29T23:10:00Z",
  "2024-07-31T22:20:00Z",
  "2024-12-31T23:40:00Z",
];

function randomStart(): string {
  if (random() < 0.3) return pick(HOT_SPOTS);
  const ms = Date.UTC(2024, 0, 1) + Math.floor(random() * 366 * 86_400_000);
  return new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
}

function randomItem(externalId: string, chainId?: string): RunItem["disclosure"] {
  return {
    baseModel: pick(MODELS),
    gridZone: pick(ZONES),
    gpuModel: pick(GPUS),
    gpuCount: 1 + Math.floor(random() * 16),
    startTime: randomStart(),
    reservedDurationHours: Math.round((0.5 + random() * 40) * 100) / 100,
    ...(chainId ? { chainId } : {}),
    ...(random() < 0.4
      ? {
          inferencesPerDay: Math.floor(random() * 5000),
          useLifeDays: 1 + Math.floor(random() * 400),
        }
      : {}),
    ...(externalId.endsWith("-m") ? { measuredEnergyKwh: Math.round(random() * 1e6) / 1e3 } : {}),
  };
}

async function submit(items: { externalId: string; disclosure: unknown }[]): Promise<void> {
  const result = await submitRuns(deps, {
    organizationId: orgId,
    items: items.map((it, index) => ({ index, ...it })),
  });
  expect(result.issues).toEqual([]);
}

/** Estimate every PENDING run (as the worker would), in batches of 64. */
async function estimatePending(): Promise<void> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT "id" FROM "FineTuneRun" WHERE "status" = 'PENDING' ORDER BY "id"`,
  );
  for (let i = 0; i < rows.length; i += 64) {
    await estimateRunBatch(
      deps,
      rows.slice(i, i + 64).map((r) => r.id),
    );
  }
  const left = await pool.query(`SELECT 1 FROM "FineTuneRun" WHERE "status" = 'PENDING'`);
  expect(left.rowCount).toBe(0);
}

/** Every subset of the dimensions (2^7 = 128), each in list order. */
const ALL_GROUPINGS: EmissionsDimension[][] = Array.from(
  { length: 1 << emissionsDimensions.length },
  (_, mask) => emissionsDimensions.filter((_, i) => mask & (1 << i)),
);

const PERIODS: { fromUtc: Date; toUtc: Date }[] = [
  { fromUtc: new Date("2024-01-01T00:00:00+01:00"), toUtc: new Date("2025-01-01T00:00:00+01:00") },
  { fromUtc: new Date("2024-03-30T05:00:00Z"), toUtc: new Date("2024-10-28T17:00:00Z") },
];

/** Compare rollup and raw for every grouping, period and time zone; returns the checks made. */
async function expectRollupEqualsRaw(timezones: readonly string[]): Promise<number> {
  let checks = 0;
  for (const timezone of timezones) {
    for (const period of PERIODS) {
      for (const groupBy of ALL_GROUPINGS) {
        const input = { organizationId: orgId, ...period, groupBy, timezone };
        const rollup = await aggregateEmissions(pool, input);
        const raw = await aggregateEmissions(pool, { ...input, path: "raw" });
        expect(rollup.servedBy, `${timezone} ${groupBy.join(",")}`).toBe("ROLLUP");
        expect(raw.servedBy).toBe("RAW");
        expect(rollup.groups, `${timezone} ${groupBy.join(",")}`).toEqual(raw.groups);
        expect(rollup.total).toEqual(raw.total);
        expect(rollup.totalScope2).toEqual(raw.totalScope2);
        expect(rollup.totalRanges).toEqual(raw.totalRanges);
        checks += 1;
      }
    }
  }
  return checks;
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.databaseUrl);
  queues = createQueues({
    connection: { url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" },
    prefix: `ft-test-rollup-${randomUUID()}`,
  });
  deps = { pool, queues, log: silentLog, estimateBatchSize: 1000 };
  dir = await mkdtemp(path.join(tmpdir(), "ft-rollup-"));
  orgId = (
    await pool.query<{ id: string }>(
      `INSERT INTO "Organization" ("id", "slug", "name", "updatedAt", "reportingTimezone")
       VALUES (gen_random_uuid(), 'paris', 'paris', now(), 'Europe/Paris') RETURNING "id"`,
    )
  ).rows[0]?.id as string;
  // 240 random runs: a tenth measured, 60 in 12 chains of 5.
  const items = Array.from({ length: 240 }, (_, i) => {
    const externalId = `r${i}${i % 10 === 3 ? "-m" : ""}`;
    return {
      externalId,
      disclosure: randomItem(externalId, i < 60 ? `chain-${i % 12}` : undefined),
    };
  });
  await submit(items);
  await estimatePending();
}, 120_000);

afterAll(async () => {
  await queues?.obliterate();
  await queues?.close();
  await pool?.end();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("EmissionsRollup = raw sums", () => {
  it("for every grouping after the first estimation (Paris with DST, UTC, New York)", async () => {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT sum("runCount")::int AS n FROM "EmissionsRollup" WHERE "grain" = 'day'`,
    );
    expect(rows[0]?.n).toBe(240);
    // 3 time zones x 2 periods x 128 groupings.
    expect(await expectRollupEqualsRaw(["Europe/Paris", "UTC", "America/New_York"])).toBe(768);
  }, 300_000);

  it("after a shared grid load re-estimates fallback runs with hourly intensity", async () => {
    const de = await pool.query<{ hour: Date }>(
      `SELECT DISTINCT date_trunc('hour', "startTimeUtc", 'UTC') AS hour FROM "Estimate"
       WHERE "gridZone" = 'DE' AND "isCurrent" AND "intensitySource" <> 'hourly'`,
    );
    expect(de.rows.length).toBeGreaterThan(5);
    const csv = de.rows
      .map((r) => r.hour.toISOString().replace("T", " ").slice(0, 19))
      .map((h, i) => `${h},Germany,Germany,DE,${100 + i},${200 + i * 3},50,40,test,false,\n`)
      .join("");
    const file = path.join(dir, "de.csv");
    await writeFile(file, ELECTRICITY_MAPS_CSV_HEADER + csv);
    await loadSharedGridIntensity(deps, [{ path: file }], { actor: "test" });
    await estimatePending();
    const hourly = await pool.query(
      `SELECT 1 FROM "Estimate" WHERE "gridZone" = 'DE' AND "isCurrent" AND "intensitySource" = 'hourly'`,
    );
    expect(hourly.rowCount).toBeGreaterThan(5);
    const retired = await pool.query(`SELECT 1 FROM "Estimate" WHERE NOT "isCurrent"`);
    expect(retired.rowCount).toBeGreaterThan(5);
    expect(await expectRollupEqualsRaw(["Europe/Paris"])).toBe(256);
  }, 300_000);

  it("after Scope 2 results are computed (market-based, renewable, shift)", async () => {
    // An annual GO pool for DE and an hourly PPA: computeScope2 writes every current estimate's
    // Scope 2 columns and applies the same change to the rollup in its transaction.
    await recordInstruments(
      pool,
      orgId,
      [
        {
          kind: "GO",
          gridZone: "DE",
          validFromUtc: "2024-01-01T00:00:00Z",
          validToUtc: "2025-01-01T00:00:00Z",
          energyMwh: 0.5,
          emissionFactorGPerKwh: 0,
          certificateId: "GO-DE-2024",
        },
        {
          kind: "PPA",
          gridZone: "FR",
          validFromUtc: "2024-07-01T00:00:00Z",
          validToUtc: "2024-08-01T00:00:00Z",
          energyMwh: 0.2,
          emissionFactorGPerKwh: 12,
          certificateId: "PPA-FR-2024-07",
        },
      ],
      { now: true },
    );
    const { rows } = await pool.query<{ n: number; shift: number }>(
      `SELECT sum("scope2RunCount")::int AS n, sum("shiftCoveredRuns")::int AS shift
       FROM "EmissionsRollup" WHERE "grain" = 'month'`,
    );
    // Every current estimate (240 runs) has its Scope 2 result; the DE hours loaded above cover
    // some runs' shift windows.
    expect(rows[0]?.n).toBe(240);
    const year = { organizationId: orgId, ...(PERIODS[0] as { fromUtc: Date; toUtc: Date }) };
    const total = await aggregateEmissions(pool, { ...year, groupBy: [], timezone: "UTC" });
    expect(Number(total.totalScope2.marketBasedCarbonKgCo2e)).toBeGreaterThan(0);
    expect(await expectRollupEqualsRaw(["Europe/Paris"])).toBe(256);
  }, 300_000);

  it("after resubmissions that move runs to other buckets and chain re-estimations", async () => {
    // 40 resubmitted runs with new figures (new start, zone, GPU...), then new successors in 6
    // chains: their predecessors are re-estimated (the chain rule bounds their use life).
    const moved = Array.from({ length: 40 }, (_, i) => {
      const externalId = `r${100 + i * 3}`;
      return { externalId, disclosure: randomItem(externalId) };
    });
    await submit(moved);
    await estimatePending();
    const before = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Estimate" WHERE NOT "isCurrent"`,
    );
    const successors = Array.from({ length: 6 }, (_, i) => ({
      externalId: `succ-${i}`,
      disclosure: {
        ...(randomItem(`succ-${i}`, `chain-${i}`) as object),
        startTime: "2024-12-30T12:00:00Z",
      },
    }));
    await submit(successors);
    await estimatePending();
    const after = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Estimate" WHERE NOT "isCurrent"`,
    );
    expect(after.rows[0]?.n).toBeGreaterThan(before.rows[0]?.n as number);
    expect(await expectRollupEqualsRaw(["Europe/Paris", "UTC"])).toBe(512);
  }, 300_000);

  it("serves a half-hour offset time zone raw and says so (Asia/Kolkata)", async () => {
    const input = {
      organizationId: orgId,
      ...(PERIODS[0] as { fromUtc: Date; toUtc: Date }),
      timezone: "Asia/Kolkata",
    };
    const month = await aggregateEmissions(pool, { ...input, groupBy: ["MONTH"] });
    expect(month.servedBy).toBe("RAW");
    // Without a time bucket only the period's ends must be whole hours: served by the rollup.
    const zones = await aggregateEmissions(pool, { ...input, groupBy: ["GRID_ZONE"] });
    expect(zones.servedBy).toBe("ROLLUP");
    // A period ending on a half hour is served raw.
    const odd = await aggregateEmissions(pool, {
      ...input,
      toUtc: new Date("2024-06-01T00:30:00Z"),
      groupBy: [],
    });
    expect(odd.servedBy).toBe("RAW");
    expect(month.total).toEqual(zones.total);
  });
});
