/**
 * Allocation per GPU share (METHODOLOGY.md s.3a): host power (idle, CPUs, memory) and server
 * embodied emissions are charged by the job's share of the server's GPUs; a consumer / laptop /
 * workstation / SoC GPU is its own single-GPU host. Numbers are from data/hardware.json.
 */
import { describe, expect, it } from "vitest";
import { parseDisclosure } from "./disclosure.js";
import { UnknownReferenceError } from "./errors.js";
import { estimateNormalized } from "./estimate.js";
import { normalizeDisclosure } from "./normalize.js";
import { clusterItPowerWatts, hostShareFraction } from "./power.js";
import { type GpuSpec, getGpuById, getServerById, type ServerSpec } from "./reference.js";

const apollo = getServerById("hpe-apollo-6500-gen10-plus") as ServerSpec;
const a100 = getGpuById("A100-SXM4-80GB") as GpuSpec;
/** Embodied amortization hours: 4 y x 8760 h x 0.95 = 33,288 h. */
const HOURS = 33_288;
const power = (gpuCount: number) =>
  clusterItPowerWatts({
    gpu: a100,
    server: apollo,
    gpuCount,
    serverCount: 1,
    cpuCount: 2,
    gpuUtilizationFraction: 0.47,
    cpuUtilizationFraction: 0.12,
  });

describe("host share of an 8-GPU server (HPE Apollo 6500, A100 80GB, u_gpu 0.47, u_cpu 0.12)", () => {
  // host: idle ex-GPU 128 vCPU x 0.45562 W = 58.32 W; memory 512 GB x 0.3725 W/GB = 190.72 W;
  //       CPU 2 x 225 W x 0.12 = 54 W -> 303.04 W for the whole server
  // GPU: 46.45 + 0.47 x (400 - 46.45) = 212.6185 W
  it("1 of 8 GPUs pays 1/8 of the host", () => {
    expect(hostShareFraction(1, 1, apollo)).toBe(0.125);
    // P_IT = 303.04 / 8 + 212.6185 = 37.88 + 212.6185 = 250.4985 W (was 515.6585 W)
    expect(power(1)).toBeCloseTo(250.4985, 6);
  });

  it("a full 8-GPU server is unchanged: share 1", () => {
    expect(hostShareFraction(8, 1, apollo)).toBe(1);
    // P_IT = 303.04 + 8 x 212.6185 = 303.04 + 1700.948 = 2003.988 W
    expect(power(8)).toBeCloseTo(2003.988, 6);
    // more GPUs than slots: the whole servers, no more (normalization raises too few multi-GPU
    // servers first, rule "servers-hold-gpus"; only a multi-GPU desktop reaches this)
    expect(hostShareFraction(12, 1, apollo)).toBe(1);
  });

  it("embodied: 1 of 8 GPUs pays its GPU and 1/8 of the server", () => {
    const run = normalizeDisclosure(
      parseDisclosure({
        baseModel: "BERT base",
        gpuModel: "A100-SXM4-80GB",
        serverModel: "HPE Apollo 6500 Gen10 Plus",
        gpuCount: 1,
        reservedDurationHours: 10,
        gpuUtilizationFraction: 0.47,
        cpuUtilizationFraction: 0.12,
        startTime: "2024-01-01T00:00:00Z",
      }),
    );
    const e = estimateNormalized(run, null);
    expect(run.serverCount).toBe(1); // ceil(1 / 8)
    expect(e.itPowerWatts).toBeCloseTo(250.4985, 6);
    // (1 x 318 + 1/8 x 2500) / 33,288 h x 10 h = 630.5 / 33,288 x 10 = 0.1894076 kgCO2e
    // (whole-server charge before: (318 + 2500) / 33,288 x 10 = 0.846551 kgCO2e)
    expect(e.embodiedCarbonKgCo2e).toBeCloseTo((630.5 / HOURS) * 10, 9);
    expect(e.embodiedCarbonKgCo2e).toBeCloseTo(0.1894076, 6);
  });
});

