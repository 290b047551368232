-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ApiKeyRole" AS ENUM ('admin', 'ingest', 'read');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('PENDING', 'ESTIMATED', 'FAILED');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('PENDING', 'READY', 'FAILED');

-- CreateEnum
CREATE TYPE "IntensitySource" AS ENUM ('hourly', 'annual_zone', 'annual_country');

-- CreateTable
CREATE TABLE "Organization" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "pueOverride" DECIMAL(6,4),
    "wueLitersPerKwhOverride" DECIMAL(8,4),
    "reportingTimezone" TEXT NOT NULL DEFAULT 'UTC',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hashedKey" TEXT NOT NULL,
    "role" "ApiKeyRole" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GridZone" (
    "id" TEXT NOT NULL,
    "countryCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "annualIntensityGPerKwh" DECIMAL(10,3),
    "annualIntensityYear" INTEGER,

    CONSTRAINT "GridZone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CloudRegion" (
    "provider" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "gridZoneId" TEXT NOT NULL,
    "countryCode" TEXT NOT NULL,

    CONSTRAINT "CloudRegion_pkey" PRIMARY KEY ("provider","region")
);

-- CreateTable
CREATE TABLE "GridIntensityHour" (
    "zoneId" TEXT NOT NULL,
    "hourUtc" TIMESTAMPTZ(0) NOT NULL,
    "lifecycleIntensityGPerKwh" DOUBLE PRECISION NOT NULL,
    "directIntensityGPerKwh" DOUBLE PRECISION NOT NULL,
    "source" TEXT NOT NULL,
    "isEstimated" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "GridIntensityHour_pkey" PRIMARY KEY ("zoneId","hourUtc")
);

-- CreateTable
CREATE TABLE "FineTuneRun" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "externalId" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'PENDING',
    "failureReason" TEXT,
    "submittedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "baseModel" TEXT NOT NULL,
    "baseModelParameterCount" BIGINT,
    "fineTuningMethod" TEXT,
    "startTime" TIMESTAMPTZ(3),
    "reservedDurationHours" DOUBLE PRECISION,
    "gpuUtilizationFraction" DOUBLE PRECISION,
    "cpuUtilizationFraction" DOUBLE PRECISION,
    "tokensIncludingPadding" BIGINT,
    "measuredEnergyKwh" DOUBLE PRECISION,
    "managedService" TEXT,
    "cloudProvider" TEXT,
    "cloudRegion" TEXT,
    "gridZone" TEXT,
    "countryCode" TEXT,
    "gpuModel" TEXT,
    "serverModel" TEXT,
    "gpuCount" INTEGER,
    "serverCount" INTEGER,
    "pue" DOUBLE PRECISION,
    "wueLitersPerKwh" DOUBLE PRECISION,
    "useLifeDays" DOUBLE PRECISION,
    "inferencesPerDay" DOUBLE PRECISION,
    "chainId" TEXT,
    "previousRunId" UUID,
    "currentEstimateId" UUID,

    CONSTRAINT "FineTuneRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Estimate" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "isCurrent" BOOLEAN NOT NULL DEFAULT true,
    "methodologyVersion" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startTimeUtc" TIMESTAMPTZ(3) NOT NULL,
    "reservedDurationHours" DECIMAL(28,9) NOT NULL,
    "baseModel" TEXT NOT NULL,
    "gridZone" TEXT NOT NULL,
    "gpuModel" TEXT NOT NULL,
    "gpuCount" INTEGER NOT NULL,
    "serverCount" INTEGER NOT NULL,
    "chainId" TEXT,
    "itPowerWatts" DECIMAL(28,9) NOT NULL,
    "itEnergyKwh" DECIMAL(28,9) NOT NULL,
    "facilityEnergyKwh" DECIMAL(28,9) NOT NULL,
    "intensitySource" "IntensitySource" NOT NULL,
    "intensitySignal" TEXT NOT NULL,
    "intensityHourUtc" TIMESTAMPTZ(0),
    "startHourIntensityGPerKwh" DECIMAL(16,6) NOT NULL,
    "meanIntensityGPerKwh" DECIMAL(16,6) NOT NULL,
    "operationalCarbonKgCo2e" DECIMAL(28,9) NOT NULL,
    "operationalCarbonMeanKgCo2e" DECIMAL(28,9) NOT NULL,
    "embodiedCarbonKgCo2e" DECIMAL(28,9) NOT NULL,
    "totalCarbonKgCo2e" DECIMAL(28,9) NOT NULL,
    "onsiteWaterLiters" DECIMAL(28,9) NOT NULL,
    "offsiteWaterLiters" DECIMAL(28,9) NOT NULL,
    "embodiedWaterLiters" DECIMAL(28,9) NOT NULL,
    "totalWaterLiters" DECIMAL(28,9) NOT NULL,
    "useLifeDays" DECIMAL(16,6) NOT NULL,
    "inferencesPerDay" DECIMAL(24,6) NOT NULL,
    "carbonPerInferenceGCo2e" DECIMAL(28,12) NOT NULL,
    "waterPerInferenceMilliliters" DECIMAL(28,12) NOT NULL,
    "totalCarbonLowKgCo2e" DECIMAL(28,9) NOT NULL,
    "totalCarbonHighKgCo2e" DECIMAL(28,9) NOT NULL,
    "facilityEnergyLowKwh" DECIMAL(28,9) NOT NULL,
    "facilityEnergyHighKwh" DECIMAL(28,9) NOT NULL,
    "totalWaterLowLiters" DECIMAL(28,9) NOT NULL,
    "totalWaterHighLiters" DECIMAL(28,9) NOT NULL,
    "imputedFieldCount" INTEGER NOT NULL,
    "provenanceFieldCount" INTEGER NOT NULL,
    "provenance" JSONB NOT NULL,

    CONSTRAINT "Estimate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InferenceUsage" (
    "organizationId" UUID NOT NULL,
    "modelKey" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "inferenceCount" BIGINT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "InferenceUsage_pkey" PRIMARY KEY ("organizationId","modelKey","day")
);

