/**
 * Scope 2 against real Postgres, with the shipped FR 2024 hourly file (data/electricitymaps-hourly):
 * instruments and residual-mix factors recorded through the use cases, the organization's results
 * computed and stored on its estimates, then read back as the month summary. Every expected number
 * is worked by hand in the comments. Each scenario has its own organization.
 */
import { fileURLToPath } from "node:url";
import { createPool, loadGridIntensityFiles } from "@finetrace/db";
import {
  createTestDatabase,
  type EstimatedRunFixture,
  insertEstimatedRuns,
  type TestDatabase,
} from "@finetrace/db/testing";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeScope2, ensureScope2Current } from "./compute.js";
import {
  recordInstruments,
  recordResidualMixFactors,
  Scope2InputError,
  updateShiftWindow,
} from "./instruments.js";
import { scope2MonthSummary } from "./month-summary.js";

const FR_2024 = fileURLToPath(
  new URL("../../../../data/electricitymaps-hourly/FR_2024_hourly.csv.gz", import.meta.url),
);
const NOW = { now: true } as const;
const JULY = { fromUtc: new Date("2024-07-01T00:00:00Z"), toUtc: new Date("2024-08-01T00:00:00Z") };
const MARCH = {
  fromUtc: new Date("2024-03-01T00:00:00Z"),
  toUtc: new Date("2024-04-01T00:00:00Z"),
};

let db: TestDatabase;
let pool: pg.Pool;
let orgs = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.databaseUrl);
  await loadGridIntensityFiles(pool, [{ path: FR_2024 }]);
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

