import { describe, expect, it } from "vitest";
import { parseDisclosure } from "./disclosure.js";
import { UnknownReferenceError } from "./errors.js";
import { closeGpuMatch, lookupGpuName, resolveGpuName, splitGpuSegments } from "./gpu-names.js";
import { normalizeDisclosure } from "./normalize.js";
import { getGpuById } from "./reference.js";

/**
 * The 42 distinct `gpu_model` strings CodeCarbon wrote in 74 public repositories, verbatim
 * (/work/shared/data/hardware_power/codecarbon_observed_gpu_models.txt, copied here so the test
 * runs in a clean clone).
 */
const observed = [
  "1 x NVIDIA GeForce RTX 3060 Laptop GPU",
  "Apple M1",
  "1 x NVIDIA GeForce RTX 4090",
  "1 x Tesla T4",
  "1 x NVIDIA A100-SXM4-40GB",
  "1 x NVIDIA GeForce GTX 1080 Ti",
  "1 x NVIDIA GeForce GTX 1650 with Max-Q Design",
  "1 x NVIDIA GeForce RTX 2070",
  "1 x NVIDIA GeForce RTX 3050 Ti Laptop GPU",
  "1 x Tesla V100-PCIE-32GB",
  "Apple M1 Pro",
  "1 x GeForce RTX 2080 Ti",
  "1 x NVIDIA A100 80GB PCIe",
  "1 x NVIDIA GeForce GTX 1060 with Max-Q Design",
  "1 x NVIDIA GeForce GTX 1650",
  "1 x NVIDIA GeForce GTX 1650 Ti",
  "1 x NVIDIA GeForce GTX 1660 Ti",
  "1 x NVIDIA GeForce MX130",
  "1 x NVIDIA GeForce MX450",
  "1 x NVIDIA GeForce RTX 2060",
  "1 x NVIDIA GeForce RTX 2080 Ti",
  "1 x NVIDIA GeForce RTX 3060",
  "1 x NVIDIA GeForce RTX 3060 Ti",
  "1 x NVIDIA GeForce RTX 3070 Laptop GPU",
  "1 x NVIDIA GeForce RTX 3080",
  "1 x NVIDIA GeForce RTX 3080 Ti",
  "1 x NVIDIA GeForce RTX 3090",
  "1 x NVIDIA GeForce RTX 4060 Laptop GPU",
  "1 x NVIDIA GeForce RTX 40601 x NVIDIA GeForce RTX 3080 Ti",
  "1 x NVIDIA GeForce RTX 4070",
  "1 x NVIDIA GeForce RTX 4080 Laptop GPU",
  "1 x NVIDIA L4",
  "1 x NVIDIA RTX 5000 Ada Generation",
  "1 x NVIDIA T550 Laptop GPU",
  "1 x Tesla P100-PCIE-16GB",
  "2 x NVIDIA RTX 5000 Ada Generation",
  "2 x Tesla V100-PCIE-32GB",
  "4 x NVIDIA L4",
  "8 x NVIDIA GeForce RTX 3090",
  "8 x NVIDIA H20",
  "8 x NVIDIA H800",
  "8 x NVIDIA L4",
];

