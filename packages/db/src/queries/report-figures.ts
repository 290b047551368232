/**
 * The monthly report's figures beyond `aggregateEmissions` (queries/emissions.ts): the sums of
 * the runs' 90 % bounds, methodology versions, imputed share per disclosure field, energy priced
 * at a fallback intensity, grid-data sources, and each chain's per-inference trend. Every query
 * reads the current estimates of one organization's runs started in [fromUtc, toUtc), like
 * `aggregateEmissions`, so all figures of a report describe the same runs. Quantities are NUMERIC
 * sums as decimal strings (docs/adr/0002-numeric-quantities.md).
 */
import type pg from "pg";
import type { BoundSums } from "./emissions.js";

/** One organization's runs started in [fromUtc, toUtc). */
export interface ReportScope {
  organizationId: string;
  fromUtc: Date;
  toUtc: Date;
}

const SCOPE = `e."organizationId" = $1::uuid AND e."isCurrent" AND e."startTimeUtc" >= $2 AND e."startTimeUtc" < $3`;
const scopeParams = (s: ReportScope) => [s.organizationId, s.fromUtc, s.toUtc];

/**
 * Sums of the runs' 5th and 95th percentile bounds (Estimate.*Low* / *High*, ADR 0012) of
 * facility energy (kWh), total carbon (kgCO2e) and total water (L). A sum of per-run bounds is the
 * 90 % range of the total only when the runs' errors are fully correlated (the same imputed PUE,
 * utilization, intensity); it is the conservative (widest) reading and is labelled so.
 */
export async function reportBoundSums(
  pool: pg.Pool | pg.PoolClient,
  scope: ReportScope,
): Promise<{
  facilityEnergyKwh: BoundSums;
  totalCarbonKgCo2e: BoundSums;
  totalWaterLiters: BoundSums;
}> {
  const { rows } = await pool.query<Record<string, string>>(
    `SELECT coalesce(sum(e."facilityEnergyLowKwh"), 0)::text AS "eLow",
            coalesce(sum(e."facilityEnergyHighKwh"), 0)::text AS "eHigh",
            coalesce(sum(e."totalCarbonLowKgCo2e"), 0)::text AS "cLow",
            coalesce(sum(e."totalCarbonHighKgCo2e"), 0)::text AS "cHigh",
            coalesce(sum(e."totalWaterLowLiters"), 0)::text AS "wLow",
            coalesce(sum(e."totalWaterHighLiters"), 0)::text AS "wHigh"
     FROM "Estimate" e WHERE ${SCOPE}`,
    scopeParams(scope),
  );
  const r = rows[0] as Record<string, string>;
  return {
    facilityEnergyKwh: { low: r.eLow as string, high: r.eHigh as string },
    totalCarbonKgCo2e: { low: r.cLow as string, high: r.cHigh as string },
    totalWaterLiters: { low: r.wLow as string, high: r.wHigh as string },
  };
}

/** Runs per methodology version (Estimate.methodologyVersion) and method, most runs first. */
export async function reportMethodologies(
  pool: pg.Pool | pg.PoolClient,
  scope: ReportScope,
): Promise<{ methodologyVersion: string; method: string; runCount: number }[]> {
  const { rows } = await pool.query<{
    methodologyVersion: string;
    method: string;
    runCount: number;
  }>(
    `SELECT e."methodologyVersion", e."method", count(*)::int AS "runCount"
     FROM "Estimate" e WHERE ${SCOPE}
     GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`,
    scopeParams(scope),
  );
  return rows;
}

/** Per disclosure field: in how many runs' provenance it was imputed, of how many. */
export interface FieldImputation {
  field: string;
  imputedRuns: number;
  runs: number;
}

/**
 * Imputed share per field, from each estimate's provenance document (status "imputed"). The
 * estimates are grouped by document first: a month's runs share a handful of documents.
 */
export async function reportImputationByField(
  pool: pg.Pool | pg.PoolClient,
  scope: ReportScope,
): Promise<FieldImputation[]> {
  const { rows } = await pool.query<FieldImputation>(
    `WITH docs AS (
       SELECT e."provenanceHash" AS hash, count(*) AS n FROM "Estimate" e WHERE ${SCOPE} GROUP BY 1
     )
     SELECT f.key AS "field",
            coalesce(sum(docs.n) FILTER (WHERE f.value->>'status' = 'imputed'), 0)::int AS "imputedRuns",
            sum(docs.n)::int AS "runs"
     FROM docs JOIN "ProvenanceDocument" d ON d.hash = docs.hash, jsonb_each(d.document) f
     GROUP BY f.key ORDER BY f.key`,
    scopeParams(scope),
  );
  return rows;
}

