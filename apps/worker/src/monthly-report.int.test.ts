/**
 * The monthly report scheduler exists in Redis after start-up with the configured cron and
 * timezone; triggering it for a month produces one report per organization whose totals equal a
 * direct SQL sum over that month (cut in each organization's timezone); re-running the month
 * replaces the reports instead of duplicating them.
 */

import type { RunDisclosure } from "@finetrace/estimator";
import type { MonthlyReport } from "@finetrace/services";
import {
  enqueueEstimateRuns,
  enqueueMonthlyReportFanOut,
  storeRunSubmissions,
} from "@finetrace/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type WorkerHandle } from "./start-worker.js";
import {
  createHarness,
  createOrganization,
  type Harness,
  statusCounts,
  waitFor,
} from "./testing/harness.js";

let h: Harness;
let worker: WorkerHandle;
let paris: string;
let utc: string;

const run = (startTime: string, extra: Partial<RunDisclosure> = {}): RunDisclosure => ({
  baseModel: "Llama 2",
  gpuModel: "Nvidia A100 80GB",
  gpuCount: 4,
  serverCount: 1,
  gridZone: "FR",
  reservedDurationHours: 3,
  startTime,
  inferencesPerDay: 1000,
  useLifeDays: 90,
  ...extra,
});

beforeAll(async () => {
  h = await createHarness({ WORKER_MONTHLY_REPORT_TIMEZONE: "Europe/Paris" });
  worker = await startWorker(h.env);
  paris = await createOrganization(h.pool, "paris-lab", "Europe/Paris");
  utc = await createOrganization(h.pool, "utc-lab", "UTC");
  const parisRuns = await storeRunSubmissions(h.pool, paris, [
    // 2024-06-30T22:30Z is 2024-07-01 00:30 in Paris: in July for this organization.
    { externalId: "p1", disclosure: run("2024-06-30T22:30:00Z") },
    { externalId: "p2", disclosure: run("2024-07-15T12:00:00Z", { gridZone: "DE" }) },
    // 2024-07-31T22:30Z is August 1st in Paris: not in July.
    { externalId: "p3", disclosure: run("2024-07-31T22:30:00Z") },
    { externalId: "bot-1", disclosure: run("2024-07-10T02:00:00Z", { chainId: "bot" }) },
    { externalId: "bot-2", disclosure: run("2024-07-11T02:00:00Z", { chainId: "bot" }) },
  ]);
  const utcRuns = await storeRunSubmissions(h.pool, utc, [
    { externalId: "u1", disclosure: run("2024-06-30T22:30:00Z") }, // June in UTC
    { externalId: "u2", disclosure: run("2024-07-02T08:00:00Z", { gpuCount: 8 }) },
    { externalId: "u3", disclosure: run("2024-07-31T22:30:00Z") }, // July in UTC
  ]);
  // The chain served 2,000 inferences every day of July.
  await h.pool.query(
    `INSERT INTO "InferenceUsage" ("organizationId", "modelKey", "day", "inferenceCount", "updatedAt")
     SELECT $1::uuid, 'bot', d::date, 2000, now()
     FROM generate_series('2024-07-01'::date, '2024-07-31'::date, interval '1 day') AS d`,
    [paris],
  );
  await enqueueEstimateRuns(h.queues, [...parisRuns.runIds, ...utcRuns.runIds], { batchSize: 100 });
  await waitFor("8 runs estimated", async () => (await statusCounts(h.pool)).ESTIMATED === 8);
});

afterAll(async () => {
  await worker?.close();
  await h?.close();
});

async function directSum(organizationId: string, timezone: string) {
  const { rows } = await h.pool.query(
    `SELECT count(*)::int AS "runCount", sum("totalCarbonKgCo2e")::text AS carbon,
            sum("totalWaterLiters")::text AS water, sum("facilityEnergyKwh")::text AS energy
     FROM "Estimate"
     WHERE "organizationId" = $1 AND "isCurrent"
       AND "startTimeUtc" >= ('2024-07-01'::timestamp AT TIME ZONE $2)
       AND "startTimeUtc" < ('2024-08-01'::timestamp AT TIME ZONE $2)`,
    [organizationId, timezone],
  );
  return rows[0];
}