describe("GPU catalogue", () => {
  it("pins the V100 pair to the NVIDIA datasheet: PCIe 250 W, SXM2 300 W (mlco2 has them swapped)", () => {
    for (const id of ["V100-PCIE-16GB", "V100-PCIE-32GB"])
      expect(getGpuById(id)?.tdpWatts).toBe(250);
    for (const id of ["V100-SXM2-16GB", "V100-SXM2-32GB"])
      expect(getGpuById(id)?.tdpWatts).toBe(300);
  });

  it("pins TPU v4 to Google's measured maximum per chip (192 W), not Epoch's derived 340 W", () => {
    // Cloud TPU v4 page: measured min / mean / max power 90 / 170 / 192 W; Google states no TDP
    expect(getGpuById("TPU-v4")).toMatchObject({ tdpWatts: 192, memoryGb: 32 });
    // idle = 0.116125 x 192 = 22.296 -> 22.3 W (the catalogue's idle fraction, 2 decimals)
    expect(getGpuById("TPU-v4")?.idlePowerWatts).toBeCloseTo(22.3, 2);
  });

  it("stores dual-GPU boards per device and Apple silicon as an integrated SoC", () => {
    // K80 board: 300 W, 24 GB for two GK210 -> 150 W, 12 GB per device (NVML reports two)
    expect(getGpuById("K80")).toMatchObject({ tdpWatts: 150, memoryGb: 12 });
    // M60 board: 300 W, 16 GB for two GM204 -> 150 W, 8 GB per device (NVML reports two)
    expect(getGpuById("TESLA-M60")).toMatchObject({ tdpWatts: 150, memoryGb: 8 });
    expect(resolveGpuName("Tesla M60").gpu.id).toBe("TESLA-M60");
    // MI250 OAM module: 500 W, 128 GB for two GCDs -> 250 W, 64 GB per GCD (ROCm reports two)
    expect(getGpuById("MI250-GCD")).toMatchObject({ tdpWatts: 250, memoryGb: 64 });
    expect(getGpuById("Apple-M1")).toMatchObject({ formFactor: "soc", tdpWatts: 39 });
    expect(getGpuById("RTX-4070")?.tdpWatts).toBe(200); // NVIDIA TGP; Epoch's 285 W is the 4070 Ti
  });
});

describe("GPU name resolver over CodeCarbon's observed strings", () => {
  const results = observed.map((s) => ({ s, r: lookupGpuName(s) }));

  it.each([
    // a count glued to the memory, as cards and papers write it; "A100 80GB" is the family default
    ["8x80GB A100", "A100-SXM4-80GB", 8],
    ["4x40GB A100", "A100-SXM4-40GB", 4],
  ])("%s -> %s x %s (count before the memory)", (s, id, count) => {
    const r = resolveGpuName(s);
    expect([r.gpu.id, r.count]).toEqual([id, count]);
  });

  it('keeps "7900 XTX" a model number, not "7900 x" devices', () => {
    expect(resolveGpuName("Radeon RX 7900 XTX").count).toBeNull();
  });

  it("resolves at least 40 of the 42; any other fails with the three nearest entries", () => {
    expect(observed).toHaveLength(42);
    expect(results.filter((x) => x.r.ok).length).toBeGreaterThanOrEqual(40);
    for (const { r } of results) if (!r.ok) expect(r.nearest).toHaveLength(3);
  });

  it.each([
    ["1 x NVIDIA GeForce RTX 3060 Laptop GPU", "RTX-3060-Laptop", 1],
    ["1 x NVIDIA GeForce GTX 1650 with Max-Q Design", "GTX-1650-Max-Q", 1],
    ["1 x Tesla V100-PCIE-32GB", "V100-PCIE-32GB", 1],
    ["2 x Tesla V100-PCIE-32GB", "V100-PCIE-32GB", 2],
    ["1 x NVIDIA A100 80GB PCIe", "A100-PCIE-80GB", 1],
    ["1 x GeForce RTX 2080 Ti", "RTX-2080-Ti", 1],
    ["8 x NVIDIA H20", "HGX-H20", 8],
    ["Apple M1 Pro", "Apple-M1-Pro", null],
  ])("%s -> %s x %s", (s, id, count) => {
    const r = resolveGpuName(s);
    expect(r.gpu.id).toBe(id);
    expect(r.count).toBe(count);
    expect(r.provenance).toEqual({ status: "disclosed" });
  });

  it("8 x NVIDIA H800 -> the H800 family default (SXM5) x 8: the name fits the PCIe card too", () => {
    const r = resolveGpuName("8 x NVIDIA H800");
    expect(r.gpu.id).toBe("H800-SXM5");
    expect(r.count).toBe(8);
    expect(r.provenance).toMatchObject({ status: "imputed", rule: "gpu-family-default" });
  });

  it("resolves Apple M-series to an integrated SoC entry", () => {
    expect(resolveGpuName("Apple M1").gpu).toMatchObject({ id: "Apple-M1", formFactor: "soc" });
  });

  it("splits a mixed host's concatenated string and names every GPU in the provenance", () => {
    const s = "1 x NVIDIA GeForce RTX 40601 x NVIDIA GeForce RTX 3080 Ti";
    expect(splitGpuSegments(s)).toEqual([
      { count: 1, name: "NVIDIA GeForce RTX 4060" },
      { count: 1, name: "NVIDIA GeForce RTX 3080 Ti" },
    ]);
    const r = resolveGpuName(s);
    expect(r.gpu.id).toBe("RTX-4060"); // tie on count: the first
    expect(r.provenance).toMatchObject({
      status: "imputed",
      rule: "gpu-mixed-host",
      value: "RTX-4060",
    });
    const source = r.provenance.status === "imputed" ? r.provenance.source : "";
    expect(source).toContain("RTX-4060");
    expect(source).toContain("RTX-3080-Ti");
  });

  it("a mixed host resolves to the GPU with the most devices", () => {
    expect(resolveGpuName("1 x Tesla T4, 4 x NVIDIA L4").gpu.id).toBe("L4");
  });
});

