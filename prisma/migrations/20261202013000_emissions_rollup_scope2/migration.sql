-- EmissionsRollup gains the sums of the estimates' 90 % bounds and the Scope 2 sums
-- (docs/adr/0080-emissions-rollup.md, docs/adr/0090-market-based-scope2.md): estimates with a
-- Scope 2 result, estimates with a shift result, and the four Scope 2 quantities.
-- AlterTable (columns in schema.prisma's order)
ALTER TABLE "EmissionsRollup" ADD COLUMN     "facilityEnergyLowKwh" DECIMAL(38,9) NOT NULL DEFAULT 0,
ADD COLUMN     "facilityEnergyHighKwh" DECIMAL(38,9) NOT NULL DEFAULT 0,
ADD COLUMN     "totalCarbonLowKgCo2e" DECIMAL(38,9) NOT NULL DEFAULT 0,
ADD COLUMN     "totalCarbonHighKgCo2e" DECIMAL(38,9) NOT NULL DEFAULT 0,
ADD COLUMN     "totalWaterLowLiters" DECIMAL(38,9) NOT NULL DEFAULT 0,
ADD COLUMN     "totalWaterHighLiters" DECIMAL(38,9) NOT NULL DEFAULT 0,
ADD COLUMN     "scope2RunCount" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "shiftCoveredRuns" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "marketBasedCarbonKgCo2e" DECIMAL(38,9) NOT NULL DEFAULT 0,
ADD COLUMN     "renewableEnergyKwh" DECIMAL(38,9) NOT NULL DEFAULT 0,
ADD COLUMN     "carbonFreeEnergyKwh" DECIMAL(38,9) NOT NULL DEFAULT 0,
ADD COLUMN     "shiftSavingKgCo2e" DECIMAL(38,9) NOT NULL DEFAULT 0;

-- Backfill the bound sums from the current estimates
UPDATE "EmissionsRollup" r SET
  "facilityEnergyLowKwh" = a.el, "facilityEnergyHighKwh" = a.eh,
  "totalCarbonLowKgCo2e" = a.cl, "totalCarbonHighKgCo2e" = a.ch,
  "totalWaterLowLiters" = a.wl, "totalWaterHighLiters" = a.wh
FROM (
  SELECT e."organizationId", g.grain, date_trunc(g.grain::text, e."startTimeUtc", 'UTC') AS bucket,
    e."baseModel", e."gridZone", e."gpuModel", coalesce(e."chainId", '') AS chain, e."method",
    e."intensitySource",
    sum(e."facilityEnergyLowKwh") AS el, sum(e."facilityEnergyHighKwh") AS eh,
    sum(e."totalCarbonLowKgCo2e") AS cl, sum(e."totalCarbonHighKgCo2e") AS ch,
    sum(e."totalWaterLowLiters") AS wl, sum(e."totalWaterHighLiters") AS wh
  FROM "Estimate" e CROSS JOIN unnest(enum_range(NULL::"RollupGrain")) AS g(grain)
  WHERE e."isCurrent"
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
) a
WHERE r."organizationId" = a."organizationId" AND r.grain = a.grain AND r."bucketUtc" = a.bucket
  AND r."baseModel" = a."baseModel" AND r."gridZone" = a."gridZone" AND r."gpuModel" = a."gpuModel"
  AND r."chainKey" = a.chain AND r."method" = a."method" AND r."intensitySource" = a."intensitySource";

-- Backfill from the current estimates that already carry a Scope 2 result
UPDATE "EmissionsRollup" r SET
  "scope2RunCount" = a.n, "shiftCoveredRuns" = a.shift_n,
  "marketBasedCarbonKgCo2e" = a.market, "renewableEnergyKwh" = a.renewable,
  "carbonFreeEnergyKwh" = a.cfe, "shiftSavingKgCo2e" = a.saving
FROM (
  SELECT e."organizationId", g.grain, date_trunc(g.grain::text, e."startTimeUtc", 'UTC') AS bucket,
    e."baseModel", e."gridZone", e."gpuModel", coalesce(e."chainId", '') AS chain, e."method",
    e."intensitySource",
    count(e."marketBasedCarbonKgCo2e") AS n, count(e."shiftSavingKgCo2e") AS shift_n,
    coalesce(sum(e."marketBasedCarbonKgCo2e"), 0) AS market,
    coalesce(sum(e."renewableEnergyKwh"), 0) AS renewable,
    coalesce(sum(e."carbonFreeEnergyKwh"), 0) AS cfe,
    coalesce(sum(e."shiftSavingKgCo2e"), 0) AS saving
  FROM "Estimate" e CROSS JOIN unnest(enum_range(NULL::"RollupGrain")) AS g(grain)
  WHERE e."isCurrent" AND e."marketBasedCarbonKgCo2e" IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
) a
WHERE r."organizationId" = a."organizationId" AND r.grain = a.grain AND r."bucketUtc" = a.bucket
  AND r."baseModel" = a."baseModel" AND r."gridZone" = a."gridZone" AND r."gpuModel" = a."gpuModel"
  AND r."chainKey" = a.chain AND r."method" = a."method" AND r."intensitySource" = a."intensitySource";
