/**
 * Test fixture: insert runs that are already ESTIMATED (a FineTuneRun plus its current
 * Estimate) in one statement, with exactly the figures a test chooses, so aggregation tests can
 * work out expected sums by hand without running the estimator. Figures not given default to
 * the values below (round numbers, not a real estimate). `inferencesPerDay` > 0 is recorded as
 * disclosed in the provenance (a ProvenanceDocument), 0 as not disclosed. The organization's
 * EmissionsRollup rows are rebuilt afterwards. Exported from `@finetrace/db/testing`.
 */
import type pg from "pg";
import { rebuildEmissionsRollup } from "../rollups/emissions-rollup.js";

export interface EstimatedRunFixture {
  externalId: string;
  /** ISO 8601 with offset. */
  startTimeUtc: string;
  baseModel?: string;
  gridZone?: string;
  gpuModel?: string;
  chainId?: string | null;
  itEnergyKwh?: string;
  facilityEnergyKwh?: string;
  /** Hours (default "1"). */
  reservedDurationHours?: string;
  operationalCarbonKgCo2e?: string;
  embodiedCarbonKgCo2e?: string;
  onsiteWaterLiters?: string;
  offsiteWaterLiters?: string;
  embodiedWaterLiters?: string;
  useLifeDays?: string;
  inferencesPerDay?: string;
  imputedFieldCount?: number;
  provenanceFieldCount?: number;
}

const DEFAULTS = {
  baseModel: "llama-2-7b",
  gridZone: "US-NW-PACW",
  gpuModel: "A100-SXM4-40GB",
  chainId: null,
  itEnergyKwh: "10",
  facilityEnergyKwh: "12",
  reservedDurationHours: "1",
  operationalCarbonKgCo2e: "3",
  embodiedCarbonKgCo2e: "1",
  onsiteWaterLiters: "18",
  offsiteWaterLiters: "30",
  embodiedWaterLiters: "2",
  useLifeDays: "0",
  inferencesPerDay: "0",
  imputedFieldCount: 4,
  provenanceFieldCount: 20,
} satisfies Omit<EstimatedRunFixture, "externalId" | "startTimeUtc">;

/**
 * Insert ESTIMATED runs with their current estimate for `organizationId`.
 * Totals are derived: totalCarbon = operational + embodied; totalWater = onsite + offsite +
 * embodied. @returns run ids in input order.
 */
