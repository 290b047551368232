/**
 * Reference data seeding: grid zones (with their annual average intensity) and cloud regions
 * from `@finetrace/estimator`'s `referenceData` (sources listed there, per record).
 */
import { createHash } from "node:crypto";
import { referenceData } from "@finetrace/estimator";
import type pg from "pg";
import { withTransaction } from "./transaction.js";

/** Short hash of the seeded reference data (part of the test template's name). */
export function referenceDataHash(): string {
  const seeded = { gridZones: referenceData.gridZones, cloudRegions: referenceData.cloudRegions };
  return createHash("sha256").update(JSON.stringify(seeded)).digest("hex").slice(0, 8);
}

/**
 * Upsert every reference grid zone ("GridZone": id, country, name, annual life-cycle intensity
 * gCO2e/kWh and its year) and every cloud region ("CloudRegion") whose grid zone is known,
 * in one transaction. Zones created earlier by a CSV load get their annual values filled in.
 * @returns how many rows of each were upserted.
 */
export async function seedReferenceData(
  pool: pg.Pool,
): Promise<{ gridZones: number; cloudRegions: number }> {
  const zones = referenceData.gridZones;
  const regions = referenceData.cloudRegions;
  return withTransaction(pool, async (client) => {
    const zoneRows = await client.query(
      `INSERT INTO "GridZone" (id, "countryCode", name, "annualIntensityGPerKwh", "annualIntensityYear")
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::int[])
       ON CONFLICT (id) DO UPDATE SET "countryCode" = EXCLUDED."countryCode", name = EXCLUDED.name,
         "annualIntensityGPerKwh" = EXCLUDED."annualIntensityGPerKwh", "annualIntensityYear" = EXCLUDED."annualIntensityYear"`,
      [
        zones.map((z) => z.id),
        zones.map((z) => z.countryCode),
        zones.map((z) => z.name),
        zones.map((z) => z.annualIntensityGPerKwh),
        zones.map((z) => z.year),
      ],
    );
    const regionRows = await client.query(
      `INSERT INTO "CloudRegion" (provider, region, "gridZoneId", "countryCode")
       SELECT r.* FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS r(provider, region, zone, country)
       WHERE EXISTS (SELECT 1 FROM "GridZone" z WHERE z.id = r.zone)
       ON CONFLICT (provider, region) DO UPDATE SET "gridZoneId" = EXCLUDED."gridZoneId",
         "countryCode" = EXCLUDED."countryCode"`,
      [
        regions.map((r) => r.provider),
        regions.map((r) => r.region),
        regions.map((r) => r.gridZone),
        regions.map((r) => r.countryCode),
      ],
    );
    return { gridZones: zoneRows.rowCount ?? 0, cloudRegions: regionRows.rowCount ?? 0 };
  });
}
