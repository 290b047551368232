import { describe, expect, it } from "vitest";
import { parseDisclosure } from "./disclosure.js";
import { normalizeDisclosure } from "./normalize.js";
import { findGpu } from "./reference.js";
import { estimateRun } from "./run.js";

/**
 * The five GPU rows of Strubell, Ganesh, McCallum 2019, Table 3, as in
 * `examples/strubell-2019-table3.csv` (see examples/README.md for the mapping):
 * measuredEnergyKwh = the paper's average power (CPU + DRAM + GPUs) x hours / 1000.
 */
const table3 = [
  {
    externalId: "strubell-2019-t2t-base",
    baseModel: "Transformer (T2T) base",
    baseModelParameterCount: 65_000_000,
    startTime: "2017-06-11T12:00:00Z",
    gpuModel: "Nvidia Tesla P100",
    gpuCount: 8,
    reservedDurationHours: 12,
    measuredEnergyKwh: 16.98936, // 1415.78 W x 12 h
  },
  {
    externalId: "strubell-2019-t2t-big",
    baseModel: "Transformer (T2T) big",
    baseModelParameterCount: 213_000_000,
    startTime: "2017-06-08T12:00:00Z",
    gpuModel: "Nvidia Tesla P100",
    gpuCount: 8,
    reservedDurationHours: 84,
    measuredEnergyKwh: 127.29612, // 1515.43 W x 84 h
  },
  {
    externalId: "strubell-2019-elmo",
    baseModel: "ELMo",
    startTime: "2018-02-01T00:00:00Z",
    gpuModel: "Nvidia GTX 1080",
    gpuCount: 3,
    reservedDurationHours: 336,
    measuredEnergyKwh: 173.93376, // 517.66 W x 336 h
  },
  {
    externalId: "strubell-2019-bert-base-v100",
    baseModel: "BERT base",
    baseModelParameterCount: 110_000_000,
    startTime: "2018-10-07T16:48:00Z",
    gpuModel: "Tesla V100",
    gpuCount: 64,
    serverCount: 4,
    reservedDurationHours: 79.2,
    measuredEnergyKwh: 953.687592, // 12,041.51 W x 79.2 h
  },
  {
    externalId: "strubell-2019-nas",
    baseModel: "Transformer NAS (So et al. 2019)",
    startTime: "1987-10-23T08:00:00Z",
    gpuModel: "Nvidia Tesla P100",
    gpuCount: 8,
    reservedDurationHours: 274_120,
    measuredEnergyKwh: 415_409.6716, // 1515.43 W x 274,120 h
  },
].map(({ externalId, ...fields }) => ({
  externalId,
  disclosure: parseDisclosure({ fineTuningMethod: "full", serverCount: 1, ...fields }),
}));
const row = (id: string) => {
  const r = table3.find((t) => t.externalId === id);
  if (!r) throw new Error(`no row ${id}`);
  return r.disclosure;
};

describe("GPU names of published disclosures resolve to reference rows", () => {
  it.each([
    ["Nvidia Tesla P100", "P100-PCIE-16GB", 250],
    ["NVIDIA P100", "P100-PCIE-16GB", 250],
    ["P100", "P100-PCIE-16GB", 250],
    ["Nvidia GTX 1080", "GTX-1080", 180],
    ["GTX 1080", "GTX-1080", 180],
    ["GTX 1080 Ti", "GTX-1080-Ti", 250],
    ["NVIDIA Quadro RTX 8000", "Quadro-RTX-8000", 260],
    ["RTX 8000", "Quadro-RTX-8000", 260],
  ])("%s -> %s (%d W TDP)", (name, id, tdpWatts) => {
    expect(findGpu(name)).toMatchObject({ id, tdpWatts });
  });

  it("keeps the training peak of each GPU (datasheet FP16 for P100, FP32 for Pascal GeForce, tensor for RTX 8000)", () => {
    expect(findGpu("P100")?.peakTflops16Dense).toBe(18.7);
    expect(findGpu("GTX 1080")?.peakTflops16Dense).toBe(8);
    expect(findGpu("GTX 1080 Ti")?.peakTflops16Dense).toBe(11.34);
    expect(findGpu("RTX 8000")?.peakTflops16Dense).toBe(130.5);
    expect(findGpu("RTX 8000")?.memoryGb).toBe(48);
  });
});

