-- DropForeignKey
ALTER TABLE "GridIntensityHour" DROP CONSTRAINT "GridIntensityHour_zoneId_fkey";
