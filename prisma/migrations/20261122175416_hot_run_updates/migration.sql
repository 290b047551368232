-- DropForeignKey
ALTER TABLE "FineTuneRun" DROP CONSTRAINT "FineTuneRun_currentEstimateId_fkey";

-- DropIndex
DROP INDEX "FineTuneRun_currentEstimateId_key";

-- DropIndex
DROP INDEX "FineTuneRun_organizationId_status_idx";

-- DropIndex
DROP INDEX "FineTuneRun_pending_updatedAt_idx";

-- AlterTable
ALTER TABLE "FineTuneRun" DROP COLUMN "currentEstimateId";

-- Storage setting Prisma's schema cannot declare (allow-listed in
-- packages/db/src/migrations/schema-agreement.int.test.ts): leave free space on each page so the
-- worker's status update can put the new row version on the same page (a HOT update, no index
-- entry written, docs/adr/0021-lean-estimate-write-path.md). Applies to pages written from now on.
ALTER TABLE "FineTuneRun" SET (fillfactor = 85);