export async function insertEstimatedRuns(
  pool: pg.Pool,
  organizationId: string,
  runs: EstimatedRunFixture[],
): Promise<string[]> {
  const rows = runs.map((r, ord) => ({ ...DEFAULTS, ...r, ord }));
  // Data-modifying CTEs run even when unreferenced; the FKs between the run and its estimate
  // are checked at the end of the statement, when both rows exist.
  const { rows: out } = await pool.query<{ id: string; ord: number }>(
    `WITH input AS (
       SELECT x.*, gen_random_uuid() AS run_id, gen_random_uuid() AS estimate_id
       FROM jsonb_to_recordset($2::jsonb) AS x(
         ord int, "externalId" text, "startTimeUtc" timestamptz, "baseModel" text, "gridZone" text,
         "gpuModel" text, "chainId" text, "itEnergyKwh" numeric, "facilityEnergyKwh" numeric,
         "reservedDurationHours" numeric,
         "operationalCarbonKgCo2e" numeric, "embodiedCarbonKgCo2e" numeric,
         "onsiteWaterLiters" numeric, "offsiteWaterLiters" numeric, "embodiedWaterLiters" numeric,
         "useLifeDays" numeric, "inferencesPerDay" numeric, "imputedFieldCount" int,
         "provenanceFieldCount" int)
     ), provenance AS (
       SELECT i.ord, d.document, encode(sha256(convert_to(d.document::text, 'UTF8')), 'hex') AS hash
       FROM input i, LATERAL (SELECT jsonb_build_object(
           'gpuModel', jsonb_build_object('status', 'imputed', 'rule', 'gpu-model-of-year',
             'source', 'fixture', 'value', 'A100-SXM4-40GB'),
           'baseModel', jsonb_build_object('status', 'disclosed'),
           'inferencesPerDay', CASE WHEN i."inferencesPerDay" > 0
             THEN jsonb_build_object('status', 'disclosed')
             ELSE jsonb_build_object('status', 'imputed', 'rule', 'inferences-default',
               'source', 'fixture', 'value', 1000) END) AS document) d
     ), documents AS (
       INSERT INTO "ProvenanceDocument" ("hash", "document")
       SELECT DISTINCT ON (hash) hash, document FROM provenance
       ON CONFLICT DO NOTHING
     ), runs AS (
       INSERT INTO "FineTuneRun" ("id", "organizationId", "externalId", "status", "updatedAt",
         "baseModel", "startTime", "gridZone", "gpuModel", "chainId")
       SELECT run_id, $1::uuid, "externalId", 'ESTIMATED', now(), "baseModel", "startTimeUtc",
         "gridZone", "gpuModel", "chainId"
       FROM input
       RETURNING "id"
     ), estimates AS (
       INSERT INTO "Estimate" ("id", "runId", "organizationId", "isCurrent", "methodologyVersion",
         "method", "startTimeUtc", "reservedDurationHours", "baseModel", "gridZone", "gpuModel",
         "gpuCount", "serverCount", "chainId", "itPowerWatts", "itEnergyKwh", "facilityEnergyKwh",
         "intensitySource", "intensitySignal", "intensityHourUtc", "startHourIntensityGPerKwh",
         "meanIntensityGPerKwh", "operationalCarbonKgCo2e", "operationalCarbonMeanKgCo2e",
         "embodiedCarbonKgCo2e", "totalCarbonKgCo2e", "onsiteWaterLiters", "offsiteWaterLiters",
         "embodiedWaterLiters", "totalWaterLiters", "useLifeDays", "inferencesPerDay",
         "carbonPerInferenceGCo2e", "waterPerInferenceMilliliters", "totalCarbonLowKgCo2e",
         "totalCarbonHighKgCo2e", "facilityEnergyLowKwh", "facilityEnergyHighKwh",
         "totalWaterLowLiters", "totalWaterHighLiters", "imputedFieldCount",
         "provenanceFieldCount", "provenanceHash", "inferencesPerDayDisclosed")
       SELECT i.estimate_id, i.run_id, $1::uuid, true, 'fixture', 'finetrace', i."startTimeUtc", i."reservedDurationHours",
         i."baseModel", i."gridZone", i."gpuModel", 8, 1, i."chainId", i."itEnergyKwh" * 1000,
         i."itEnergyKwh", i."facilityEnergyKwh", 'hourly', 'life-cycle',
         date_trunc('hour', i."startTimeUtc"), 250, 250, i."operationalCarbonKgCo2e",
         i."operationalCarbonKgCo2e", i."embodiedCarbonKgCo2e",
         i."operationalCarbonKgCo2e" + i."embodiedCarbonKgCo2e", i."onsiteWaterLiters",
         i."offsiteWaterLiters", i."embodiedWaterLiters",
         i."onsiteWaterLiters" + i."offsiteWaterLiters" + i."embodiedWaterLiters",
         i."useLifeDays", i."inferencesPerDay", 0, 0,
         i."operationalCarbonKgCo2e" + i."embodiedCarbonKgCo2e",
         i."operationalCarbonKgCo2e" + i."embodiedCarbonKgCo2e", i."facilityEnergyKwh",
         i."facilityEnergyKwh", i."onsiteWaterLiters" + i."offsiteWaterLiters" + i."embodiedWaterLiters",
         i."onsiteWaterLiters" + i."offsiteWaterLiters" + i."embodiedWaterLiters",
         i."imputedFieldCount", i."provenanceFieldCount", p.hash, i."inferencesPerDay" > 0
       FROM input i JOIN provenance p ON p.ord = i.ord
       RETURNING "id"
     )
     SELECT run_id AS id, ord FROM input ORDER BY ord`,
    [organizationId, JSON.stringify(rows)],
  );
  // Written without storeEstimates: bring the organization's rollup up to date.
  await rebuildEmissionsRollup(pool, organizationId);
  return out.map((r) => r.id);
}
