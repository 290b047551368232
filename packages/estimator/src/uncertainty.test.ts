/**
 * 90 % intervals (ADR 0012, `estimate/bounds.ts`, `uncertainty.ts`): hand-worked intervals for a
 * disclosed and an imputed case, and that disclosing an input narrows the interval.
 */
import { describe, expect, it } from "vitest";
import { parseDisclosure, type RunDisclosure } from "./disclosure.js";
import { estimateNormalized } from "./estimate.js";
import { normalizeDisclosure } from "./normalize.js";
import { referenceData } from "./reference.js";
import type { Bounds, RunEstimate, SuppliedIntensity } from "./types.js";
import {
  ANNUAL_INTENSITY_FALLBACK_SPREAD,
  ENERGY_MODEL_SPREAD,
  HOURS_FROM_TOKENS_SPREAD,
  pueLogHalfWidth,
} from "./uncertainty.js";

/** 4x A100 80GB on one HPE Apollo 6500, FR, 10 h: P_IT = 1001.994 W (estimate.test.ts). */
const base: Record<string, unknown> = {
  baseModel: "Llama 2",
  gpuModel: "A100 80GB",
  serverModel: "HPE Apollo 6500 Gen10 Plus",
  gpuCount: 4,
  serverCount: 1,
  countryCode: "FR",
  reservedDurationHours: 10,
  cpuUtilizationFraction: 0.12,
  startTime: "2023-06-01T00:00:00Z",
};
const hourly: SuppliedIntensity = {
  startHourIntensityGPerKwh: 50,
  meanIntensityGPerKwh: 50,
  hourUtc: "2023-06-01T00:00:00.000Z",
  signal: "life-cycle",
};
const estimate = (d: Record<string, unknown>, i: SuppliedIntensity | null = hourly) =>
  estimateNormalized(normalizeDisclosure(parseDisclosure(d as RunDisclosure)), i);
const ratio = (b: Bounds) => b.high / b.low;

describe("hand-worked intervals", () => {
  it("disclosed: utilization, PUE, WUE and hourly intensity -> only the power model's spread", () => {
    const e = estimate({ ...base, gpuUtilizationFraction: 0.47, pue: 1.1, wueLitersPerKwh: 0.2 });
    // E_IT = 1001.994 W x 10 h / 1000 = 10.01994 kWh; facility = x 1.1 = 11.021934 kWh
    expect(e.facilityEnergyKwh).toBeCloseTo(11.021934, 5);
    // one term, the energy model with utilization disclosed: lo 1.18, hi 0.27
    // low = 11.021934 x e^-1.18 = 11.021934 x 0.307279 = 3.386810; high = x e^0.27 = 14.438
    expect(e.bounds.facilityEnergyKwh.low).toBeCloseTo(3.38681, 4);
    expect(e.bounds.facilityEnergyKwh.high).toBeCloseTo(14.43838, 4);
    // carbon: operational = 11.021934 x 50 / 1000 = 0.5510967 kg; embodied =
    // (4 x 318 + 0.5 x 2500) / 33288 h x 10 h = 0.757630 kg; s_op = 0.5510967 / 1.3087267 = 0.421092
    const op = 0.5510967;
    const carbon = op + 0.75763;
    expect(e.totalCarbonKgCo2e).toBeCloseTo(carbon, 5);
    const s = op / carbon;
    expect(e.bounds.totalCarbonKgCo2e.low).toBeCloseTo(carbon * Math.exp(-s * 1.18), 5);
    expect(e.bounds.totalCarbonKgCo2e.high).toBeCloseTo(carbon * Math.exp(s * 0.27), 5);
  });

  it("imputed: utilization and PUE (industry average) -> terms add in quadrature", () => {
    // FR, no cloud: PUE = 1.56 (industry, imputed), WUE 1.8 (US average, imputed), u = 0.47
    // (the default, so the point equals the disclosed case's power): facility = 10.01994 x 1.56
    const e = estimate(base);
    const facility = 10.01994 * 1.56; // 15.631106 kWh
    expect(e.facilityEnergyKwh).toBeCloseTo(facility, 4);
    // PUE half-width: ln(1.56 / 1.08) = 0.367725 (log-symmetric, 5th pct = 1.08)
    expect(pueLogHalfWidth("pue-industry-average", 1.56)).toBeCloseTo(0.367725, 6);
    // low:  sqrt(1.48^2 + 0.367725^2) = sqrt(2.1904 + 0.135222) = 1.524999
    // high: sqrt(0.84^2 + 0.367725^2) = sqrt(0.7056 + 0.135222) = 0.916964
    expect(e.bounds.facilityEnergyKwh.low).toBeCloseTo(facility * Math.exp(-1.524999), 4);
    expect(e.bounds.facilityEnergyKwh.high).toBeCloseTo(facility * Math.exp(0.916964), 4);
    // = 3.4045 .. 39.105 kWh: high / low = exp(1.524999 + 0.916964) = 11.50
    expect(ratio(e.bounds.facilityEnergyKwh)).toBeCloseTo(Math.exp(2.441963), 4);
  });
});