async function reports() {
  const { rows } = await h.pool.query(
    `SELECT "id", "organizationId", "period", "status", "runCount",
            "totalCarbonKgCo2e"::text AS carbon, "totalWaterLiters"::text AS water,
            "facilityEnergyKwh"::text AS energy, "generatedAt", "breakdown", "csv", "html", "pdf"
     FROM "Report" ORDER BY "organizationId"`,
  );
  return rows;
}

describe("monthly reports", () => {
  it("the cron scheduler is in Redis with the configured pattern and timezone", async () => {
    const scheduler = await h.queues.monthlyReportFanOut.getJobScheduler("monthly-report");
    expect(scheduler).toMatchObject({
      pattern: "0 0 1 * *",
      tz: "Europe/Paris",
      name: "monthly-report-fan-out",
    });
    // Its next firing is midnight on the 1st of a month, Paris time.
    const local = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Paris",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(new Date(scheduler?.next ?? 0));
    expect(local).toBe("01, 00:00");
  });

  it("one report per organization whose totals equal a direct SQL sum; re-running unchanged data adds no version", async () => {
    await enqueueMonthlyReportFanOut(h.queues, { period: "2024-07" });
    await waitFor(
      "two reports",
      async () => (await reports()).filter((r) => r.status === "READY").length === 2,
    );
    const first = await reports();
    expect(first).toHaveLength(2);
    for (const [organizationId, timezone, runCount] of [
      [paris, "Europe/Paris", 4], // p1, p2, bot-1, bot-2
      [utc, "UTC", 2], // u2, u3
    ] as const) {
      const report = first.find((r) => r.organizationId === organizationId);
      const direct = await directSum(organizationId, timezone);
      expect(direct.runCount).toBe(runCount);
      expect(report).toMatchObject({
        period: "2024-07",
        runCount,
        carbon: direct.carbon,
        water: direct.water,
        energy: direct.energy,
      });
      expect(report.csv).toMatch(
        new RegExp(`\n2024-07,1,[^,]+,total,,runCount,count,${runCount}\n`),
      );
      expect(report.html).toContain("<h1>Fine-tuning footprint, 2024-07</h1>");
      expect(report.pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    }

    const parisReport = first.find((r) => r.organizationId === paris);
    const breakdown = parisReport.breakdown as Omit<MonthlyReport, "organization" | "totals">;
    expect(breakdown.byDay.map((d) => d.key)).toEqual([
      "2024-07-01",
      "2024-07-10",
      "2024-07-11",
      "2024-07-15",
    ]);
    expect(breakdown.byGridZone.map((g) => [g.key, g.figures.runCount])).toEqual([
      ["DE", 1],
      ["FR", 3],
    ]);
    const [chain] = breakdown.chains;
    const { rows: chainRows } = await h.pool.query(
      `SELECT sum("totalCarbonKgCo2e")::float8 AS carbon FROM "Estimate"
       WHERE "organizationId" = $1 AND "isCurrent" AND "chainId" = 'bot'`,
      [paris],
    );
    // Every day of July has a reported count: 31 days x 2,000 = 62,000 inferences, so the
    // re-projected figure is the chain's carbon (kg) x 1000 g/kg / 62,000.
    expect(chain).toMatchObject({
      chainId: "bot",
      runCount: 2,
      actualInferences: 62_000,
      reportedDays: 31,
    });
    expect(chain?.reprojectedCarbonPerInferenceGCo2e).toBeCloseTo(
      (chainRows[0].carbon * 1000) / 62_000,
      9,
    );

    // Each report job has completed once; a second fan-out regenerates both months unchanged.
    await waitFor(
      "first report jobs completed",
      async () => (await h.queues.monthlyReport.getCompletedCount()) === 2,
    );
    await enqueueMonthlyReportFanOut(h.queues, { period: "2024-07" });
    await waitFor(
      "reports regenerated",
      async () => (await h.queues.monthlyReport.getCompletedCount()) === 4,
    );
    const second = await reports();
    expect(second.map((r) => r.id)).toEqual(first.map((r) => r.id));
    expect(second.map((r) => r.carbon)).toEqual(first.map((r) => r.carbon));
    expect(second.map((r) => r.generatedAt)).toEqual(first.map((r) => r.generatedAt));
    const { rows: versions } = await h.pool.query(
      `SELECT "organizationId", "version", "trigger" FROM "ReportVersion" ORDER BY "organizationId"`,
    );
    expect(versions).toEqual(
      [paris, utc]
        .sort()
        .map((organizationId) => ({ organizationId, version: 1, trigger: "scheduled" })),
    );
  });
});
