import { describe, expect, it } from "vitest";
import { amortizePerInference, reprojectAmortization } from "./amortization.js";
import { DisclosureValidationError } from "./errors.js";
import { strubell2019 } from "./strubell.js";

describe("seed amortization example", () => {
  it("12.8 kgCO2e and 18.3 L, daily fine-tune, 1000 inferences a day -> 12.8 g and 18.3 mL per inference", () => {
    // 12.8 kg x 1000 g/kg / (1000 inferences/day x 1 day) = 12.8 g; 18.3 L x 1000 / 1000 = 18.3 mL
    const r = amortizePerInference({
      totalCarbonKgCo2e: 12.8,
      totalWaterLiters: 18.3,
      inferencesPerDay: 1000,
      useLifeDays: 1,
    });
    expect(r.carbonPerInferenceGCo2e).toBeCloseTo(12.8, 10);
    expect(r.waterPerInferenceMilliliters).toBeCloseTo(18.3, 10);
  });

  it("names the bad field: NaN, infinite, zero or negative inputs", () => {
    const ok = { totalCarbonKgCo2e: 1, totalWaterLiters: 1, inferencesPerDay: 1, useLifeDays: 1 };
    const path = (bad: Partial<typeof ok>) => {
      try {
        amortizePerInference({ ...ok, ...bad });
      } catch (e) {
        if (e instanceof DisclosureValidationError) return e.issues[0]?.path;
        throw e;
      }
      return "did not throw";
    };
    expect(path({ useLifeDays: 0 })).toBe("useLifeDays");
    expect(path({ useLifeDays: Number.NaN })).toBe("useLifeDays");
    expect(path({ inferencesPerDay: Number.POSITIVE_INFINITY })).toBe("inferencesPerDay");
    expect(path({ totalCarbonKgCo2e: -1 })).toBe("totalCarbonKgCo2e");
    expect(path({ totalWaterLiters: Number.NaN })).toBe("totalWaterLiters");
    // zero footprint is fine: 0 g per inference
    expect(amortizePerInference({ ...ok, totalCarbonKgCo2e: 0 }).carbonPerInferenceGCo2e).toBe(0);
  });
});

describe("monthly re-projection (Scope3 training.mdx example)", () => {
  // 46 t over 14 months, projected 7T inferences/month (98T total); month 1 actual: 11T.
  const months = reprojectAmortization({
    totalCarbonKgCo2e: 46_000,
    totalWaterLiters: 14_000,
    useLifeMonths: 14,
    projectedInferencesPerMonth: 7e12,
    actualInferencesByMonth: [11e12],
  });

  it("month 1 bills the actual count at the initial cost per inference", () => {
    // 46,000 kg / 98e12 = 4.6939e-10 kg = 4.6939e-7 g per inference (0.47 g per million)
    expect(months[0]!.carbonPerInferenceGCo2e).toBeCloseTo(4.6939e-7, 10);
    // billed = 11e12 x 4.6939e-10 kg = 5163.27 kg
    expect(months[0]!.carbonBilledKgCo2e).toBeCloseTo(5163.265, 2);
  });

  it("month 2 re-projects from the actual count (11T x 13 = 143T)", () => {
    // remaining 46,000 - 5163.265 = 40,836.735 kg; / 143e12 = 2.8557e-10 kg (0.29 g per million)
    expect(months[1]!.projectedInferencesRemaining).toBe(143e12);
    expect(months[1]!.carbonRemainingKgCo2e).toBeCloseTo(40836.735, 2);
    expect(months[1]!.carbonPerInferenceGCo2e).toBeCloseTo(2.85572e-7, 11);
  });

  it("bills the whole footprint by the end of the use life", () => {
    const billed = months.reduce((s, m) => s + m.carbonBilledKgCo2e, 0);
    expect(billed).toBeCloseTo(46_000, 6);
    expect(months).toHaveLength(14);
  });
});

describe("Strubell et al. 2019", () => {
  it("reproduces the Transformer (big) row: 84 h at 1515.43 W -> 201 kWh, 192 lbs", () => {
    // 1.58 x 84 h = 132.72 h; x 1515.43 W / 1000 = 201.1279 kWh; x 0.954 = 191.8760 lbs; x 0.45359237 = 87.0337 kg
    const r = strubell2019({
      hours: 84,
      cpuPowerWatts: 0,
      dramPowerWatts: 0,
      gpuCount: 1,
      gpuPowerWatts: 1515.43,
    });
    expect(r.energyKwh).toBeCloseTo(201.1279, 3);
    expect(r.carbonLbs).toBeCloseTo(191.876, 2);
    expect(r.carbonKgCo2e).toBeCloseTo(87.0337, 3);
  });
});
