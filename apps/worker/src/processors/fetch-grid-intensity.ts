/**
 * `fetch-grid-intensity` (repeatable, one scheduler per configured zone; off by default): pull
 * the last 24 hours of a zone from the Electricity Maps API and upsert them through the same
 * COPY loader as the CSV files (the hours are written in the Electricity Maps CSV layout), then
 * re-estimate the runs that used a fallback for those hours.
 */
import { Readable } from "node:stream";
import { loadGridIntensityCsv } from "@finetrace/db";
import type { FetchGridIntensityPayload } from "@finetrace/jobs";
import { stringify } from "csv-stringify/sync";
import type { JobContext, WorkerDeps } from "../context.js";
import { type FetchedIntensityHour, fetchRecentIntensity } from "../electricitymaps/client.js";
import { type GridLoadSummary, reestimateAfterLoad } from "./load-grid-intensity.js";

/** `GridIntensityHour.source` of rows pulled from the API. */
export const API_SOURCE = "electricitymaps-api";

/** Header of the Electricity Maps hourly CSV (data/electricitymaps-hourly/README.md). */
const CSV_HEADER = [
  "Datetime (UTC)",
  "Zone id",
  "Zone name",
  "Carbon intensity gCO₂eq/kWh (direct)",
  "Carbon intensity gCO₂eq/kWh (Life cycle)",
  "Data estimated",
];

/** The fetched hours as an Electricity Maps hourly CSV (the zone id stands in for its name). */
export function toElectricityMapsCsv(hours: readonly FetchedIntensityHour[]): string {
  return stringify([
    CSV_HEADER,
    ...hours.map((h) => [
      h.hourUtc.toISOString(),
      h.zone,
      h.zone,
      String(h.directIntensityGPerKwh),
      String(h.lifecycleIntensityGPerKwh),
      h.isEstimated ? "true" : "false",
    ]),
  ]);
}

export async function processFetchGridIntensity(
  payload: FetchGridIntensityPayload,
  deps: WorkerDeps,
  { log }: JobContext,
): Promise<GridLoadSummary> {
  const token = deps.env.ELECTRICITYMAPS_API_TOKEN;
  if (!token) throw new Error("ELECTRICITYMAPS_API_TOKEN: is required to fetch grid intensity");
  const hours = await fetchRecentIntensity(
    { baseUrl: deps.env.ELECTRICITYMAPS_API_URL, token },
    payload.zone,
  );
  const result = await loadGridIntensityCsv(
    deps.pool,
    { stream: Readable.from([toElectricityMapsCsv(hours)]), name: `${payload.zone}-history.csv` },
    { source: API_SOURCE },
  );
  const summary = await reestimateAfterLoad(deps, result);
  log.info({ zone: payload.zone, ...summary, firstRejected: undefined }, "grid intensity fetched");
  return summary;
}
