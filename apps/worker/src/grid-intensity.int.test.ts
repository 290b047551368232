/**
 * A run submitted before its zone's hourly data exists is estimated with the annual average
 * (flagged); loading the hours re-estimates exactly the runs that now have hourly data, keeping
 * the old estimate as history. Same for hours pulled from the Electricity Maps API (a local HTTP
 * server answering in the documented /v3/carbon-intensity/history format).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

import type { RunDisclosure } from "@finetrace/estimator";
import {
  enqueueEstimateRuns,
  enqueueLoadGridIntensity,
  storeRunSubmissions,
} from "@finetrace/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type WorkerHandle } from "./start-worker.js";
import { createHarness, createOrganization, type Harness, waitFor } from "./testing/harness.js";

const FR_2024 = join(
  import.meta.dirname,
  "../../../data/electricitymaps-hourly/FR_2024_hourly.csv.gz",
);

/** What the fake Electricity Maps API serves for DE (empty until a test fills it). */
let apiHours: { datetime: string; lifecycle: number; direct: number }[] = [];
let api: Server;
let h: Harness;
let worker: WorkerHandle;
let organizationId: string;

beforeAll(async () => {
  api = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (
      req.headers["auth-token"] !== "em-token" ||
      url.pathname !== "/v3/carbon-intensity/history"
    ) {
      res.writeHead(401).end();
      return;
    }
    const zone = url.searchParams.get("zone");
    const direct = url.searchParams.get("emissionFactorType") === "direct";
    const history = apiHours.map((x) => ({
      zone,
      carbonIntensity: direct ? x.direct : x.lifecycle,
      datetime: x.datetime,
      updatedAt: x.datetime,
      createdAt: x.datetime,
      emissionFactorType: direct ? "direct" : "lifecycle",
      isEstimated: false,
      estimationMethod: null,
    }));
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ zone, history }));
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  h = await createHarness({
    WORKER_FETCH_GRID_INTENSITY: "true",
    WORKER_FETCH_GRID_INTENSITY_ZONES: "DE",
    WORKER_FETCH_GRID_INTENSITY_EVERY_MINUTES: "60",
    ELECTRICITYMAPS_API_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}`,
    ELECTRICITYMAPS_API_TOKEN: "em-token",
  });
  organizationId = await createOrganization(h.pool, "grid");
  worker = await startWorker(h.env);
});

afterAll(async () => {
  await worker?.close();
  await h?.close();
  api.closeAllConnections();
  await new Promise<void>((resolve) => api.close(() => resolve()));
});

const disclosure = (gridZone: string, startTime: string): RunDisclosure => ({
  baseModel: "Llama 2",
  gpuModel: "Nvidia A100 80GB",
  gpuCount: 8,
  serverCount: 1,
  gridZone,
  reservedDurationHours: 1,
  startTime,
});

interface EstimateView {
  externalId: string;
  isCurrent: boolean;
  intensitySource: string;
  startHourIntensityGPerKwh: number;
  facilityEnergyKwh: number;
  operationalCarbonKgCo2e: number;
}

async function estimatesOf(externalIds: string[]): Promise<EstimateView[]> {
  const { rows } = await h.pool.query(
    `SELECT r."externalId", e."isCurrent", e."intensitySource"::text AS "intensitySource",
            e."startHourIntensityGPerKwh"::float8 AS "startHourIntensityGPerKwh",
            e."facilityEnergyKwh"::float8 AS "facilityEnergyKwh",
            e."operationalCarbonKgCo2e"::float8 AS "operationalCarbonKgCo2e"
     FROM "Estimate" e JOIN "FineTuneRun" r ON r."id" = e."runId"
     WHERE r."externalId" = ANY($1) ORDER BY r."externalId", e."createdAt"`,
    [externalIds],
  );
  return rows;
}

async function submitAndEstimate(items: { externalId: string; disclosure: RunDisclosure }[]) {
  const { runIds } = await storeRunSubmissions(h.pool, organizationId, items);
  await enqueueEstimateRuns(h.queues, runIds, { batchSize: 100 });
  await waitFor("runs estimated", async () => {
    const { rows } = await h.pool.query(
      `SELECT 1 FROM "FineTuneRun" WHERE "id" = ANY($1::uuid[]) AND "status" <> 'ESTIMATED'`,
      [runIds],
    );
    return rows.length === 0;
  });
}

describe("hourly grid intensity arriving after the runs", () => {
  it("CSV load: fallback runs of the loaded hours are re-estimated hourly, the others left alone", async () => {
    await submitAndEstimate([
      { externalId: "fr-2024", disclosure: disclosure("FR", "2024-03-05T10:30:00Z") },
      { externalId: "fr-2022", disclosure: disclosure("FR", "2022-03-05T10:30:00Z") },
      { externalId: "se-2024", disclosure: disclosure("SE", "2024-03-05T10:30:00Z") },
    ]);
    const before = await estimatesOf(["fr-2024", "fr-2022", "se-2024"]);
    expect(before.map((e) => [e.externalId, e.intensitySource])).toEqual([
      ["fr-2022", "annual_zone"],
      ["fr-2024", "annual_zone"],
      ["se-2024", "annual_zone"],
    ]);

    await enqueueLoadGridIntensity(h.queues, { path: FR_2024 });
    await waitFor(
      "fr-2024 re-estimated",
      async () => (await estimatesOf(["fr-2024"])).length === 2,
    );
    const [old, current] = await estimatesOf(["fr-2024"]);
    expect(old).toMatchObject({ isCurrent: false, intensitySource: "annual_zone" });
    // FR_2024_hourly.csv, "2024-03-05 10:00:00": life-cycle 68.34 gCO2e/kWh.
    expect(current).toMatchObject({ isCurrent: true, intensitySource: "hourly" });
    expect(current?.startHourIntensityGPerKwh).toBeCloseTo(68.34, 6);
    // operational = facility energy (kWh) x 68.34 g/kWh / 1000 g/kg
    expect(current?.operationalCarbonKgCo2e).toBeCloseTo(
      ((current?.facilityEnergyKwh ?? 0) * 68.34) / 1000,
      6,
    );
    // Outside the loaded hours, or another zone: untouched (one estimate each).
    expect((await estimatesOf(["fr-2022", "se-2024"])).map((e) => e.externalId)).toEqual([
      "fr-2022",
      "se-2024",
    ]);
  });

  it("API pull: a repeatable job per zone, hours upserted, fallback runs re-estimated", async () => {
    const scheduler = await h.queues.fetchGridIntensity.getJobScheduler("fetch-grid-intensity-DE");
    expect(scheduler?.every).toBe(3_600_000);

    await submitAndEstimate([
      { externalId: "de-api", disclosure: disclosure("DE", "2025-01-10T08:15:00Z") },
    ]);
    expect((await estimatesOf(["de-api"]))[0]?.intensitySource).toBe("annual_zone");

    apiHours = [
      { datetime: "2025-01-10T08:00:00.000Z", lifecycle: 302, direct: 251 },
      { datetime: "2025-01-10T09:00:00.000Z", lifecycle: 310, direct: 260 },
    ];
    await h.queues.fetchGridIntensity.add("fetch", { zone: "DE" });
    await waitFor("de-api re-estimated", async () => (await estimatesOf(["de-api"])).length === 2);
    const { rows } = await h.pool.query(
      `SELECT "hourUtc", "lifecycleIntensityGPerKwh", "directIntensityGPerKwh", "source"
       FROM "GridIntensityHour" WHERE "zoneId" = 'DE' AND "source" = 'electricitymaps-api'
       ORDER BY "hourUtc"`,
    );
    expect(rows).toEqual([
      {
        hourUtc: new Date("2025-01-10T08:00:00Z"),
        lifecycleIntensityGPerKwh: 302,
        directIntensityGPerKwh: 251,
        source: "electricitymaps-api",
      },
      {
        hourUtc: new Date("2025-01-10T09:00:00Z"),
        lifecycleIntensityGPerKwh: 310,
        directIntensityGPerKwh: 260,
        source: "electricitymaps-api",
      },
    ]);
    const current = (await estimatesOf(["de-api"]))[1];
    expect(current).toMatchObject({ isCurrent: true, intensitySource: "hourly" });
    expect(current?.startHourIntensityGPerKwh).toBeCloseTo(302, 6);
  });
});