async function organization(runs: EstimatedRunFixture[]) {
  orgs += 1;
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO "Organization" (id, slug, name, "updatedAt")
     VALUES (gen_random_uuid(), $1, $1, now()) RETURNING id`,
    [`scope2-${orgs}`],
  );
  const id = rows[0]?.id as string;
  const runIds = await insertEstimatedRuns(pool, id, runs);
  return { id, runIds };
}

const fr = (over: Partial<EstimatedRunFixture> & { externalId: string; startTimeUtc: string }) => ({
  gridZone: "FR",
  ...over,
});

const instrument = (over: Record<string, unknown>) => ({
  kind: "GO",
  gridZone: "FR",
  validFromUtc: "2024-01-01T00:00:00Z",
  validToUtc: "2025-01-01T00:00:00Z",
  energyMwh: "1",
  emissionFactorGPerKwh: "0",
  certificateId: "cert",
  ...over,
});

/** Exact sum of decimal strings (scale 9), as a number for comparison with a tolerance. */
const decimalSum = (values: string[]) =>
  Number(values.reduce((sum, v) => sum + BigInt(Math.round(Number(v) * 1e9)), 0n)) / 1e9;

describe("market-based Scope 2", () => {
  it("an hourly PPA covers part of a run; the rest is priced at the residual mix", async () => {
    // Run 2024-07-10 10:00 for 3 h, 300 kWh: 100 kWh in each of 10:00, 11:00, 12:00.
    // Hourly PPA for 11:00-12:00, 0.05 MWh = 50 kWh at 0 g; FR 2024 residual mix 60 g/kWh.
    // 10:00: 100 x 60 = 6 kg; 11:00: 50 x 0 + 50 x 60 = 3 kg; 12:00: 6 kg. Market-based 15 kgCO2e.
    const org = await organization([
      fr({
        externalId: "ppa-run",
        startTimeUtc: "2024-07-10T10:00:00Z",
        reservedDurationHours: "3",
        facilityEnergyKwh: "300",
        operationalCarbonKgCo2e: "7.5",
      }),
    ]);
    await recordResidualMixFactors(
      pool,
      org.id,
      [{ gridZone: "FR", year: 2024, emissionFactorGPerKwh: "60" }],
      NOW,
    );
    await recordInstruments(
      pool,
      org.id,
      [
        instrument({
          kind: "PPA",
          certificateId: "PPA-11h",
          validFromUtc: "2024-07-10T11:00:00Z",
          validToUtc: "2024-07-10T12:00:00Z",
          energyMwh: "0.05",
        }),
      ],
      NOW,
    );
    const s = await scope2MonthSummary(pool, org.id, JULY);
    expect(Number(s.marketBasedCarbonKgCo2e)).toBeCloseTo(15, 9);
    expect(Number(s.locationBasedCarbonKgCo2e)).toBeCloseTo(7.5, 9);
    expect(Number(s.energyCoveredByInstrumentsMwh)).toBeCloseTo(0.05, 9);
    expect(s.residualMixUnavailable).toBe(false);
    expect(s.instrumentsUsed).toMatchObject([
      { kind: "PPA", certificateId: "PPA-11h", granularity: "HOURLY", gridZone: "FR" },
    ]);
    expect(Number(s.instrumentsUsed[0]?.energyUsedMwh)).toBeCloseTo(0.05, 9);
  });

  it("an annual REC pool is used across two runs once (no double counting, also when recomputed)", async () => {
    // REC 2024, 0.15 MWh = 150 kWh at 0 g. March run (100 kWh) takes 100 kWh -> 0 kg; the July run
    // (100 kWh) takes the remaining 50 kWh, its other 50 kWh at 60 g/kWh = 3 kg.
    const org = await organization([
      fr({ externalId: "march", startTimeUtc: "2024-03-05T10:00:00Z", facilityEnergyKwh: "100" }),
      fr({ externalId: "july", startTimeUtc: "2024-07-10T10:00:00Z", facilityEnergyKwh: "100" }),
    ]);
    await recordResidualMixFactors(
      pool,
      org.id,
      [{ gridZone: "FR", year: 2024, emissionFactorGPerKwh: "60" }],
      NOW,
    );
    await recordInstruments(
      pool,
      org.id,
      [instrument({ kind: "REC", certificateId: "REC-2024", energyMwh: "0.15" })],
      NOW,
    );
    await computeScope2(pool, org.id); // a second computation replaces, never adds
    const march = await scope2MonthSummary(pool, org.id, MARCH);
    const july = await scope2MonthSummary(pool, org.id, JULY);
    expect(Number(march.marketBasedCarbonKgCo2e)).toBeCloseTo(0, 9);
    expect(Number(march.energyCoveredByInstrumentsMwh)).toBeCloseTo(0.1, 9);
    expect(Number(july.marketBasedCarbonKgCo2e)).toBeCloseTo(3, 9);
    expect(Number(july.energyCoveredByInstrumentsMwh)).toBeCloseTo(0.05, 9);
    expect(march.instrumentsUsed[0]?.granularity).toBe("ANNUAL");
    const { rows } = await pool.query<{ kwh: string }>(
      `SELECT sum("energyKwh")::text AS kwh FROM "InstrumentAllocation" WHERE "organizationId" = $1`,
      [org.id],
    );
    expect(Number(rows[0]?.kwh)).toBeCloseTo(150, 9); // the pool, not 200
  });

  it("without a residual-mix factor the uncovered energy is priced location-based and flagged", async () => {
    // 100 kWh, location-based 2.5 kg; a July GO of 0.04 MWh at 0 g covers 40 kWh; the other 60 kWh
    // at the run's location-based factor: 2.5 x 60 / 100 = 1.5 kgCO2e, "residual mix unavailable".
    const org = await organization([
      fr({
        externalId: "no-residual",
        startTimeUtc: "2024-07-10T10:00:00Z",
        facilityEnergyKwh: "100",
        operationalCarbonKgCo2e: "2.5",
      }),
    ]);
    await recordInstruments(
      pool,
      org.id,
      [
        instrument({
          certificateId: "GO-07",
          validFromUtc: "2024-07-01T00:00:00Z",
          validToUtc: "2024-08-01T00:00:00Z",
          energyMwh: "0.04",
        }),
      ],
      NOW,
    );
    const s = await scope2MonthSummary(pool, org.id, JULY);
    expect(Number(s.marketBasedCarbonKgCo2e)).toBeCloseTo(1.5, 9);
    expect(s.residualMixUnavailable).toBe(true);
    expect(s.instrumentsUsed[0]?.granularity).toBe("MONTHLY");
  });

  it("totals are the sums of the month's runs, on both bases", async () => {
    const org = await organization([
      fr({
        externalId: "a",
        startTimeUtc: "2024-07-02T01:00:00Z",
        facilityEnergyKwh: "12.5",
        operationalCarbonKgCo2e: "0.4",
      }),
      fr({
        externalId: "b",
        startTimeUtc: "2024-07-15T13:20:00Z",
        reservedDurationHours: "5.5",
        facilityEnergyKwh: "321.123456789",
        operationalCarbonKgCo2e: "9.87654321",
      }),
      fr({
        externalId: "c",
        startTimeUtc: "2024-07-31T23:00:00Z",
        facilityEnergyKwh: "7",
        operationalCarbonKgCo2e: "0.2",
      }),
    ]);
    await recordResidualMixFactors(
      pool,
      org.id,
      [{ gridZone: "FR", year: 2024, emissionFactorGPerKwh: "55.5" }],
      NOW,
    );
    await recordInstruments(
      pool,
      org.id,
      [instrument({ certificateId: "GO-a", energyMwh: "0.2", emissionFactorGPerKwh: "3" })],
      NOW,
    );
    const s = await scope2MonthSummary(pool, org.id, JULY);
    expect(s.perRun).toHaveLength(3);
    expect(Number(s.marketBasedCarbonKgCo2e)).toBeCloseTo(
      decimalSum(s.perRun.map((r) => r.marketBasedCarbonKgCo2e)),
      9,
    );
    // 200 kWh of the GO at 3 g = 0.6 kg; the other 340.623456789 - 200 = 140.623456789 kWh at 55.5 g.
    expect(Number(s.marketBasedCarbonKgCo2e)).toBeCloseTo(0.6 + (140.623456789 * 55.5) / 1000, 6);
    expect(Number(s.locationBasedCarbonKgCo2e)).toBeCloseTo(0.4 + 9.87654321 + 0.2, 9);
    expect(Number(s.renewableEnergyMwh) * 1000).toBeCloseTo(
      decimalSum(s.perRun.map((r) => r.renewableEnergyKwh)),
      6,
    );
  });
});

describe("renewable and carbon-free energy", () => {
  it("weighs the shipped hourly RE% and CFE% by the energy of each hour", async () => {
    // Run 2024-07-10 12:30 for 2 h, 200 kWh: 50 kWh in 12:00, 100 kWh in 13:00, 50 kWh in 14:00.
    // FR_2024 RE%: 36.71, 36.36, 35.26; CFE%: 98.86, 98.90, 98.86.
    // Renewable = 50 x 0.3671 + 100 x 0.3636 + 50 x 0.3526 = 18.355 + 36.36 + 17.63 = 72.345 kWh.
    // Carbon-free = 50 x 0.9886 + 100 x 0.9890 + 50 x 0.9886 = 197.76 kWh -> share 0.9888.
    const org = await organization([
      fr({
        externalId: "re",
        startTimeUtc: "2024-07-10T12:30:00Z",
        reservedDurationHours: "2",
        facilityEnergyKwh: "200",
      }),
    ]);
    const s = await scope2MonthSummary(pool, org.id, JULY);
    expect(Number(s.renewableEnergyMwh)).toBeCloseTo(0.072345, 9);
    expect(Number(s.nonRenewableEnergyMwh)).toBeCloseTo(0.2 - 0.072345, 9);
    expect(Number(s.perRun[0]?.carbonFreeEnergyKwh)).toBeCloseTo(197.76, 6);
    expect(Number(s.carbonFreeEnergyShare)).toBeCloseTo(0.9888, 9);
  });
});

describe("carbon-aware shift savings", () => {
  it("finds the best start in the window from the shipped hours and counts runs not covered", async () => {
    // Window 2 h. Run 2024-07-10 08:00 for 2 h, 100 kWh. FR_2024 life-cycle gCO2e/kWh:
    // 06:00 35.5, 07:00 36.73, 08:00 37.07, 09:00 30.69, 10:00 26.55, 11:00 20.28.
    // Mean over the duration: k=-2 (06,07) 36.115; k=-1 36.9; k=0 (08,09) 33.88; k=+1 28.62;
    // k=+2 (10,11) 23.415. Best start 10:00; saving = 100 x (33.88 - 23.415) / 1000 = 1.0465 kg.
    // Not covered: a run at 2024-01-01 00:00 (its window needs 2023-12-31 22:00, not loaded) and
    // a US-NW-PACW run (no 2024 hours).
    const org = await organization([
      fr({
        externalId: "shift",
        startTimeUtc: "2024-07-10T08:00:00Z",
        reservedDurationHours: "2",
        facilityEnergyKwh: "100",
      }),
      fr({ externalId: "new-year", startTimeUtc: "2024-01-01T00:00:00Z" }),
      { externalId: "pacw", startTimeUtc: "2024-07-10T08:00:00Z", gridZone: "US-NW-PACW" },
    ]);
    await updateShiftWindow(pool, org.id, 2, NOW);
    const s = await scope2MonthSummary(pool, org.id, JULY);
    expect(s.shift).toMatchObject({ windowHours: 2, coveredRuns: 1, uncoveredRuns: 1 });
    expect(Number(s.shift.savingKgCo2e)).toBeCloseTo(1.0465, 9);
    expect(s.shift.bestSavings).toEqual([
      {
        runId: org.runIds[0],
        externalId: "shift",
        actualStartUtc: "2024-07-10T08:00:00.000Z",
        bestStartUtc: "2024-07-10T10:00:00.000Z",
        savingKgCo2e: expect.stringMatching(/^1\.0465/),
      },
    ]);
    const january = await scope2MonthSummary(pool, org.id, {
      fromUtc: new Date("2024-01-01T00:00:00Z"),
      toUtc: new Date("2024-02-01T00:00:00Z"),
    });
    expect(january.shift).toMatchObject({ coveredRuns: 0, uncoveredRuns: 1 });
    expect(january.perRun[0]?.shiftSavingKgCo2e).toBeNull();
  });
});

describe("inputs and staleness", () => {
  it("rejects bad instruments naming the field, writing nothing", async () => {
    const org = await organization([]);
    const bad = async (over: Record<string, unknown>) =>
      recordInstruments(
        pool,
        org.id,
        [instrument({ certificateId: "ok" }), instrument(over)],
        NOW,
      ).catch((e) => e);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ kind: "CARBON_OFFSET" }, "instruments[1].kind", /must be one of/],
      [{ gridZone: "XX-NOPE" }, "instruments[1].gridZone", /not a known grid zone/],
      [{ energyMwh: "-1" }, "instruments[1].energyMwh", /decimal number of MWh/],
      [{ energyMwh: "0" }, "instruments[1].energyMwh", /> 0/],
      [{ emissionFactorGPerKwh: "5000" }, "instruments[1].emissionFactorGPerKwh", /at most 2000/],
      [{ validFromUtc: "2024-07-01T00:30:00Z" }, "instruments[1].validFromUtc", /whole UTC hour/],
      [{ validToUtc: "2023-07-01T00:00:00Z" }, "instruments[1].validToUtc", /after validFromUtc/],
      [{ validToUtc: "2025-03-01T00:00:00Z" }, "instruments[1].validToUtc", /one calendar year/],
      [{ certificateId: "ok" }, "instruments[1].certificateId", /repeats instruments\[0\]/],
    ];
    for (const [over, field, problem] of cases) {
      const error = await bad(over);
      expect(error).toBeInstanceOf(Scope2InputError);
      expect((error as Scope2InputError).field).toBe(field);
      expect((error as Scope2InputError).problem).toMatch(problem);
    }
    const { rows } = await pool.query(
      `SELECT 1 FROM "ContractualInstrument" WHERE "organizationId" = $1`,
      [org.id],
    );
    expect(rows).toHaveLength(0);
    const window = await updateShiftWindow(pool, org.id, 100, NOW).catch((e) => e);
    expect((window as Scope2InputError).field).toBe("windowHours");
  });

  it("recomputes stale results when read: a new estimate after the computation", async () => {
    const org = await organization([
      fr({ externalId: "first", startTimeUtc: "2024-07-10T10:00:00Z" }),
    ]);
    await computeScope2(pool, org.id);
    expect(await ensureScope2Current(pool, org.id)).toBeNull(); // current
    await insertEstimatedRuns(pool, org.id, [
      fr({ externalId: "second", startTimeUtc: "2024-07-11T10:00:00Z" }),
    ]);
    const s = await scope2MonthSummary(pool, org.id, JULY);
    // Both runs priced (no instrument, no residual: market-based = location-based, 3 kg each).
    expect(Number(s.marketBasedCarbonKgCo2e)).toBeCloseTo(6, 9);
    expect(s.residualMixUnavailable).toBe(true);
  });
});
