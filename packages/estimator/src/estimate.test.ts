import { describe, expect, it } from "vitest";
import { parseDisclosure } from "./disclosure.js";
import { estimateNormalized, runHourWindow } from "./estimate.js";
import { normalizeDisclosure } from "./normalize.js";
import { imputedFieldCount } from "./provenance.js";
import type { SuppliedIntensity } from "./types.js";

/** The seed's example disclosure (Scope3 fine_tuning.mdx), with a start time added. */
const seedDisclosure = parseDisclosure({
  baseModel: "Llama 2",
  gpuModel: "Nvidia A100 80GB",
  serverModel: "HPE Apollo 6500 Gen10 Plus",
  gpuCount: 4,
  serverCount: 1,
  cloudProvider: "aws",
  cloudRegion: "US West (Oregon)",
  reservedDurationHours: 12,
  cpuUtilizationFraction: 0.12,
  gpuUtilizationFraction: 0.47,
  startTime: "2023-06-01T01:00:00-07:00",
});
const hourly: SuppliedIntensity = {
  startHourIntensityGPerKwh: 150,
  meanIntensityGPerKwh: 120,
  hourUtc: "2023-06-01T08:00:00.000Z",
  signal: "life-cycle",
};

describe("seed example disclosure (4x A100 80GB, HPE Apollo 6500 Gen10 Plus, us-west-2, 12 h)", () => {
  const e = estimateNormalized(normalizeDisclosure(seedDisclosure), hourly);

  it("resolves the location and hardware from reference data", () => {
    expect(e.inputs.gridZone).toBe("US-NW-BPAT");
    expect(e.inputs.gpuModel).toBe("A100-SXM4-80GB");
    expect(e.inputs.serverModel).toBe("hpe-apollo-6500-gen10-plus");
    expect(e.inputs.startTimeUtc).toBe("2023-06-01T08:00:00.000Z");
    expect(e.inputs.pue).toBe(1.2); // Green Algorithms provider default for AWS
    expect(e.inputs.wueLitersPerKwh).toBe(0.18); // AWS global WUE
    expect(e.inputs.ewifLitersPerKwh).toBe(3.13); // Scope3 US EWIF
  });

  it("computes IT power and energy", () => {
    // server idle ex-GPU: 128 vCPUs x 0.45562 W (CCF EPYC 3rd Gen min) = 58.32 W
    // memory: 512 GB x 0.3725 W/GB = 190.72 W
    // GPU: idle 400 x 0.11613 = 46.45 W; 46.45 + 0.47 x (400 - 46.45) = 212.6185 W; x 4 = 850.474 W
    // CPU: 2 sockets x 225 W (EPYC 7543) x 0.12 = 54 W
    // host share (METHODOLOGY.md s.3a): 4 of the server's 8 GPUs -> 0.5 of idle, memory, CPU
    // P_IT = 0.5 x (58.32 + 190.72 + 54) + 850.474 = 151.52 + 850.474 = 1001.994 W
    expect(e.itPowerWatts).toBeCloseTo(1001.994, 3);
    // E_IT = 1001.994 W x 12 h / 1000 = 12.023928 kWh; E_facility = x 1.2 = 14.4287136 kWh
    expect(e.itEnergyKwh).toBeCloseTo(12.023928, 5);
    expect(e.facilityEnergyKwh).toBeCloseTo(14.4287136, 5);
  });

  it("computes carbon at the start hour and over the run, plus embodied", () => {
    // operational = 14.4287136 kWh x 150 g/kWh / 1000 = 2.16430704 kg; mean: x 120 = 1.73144563 kg
    expect(e.operationalCarbonKgCo2e).toBeCloseTo(2.16430704, 5);
    expect(e.operationalCarbonMeanKgCo2e).toBeCloseTo(1.73144563, 5);
    // embodied: (4 x 318 + 0.5 share x 1 x 2500) / (4 x 8760 x 0.95) = 2522 / 33288
    //         = 0.0757630 kg/h; x 12 h = 0.909157 kg
    expect(e.embodiedCarbonKgCo2e).toBeCloseTo(0.909157, 5);
    // total = 2.164307 + 0.909157 = 3.073464 kg
    expect(e.totalCarbonKgCo2e).toBeCloseTo(3.073464, 5);
    expect(e.intensity.source).toBe("hourly");
  });

  it("computes on-site, off-site and embodied water", () => {
    // on-site = 12.023928 x 0.18 = 2.164307 L; off-site = 14.4287136 x 3.13 = 45.161874 L
    // embodied = 12 h x 4 x 411.9 L / 33288 h = 0.593944 L; total 47.920125 L
    expect(e.onsiteWaterLiters).toBeCloseTo(2.164307, 5);
    expect(e.offsiteWaterLiters).toBeCloseTo(45.161874, 5);
    expect(e.embodiedWaterLiters).toBeCloseTo(0.593944, 5);
    expect(e.totalWaterLiters).toBeCloseTo(47.920125, 5);
  });

  it("90 % interval: the power model (utilization disclosed) and the region's PUE", () => {
    // ADR 0012: log half-widths add in quadrature. Energy model, u disclosed: lo 1.18, hi 0.27;
    // region PUE +-5 %: ln 1.05 = 0.048790. Facility energy (s = 1 for both):
    // low  = 14.4287136 x exp(-sqrt(1.18^2 + 0.048790^2)) = 14.4287136 x exp(-1.181008) = 4.429169
    // high = 14.4287136 x exp(+sqrt(0.27^2 + 0.048790^2)) = 14.4287136 x exp(0.274373) = 18.983935
    expect(e.bounds.facilityEnergyKwh.low).toBeCloseTo(4.429169, 5);
    expect(e.bounds.facilityEnergyKwh.high).toBeCloseTo(18.983935, 4);
    // carbon: both terms scale operational carbon only, s = 2.16430704 / 3.073464 = 0.704191
    // low = 3.073464 x exp(-0.704191 x 1.181008) = 3.073464 x exp(-0.831656) = 1.337964
    expect(e.bounds.totalCarbonKgCo2e.low).toBeCloseTo(1.337964, 5);
    expect(e.bounds.totalCarbonKgCo2e.high).toBeGreaterThan(e.totalCarbonKgCo2e);
    expect(imputedFieldCount(e.inputs.provenance)).toBeGreaterThan(0);
  });

  it("amortizes over the default use life", () => {
    // 3.073464 kg x 1000 / (1000 / day x 365 days) = 0.00842045 g per inference
    expect(e.amortization.totalInferences).toBe(365_000);
    expect(e.amortization.carbonPerInferenceGCo2e).toBeCloseTo(0.00842045, 6);
  });
});

