import { describe, expect, it } from "vitest";
import {
  allocateMarketBased,
  bestShift,
  hourSlices,
  instrumentGranularity,
  renewableEnergy,
  type Scope2Instrument,
  type Scope2Run,
} from "./scope2.js";

const H = 3_600_000;
const t = (iso: string) => Date.parse(iso);
const run = (over: Partial<Scope2Run> & { runId: string }): Scope2Run => ({
  zone: "FR",
  startMs: t("2024-07-01T10:00:00Z"),
  durationHours: 1,
  facilityEnergyKwh: 100,
  locationCarbonKgCo2e: 30,
  ...over,
});
const instrument = (over: Partial<Scope2Instrument> & { id: string }): Scope2Instrument => ({
  zone: "FR",
  validFromMs: t("2024-01-01T00:00:00Z"),
  validToMs: t("2025-01-01T00:00:00Z"),
  energyKwh: 100,
  emissionFactorGPerKwh: 0,
  sortKey: over.id,
  ...over,
});

describe("instrumentGranularity", () => {
  it("one hour is HOURLY, within a month MONTHLY, within a year ANNUAL, across years null", () => {
    expect(instrumentGranularity(t("2024-07-01T10:00:00Z"), t("2024-07-01T11:00:00Z"))).toBe(
      "HOURLY",
    );
    expect(instrumentGranularity(t("2024-07-01T00:00:00Z"), t("2024-08-01T00:00:00Z"))).toBe(
      "MONTHLY",
    );
    expect(instrumentGranularity(t("2024-07-03T00:00:00Z"), t("2024-07-10T00:00:00Z"))).toBe(
      "MONTHLY",
    );
    expect(instrumentGranularity(t("2024-01-01T00:00:00Z"), t("2025-01-01T00:00:00Z"))).toBe(
      "ANNUAL",
    );
    expect(instrumentGranularity(t("2024-07-01T00:00:00Z"), t("2025-02-01T00:00:00Z"))).toBeNull();
    expect(instrumentGranularity(t("2024-07-01T00:30:00Z"), t("2024-07-01T01:30:00Z"))).toBeNull();
    expect(instrumentGranularity(t("2024-07-01T01:00:00Z"), t("2024-07-01T01:00:00Z"))).toBeNull();
  });
});

describe("hourSlices", () => {
  it("splits by time spent in each hour: 10:30 + 2 h of 200 kWh = 50 / 100 / 50 kWh", () => {
    const slices = hourSlices(
      run({
        runId: "a",
        startMs: t("2024-07-01T10:30:00Z"),
        durationHours: 2,
        facilityEnergyKwh: 200,
      }),
    );
    expect(
      slices.map((s) => [new Date(s.hourMs).toISOString().slice(11, 16), s.energyKwh]),
    ).toEqual([
      ["10:00", 50],
      ["11:00", 100],
      ["12:00", 50],
    ]);
  });
  it("a run of zero duration puts all its energy in its start hour", () => {
    expect(hourSlices(run({ runId: "a", durationHours: 0 }))).toHaveLength(1);
  });
});

