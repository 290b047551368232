-- CreateEnum
CREATE TYPE "ContractualInstrumentKind" AS ENUM ('GO', 'REC', 'I_REC', 'PPA', 'SUPPLIER_SPECIFIC');

-- AlterTable
-- Columns in schema.prisma's order (the engine's diff lists them alphabetically), so the
-- schema-agreement test's dumps match.
ALTER TABLE "Organization" ADD COLUMN     "shiftWindowHours" INTEGER NOT NULL DEFAULT 12,
ADD COLUMN     "scope2InputsChangedAt" TIMESTAMPTZ(3),
ADD COLUMN     "scope2ComputedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "GridIntensityHour" ADD COLUMN     "renewablePercentage" DOUBLE PRECISION,
ADD COLUMN     "carbonFreePercentage" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "Estimate" ADD COLUMN     "marketBasedCarbonKgCo2e" DECIMAL(28,9),
ADD COLUMN     "instrumentEnergyKwh" DECIMAL(28,9),
ADD COLUMN     "residualMixUnavailable" BOOLEAN,
ADD COLUMN     "renewableEnergyKwh" DECIMAL(28,9),
ADD COLUMN     "carbonFreeEnergyKwh" DECIMAL(28,9),
ADD COLUMN     "shiftSavingKgCo2e" DECIMAL(28,9),
ADD COLUMN     "shiftBestStartUtc" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "ContractualInstrument" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "kind" "ContractualInstrumentKind" NOT NULL,
    "gridZone" TEXT NOT NULL,
    "validFromUtc" TIMESTAMPTZ(0) NOT NULL,
    "validToUtc" TIMESTAMPTZ(0) NOT NULL,
    "energyMwh" DECIMAL(20,9) NOT NULL,
    "emissionFactorGPerKwh" DECIMAL(12,6) NOT NULL,
    "certificateId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ContractualInstrument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResidualMixFactor" (
    "organizationId" UUID NOT NULL,
    "gridZone" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "emissionFactorGPerKwh" DECIMAL(12,6) NOT NULL,
    "source" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ResidualMixFactor_pkey" PRIMARY KEY ("organizationId","gridZone","year")
);

-- CreateTable
CREATE TABLE "InstrumentAllocation" (
    "instrumentId" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "energyKwh" DECIMAL(28,9) NOT NULL,

    CONSTRAINT "InstrumentAllocation_pkey" PRIMARY KEY ("instrumentId","runId")
);

-- CreateIndex
CREATE INDEX "ContractualInstrument_organizationId_gridZone_validFromUtc_idx" ON "ContractualInstrument"("organizationId", "gridZone", "validFromUtc");

-- CreateIndex
CREATE UNIQUE INDEX "ContractualInstrument_organizationId_certificateId_key" ON "ContractualInstrument"("organizationId", "certificateId");

-- CreateIndex
CREATE INDEX "InstrumentAllocation_organizationId_runId_idx" ON "InstrumentAllocation"("organizationId", "runId");

-- AddForeignKey
ALTER TABLE "ContractualInstrument" ADD CONSTRAINT "ContractualInstrument_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResidualMixFactor" ADD CONSTRAINT "ResidualMixFactor_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstrumentAllocation" ADD CONSTRAINT "InstrumentAllocation_instrumentId_fkey" FOREIGN KEY ("instrumentId") REFERENCES "ContractualInstrument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-added (Prisma cannot express CHECKs): the services validate these with field-named
-- errors first, and the constraints keep direct writes honest.
ALTER TABLE "ContractualInstrument"
  ADD CONSTRAINT "ContractualInstrument_period_check" CHECK ("validToUtc" > "validFromUtc"),
  ADD CONSTRAINT "ContractualInstrument_energy_check" CHECK ("energyMwh" > 0),
  ADD CONSTRAINT "ContractualInstrument_factor_check" CHECK ("emissionFactorGPerKwh" >= 0);
ALTER TABLE "ResidualMixFactor"
  ADD CONSTRAINT "ResidualMixFactor_factor_check" CHECK ("emissionFactorGPerKwh" >= 0);
ALTER TABLE "GridIntensityHour"
  ADD CONSTRAINT "GridIntensityHour_percentages_check"
  CHECK ("renewablePercentage" BETWEEN 0 AND 100 AND "carbonFreePercentage" BETWEEN 0 AND 100);