describe("servers that cannot hold the disclosed GPUs", () => {
  const disclose = (fields: Record<string, unknown>) =>
    normalizeDisclosure(
      parseDisclosure({
        baseModel: "BERT base",
        gpuModel: "A100-SXM4-80GB",
        reservedDurationHours: 10,
        startTime: "2024-01-01T00:00:00Z",
        ...fields,
      }),
    );

  it("raises the servers of the GPU's default class to hold them, and says so", () => {
    // 64 GPUs "on 1 server": the default class for the A100 80GB holds 8, so ceil(64 / 8) = 8
    const run = disclose({ gpuCount: 64, serverCount: 1 });
    expect([run.serverModel, run.serverCount, run.cpuCount]).toEqual([
      "hpe-apollo-6500-gen10-plus",
      8,
      16,
    ]);
    expect(run.provenance.serverCount).toMatchObject({ rule: "servers-hold-gpus", value: 8 });
    // the host of 8 servers, as if serverCount were left out: 8 x 303.04 W + 64 GPUs
    const raised = estimateNormalized(run, null).facilityEnergyKwh;
    expect(raised).toBeCloseTo(
      estimateNormalized(disclose({ gpuCount: 64 }), null).facilityEnergyKwh,
      9,
    );
    // servers enough for the GPUs are kept as disclosed, also more than needed
    expect(disclose({ gpuCount: 64, serverCount: 8 }).provenance.serverCount).toEqual({
      status: "disclosed",
    });
    expect(disclose({ gpuCount: 4, serverCount: 4 }).serverCount).toBe(4);
  });

  it("rejects the counts when the server model is disclosed, naming serverCount", () => {
    expect(() =>
      disclose({ gpuCount: 64, serverCount: 4, serverModel: "HPE Apollo 6500 Gen10 Plus" }),
    ).toThrow(
      /serverCount: 4 x HPE Apollo 6500 Gen10 Plus hold 32 GPUs \(8 each\), fewer than the 64 GPUs: .*at least 8/,
    );
  });

  it("keeps one desktop for a multi-GPU desktop (a one-GPU class is not a capacity)", () => {
    const run = disclose({ gpuModel: "2 x NVIDIA GeForce RTX 3090", serverCount: 1 });
    expect([run.gpuCount, run.serverModel, run.serverCount]).toEqual([2, "workstation-1gpu", 1]);
    expect(run.provenance.serverCount).toEqual({ status: "disclosed" });
  });
});

describe("a laptop GPU is its own single-GPU host", () => {
  const run = normalizeDisclosure(
    parseDisclosure({
      baseModel: "BERT base",
      gpuModel: "1 x NVIDIA GeForce RTX 3060 Laptop GPU",
      reservedDurationHours: 10,
      gpuUtilizationFraction: 0.5,
      cpuUtilizationFraction: 0.12,
      startTime: "2024-01-01T00:00:00Z",
    }),
  );
  const e = estimateNormalized(run, null);

  it("takes the GPU count from the name and the laptop host from the form factor", () => {
    expect(run.gpuModel).toBe("RTX-3060-Laptop");
    expect(run.gpuCount).toBe(1);
    expect(run.provenance.gpuCount).toMatchObject({ rule: "gpu-count-from-model-name", value: 1 });
    expect(run.serverModel).toBe("laptop-1gpu");
    expect(run.provenance.serverModel).toMatchObject({ rule: "single-gpu-host" });
    expect(run.serverCount).toBe(1);
    expect(run.cpuCount).toBe(1);
  });

  it("power and embodied", () => {
    // GPU: TGP 115 W, idle round(115 x 0.116125, 2) = 13.35 W; 13.35 + 0.5 x (115 - 13.35) = 64.175 W
    // host (share 1/1): idle 16 vCPU x 0.76680 W (CCF Ice Lake) = 12.27 W; memory 16 GB x 0.3725
    //   = 5.96 W; CPU i7-11800H 45 W x 0.12 = 5.4 W -> 23.63 W
    // P_IT = 64.175 + 23.63 = 87.805 W; E_IT = 87.805 x 10 h / 1000 = 0.87805 kWh
    expect(e.itPowerWatts).toBeCloseTo(87.805, 6);
    expect(e.itEnergyKwh).toBeCloseTo(0.87805, 6);
    // embodied: (1 x 318 (A100 proxy) + 1 x 181 (Boavizta laptop)) / 33,288 h x 10 h = 0.149904 kg
    expect(e.embodiedCarbonKgCo2e).toBeCloseTo((499 / HOURS) * 10, 9);
  });
});