describe("allocateMarketBased", () => {
  it("an hourly PPA covering part of a run: covered energy at the PPA's factor, the rest at the residual mix", () => {
    // Run 10:00-12:00, 200 kWh -> 100 kWh in 10:00 and 100 kWh in 11:00.
    // PPA valid 10:00-11:00 only, 60 kWh (0.06 MWh) at 20 g/kWh; FR 2024 residual mix 400 g/kWh.
    // 10:00: 60 kWh x 20 g = 1.2 kg, 40 kWh x 400 g = 16 kg; 11:00: 100 kWh x 400 g = 40 kg.
    // Market-based = 1.2 + 16 + 40 = 57.2 kgCO2e; covered 60 kWh; residual mix available.
    const { runs, instrumentUseKwh } = allocateMarketBased(
      [run({ runId: "a", durationHours: 2, facilityEnergyKwh: 200, locationCarbonKgCo2e: 60 })],
      [
        instrument({
          id: "ppa",
          validFromMs: t("2024-07-01T10:00:00Z"),
          validToMs: t("2024-07-01T11:00:00Z"),
          energyKwh: 60,
          emissionFactorGPerKwh: 20,
        }),
      ],
      [{ zone: "FR", year: 2024, emissionFactorGPerKwh: 400 }],
    );
    const [a] = runs;
    expect(a?.marketBasedCarbonKgCo2e).toBeCloseTo(57.2, 9);
    expect(a?.instrumentEnergyKwh).toBeCloseTo(60, 9);
    expect(a?.residualMixUnavailable).toBe(false);
    expect(instrumentUseKwh.get("ppa")).toBeCloseTo(60, 9);
  });

  it("an annual REC pool is used once across two runs (no double counting), the earlier run first", () => {
    // REC 2024 pool 150 kWh at 0 g. Run A (March, 100 kWh) takes 100; run B (July, 100 kWh) the
    // remaining 50, its other 50 at the residual mix 500 g/kWh = 25 kg. Used in all: 150 kWh, not 200.
    const a = run({ runId: "b-later-id", startMs: t("2024-03-01T00:00:00Z") });
    const b = run({ runId: "a-earlier-id", startMs: t("2024-07-01T00:00:00Z") });
    const { runs, instrumentUseKwh } = allocateMarketBased(
      [b, a], // input order does not matter: allocation is chronological
      [instrument({ id: "rec", energyKwh: 150 })],
      [{ zone: "FR", year: 2024, emissionFactorGPerKwh: 500 }],
    );
    const byId = new Map(runs.map((r) => [r.runId, r]));
    expect(byId.get("b-later-id")?.marketBasedCarbonKgCo2e).toBeCloseTo(0, 9);
    expect(byId.get("b-later-id")?.instrumentEnergyKwh).toBeCloseTo(100, 9);
    expect(byId.get("a-earlier-id")?.marketBasedCarbonKgCo2e).toBeCloseTo(25, 9);
    expect(byId.get("a-earlier-id")?.instrumentEnergyKwh).toBeCloseTo(50, 9);
    expect(instrumentUseKwh.get("rec")).toBeCloseTo(150, 9);
  });

  it("without a residual-mix factor the uncovered energy is priced location-based and flagged", () => {
    // 100 kWh, location-based 30 kg (300 g/kWh); a 40 kWh GO at 0 g covers 40 kWh;
    // the other 60 kWh at the run's location-based factor: 30 x 60/100 = 18 kg.
    const { runs } = allocateMarketBased(
      [run({ runId: "a" })],
      [instrument({ id: "go", energyKwh: 40 })],
      [],
    );
    expect(runs[0]?.marketBasedCarbonKgCo2e).toBeCloseTo(18, 9);
    expect(runs[0]?.residualMixUnavailable).toBe(true);
    // No instrument, no residual mix: market-based equals location-based.
    const none = allocateMarketBased([run({ runId: "a" })], [], []);
    expect(none.runs[0]?.marketBasedCarbonKgCo2e).toBeCloseTo(30, 9);
  });

  it("matches market and period: another zone's or another period's instrument is not used", () => {
    // Residual mix 2024 400 g/kWh: 100 kWh x 400 g = 40 kg, nothing covered.
    const { runs, instrumentUseKwh } = allocateMarketBased(
      [run({ runId: "a" })],
      [
        instrument({ id: "de", zone: "DE" }),
        instrument({
          id: "june",
          validFromMs: t("2024-06-01T00:00:00Z"),
          validToMs: t("2024-07-01T00:00:00Z"),
        }),
      ],
      [{ zone: "FR", year: 2024, emissionFactorGPerKwh: 400 }],
    );
    expect(runs[0]?.marketBasedCarbonKgCo2e).toBeCloseTo(40, 9);
    expect(runs[0]?.instrumentEnergyKwh).toBe(0);
    expect(instrumentUseKwh.get("de")).toBe(0);
  });

  it("uses the hourly instrument before the monthly and the annual one", () => {
    // 100 kWh in July 10:00. Hourly 30 kWh at 10 g, monthly 30 kWh at 20 g, annual 100 kWh at 30 g.
    // 30 x 10 + 30 x 20 + 40 x 30 = 300 + 600 + 1200 g = 2.1 kg; annual pool keeps 60 kWh.
    const { runs, instrumentUseKwh } = allocateMarketBased(
      [run({ runId: "a" })],
      [
        instrument({ id: "annual", energyKwh: 100, emissionFactorGPerKwh: 30 }),
        instrument({
          id: "month",
          validFromMs: t("2024-07-01T00:00:00Z"),
          validToMs: t("2024-08-01T00:00:00Z"),
          energyKwh: 30,
          emissionFactorGPerKwh: 20,
        }),
        instrument({
          id: "hour",
          validFromMs: t("2024-07-01T10:00:00Z"),
          validToMs: t("2024-07-01T11:00:00Z"),
          energyKwh: 30,
          emissionFactorGPerKwh: 10,
        }),
      ],
      [],
    );
    expect(runs[0]?.marketBasedCarbonKgCo2e).toBeCloseTo(2.1, 9);
    expect(runs[0]?.residualMixUnavailable).toBe(false);
    expect(instrumentUseKwh.get("annual")).toBeCloseTo(40, 9);
  });
});