describe("fully disclosed run", () => {
  const disclosed = {
    ...seedDisclosure,
    pue: 1.1,
    wueLitersPerKwh: 0.5,
    useLifeDays: 30,
    inferencesPerDay: 10,
  };

  it("keeps only the power model's spread (utilization disclosed)", () => {
    const e = estimateNormalized(normalizeDisclosure(parseDisclosure(disclosed)), hourly);
    // facility energy = 12.023928 x 1.1 = 13.2263208 kWh; only the energy-model term (lo 1.18, hi 0.27)
    expect(e.bounds.facilityEnergyKwh.low).toBeCloseTo(13.2263208 * Math.exp(-1.18), 6);
    expect(e.bounds.facilityEnergyKwh.high).toBeCloseTo(13.2263208 * Math.exp(0.27), 6);
  });

  it("has bounds equal to the point value when the energy is metered", () => {
    const e = estimateNormalized(
      normalizeDisclosure(parseDisclosure({ ...disclosed, measuredEnergyKwh: 12 })),
      hourly,
    );
    expect(e.bounds.facilityEnergyKwh.low).toBe(e.facilityEnergyKwh);
    expect(e.bounds.totalCarbonKgCo2e.low).toBe(e.totalCarbonKgCo2e);
    expect(e.bounds.totalWaterLiters.high).toBe(e.totalWaterLiters);
  });
});