/** `name` resolves to the family default `id`, imputed by rule "gpu-family-default". */
function expectFamilyDefault(name: string, id: string) {
  const r = resolveGpuName(name);
  expect(r.gpu.id).toBe(id);
  expect(r.provenance).toMatchObject({ status: "imputed", rule: "gpu-family-default", value: id });
  return r;
}

describe("GPU name resolver over free-text names", () => {
  it.each([
    ["Tesla V100 PCIe 32 GB", "V100-PCIE-32GB"],
    ["2080Ti", "RTX-2080-Ti"],
    ["A100 80GB PCIe", "A100-PCIE-80GB"],
    ["Titan Xp", "TITAN-Xp"],
    ["Tesla K80", "K80"],
    ["GeForce RTX 2080 Ti", "RTX-2080-Ti"],
    ["NVIDIA H100 80GB HBM3", "H100-SXM5-80GB"],
    ["A100-SXM4-80GB", "A100-SXM4-80GB"],
    // a variant name of a family with a default still picks the variant
    ["Tesla P100-PCIE-16GB", "P100-PCIE-16GB"],
    ["P100 SXM2", "P100-SXM2-16GB"],
    ["Tesla P100 PCIe 12GB", "P100-PCIE-12GB"],
    ["NVIDIA A800-SXM4-80GB", "A800-SXM"],
    ["A800 PCIe 80GB", "A800-PCIE-80GB"],
    ["H800 SXM5", "H800-SXM5"],
    ["H800 PCIe", "H800-PCIE-80GB"],
    ["H200 SXM", "H200-SXM-141GB"],
    ["NVIDIA H200 NVL", "H200-NVL-141GB"],
  ])("%s -> %s (disclosed)", (s, id) => {
    const r = resolveGpuName(s);
    expect(r.gpu.id).toBe(id);
    expect(r.provenance.status).toBe("disclosed");
  });

  it.each([
    ["V100 GPU", "V100-SXM2-32GB"],
    ["NVIDIA V100", "V100-SXM2-32GB"],
    ["V100", "V100-SXM2-32GB"],
    ["A100", "A100-SXM4-40GB"],
    ["A100 80GB", "A100-SXM4-80GB"],
    ["H100", "H100-SXM5-80GB"],
    // NVIDIA's product-page names
    ["NVIDIA A100 Tensor Core GPU", "A100-SXM4-40GB"],
    ["NVIDIA H100 Tensor Core GPU", "H100-SXM5-80GB"],
  ])("ambiguous %s -> family default %s, with provenance naming it", (s, id) => {
    expectFamilyDefault(s, id);
  });

  it.each([
    ["Tesla P100", "P100-PCIE-16GB", 3],
    ["NVIDIA P100", "P100-PCIE-16GB", 3],
    ["A800", "A800-SXM", 2],
    ["NVIDIA A800", "A800-SXM", 2],
    ["H800", "H800-SXM5", 2],
    ["NVIDIA H800", "H800-SXM5", 2],
    ["H200", "H200-SXM-141GB", 2],
    ["NVIDIA H200", "H200-SXM-141GB", 2],
  ])("family name %s -> family default %s (imputed, naming its %i variants)", (s, id, n) => {
    const r = expectFamilyDefault(s, id);
    const source = r.provenance.status === "imputed" ? r.provenance.source : "";
    expect(source).toContain(`names ${n} catalogue variants`);
  });

  it("an unknown name throws UnknownReferenceError naming the three nearest entries", () => {
    // (no such GPU; edit distance of the model keys: rtx2080 1, gtx280 2, gtx1080 2)
    expect(() => resolveGpuName("RTX 2085")).toThrow(UnknownReferenceError);
    expect(() => resolveGpuName("RTX 2085")).toThrow(
      /nearest: NVIDIA GeForce RTX 2080; NVIDIA GeForce GTX 280; NVIDIA GeForce GTX 1080\)/,
    );
  });

  it("keeps the Turing Quadro RTX 6000 and the RTX 6000 Ada Generation apart", () => {
    expect(resolveGpuName("Quadro RTX 6000").gpu).toMatchObject({
      id: "Quadro-RTX-6000",
      tdpWatts: 260,
    });
    expect(resolveGpuName("NVIDIA RTX 6000 Ada").gpu).toMatchObject({
      id: "RTX-6000-Ada",
      tdpWatts: 300,
    });
  });

  it.each([
    // first-generation Gaudi (HL-205), not Gaudi2: no catalogue row (no published FLOP/s)
    "Habana Gaudi",
  ])("%s stays rejected (no entry with the right per-device values)", (s) => {
    expect(lookupGpuName(s).ok).toBe(false);
  });

  it("caches by the raw string (the hot path is one Map lookup)", () => {
    expect(lookupGpuName("NVIDIA V100")).toBe(lookupGpuName("NVIDIA V100"));
  });
});

