/**
 * Organizations' private hourly series (docs/adr/0060-grid-data-tenancy.md): the loader writes
 * them beside the shared series without touching it, only into allowed known zones; the lookup
 * prefers the run's organization's hour over the shared one and never reads another
 * organization's; re-estimation after a private load marks only that organization's runs.
 */
import { Readable } from "node:stream";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, createPrismaClient } from "../client.js";
import { createOrganization } from "../orgs.js";
import { markFallbackRunsForReestimation } from "../queries/estimates.js";
import { createTestDatabase, insertEstimatedRuns, type TestDatabase } from "../testing/index.js";
import { loadGridIntensityFiles } from "./load.js";
import { lookupIntensities } from "./lookup.js";

const HEADER =
  "Datetime (UTC),Country,Zone name,Zone id,Carbon intensity gCO₂eq/kWh (direct),Carbon intensity gCO₂eq/kWh (LCA),Low carbon percentage,Renewable percentage,Data source,Data estimated,Data estimation method\n";
const row = (hour: string, zone: string, lca: number | string, direct: number | string) =>
  `2024-07-10 ${hour}:00:00,Germany,${zone},${zone},${direct},${lca},50,40,test,false,\n`;
const csv = (name: string, body: string) => ({
  stream: Readable.from([Buffer.from(HEADER + body)]),
  name,
});
const at = (hour: string) => new Date(`2024-07-10T${hour}:00:00Z`);

let db: TestDatabase;
let pool: pg.Pool;
let orgA: string;
let orgB: string;

const values = async (organizationId: string) =>
  (
    await pool.query<{ hour: Date; lca: number; source: string }>(
      `SELECT "hourUtc" AS hour, "lifecycleIntensityGPerKwh" AS lca, source FROM "GridIntensityHour"
       WHERE "zoneId" = 'DE' AND "organizationId" = $1 ORDER BY "hourUtc"`,
      [organizationId],
    )
  ).rows.map((r) => [r.hour.toISOString().slice(11, 13), r.lca, r.source]);

const SHARED = "00000000-0000-0000-0000-000000000000";

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.databaseUrl);
  const prisma = createPrismaClient(db.databaseUrl);
  orgA = (await createOrganization(prisma, { slug: "org-a", name: "A" })).id;
  orgB = (await createOrganization(prisma, { slug: "org-b", name: "B" })).id;
  await prisma.$disconnect();
  // Shared DE hours 10:00..13:00.
  await loadGridIntensityFiles(pool, [
    csv(
      "shared.csv",
      row("10", "DE", 100, 50) +
        row("11", "DE", 110, 55) +
        row("12", "DE", 120, 60) +
        row("13", "DE", 130, 65),
    ),
  ]);
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe("private series load", () => {
  it("writes the organization's hours beside the shared ones, only in allowed zones", async () => {
    const result = await loadGridIntensityFiles(
      pool,
      [
        csv(
          "a.csv",
          row("11", "DE", 500, 250) +
            row("12", "DE", 600, 300) +
            row("14", "DE", 700, 350) +
            row("12", "FR", 1, 1),
        ),
      ],
      { organizationId: orgA, zones: ["DE"], source: "organization-upload" },
    );
    expect(result.files[0]).toMatchObject({ inserted: 3, updated: 0, zones: ["DE"] });
    expect(result.files[0]?.rejected).toEqual([
      { line: 5, reason: "zone FR is not a zone this load may write (DE)" },
    ]);
    expect(await values(SHARED)).toEqual([
      ["10", 100, "electricitymaps-csv"],
      ["11", 110, "electricitymaps-csv"],
      ["12", 120, "electricitymaps-csv"],
      ["13", 130, "electricitymaps-csv"],
    ]);
    expect(await values(orgA)).toEqual([
      ["11", 500, "organization-upload"],
      ["12", 600, "organization-upload"],
      ["14", 700, "organization-upload"],
    ]);
    expect(await values(orgB)).toEqual([]);
  });

  it("updates only its own series on a reload, and never creates zones (text path too)", async () => {
    const result = await loadGridIntensityFiles(
      pool,
      [
        csv(
          "a2.csv",
          row("12", "DE", 650, 325) + row("13", "XX-NEW", 1, 1) + row("13", "DE", "n/a", 1),
        ),
      ],
      { organizationId: orgA, zones: ["DE"], source: "organization-upload" },
    );
    expect(result.files[0]).toMatchObject({ inserted: 0, updated: 1 });
    expect(result.files[0]?.rejected.map((r) => r.line)).toEqual([3, 4]);
    expect(result.files[0]?.rejected[0]?.reason).toBe(
      "zone XX-NEW is not a zone this load may write (DE)",
    );
    expect(result.files[0]?.rejected[1]?.reason).toContain("life-cycle carbon intensity 'n/a'");
    expect((await pool.query(`SELECT 1 FROM "GridZone" WHERE id = 'XX-NEW'`)).rowCount).toBe(0);
    expect((await values(orgA))[1]).toEqual(["12", 650, "organization-upload"]);
    expect((await values(SHARED))[2]).toEqual(["12", 120, "electricitymaps-csv"]);
  });
});

