-- CreateEnum
CREATE TYPE "RollupGrain" AS ENUM ('hour', 'day', 'month');

-- CreateTable
CREATE TABLE "EmissionsRollup" (
    "organizationId" UUID NOT NULL,
    "grain" "RollupGrain" NOT NULL,
    "bucketUtc" TIMESTAMPTZ(0) NOT NULL,
    "baseModel" TEXT NOT NULL,
    "gridZone" TEXT NOT NULL,
    "gpuModel" TEXT NOT NULL,
    "chainKey" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "intensitySource" "IntensitySource" NOT NULL,
    "runCount" BIGINT NOT NULL,
    "itEnergyKwh" DECIMAL(38,9) NOT NULL,
    "facilityEnergyKwh" DECIMAL(38,9) NOT NULL,
    "operationalCarbonKgCo2e" DECIMAL(38,9) NOT NULL,
    "embodiedCarbonKgCo2e" DECIMAL(38,9) NOT NULL,
    "totalCarbonKgCo2e" DECIMAL(38,9) NOT NULL,
    "onsiteWaterLiters" DECIMAL(38,9) NOT NULL,
    "offsiteWaterLiters" DECIMAL(38,9) NOT NULL,
    "embodiedWaterLiters" DECIMAL(38,9) NOT NULL,
    "totalWaterLiters" DECIMAL(38,9) NOT NULL,
    "imputedFieldCount" BIGINT NOT NULL,
    "provenanceFieldCount" BIGINT NOT NULL,
    "useRunCount" BIGINT NOT NULL,
    "useProjectedInferences" DECIMAL(38,12) NOT NULL,
    "useFacilityEnergyKwh" DECIMAL(38,9) NOT NULL,
    "useTotalCarbonKgCo2e" DECIMAL(38,9) NOT NULL,
    "useTotalWaterLiters" DECIMAL(38,9) NOT NULL,

    CONSTRAINT "EmissionsRollup_pkey" PRIMARY KEY ("organizationId","grain","bucketUtc","baseModel","gridZone","gpuModel","chainKey","method","intensitySource")
);

-- Backfill from the current estimates (hand-added: the same SQL as rollupDeltaSql in
-- packages/db/src/rollups/emissions-rollup.ts, with the columns of this migration).
INSERT INTO "EmissionsRollup" AS r ("organizationId", "grain", "bucketUtc", "baseModel", "gridZone", "gpuModel", "chainKey", "method", "intensitySource", "runCount", "itEnergyKwh", "facilityEnergyKwh", "operationalCarbonKgCo2e", "embodiedCarbonKgCo2e", "totalCarbonKgCo2e", "onsiteWaterLiters", "offsiteWaterLiters", "embodiedWaterLiters", "totalWaterLiters", "imputedFieldCount", "provenanceFieldCount", "useRunCount", "useProjectedInferences", "useFacilityEnergyKwh", "useTotalCarbonKgCo2e", "useTotalWaterLiters")
SELECT e."organizationId", g.grain, date_trunc(g.grain::text, e."startTimeUtc", 'UTC'), e."baseModel", e."gridZone", e."gpuModel", coalesce(e."chainId", ''), e."method", e."intensitySource",
  sum(e.sign * (1)),
  sum(e.sign * (e."itEnergyKwh")),
  sum(e.sign * (e."facilityEnergyKwh")),
  sum(e.sign * (e."operationalCarbonKgCo2e")),
  sum(e.sign * (e."embodiedCarbonKgCo2e")),
  sum(e.sign * (e."totalCarbonKgCo2e")),
  sum(e.sign * (e."onsiteWaterLiters")),
  sum(e.sign * (e."offsiteWaterLiters")),
  sum(e.sign * (e."embodiedWaterLiters")),
  sum(e.sign * (e."totalWaterLiters")),
  sum(e.sign * (e."imputedFieldCount")),
  sum(e.sign * (e."provenanceFieldCount")),
  sum(e.sign * (CASE WHEN e."inferencesPerDayDisclosed" AND e."useLifeDays" > 0 AND e."inferencesPerDay" > 0 THEN 1 ELSE 0 END)),
  sum(e.sign * (CASE WHEN e."inferencesPerDayDisclosed" AND e."useLifeDays" > 0 AND e."inferencesPerDay" > 0 THEN e."useLifeDays" * e."inferencesPerDay" ELSE 0 END)),
  sum(e.sign * (CASE WHEN e."inferencesPerDayDisclosed" AND e."useLifeDays" > 0 AND e."inferencesPerDay" > 0 THEN e."facilityEnergyKwh" ELSE 0 END)),
  sum(e.sign * (CASE WHEN e."inferencesPerDayDisclosed" AND e."useLifeDays" > 0 AND e."inferencesPerDay" > 0 THEN e."totalCarbonKgCo2e" ELSE 0 END)),
  sum(e.sign * (CASE WHEN e."inferencesPerDayDisclosed" AND e."useLifeDays" > 0 AND e."inferencesPerDay" > 0 THEN e."totalWaterLiters" ELSE 0 END))
