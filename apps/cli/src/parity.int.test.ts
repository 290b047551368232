/**
 * Parity of the three paths to an estimate (issue "one home per use case"): the same disclosure
 * file through
 *   1. `finetrace estimate --json` (offline: shipped hourly files, no database),
 *   2. `finetrace ingest` + the worker (CLI intake use case -> estimate-runs job),
 *   3. GraphQL `submitRuns` + the worker (API adapter -> the same use cases),
 * gives identical figures and identical provenance for every run. The file holds a continuous
 * chain with two runs tied on their start time (one written with a -07:00 offset) and a run
 * without a start time, a measured run, a Strubell et al. 2019 run and a run timed from tokens.
 * Stored figures are NUMERIC with a fixed scale, so offline figures are compared rounded to the
 * column's scale (9 decimals for kWh/kg/L, 6 for use life and intensities, 12 per inference).
 */
import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startApiServer } from "@finetrace/api";
import { apiEnvSchema, loadConfig, workerEnvSchema } from "@finetrace/config";
import { createPool, createPrismaClient } from "@finetrace/db";
import { createTestDatabase, type TestDatabase } from "@finetrace/db/testing";
import { createApiKey, createOrganization, createQueues } from "@finetrace/services";
import { startWorker, type WorkerHandle } from "@finetrace/worker";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runFinetrace } from "./testing/finetrace-process.js";

const runsFile = fileURLToPath(new URL("./testing/parity-runs.jsonl", import.meta.url));
const gridDir = join(repoRoot, "data/electricitymaps-hourly");
const prefix = `finetrace-parity-${randomUUID()}`;

let db: TestDatabase;
let pool: pg.Pool;
let env: NodeJS.ProcessEnv;
let worker: WorkerHandle;

const finetrace = (args: string[]) => runFinetrace(args, env);

/** The figures compared, rounded as stored (column scale). */
const FIGURES: [string, number][] = [
  ["itPowerWatts", 9],
  ["itEnergyKwh", 9],
  ["facilityEnergyKwh", 9],
  ["operationalCarbonKgCo2e", 9],
  ["operationalCarbonMeanKgCo2e", 9],
  ["embodiedCarbonKgCo2e", 9],
  ["totalCarbonKgCo2e", 9],
  ["onsiteWaterLiters", 9],
  ["offsiteWaterLiters", 9],
  ["embodiedWaterLiters", 9],
  ["totalWaterLiters", 9],
  ["startHourIntensityGPerKwh", 6],
  ["meanIntensityGPerKwh", 6],
  ["useLifeDays", 6],
  ["carbonPerInferenceGCo2e", 12],
  ["waterPerInferenceMilliliters", 12],
];

interface Comparable {
  method: string;
  startTimeUtc: string;
  intensitySource: string;
  intensityHourUtc: string | null;
  figures: Record<string, string>;
  provenance: unknown;
}

/** A Postgres NUMERIC text with trailing zeros cut, for comparison with toFixed output. */
const canonical = (text: string) => (text.includes(".") ? text.replace(/\.?0+$/, "") : text);

// biome-ignore lint/suspicious/noExplicitAny: the --json output of `finetrace estimate`.
function fromOffline(e: any): Comparable {
  const flat: Record<string, number> = {
    ...e,
    startHourIntensityGPerKwh: e.intensity.startHourIntensityGPerKwh,
    meanIntensityGPerKwh: e.intensity.meanIntensityGPerKwh,
    useLifeDays: e.amortization.useLifeDays,
    carbonPerInferenceGCo2e: e.amortization.carbonPerInferenceGCo2e,
    waterPerInferenceMilliliters: e.amortization.waterPerInferenceMilliliters,
  };
  return {
    method: e.method,
    startTimeUtc: new Date(e.inputs.startTimeUtc).toISOString(),
    intensitySource: e.intensity.source.replace("-", "_"),
    intensityHourUtc: e.intensity.hourUtc ? new Date(e.intensity.hourUtc).toISOString() : null,
    figures: Object.fromEntries(
      FIGURES.map(([k, scale]) => [k, canonical((flat[k] as number).toFixed(scale))]),
    ),
    provenance: e.inputs.provenance,
  };
}

async function fromDatabase(organizationId: string): Promise<Map<string, Comparable>> {
  const { rows } = await pool.query(
    `SELECT r."externalId", e."method", e."startTimeUtc", e."intensitySource"::text AS "intensitySource",
            e."intensityHourUtc", p."document" AS provenance,
            ${FIGURES.map(([k]) => `e."${k}"::text AS "${k}"`).join(", ")}
     FROM "FineTuneRun" r
     JOIN "Estimate" e ON e."runId" = r."id" AND e."isCurrent"
     JOIN "ProvenanceDocument" p ON p."hash" = e."provenanceHash"
     WHERE r."organizationId" = $1`,
    [organizationId],
  );
  return new Map(
    rows.map((r) => [
      r.externalId,
      {
        method: r.method,
        startTimeUtc: r.startTimeUtc.toISOString(),
        intensitySource: r.intensitySource,
        intensityHourUtc: r.intensityHourUtc ? r.intensityHourUtc.toISOString() : null,
        figures: Object.fromEntries(FIGURES.map(([k]) => [k, canonical(r[k])])),
        provenance: r.provenance,
      },
    ]),
  );
}