-- CreateTable
CREATE TABLE "Report" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'PENDING',
    "generatedAt" TIMESTAMPTZ(3),
    "failureReason" TEXT,
    "runCount" INTEGER NOT NULL DEFAULT 0,
    "facilityEnergyKwh" DECIMAL(28,9) NOT NULL DEFAULT 0,
    "operationalCarbonKgCo2e" DECIMAL(28,9) NOT NULL DEFAULT 0,
    "embodiedCarbonKgCo2e" DECIMAL(28,9) NOT NULL DEFAULT 0,
    "totalCarbonKgCo2e" DECIMAL(28,9) NOT NULL DEFAULT 0,
    "onsiteWaterLiters" DECIMAL(28,9) NOT NULL DEFAULT 0,
    "offsiteWaterLiters" DECIMAL(28,9) NOT NULL DEFAULT 0,
    "embodiedWaterLiters" DECIMAL(28,9) NOT NULL DEFAULT 0,
    "totalWaterLiters" DECIMAL(28,9) NOT NULL DEFAULT 0,
    "imputedShare" DECIMAL(10,9) NOT NULL DEFAULT 0,
    "breakdown" JSONB,
    "csv" TEXT,
    "html" TEXT,
    "pdf" BYTEA,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hashedKey_key" ON "ApiKey"("hashedKey");

-- CreateIndex
CREATE INDEX "ApiKey_organizationId_idx" ON "ApiKey"("organizationId");

-- CreateIndex
CREATE INDEX "CloudRegion_gridZoneId_idx" ON "CloudRegion"("gridZoneId");

-- CreateIndex
CREATE UNIQUE INDEX "FineTuneRun_currentEstimateId_key" ON "FineTuneRun"("currentEstimateId");

-- CreateIndex
CREATE INDEX "FineTuneRun_organizationId_startTime_idx" ON "FineTuneRun"("organizationId", "startTime");

-- CreateIndex
CREATE INDEX "FineTuneRun_organizationId_status_idx" ON "FineTuneRun"("organizationId", "status");

-- CreateIndex
CREATE INDEX "FineTuneRun_organizationId_chainId_startTime_idx" ON "FineTuneRun"("organizationId", "chainId", "startTime");

-- CreateIndex
CREATE INDEX "FineTuneRun_status_updatedAt_idx" ON "FineTuneRun"("status", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FineTuneRun_organizationId_externalId_key" ON "FineTuneRun"("organizationId", "externalId");

-- CreateIndex
CREATE INDEX "Estimate_runId_createdAt_idx" ON "Estimate"("runId", "createdAt");

-- CreateIndex
CREATE INDEX "Estimate_organizationId_isCurrent_startTimeUtc_idx" ON "Estimate"("organizationId", "isCurrent", "startTimeUtc");

-- CreateIndex
CREATE INDEX "Estimate_isCurrent_intensitySource_gridZone_startTimeUtc_idx" ON "Estimate"("isCurrent", "intensitySource", "gridZone", "startTimeUtc");

-- CreateIndex
CREATE UNIQUE INDEX "Estimate_one_current_per_run" ON "Estimate"("runId") WHERE ("isCurrent" = true);

-- CreateIndex
CREATE UNIQUE INDEX "Report_organizationId_period_key" ON "Report"("organizationId", "period");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CloudRegion" ADD CONSTRAINT "CloudRegion_gridZoneId_fkey" FOREIGN KEY ("gridZoneId") REFERENCES "GridZone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GridIntensityHour" ADD CONSTRAINT "GridIntensityHour_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "GridZone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FineTuneRun" ADD CONSTRAINT "FineTuneRun_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FineTuneRun" ADD CONSTRAINT "FineTuneRun_previousRunId_fkey" FOREIGN KEY ("previousRunId") REFERENCES "FineTuneRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FineTuneRun" ADD CONSTRAINT "FineTuneRun_currentEstimateId_fkey" FOREIGN KEY ("currentEstimateId") REFERENCES "Estimate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Estimate" ADD CONSTRAINT "Estimate_runId_fkey" FOREIGN KEY ("runId") REFERENCES "FineTuneRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Estimate" ADD CONSTRAINT "Estimate_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InferenceUsage" ADD CONSTRAINT "InferenceUsage_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