describe("lookupIntensities with organizations", () => {
  it("prefers the run's organization's hours, hour by hour; others see the shared series", async () => {
    const window = { zone: "DE", startUtc: new Date("2024-07-10T11:30:00Z"), endUtc: at("14") };
    const found = await lookupIntensities(pool, [
      { key: "a", organizationId: orgA, ...window },
      { key: "b", organizationId: orgB, ...window },
      { key: "none", ...window },
      { key: "a-14", organizationId: orgA, zone: "DE", startUtc: at("14"), endUtc: at("15") },
      { key: "b-14", organizationId: orgB, zone: "DE", startUtc: at("14"), endUtc: at("15") },
    ]);
    expect(found.get("a")).toEqual({
      startHourIntensityGPerKwh: 500,
      meanIntensityGPerKwh: expect.closeTo((500 + 650 + 130) / 3, 9),
      hourUtc: "2024-07-10T11:00:00.000Z",
      signal: "life-cycle",
      series: "organization",
      source: "organization-upload",
      privateHourCount: 2,
    });
    const shared = {
      startHourIntensityGPerKwh: 110,
      meanIntensityGPerKwh: expect.closeTo((110 + 120 + 130) / 3, 9),
      hourUtc: "2024-07-10T11:00:00.000Z",
      signal: "life-cycle",
      series: "shared",
      source: "electricitymaps-csv",
      privateHourCount: 0,
    };
    expect(found.get("b")).toEqual(shared);
    expect(found.get("none")).toEqual(shared);
    expect(found.get("a-14")?.startHourIntensityGPerKwh).toBe(700);
    expect(found.has("b-14")).toBe(false);
  });

  it("uses the shared-only statement when no organization has private hours there", async () => {
    const found = await lookupIntensities(pool, [
      { key: "b", organizationId: orgB, zone: "DE", startUtc: at("10"), endUtc: at("11") },
    ]);
    expect(found.get("b")).toMatchObject({ startHourIntensityGPerKwh: 100, series: "shared" });
  });
});

describe("re-estimation after a private load", () => {
  it("marks only the loading organization's runs: hourly ones and newly covered fallbacks", async () => {
    const runs = (prefix: string) => [
      { externalId: `${prefix}-hourly-12`, startTimeUtc: "2024-07-10T12:00:00Z", gridZone: "DE" },
      { externalId: `${prefix}-fallback-14`, startTimeUtc: "2024-07-10T14:00:00Z", gridZone: "DE" },
      { externalId: `${prefix}-fallback-16`, startTimeUtc: "2024-07-10T16:00:00Z", gridZone: "DE" },
      { externalId: `${prefix}-fallback-10`, startTimeUtc: "2024-07-10T10:00:00Z", gridZone: "DE" },
    ];
    const [aHourly, aFallback14, , aFallback10] = await insertEstimatedRuns(pool, orgA, runs("a"));
    const [, , , bFallback10] = await insertEstimatedRuns(pool, orgB, runs("b"));
    await pool.query(
      `UPDATE "Estimate" SET "intensitySource" = 'annual_zone' WHERE "runId" IN (
         SELECT id FROM "FineTuneRun" WHERE "externalId" LIKE '%fallback%')`,
    );
    const marked = await markFallbackRunsForReestimation(pool, {
      zones: ["DE"],
      fromHourUtc: at("11"),
      toHourUtc: at("14"),
      organizationId: orgA,
    });
    // a-fallback-10 starts before the loaded hours and has no private start hour: left alone.
    expect(marked.sort()).toEqual([aHourly, aFallback14].sort());

    // A shared load of the same hours marks every organization's covered fallback runs.
    const shared = await markFallbackRunsForReestimation(pool, {
      zones: ["DE"],
      fromHourUtc: at("10"),
      toHourUtc: at("13"),
    });
    expect(shared.sort()).toEqual([aFallback10, bFallback10].sort());
  });
});