/**
 * Names a sweep of real inputs rejected as unknown (`gpuModel: unknown value`), each now resolved
 * to its datasheet row (TDP as the vendor states it; laptops: the upper end of the TGP range;
 * dual-GCD modules: per device).
 */
describe("GPU names rejected by the real-input sweep now resolve", () => {
  it.each([
    ["NVIDIA RTX A4500", "RTX-A4500", 200],
    ["GH200", "GH200", 700],
    ["NVIDIA GH200 480GB", "GH200", 700],
    ["AMD Instinct MI250", "MI250-GCD", 250],
    ["AMD Instinct MI100", "MI100", 300],
    ["MI100", "MI100", 300],
    ["AMD Radeon Pro W7900", "Radeon-Pro-W7900", 295],
    ["RTX 4090 D", "RTX-4090-D", 425],
    ["RTX 3080 Ti Laptop GPU", "RTX-3080-Ti-Laptop", 150],
    ["RTX 4070 Laptop GPU", "RTX-4070-Laptop", 115],
    ["RTX 4090 Laptop GPU", "RTX-4090-Laptop", 150],
    ["NVIDIA GeForce RTX 3050 Laptop GPU", "RTX-3050-Laptop", 80],
    ["GTX 1050 Ti", "GTX-1050-Ti", 75],
    ["NVIDIA GeForce GTX 1050 Ti", "GTX-1050-Ti", 75],
    ["NVIDIA GeForce GTX 1660 Ti with Max-Q Design", "GTX-1660-Ti-Laptop", 80],
    ["GTX 1660 Ti", "GTX-1660-Ti", 120],
    ["Tesla K40", "K40", 235],
    ["Tesla K40m", "K40", 235],
    ["Tesla K40c", "K40", 235],
    ["Intel Gaudi 2", "Habana-Gaudi2", 600],
    ["Intel Gaudi 3", "Habana-Gaudi3", 900],
    ["RTX 6000 Ada Generation", "RTX-6000-Ada", 300],
    ["NVIDIA RTX 6000 Ada", "RTX-6000-Ada", 300],
    ["RTX 4000 Ada Generation", "RTX-4000-Ada", 130],
    ["RTX 5090", "RTX-5090", 575],
    ["NVIDIA GeForce GTX 1660 SUPER", "GTX-1660-SUPER", 125],
    ["GeForce GTX 1660", "GTX-1660", 120],
    ["RTX 2060 SUPER", "RTX-2060-SUPER", 175],
    ["NVIDIA GeForce RTX 2070 SUPER", "RTX-2070-SUPER", 215],
    ["RTX 2080 Super", "RTX-2080-SUPER", 250],
    ["Apple M4", "Apple-M4", 65],
    ["Apple M4 Pro", "Apple-M4-Pro", 140],
    ["NVIDIA GeForce RTX 5080", "RTX-5080", 360],
    ["H200 NVL", "H200-NVL-141GB", 600],
    // NVIDIA compare pages (Total Graphics Power of the reference card)
    ["NVIDIA GeForce RTX 3070 Ti", "RTX-3070-Ti", 290],
    ["NVIDIA GeForce RTX 3050", "RTX-3050", 130],
    ["NVIDIA GeForce RTX 4060 Ti", "RTX-4060-Ti", 160],
    ["RTX 4070 SUPER", "RTX-4070-SUPER", 220],
    ["NVIDIA GeForce RTX 4070 Ti", "RTX-4070-Ti", 285],
    ["NVIDIA GeForce RTX 4070 Ti SUPER", "RTX-4070-Ti-SUPER", 285],
    ["NVIDIA GeForce RTX 4080 SUPER", "RTX-4080-SUPER", 320],
    ["NVIDIA GeForce RTX 5060", "RTX-5060", 145],
    ["NVIDIA GeForce RTX 5060 Ti", "RTX-5060-Ti", 180],
    ["NVIDIA GeForce RTX 5070", "RTX-5070", 250],
    ["NVIDIA GeForce RTX 5070 Ti", "RTX-5070-Ti", 300],
    // a catalogue name's parenthetical is not part of the model: "NVIDIA B300 (Blackwell Ultra)"
    ["NVIDIA B300", "B300-Blackwell-Ultra", 1100],
    // vendor pages: laptop TGP upper end; workstation board power; A2 configurable 40-60 W
    ["RTX 3070 Ti Laptop GPU", "RTX-3070-Ti-Laptop", 125],
    ["NVIDIA RTX A2000", "RTX-A2000", 70],
    ["NVIDIA RTX A5500", "RTX-A5500", 230],
    ["NVIDIA TITAN X (Pascal)", "TITAN-X-Pascal", 250],
    ["NVIDIA A2", "A2", 60],
    ["AMD Instinct MI210", "MI210", 300],
    // platform words around the model
    ["GH200 Grace Hopper", "GH200", 700],
    // the K20m is the K20c's passive server board; the 2019 Ascend 910 is Epoch's 910A
    ["Tesla K20m", "Tesla-K20c", 225],
    ["Ascend 910", "Ascend-910A", 310],
    ["NVIDIA RTX PRO 6000 Blackwell Server Edition", "RTX-PRO-6000-Blackwell", 600],
    // AMD specification tables (total board power)
    ["AMD Radeon RX 7900 XT", "Radeon-RX-7900-XT", 315],
    ["AMD Radeon RX 6900 XT", "Radeon-RX-6900-XT", 300],
    ["AMD Radeon VII", "Radeon-VII", 300],
    ["AMD Radeon Instinct MI50", "MI50", 300],
    [
      "NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition",
      "RTX-PRO-6000-Blackwell-Max-Q",
      300,
    ],
    // methodology 2026.12.5: vendor pages (graphics card power, total board power, TGP upper end)
    ["NVIDIA GeForce GTX 980 Ti", "GTX-980-Ti", 250],
    ["Quadro GV100", "Quadro-GV100", 250],
    ["Intel(R) Arc(TM) A770 Graphics", "ARC-A770", 225],
    ["NVIDIA GeForce RTX 5090 Laptop GPU", "RTX-5090-Laptop", 150],
    // the A16 board (250 W, four GA107 GPUs) as NVML reports it: one device = 250 / 4 = 62.5 W
    ["NVIDIA A16", "A16", 62.5],
    ["NVIDIA RTX 4000 SFF Ada Generation", "RTX-4000-SFF-Ada", 70],
    ["NVIDIA T1000", "T1000", 50],
    ["NVIDIA T600", "T600", 40],
    ["NVIDIA RTX 2000 Ada Generation", "RTX-2000-Ada", 70],
    ["NVIDIA RTX 2000 Ada Generation Laptop GPU", "RTX-2000-Ada-Laptop", 140],
    // methodology 2026.12.6: NVIDIA publishes no MX550 TGP; TechPowerUp's 25 W maximum
    ["NVIDIA GeForce MX550", "MX550", 25],
    ["NVIDIA GeForce RTX 4050 Laptop GPU", "RTX-4050-Laptop", 115],
    // Google's and Amazon's names without codename or vendor (Epoch rows, aliases in curated-gpus.ts)
    ["TPU v6e", "TPU-v6e-Trillium", 380],
    ["Trillium", "TPU-v6e-Trillium", 380],
    ["TPU v7", "TPU-v7-Ironwood", 960],
    ["AWS Trainium2", "Amazon-Trainium2", 500],
    ["Trainium2", "Amazon-Trainium2", 500],
    // rocm-smi's product name covers both modules: same 250 W, 64 GB per GCD
    ["AMD Instinct MI250X / MI250", "MI250X-GCD", 250],
  ])("%s -> %s (%d W)", (s, id, tdpWatts) => {
    const r = resolveGpuName(s);
    expect(r.gpu).toMatchObject({ id, tdpWatts });
    expect(r.provenance.status).toBe("disclosed");
  });
});

