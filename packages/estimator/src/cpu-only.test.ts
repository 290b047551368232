/**
 * CPU-only runs (gpuCount 0, METHODOLOGY.md s.3a): no GPU terms, the whole host charged, the
 * reference CPU server (AWS m5.metal) unless a server is disclosed. Numbers from data/hardware.json.
 */
import { describe, expect, it } from "vitest";
import { parseDisclosure } from "./disclosure.js";
import { DisclosureValidationError, InsufficientDataError } from "./errors.js";
import { estimateNormalized } from "./estimate.js";
import { normalizeDisclosure } from "./normalize.js";
import { hostShareFraction } from "./power.js";
import { getGpuById, getServerById, NO_ACCELERATOR, type ServerSpec } from "./reference.js";

/** Embodied amortization hours: 4 y x 8760 h x 0.95 = 33,288 h. */
const HOURS = 33_288;
const base = { baseModel: "BERT base", startTime: "2024-03-01T10:00:00Z", countryCode: "FR" };
const run = (extra: Record<string, unknown>) =>
  normalizeDisclosure(parseDisclosure({ ...base, ...extra }));

describe("a CPU-only run without a disclosed server", () => {
  const normalized = run({ gpuCount: 0, reservedDurationHours: 2 });
  const e = estimateNormalized(normalized, null);

  it("has no accelerator and holds one whole reference CPU server", () => {
    expect(normalized.gpuModel).toBe("none");
    expect(normalized.provenance.gpuModel).toMatchObject({ rule: "cpu-only-run" });
    expect(normalized.serverModel).toBe("cpu-server-2s");
    expect(normalized.provenance.serverModel).toMatchObject({ rule: "cpu-only-server" });
    expect(normalized.serverCount).toBe(1);
    expect(normalized.cpuCount).toBe(2);
    expect(normalized.cpuUtilizationFraction).toBe(1);
    expect(normalized.provenance.cpuUtilizationFraction).toMatchObject({
      rule: "utilization-default-cpu-only",
    });
    const server = getServerById("cpu-server-2s") as ServerSpec;
    expect(hostShareFraction(0, 1, server)).toBe(1);
  });

  it("power: the whole host, no GPU term", () => {
    // idle 96 vCPU x 0.61299 W (CCF Skylake) = 58.85 W; memory 384 GB x 0.3725 W/GB = 143.04 W;
    // CPU 2 x 240 W (Xeon Platinum 8175M) x 1.0 = 480 W -> P_IT = 681.89 W
    expect(e.itPowerWatts).toBeCloseTo(681.89, 6);
    // E_IT = 681.89 W x 2 h / 1000 = 1.36378 kWh
    expect(e.itEnergyKwh).toBeCloseTo(1.36378, 6);
  });

  it("embodied: the server only (m5.metal 1610.79 kgCO2e), no GPU water", () => {
    // 1610.79 kgCO2e x share 1 / 33,288 h x 2 h = 0.0967790 kgCO2e
    expect(e.embodiedCarbonKgCo2e).toBeCloseTo((1610.79 / HOURS) * 2, 9);
    expect(e.embodiedCarbonKgCo2e).toBeCloseTo(0.096779, 6);
    expect(e.embodiedWaterLiters).toBe(0);
  });

  it("re-estimates from its stored ids (getGpuById('none'))", () => {
    expect(getGpuById("none")).toBe(NO_ACCELERATOR);
    const again = estimateNormalized({ ...normalized }, null);
    expect(again.totalCarbonKgCo2e).toBe(e.totalCarbonKgCo2e);
  });
});

describe("a measured CPU-only run", () => {
  it("keeps the measured energy and charges the server's embodied emissions for its hours", () => {
    const normalized = run({ gpuCount: 0, measuredEnergyKwh: 1.5, cpuUtilizationFraction: 0.5 });
    const e = estimateNormalized(normalized, null);
    expect(e.itEnergyKwh).toBe(1.5);
    // hours = 1.5 kWh x 1000 / (58.85 + 143.04 + 2 x 240 x 0.5 = 441.89 W) = 3.394510 h
    expect(normalized.reservedDurationHours).toBeCloseTo(1500 / 441.89, 9);
    // embodied = 1610.79 / 33,288 x 3.394510 = 0.164259 kgCO2e
    expect(e.embodiedCarbonKgCo2e).toBeCloseTo(((1610.79 / HOURS) * 1500) / 441.89, 9);
  });
});

describe("a CPU-only run on a disclosed host", () => {
  it("a laptop pays its whole host (share 1, not 0 of its 1 GPU slot)", () => {
    const e = estimateNormalized(
      run({ gpuCount: 0, serverModel: "laptop", reservedDurationHours: 2 }),
      null,
    );
    // idle 12.27 W + memory 16 x 0.3725 = 5.96 W + CPU 45 W x 1.0 -> 63.23 W
    expect(e.itPowerWatts).toBeCloseTo(63.23, 6);
    // embodied 181 kgCO2e (Boavizta laptop) / 33,288 h x 2 h = 0.0108748 kgCO2e
    expect(e.embodiedCarbonKgCo2e).toBeCloseTo((181 / HOURS) * 2, 9);
  });

  it("the CPU server named without a count implies 0 GPUs", () => {
    const normalized = run({ serverModel: "CPU server", reservedDurationHours: 2 });
    expect(normalized.gpuModel).toBe("none");
    expect(normalized.provenance.gpuModel).toMatchObject({ rule: "gpu-of-server" });
    expect(normalized.gpuCount).toBe(0);
    expect(estimateNormalized(normalized, null).itPowerWatts).toBeCloseTo(681.89, 6);
  });

  it("the Strubell method: 1.58 x the host's IT energy, no GPU term", () => {
    const e = estimateNormalized(
      run({ gpuCount: 0, reservedDurationHours: 2, method: "strubell2019" }),
      null,
    );
    // p_t = 1.58 x 681.89 W x 2 h / 1000 = 1.58 x 1.36378 kWh = 2.1547724 kWh
    expect(e.facilityEnergyKwh).toBeCloseTo(2.1547724, 6);
    expect(e.embodiedCarbonKgCo2e).toBe(0);
  });
});

describe("contradictions and missing data", () => {
  const fields = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      if (err instanceof DisclosureValidationError) return err.issues.map((i) => i.path);
      throw err;
    }
    return [];
  };

  it("gpuCount 0 with a GPU model or a managed service is rejected on that field", () => {
    expect(fields(() => run({ gpuCount: 0, gpuModel: "A100", reservedDurationHours: 1 }))).toEqual([
      "gpuModel",
    ]);
    expect(
      fields(() => run({ gpuCount: 0, managedService: "aws-bedrock", reservedDurationHours: 1 })),
    ).toEqual(["managedService"]);
  });

  it("GPUs on the CPU server are rejected", () => {
    const cpu = { serverModel: "CPU server", reservedDurationHours: 1 };
    expect(fields(() => run({ ...cpu, gpuCount: 2 }))).toEqual(["gpuCount"]);
    expect(fields(() => run({ ...cpu, gpuModel: "A100" }))).toEqual(["gpuModel"]);
  });

  it("tokens alone cannot time a CPU-only run", () => {
    expect(() => run({ gpuCount: 0, tokensIncludingPadding: 1e6 })).toThrow(InsufficientDataError);
    expect(() => run({ gpuCount: 0, tokensIncludingPadding: 1e6 })).toThrow(
      /reservedDurationHours.*CPU only/,
    );
  });
});