describe("renewableEnergy", () => {
  it("weighs each hour's RE% by the energy consumed in it", () => {
    // 10:30 + 2 h, 200 kWh: 50 kWh at RE 20 %, 100 kWh at 50 %, 50 kWh at 90 %
    // = 10 + 50 + 45 = 105 kWh renewable (an unweighted mean of 53.33 % would give 106.67).
    // CFE 100 % in the first hour, none given after: 50 kWh carbon-free.
    const shares = new Map([
      [t("2024-07-01T10:00:00Z"), { renewablePercentage: 20, carbonFreePercentage: 100 }],
      [t("2024-07-01T11:00:00Z"), { renewablePercentage: 50, carbonFreePercentage: null }],
      [t("2024-07-01T12:00:00Z"), { renewablePercentage: 90, carbonFreePercentage: null }],
    ]);
    const r = renewableEnergy(
      run({
        runId: "a",
        startMs: t("2024-07-01T10:30:00Z"),
        durationHours: 2,
        facilityEnergyKwh: 200,
      }),
      (h) => shares.get(h),
    );
    expect(r.renewableEnergyKwh).toBeCloseTo(105, 9);
    expect(r.carbonFreeEnergyKwh).toBeCloseTo(50, 9);
  });
});

describe("bestShift", () => {
  // Hours 00:00..05:00 of a day: 100, 300, 200, 50, 60, 400 g/kWh.
  const series = [100, 300, 200, 50, 60, 400];
  const day = t("2024-07-01T00:00:00Z");
  const at = (h: number) => series[(h - day) / H];

  it("finds the start minimizing the mean over the duration; the saving compares means", () => {
    // Run 2 h from 02:00, 10 kWh, window 2 h: candidate starts 00:00..04:00 need hours 00:00-05:00.
    // Means: k=-2 (00,01) 200; k=-1 (01,02) 250; k=0 (02,03) 125; k=+1 (03,04) 55; k=+2 (04,05) 230.
    // Best 03:00, mean 55; saving = 10 kWh x (125 - 55) g / 1000 = 0.7 kg; would have emitted 0.55 kg.
    const r = bestShift(
      run({ runId: "a", startMs: day + 2 * H, durationHours: 2, facilityEnergyKwh: 10 }),
      2,
      at,
    );
    expect(r?.bestStartMs).toBe(day + 3 * H);
    expect(r?.actualMeanIntensityGPerKwh).toBeCloseTo(125, 9);
    expect(r?.savingKgCo2e).toBeCloseTo(0.7, 9);
    expect(r?.bestCarbonKgCo2e).toBeCloseTo(0.55, 9);
  });

  it("is null when an hour of the window is missing, and 0 at the actual start on a flat series", () => {
    expect(
      bestShift(run({ runId: "a", startMs: day + 2 * H, durationHours: 2 }), 3, at),
    ).toBeNull();
    const flat = bestShift(
      run({ runId: "a", startMs: day + 2 * H, durationHours: 1 }),
      2,
      () => 100,
    );
    expect(flat?.bestStartMs).toBe(day + 2 * H);
    expect(flat?.savingKgCo2e).toBe(0);
  });
});
