/**
 * Acceptance: 10,000 runs through the real queue, every run ESTIMATED with the values the
 * estimator gives when called directly; an invalid payload fails with its reason and writes
 * nothing; duplicate and overlapping jobs write each estimate once; chained runs get the
 * interval to their successor as use life, and a successor's arrival re-estimates the
 * predecessor while keeping its old estimate as history.
 */
import { join } from "node:path";
import { loadGridIntensityCsv } from "@finetrace/db";
import { estimateNormalized, normalizeDisclosure, type RunDisclosure } from "@finetrace/estimator";
import { enqueueEstimateRuns, storeRunSubmissions } from "@finetrace/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type WorkerHandle } from "./start-worker.js";
import {
  createHarness,
  createOrganization,
  type Harness,
  makeDisclosures,
  statusCounts,
  waitFor,
} from "./testing/harness.js";

const DATA_DIR = join(import.meta.dirname, "../../../data/electricitymaps-hourly");

let h: Harness;
let worker: WorkerHandle;
let organizationId: string;

beforeAll(async () => {
  h = await createHarness({ WORKER_CONCURRENCY: "2", WORKER_ESTIMATE_BATCH_SIZE: "1000" });
  // Hourly data for DE 2023 only: DE runs get hourly intensity, FR/SE/GB runs the annual average.
  await loadGridIntensityCsv(h.pool, { path: join(DATA_DIR, "DE_2023_hourly.csv.gz") });
  organizationId = await createOrganization(h.pool, "acme");
  worker = await startWorker(h.env, { schedulers: false });
});

afterAll(async () => {
  await worker?.close();
  await h?.close();
});

/** The estimate computed directly (no queue, no worker), with intensity read straight from SQL. */
async function expectedEstimate(disclosure: RunDisclosure) {
  const inputs = normalizeDisclosure(disclosure);
  const { rows } = await h.pool.query<{ start: number; mean: number; hour: Date }>(
    `SELECT s."lifecycleIntensityGPerKwh" AS start, s."hourUtc" AS hour,
            (SELECT avg(m."lifecycleIntensityGPerKwh") FROM "GridIntensityHour" m
             WHERE m."zoneId" = s."zoneId" AND m."hourUtc" >= s."hourUtc"
               AND m."hourUtc" < $3::timestamptz) AS mean
     FROM "GridIntensityHour" s
     WHERE s."zoneId" = $1 AND s."hourUtc" = date_trunc('hour', $2::timestamptz, 'UTC')`,
    [
      inputs.gridZone,
      inputs.startTimeUtc,
      new Date(
        Math.max(
          Math.ceil(
            (Date.parse(inputs.startTimeUtc) + inputs.reservedDurationHours * 3_600_000) /
              3_600_000,
          ) * 3_600_000,
          Math.floor(Date.parse(inputs.startTimeUtc) / 3_600_000) * 3_600_000 + 3_600_000,
        ),
      ),
    ],
  );
  const row = rows[0];
  return estimateNormalized(
    inputs,
    row
      ? {
          startHourIntensityGPerKwh: row.start,
          meanIntensityGPerKwh: Number(row.mean),
          hourUtc: row.hour.toISOString(),
          signal: "life-cycle",
        }
      : null,
  );
}