describe("Apple M-series SoCs newer than the catalogue", () => {
  it.each([
    ["Apple M5", "Apple-M4"],
    ["Apple M5 Pro", "Apple-M4-Pro"],
    ["Apple M4 Max", "Apple-M3-Max"], // the Max tier's newest catalogued generation is M3
    ["Apple M3 Ultra", "Apple-M2-Ultra"],
  ])("%s -> %s, said so in provenance", (name, id) => {
    const r = resolveGpuName(name);
    expect(r.gpu.id).toBe(id);
    expect(r.provenance).toMatchObject({
      status: "imputed",
      rule: "gpu-apple-generation",
      value: id,
    });
    expect((r.provenance as { source: string }).source).toContain(
      `"${name}" is not in the catalogue`,
    );
  });

  it("leaves catalogued generations as disclosed", () => {
    expect(resolveGpuName("Apple M2 Max").provenance.status).toBe("disclosed");
  });
});

describe("closeGpuMatch (the stand-in of an unknown measured GPU)", () => {
  it.each([
    // "5060 laptop" vs "3060 laptop": 1 edit of 10 characters
    ["NVIDIA GeForce RTX 5060 Laptop GPU", "RTX-3060-Laptop"],
    // "4500 ada" vs "4000 ada": 1 edit of 8
    ["NVIDIA RTX 4500 Ada Generation", "RTX-4000-Ada"],
  ])("%s -> %s", (name, id) => {
    expect(resolveGpuName.bind(null, name)).toThrow(/nearest/);
    expect(closeGpuMatch(name)?.id).toBe(id);
  });

  it("has none for a name far from every entry", () => {
    expect(closeGpuMatch("NVIDIA Quantum Q9000")).toBeUndefined();
    expect(closeGpuMatch("cuda:0")).toBeUndefined();
  });
});