describe("METHODOLOGY.md s.5 embodied worked check", () => {
  it("384 A100 + 48 servers -> 7.27 kgCO2e per hour", () => {
    const e = estimateNormalized(
      normalizeDisclosure(
        parseDisclosure({
          baseModel: "BLOOM",
          gpuModel: "A100 80GB",
          serverModel: "HPE Apollo 6500 Gen10 Plus",
          gpuCount: 384,
          serverCount: 48,
          countryCode: "FR",
          reservedDurationHours: 1,
          startTime: "2022-01-01T00:00:00Z",
        }),
      ),
      null,
    );
    // (384 x 318 + 48 x 2500) / 4 / 8760 / 0.95 = 242112 / 33288 = 7.2733 kgCO2e per hour
    expect(e.embodiedCarbonKgCo2e).toBeCloseTo(7.2733, 4);
    expect(e.intensity.source).toBe("annual-zone"); // FR is an Electricity Maps zone
  });
});

describe("measured energy", () => {
  it("uses the meter reading as IT energy, then PUE and intensity as usual", () => {
    const e = estimateNormalized(
      normalizeDisclosure(parseDisclosure({ ...seedDisclosure, measuredEnergyKwh: 10, pue: 1.5 })),
      hourly,
    );
    expect(e.method).toBe("measured");
    // 10 kWh x 1.5 = 15 kWh; x 150 g/kWh = 2.25 kg
    expect(e.facilityEnergyKwh).toBeCloseTo(15, 10);
    expect(e.operationalCarbonKgCo2e).toBeCloseTo(2.25, 10);
  });
});

describe("annual fallback", () => {
  it("uses the zone's annual average for the run's year", () => {
    const e = estimateNormalized(normalizeDisclosure(seedDisclosure), null);
    // US-NW-BPAT 2023 Electricity Maps yearly average: 123 gCO2e/kWh
    expect(e.intensity).toMatchObject({
      source: "annual-zone",
      startHourIntensityGPerKwh: 123,
      hourUtc: null,
    });
    // the hourly 5th..95th percentile widens the carbon bounds
    expect(e.bounds.totalCarbonKgCo2e.low).toBeLessThan(e.totalCarbonKgCo2e);
    expect(e.inputs.provenance.annualIntensityYear).toMatchObject({
      status: "imputed",
      rule: "annual-intensity-of-run-year",
      value: 2023,
    });
  });

  it("falls back to the country when the zone has no annual value", () => {
    // a zone id absent from the reference data -> the country's annual average
    const run = { ...normalizeDisclosure(seedDisclosure), gridZone: "ZZ-NONE", countryCode: "US" };
    const e = estimateNormalized(run, null);
    // Electricity Maps 2024 US country average: 409 gCO2e/kWh
    expect(e.intensity).toMatchObject({ source: "annual-country", startHourIntensityGPerKwh: 409 });
  });
});

