import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, createPrismaClient, type PrismaClient } from "../index.js";
import { createOrganization } from "../orgs.js";
import { rebuildEmissionsRollup } from "../rollups/emissions-rollup.js";
import { createTestDatabase, insertEstimatedRuns, type TestDatabase } from "../testing/index.js";
import { aggregateEmissions, EmissionsQueryError } from "./emissions.js";

let db: TestDatabase;
let pool: pg.Pool;
let prisma: PrismaClient;
let orgA: string;

// Period: July and August 2024 in Europe/Paris (UTC+2 in summer).
const fromUtc = new Date("2024-07-01T00:00:00+02:00");
const toUtc = new Date("2024-09-01T00:00:00+02:00");

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.databaseUrl);
  prisma = createPrismaClient(db.databaseUrl);
  orgA = (await createOrganization(prisma, { slug: "a", name: "A" })).id;
  const orgB = (await createOrganization(prisma, { slug: "b", name: "B" })).id;
  await insertEstimatedRuns(pool, orgA, [
    {
      externalId: "r1",
      startTimeUtc: "2024-07-10T12:00:00Z",
      chainId: "daily",
      useLifeDays: "30",
      inferencesPerDay: "1000",
    },
    {
      // 23:30 UTC on 31 July is 01:30 on 1 August in Paris.
      externalId: "r2",
      startTimeUtc: "2024-07-31T23:30:00Z",
      baseModel: "mistral-7b",
      gridZone: "FR",
      gpuModel: "H100-SXM5-80GB",
      facilityEnergyKwh: "1.5",
      operationalCarbonKgCo2e: "0.05",
      embodiedCarbonKgCo2e: "0.25",
      imputedFieldCount: 10,
    },
    {
      externalId: "r3",
      startTimeUtc: "2024-08-15T00:00:00Z",
      gridZone: "FR",
      facilityEnergyKwh: "100.123456789",
      operationalCarbonKgCo2e: "20.000000001",
    },
    // 2024-08-31T22:00Z is 2024-09-01T00:00 in Paris: outside the half-open period.
    { externalId: "r4", startTimeUtc: "2024-08-31T22:00:00Z" },
    { externalId: "r5-superseded", startTimeUtc: "2024-07-20T00:00:00Z" },
  ]);
  await pool.query(`UPDATE "Estimate" SET "isCurrent" = false WHERE "runId" IN
    (SELECT "id" FROM "FineTuneRun" WHERE "externalId" = 'r5-superseded')`);
  await rebuildEmissionsRollup(pool, orgA);
  await insertEstimatedRuns(pool, orgB, [
    { externalId: "b1", startTimeUtc: "2024-07-15T00:00:00Z" },
  ]);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

describe("aggregateEmissions", () => {
  it("cuts months in the reporting time zone and sums exactly", async () => {
    const { groups, total } = await aggregateEmissions(pool, {
      organizationId: orgA,
      fromUtc,
      toUtc,
      groupBy: ["MONTH"],
      timezone: "Europe/Paris",
    });
    expect(groups.map((g) => [g.key.month, g.figures.runCount])).toEqual([
      ["2024-07", 1],
      ["2024-08", 2],
    ]);
    // July: r1 alone, 12 kWh (fixture default), 3 + 1 = 4 kgCO2e.
    expect(groups[0]?.figures.facilityEnergyKwh).toBe("12.000000000");
    expect(groups[0]?.figures.totalCarbonKgCo2e).toBe("4.000000000");
    // August: r2 1.5 + r3 100.123456789 = 101.623456789 kWh;
    // carbon (0.05 + 0.25) + (20.000000001 + 1) = 21.300000001 kgCO2e.
    expect(groups[1]?.figures.facilityEnergyKwh).toBe("101.623456789");
    expect(groups[1]?.figures.totalCarbonKgCo2e).toBe("21.300000001");
    // Total: 12 + 101.623456789 = 113.623456789 kWh; 3 runs (r4 outside, r5 superseded, b1 other org).
    expect(total.runCount).toBe(3);
    expect(total.facilityEnergyKwh).toBe("113.623456789");
    // Water: 3 runs x (18 + 30 + 2) = 150 L.
    expect(total.totalWaterLiters).toBe("150.000000000");
    // Imputed fields (4 + 10 + 4) / (3 x 20) = 18 / 60.
    expect(total.imputedFieldCount).toBe(18);
    expect(total.provenanceFieldCount).toBe(60);
    // Use data: only r1, 30 days x 1000 inferences/day = 30,000 inferences, 4 kgCO2e.
    expect(total.useData.runCount).toBe(1);
    expect(Number(total.useData.projectedInferences)).toBe(30_000);
    expect(total.useData.totalCarbonKgCo2e).toBe("4.000000000");
  });

  it("puts the same run in July when the time zone is UTC", async () => {
    const { groups } = await aggregateEmissions(pool, {
      organizationId: orgA,
      fromUtc,
      toUtc,
      groupBy: ["MONTH"],
      timezone: "UTC",
    });
    // r1 and r2 (23:30Z on 31 July) in July, r3 in August.
    expect(groups.map((g) => [g.key.month, g.figures.runCount])).toEqual([
      ["2024-07", 2],
      ["2024-08", 1],
    ]);
  });

  it("groups by several dimensions in the order given, null chain last", async () => {
    const { groups } = await aggregateEmissions(pool, {
      organizationId: orgA,
      fromUtc,
      toUtc,
      groupBy: ["GRID_ZONE", "BASE_MODEL"],
      timezone: "UTC",
    });
    expect(groups.map((g) => [g.key.gridZone, g.key.baseModel, g.figures.runCount])).toEqual([
      ["FR", "llama-2-7b", 1],
      ["FR", "mistral-7b", 1],
      ["US-NW-PACW", "llama-2-7b", 1],
    ]);
    expect(groups[0]?.key.month).toBeNull();
    const chains = await aggregateEmissions(pool, {
      organizationId: orgA,
      fromUtc,
      toUtc,
      groupBy: ["CHAIN"],
      timezone: "UTC",
    });
    expect(chains.groups.map((g) => [g.key.chainId, g.figures.runCount])).toEqual([
      ["daily", 1],
      [null, 2],
    ]);
  });

  it("returns zero totals for an empty period", async () => {
    const { groups, total } = await aggregateEmissions(pool, {
      organizationId: orgA,
      fromUtc: new Date("2020-01-01T00:00:00Z"),
      toUtc: new Date("2020-02-01T00:00:00Z"),
      groupBy: ["DAY", "WEEK"],
      timezone: "UTC",
    });
    expect(groups).toEqual([]);
    expect(total.runCount).toBe(0);
    expect(total.totalCarbonKgCo2e).toBe("0");
  });

  it("rejects an empty period and an unknown time zone, naming the field", async () => {
    await expect(
      aggregateEmissions(pool, {
        organizationId: orgA,
        fromUtc: toUtc,
        toUtc: fromUtc,
        groupBy: [],
        timezone: "UTC",
      }),
    ).rejects.toMatchObject({ field: "toUtc" });
    const error = await aggregateEmissions(pool, {
      organizationId: orgA,
      fromUtc,
      toUtc,
      groupBy: ["MONTH"],
      timezone: "Mars/Olympus",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmissionsQueryError);
    expect(error).toMatchObject({ field: "timezone" });
  });
});
