-- AlterTable
ALTER TABLE "GridIntensityHour" DROP CONSTRAINT "GridIntensityHour_pkey",
ADD COLUMN     "organizationId" UUID NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000',
ADD CONSTRAINT "GridIntensityHour_pkey" PRIMARY KEY ("zoneId", "hourUtc", "organizationId");

-- CreateTable
CREATE TABLE "GridIntensityLoad" (
    "id" UUID NOT NULL,
    "organizationId" UUID,
    "actor" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "files" TEXT[],
    "zone" TEXT,
    "source" TEXT NOT NULL,
    "deleteFiles" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "fromHourUtc" TIMESTAMPTZ(0),
    "toHourUtc" TIMESTAMPTZ(0),
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "reestimatedRuns" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "GridIntensityLoad_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GridIntensityLoad_organizationId_createdAt_idx" ON "GridIntensityLoad"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "GridIntensityHour_private_idx" ON "GridIntensityHour"("organizationId", "zoneId", "hourUtc") WHERE ("organizationId" <> '00000000-0000-0000-0000-000000000000'::uuid);
