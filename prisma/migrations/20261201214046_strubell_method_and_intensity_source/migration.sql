-- AlterEnum
ALTER TYPE "IntensitySource" ADD VALUE 'method_constant';

-- AlterTable
ALTER TABLE "FineTuneRun" ADD COLUMN     "method" TEXT;