describe("Cloud TPU slice names", () => {
  it.each([
    // v2 / v3 / v4 / v5p slice names count TensorCores, two per chip: v3-8 = 4 chips
    ["TPU v3-8", "TPU-v3", 4],
    ["Cloud TPU v2-8", "TPU-v2", 4],
    ["tpu-v4-32", "TPU-v4", 16],
    ["TPU v5p-8", "TPU-v5p", 4],
    // v5e / v6e names count chips
    ["v5litepod-16", "TPU-v5e", 16],
    ["TPU v6e-8", "TPU-v6e-Trillium", 8],
  ])("%s -> %d x %s", (name, id, chips) => {
    const r = resolveGpuName(name);
    expect(r.gpu.id).toBe(id);
    expect(r.count).toBe(chips);
    expect(r.countSource).toContain("System architecture");
  });

  it("rejects a slice size that is not whole chips", () => {
    expect(() => resolveGpuName("TPU v3-7")).toThrow(/nearest: Google TPU v3/);
  });
});

describe("MIG instances and vGPU profiles (a share of one physical GPU)", () => {
  it.each([
    ["NVIDIA A100-SXM4-40GB MIG 3g.20gb", "A100-SXM4-40GB"],
    ["NVIDIA H100 80GB HBM3 MIG 1g.10gb+me", "H100-SXM5-80GB"],
    ["GRID T4-16Q", "T4"],
    // the D boards are the 80 GB A100s
    ["GRID A100D-80C", "A100-SXM4-80GB"],
  ])("%s -> the physical %s, said so", (s, id) => {
    const r = resolveGpuName(s);
    expect(r.gpu.id).toBe(id);
    expect(r.count).toBeNull();
    expect(r.provenance).toMatchObject({ status: "imputed", rule: "gpu-partition", value: id });
  });

  it("keeps CodeCarbon's device count in front of a MIG name", () => {
    const r = resolveGpuName("1 x NVIDIA A100-SXM4-40GB MIG 3g.20gb");
    expect([r.gpu.id, r.count]).toEqual(["A100-SXM4-40GB", 1]);
    expect(r.provenance).toMatchObject({ rule: "gpu-partition" });
  });
});