FROM (SELECT "organizationId", "startTimeUtc", "baseModel", "gridZone", "gpuModel", "chainId", "method", "intensitySource", "itEnergyKwh", "facilityEnergyKwh", "operationalCarbonKgCo2e", "embodiedCarbonKgCo2e", "totalCarbonKgCo2e", "onsiteWaterLiters", "offsiteWaterLiters", "embodiedWaterLiters", "totalWaterLiters", "imputedFieldCount", "provenanceFieldCount", "inferencesPerDayDisclosed", "useLifeDays", "inferencesPerDay", 1 AS sign FROM "Estimate" WHERE "isCurrent") e
CROSS JOIN unnest(enum_range(NULL::"RollupGrain")) AS g(grain)
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
ON CONFLICT ("organizationId", "grain", "bucketUtc", "baseModel", "gridZone", "gpuModel", "chainKey", "method", "intensitySource") DO UPDATE SET
  "runCount" = r."runCount" + EXCLUDED."runCount",
  "itEnergyKwh" = r."itEnergyKwh" + EXCLUDED."itEnergyKwh",
  "facilityEnergyKwh" = r."facilityEnergyKwh" + EXCLUDED."facilityEnergyKwh",
  "operationalCarbonKgCo2e" = r."operationalCarbonKgCo2e" + EXCLUDED."operationalCarbonKgCo2e",
  "embodiedCarbonKgCo2e" = r."embodiedCarbonKgCo2e" + EXCLUDED."embodiedCarbonKgCo2e",
  "totalCarbonKgCo2e" = r."totalCarbonKgCo2e" + EXCLUDED."totalCarbonKgCo2e",
  "onsiteWaterLiters" = r."onsiteWaterLiters" + EXCLUDED."onsiteWaterLiters",
  "offsiteWaterLiters" = r."offsiteWaterLiters" + EXCLUDED."offsiteWaterLiters",
  "embodiedWaterLiters" = r."embodiedWaterLiters" + EXCLUDED."embodiedWaterLiters",
  "totalWaterLiters" = r."totalWaterLiters" + EXCLUDED."totalWaterLiters",
  "imputedFieldCount" = r."imputedFieldCount" + EXCLUDED."imputedFieldCount",
  "provenanceFieldCount" = r."provenanceFieldCount" + EXCLUDED."provenanceFieldCount",
  "useRunCount" = r."useRunCount" + EXCLUDED."useRunCount",
  "useProjectedInferences" = r."useProjectedInferences" + EXCLUDED."useProjectedInferences",
  "useFacilityEnergyKwh" = r."useFacilityEnergyKwh" + EXCLUDED."useFacilityEnergyKwh",
  "useTotalCarbonKgCo2e" = r."useTotalCarbonKgCo2e" + EXCLUDED."useTotalCarbonKgCo2e",
  "useTotalWaterLiters" = r."useTotalWaterLiters" + EXCLUDED."useTotalWaterLiters";