describe("Strubell et al. 2019 Table 3 rows normalize and estimate", () => {
  it.each(table3.map((t) => t.externalId))("%s", (id) => {
    const e = estimateRun(row(id));
    expect(e.itEnergyKwh).toBe(row(id).measuredEnergyKwh);
    expect(e.totalCarbonKgCo2e).toBeGreaterThan(e.operationalCarbonKgCo2e);
  });

  it("GPUs without a server configuration get the documented fallback server, flagged as such", () => {
    for (const id of ["strubell-2019-t2t-big", "strubell-2019-elmo"]) {
      const run = normalizeDisclosure(row(id));
      expect(run.serverModel).toBe("hpe-apollo-6500-gen10-plus");
      expect(run.provenance.serverModel).toMatchObject({
        status: "imputed",
        rule: "server-fallback",
      });
    }
    expect(normalizeDisclosure(row("strubell-2019-elmo")).gpuModel).toBe("GTX-1080");
  });

  it("8x P100, Transformer big, 84 h: measured energy, facility energy, embodied carbon and water", () => {
    const e = estimateRun(row("strubell-2019-t2t-big"));
    // E_IT (measured) = 1515.43 W x 84 h / 1000 = 127.29612 kWh
    expect(e.itEnergyKwh).toBeCloseTo(127.29612, 5);
    // no location -> United States, industry PUE 1.56 (Uptime 2024):
    // E_facility = 127.29612 x 1.56 = 198.5819472 kWh (the paper, with PUE 1.58: 201.128, printed 201)
    expect(e.inputs.pue).toBe(1.56);
    expect(e.facilityEnergyKwh).toBeCloseTo(198.5819472, 5);
    // embodied: (8 GPUs x 318 (A100 proxy) + 1 fallback server x 2500) / (4 y x 8760 h x 0.95)
    //         = 5044 / 33288 = 0.1515261 kg/h; x 84 h = 12.728190 kgCO2e
    expect(e.embodiedCarbonKgCo2e).toBeCloseTo(12.72819, 4);
    // embodied water: 84 h x 8 x 411.9 L / 33288 h = 276,796.8 / 33288 = 8.315213 L
    expect(e.embodiedWaterLiters).toBeCloseTo(8.315213, 4);
  });

  it("8x P100, Transformer big, 84 h without the meter: modelled IT power vs the paper's 1515.43 W", () => {
    const { measuredEnergyKwh: _measured, ...modelled } = row("strubell-2019-t2t-big");
    const e = estimateRun(modelled);
    // server (HPE Apollo fallback): idle ex-GPU 58.32 W + 512 GB x 0.3725 W/GB = 249.04 W
    // GPU: idle 250 x 0.11613 = 29.03 W; 29.03 + 0.47 x (250 - 29.03) = 132.8859 W; x 8 = 1063.0872 W
    // CPU: 2 sockets x 225 W x 0.12 = 54 W
    // P_IT = 249.04 + 1063.0872 + 54 = 1366.1272 W (9.9 % under the paper's measured 1515.43 W)
    expect(e.itPowerWatts).toBeCloseTo(1366.1272, 3);
    // E_IT = 1366.1272 W x 84 h / 1000 = 114.7546848 kWh
    expect(e.itEnergyKwh).toBeCloseTo(114.7546848, 5);
  });

  it("predicts GTX 1080 time from tokens at its FP32 peak, not its 1/64-rate FP16", () => {
    const run = normalizeDisclosure(
      parseDisclosure({
        baseModel: "BERT base",
        gpuModel: "GTX 1080",
        gpuCount: 1,
        serverCount: 1,
        fineTuningMethod: "full",
        startTime: "2018-11-01T00:00:00Z",
        tokensIncludingPadding: 1_000_000_000,
      }),
    );
    // 6 x 110e6 params x 1e9 tokens / (1 GPU x 8e12 FLOP/s x MFU 0.30) = 275,000 s = 76.38889 h
    expect(run.reservedDurationHours).toBeCloseTo(76.38889, 4);
  });
});
