/**
 * The database-backed commands, spawned as the real `finetrace` executable against a test
 * database and this file's own queue prefix: grid load, org create, keys create, ingest (then the
 * real worker estimates), report (generated in the CLI process, equal to a direct SQL sum) and
 * export hf-card. Exit codes are part of the contract (0 ok, 2 usage/input error).
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, workerEnvSchema } from "@finetrace/config";
import { createPool } from "@finetrace/db";
import { createTestDatabase, type TestDatabase } from "@finetrace/db/testing";
import { createQueues } from "@finetrace/services";
import { startWorker, type WorkerHandle } from "@finetrace/worker";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFinetrace } from "./testing/finetrace-process.js";

const prefix = `finetrace-cli-test-${randomUUID()}`;

let db: TestDatabase;
let pool: pg.Pool;
let env: NodeJS.ProcessEnv;

const finetrace = (args: string[]) => runFinetrace(args, env);

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.databaseUrl);
  env = {
    ...process.env,
    DATABASE_URL: db.databaseUrl,
    FINETRACE_QUEUE_PREFIX: prefix,
    LOG_LEVEL: "warn",
  };
});

afterAll(async () => {
  const queues = createQueues({ connection: { url: env.REDIS_URL as string }, prefix });
  await queues.obliterate();
  await queues.close();
  await pool?.end();
  await db?.drop();
});

describe("finetrace with a database", () => {
  it("loads hourly grid data, creates an organization and a key", async () => {
    const grid = await finetrace([
      "grid",
      "load",
      "data/electricitymaps-hourly/US-CAL-CISO_2024_hourly.csv.gz",
      "--json",
    ]);
    expect(grid.code).toBe(0);
    // 2024 is a leap year: 366 days x 24 h = 8784 hourly rows.
    expect(JSON.stringify(JSON.parse(grid.stdout))).toContain('"inserted":8784');

    const org = await finetrace(["org", "create", "Acme Labs", "--slug", "acme", "--json"]);
    expect(org.code).toBe(0);
    const key = await finetrace(["keys", "create", "--org", "acme", "--role", "read", "--json"]);
    expect(key.code).toBe(0);
    expect(key.stdout).toMatch(/"ft_[A-Za-z0-9_-]{43}"/);

    // An unknown organization is a usage error: exit code 2, nothing created.
    const unknown = await finetrace(["keys", "create", "--org", "nope", "--role", "read"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("nope");
  });

  it("ingests the demo chain, the worker estimates it, and report equals the SQL sum", async () => {
    const ingest = await finetrace([
      "ingest",
      "examples/demo/support-bot-daily-2024-07.jsonl",
      "--org",
      "acme",
      "--json",
    ]);
    expect(ingest.code).toBe(0);
    const pending = await pool.query(
      `SELECT count(*)::int AS n FROM "FineTuneRun" WHERE "status" = 'PENDING'`,
    );
    expect(pending.rows[0].n).toBe(31);

    const worker: WorkerHandle = await startWorker(
      loadConfig(workerEnvSchema, { ...env, WORKER_METRICS_PORT: "0" }),
    );
    try {
      for (let i = 0; i < 240; i++) {
        const left = await pool.query(
          `SELECT count(*)::int AS n FROM "FineTuneRun" WHERE "status" <> 'ESTIMATED'`,
        );
        if (left.rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      await worker.close();
    }

    const report = await finetrace([
      "report",
      "--org",
      "acme",
      "--month",
      "2024-07",
      "--format",
      "json",
    ]);
    expect(report.code).toBe(0);
    const stored = JSON.parse(report.stdout) as { runCount: number; totalCarbonKgCo2e: string };
    const sum = await pool.query(
      `SELECT count(*)::int AS n, sum(e."totalCarbonKgCo2e")::text AS total
       FROM "Estimate" e JOIN "FineTuneRun" r ON r."id" = e."runId"
       WHERE e."isCurrent" AND e."startTimeUtc" >= '2024-07-01T00:00:00Z' AND e."startTimeUtc" < '2024-08-01T00:00:00Z'`,
    );
    expect(stored.runCount).toBe(31);
    // NUMERIC sums are exact: the stored total equals the SQL sum digit for digit.
    expect(Number(stored.totalCarbonKgCo2e)).toBe(Number(sum.rows[0].total));
    expect(Number(stored.totalCarbonKgCo2e)).toBeGreaterThan(0);
  });

  it("exports a run's footprint as Hugging Face co2_eq_emissions in grams", async () => {
    const card = await finetrace([
      "export",
      "hf-card",
      "support-bot-daily-2024-07-01",
      "--org",
      "acme",
      "--json",
    ]);
    expect(card.code).toBe(0);
    const meta = JSON.parse(card.stdout) as {
      co2_eq_emissions: { emissions: number; training_type: string };
    };
    const row = await pool.query(
      `SELECT e."totalCarbonKgCo2e"::float8 AS kg FROM "Estimate" e
       JOIN "FineTuneRun" r ON r."id" = e."runId"
       WHERE r."externalId" = 'support-bot-daily-2024-07-01' AND e."isCurrent"`,
    );
    // emissions are grams, kgCO2e x 1000, given to 0.1 g: |5418.9 - 5418.902| < 0.05.
    expect(meta.co2_eq_emissions.emissions).toBeCloseTo(row.rows[0].kg * 1000, 1);
    expect(meta.co2_eq_emissions.training_type).toBe("fine-tuning");
  });

  it("grid load re-estimates the runs priced at a fallback for the loaded hours, and only those", async () => {
    const dir = await mkdtemp(join(tmpdir(), "finetrace-grid-"));
    const file = join(dir, "runs.jsonl");
    const run = (externalId: string, gridZone: string) =>
      JSON.stringify({
        externalId,
        baseModel: "Llama 2",
        gpuModel: "A100 SXM4 80 GB",
        gpuCount: 4,
        serverCount: 1,
        gridZone,
        startTime: "2024-05-10T08:00:00Z",
        reservedDurationHours: 2,
      });
    await writeFile(file, `${run("fallback-fr", "FR")}\n${run("fallback-de", "DE")}\n`);
    const current = async (externalId: string) =>
      (
        await pool.query(
          `SELECT e."id", e."intensitySource"::text AS source, e."startHourIntensityGPerKwh"::float8 AS g
           FROM "Estimate" e JOIN "FineTuneRun" r ON r."id" = e."runId"
           WHERE r."externalId" = $1 AND e."isCurrent"`,
          [externalId],
        )
      ).rows[0];
    const worker: WorkerHandle = await startWorker(
      loadConfig(workerEnvSchema, { ...env, WORKER_METRICS_PORT: "0" }),
      { schedulers: false },
    );
    try {
      expect((await finetrace(["ingest", file, "--org", "acme"])).code).toBe(0);
      await waitUntil(async () => (await current("fallback-fr")) && (await current("fallback-de")));
      // Neither FR nor DE hourly data is loaded yet: both priced at the zone's annual average.
      expect((await current("fallback-fr")).source).toBe("annual_zone");
      const deBefore = await current("fallback-de");
      expect(deBefore.source).toBe("annual_zone");

      const grid = await finetrace([
        "grid",
        "load",
        "data/electricitymaps-hourly/FR_2024_hourly.csv.gz",
        "--json",
      ]);
      expect(grid.code, grid.stderr).toBe(0);
      expect((JSON.parse(grid.stdout) as { reestimatedRuns: number }).reestimatedRuns).toBe(1);
      await waitUntil(async () => (await current("fallback-fr"))?.source === "hourly");
      const hour = await pool.query(
        `SELECT "lifecycleIntensityGPerKwh"::float8 AS g FROM "GridIntensityHour"
         WHERE "zoneId" = 'FR' AND "hourUtc" = '2024-05-10T08:00:00Z'`,
      );
      // The new estimate uses FR's hourly value of the start hour (08:00Z).
      expect((await current("fallback-fr")).g).toBeCloseTo(hour.rows[0].g, 6);
      // The DE run is untouched: same estimate row, still the annual fallback.
      expect(await current("fallback-de")).toEqual(deBefore);
    } finally {
      await worker.close();
    }
  });
});

async function waitUntil(check: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("timed out");
}
