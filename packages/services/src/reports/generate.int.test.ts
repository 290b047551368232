/**
 * Report versions and restatements against real Postgres and Redis: a first generation is
 * version 1; regenerating unchanged data adds no version; a grid load whose hours re-price runs
 * of the reported month leads, through the estimate-runs job, to a delayed restatement and then
 * version 2, with a diff naming the changed runs and the grid-data cause, while version 1 stays
 * byte for byte retrievable; versions are immutable in the database; a new contractual
 * instrument restates the month on the market-based basis (version 3, no run changed).
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPool, getReportVersion, listReportVersions } from "@finetrace/db";
import { createTestDatabase, type TestDatabase } from "@finetrace/db/testing";
import type { Job } from "bullmq";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceDeps } from "../deps.js";
import { estimateRunBatch } from "../estimation/estimate-batch.js";
import { loadSharedGridIntensity } from "../grid/load-grid-intensity.js";
import { estimateRunsJob } from "../jobs/definitions/estimate-runs.js";
import { monthlyReportJob } from "../jobs/definitions/monthly-report.js";
import type { JobDeps } from "../jobs/deps.js";
import { createQueues, type FinetraceQueues } from "../jobs/queues.js";
import { submitRuns } from "../runs/submit-runs.js";
import { recordInstruments } from "../scope2/instruments.js";
import { ELECTRICITY_MAPS_CSV_HEADER, silentLog } from "../testing/fixtures.js";
import { generateMonthlyReport } from "./generate.js";
import type { MonthlyReport } from "./model.js";
import { enqueueReportRestatementsOverlapping, RESTATEMENT_DELAY_MS } from "./restatements.js";
import type { ReportDiff } from "./versions.js";

const hour = (h: string, lca: number) =>
  `2024-03-05 ${h}:00:00,Germany,Germany,DE,${lca / 2},${lca},50,40,test,false,\n`;

let db: TestDatabase;
let pool: pg.Pool;
let queues: FinetraceQueues;
let deps: ServiceDeps;
let dir: string;
let organizationId: string;
let runIds: string[];

const run = (externalId: string, startTime: string) => ({
  baseModel: "Llama 2",
  gpuModel: "A100 SXM4 80 GB",
  gpuCount: 4,
  serverCount: 1,
  gridZone: "DE",
  startTime,
  reservedDurationHours: 2,
  externalId,
});

const sumOfRuns = async () =>
  (
    await pool.query<{ n: number; total: string; location: string }>(
      `SELECT count(*)::int AS n, sum("totalCarbonKgCo2e")::text AS total,
              sum("operationalCarbonKgCo2e")::text AS location
       FROM "Estimate" WHERE "organizationId" = $1 AND "isCurrent"
         AND "startTimeUtc" >= '2024-03-01T00:00:00Z' AND "startTimeUtc" < '2024-04-01T00:00:00Z'`,
      [organizationId],
    )
  ).rows[0] as { n: number; total: string; location: string };

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.databaseUrl);
  queues = createQueues({
    connection: { url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" },
    prefix: `ft-test-report-versions-${randomUUID()}`,
  });
  deps = { pool, queues, log: silentLog, estimateBatchSize: 100 };
  dir = await mkdtemp(path.join(tmpdir(), "ft-report-versions-"));
  organizationId = (
    await pool.query<{ id: string }>(
      `INSERT INTO "Organization" ("id", "slug", "name", "updatedAt")
       VALUES (gen_random_uuid(), 'acme', 'Acme', now()) RETURNING "id"`,
    )
  ).rows[0]?.id as string;
  const submitted = await submitRuns(deps, {
    organizationId,
    items: [run("de-a", "2024-03-05T10:00:00Z"), run("de-b", "2024-03-05T10:30:00Z")].map(
      ({ externalId, ...disclosure }, index) => ({ index, externalId, disclosure }),
    ),
  });
  runIds = submitted.accepted.map((a) => a.runId);
  await estimateRunBatch(deps, runIds);
});

afterAll(async () => {
  await queues?.obliterate();
  await queues?.close();
  await pool?.end();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("report versions and restatements", () => {
  let v1: { csv: string; pdf: Buffer; fingerprint: string; total: string };

  it("stores version 1; regenerating unchanged data adds no version", async () => {
    const first = await generateMonthlyReport(pool, { organizationId, period: "2024-03" });
    expect(first).toMatchObject({ version: 1, created: true, causes: ["initial"], runCount: 2 });
    const sums = await sumOfRuns();
    // Both runs priced at DE's annual intensity (no hourly data yet): the total is their sum.
    expect(first.totalCarbonKgCo2e).toBe(sums.total);

    const again = await generateMonthlyReport(pool, { organizationId, period: "2024-03" });
    expect(again).toMatchObject({ version: 1, created: false, causes: [] });
    expect(await listReportVersions(pool, { organizationId, period: "2024-03" })).toHaveLength(1);

    const stored = await getReportVersion(pool, { organizationId, period: "2024-03", version: 1 });
    if (!stored) throw new Error("version 1 missing");
    expect(stored.csv.split("\n")[1]).toMatch(/^2024-03,1,\d{4}-\d\d-\d\dT/);
    const model = stored.model as MonthlyReport;
    // Both runs priced at the annual fallback: all of the energy.
    expect(model.appendix.fallbackEnergyShare).toBe("1.000000000");
    expect(
      model.appendix.energyByIntensitySource.map((e) => [e.intensitySource, e.runCount]),
    ).toEqual([["annual_zone", 2]]);
    const bounds = (
      await pool.query<{ low: string; high: string }>(
        `SELECT sum("totalCarbonLowKgCo2e")::text AS low, sum("totalCarbonHighKgCo2e")::text AS high
         FROM "Estimate" WHERE "organizationId" = $1 AND "isCurrent"`,
        [organizationId],
      )
    ).rows[0];
    expect(model.ranges.totalCarbonKgCo2e).toEqual(bounds);
    // Every provenance field listed once per run (2 runs).
    expect(model.appendix.imputationByField.every((f) => f.runs === 2)).toBe(true);
    v1 = {
      csv: stored.csv,
      pdf: stored.pdf,
      fingerprint: stored.fingerprint,
      total: (stored.model as MonthlyReport).totals.totalCarbonKgCo2e,
    };
  });

  it("a grid load that re-prices the month's runs leads to version 2 naming them, with its cause", async () => {
    const file = path.join(dir, "de.csv");
    // Hourly data for 10:00..12:00 covers both runs (2 h from 10:00 and from 10:30).
    await writeFile(
      file,
      ELECTRICITY_MAPS_CSV_HEADER + hour("10", 100) + hour("11", 120) + hour("12", 140),
    );
    const load = await loadSharedGridIntensity(deps, [{ path: file }], { actor: "test" });
    expect(load.reestimatedRuns).toBe(2);

    // The worker's estimate-runs job re-estimates them and queues the month's restatement.
    await estimateRunsJob.handle(
      { runIds, reason: "intensity-loaded" },
      { deps: deps as JobDeps, job: {} as Job, log: silentLog },
    );
    const delayed = await queues.of(monthlyReportJob).getDelayed();
    expect(delayed.map((j) => j.data)).toEqual([
      { organizationId, period: "2024-03", trigger: "restatement" },
    ]);
    expect(delayed[0]?.opts.delay).toBe(RESTATEMENT_DELAY_MS);

    const second = await generateMonthlyReport(pool, {
      organizationId,
      period: "2024-03",
      trigger: "restatement",
    });
    expect(second).toMatchObject({ version: 2, created: true, causes: ["grid-data"] });
    const sums = await sumOfRuns();
    expect(second.totalCarbonKgCo2e).toBe(sums.total);
    expect(second.totalCarbonKgCo2e).not.toBe(v1.total);

    const stored = await getReportVersion(pool, {
      organizationId,
      period: "2024-03",
      version: null,
    });
    const diff = stored?.diff as ReportDiff;
    expect(stored?.version).toBe(2);
    expect(stored?.trigger).toBe("restatement");
    expect(diff.fromVersion).toBe(1);
    expect(diff.causes).toEqual(["grid-data"]);
    expect(diff.runs.map((r) => [r.externalId, r.change, r.causes])).toEqual([
      ["de-a", "re-estimated", ["grid-data"]],
      ["de-b", "re-estimated", ["grid-data"]],
    ]);
    expect(diff.gridLoads.map((l) => l.id)).toEqual(load.loadIds);
    const total = diff.figures.find(
      (f) => f.section === "total" && f.figure === "totalCarbonKgCo2e",
    );
    expect(total).toMatchObject({ previous: v1.total, current: sums.total, unit: "kgCO2e" });
    // The diff's run changes add up to the change of the total (exact NUMERIC strings).
    const delta = diff.runs.reduce(
      (s, r) => s + Number(r.totalCarbonKgCo2e) - Number(r.previousTotalCarbonKgCo2e),
      0,
    );
    expect(delta).toBeCloseTo(Number(sums.total) - Number(v1.total), 9);
    expect(stored?.html).toContain("Restatement: version 2 replaces version 1");
    // Now priced hourly: no energy at a fallback intensity.
    expect((stored?.model as MonthlyReport | undefined)?.appendix.fallbackEnergyShare).toBe(
      "0.000000000",
    );
  });

  it("keeps version 1 unchanged and retrievable, and refuses to edit a version", async () => {
    const first = await getReportVersion(pool, { organizationId, period: "2024-03", version: 1 });
    expect(first?.csv).toBe(v1.csv);
    expect(first?.pdf.equals(v1.pdf)).toBe(true);
    expect(first?.fingerprint).toBe(v1.fingerprint);
    expect(
      (await listReportVersions(pool, { organizationId, period: "2024-03" })).map((v) => [
        v.version,
        v.causes,
      ]),
    ).toEqual([
      [1, ["initial"]],
      [2, ["grid-data"]],
    ]);
    await expect(
      pool.query(`UPDATE "ReportVersion" SET "csv" = 'x' WHERE "version" = 1`),
    ).rejects.toMatchObject({ code: "23514" });
    const head = await pool.query(`SELECT "latestVersion", "status" FROM "Report"`);
    expect(head.rows).toEqual([{ latestVersion: 2, status: "READY" }]);
  });

  it("a new instrument restates the month on the market-based basis only", async () => {
    // A PPA at 0 gCO2e/kWh over 10:00..13:00 covers both runs' energy (a few kWh of 1 MWh).
    await recordInstruments(
      pool,
      organizationId,
      [
        {
          kind: "PPA",
          gridZone: "DE",
          validFromUtc: "2024-03-05T10:00:00Z",
          validToUtc: "2024-03-05T13:00:00Z",
          energyMwh: "1",
          emissionFactorGPerKwh: "0",
          certificateId: "PPA-DE-1",
        },
      ],
      { now: true },
    );
    const months = await enqueueReportRestatementsOverlapping(deps, {
      organizationId,
      fromUtc: new Date("2024-03-05T10:00:00Z"),
      toUtc: new Date("2024-03-05T13:00:00Z"),
    });
    expect(months).toEqual([{ organizationId, period: "2024-03" }]);
    const third = await generateMonthlyReport(pool, {
      organizationId,
      period: "2024-03",
      trigger: "restatement",
    });
    expect(third).toMatchObject({ version: 3, created: true, causes: ["market-based-inputs"] });
    const stored = await getReportVersion(pool, { organizationId, period: "2024-03", version: 3 });
    const diff = stored?.diff as ReportDiff;
    expect(diff.runs).toEqual([]);
    const market = diff.figures.find(
      (f) => f.section === "scope2" && f.figure === "marketBasedCarbonKgCo2e",
    );
    // Every kWh covered at 0 g/kWh: market-based 0; location-based unchanged (not in the diff).
    expect(Number(market?.current)).toBeCloseTo(0, 9);
    expect(diff.figures.some((f) => f.section === "total")).toBe(false);
    // Valid 3 h, within one calendar month: matched monthly (hourly needs a one-hour validity).
    expect(stored?.csv).toContain("instrument,PPA-DE-1,granularity,,MONTHLY");
  });
});