describe("NVIDIA rack names", () => {
  it.each([
    ["NVIDIA GB200 NVL72", "GB200", 72],
    ["GB200 NVL36", "GB200", 36],
    ["GB300 NVL72", "GB300-Blackwell-Ultra", 72],
  ])("%s -> %s x %d", (s, id, count) => {
    const r = lookupGpuName(s);
    expect(r).toMatchObject({ ok: true, gpu: { id }, count });
  });

  it("a disclosed count that is not the rack's GPUs is rejected, naming the unit", () => {
    expect(() =>
      normalizeDisclosure(
        parseDisclosure({
          baseModel: "Llama 2",
          gpuModel: "GB200 NVL72",
          gpuCount: 2,
          reservedDurationHours: 1,
          startTime: "2025-06-01T00:00:00Z",
        }),
      ),
    ).toThrow(/gpuCount: 2 does not match rack "GB200 NVL72" \(72 GPUs\)/);
  });
});

describe("device counts written around the name", () => {
  it.each([
    ["8xA100", "A100-SXM4-40GB", 8],
    ["V100 x 8", "V100-SXM2-32GB", 8],
    ["A100 x8", "A100-SXM4-40GB", 8],
    ["4 NVIDIA A100 GPUs", "A100-SXM4-40GB", 4],
    // a lower-case s is a plural; NVIDIA's product is written V100S
    ["16 V100s", "V100-SXM2-32GB", 16],
    ["4 V100S", "Tesla-V100S-PCIe-32-GB", 4],
  ])("%s -> %s x %d", (name, id, count) => {
    const r = resolveGpuName(name);
    expect([r.gpu.id, r.count]).toEqual([id, count]);
  });

  it("never reads a model number as a count", () => {
    expect(resolveGpuName("1080 Ti")).toMatchObject({ gpu: { id: "GTX-1080-Ti" }, count: null });
    expect(resolveGpuName("3090")).toMatchObject({ gpu: { id: "RTX-3090" }, count: null });
    expect(resolveGpuName("Titan X").gpu.id).toBe("GeForce-GTX-TITAN-X"); // Maxwell, not Pascal
  });
});

describe("notes and plurals written around the name (model cards, papers)", () => {
  it.each([
    // Meta's Llama 2 / Llama 3 cards: "A100-80GB (TDP of 350-400W)", "H100-80GB (TDP of 700W)"
    ["A100-80GB (TDP of 350-400W)", "A100-SXM4-80GB", null],
    ["H100-80GB (TDP of 700W)", "H100-SXM5-80GB", null],
    ["A100 400W", "A100-SXM4-40GB", null],
    ["NVIDIA A100 GPUs", "A100-SXM4-40GB", null],
    ["H100s", "H100-SXM5-80GB", null],
    ["8 A100s", "A100-SXM4-40GB", 8],
  ])("%s -> %s", (name, id, count) => {
    const r = resolveGpuName(name);
    expect([r.gpu.id, r.count]).toEqual([id, count]);
  });

  it("keeps a parenthetical that names the variant, and a catalogue name's power variant", () => {
    expect(resolveGpuName("48 x NVIDIA V100 (32GB)").gpu.id).toBe("V100-SXM2-32GB");
    expect(resolveGpuName("NVIDIA TITAN X (Pascal)").gpu.id).toBe("TITAN-X-Pascal");
    expect(resolveGpuName("Baidu Kunlun R100 (75W)").gpu.id).toBe("Baidu-Kunlun-R100-75W");
  });
});