describe("estimate-runs through the queue", () => {
  it("estimates 10,000 submitted runs, each exactly once, with the estimator's values", async () => {
    const items = makeDisclosures(10_000);
    const { runIds } = await storeRunSubmissions(h.pool, organizationId, items);
    const jobs = await enqueueEstimateRuns(h.queues, runIds, { batchSize: 1000 });
    expect(jobs).toBe(10);
    // The same runs again, and overlapping batches of another size: no duplicate estimates.
    await enqueueEstimateRuns(h.queues, runIds.slice(0, 2500), { batchSize: 700 });

    await waitFor(
      "10,000 runs ESTIMATED",
      async () => (await statusCounts(h.pool)).ESTIMATED === 10_000,
    );
    await waitFor("queue drained", async () => {
      const counts = await h.queues.estimateRuns.getJobCounts("waiting", "active", "delayed");
      return Object.values(counts).every((n) => n === 0);
    });
    const { rows: counts } = await h.pool.query<{
      estimates: number;
      runs: number;
      current: number;
    }>(
      `SELECT count(*)::int AS estimates, count(DISTINCT "runId")::int AS runs,
              count(*) FILTER (WHERE "isCurrent")::int AS current FROM "Estimate"`,
    );
    expect(counts[0]).toEqual({ estimates: 10_000, runs: 10_000, current: 10_000 });

    // Spot-check every 499th run (DE ones hourly, the others annual fallback).
    const byExternalId = new Map(items.map((i) => [i.externalId, i.disclosure]));
    const { rows: sample } = await h.pool.query<{
      externalId: string;
      totalCarbonKgCo2e: string;
      totalWaterLiters: string;
      facilityEnergyKwh: string;
      intensitySource: string;
      startHourIntensityGPerKwh: string;
    }>(
      `SELECT r."externalId", e."totalCarbonKgCo2e"::text, e."totalWaterLiters"::text,
              e."facilityEnergyKwh"::text, e."intensitySource"::text,
              e."startHourIntensityGPerKwh"::text
       FROM "FineTuneRun" r JOIN "Estimate" e ON e."runId" = r."id" AND e."isCurrent"
       WHERE split_part(r."externalId", '-', 3)::int % 499 = 0`,
    );
    expect(sample).toHaveLength(21); // i = 0, 499, ..., 9980
    const sources = new Set<string>();
    for (const stored of sample) {
      const expected = await expectedEstimate(byExternalId.get(stored.externalId) as RunDisclosure);
      sources.add(stored.intensitySource);
      expect(stored.intensitySource).toBe(expected.intensity.source.replace("-", "_"));
      expect(Number(stored.startHourIntensityGPerKwh)).toBeCloseTo(
        expected.intensity.startHourIntensityGPerKwh,
        5,
      );
      expect(Number(stored.facilityEnergyKwh)).toBeCloseTo(expected.facilityEnergyKwh, 8);
      expect(Number(stored.totalCarbonKgCo2e)).toBeCloseTo(expected.totalCarbonKgCo2e, 8);
      expect(Number(stored.totalWaterLiters)).toBeCloseTo(expected.totalWaterLiters, 8);
    }
    expect([...sources].sort()).toEqual(["annual_zone", "hourly"]);

    // Provenance is content-addressed: each distinct document once, every estimate's hash stored
    // (the document equal to the estimator's provenance), documents shared across batches.
    const { rows: documents } = await h.pool.query<{
      documents: number;
      referenced: number;
      missing: number;
    }>(
      `SELECT (SELECT count(*)::int FROM "ProvenanceDocument") AS documents,
              count(DISTINCT e."provenanceHash")::int AS referenced,
              count(*) FILTER (WHERE d."hash" IS NULL)::int AS missing
       FROM "Estimate" e LEFT JOIN "ProvenanceDocument" d ON d."hash" = e."provenanceHash"`,
    );
    expect(documents[0]?.missing).toBe(0);
    expect(documents[0]?.documents).toBe(documents[0]?.referenced);
    expect(documents[0]?.documents).toBeLessThan(100); // 10,000 estimates in 10 batches
    const first = sample[0] as (typeof sample)[number];
    const { rows: stored } = await h.pool.query<{ document: unknown }>(
      `SELECT d."document" FROM "FineTuneRun" r
       JOIN "Estimate" e ON e."runId" = r."id" AND e."isCurrent"
       JOIN "ProvenanceDocument" d ON d."hash" = e."provenanceHash"
       WHERE r."externalId" = $1`,
      [first.externalId],
    );
    const expectedFirst = await expectedEstimate(
      byExternalId.get(first.externalId) as RunDisclosure,
    );
    expect(stored[0]?.document).toEqual(expectedFirst.inputs.provenance);

    // Prometheus: the 10 batches plus the overlapping ones, 10,000 runs estimated.
    const metrics = await (await fetch(`http://127.0.0.1:${worker.metricsPort}/metrics`)).text();
    const processed = Number(
      /finetrace_worker_jobs_processed_total\{queue="estimate-runs"\} (\d+)/.exec(metrics)?.[1],
    );
    expect(processed).toBeGreaterThanOrEqual(10);
    expect(metrics).toContain('finetrace_worker_runs_total{outcome="estimated"} 10000');
    expect(metrics).toMatch(
      /finetrace_worker_job_duration_seconds_count\{queue="estimate-runs"\} \d+/,
    );
  });

  it("fails an invalid payload once, with its reason, and writes nothing", async () => {
    const before = await h.pool.query(`SELECT count(*)::int AS n FROM "Estimate"`);
    const job = await h.queues.estimateRuns.add("estimate-runs", {
      runIds: ["not-a-run-id"],
      reason: "submitted",
    });
    await waitFor("invalid job failed", async () => (await job.getState()) === "failed");
    const failed = await h.queues.estimateRuns.getJob(job.id as string);
    expect(failed?.failedReason).toBe(
      "invalid estimate-runs payload: runIds.0: must be a run id (uuid)",
    );
    expect(failed?.attemptsMade).toBe(1); // not retried although attempts = 8
    const after = await h.pool.query(`SELECT count(*)::int AS n FROM "Estimate"`);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it("marks a run that cannot be estimated FAILED with the reason; its batch still lands", async () => {
    const { runIds } = await storeRunSubmissions(h.pool, organizationId, [
      {
        externalId: "bad-gpu",
        disclosure: { baseModel: "Llama 2", gpuModel: "Abacus 9000", reservedDurationHours: 2 },
      },
      ...makeDisclosures(3, { seed: 2 }),
    ]);
    await enqueueEstimateRuns(h.queues, runIds, { batchSize: 10 });
    await waitFor("batch handled", async () => {
      const { rows } = await h.pool.query(
        `SELECT 1 FROM "FineTuneRun" WHERE "id" = ANY($1::uuid[]) AND "status" = 'PENDING'`,
        [runIds],
      );
      return rows.length === 0;
    });
    const { rows } = await h.pool.query<{
      externalId: string;
      status: string;
      failureReason: string | null;
    }>(
      `SELECT "externalId", "status", "failureReason" FROM "FineTuneRun"
       WHERE "id" = ANY($1::uuid[]) ORDER BY "externalId"`,
      [runIds],
    );
    expect(rows.map((r) => r.status)).toEqual(["FAILED", "ESTIMATED", "ESTIMATED", "ESTIMATED"]);
    expect(rows[0]?.failureReason).toMatch(/^gpuModel: /);
  });

  it("uses the interval to the next run of a chain as use life, and re-estimates the predecessor", async () => {
    const chain = (day: number): { externalId: string; disclosure: RunDisclosure } => ({
      externalId: `chain-day-${day}`,
      disclosure: {
        baseModel: "Llama 2",
        gpuModel: "Nvidia A100 80GB",
        gpuCount: 8,
        serverCount: 1,
        gridZone: "DE",
        reservedDurationHours: 2,
        startTime: `2023-07-0${day}T02:00:00Z`,
        inferencesPerDay: 1000,
        useLifeDays: 30,
        chainId: "support-bot-daily",
      },
    });
    const first = await storeRunSubmissions(h.pool, organizationId, [chain(1), chain(2)]);
    await enqueueEstimateRuns(h.queues, first.runIds, { batchSize: 10 });
    const useLives = async () =>
      (
        await h.pool.query<{ externalId: string; useLifeDays: string; history: number }>(
          `SELECT r."externalId", e."useLifeDays"::text,
                  (SELECT count(*)::int FROM "Estimate" x WHERE x."runId" = r."id") AS history
           FROM "FineTuneRun" r JOIN "Estimate" e ON e."runId" = r."id" AND e."isCurrent"
           WHERE r."chainId" = 'support-bot-daily' AND r."status" = 'ESTIMATED' ORDER BY r."startTime"`,
        )
      ).rows;
    await waitFor("two chain runs estimated", async () => (await useLives()).length === 2);
    // Day 1 -> day 2 is 1 day; day 2 has no successor yet: its disclosed 30 days.
    expect((await useLives()).map((r) => [r.externalId, Number(r.useLifeDays)])).toEqual([
      ["chain-day-1", 1],
      ["chain-day-2", 30],
    ]);

    const second = await storeRunSubmissions(h.pool, organizationId, [chain(3)]);
    expect(second.reestimatedRunIds).toEqual([first.runIds[1]]);
    await enqueueEstimateRuns(h.queues, [...second.runIds, ...second.reestimatedRunIds], {
      batchSize: 10,
    });
    await waitFor("day 2 re-estimated", async () => (await useLives()).length === 3);
    await waitFor("day 2 use life updated", async () =>
      (await useLives()).every(
        (r) => r.externalId === "chain-day-3" || Number(r.useLifeDays) === 1,
      ),
    );
    const rows = await useLives();
    expect(rows.map((r) => [r.externalId, Number(r.useLifeDays), r.history])).toEqual([
      ["chain-day-1", 1, 1],
      ["chain-day-2", 1, 2], // the 30-day estimate stays as history
      ["chain-day-3", 30, 1],
    ]);
  });
});