describe("unknown GPU names", () => {
  const base = {
    baseModel: "BERT base",
    gpuModel: "NVIDIA Quantum Q9000",
    reservedDurationHours: 2,
    startTime: "2024-03-01T00:00:00Z",
  };

  it("reject a run without measured energy, naming the three nearest entries", () => {
    expect(() => normalizeDisclosure(parseDisclosure(base))).toThrow(UnknownReferenceError);
    expect(() => normalizeDisclosure(parseDisclosure(base))).toThrow(
      /nearest: [^;]+; [^;]+; [^;]+\)/,
    );
  });

  it("never reject a measured run: the year's GPU stands in for embodied carbon only", () => {
    const run = normalizeDisclosure(parseDisclosure({ ...base, measuredEnergyKwh: 5 }));
    expect(run.gpuModel).toBe("H100-SXM5-80GB"); // the most common GPU of 2024
    expect(run.provenance.gpuModel).toMatchObject({
      status: "imputed",
      rule: "gpu-unknown-measured-run",
      value: "NVIDIA Quantum Q9000",
    });
    expect(estimateNormalized(run, null).itEnergyKwh).toBe(5);
  });

  it("a near-miss name takes the entry it nearly names, and that entry's host class", () => {
    const run = normalizeDisclosure(
      parseDisclosure({
        ...base,
        gpuModel: "NVIDIA GeForce RTX 5060 Laptop GPU",
        measuredEnergyKwh: 0.4,
      }),
    );
    // "5060 laptop" is one edit from "3060 laptop": a laptop GPU in a laptop, not an H100 in a
    // DGX share (the year's GPU that a name with no near entry still gets).
    expect(run.gpuModel).toBe("RTX-3060-Laptop");
    expect(run.serverModel).toBe("laptop-1gpu");
    expect(run.provenance.gpuModel).toMatchObject({
      rule: "gpu-unknown-measured-run",
      value: "NVIDIA GeForce RTX 5060 Laptop GPU",
      source: expect.stringContaining("RTX-3060-Laptop, the entry one or two edits from the name"),
    });
    expect(estimateNormalized(run, null).itEnergyKwh).toBe(0.4);
  });
});

describe("a Cloud TPU slice name", () => {
  const base = {
    baseModel: "BERT base",
    gpuModel: "TPU v3-8",
    reservedDurationHours: 2,
    startTime: "2021-03-01T00:00:00Z",
  };

  it("is the slice's chips when gpuCount is not disclosed", () => {
    const run = normalizeDisclosure(parseDisclosure(base));
    // v3-8: 8 TensorCores, 2 per chip -> 4 chips of the per-chip TPU v3 entry (450 W)
    expect(run.gpuModel).toBe("TPU-v3");
    expect(run.gpuCount).toBe(4);
    expect(run.provenance.gpuCount).toMatchObject({
      rule: "gpu-count-from-model-name",
      value: 4,
      source: expect.stringContaining("counts 8 TensorCores, 2 per chip: 4 chips"),
    });
  });

  it("accepts a disclosed count equal to the chips and rejects another, naming gpuCount", () => {
    expect(normalizeDisclosure(parseDisclosure({ ...base, gpuCount: 4 })).gpuCount).toBe(4);
    expect(() => normalizeDisclosure(parseDisclosure({ ...base, gpuCount: 1 }))).toThrow(
      /gpuCount: 1 does not match TPU slice "TPU v3-8" \(4 chips\)/,
    );
  });
});
