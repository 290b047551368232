/**
 * GPU count of a measured run that does not say it (rule "gpus-of-measured-power", METHODOLOGY.md
 * s.2): the measured mean IT power over the power model's one GPU with its host share, rounded,
 * at least 1. Numbers from data/hardware.json (see allocation.test.ts for the power terms):
 * A100 SXM4 80GB on the HPE Apollo 6500 Gen10 Plus at u_gpu 0.47, u_cpu 0.12:
 *   P_1 = 303.04 W / 8 + 46.45 + 0.47 x (400 - 46.45) = 37.88 + 212.6185 = 250.4985 W.
 */
import { describe, expect, it } from "vitest";
import { parseDisclosure, type RunDisclosureInput } from "./disclosure.js";
import { estimateNormalized } from "./estimate.js";
import { normalizeDisclosure } from "./normalize.js";

const measured = (extra: Partial<RunDisclosureInput>) =>
  normalizeDisclosure(
    parseDisclosure({
      baseModel: "BERT base",
      gpuModel: "A100-SXM4-80GB",
      startTime: "2024-03-01T00:00:00Z",
      reservedDurationHours: 2,
      ...extra,
    }),
  );

describe("GPUs of a measured run's mean power", () => {
  it("0.9 kWh in 2 h is 2 GPUs of an 8-GPU server, not the server's 8", () => {
    // P_mean = 1000 x 0.9 / 2 = 450 W; 450 / 250.4985 = 1.796 -> round -> 2 GPUs
    const run = measured({ measuredEnergyKwh: 0.9 });
    expect(run.gpuCount).toBe(2);
    expect(run.serverCount).toBe(1);
    expect(run.provenance.gpuCount).toMatchObject({
      status: "imputed",
      rule: "gpus-of-measured-power",
      value: 2,
    });
    expect((run.provenance.gpuCount as { source: string }).source).toContain("450 W");
    expect((run.provenance.gpuCount as { source: string }).source).toContain("250 W per GPU");
  });

  it("embodied carbon follows the implied count: 1 GPU pays 1/8 of the server", () => {
    // P_mean = 0.5 kWh / 2 h = 250 W; 250 / 250.4985 = 0.998 -> 1 GPU, share 1/8
    const one = estimateNormalized(measured({ measuredEnergyKwh: 0.5 }), null);
    // the same run with 8 GPUs disclosed (the servers x GPUs rule's old answer)
    const eight = estimateNormalized(measured({ measuredEnergyKwh: 0.5, gpuCount: 8 }), null);
    expect(one.inputs.gpuCount).toBe(1);
    // embodied = hours / 33,288 h x (GPUs x 318 + share x 2,500) kgCO2e:
    // 1 GPU: 2 / 33,288 x (318 + 312.5) = 0.037882; 8 GPUs: 2 / 33,288 x (2,544 + 2,500) = 0.303052
    expect(one.embodiedCarbonKgCo2e).toBeCloseTo((2 / 33_288) * (318 + 312.5), 6);
    expect(eight.embodiedCarbonKgCo2e).toBeCloseTo((2 / 33_288) * (8 * 318 + 2500), 6);
    // the measured energy is kept exactly either way
    expect(one.itEnergyKwh).toBe(0.5);
  });

  it("a large measured cluster gets its size: 20 kWh in 2 h is 40 GPUs on 5 servers", () => {
    // P_mean = 10,000 W; 10,000 / 250.4985 = 39.92 -> 40 GPUs; ceil(40 / 8) = 5 servers
    const run = measured({ measuredEnergyKwh: 20 });
    expect(run.gpuCount).toBe(40);
    expect(run.serverCount).toBe(5);
  });

  it("a disclosed GPU utilization enters the per-GPU power", () => {
    // u_gpu 1: P_1 = 37.88 + 400 = 437.88 W; 900 W / 437.88 = 2.055 -> 2 (at 0.47: 3.59 -> 4)
    expect(measured({ measuredEnergyKwh: 1.8, gpuUtilizationFraction: 1 }).gpuCount).toBe(2);
    expect(measured({ measuredEnergyKwh: 1.8 }).gpuCount).toBe(4);
  });

  it("a tiny measured power is still at least 1 GPU", () => {
    // 0.01 kWh / 2 h = 5 W; 5 / 250.4985 = 0.02 -> 0 -> at least 1
    expect(measured({ measuredEnergyKwh: 0.01 }).gpuCount).toBe(1);
  });

  it("does not apply when anything else counts the GPUs, or nothing is measured", () => {
    // disclosed servers: servers x GPUs per server (1 x 8)
    expect(measured({ measuredEnergyKwh: 0.5, serverCount: 1 }).gpuCount).toBe(8);
    // a count in the name wins
    expect(
      measured({ measuredEnergyKwh: 0.5, gpuModel: "4 x NVIDIA A100-SXM4-80GB" }).gpuCount,
    ).toBe(4);
    // not measured: the Scope3 default of one full server
    const modelled = measured({});
    expect(modelled.gpuCount).toBe(8);
    expect(modelled.provenance.gpuCount).toMatchObject({ rule: "gpus-of-servers" });
  });
});
