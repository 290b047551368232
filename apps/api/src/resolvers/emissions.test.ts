import type { EmissionsFigures, RangeFigures, Scope2Figures } from "@finetrace/db";
import { describe, expect, it } from "vitest";
import { toApiFigures } from "./emissions.js";

const figures = (useData: Partial<EmissionsFigures["useData"]>): EmissionsFigures => ({
  runCount: 3,
  itEnergyKwh: "100.5",
  facilityEnergyKwh: "120.6",
  operationalCarbonKgCo2e: "30",
  embodiedCarbonKgCo2e: "2",
  totalCarbonKgCo2e: "32",
  onsiteWaterLiters: "180.9",
  offsiteWaterLiters: "300",
  embodiedWaterLiters: "1.2",
  totalWaterLiters: "482.1",
  imputedFieldCount: 18,
  provenanceFieldCount: 60,
  useData: {
    runCount: 1,
    projectedInferences: "30000",
    facilityEnergyKwh: "12",
    totalCarbonKgCo2e: "4",
    totalWaterLiters: "50",
    ...useData,
  },
});

const scope2: Scope2Figures = {
  marketBasedCarbonKgCo2e: "21.5",
  renewableEnergyKwh: "30.15",
  carbonFreeEnergyKwh: "96.48",
  shiftSavingKgCo2e: "1.25",
  shiftCoveredRuns: 2,
  shiftUncoveredRuns: 1,
};

const ranges: RangeFigures = {
  facilityEnergyKwh: { low: "60.3", high: "241.2" },
  totalCarbonKgCo2e: { low: "16", high: "64.5" },
  totalWaterLiters: { low: "240", high: "964.2" },
};

describe("toApiFigures", () => {
  it("passes the 90 % ranges (sums of the runs' bounds) through as numbers, in their units", () => {
    const f = toApiFigures(figures({}), scope2, ranges);
    expect(f.energyLowKwh).toBeCloseTo(60.3, 12);
    expect(f.energyHighKwh).toBeCloseTo(241.2, 12);
    expect(f.totalCarbonLowKgCo2e).toBeCloseTo(16, 12);
    expect(f.totalCarbonHighKgCo2e).toBeCloseTo(64.5, 12);
    expect(f.totalWaterLowLiters).toBeCloseTo(240, 12);
    expect(f.totalWaterHighLiters).toBeCloseTo(964.2, 12);
    // The point estimate lies inside its range: 16 <= 32 <= 64.5 kgCO2e.
    expect(f.totalCarbonKgCo2e).toBeGreaterThanOrEqual(f.totalCarbonLowKgCo2e);
    expect(f.totalCarbonKgCo2e).toBeLessThanOrEqual(f.totalCarbonHighKgCo2e);
  });

  it("gives renewable / non-renewable energy in MWh and the carbon-free share of the facility energy", () => {
    const f = toApiFigures(figures({}), scope2, ranges);
    expect(f.marketBasedCarbonKgCo2e).toBeCloseTo(21.5, 12);
    // 30.15 kWh = 0.03015 MWh renewable; 120.6 - 30.15 = 90.45 kWh = 0.09045 MWh non-renewable.
    expect(f.renewableEnergyMwh).toBeCloseTo(0.03015, 12);
    expect(f.nonRenewableEnergyMwh).toBeCloseTo(0.09045, 12);
    // 96.48 / 120.6 = 0.8.
    expect(f.carbonFreeEnergyShare).toBeCloseTo(0.8, 12);
    expect([f.shiftSavingKgCo2e, f.shiftCoveredRuns, f.shiftUncoveredRuns]).toEqual([1.25, 2, 1]);
    expect(
      toApiFigures({ ...figures({}), facilityEnergyKwh: "0" }, scope2, ranges)
        .carbonFreeEnergyShare,
    ).toBeNull();
  });

  it("amortizes the runs with use data over their projected inferences", () => {
    const f = toApiFigures(figures({}), scope2, ranges);
    expect(f.energyKwh).toBeCloseTo(120.6, 9);
    // 18 imputed of 60 inputs.
    expect(f.imputedShare).toBeCloseTo(0.3, 12);
    // 4 kgCO2e = 4000 g over 30 days x 1000 inferences/day = 30,000: 0.13333 g each.
    expect(f.perInference?.carbonPerInferenceGCo2e).toBeCloseTo(4000 / 30_000, 12);
    // 50 L = 50,000 mL / 30,000 = 1.6667 mL; 12 kWh = 12,000 Wh / 30,000 = 0.4 Wh.
    expect(f.perInference?.waterPerInferenceMilliliters).toBeCloseTo(50_000 / 30_000, 12);
    expect(f.perInference?.energyPerInferenceWh).toBeCloseTo(0.4, 12);
  });

  it("has no per-inference figures without use data, and a zero share without inputs", () => {
    expect(
      toApiFigures(figures({ runCount: 0, projectedInferences: "0" }), scope2, ranges).perInference,
    ).toBeNull();
    const empty = toApiFigures(
      { ...figures({ runCount: 0 }), provenanceFieldCount: 0 },
      scope2,
      ranges,
    );
    expect(empty.imputedShare).toBe(0);
  });
});
