/**
 * Grid data tenancy (issue "Hardening", item 3; docs/adr/0060-grid-data-tenancy.md), through
 * GraphQL with the real worker: an organization's admin loads only its PRIVATE series; the
 * shared hour that prices every other organization's runs never changes, other organizations'
 * runs are not re-estimated, the uploaded file is deleted after the load (success or failure) and
 * each load leaves an audit record naming the organization and the key.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { loadConfig, workerEnvSchema } from "@finetrace/config";
import { loadGridIntensityFiles } from "@finetrace/db";
import { startWorker, type WorkerHandle } from "@finetrace/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, type Harness, startHarness, type TestOrg } from "./test/harness.js";

const HEADER =
  "Datetime (UTC),Country,Zone name,Zone id,Carbon intensity gCO₂eq/kWh (direct),Carbon intensity gCO₂eq/kWh (LCA),Low carbon percentage,Renewable percentage,Data source,Data estimated,Data estimation method\n";
const row = (hour: string, lca: number, zone = "DE") =>
  `2024-03-05 ${hour}:00:00,Germany,Germany,${zone},${lca / 2},${lca},50,40,test,false,\n`;
const SHARED_VALUE = 178.76;
const PRIVATE_VALUE = 9999;

let h: Harness;
let worker: WorkerHandle;
let importDir: string;
let a: TestOrg;
let b: TestOrg;

interface EstimateRow {
  id: string;
  start: number;
  total: number;
  series: string | null;
}

async function currentEstimate(externalId: string): Promise<EstimateRow | undefined> {
  const { rows } = await h.pool.query<EstimateRow>(
    `SELECT e.id, e."startHourIntensityGPerKwh"::float8 AS start, e."totalCarbonKgCo2e"::float8 AS total,
            e."intensitySeries" AS series
     FROM "Estimate" e JOIN "FineTuneRun" r ON r.id = e."runId"
     WHERE r."externalId" = $1 AND e."isCurrent" AND r.status = 'ESTIMATED'`,
    [externalId],
  );
  return rows[0];
}

async function waitFor<T>(what: string, get: () => Promise<T | undefined>, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface LoadRow {
  organizationId: string | null;
  actor: string;
  status: string;
  files: string[];
  zone: string | null;
  inserted: number;
  updated: number;
  rejected: number;
  error: string | null;
  fromHourUtc: Date | null;
  toHourUtc: Date | null;
  reestimatedRuns: number;
}

const finishedLoad = (loadId: string) =>
  waitFor(`load ${loadId}`, async () => {
    const { rows } = await h.pool.query<LoadRow>(
      `SELECT * FROM "GridIntensityLoad" WHERE id = $1 AND status IN ('succeeded', 'failed')`,
      [loadId],
    );
    return rows[0];
  });

const keyId = async (org: TestOrg) =>
  (
    await h.pool.query<{ id: string }>(
      `SELECT id FROM "ApiKey" WHERE "organizationId" = $1 AND role = 'admin'`,
      [org.id],
    )
  ).rows[0]?.id;

const upload = (key: string, csv: string, zone?: string) =>
  gql<{ loadGridIntensity: { jobId: string; loadId: string; path: string } }>(
    h.server.url,
    key,
    `mutation($csv: String!, $zone: String) { loadGridIntensity(input: { csv: $csv, zone: $zone }) { jobId loadId path } }`,
    { csv, zone },
  );

const sharedHour = async () =>
  (
    await h.pool.query<{ v: number; source: string }>(
      `SELECT "lifecycleIntensityGPerKwh" AS v, source FROM "GridIntensityHour"
       WHERE "zoneId" = 'DE' AND "hourUtc" = '2024-03-05T10:00:00Z'
         AND "organizationId" = '00000000-0000-0000-0000-000000000000'`,
    )
  ).rows;

beforeAll(async () => {
  importDir = await mkdtemp(path.join(tmpdir(), "ft-grid-tenancy-"));
  h = await startHarness({ GRID_INTENSITY_IMPORT_DIR: importDir });
  a = await h.createOrg("tenant-a");
  b = await h.createOrg("tenant-b");
  // The operator's shared DE hours (what `finetrace grid load` writes).
  await loadGridIntensityFiles(h.pool, [
    {
      stream: Readable.from([HEADER + row("10", SHARED_VALUE) + row("11", 180)]),
      name: "shared.csv",
    },
  ]);
  worker = await startWorker(
    loadConfig(workerEnvSchema, {
      DATABASE_URL: h.env.DATABASE_URL,
      REDIS_URL: h.env.REDIS_URL,
      FINETRACE_QUEUE_PREFIX: h.env.FINETRACE_QUEUE_PREFIX,
      LOG_LEVEL: "silent",
      WORKER_METRICS_PORT: "0",
      WORKER_CONCURRENCY: "2",
    }),
    { schedulers: false },
  );
  // One run per organization, same zone and hour: both priced with the shared hour.
  for (const [org, externalId] of [
    [a, "a-run"],
    [b, "b-run"],
  ] as const) {
    const r = await gql(
      h.server.url,
      org.keys.ingest,
      `mutation($input: [RunDisclosureInput!]!) { submitRuns(input: $input) { acceptedCount } }`,
      {
        input: [
          {
            externalId,
            baseModel: "meta-llama/Llama-2-7b-hf",
            startTime: "2024-03-05T10:15:00Z",
            reservedDurationHours: 0.5,
            gpuModel: "A100",
            gpuCount: 8,
            gridZone: "DE",
            gpuUtilizationFraction: 0.5,
          },
        ],
      },
    );
    expect(r.errors).toEqual([]);
  }
  for (const id of ["a-run", "b-run"]) await waitFor(id, () => currentEstimate(id));
}, 90_000);

afterAll(async () => {
  await worker?.close();
  await h?.close();
  if (importDir) await rm(importDir, { recursive: true, force: true });
});

describe("grid data tenancy", () => {
  let bBefore: EstimateRow;
  let aBefore: EstimateRow;

  it("prices both organizations' runs with the shared hour before any private load", async () => {
    aBefore = (await currentEstimate("a-run")) as EstimateRow;
    bBefore = (await currentEstimate("b-run")) as EstimateRow;
    expect(aBefore.start).toBeCloseTo(SHARED_VALUE, 6);
    expect(bBefore.start).toBeCloseTo(SHARED_VALUE, 6);
  });

  it("A's admin upload lands in A's private series only; B's run and the shared hour are untouched", async () => {
    // The attack of the issue: a 9999 g/kWh DE hour over the real one, no zone restriction.
    const r = await upload(a.keys.admin, HEADER + row("10", PRIVATE_VALUE));
    expect(r.errors).toEqual([]);
    const { loadId, path: uploaded } = r.data?.loadGridIntensity ?? { loadId: "", path: "" };
    const load = await finishedLoad(loadId);
    expect(load).toMatchObject({
      organizationId: a.id,
      actor: await keyId(a),
      status: "succeeded",
      files: [path.join(importDir, uploaded)],
      zone: null,
      inserted: 1,
      updated: 0,
      rejected: 0,
      error: null,
      reestimatedRuns: 1,
    });
    expect(load.fromHourUtc?.toISOString()).toBe("2024-03-05T10:00:00.000Z");
    // The uploaded file is gone.
    expect(await readdir(path.join(importDir, "uploads"))).toEqual([]);
    // The shared hour (what every organization is priced with) is unchanged.
    expect(await sharedHour()).toEqual([{ v: SHARED_VALUE, source: "electricitymaps-csv" }]);
    // Only A's run was re-estimated.
    const aAfter = await waitFor("a-run re-estimated", async () => {
      const e = await currentEstimate("a-run");
      return e && e.id !== aBefore.id ? e : undefined;
    });
    expect(aAfter.id).not.toBe(aBefore.id);
    expect(await currentEstimate("b-run")).toEqual(bBefore);

    // Through GraphQL: the shared series is the same for everyone; the private one is A's only.
    const series = (key: string, s: string) =>
      gql<{ gridIntensity: { lifecycleIntensityGPerKwh: number; source: string }[] }>(
        h.server.url,
        key,
        `{ gridIntensity(zone: "DE", from: "2024-03-05T10:00:00Z", to: "2024-03-05T11:00:00Z", series: ${s}) { lifecycleIntensityGPerKwh source } }`,
      );
    for (const key of [a.keys.read, b.keys.read])
      expect((await series(key, "SHARED")).data?.gridIntensity).toEqual([
        { lifecycleIntensityGPerKwh: SHARED_VALUE, source: "electricitymaps-csv" },
      ]);
    expect((await series(a.keys.read, "ORGANIZATION")).data?.gridIntensity).toEqual([
      { lifecycleIntensityGPerKwh: PRIVATE_VALUE, source: "organization-upload" },
    ]);
    expect((await series(b.keys.read, "ORGANIZATION")).data?.gridIntensity).toEqual([]);
  }, 60_000);

  it("prices A's re-estimated run with A's private hour, B's with the shared one", async () => {
    const aAfter = await currentEstimate("a-run");
    expect(aAfter?.start).toBeCloseTo(PRIVATE_VALUE, 6);
    // Labelled as priced from A's own series; B's from the shared one.
    expect(aAfter?.series).toBe("organization");
    const bAfter = await currentEstimate("b-run");
    expect(bAfter?.start).toBeCloseTo(SHARED_VALUE, 6);
    expect(bAfter?.series).toBe("shared");
  });

  it("restricts a zone-scoped upload to that zone and refuses unknown zones", async () => {
    const r = await upload(a.keys.admin, HEADER + row("11", 200) + row("11", 1, "FR"), "DE");
    const load = await finishedLoad(r.data?.loadGridIntensity.loadId ?? "");
    expect(load).toMatchObject({ status: "succeeded", zone: "DE", inserted: 1, rejected: 1 });
    const unknown = await upload(a.keys.admin, HEADER + row("11", 1), "XX-NOPE");
    expect(unknown.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(unknown.errors[0]?.message).toContain("XX-NOPE is not a known grid zone");
    expect(await readdir(path.join(importDir, "uploads"))).toEqual([]);
  }, 60_000);

  it("deletes the upload and records the failure when the file cannot be loaded", async () => {
    const r = await upload(b.keys.admin, "Datetime (UTC),Zone id\n2024-03-05 10:00:00,DE\n");
    expect(r.errors).toEqual([]);
    const load = await finishedLoad(r.data?.loadGridIntensity.loadId ?? "");
    expect(load).toMatchObject({ organizationId: b.id, status: "failed", inserted: 0 });
    expect(load.error).toContain("header is missing column(s)");
    expect(await readdir(path.join(importDir, "uploads"))).toEqual([]);
    expect(await sharedHour()).toEqual([{ v: SHARED_VALUE, source: "electricitymaps-csv" }]);
  }, 60_000);
});
