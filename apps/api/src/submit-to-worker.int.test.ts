/**
 * Acceptance: 10,000 runs submitted in one `submitRuns` call all reach ESTIMATED through the
 * real worker (BullMQ + Postgres), and the API then serves each run's estimate, provenance,
 * intensity and history, and the emissions over them.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig, workerEnvSchema } from "@finetrace/config";
import { loadGridIntensityCsv } from "@finetrace/db";
import { startWorker, type WorkerHandle } from "@finetrace/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, type Harness, startHarness, type TestOrg } from "./test/harness.js";

const DATA_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../data/electricitymaps-hourly",
);
const RUNS = 10_000;

let h: Harness;
let org: TestOrg;
let worker: WorkerHandle;

/** Deterministic disclosures over 2023: half DE (hourly data loaded), half FR (annual fallback). */
function disclosures(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    externalId: `run-${i}`,
    baseModel: i % 3 === 0 ? "meta-llama/Llama-2-7b-hf" : "mistralai/Mistral-7B-v0.1",
    startTime: new Date(Date.UTC(2023, 0, 1) + ((i * 7919) % 8000) * 3_600_000).toISOString(),
    reservedDurationHours: 1 + (i % 24),
    gpuModel: "A100",
    gpuCount: 8,
    gridZone: i % 2 === 0 ? "DE" : "FR",
    gpuUtilizationFraction: 0.5,
    ...(i % 10 === 0 ? { chainId: `chain-${i % 7}` } : {}),
  }));
}