describe("annual fallback of the run's year (mlco2/impact years before 2021, nearest year)", () => {
  /** 8 x V100 metered at 100 kWh IT energy, PUE 1.5: 150 kWh at the grid. */
  const metered = (gridZone: string, startTime: string) =>
    estimateNormalized(
      normalizeDisclosure(
        parseDisclosure({
          baseModel: "bert-base-uncased",
          gpuModel: "V100",
          gpuCount: 8,
          reservedDurationHours: 10,
          measuredEnergyKwh: 100,
          pue: 1.5,
          gridZone,
          startTime,
        }),
      ),
      null,
    );

  it("prices a 2018 run at its zone's 2018 annual average", () => {
    const e = metered("DK-DK1", "2018-06-01T00:00:00Z");
    // DK-DK1 2018: 216.17 gCO2e/kWh (electricityMap yearly average over 8,760 h, mlco2/impact)
    expect(e.intensity).toMatchObject({ source: "annual-zone", startHourIntensityGPerKwh: 216.17 });
    // 100 kWh x 1.5 = 150 kWh; x 216.17 g/kWh / 1000 = 32.4255 kgCO2e
    expect(e.operationalCarbonKgCo2e).toBeCloseTo(32.4255, 9);
    const year = e.inputs.provenance.annualIntensityYear;
    expect(year).toMatchObject({ rule: "annual-intensity-of-run-year", value: 2018 });
    expect(year?.status === "imputed" && year.source).toMatch(/DK-DK1 2018 .*216\.17.*mlco2/);
  });

  it("uses the nearest year when the zone has no value for the run's year", () => {
    // DE has Electricity Maps years 2021-2025 only: 2018 -> 2021, 439 gCO2e/kWh
    const e = metered("DE", "2018-06-01T00:00:00Z");
    expect(e.intensity.startHourIntensityGPerKwh).toBe(439);
    // 150 kWh x 439 g/kWh / 1000 = 65.85 kgCO2e
    expect(e.operationalCarbonKgCo2e).toBeCloseTo(65.85, 9);
    const year = e.inputs.provenance.annualIntensityYear;
    expect(year).toMatchObject({ rule: "annual-intensity-of-nearest-year", value: 2021 });
    expect(year?.status === "imputed" && year.source).toMatch(/no 2018 annual average/);
  });

  it("skips a year whose average covers less than half its hours, and takes the later year on a tie", () => {
    // US-CAL-CISO 2018 covers 4,373 h (< 4,380): nearest is 2019, 251.17 gCO2e/kWh
    expect(metered("US-CAL-CISO", "2018-09-01T00:00:00Z").intensity.startHourIntensityGPerKwh).toBe(
      251.17,
    );
    // DK-DK1 2020 (2,928 h) is left out: 2019 (201.81) and 2021 (212) are as near; 2021 is used
    const tie = metered("DK-DK1", "2020-06-01T00:00:00Z");
    expect(tie.intensity.startHourIntensityGPerKwh).toBe(212);
    expect(tie.inputs.provenance.annualIntensityYear).toMatchObject({ value: 2021 });
    // a 2026 run: the latest year, 2025 (DK-DK1 112 gCO2e/kWh), not the headline 2024
    expect(metered("DK-DK1", "2026-03-01T00:00:00Z").intensity.startHourIntensityGPerKwh).toBe(112);
  });

  it("records no year when hourly values price the run", () => {
    const e = estimateNormalized(normalizeDisclosure(seedDisclosure), hourly);
    expect(e.inputs.provenance.annualIntensityYear).toBeUndefined();
  });
});

describe("continuous fine-tuning", () => {
  it("sets the use life to the interval to the next run", () => {
    const e = estimateNormalized(normalizeDisclosure(seedDisclosure), hourly, {
      nextRunStartUtc: "2023-06-02T08:00:00Z",
    });
    expect(e.amortization.useLifeDays).toBe(1);
    expect(e.inputs.provenance.useLifeDays).toMatchObject({
      status: "imputed",
      rule: "chain-interval",
      value: 1,
    });
  });
});

describe("runHourWindow", () => {
  it("spans floor(start) to the hour at or after the end", () => {
    // 17:01 + 2.5 h = 19:31 -> hours 17, 18, 19; end exclusive 20:00
    expect(
      runHourWindow({ startTimeUtc: "2024-07-06T17:01:00.000Z", reservedDurationHours: 2.5 }),
    ).toEqual({
      startHourUtc: "2024-07-06T17:00:00.000Z",
      endHourUtcExclusive: "2024-07-06T20:00:00.000Z",
    });
    // a 3-second run still spans one hour
    expect(
      runHourWindow({ startTimeUtc: "2024-07-06T17:00:00.000Z", reservedDurationHours: 0.001 })
        .endHourUtcExclusive,
    ).toBe("2024-07-06T18:00:00.000Z");
  });
});
