/**
 * Batch lookup of hourly grid carbon intensity for runs: one SQL statement for the whole batch
 * (plus an index probe for private hours when the requests name organizations).
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
  /**
   * The run's organization: its private series (GridIntensityHour rows of that organization) is
   * preferred, hour by hour, over the shared one. Absent: the shared series only.
   */
  organizationId?: string;
}

/**
 * The intensity of one request: `SuppliedIntensity` (what the estimator reads) plus where the
 * start hour's value came from.
 */
export interface LookedUpIntensity extends SuppliedIntensity {
  /** "organization": the start hour is from the run's organization's private series. */
  series: "shared" | "organization";
  /** GridIntensityHour.source of the start hour, e.g. "electricitymaps-csv", "organization-upload". */
  source: string;
  /** Hours of the mean taken from the organization's private series (0 for the shared series). */
  privateHourCount: number;
}

/** Thrown when a request is invalid (names the key and the problem); nothing is queried. */
export class IntensityRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IntensityRequestError";
  }
}

/** "organizationId" of the shared series (load.ts SHARED_SERIES_ID). */
const SHARED = "00000000-0000-0000-0000-000000000000";

/**
 * For each request: the intensity of the hour containing `startUtc` (floor to the UTC hour) and
 * the unweighted mean over the stored hours h with floor_hour(startUtc) <= h < endUtc (a run
 * from 10:30 to 12:15 averages the 10:00, 11:00 and 12:00 hours; hours missing from the series
 * are left out of the mean), in gCO2e/kWh, as `SuppliedIntensity` (METHODOLOGY.md, grid
 * intensity). A key is absent from the result when its start hour is not stored; the caller then
 * falls back to the annual average.
 *
 * With `organizationId`, each hour is taken from that organization's private series when it has
 * the hour, else from the shared series (docs/adr/0060-grid-data-tenancy.md); other
 * organizations' private series are never read.
 *
 * @param options.signal "life-cycle" (default, Electricity Maps LCA) or "direct".
 * @throws IntensityRequestError when a date is invalid or `endUtc` is before `startUtc`.
 */
