-- AlterTable
ALTER TABLE "Estimate" ADD COLUMN     "intensitySeries" TEXT;