async function waitForEstimates(organizationId: string, count: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "FineTuneRun" WHERE "organizationId" = $1 AND "status" = 'ESTIMATED'`,
      [organizationId],
    );
    if (rows[0]?.n === count) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${count} estimates`);
}

let offline: Map<string, Comparable>;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.databaseUrl);
  env = {
    ...process.env,
    DATABASE_URL: db.databaseUrl,
    FINETRACE_QUEUE_PREFIX: prefix,
    LOG_LEVEL: "warn",
  };
  const files = (await readdir(gridDir))
    .filter((f) => f.endsWith(".csv.gz"))
    .map((f) => join(gridDir, f));
  const grid = await finetrace(["grid", "load", ...files, "--json"]);
  expect(grid.code, grid.stderr).toBe(0);
  const workerEnv = loadConfig(workerEnvSchema, {
    DATABASE_URL: db.databaseUrl,
    FINETRACE_QUEUE_PREFIX: prefix,
    LOG_LEVEL: "silent",
    WORKER_METRICS_PORT: "0",
  });
  worker = await startWorker(workerEnv, { schedulers: false });
  const estimated = await finetrace(["estimate", runsFile, "--json"]);
  expect(estimated.code, estimated.stderr).toBe(0);
  // NDJSON: one {"type":"estimate","run",...estimate} line per run, then a summary line.
  const estimates = estimated.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { type: string; run: string })
    .filter((line) => line.type === "estimate");
  offline = new Map(estimates.map((e) => [e.run, fromOffline(e)]));
});

afterAll(async () => {
  await worker?.close();
  const queues = createQueues({
    connection: { url: env.REDIS_URL ?? "redis://127.0.0.1:6379" },
    prefix,
  });
  await queues.obliterate();
  await queues.close();
  await pool?.end();
  await db?.drop();
});

describe("offline estimate = CLI ingest + worker = GraphQL submitRuns + worker", () => {
  it("the offline path estimates all 8 runs, with the chain rule applied", () => {
    expect([...offline.keys()].sort()).toHaveLength(8);
    // Ties: 2a (03:00-07:00 = 10:00Z) and 2b start together; both get day 3 as successor:
    // 2024-07-02T10:00Z -> 2024-07-03T16:00Z = 30 h = 1.25 days.
    expect(offline.get("chain-day-2a")?.figures.useLifeDays).toBe("1.25");
    expect(offline.get("chain-day-2b")?.figures.useLifeDays).toBe("1.25");
    // Day 1's successor is the tied step: 2024-07-01T10:00Z -> 07-02T10:00Z = 1 day.
    expect(offline.get("chain-day-1")?.figures.useLifeDays).toBe("1");
    // The latest run keeps its disclosed use life (2 days); the start-less run is outside the
    // chain order and keeps the default use life.
    expect(offline.get("chain-day-3")?.figures.useLifeDays).toBe("2");
    expect(offline.get("strubell-t2t-base")?.method).toBe("strubell2019");
    expect(offline.get("measured-de")?.method).toBe("measured");
  });

  it("finetrace ingest + the worker gives identical figures and provenance", async () => {
    const org = await finetrace(["org", "create", "Parity CLI", "--slug", "parity-cli", "--json"]);
    expect(org.code, org.stderr).toBe(0);
    const orgId = (JSON.parse(org.stdout) as { id: string }).id;
    const ingest = await finetrace(["ingest", runsFile, "--org", "parity-cli", "--json"]);
    expect(ingest.code, ingest.stderr).toBe(0);
    await waitForEstimates(orgId, 8);
    const stored = await fromDatabase(orgId);
    for (const [externalId, expected] of offline) {
      expect(stored.get(externalId), externalId).toEqual(expected);
    }
  });

  it("GraphQL submitRuns + the worker gives identical figures and provenance", async () => {
    const apiEnv = loadConfig(apiEnvSchema, {
      DATABASE_URL: db.databaseUrl,
      FINETRACE_QUEUE_PREFIX: prefix,
      LOG_LEVEL: "silent",
      API_PORT: "0",
    });
    const prisma = createPrismaClient(db.databaseUrl);
    const org = await createOrganization(prisma, { slug: "parity-api", name: "Parity API" });
    const key = await createApiKey(prisma, {
      organizationId: org.id,
      name: "parity",
      role: "ingest",
    });
    await prisma.$disconnect();
    const api = await startApiServer(apiEnv);
    try {
      const input = (await readFile(runsFile, "utf8"))
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line));
      const response = await fetch(api.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key.key}` },
        body: JSON.stringify({
          query:
            "mutation($input: [RunDisclosureInput!]!) { submitRuns(input: $input) { acceptedCount errors { index path message } } }",
          variables: { input },
        }),
      });
      const body = (await response.json()) as {
        data?: { submitRuns: { acceptedCount: number; errors: unknown[] } };
        errors?: unknown;
      };
      expect(body.errors).toBeUndefined();
      expect(body.data?.submitRuns).toEqual({ acceptedCount: 8, errors: [] });
      await waitForEstimates(org.id, 8);
      const stored = await fromDatabase(org.id);
      for (const [externalId, expected] of offline) {
        expect(stored.get(externalId), externalId).toEqual(expected);
      }
    } finally {
      await api.close();
    }
  });
});
