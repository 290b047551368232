/**
 * Use case "fetch grid intensity" (the worker's `fetch-grid-intensity` job): pull the last 24 hours of a zone from the Electricity Maps API and upsert them through the same
 * COPY loader as the CSV files (the hours are written in the Electricity Maps CSV layout), then
 * re-estimate the runs that used a fallback for those hours.
 */
import { Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import type { ServiceDeps } from "../deps.js";
import {
  type ElectricityMapsClientOptions,
  type FetchedIntensityHour,
  fetchRecentIntensity,
} from "./electricitymaps-client.js";
import { type GridLoadSummary, loadSharedGridIntensity } from "./load-grid-intensity.js";

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
  "Renewable energy percentage (RE%)",
  "Carbon-free energy percentage (CFE%)",
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
      h.renewablePercentage === null ? "" : String(h.renewablePercentage),
      h.carbonFreePercentage === null ? "" : String(h.carbonFreePercentage),
    ]),
  ]);
}

/**
 * Pull the last 24 hours of `zone` and load them into the shared series
 * (`loadSharedGridIntensity`, source "electricitymaps-api", actor "worker:fetch-grid-intensity":
 * a platform job, no organization's).
 * @throws ElectricityMapsApiError when the API answers an error; nothing is written then.
 */
export async function fetchGridIntensity(
  deps: ServiceDeps,
  client: ElectricityMapsClientOptions & { zone: string },
): Promise<GridLoadSummary> {
  const hours = await fetchRecentIntensity(client, client.zone);
  return loadSharedGridIntensity(
    deps,
    [{ stream: Readable.from([toElectricityMapsCsv(hours)]), name: `${client.zone}-history.csv` }],
    { source: API_SOURCE, actor: "worker:fetch-grid-intensity" },
  );
}