describe("disclosing an input narrows the interval", () => {
  const widths = (e: RunEstimate) => [
    ratio(e.bounds.facilityEnergyKwh),
    ratio(e.bounds.totalCarbonKgCo2e),
    ratio(e.bounds.totalWaterLiters),
  ];
  const expectNarrower = (a: RunEstimate, b: RunEstimate) => {
    const [wa, wb] = [widths(a), widths(b)];
    for (let i = 0; i < 3; i++) expect(wb[i]).toBeLessThanOrEqual((wa[i] as number) + 1e-12);
    expect(wb.some((w, i) => w < (wa[i] as number) - 1e-9)).toBe(true);
  };

  it("GPU utilization, then PUE, then WUE, then a meter", () => {
    const none = estimate(base, null);
    const u = estimate({ ...base, gpuUtilizationFraction: 0.47 }, null);
    const pue = estimate({ ...base, gpuUtilizationFraction: 0.47, pue: 1.2 }, null);
    const wue = estimate({ ...base, gpuUtilizationFraction: 0.47, pue: 1.2, wueLitersPerKwh: 1 });
    const metered = estimate({ ...base, pue: 1.2, wueLitersPerKwh: 1, measuredEnergyKwh: 10 });
    expectNarrower(none, u);
    expectNarrower(u, pue);
    expectNarrower(pue, wue);
    expectNarrower(wue, metered);
    // metered energy with a disclosed PUE: facility energy is exact
    expect(metered.bounds.facilityEnergyKwh.low).toBe(metered.facilityEnergyKwh);
    // the interval still encloses the point estimate
    for (const e of [none, u, pue, wue, metered])
      for (const b of Object.values(e.bounds)) {
        expect(b.low).toBeLessThanOrEqual(b.high);
      }
  });

  it("hourly intensity narrows carbon; the annual fallback uses the zone's hourly p05..p95", () => {
    const annual = estimate({ ...base, gpuUtilizationFraction: 0.47, pue: 1.2 }, null);
    const withHourly = estimate({ ...base, gpuUtilizationFraction: 0.47, pue: 1.2 });
    expect(ratio(withHourly.bounds.totalCarbonKgCo2e)).toBeLessThan(
      ratio(annual.bounds.totalCarbonKgCo2e),
    );
    expect(annual.intensity.source).toBe("annual-zone");
    const fr = referenceData.gridZones.find((z) => z.id === "FR");
    expect(fr?.hourlyIntensityRange).not.toBeNull();
  });

  it("hours from tokens add the MFU term", () => {
    const { reservedDurationHours: _h, ...noHours } = base;
    const tokens = estimate({
      ...noHours,
      tokensIncludingPadding: 1e9,
      gpuUtilizationFraction: 0.47,
    });
    expect(tokens.inputs.provenance.reservedDurationHours).toMatchObject({
      rule: "time-from-tokens",
    });
    // MFU 0.213 .. 0.462 around 0.30: hours x 0.3 / 0.462 = e^-0.431782 .. x 0.3 / 0.213 = e^+0.342490
    expect(HOURS_FROM_TOKENS_SPREAD.lo).toBeCloseTo(0.431782, 6);
    expect(HOURS_FROM_TOKENS_SPREAD.hi).toBeCloseTo(0.34249, 5);
    const m = ENERGY_MODEL_SPREAD.gpuUtilizationDisclosed;
    const pue = pueLogHalfWidth("pue-industry-average", 1.56);
    const f = tokens.facilityEnergyKwh;
    expect(tokens.bounds.facilityEnergyKwh.low).toBeCloseTo(
      f * Math.exp(-Math.sqrt(m.lo ** 2 + HOURS_FROM_TOKENS_SPREAD.lo ** 2 + pue ** 2)),
      9,
    );
  });

  it("the typical zone's spread stands in where a zone has no hourly files", () => {
    // medians over the zones with hourly files: the annual fallback is never exact
    expect(ANNUAL_INTENSITY_FALLBACK_SPREAD.lo).toBeGreaterThan(0);
    expect(ANNUAL_INTENSITY_FALLBACK_SPREAD.hi).toBeGreaterThan(0);
    const run = {
      ...normalizeDisclosure(parseDisclosure({ ...base, pue: 1.2, wueLitersPerKwh: 1 } as never)),
      gridZone: "ZZ-NONE",
      countryCode: "US",
    };
    const country = estimateNormalized(run, null);
    expect(country.intensity.source).toBe("annual-country");
    const withHourly = estimateNormalized(run, hourly);
    expect(ratio(country.bounds.totalCarbonKgCo2e)).toBeGreaterThan(
      ratio(withHourly.bounds.totalCarbonKgCo2e),
    );
  });
});