async function statusCounts(): Promise<Record<string, number>> {
  const { rows } = await h.pool.query<{ status: string; n: number }>(
    `SELECT "status", count(*)::int AS n FROM "FineTuneRun" GROUP BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

async function waitFor(what: string, ok: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await statusCounts())}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  h = await startHarness({ API_ESTIMATE_BATCH_SIZE: "1000" });
  org = await h.createOrg("acme");
  await loadGridIntensityCsv(h.pool, { path: path.join(DATA_DIR, "DE_2023_hourly.csv.gz") });
  const workerEnv = loadConfig(workerEnvSchema, {
    DATABASE_URL: h.env.DATABASE_URL,
    REDIS_URL: h.env.REDIS_URL,
    FINETRACE_QUEUE_PREFIX: h.env.FINETRACE_QUEUE_PREFIX,
    LOG_LEVEL: "silent",
    WORKER_METRICS_PORT: "0",
    WORKER_CONCURRENCY: "2",
  });
  worker = await startWorker(workerEnv, { schedulers: false });
}, 60_000);

afterAll(async () => {
  await worker?.close();
  await h?.close();
});

describe("submitRuns through the worker", () => {
  it("takes 10,000 runs from one mutation to ESTIMATED", async () => {
    const r = await gql<{ submitRuns: { acceptedCount: number; rejectedCount: number } }>(
      h.server.url,
      org.keys.ingest,
      `mutation($input: [RunDisclosureInput!]!) { submitRuns(input: $input) { acceptedCount rejectedCount } }`,
      { input: disclosures(RUNS) },
    );
    expect(r.errors).toEqual([]);
    expect(r.data?.submitRuns).toEqual({ acceptedCount: RUNS, rejectedCount: 0 });
    await waitFor(
      "10,000 runs ESTIMATED",
      async () => (await statusCounts()).ESTIMATED === RUNS,
      240_000,
    );
    expect(await statusCounts()).toEqual({ ESTIMATED: RUNS });

    // Every estimated run counted once by `emissions` over 2023 (+ the longest run, 24 h).
    const e = await gql<{ emissions: { total: { runCount: number; totalCarbonKgCo2e: number } } }>(
      h.server.url,
      org.keys.read,
      `{ emissions(period: { from: "2023-01-01T00:00:00Z", to: "2024-01-01T00:00:00Z" }) { total { runCount totalCarbonKgCo2e } } }`,
    );
    expect(e.data?.emissions.total.runCount).toBe(RUNS);
    const { rows } = await h.pool.query<{ sum: number }>(
      `SELECT sum("totalCarbonKgCo2e")::float8 AS sum FROM "Estimate" WHERE "isCurrent"`,
    );
    expect(e.data?.emissions.total.totalCarbonKgCo2e).toBeCloseTo(rows[0]?.sum ?? Number.NaN, 6);
  }, 300_000);

  it("serves a run's estimate with provenance, intensity and history", async () => {
    const runs = await gql<{ runs: { edges: { node: { id: string; externalId: string } }[] } }>(
      h.server.url,
      org.keys.read,
      `{ runs(first: 1, filter: { gridZone: "DE", status: ESTIMATED }) { edges { node { id externalId } } } }`,
    );
    const id = runs.data?.runs.edges[0]?.node.id;
    expect(id).toBeDefined();
    const RUN = `query($id: ID!) { run(id: $id) { status disclosure { gridZone gpuModel }
      currentEstimate { id isCurrent inputs { gridZone gpuModel } intensity { source hourUtc startHourIntensityGPerKwh }
        totalCarbonKgCo2e imputedFields { field rule source } provenance { field imputed } }
      estimateHistory { id isCurrent } } }`;
    const r = await gql<{
      run: {
        status: string;
        currentEstimate: {
          id: string;
          intensity: { source: string; hourUtc: string | null; startHourIntensityGPerKwh: number };
          totalCarbonKgCo2e: number;
          imputedFields: { field: string; rule: string; source: string }[];
          provenance: { field: string; imputed: boolean }[];
        };
        estimateHistory: { id: string; isCurrent: boolean }[];
      };
    }>(h.server.url, org.keys.read, RUN, { id });
    expect(r.errors).toEqual([]);
    const run = r.data?.run;
    expect(run?.status).toBe("ESTIMATED");
    // DE 2023 hourly data is loaded: the estimate used the hourly value at the start hour.
    expect(run?.currentEstimate.intensity.source).toBe("hourly");
    expect(run?.currentEstimate.intensity.hourUtc).not.toBeNull();
    expect(run?.currentEstimate.intensity.startHourIntensityGPerKwh).toBeGreaterThan(0);
    expect(run?.currentEstimate.totalCarbonKgCo2e).toBeGreaterThan(0);
    // Disclosed fields are marked so; imputed ones carry a rule and a source.
    expect(run?.currentEstimate.provenance.find((p) => p.field === "gridZone")?.imputed).toBe(
      false,
    );
    expect(run?.currentEstimate.imputedFields.length).toBeGreaterThan(0);
    for (const f of run?.currentEstimate.imputedFields ?? []) {
      expect(f.rule.length).toBeGreaterThan(0);
      expect(f.source.length).toBeGreaterThan(0);
    }
    expect(run?.estimateHistory).toEqual([{ id: run?.currentEstimate.id, isCurrent: true }]);

    // Resubmitting the run with a change re-estimates it and keeps the old estimate as history.
    const externalId = runs.data?.runs.edges[0]?.node.externalId as string;
    const original = disclosures(RUNS).find((d) => d.externalId === externalId);
    await gql(
      h.server.url,
      org.keys.ingest,
      `mutation($input: [RunDisclosureInput!]!) { submitRuns(input: $input) { acceptedCount } }`,
      { input: [{ ...original, gpuCount: 16 }] },
    );
    await waitFor(
      "the resubmitted run re-estimated",
      async () => (await statusCounts()).ESTIMATED === RUNS,
      60_000,
    );
    const again = await gql<{
      run: {
        currentEstimate: { id: string };
        estimateHistory: { id: string; isCurrent: boolean }[];
      };
    }>(h.server.url, org.keys.read, RUN, { id });
    const history = again.data?.run.estimateHistory ?? [];
    expect(history).toHaveLength(2);
    expect(history[0]).toEqual({ id: again.data?.run.currentEstimate.id, isCurrent: true });
    expect(history[1]).toEqual({ id: run?.currentEstimate.id, isCurrent: false });
  }, 120_000);
});
