/**
 * Batch lookup of hourly grid carbon intensity for runs: one SQL statement for the whole batch.
 */
import type { SuppliedIntensity } from "@finetrace/estimator";
import type pg from "pg";

/** One run to price: its zone and UTC interval. `key` identifies it in the result. */
export interface IntensityRequest {
  key: string;
  /** Electricity Maps zone id. */
  zone: string;
  startUtc: Date;
  endUtc: Date;
}

/** Thrown when a request is invalid (names the key and the problem); nothing is queried. */
export class IntensityRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IntensityRequestError";
  }
}

/**
 * For each request: the intensity of the hour containing `startUtc` (floor to the UTC hour) and
 * the unweighted mean over the stored hours h with floor_hour(startUtc) <= h < endUtc (a run
 * from 10:30 to 12:15 averages the 10:00, 11:00 and 12:00 hours; hours missing from the series
 * are left out of the mean), in gCO2e/kWh, as `SuppliedIntensity` (METHODOLOGY.md, grid
 * intensity). A key is absent from the result when its start hour is not stored; the caller then
 * falls back to the annual average.
 *
 * @param options.signal "life-cycle" (default, Electricity Maps LCA) or "direct".
 * @throws IntensityRequestError when a date is invalid or `endUtc` is before `startUtc`.
 */
export async function lookupIntensities(
  pool: pg.Pool,
  requests: IntensityRequest[],
  options: { signal?: "life-cycle" | "direct" } = {},
): Promise<Map<string, SuppliedIntensity>> {
  const signal = options.signal ?? "life-cycle";
  const result = new Map<string, SuppliedIntensity>();
  if (requests.length === 0) return result;
  for (const r of requests) {
    if (Number.isNaN(r.startUtc.getTime()) || Number.isNaN(r.endUtc.getTime())) {
      throw new IntensityRequestError(`request ${r.key}: startUtc/endUtc must be valid dates`);
    }
    if (r.endUtc.getTime() < r.startUtc.getTime()) {
      throw new IntensityRequestError(`request ${r.key}: endUtc is before startUtc`);
    }
  }
  const column = signal === "direct" ? '"directIntensityGPerKwh"' : '"lifecycleIntensityGPerKwh"';
  const rows = await pool.query<{
    key: string;
    hour_utc: Date;
    start_value: number;
    mean_value: number | null;
  }>(
    `SELECT r.key, s."hourUtc" AS hour_utc, s.${column} AS start_value, m.mean_value
     FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS r(key, zone, start_utc, end_utc)
     JOIN "GridIntensityHour" s
       ON s."zoneId" = r.zone AND s."hourUtc" = date_trunc('hour', r.start_utc, 'UTC')
     CROSS JOIN LATERAL (
       SELECT avg(h.${column}) AS mean_value FROM "GridIntensityHour" h
       WHERE h."zoneId" = r.zone AND h."hourUtc" >= s."hourUtc" AND h."hourUtc" < r.end_utc
     ) m`,
    [
      requests.map((r) => r.key),
      requests.map((r) => r.zone),
      requests.map((r) => r.startUtc.toISOString()),
      requests.map((r) => r.endUtc.toISOString()),
    ],
  );
  for (const row of rows.rows) {
    result.set(row.key, {
      startHourIntensityGPerKwh: row.start_value,
      // A run shorter than its first hour's remainder (end <= start hour) has no hour in range: use the start hour.
      meanIntensityGPerKwh: row.mean_value ?? row.start_value,
      hourUtc: row.hour_utc.toISOString(),
      signal,
    });
  }
  return result;
}
