/**
 * A run on a personal computer (a laptop GPU, an Apple M-series SoC, or a disclosed laptop host)
 * has no data-center facility: PUE 1 and on-site WUE 0 unless the disclosure, the organization
 * or a cloud location says otherwise (METHODOLOGY.md s.2, s.6; methodology 2026.12.6).
 */
import { describe, expect, it } from "vitest";
import { parseDisclosure, type RunDisclosureInput } from "./disclosure.js";
import { estimateNormalized } from "./estimate.js";
import { type NormalizeOptions, normalizeDisclosure } from "./normalize.js";

const laptopRun: RunDisclosureInput = {
  baseModel: "BERT base",
  gpuModel: "NVIDIA GeForce RTX 4050 Laptop GPU",
  gpuCount: 1,
  reservedDurationHours: 4,
  gpuUtilizationFraction: 0.8,
  cpuUtilizationFraction: 0.2,
  startTime: "2024-01-01T00:00:00Z",
};
const normalize = (input: RunDisclosureInput, options?: NormalizeOptions) =>
  normalizeDisclosure(parseDisclosure(input), options);

describe("a laptop run without facility data", () => {
  const run = normalize(laptopRun);
  const e = estimateNormalized(run, null);

  it("gets PUE 1 and on-site WUE 0, with the personal-computer rules", () => {
    expect(run.serverModel).toBe("laptop-1gpu");
    expect(run.pue).toBe(1);
    expect(run.provenance.pue).toMatchObject({
      status: "imputed",
      rule: "pue-personal-computer",
      source: expect.stringContaining("Green Algorithms"),
    });
    expect(run.wueLitersPerKwh).toBe(0);
    expect(run.provenance.wueLitersPerKwh).toMatchObject({ rule: "wue-personal-computer" });
  });

  it("facility energy = IT energy; water is off-site only", () => {
    // GPU: TGP 115 W, idle round(115 x 0.116125, 2) = 13.35 W; 13.35 + 0.8 x (115 - 13.35)
    //   = 94.67 W
    // host laptop (share 1/1): idle 12.27 W + memory 16 GB x 0.3725 = 5.96 W + CPU 45 W x 0.2
    //   = 9 W -> 27.23 W
    // P_IT = 121.9 W; E_IT = 121.9 x 4 h / 1000 = 0.4876 kWh
    expect(e.itPowerWatts).toBeCloseTo(121.9, 6);
    expect(e.itEnergyKwh).toBeCloseTo(0.4876, 6);
    // E_facility = 0.4876 x PUE 1 = 0.4876 kWh (x 1.56 = 0.760656 kWh before)
    expect(e.facilityEnergyKwh).toBeCloseTo(0.4876, 6);
    // on-site = E_IT x WUE 0 = 0 L; off-site = E_IT x PUE 1 x EWIF(US 3.13) = 1.526188 L
    expect(e.onsiteWaterLiters).toBe(0);
    expect(e.offsiteWaterLiters).toBeCloseTo(1.526188, 6);
    // operational carbon at the US annual 409 g/kWh (no location: the default country):
    //   0.4876 x 409 / 1000 = 0.1994284 kg
    expect(e.operationalCarbonKgCo2e).toBeCloseTo(0.1994284, 6);
  });

  it("adds no PUE spread to the facility-energy interval", () => {
    // The interval of facility energy is the IT energy's: PUE 1 is not uncertain.
    const it = e.bounds.facilityEnergyKwh;
    expect(it.high / it.low).toBeGreaterThan(1);
    const disclosedPue = estimateNormalized(normalize({ ...laptopRun, pue: 1 }), null);
    expect(it.low).toBeCloseTo(disclosedPue.bounds.facilityEnergyKwh.low, 9);
    expect(it.high).toBeCloseTo(disclosedPue.bounds.facilityEnergyKwh.high, 9);
  });
});

describe("an Apple M-series run", () => {
  it("is a personal computer too (the SoC's laptop host)", () => {
    const run = normalize({ ...laptopRun, gpuModel: "Apple M2 Max" });
    expect(run.serverModel).toBe("apple-silicon-laptop");
    expect(run.pue).toBe(1);
    expect(run.wueLitersPerKwh).toBe(0);
  });
});

describe("what still outranks the personal-computer rule", () => {
  it("a disclosed PUE and WUE", () => {
    const run = normalize({ ...laptopRun, pue: 1.3, wueLitersPerKwh: 0.5 });
    expect(run.pue).toBe(1.3);
    expect(run.provenance.pue).toMatchObject({ status: "disclosed" });
    expect(run.wueLitersPerKwh).toBe(0.5);
  });

  it("the organization's settings", () => {
    const run = normalize(laptopRun, {
      organization: { pueOverride: 1.2, wueLitersPerKwhOverride: 0.4 },
    });
    expect(run.pue).toBe(1.2);
    expect(run.provenance.pue).toMatchObject({ rule: "organization-setting" });
    expect(run.wueLitersPerKwh).toBe(0.4);
  });

  it("a cloud provider: the provider's average", () => {
    const run = normalize({ ...laptopRun, cloudProvider: "aws" });
    expect(run.provenance.pue).toMatchObject({ rule: "pue-of-provider" });
    expect(run.pue).toBeGreaterThan(1);
  });
});

describe("a desktop workstation (consumer card) keeps the data-center average", () => {
  it("PUE 1.56 and WUE 1.8: consumer cards also fill GPU-cloud racks", () => {
    const run = normalize({ ...laptopRun, gpuModel: "NVIDIA GeForce RTX 3090" });
    expect(run.serverModel).toBe("workstation-1gpu");
    expect(run.pue).toBe(1.56);
    expect(run.provenance.pue).toMatchObject({ rule: "pue-industry-average" });
    expect(run.wueLitersPerKwh).toBe(1.8);
  });
});

describe("a disclosed laptop host", () => {
  it("is a personal computer, also for a CPU-only run (the CodeCarbon reader's laptop rows)", () => {
    const { gpuModel: _gpu, ...cpuOnly } = laptopRun;
    const run = normalize({ ...cpuOnly, gpuCount: 0, serverModel: "laptop" });
    expect(run.provenance.serverModel).toMatchObject({ status: "disclosed" });
    expect(run.serverModel).toBe("laptop-1gpu");
    expect(run.pue).toBe(1);
    expect(run.wueLitersPerKwh).toBe(0);
  });
});