/** Facility energy (kWh) and runs by intensity source ("hourly", "annual_zone", ...). */
export async function reportEnergyByIntensitySource(
  pool: pg.Pool | pg.PoolClient,
  scope: ReportScope,
): Promise<{ intensitySource: string; runCount: number; facilityEnergyKwh: string }[]> {
  const { rows } = await pool.query<{
    intensitySource: string;
    runCount: number;
    facilityEnergyKwh: string;
  }>(
    `SELECT e."intensitySource"::text AS "intensitySource", count(*)::int AS "runCount",
            sum(e."facilityEnergyKwh")::text AS "facilityEnergyKwh"
     FROM "Estimate" e WHERE ${SCOPE} GROUP BY 1 ORDER BY 1`,
    scopeParams(scope),
  );
  return rows;
}

/**
 * The hourly series that priced the runs: per grid zone and GridIntensityHour.source, how many
 * runs' start hour came from it ("shared" series or the organization's private one).
 */
export async function reportGridSources(
  pool: pg.Pool | pg.PoolClient,
  scope: ReportScope,
): Promise<{ gridZone: string; series: string; source: string; runCount: number }[]> {
  const { rows } = await pool.query<{
    gridZone: string;
    series: string;
    source: string;
    runCount: number;
  }>(
    `SELECT e."gridZone", e."intensitySeries" AS "series", coalesce(h.source, '(unknown)') AS "source",
            count(*)::int AS "runCount"
     FROM "Estimate" e
     LEFT JOIN "GridIntensityHour" h ON h."zoneId" = e."gridZone" AND h."hourUtc" = e."intensityHourUtc"
       AND h."organizationId" = CASE WHEN e."intensitySeries" = 'organization' THEN e."organizationId"
                                     ELSE '00000000-0000-0000-0000-000000000000'::uuid END
     WHERE ${SCOPE} AND e."intensitySource" = 'hourly'
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    scopeParams(scope),
  );
  return rows;
}

/** One run of a chain on its per-inference trend. */
export interface ChainTrendPoint {
  chainId: string;
  externalId: string;
  startTimeUtc: Date;
  carbonPerInferenceGCo2e: string;
}

/**
 * Per-inference carbon (gCO2e) of each run of the chains in `chainIds` that started in
 * [trendFromUtc, scope.toUtc) and disclosed its inferences per day (only those count in
 * per-inference figures, METHODOLOGY.md s.1), oldest first.
 */
export async function reportChainTrends(
  pool: pg.Pool | pg.PoolClient,
  scope: ReportScope & { trendFromUtc: Date; chainIds: readonly string[] },
): Promise<ChainTrendPoint[]> {
  if (scope.chainIds.length === 0) return [];
  const { rows } = await pool.query<ChainTrendPoint>(
    `SELECT e."chainId", r."externalId", e."startTimeUtc",
            e."carbonPerInferenceGCo2e"::text AS "carbonPerInferenceGCo2e"
     FROM "Estimate" e JOIN "FineTuneRun" r ON r.id = e."runId"
     WHERE e."organizationId" = $1::uuid AND e."isCurrent" AND e."startTimeUtc" >= $2
       AND e."startTimeUtc" < $3 AND e."chainId" = ANY($4::text[]) AND e."inferencesPerDayDisclosed"
     ORDER BY e."chainId", e."startTimeUtc", r."externalId"`,
    [scope.organizationId, scope.trendFromUtc, scope.toUtc, scope.chainIds],
  );
  return rows;
}

/** Ids of the current estimates of the scope's runs, sorted (a version's run set). */
export async function reportEstimateIds(
  pool: pg.Pool | pg.PoolClient,
  scope: ReportScope,
): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT e.id FROM "Estimate" e WHERE ${SCOPE} ORDER BY e.id`,
    scopeParams(scope),
  );
  return rows.map((r) => r.id);
}
