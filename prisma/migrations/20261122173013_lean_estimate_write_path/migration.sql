-- DropForeignKey
ALTER TABLE "Estimate" DROP CONSTRAINT "Estimate_organizationId_fkey";

-- DropIndex
DROP INDEX "FineTuneRun_organizationId_status_idx";

-- DropIndex
DROP INDEX "FineTuneRun_status_updatedAt_idx";

-- DropIndex
DROP INDEX "Estimate_isCurrent_intensitySource_gridZone_startTimeUtc_idx";

-- CreateTable
CREATE TABLE "ProvenanceDocument" (
    "hash" TEXT NOT NULL,
    "document" JSONB NOT NULL,

    CONSTRAINT "ProvenanceDocument_pkey" PRIMARY KEY ("hash")
);

-- Move existing provenance documents (hand-written: Prisma's diff would drop them). The hash is
-- the one the worker writes: sha-256 (hex) of the jsonb text.
ALTER TABLE "Estimate" ADD COLUMN "provenanceHash" TEXT,
ADD COLUMN "inferencesPerDayDisclosed" BOOLEAN;

UPDATE "Estimate" SET
  "provenanceHash" = encode(sha256(convert_to("provenance"::text, 'UTF8')), 'hex'),
  "inferencesPerDayDisclosed" = coalesce(("provenance" -> 'inferencesPerDay' ->> 'status') = 'disclosed', false);

INSERT INTO "ProvenanceDocument" ("hash", "document")
SELECT DISTINCT ON ("provenanceHash") "provenanceHash", "provenance" FROM "Estimate"
ON CONFLICT DO NOTHING;

-- AlterTable
ALTER TABLE "Estimate" DROP COLUMN "provenance",
ALTER COLUMN "inferencesPerDayDisclosed" SET NOT NULL,
ALTER COLUMN "provenanceHash" SET NOT NULL;

-- CreateIndex
CREATE INDEX "FineTuneRun_organizationId_status_idx" ON "FineTuneRun"("organizationId", "status") WHERE ("status" <> 'ESTIMATED');

-- CreateIndex
CREATE INDEX "FineTuneRun_pending_updatedAt_idx" ON "FineTuneRun"("updatedAt") WHERE ("status" = 'PENDING');

-- CreateIndex
CREATE INDEX "Estimate_current_fallback_idx" ON "Estimate"("gridZone", "startTimeUtc") WHERE ("isCurrent" AND "intensitySource" <> 'hourly');