export async function lookupIntensities(
  pool: pg.Pool,
  requests: IntensityRequest[],
  options: { signal?: "life-cycle" | "direct" } = {},
): Promise<Map<string, LookedUpIntensity>> {
  const signal = options.signal ?? "life-cycle";
  const result = new Map<string, LookedUpIntensity>();
  if (requests.length === 0) return result;
  for (const r of requests) {
    if (Number.isNaN(r.startUtc.getTime()) || Number.isNaN(r.endUtc.getTime())) {
      throw new IntensityRequestError(`request ${r.key}: startUtc/endUtc must be valid dates`);
    }
    if (r.endUtc.getTime() < r.startUtc.getTime()) {
      throw new IntensityRequestError(`request ${r.key}: endUtc is before startUtc`);
    }
    if (r.organizationId !== undefined && !uuidPattern.test(r.organizationId)) {
      throw new IntensityRequestError(`request ${r.key}: organizationId must be a UUID`);
    }
  }
  const column = signal === "direct" ? '"directIntensityGPerKwh"' : '"lifecycleIntensityGPerKwh"';
  const params = [
    requests.map((r) => r.key),
    requests.map((r) => r.zone),
    requests.map((r) => r.startUtc.toISOString()),
    requests.map((r) => r.endUtc.toISOString()),
  ];
  type Row = {
    key: string;
    hour_utc: Date;
    start_value: number;
    mean_value: number | null;
    source: string;
    private_start: boolean;
    private_hours: number;
  };
  // Without organizations (or when no request's organization has a private hour in the
  // batch's zones) the shared-only statement: the same plan as before private series existed.
  const orgs = [...new Set(requests.flatMap((r) => (r.organizationId ? [r.organizationId] : [])))];
  const anyPrivate =
    orgs.length > 0 &&
    (
      await pool.query(
        `SELECT 1 FROM "GridIntensityHour" h
         WHERE h."organizationId" = ANY ($2::uuid[]) AND h."organizationId" <> '${SHARED}'
           AND h."zoneId" = ANY ($1::text[]) LIMIT 1`,
        [[...new Set(requests.map((r) => r.zone))], orgs],
      )
    ).rowCount;
  // Private hours are few and indexed apart (GridIntensityHour_private_idx): the mean is the
  // shared sum over the window, minus the shared values of the hours the organization has, plus
  // its values of those hours, over the hour count; no per-hour merge of the two series.
  const rows = anyPrivate
    ? await pool.query<Row>(
        `SELECT r.key, s."hourUtc" AS hour_utc, s.v AS start_value, s.source,
                s."organizationId" <> '${SHARED}' AS private_start,
                (coalesce(sh.total, 0) - coalesce(pv.shared_total, 0) + coalesce(pv.total, 0))
                  / nullif(sh.n - pv.shared_n + pv.n, 0) AS mean_value,
                pv.n AS private_hours
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::uuid[])
           AS r(key, zone, start_utc, end_utc, org)
         CROSS JOIN LATERAL (
           SELECT h."hourUtc", h.${column} AS v, h.source, h."organizationId" FROM "GridIntensityHour" h
           WHERE h."zoneId" = r.zone AND h."hourUtc" = date_trunc('hour', r.start_utc, 'UTC')
             AND h."organizationId" IN ('${SHARED}', coalesce(r.org, '${SHARED}'))
           ORDER BY h."organizationId" DESC LIMIT 1
         ) s
         CROSS JOIN LATERAL (
           SELECT sum(h.${column}) AS total, count(*)::int AS n FROM "GridIntensityHour" h
           WHERE h."zoneId" = r.zone AND h."hourUtc" >= s."hourUtc" AND h."hourUtc" < r.end_utc
             AND h."organizationId" = '${SHARED}'
         ) sh
         CROSS JOIN LATERAL (
           SELECT sum(p.${column}) AS total, count(*)::int AS n,
                  sum(x.${column}) AS shared_total, count(x.${column})::int AS shared_n
           FROM "GridIntensityHour" p
           LEFT JOIN "GridIntensityHour" x
             ON x."zoneId" = p."zoneId" AND x."hourUtc" = p."hourUtc" AND x."organizationId" = '${SHARED}'
           WHERE p."organizationId" = r.org AND p."organizationId" <> '${SHARED}'
             AND p."zoneId" = r.zone AND p."hourUtc" >= s."hourUtc" AND p."hourUtc" < r.end_utc
         ) pv`,
        [...params, requests.map((r) => r.organizationId ?? null)],
      )
    : await pool.query<Row>(
        `SELECT r.key, s."hourUtc" AS hour_utc, s.${column} AS start_value, m.mean_value, s.source,
                false AS private_start, 0 AS private_hours
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS r(key, zone, start_utc, end_utc)
         JOIN "GridIntensityHour" s
           ON s."zoneId" = r.zone AND s."hourUtc" = date_trunc('hour', r.start_utc, 'UTC')
          AND s."organizationId" = '${SHARED}'
         CROSS JOIN LATERAL (
           SELECT avg(h.${column}) AS mean_value FROM "GridIntensityHour" h
           WHERE h."zoneId" = r.zone AND h."hourUtc" >= s."hourUtc" AND h."hourUtc" < r.end_utc
             AND h."organizationId" = '${SHARED}'
         ) m`,
        params,
      );
  for (const row of rows.rows) {
    result.set(row.key, {
      startHourIntensityGPerKwh: row.start_value,
      // A run shorter than its first hour's remainder (end <= start hour) has no hour in range: use the start hour.
      meanIntensityGPerKwh: row.mean_value ?? row.start_value,
      hourUtc: row.hour_utc.toISOString(),
      signal,
      series: row.private_start ? "organization" : "shared",
      source: row.source,
      privateHourCount: row.private_hours,
    });
  }
  return result;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
