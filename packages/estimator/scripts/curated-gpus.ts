/**
 * The curated part of the GPU catalogue: GPUs whose values need a vendor datasheet, a correction
 * of a source table, or that no public table has (laptop and most consumer GPUs, Apple silicon).
 * `build-reference-data.ts` joins each row with its rows in Epoch AI `ml_hardware.csv`
 * (CC BY 4.0), mlco2/impact `gpus.csv` (MIT) and Green Algorithms `TDP_gpu.csv` (CC BY 4.0), then
 * adds every other Epoch accelerator with a TDP and a memory size.
 *
 * Precedence per value: `datasheet` (the vendor's page, URL in the row) > explicit override >
 * Epoch > mlco2 > Green Algorithms. A source that disagrees with the value used is named in the
 * row's `source.specs` (e.g. mlco2's swapped V100 TDPs).
 */

/** Board form factor: how the GPU is packaged, and so which host class carries it. */
export type FormFactor = "sxm" | "pcie" | "module" | "consumer" | "workstation" | "laptop" | "soc";

/** Values read off the vendor's datasheet / product page (`url`). */
export interface Datasheet {
  url: string;
  /** Board power (TDP / TGP / TBP), W; laptops: the upper end of the vendor's range. */
  tdpWatts?: number;
  memoryGb?: number;
  /** Peak FP32, TFLOPS (or computed from `cudaCores` x `boostClockMhz` x 2 FLOP/clock). */
  fp32Tflops?: number;
  cudaCores?: number;
  boostClockMhz?: number;
  /** Peak dense FP16/BF16 tensor, TFLOPS (without sparsity). */
  tensorFp16Tflops?: number;
  releaseYear?: number;
  /** Caveat about the figures (e.g. "TGP range 60-115 W; upper end used"). */
  note?: string;
}

/** A curated GPU row (see the module doc for how it is joined with the public tables). */
export interface CuratedGpu {
  id: string;
  name: string;
  aliases: string[];
  /** Row name (`Hardware name`) in epoch_ml_hardware.csv. */
  epochRow?: string;
  /** Other Epoch rows describing the same product (generic "NVIDIA V100"): folded into this one. */
  epochAlsoRows?: string[];
  /** Row name in mlco2_impact_gpus.csv (TDP, TFLOPS16, memory). */
  mlco2Row?: string;
  /** Row name in greenalgorithms_TDP_gpu.csv. */
  greenAlgorithmsRow?: string;
  datasheet?: Datasheet;
  /** Dual-GPU boards (K80, M60, MI250X, MI250): the driver reports this many devices; values are per device. */
  devicesPerBoard?: number;
  tdpWattsOverride?: { value: number; source: string };
  peakTflops16Override?: { value: number; source: string };
  memoryGbOverride?: { value: number; source: string };
  /** Some source figures (mlco2 H100) are "with sparsity": halve them for dense training math. */
  halveSourceTflopsForSparsity?: boolean;
  /**
   * GPUs without usable FP16 (Pascal GeForce: FP16 at 1/64 of the FP32 rate) train in FP32, so
   * their training peak is the source row's TFLOPS32 column, with this reason recorded.
   */
  peakFromSourceTflops32?: { reason: string };
  architecture: string;
  formFactor: FormFactor;
  /**
   * The variant an ambiguous family name ("V100", "A100") resolves to (rule gpu-family-default).
   * Convention: the SXM board for datacenter families (A100 SXM4 40GB, V100 SXM2 32GB, H100 SXM5,
   * H200 SXM, A800 SXM, H800 SXM5); for P100, the PCIe 16GB card the public tables' generic
   * "P100" rows describe (Epoch "NVIDIA P100", mlco2 "Tesla P100", Green Algorithms "NVIDIA Tesla
   * P100": 250 W, 16 GB).
   */
  familyDefault?: boolean;
  /** Embodied emissions per GPU, kgCO2e. */
  embodiedCarbonKgCo2e: { value: number; source: string };
  /** Manufacturing water per GPU, liters. */
  embodiedWaterLiters: { value: number; source: string };
}

/**
 * Epoch rows kept as they are (no curated row, values straight from Epoch) that need a name or
 * flag the table lacks: aliases users write ("Intel Gaudi 2" for Epoch's "Intel Habana Gaudi2"),
 * the family default of a family whose other variants are curated (A800, H800), and a note.
 */
export type EpochRowExtras = Record<
  string,
  { aliases?: string[]; familyDefault?: boolean; note?: string }
>;

export const epochRowExtras: EpochRowExtras = {
  "Intel Habana Gaudi2": { aliases: ["Intel Gaudi 2", "Intel Gaudi2", "Habana Gaudi2", "Gaudi 2"] },
  "Intel Habana Gaudi3": { aliases: ["Intel Gaudi 3", "Intel Gaudi3", "Habana Gaudi3", "Gaudi 3"] },
  // the K20c (actively cooled) and K20m (passive, for servers) are the same GK110 board: 225 W, 5 GB
  "NVIDIA Tesla K20c": { aliases: ["NVIDIA Tesla K20", "NVIDIA Tesla K20m"] },
  // the 2019 Ascend 910, named 910A since the 910B (Epoch's 910A power source is its launch page)
  "Huawei Ascend 910A": { aliases: ["Huawei Ascend 910"] },
  // Google's names without the codename (Cloud TPU documentation: "TPU v6e", "Trillium"; "TPU7x")
  "Google TPU v6e Trillium": { aliases: ["Google TPU v6e", "Google Trillium"] },
  "Google TPU v7 Ironwood": { aliases: ["Google TPU v7", "Google TPU7x", "Google Ironwood"] },
  "NVIDIA A800 SXM": {
    familyDefault: true,
    note: "family default of the A800 variants (rule gpu-family-default): the SXM board, as for A100, V100 and H100",
  },
  "NVIDIA H800 SXM5": {
    familyDefault: true,
    note: "family default of the H800 variants (rule gpu-family-default): the SXM board, as for A100, V100 and H100",
  },
};

export const A100_EMBODIED = {
  value: 318,
  source:
    "Chien et al., HotCarbon 2023, 318 kgCO2e per A100 (Scope3 nvidia_a100.mdx; METHODOLOGY.md s.5)",
};
export const A100_PROXY_EMBODIED = {
  value: 318,
  source:
    "no published per-GPU LCA: A100 value of Chien et al., HotCarbon 2023 used as proxy (METHODOLOGY.md s.5)",
};
export const A100_WATER = {
  value: 411.9,
  source:
    "137.3 L per 12-inch mask layer (TSMC ESG 2022) x 87 layers / 29 dies per wafer (Scope3 nvidia_a100.mdx; METHODOLOGY.md s.6)",
};
export const A100_PROXY_WATER = {
  value: 411.9,
  source:
    "no published per-GPU figure: A100 value (137.3 L x 87 layers / 29 dies, Scope3 nvidia_a100.mdx) used as proxy",
};
const SOC_EMBODIED = {
  value: 0,
  source:
    "integrated SoC: the package is part of the host's embodied emissions (laptop host, METHODOLOGY.md s.3a), not counted again per GPU",
};
const SOC_WATER = {
  value: 0,
  source: "integrated SoC: manufacturing water is not counted separately from the host",
};
const PROXY = { embodiedCarbonKgCo2e: A100_PROXY_EMBODIED, embodiedWaterLiters: A100_PROXY_WATER };
const SOC = { embodiedCarbonKgCo2e: SOC_EMBODIED, embodiedWaterLiters: SOC_WATER };

const PASCAL_GEFORCE_FP32 =
  "training peak = FP32 (mlco2 TFLOPS32): Pascal GeForce (GP102/GP104) runs FP16 at 1/64 of the FP32 rate (CUDA C++ Programming Guide, arithmetic instruction throughput, compute capability 6.1: 2 FP16 vs 128 FP32 results per clock per SM; mlco2 TFLOPS16 column), so these GPUs train in FP32";

const H100_SHEET =
  "https://resources.nvidia.com/en-us-tensor-core/nvidia-tensor-core-gpu-datasheet";
const A100_SHEET =
  "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf";
const V100_SHEET =
  "https://images.nvidia.com/content/technologies/volta/pdf/volta-v100-datasheet-update-us-1165301-r5.pdf";
const GEFORCE_40 = "https://www.nvidia.com/en-us/geforce/graphics-cards/40-series/";
const GEFORCE_30 = "https://www.nvidia.com/en-us/geforce/graphics-cards/30-series/";
const GEFORCE_4090_D = "https://www.nvidia.cn/geforce/graphics-cards/40-series/rtx-4090-d/";
const GEFORCE_5080 = "https://www.nvidia.com/en-us/geforce/graphics-cards/50-series/rtx-5080/";
const GEFORCE_5090 = "https://www.nvidia.com/en-us/geforce/graphics-cards/50-series/rtx-5090/";
const GEFORCE_5070 =
  "https://www.nvidia.com/en-us/geforce/graphics-cards/50-series/rtx-5070-family/";
const GEFORCE_5060 =
  "https://www.nvidia.com/en-us/geforce/graphics-cards/50-series/rtx-5060-family/";
const GEFORCE_20 =
  "https://www.nvidia.com/en-us/geforce/graphics-cards/compare/?section=compare-20";
const GEFORCE_16 =
  "https://www.nvidia.com/en-us/geforce/graphics-cards/compare/?section=compare-16";
const GEFORCE_10 = "https://www.nvidia.com/en-us/geforce/10-series/";
const LAPTOPS_30_40 = "https://www.nvidia.com/en-us/geforce/laptops/compare/";
const P100_PCIE_SHEET =
  "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/tesla-p100/pdf/nvidia-tesla-p100-PCIe-datasheet.pdf";
const H200_PAGE = "https://www.nvidia.com/en-us/data-center/h200/";
const LAPTOPS_OLDER = "https://www.nvidia.com/en-us/geforce/gaming-laptops/";
const LAPTOPS_50 = "https://www.nvidia.com/en-us/geforce/laptops/50-series/";
const APPLE_MAC_MINI_POWER = "https://support.apple.com/en-us/103253";
const APPLE_MAC_STUDIO_POWER = "https://support.apple.com/en-us/102027";
const APPLE_MBP_SPECS = "https://support.apple.com/en-us/docs/mac/macbook-pro";
const NO_TENSOR_FIGURE =
  "no dense tensor FP16 figure on the vendor page: the FP32 peak is the training peak (conservative)";

/** Datacenter GPUs: the original 16 ids (kept) and the datacenter GPUs users name most. */
const datacenter: CuratedGpu[] = [
  {
    id: "H100-SXM5-80GB",
    name: "NVIDIA H100 SXM5 80GB",
    aliases: ["H100 SXM", "H100 SXM5", "NVIDIA H100 80GB HBM3"],
    epochRow: "NVIDIA H100 SXM5 80GB",
    epochAlsoRows: ["NVIDIA GH100"],
    mlco2Row: "H100 SXM",
    halveSourceTflopsForSparsity: true,
    datasheet: { url: H100_SHEET, tdpWatts: 700, memoryGb: 80 },
    architecture: "hopper",
    formFactor: "sxm",
    familyDefault: true,
    ...PROXY,
  },
  {
    id: "H100-PCIE-80GB",
    name: "NVIDIA H100 PCIe 80GB",
    aliases: [],
    epochRow: "NVIDIA H100 PCIe",
    datasheet: {
      url: H100_SHEET,
      tdpWatts: 350,
      memoryGb: 80,
      note: "datasheet: 300-350 W configurable; upper end used",
    },
    architecture: "hopper",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "H100-NVL-94GB",
    name: "NVIDIA H100 NVL 94GB",
    aliases: ["H100 NVL"],
    epochRow: "NVIDIA H100 NVL",
    mlco2Row: "H100 NVL",
    halveSourceTflopsForSparsity: true,
    datasheet: {
      url: H100_SHEET,
      tdpWatts: 400,
      memoryGb: 94,
      note: "datasheet: 350-400 W configurable per GPU; upper end used",
    },
    architecture: "hopper",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "H200-SXM-141GB",
    name: "NVIDIA H200 SXM 141GB",
    aliases: [],
    epochRow: "NVIDIA H200 SXM",
    datasheet: {
      url: H200_PAGE,
      tdpWatts: 700,
      memoryGb: 141,
      note: "H200 SXM: up to 700 W (configurable)",
    },
    architecture: "hopper",
    formFactor: "sxm",
    familyDefault: true,
    ...PROXY,
  },
  // "H200 PCIe" (the NVL is the H200's PCIe card) puts this row in the "h200" family key, so a bare
  // "H200" names both variants and takes the SXM family default
  {
    id: "H200-NVL-141GB",
    name: "NVIDIA H200 NVL 141GB",
    aliases: ["H200 NVL", "NVIDIA H200 NVL", "H200 PCIe"],
    peakTflops16Override: {
      value: 835.5,
      source:
        "no H200 NVL tensor figure confirmed in the sources at hand: the H100 NVL's dense FP16/BF16 (835.5 TFLOPS, row H100-NVL-94GB: same GH100 die, same NVL PCIe board) stands in as training peak (proxy); peakTensorFp16Tflops stays null",
    },
    datasheet: {
      url: H200_PAGE,
      tdpWatts: 600,
      memoryGb: 141,
      releaseYear: 2024,
      note: "H200 NVL (PCIe, NVLink bridge): up to 600 W (configurable); upper end used",
    },
    architecture: "hopper",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "H800-PCIE-80GB",
    name: "NVIDIA H800 PCIe 80GB",
    aliases: [],
    tdpWattsOverride: {
      value: 350,
      source:
        "H800 PCIe 80GB: 350 W, 80 GB HBM2e, the H100 PCIe's board (public researched GPU table citing NVIDIA AI Enterprise docs; not re-checked on an NVIDIA datasheet); the H800 differs from the H100 in NVLink and FP64 only",
    },
    memoryGbOverride: { value: 80, source: "H800 PCIe 80GB: 80 GB HBM2e (product name)" },
    peakTflops16Override: {
      value: 756,
      source:
        "no H800 PCIe tensor figure confirmed in the sources at hand: the H100 PCIe's dense FP16/BF16 (756 TFLOPS, row H100-PCIE-80GB: same GH100 PCIe configuration; the H800 cuts are NVLink and FP64) stands in as training peak (proxy); peakTensorFp16Tflops stays null",
    },
    datasheet: {
      url: "https://docs.nvidia.com/ai-enterprise-4.3/ai-enterprise/4.3/user-guide/index.html",
      releaseYear: 2023,
      note: "the NVIDIA page the researched table cites for the H800 PCIe 80GB (no datasheet found); release year of the H800 family (Epoch row NVIDIA H800 SXM5: 2023-03-21)",
    },
    architecture: "hopper",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "GH200",
    name: "NVIDIA GH200 480GB",
    aliases: ["GH200", "GH200 480GB", "NVIDIA GH200 Grace Hopper Superchip"],
    epochRow: "NVIDIA GH200",
    datasheet: {
      url: "https://resources.nvidia.com/en-us-data-center-overview-mc/en-us-data-center-overview/grace-hopper-superchip-datasheet-partner",
      memoryGb: 96,
      note: "GH200 480GB: one Hopper GPU with 96 GB HBM3 plus 480 GB LPDDR5X on the Grace CPU (CPU memory, not GPU memory); NVIDIA gives only the superchip's module power (CPU + GPU + memory, up to 1000 W configurable): Epoch's 700 W is used for the GPU, the Grace CPU being the host's",
    },
    architecture: "hopper",
    formFactor: "sxm",
    ...PROXY,
  },
  {
    id: "TPU-v4",
    name: "Google TPU v4",
    aliases: [],
    epochRow: "Google TPU v4",
    datasheet: {
      url: "https://cloud.google.com/tpu/docs/v4",
      tdpWatts: 192,
      note: "Google states no TDP; its Cloud TPU v4 page gives the measured min / mean / max power per chip, 90 / 170 / 192 W: the maximum stands for board power (Epoch's 340 W is derived from a FLOP/s-per-watt ratio in Google's Ironwood announcement)",
    },
    architecture: "unspecified",
    formFactor: "module",
    ...PROXY,
  },
  {
    id: "A100-SXM4-80GB",
    name: "NVIDIA A100 SXM4 80GB",
    aliases: ["A100 SXM4 80GB"],
    epochRow: "NVIDIA A100 SXM4 80 GB",
    mlco2Row: "A100 SXM4 80 GB",
    datasheet: { url: A100_SHEET, tdpWatts: 400, memoryGb: 80 },
    architecture: "ampere",
    formFactor: "sxm",
    embodiedCarbonKgCo2e: A100_EMBODIED,
    embodiedWaterLiters: A100_WATER,
  },
  {
    id: "A100-SXM4-40GB",
    name: "NVIDIA A100 SXM4 40GB",
    aliases: ["A100 SXM4 40GB"],
    epochRow: "NVIDIA A100 SXM4 40 GB",
    epochAlsoRows: ["NVIDIA A100"],
    mlco2Row: "A100 SXM4 80 GB",
    memoryGbOverride: {
      value: 40,
      source: "NVIDIA A100 datasheet: SXM4 40GB, same 400 W TDP and 312 TFLOPS BF16 as 80GB",
    },
    datasheet: { url: A100_SHEET, tdpWatts: 400, memoryGb: 40 },
    architecture: "ampere",
    formFactor: "sxm",
    familyDefault: true,
    embodiedCarbonKgCo2e: A100_EMBODIED,
    embodiedWaterLiters: A100_WATER,
  },
  {
    id: "A100-PCIE-40GB",
    name: "NVIDIA A100 PCIe 40GB",
    aliases: ["NVIDIA A100 40GB PCIe"],
    epochRow: "NVIDIA A100 PCIe",
    mlco2Row: "A100 PCIe 40/80GB",
    datasheet: {
      url: A100_SHEET,
      tdpWatts: 250,
      memoryGb: 40,
      note: "datasheet: A100 40GB PCIe 250 W (Epoch's 300 W is the 80GB PCIe card)",
    },
    architecture: "ampere",
    formFactor: "pcie",
    embodiedCarbonKgCo2e: A100_EMBODIED,
    embodiedWaterLiters: A100_WATER,
  },
  {
    id: "A100-PCIE-80GB",
    name: "NVIDIA A100 PCIe 80GB",
    aliases: ["NVIDIA A100 80GB PCIe"],
    greenAlgorithmsRow: "NVIDIA A100 80GB PCIe",
    peakTflops16Override: {
      value: 312,
      source: "NVIDIA A100 datasheet (BF16 tensor, dense), as mlco2 gpus.csv A100 rows",
    },
    memoryGbOverride: { value: 80, source: "NVIDIA A100 80GB PCIe product brief PB-10577-001" },
    datasheet: {
      url: A100_SHEET,
      tdpWatts: 300,
      memoryGb: 80,
      fp32Tflops: 19.5,
      tensorFp16Tflops: 312,
      releaseYear: 2021,
    },
    architecture: "ampere",
    formFactor: "pcie",
    embodiedCarbonKgCo2e: A100_EMBODIED,
    embodiedWaterLiters: A100_WATER,
  },
  {
    id: "A800-PCIE-80GB",
    name: "NVIDIA A800 PCIe 80GB",
    aliases: [],
    epochRow: "NVIDIA A800 PCIe 80 GB",
    tdpWattsOverride: {
      value: 300,
      source:
        "A800 PCIe 80GB: 300 W, unchanged from the A100 80GB PCIe (NVIDIA A100 datasheet: 300 W; Tweakers 2022-11-08 on NVIDIA's A800 page: 'tdp's van 300W voor de PCIe-variant en 400W voor het SXM-model zijn ongewijzigd')",
    },
    memoryGbOverride: {
      value: 80,
      source: "A800 PCIe 80GB: 80 GB HBM2e (product name; Epoch's row has no memory figure)",
    },
    architecture: "ampere",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "L40S",
    name: "NVIDIA L40S",
    aliases: ["NVIDIA L40S"],
    mlco2Row: "L40S",
    datasheet: {
      url: "https://resources.nvidia.com/en-us-l40s/l40s-datasheet-28413",
      tdpWatts: 350,
      memoryGb: 48,
      fp32Tflops: 91.6,
      tensorFp16Tflops: 362.05,
      releaseYear: 2023,
    },
    architecture: "ada",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "L4",
    name: "NVIDIA L4",
    aliases: ["NVIDIA L4"],
    epochRow: "NVIDIA L4",
    mlco2Row: "L4",
    peakTflops16Override: {
      value: 121,
      source:
        "NVIDIA L4 datasheet: FP16 tensor 242 TFLOPS with sparsity, 121 dense (mlco2 lists the non-tensor 31.33)",
    },
    datasheet: {
      url: "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/l4/PB-11316-001_v01.pdf",
      tdpWatts: 72,
      memoryGb: 24,
      tensorFp16Tflops: 121,
    },
    architecture: "ada",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "T4",
    name: "NVIDIA T4",
    aliases: ["Tesla T4", "NVIDIA T4"],
    epochRow: "NVIDIA Tesla T4",
    mlco2Row: "T4",
    datasheet: {
      url: "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/tesla-t4/t4-tensor-core-datasheet-951643.pdf",
      tdpWatts: 70,
      memoryGb: 16,
      fp32Tflops: 8.1,
      tensorFp16Tflops: 65,
    },
    architecture: "turing",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "V100-SXM2-32GB",
    name: "NVIDIA Tesla V100 SXM2 32GB",
    aliases: ["V100-SXM2-32GB"],
    epochRow: "NVIDIA Tesla V100 SXM2 32 GB",
    epochAlsoRows: ["NVIDIA V100"],
    mlco2Row: "Tesla V100-SXM2-32GB",
    peakTflops16Override: {
      value: 125,
      source: "NVIDIA V100 datasheet: 125 TFLOPS tensor (mlco2 lists the non-tensor FP16 figure)",
    },
    datasheet: { url: V100_SHEET, tdpWatts: 300, memoryGb: 32, tensorFp16Tflops: 125 },
    architecture: "volta",
    formFactor: "sxm",
    familyDefault: true,
    ...PROXY,
  },
  {
    id: "V100-SXM2-16GB",
    name: "NVIDIA Tesla V100 SXM2 16GB",
    aliases: ["V100-SXM2-16GB"],
    epochRow: "NVIDIA Tesla V100 SXM2 16 GB",
    epochAlsoRows: ["NVIDIA Tesla V100 SXM2"],
    mlco2Row: "Tesla V100-SXM2-16GB",
    peakTflops16Override: {
      value: 125,
      source: "NVIDIA V100 datasheet: 125 TFLOPS tensor (mlco2 lists the non-tensor FP16 figure)",
    },
    datasheet: { url: V100_SHEET, tdpWatts: 300, memoryGb: 16, tensorFp16Tflops: 125 },
    architecture: "volta",
    formFactor: "sxm",
    ...PROXY,
  },
  {
    id: "V100-PCIE-16GB",
    name: "NVIDIA Tesla V100 PCIe 16GB",
    aliases: ["V100-PCIE-16GB"],
    epochRow: "NVIDIA Tesla V100 PCIe 16 GB",
    mlco2Row: "Tesla V100-PCIE-16GB",
    peakTflops16Override: {
      value: 112,
      source: "NVIDIA V100 datasheet: 112 TFLOPS tensor for PCIe (mlco2 lists the non-tensor FP16)",
    },
    datasheet: { url: V100_SHEET, tdpWatts: 250, memoryGb: 16, tensorFp16Tflops: 112 },
    architecture: "volta",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "V100-PCIE-32GB",
    name: "NVIDIA Tesla V100 PCIe 32GB",
    aliases: ["V100-PCIE-32GB"],
    epochRow: "NVIDIA Tesla V100 PCIe 32 GB",
    datasheet: { url: V100_SHEET, tdpWatts: 250, memoryGb: 32, tensorFp16Tflops: 112 },
    architecture: "volta",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "P100-PCIE-16GB",
    name: "NVIDIA Tesla P100 PCIe 16GB",
    aliases: ["Tesla P100-PCIE-16GB"],
    epochRow: "NVIDIA Tesla P100 PCIe 16GB",
    epochAlsoRows: ["NVIDIA P100 PCIe 16GB", "NVIDIA P100"],
    mlco2Row: "Tesla P100",
    peakTflops16Override: {
      value: 18.7,
      source:
        "NVIDIA Tesla P100 PCIe datasheet: half precision 18.7 TFLOPS (no tensor cores; mlco2 lists TechPowerUp's 19.05 at a 1329 MHz boost clock)",
    },
    datasheet: { url: P100_PCIE_SHEET, tdpWatts: 250, memoryGb: 16, fp32Tflops: 9.3 },
    architecture: "pascal",
    formFactor: "pcie",
    familyDefault: true,
    ...PROXY,
  },
  {
    id: "P100-PCIE-12GB",
    name: "NVIDIA Tesla P100 PCIe 12GB",
    aliases: ["Tesla P100-PCIE-12GB"],
    epochRow: "NVIDIA Tesla P100 PCIe 12GB",
    peakTflops16Override: {
      value: 18.7,
      source: "NVIDIA Tesla P100 PCIe datasheet: half precision 18.7 TFLOPS (no tensor cores)",
    },
    datasheet: { url: P100_PCIE_SHEET, tdpWatts: 250, memoryGb: 12, fp32Tflops: 9.3 },
    architecture: "pascal",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "P100-SXM2-16GB",
    name: "NVIDIA Tesla P100 SXM2 16GB",
    aliases: ["Tesla P100-SXM2-16GB"],
    epochRow: "NVIDIA Tesla P100 SXM2",
    peakTflops16Override: {
      value: 21.2,
      source:
        "NVIDIA Tesla P100 (SXM2, NVLink) datasheet: half precision 21.2 TFLOPS (no tensor cores)",
    },
    datasheet: {
      url: "https://images.nvidia.com/content/tesla/pdf/nvidia-tesla-p100-datasheet.pdf",
      tdpWatts: 300,
      memoryGb: 16,
      fp32Tflops: 10.6,
    },
    architecture: "pascal",
    formFactor: "sxm",
    ...PROXY,
  },
  {
    id: "P40",
    name: "NVIDIA Tesla P40",
    aliases: ["Tesla P40"],
    epochRow: "NVIDIA P40",
    datasheet: {
      url: "https://www.nvidia.com/content/dam/en-zz/Solutions/design-visualization/documents/nvidia-p40-datasheet.pdf",
      tdpWatts: 250,
      memoryGb: 24,
      fp32Tflops: 12,
    },
    architecture: "pascal",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "K80",
    name: "NVIDIA Tesla K80 (one GK210 device)",
    aliases: ["Tesla K80", "NVIDIA K80"],
    epochRow: "NVIDIA Tesla K80",
    devicesPerBoard: 2,
    datasheet: {
      url: "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/tesla-product-literature/Tesla-K80-BoardSpec-07317-001-v05.pdf",
      note: "board: 300 W, 24 GB, two GK210 GPUs; NVML reports two 12 GB devices, so values are per device (board / 2)",
    },
    architecture: "kepler",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "TESLA-M60",
    name: "NVIDIA Tesla M60 (one GM204 device)",
    aliases: ["Tesla M60", "NVIDIA Tesla M60"],
    epochRow: "NVIDIA TESLA M60",
    devicesPerBoard: 2,
    datasheet: {
      url: "https://images.nvidia.com/content/tesla/pdf/188417-Tesla-M60-DS-A4-fnl-Web.pdf",
      note: "board: 300 W maximum, 16 GB (8 GB per GPU), two GM204 GPUs (4096 CUDA cores); NVML reports two 8 GB devices, so values are per device (board / 2)",
    },
    architecture: "maxwell",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "K40",
    name: "NVIDIA Tesla K40",
    aliases: ["Tesla K40", "Tesla K40m", "Tesla K40c", "NVIDIA Tesla K40m", "NVIDIA Tesla K40c"],
    mlco2Row: "Tesla K40c",
    datasheet: {
      url: "http://www.nvidia.com/content/PDF/kepler/Tesla-K40-PCIe-Passive-Board-Spec-BD-06902-001_v05.pdf",
      tdpWatts: 235,
      memoryGb: 12,
      cudaCores: 2880,
      boostClockMhz: 875,
      releaseYear: 2013,
      note: "board power 235 W; FP32 = 2 x 2880 CUDA cores x 875 MHz (highest GPU Boost clock)",
    },
    architecture: "kepler",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "A10G",
    name: "NVIDIA A10G",
    aliases: [],
    epochRow: "NVIDIA A10G",
    datasheet: {
      url: "https://aws.amazon.com/ec2/instance-types/g5/",
      note: "AWS-only part; AWS publishes no TDP: Epoch's 150 W equals the A10 datasheet",
    },
    architecture: "ampere",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "A10",
    name: "NVIDIA A10",
    aliases: [],
    epochRow: "NVIDIA A10 PCIe",
    datasheet: {
      url: "https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a10/pdf/A10-Product-Brief.pdf",
      tdpWatts: 150,
      memoryGb: 24,
      tensorFp16Tflops: 125,
    },
    architecture: "ampere",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "A2",
    name: "NVIDIA A2",
    aliases: [],
    datasheet: {
      url: "https://www.nvidia.com/en-us/data-center/products/a2/",
      tdpWatts: 60,
      memoryGb: 16,
      tensorFp16Tflops: 18,
      releaseYear: 2021,
      note: "low-profile PCIe card, configurable 40-60 W (60 W used); FP16 tensor 18 TFLOPS dense (36 with sparsity)",
    },
    architecture: "ampere",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "A16",
    name: "NVIDIA A16 (one GA107 device)",
    aliases: ["NVIDIA A16", "A16"],
    devicesPerBoard: 4,
    datasheet: {
      url: "https://www.nvidia.com/en-us/data-center/products/a16-gpu/",
      tdpWatts: 62.5,
      memoryGb: 16,
      fp32Tflops: 4.5,
      tensorFp16Tflops: 17.9,
      releaseYear: 2021,
      note: "board: 250 W maximum, 64 GB (16 GB per GPU), four GA107 GPUs (FP32 4 x 4.5 TFLOPS, FP16 tensor 4 x 17.9 dense, 35.9 with sparsity); NVML reports four 16 GB devices, so values are per device (board / 4)",
    },
    architecture: "ampere",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "A30",
    name: "NVIDIA A30",
    aliases: [],
    datasheet: {
      url: "https://www.nvidia.com/content/dam/en-zz/Solutions/data-center/products/a30-gpu/pdf/a30-datasheet.pdf",
      tdpWatts: 165,
      memoryGb: 24,
      fp32Tflops: 10.3,
      tensorFp16Tflops: 165,
      releaseYear: 2021,
    },
    architecture: "ampere",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "A40",
    name: "NVIDIA A40",
    aliases: [],
    epochRow: "NVIDIA A40 PCIe",
    datasheet: {
      url: "https://images.nvidia.com/content/Solutions/data-center/a40/nvidia-a40-datasheet.pdf",
      tdpWatts: 300,
      memoryGb: 48,
    },
    architecture: "ampere",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "L40",
    name: "NVIDIA L40",
    aliases: [],
    epochRow: "NVIDIA L40",
    datasheet: {
      url: "https://images.nvidia.com/content/Solutions/data-center/vgpu-L40-datasheet.pdf",
      tdpWatts: 300,
      memoryGb: 48,
    },
    architecture: "ada",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "MI250X-GCD",
    name: "AMD Instinct MI250X (one GCD)",
    // ROCm names both modules "AMD Instinct MI250X / MI250" (one device id); their GCDs have the
    // same power and memory (250 W, 64 GB), so the MI250X stands for either
    aliases: ["MI250X", "AMD Instinct MI250X / MI250"],
    epochRow: "AMD Radeon Instinct MI250X",
    devicesPerBoard: 2,
    datasheet: {
      url: "https://www.amd.com/en/products/accelerators/instinct/mi200/mi250x.html",
      tdpWatts: 250,
      memoryGb: 64,
      note: "OAM module: 500 W, 128 GB, two GCDs; ROCm reports two devices, so values are per GCD (module / 2)",
    },
    architecture: "cdna2",
    formFactor: "module",
    ...PROXY,
  },
  {
    id: "MI250-GCD",
    name: "AMD Instinct MI250 (one GCD)",
    aliases: ["MI250", "AMD Instinct MI250"],
    devicesPerBoard: 2,
    datasheet: {
      url: "https://www.amd.com/en/products/accelerators/instinct/mi200/mi250.html",
      tdpWatts: 250,
      memoryGb: 64,
      fp32Tflops: 22.65,
      tensorFp16Tflops: 181.05,
      releaseYear: 2021,
      note: "OAM module: 500 W (560 W peak), 128 GB HBM2e, 45.3 TFLOPS FP32 vector, 362.1 TFLOPS FP16/BF16 matrix, two GCDs; ROCm reports two devices, so values are per GCD (module / 2)",
    },
    architecture: "cdna2",
    formFactor: "module",
    ...PROXY,
  },
  {
    id: "MI100",
    name: "AMD Instinct MI100",
    aliases: ["MI100"],
    datasheet: {
      url: "https://www.amd.com/en/products/accelerators/instinct/mi100.html",
      tdpWatts: 300,
      memoryGb: 32,
      fp32Tflops: 23.1,
      tensorFp16Tflops: 184.6,
      releaseYear: 2020,
      note: "PCIe card, 300 W TDP, 32 GB HBM2; FP16 matrix 184.6 TFLOPS (BF16 matrix 92.3, FP32 matrix 46.1)",
    },
    architecture: "cdna",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "MI210",
    name: "AMD Instinct MI210",
    aliases: ["MI210"],
    datasheet: {
      url: "https://www.amd.com/en/products/accelerators/instinct/mi200/mi210.html",
      tdpWatts: 300,
      memoryGb: 64,
      fp32Tflops: 22.6,
      tensorFp16Tflops: 181,
      releaseYear: 2022,
      note: "PCIe card, 300 W TDP, 64 GB HBM2e; FP16 matrix 181 TFLOPS, FP32 vector 22.6",
    },
    architecture: "cdna2",
    formFactor: "pcie",
    ...PROXY,
  },
  {
    id: "MI300X",
    name: "AMD Instinct MI300X",
    aliases: [],
    epochRow: "AMD Instinct MI300X",
    datasheet: {
      url: "https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html",
      tdpWatts: 750,
      memoryGb: 192,
    },
    architecture: "cdna3",
    formFactor: "module",
    ...PROXY,
  },
];

/** Desktop GeForce / TITAN cards (form factor "consumer"). */
const consumer: CuratedGpu[] = [
  {
    id: "GTX-1080",
    name: "NVIDIA GeForce GTX 1080",
    aliases: ["Nvidia GTX 1080"],
    epochRow: "NVIDIA GeForce GTX 1080",
    mlco2Row: "GTX 1080",
    peakFromSourceTflops32: { reason: PASCAL_GEFORCE_FP32 },
    datasheet: { url: GEFORCE_10, tdpWatts: 180, memoryGb: 8 },
    architecture: "pascal",
    formFactor: "consumer",
    ...PROXY,
  },
  {
    id: "GTX-1080-Ti",
    name: "NVIDIA GeForce GTX 1080 Ti",
    aliases: ["Nvidia GTX 1080 Ti"],
    epochRow: "NVIDIA GeForce GTX 1080 Ti",
    mlco2Row: "GTX 1080 Ti",
    peakFromSourceTflops32: { reason: PASCAL_GEFORCE_FP32 },
    datasheet: { url: GEFORCE_10, tdpWatts: 250, memoryGb: 11 },
    architecture: "pascal",
    formFactor: "consumer",
    ...PROXY,
  },
  ...(
    [
      ["GTX-1050", "GTX 1050", 640, 1455, 75, 2, 2016, "pascal"],
      ["GTX-1050-Ti", "GTX 1050 Ti", 768, 1392, 75, 4, 2016, "pascal"],
      ["GTX-1060", "GTX 1060", 1280, 1708, 120, 6, 2016, "pascal"],
      ["GTX-1070", "GTX 1070", 1920, 1683, 150, 8, 2016, "pascal"],
    ] as const
  ).map(
    ([id, model, cores, boost, tdp, mem, year, arch]): CuratedGpu => ({
      id,
      name: `NVIDIA GeForce ${model}`,
      aliases: [],
      datasheet: {
        url: GEFORCE_10,
        tdpWatts: tdp,
        memoryGb: mem,
        cudaCores: cores,
        boostClockMhz: boost,
        releaseYear: year,
        note: "FP32 = 2 x CUDA cores x boost clock; Pascal GeForce FP16 runs at 1/64 rate, so FP32 is the training peak",
      },
      architecture: arch,
      formFactor: "consumer",
      ...PROXY,
    }),
  ),
  ...(
    [
      ["GTX-1650", "GTX 1650", 896, 1665, 75, 4, 2019, "turing", GEFORCE_16],
      ["GTX-1660-Ti", "GTX 1660 Ti", 1536, 1770, 120, 6, 2019, "turing", GEFORCE_16],
      ["GTX-1660-SUPER", "GTX 1660 SUPER", 1408, 1785, 125, 6, 2019, "turing", GEFORCE_16],
      ["GTX-1660", "GTX 1660", 1408, 1785, 120, 6, 2019, "turing", GEFORCE_16],
      ["RTX-2060", "RTX 2060", 1920, 1680, 160, 6, 2019, "turing", GEFORCE_20],
      ["RTX-2060-SUPER", "RTX 2060 SUPER", 2176, 1650, 175, 8, 2019, "turing", GEFORCE_20],
      ["RTX-2070", "RTX 2070", 2304, 1620, 175, 8, 2018, "turing", GEFORCE_20],
      ["RTX-2070-SUPER", "RTX 2070 SUPER", 2560, 1770, 215, 8, 2019, "turing", GEFORCE_20],
      ["RTX-2080-SUPER", "RTX 2080 SUPER", 3072, 1815, 250, 8, 2019, "turing", GEFORCE_20],
      ["RTX-3060", "RTX 3060", 3584, 1777, 170, 12, 2021, "ampere", GEFORCE_30],
      ["RTX-3060-Ti", "RTX 3060 Ti", 4864, 1665, 200, 8, 2020, "ampere", GEFORCE_30],
      ["RTX-3070", "RTX 3070", 5888, 1725, 220, 8, 2020, "ampere", GEFORCE_30],
      ["RTX-3070-Ti", "RTX 3070 Ti", 6144, 1770, 290, 8, 2021, "ampere", GEFORCE_30],
      ["RTX-3050", "RTX 3050", 2560, 1777, 130, 8, 2022, "ampere", GEFORCE_30],
      ["RTX-4060", "RTX 4060", 3072, 2460, 115, 8, 2023, "ada", GEFORCE_40],
      ["RTX-4060-Ti", "RTX 4060 Ti", 4352, 2535, 160, 8, 2023, "ada", GEFORCE_40],
      ["RTX-4070-SUPER", "RTX 4070 SUPER", 7168, 2475, 220, 12, 2024, "ada", GEFORCE_40],
      ["RTX-4070-Ti", "RTX 4070 Ti", 7680, 2610, 285, 12, 2023, "ada", GEFORCE_40],
      ["RTX-4070-Ti-SUPER", "RTX 4070 Ti SUPER", 8448, 2610, 285, 16, 2024, "ada", GEFORCE_40],
      ["RTX-4080-SUPER", "RTX 4080 SUPER", 10240, 2550, 320, 16, 2024, "ada", GEFORCE_40],
      ["RTX-5060", "RTX 5060", 3840, 2497, 145, 8, 2025, "blackwell", GEFORCE_5060],
      ["RTX-5060-Ti", "RTX 5060 Ti", 4608, 2572, 180, 16, 2025, "blackwell", GEFORCE_5060],
      ["RTX-5070", "RTX 5070", 6144, 2512, 250, 12, 2025, "blackwell", GEFORCE_5070],
      ["RTX-5070-Ti", "RTX 5070 Ti", 8960, 2452, 300, 16, 2025, "blackwell", GEFORCE_5070],
      ["RTX-4090-D", "RTX 4090 D", 14592, 2520, 425, 24, 2023, "ada", GEFORCE_4090_D],
      ["RTX-5080", "RTX 5080", 10752, 2620, 360, 16, 2025, "blackwell", GEFORCE_5080],
      ["RTX-5090", "RTX 5090", 21760, 2410, 575, 32, 2025, "blackwell", GEFORCE_5090],
    ] as const
  ).map(
    ([id, model, cores, boost, tdp, mem, year, arch, url]): CuratedGpu => ({
      id,
      name: `NVIDIA GeForce ${model}`,
      aliases: [],
      datasheet: {
        url,
        tdpWatts: tdp,
        memoryGb: mem,
        cudaCores: cores,
        boostClockMhz: boost,
        releaseYear: year,
        note: `FP32 = 2 x CUDA cores x boost clock of the reference card; ${NO_TENSOR_FIGURE}`,
      },
      architecture: arch,
      formFactor: "consumer",
      ...PROXY,
    }),
  ),
  {
    id: "RTX-2080",
    name: "NVIDIA GeForce RTX 2080",
    aliases: [],
    mlco2Row: "RTX 2080",
    datasheet: { url: GEFORCE_20, tdpWatts: 215, memoryGb: 8, releaseYear: 2018 },
    architecture: "turing",
    formFactor: "consumer",
    ...PROXY,
  },
  {
    id: "RTX-2080-Ti",
    name: "NVIDIA GeForce RTX 2080 Ti",
    aliases: [],
    epochRow: "NVIDIA GeForce RTX 2080 Ti 11GB",
    datasheet: {
      url: GEFORCE_20,
      tdpWatts: 250,
      memoryGb: 11,
      note: "reference card 250 W (Founders Edition 260 W)",
    },
    architecture: "turing",
    formFactor: "consumer",
    ...PROXY,
  },
  {
    id: "RTX-3080",
    name: "NVIDIA GeForce RTX 3080",
    aliases: [],
    epochRow: "NVIDIA GeForce RTX 3080",
    datasheet: { url: GEFORCE_30, tdpWatts: 320, memoryGb: 10 },
    architecture: "ampere",
    formFactor: "consumer",
    ...PROXY,
  },
  {
    id: "RTX-3080-Ti",
    name: "NVIDIA GeForce RTX 3080 Ti",
    aliases: [],
    mlco2Row: "RTX 3080 TI",
    datasheet: { url: GEFORCE_30, tdpWatts: 350, memoryGb: 12, releaseYear: 2021 },
    architecture: "ampere",
    formFactor: "consumer",
    ...PROXY,
  },
  {
    id: "RTX-3090",
    name: "NVIDIA GeForce RTX 3090",
    aliases: [],
    epochRow: "NVIDIA GeForce RTX 3090",
    datasheet: { url: GEFORCE_30, tdpWatts: 350, memoryGb: 24 },
    architecture: "ampere",
    formFactor: "consumer",
    ...PROXY,
  },
  {
    id: "RTX-4070",
    name: "NVIDIA GeForce RTX 4070",
    aliases: [],
    epochRow: "NVIDIA GeForce RTX 4070",
    datasheet: {
      url: GEFORCE_40,
      tdpWatts: 200,
      memoryGb: 12,
      note: "NVIDIA: RTX 4070 total graphics power 200 W (Epoch's 285 W is the RTX 4070 Ti's)",
    },
    architecture: "ada",
    formFactor: "consumer",
    ...PROXY,
  },
  {
    id: "RTX-4080",
    name: "NVIDIA GeForce RTX 4080",
    aliases: [],
    epochRow: "NVIDIA GeForce RTX 4080",
    datasheet: { url: GEFORCE_40, tdpWatts: 320, memoryGb: 16 },
    architecture: "ada",
    formFactor: "consumer",
    ...PROXY,
  },
  {
    id: "RTX-4090",
    name: "NVIDIA GeForce RTX 4090",
    aliases: [],
    epochRow: "NVIDIA GeForce RTX 4090",
    datasheet: { url: GEFORCE_40, tdpWatts: 450, memoryGb: 24 },
    architecture: "ada",
    formFactor: "consumer",
    ...PROXY,
  },
  {
    id: "GTX-980-Ti",
    name: "NVIDIA GeForce GTX 980 Ti",
    aliases: [],
    datasheet: {
      url: "https://www.nvidia.com/en-us/geforce/graphics-cards/geforce-gtx-980-ti/specifications/",
      tdpWatts: 250,
      memoryGb: 6,
      cudaCores: 2816,
      boostClockMhz: 1075,
      releaseYear: 2015,
      note: "graphics card power 250 W; FP32 = 2 x CUDA cores x boost clock; Maxwell FP16 runs at the FP32 rate or below, so FP32 is the training peak",
    },
    architecture: "maxwell",
    formFactor: "consumer",
    ...PROXY,
  },
  {
    id: "ARC-A770",
    name: "Intel Arc A770 Graphics",
    aliases: ["Intel Arc A770", "Intel(R) Arc(TM) A770 Graphics"],
    datasheet: {
      url: "https://www.intel.com/content/www/us/en/products/sku/229151/intel-arc-a770-graphics-16gb/specifications.html",
      tdpWatts: 225,
      memoryGb: 16,
      fp32Tflops: 17.2,
      releaseYear: 2022,
      note: "total board power 225 W; 16 GB (an 8 GB card exists); FP32 = 2 x 4096 FP32 units x 2100 MHz graphics clock; XMX matrix figure not used",
    },
    architecture: "xe-hpg",
    formFactor: "consumer",
    ...PROXY,
  },
  {
    id: "TITAN-Xp",
    name: "NVIDIA TITAN Xp",
    aliases: [],
    epochRow: "NVIDIA TITAN Xp",
    datasheet: { url: "https://www.nvidia.com/en-us/titan/titan-xp/", tdpWatts: 250, memoryGb: 12 },
    peakFromSourceTflops32: { reason: PASCAL_GEFORCE_FP32 },
    mlco2Row: "Titan Xp",
    architecture: "pascal",
    formFactor: "consumer",
    ...PROXY,
  },
  {
    id: "TITAN-X-Pascal",
    name: "NVIDIA TITAN X Pascal",
    aliases: ["NVIDIA TITAN X (Pascal)"],
    datasheet: {
      url: "https://www.nvidia.com/en-us/geforce/products/10series/titan-x-pascal/",
      tdpWatts: 250,
      memoryGb: 12,
      cudaCores: 3584,
      boostClockMhz: 1531,
      releaseYear: 2016,
      note: "FP32 = 2 x CUDA cores x boost clock; Pascal GeForce FP16 runs at 1/64 rate, so FP32 is the training peak",
    },
    architecture: "pascal",
    formFactor: "consumer",
    ...PROXY,
  },
  {
    id: "TITAN-V",
    name: "NVIDIA TITAN V",
    aliases: [],
    epochRow: "NVIDIA Titan V",
    datasheet: {
      url: "https://www.nvidia.com/en-us/titan/titan-v/",
      tdpWatts: 250,
      memoryGb: 12,
      tensorFp16Tflops: 110,
    },
    architecture: "volta",
    formFactor: "consumer",
    ...PROXY,
  },
  {
    id: "TITAN-RTX",
    name: "NVIDIA TITAN RTX",
    aliases: [],
    datasheet: {
      url: "https://www.nvidia.com/en-us/deep-learning-ai/products/titan-rtx/",
      tdpWatts: 280,
      memoryGb: 24,
      tensorFp16Tflops: 130,
      releaseYear: 2018,
    },
    architecture: "turing",
    formFactor: "consumer",
    ...PROXY,
  },
];

/** Laptop GPUs: TGP is OEM-configurable; the upper end of NVIDIA's range is the board power. */
const laptop: CuratedGpu[] = (
  [
    [
      "RTX-3050-Ti-Laptop",
      "RTX 3050 Ti Laptop GPU",
      2560,
      1695,
      80,
      4,
      2021,
      "ampere",
      LAPTOPS_30_40,
      "TGP 35-80 W",
    ],
    [
      "RTX-3050-Laptop",
      "RTX 3050 Laptop GPU",
      2048,
      1740,
      80,
      4,
      2021,
      "ampere",
      LAPTOPS_30_40,
      "TGP 35-80 W",
    ],
    [
      "RTX-3060-Laptop",
      "RTX 3060 Laptop GPU",
      3840,
      1703,
      115,
      6,
      2021,
      "ampere",
      LAPTOPS_30_40,
      "TGP 60-115 W",
    ],
    [
      "RTX-3070-Laptop",
      "RTX 3070 Laptop GPU",
      5120,
      1620,
      125,
      8,
      2021,
      "ampere",
      LAPTOPS_30_40,
      "TGP 80-125 W",
    ],
    [
      "RTX-3070-Ti-Laptop",
      "RTX 3070 Ti Laptop GPU",
      5888,
      1485,
      125,
      8,
      2022,
      "ampere",
      LAPTOPS_30_40,
      "TGP 80-125 W",
    ],
    [
      "RTX-3080-Ti-Laptop",
      "RTX 3080 Ti Laptop GPU",
      7424,
      1590,
      150,
      16,
      2022,
      "ampere",
      LAPTOPS_30_40,
      "TGP 80-150+ W (OEMs may exceed 150 W with Dynamic Boost); 150 W used, as for the RTX 4080 Laptop GPU",
    ],
    [
      "RTX-4050-Laptop",
      "RTX 4050 Laptop GPU",
      2560,
      2370,
      115,
      6,
      2023,
      "ada",
      LAPTOPS_30_40,
      "TGP 35-115 W (boost 1605-2370 MHz)",
    ],
    [
      "RTX-4060-Laptop",
      "RTX 4060 Laptop GPU",
      3072,
      2370,
      115,
      8,
      2023,
      "ada",
      LAPTOPS_30_40,
      "TGP 35-115 W",
    ],
    [
      "RTX-4070-Laptop",
      "RTX 4070 Laptop GPU",
      4608,
      2175,
      115,
      8,
      2023,
      "ada",
      LAPTOPS_30_40,
      "TGP 35-115 W",
    ],
    [
      "RTX-4080-Laptop",
      "RTX 4080 Laptop GPU",
      7424,
      2280,
      150,
      12,
      2023,
      "ada",
      LAPTOPS_30_40,
      "TGP 60-150 W",
    ],
    [
      "RTX-4090-Laptop",
      "RTX 4090 Laptop GPU",
      9728,
      2040,
      150,
      16,
      2023,
      "ada",
      LAPTOPS_30_40,
      "TGP 80-150 W",
    ],
    [
      "RTX-5090-Laptop",
      "RTX 5090 Laptop GPU",
      10496,
      2160,
      150,
      24,
      2025,
      "blackwell",
      LAPTOPS_50,
      "TGP 95-150 W (24 GB GDDR7); boost 2160 MHz at the 150 W end",
    ],
    [
      "GTX-1660-Ti-Laptop",
      "GTX 1660 Ti Laptop GPU",
      1536,
      1590,
      80,
      6,
      2019,
      "turing",
      LAPTOPS_OLDER,
      "NVIDIA's notebook data (via Hardwareluxx, April 2019): TDP 60-80 W, boost 1335-1590 MHz; upper end used; Max-Q designs are the same GPU at the low end of the range and resolve here",
    ],
    [
      "GTX-1650-Ti-Laptop",
      "GTX 1650 Ti",
      1024,
      1485,
      55,
      4,
      2020,
      "turing",
      LAPTOPS_OLDER,
      "laptop-only part; NVIDIA publishes no TGP, 55 W is TechPowerUp's board power",
    ],
    [
      "GTX-1650-Max-Q",
      "GTX 1650 Max-Q",
      1024,
      1245,
      35,
      4,
      2019,
      "turing",
      LAPTOPS_OLDER,
      "Max-Q design; NVIDIA publishes no TGP, 35 W is TechPowerUp's board power",
    ],
    [
      "GTX-1060-Max-Q",
      "GTX 1060 Max-Q",
      1280,
      1480,
      70,
      6,
      2017,
      "pascal",
      LAPTOPS_OLDER,
      "Max-Q design; NVIDIA publishes no TGP, 70 W is the upper end of the 60-70 W reported by OEMs; Pascal FP16 at 1/64 rate",
    ],
    [
      "MX130",
      "MX130",
      384,
      1242,
      30,
      2,
      2017,
      "maxwell",
      LAPTOPS_OLDER,
      "NVIDIA publishes no TGP; 30 W is TechPowerUp's board power",
    ],
    [
      "MX450",
      "MX450",
      896,
      1575,
      28.5,
      2,
      2020,
      "turing",
      LAPTOPS_OLDER,
      "NVIDIA publishes no TGP; OEM configurations run 12-28.5 W, upper end used",
    ],
    [
      "MX550",
      "MX550",
      1024,
      1320,
      25,
      2,
      2022,
      "turing",
      LAPTOPS_OLDER,
      "NVIDIA publishes no TGP; 25 W is TechPowerUp's maximum board power (TU117, 2 GB GDDR6; notebookcheck lists 15-25 W)",
    ],
    [
      "T550-Laptop",
      "T550 Laptop GPU",
      1024,
      1665,
      23,
      4,
      2022,
      "turing",
      "https://www.nvidia.com/en-us/design-visualization/desktop-graphics/",
      "NVIDIA T550 laptop GPU line card: up to 23 W",
    ],
    [
      "RTX-2000-Ada-Laptop",
      "RTX 2000 Ada Generation Laptop GPU",
      3072,
      2115,
      140,
      8,
      2023,
      "ada",
      "https://www.nvidia.com/en-us/design-visualization/laptop-graphics/",
      "NVIDIA's recommended TGP range 35-140 W, upper end used (the AD107 of the GeForce RTX 4060 Laptop GPU)",
    ],
  ] as const
).map(
  ([id, model, cores, boost, tdp, mem, year, arch, url, note]): CuratedGpu => ({
    id,
    // professional laptop parts (T550, RTX 2000 Ada) are not GeForce
    name: `NVIDIA ${/^(T550|RTX-2000)/.test(id) ? "" : "GeForce "}${model}`.replace("  ", " "),
    aliases: [],
    datasheet: {
      url,
      tdpWatts: tdp,
      memoryGb: mem,
      cudaCores: cores,
      boostClockMhz: boost,
      releaseYear: year,
      note: `${note}; FP32 = 2 x CUDA cores x maximum boost clock; ${NO_TENSOR_FIGURE}`,
    },
    architecture: arch,
    formFactor: "laptop",
    ...PROXY,
  }),
);

/** Workstation cards (Quadro / RTX professional). */
const workstation: CuratedGpu[] = [
  {
    id: "Quadro-RTX-8000",
    name: "NVIDIA Quadro RTX 8000",
    aliases: ["Nvidia Quadro RTX 8000"],
    epochRow: "NVIDIA Quadro RTX 8000",
    mlco2Row: "RTX 8000",
    peakTflops16Override: {
      value: 130.5,
      source:
        "NVIDIA Quadro RTX 8000 datasheet: 130.5 TFLOPS tensor (mlco2 lists the non-tensor FP16 32.62)",
    },
    datasheet: {
      url: "https://www.nvidia.com/content/dam/en-zz/Solutions/design-visualization/quadro-product-literature/quadro-rtx-8000-us-nvidia-946977-r1-web.pdf",
      memoryGb: 48,
      tensorFp16Tflops: 130.5,
      note: "board power 260 W as Epoch and mlco2 (TechPowerUp); not re-checked against the datasheet's maximum power",
    },
    architecture: "turing",
    formFactor: "workstation",
    ...PROXY,
  },
  {
    id: "Quadro-GV100",
    name: "NVIDIA Quadro GV100",
    aliases: [],
    datasheet: {
      url: "https://www.nvidia.com/content/dam/en-zz/Solutions/design-visualization/productspage/quadro/quadro-desktop/quadro-volta-gv100-data-sheet-us-nvidia-704619-r3-web.pdf",
      tdpWatts: 250,
      memoryGb: 32,
      fp32Tflops: 14.8,
      tensorFp16Tflops: 118.5,
      releaseYear: 2018,
      note: "total board power 250 W, 32 GB HBM2, 5120 CUDA cores, 640 tensor cores",
    },
    architecture: "volta",
    formFactor: "workstation",
    ...PROXY,
  },
  {
    id: "RTX-5000-Ada",
    name: "NVIDIA RTX 5000 Ada Generation",
    aliases: [],
    datasheet: {
      url: "https://www.nvidia.com/content/dam/en-zz/Solutions/rtx-5000/proviz-print-rtx5000-datasheet-web-2504660.pdf",
      tdpWatts: 250,
      memoryGb: 32,
      fp32Tflops: 65.3,
      releaseYear: 2023,
      note: NO_TENSOR_FIGURE,
    },
    architecture: "ada",
    formFactor: "workstation",
    ...PROXY,
  },
  {
    id: "RTX-4000-Ada",
    name: "NVIDIA RTX 4000 Ada Generation",
    aliases: [],
    datasheet: {
      url: "https://www.nvidia.com/en-us/products/workstations/rtx-4000/",
      tdpWatts: 130,
      memoryGb: 20,
      fp32Tflops: 26.7,
      releaseYear: 2023,
      note: NO_TENSOR_FIGURE,
    },
    architecture: "ada",
    formFactor: "workstation",
    ...PROXY,
  },
  {
    id: "RTX-2000-Ada",
    name: "NVIDIA RTX 2000 Ada Generation",
    aliases: [],
    datasheet: {
      url: "https://www.nvidia.com/en-us/products/workstations/rtx-2000/",
      tdpWatts: 70,
      memoryGb: 16,
      fp32Tflops: 12,
      releaseYear: 2024,
      note: `low-profile card, total board power 70 W, 2,816 CUDA cores; ${NO_TENSOR_FIGURE}`,
    },
    architecture: "ada",
    formFactor: "workstation",
    ...PROXY,
  },
  {
    id: "RTX-4000-SFF-Ada",
    name: "NVIDIA RTX 4000 SFF Ada Generation",
    aliases: [],
    datasheet: {
      url: "https://www.nvidia.com/en-us/products/workstations/rtx-4000-sff/",
      tdpWatts: 70,
      memoryGb: 20,
      fp32Tflops: 19.2,
      releaseYear: 2023,
      note: `small-form-factor card, maximum power 70 W (the full-height RTX 4000 Ada is 130 W); ${NO_TENSOR_FIGURE}`,
    },
    architecture: "ada",
    formFactor: "workstation",
    ...PROXY,
  },
  {
    id: "RTX-6000-Ada",
    name: "NVIDIA RTX 6000 Ada Generation",
    aliases: ["NVIDIA RTX 6000 Ada", "RTX 6000 Ada"],
    epochRow: "NVIDIA RTX 6000 Ada Generation",
    datasheet: {
      url: "https://www.nvidia.com/en-us/products/workstations/rtx-6000/",
      tdpWatts: 300,
      memoryGb: 48,
      fp32Tflops: 91.1,
      releaseYear: 2022,
      note: `not the Turing Quadro RTX 6000 (24 GB, 260 W); ${NO_TENSOR_FIGURE}`,
    },
    architecture: "ada",
    formFactor: "workstation",
    ...PROXY,
  },
  ...(
    [
      [
        "RTX-PRO-6000-Blackwell",
        "NVIDIA RTX PRO 6000 Blackwell",
        [
          "NVIDIA RTX PRO 6000 Blackwell Workstation Edition",
          "NVIDIA RTX PRO 6000 Blackwell Server Edition",
          "NVIDIA RTX PRO 6000",
        ],
        600,
        "Workstation Edition 600 W (the Server Edition is configurable up to 600 W)",
      ],
      [
        "RTX-PRO-6000-Blackwell-Max-Q",
        "NVIDIA RTX PRO 6000 Blackwell Max-Q",
        ["NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition"],
        300,
        "Max-Q Workstation Edition 300 W; its clocks are below the 600 W card's, whose FP32 peak is used (an upper bound)",
      ],
    ] as const
  ).map(
    ([id, name, aliases, tdp, board]): CuratedGpu => ({
      id,
      name,
      aliases: [...aliases],
      datasheet: {
        url: "https://www.nvidia.com/en-us/products/workstations/professional-desktop-gpus/rtx-pro-6000/",
        tdpWatts: tdp,
        memoryGb: 96,
        cudaCores: 24064,
        boostClockMhz: 2617,
        releaseYear: 2025,
        note: `${board}; 96 GB GDDR7; FP32 = 2 x CUDA cores x boost clock; ${NO_TENSOR_FIGURE}`,
      },
      architecture: "blackwell",
      formFactor: "workstation",
      ...(id === "RTX-PRO-6000-Blackwell" ? { familyDefault: true } : {}),
      ...PROXY,
    }),
  ),
  {
    id: "RTX-A4500",
    name: "NVIDIA RTX A4500",
    aliases: [],
    datasheet: {
      url: "https://www.nvidia.com/en-us/design-visualization/desktop-graphics/",
      tdpWatts: 200,
      memoryGb: 20,
      cudaCores: 7168,
      boostClockMhz: 1650,
      releaseYear: 2021,
      note: `FP32 = 2 x CUDA cores x boost clock; ${NO_TENSOR_FIGURE}`,
    },
    architecture: "ampere",
    formFactor: "workstation",
    ...PROXY,
  },
  ...(
    [
      ["RTX-A2000", "NVIDIA RTX A2000", 3328, 1200, 70, 6, 2021, "ampere", ""],
      ["RTX-A5500", "NVIDIA RTX A5500", 10240, 1665, 230, 24, 2022, "ampere", ""],
      [
        "T1000",
        "NVIDIA T1000",
        896,
        1395,
        50,
        8,
        2021,
        "turing",
        "the 8 GB card (a 4 GB one exists); ",
      ],
      ["T600", "NVIDIA T600", 640, 1335, 40, 4, 2021, "turing", ""],
    ] as const
  ).map(
    ([id, name, cores, boost, tdp, mem, year, arch, memNote]): CuratedGpu => ({
      id,
      name,
      aliases: [],
      datasheet: {
        url: "https://www.nvidia.com/en-us/design-visualization/desktop-graphics/",
        tdpWatts: tdp,
        memoryGb: mem,
        cudaCores: cores,
        boostClockMhz: boost,
        releaseYear: year,
        note: `${memNote}FP32 = 2 x CUDA cores x boost clock; ${NO_TENSOR_FIGURE}`,
      },
      architecture: arch,
      formFactor: "workstation",
      ...PROXY,
    }),
  ),
  {
    id: "Radeon-Pro-W7900",
    name: "AMD Radeon PRO W7900",
    aliases: [],
    peakTflops16Override: {
      value: 122.6,
      source:
        "AMD Radeon PRO W7900: peak half precision (FP16) 122.6 TFLOPS, twice its FP32 (RDNA 3; Epoch's rule for the RX 7900 XTX: FP16 when not below FP32)",
    },
    datasheet: {
      url: "https://www.amd.com/en/products/specifications/professional-graphics.html",
      tdpWatts: 295,
      memoryGb: 48,
      fp32Tflops: 61.3,
      releaseYear: 2023,
      note: "total board power 295 W; 48 GB GDDR6 ECC",
    },
    architecture: "rdna3",
    formFactor: "workstation",
    ...PROXY,
  },
  // AMD's specification tables: total board power, memory, peak single (FP32) and half (FP16)
  // precision; FP16 is the training peak (Epoch's rule for the RX 7900 XTX: FP16 when not below
  // FP32)
  ...(
    [
      [
        "Radeon-RX-7900-XT",
        "AMD Radeon RX 7900 XT",
        315,
        20,
        51.48,
        103,
        2022,
        "rdna3",
        "consumer",
        "graphics",
      ],
      [
        "Radeon-RX-6900-XT",
        "AMD Radeon RX 6900 XT",
        300,
        16,
        23.04,
        46.08,
        2020,
        "rdna2",
        "consumer",
        "graphics",
      ],
      ["Radeon-VII", "AMD Radeon VII", 300, 16, 13.8, 27.6, 2019, "gcn5", "consumer", "graphics"],
      ["MI50", "AMD Instinct MI50", 300, 32, 13.3, 26.5, 2018, "gcn5", "pcie", "accelerators"],
    ] as const
  ).map(
    ([id, name, tdp, mem, fp32, fp16, year, arch, form, table]): CuratedGpu => ({
      id,
      name,
      aliases: id === "MI50" ? ["AMD Radeon Instinct MI50", "MI50"] : [],
      peakTflops16Override: {
        value: fp16,
        source: `${name}: peak half precision (FP16) ${fp16} TFLOPS (AMD specifications)`,
      },
      datasheet: {
        url: `https://www.amd.com/en/products/specifications/${table}.html`,
        tdpWatts: tdp,
        memoryGb: mem,
        fp32Tflops: fp32,
        releaseYear: year,
        note: `total board power ${tdp} W; ${mem} GB${id === "MI50" ? " (the 32 GB card; a 16 GB one exists)" : ""}`,
      },
      architecture: arch,
      formFactor: form,
      ...PROXY,
    }),
  ),
  ...(
    [
      ["RTX-A4000", "NVIDIA RTX A4000", 140, 16],
      ["RTX-A5000", "NVIDIA RTX A5000", 230, 24],
      ["RTX-A6000", "NVIDIA RTX A6000", 300, 48],
    ] as const
  ).map(
    ([id, row, tdp, mem]): CuratedGpu => ({
      id,
      name: row,
      aliases: [],
      epochRow: row,
      datasheet: {
        url: "https://www.nvidia.com/en-us/design-visualization/desktop-graphics/",
        tdpWatts: tdp,
        memoryGb: mem,
        note: NO_TENSOR_FIGURE,
      },
      architecture: "ampere",
      formFactor: "workstation",
      ...PROXY,
    }),
  ),
];

/**
 * Apple silicon: CPU, GPU and unified memory in one package. The board power is Apple's maximum
 * power of the Mac mini / Mac Studio with that chip (the whole computer at full load); for chips
 * sold only in laptops, the USB-C power adapter of the base 14-inch MacBook Pro (an upper bound).
 * FP32 TFLOPS: Apple's announcement figure for the largest GPU of the chip; Apple published none for
 * M3 and M4, so the M2 tier's figure is the training peak (proxy) and `peakFp32Tflops` stays null.
 */
const apple: CuratedGpu[] = (
  [
    ["Apple-M1", "M1", 39, APPLE_MAC_MINI_POWER, "Mac mini (M1, 2020) maximum power", 8, 2.6, 2020],
    [
      "Apple-M1-Pro",
      "M1 Pro",
      67,
      APPLE_MBP_SPECS,
      "14-inch MacBook Pro (2021) 67 W USB-C power adapter (upper bound)",
      16,
      5.2,
      2021,
    ],
    [
      "Apple-M1-Max",
      "M1 Max",
      115,
      APPLE_MAC_STUDIO_POWER,
      "Mac Studio (M1 Max, 2022) maximum power",
      32,
      10.4,
      2021,
    ],
    [
      "Apple-M1-Ultra",
      "M1 Ultra",
      215,
      APPLE_MAC_STUDIO_POWER,
      "Mac Studio (M1 Ultra, 2022) maximum power",
      64,
      21,
      2022,
    ],
    ["Apple-M2", "M2", 50, APPLE_MAC_MINI_POWER, "Mac mini (M2, 2023) maximum power", 8, 3.6, 2022],
    [
      "Apple-M2-Pro",
      "M2 Pro",
      185,
      APPLE_MAC_MINI_POWER,
      "Mac mini (M2 Pro, 2023) maximum power",
      16,
      6.8,
      2023,
    ],
    [
      "Apple-M2-Max",
      "M2 Max",
      145,
      APPLE_MAC_STUDIO_POWER,
      "Mac Studio (M2 Max, 2023) maximum power",
      32,
      13.6,
      2023,
    ],
    [
      "Apple-M2-Ultra",
      "M2 Ultra",
      295,
      APPLE_MAC_STUDIO_POWER,
      "Mac Studio (M2 Ultra, 2023) maximum power",
      64,
      27.2,
      2023,
    ],
    [
      "Apple-M3",
      "M3",
      70,
      APPLE_MBP_SPECS,
      "14-inch MacBook Pro (M3, 2023) 70 W USB-C power adapter (upper bound)",
      8,
      null,
      2023,
    ],
    [
      "Apple-M3-Pro",
      "M3 Pro",
      70,
      APPLE_MBP_SPECS,
      "14-inch MacBook Pro (M3 Pro, 2023) 70 W USB-C power adapter (upper bound)",
      18,
      null,
      2023,
    ],
    [
      "Apple-M3-Max",
      "M3 Max",
      96,
      APPLE_MBP_SPECS,
      "14-inch MacBook Pro (M3 Max, 2023) 96 W USB-C power adapter (upper bound)",
      36,
      null,
      2023,
    ],
    [
      "Apple-M4",
      "M4",
      65,
      APPLE_MAC_MINI_POWER,
      "Mac mini (M4, 2024) maximum power",
      16,
      null,
      2024,
    ],
    [
      "Apple-M4-Pro",
      "M4 Pro",
      140,
      APPLE_MAC_MINI_POWER,
      "Mac mini (M4 Pro, 2024) maximum power",
      24,
      null,
      2024,
    ],
  ] as const
).map(([id, chip, watts, url, what, mem, fp32, year]): CuratedGpu => {
  const proxyTflops = { M3: 3.6, "M3 Pro": 6.8, "M3 Max": 13.6, M4: 3.6, "M4 Pro": 6.8 } as Record<
    string,
    number
  >;
  return {
    id,
    name: `Apple ${chip}`,
    aliases: [],
    datasheet: {
      url,
      tdpWatts: watts,
      memoryGb: mem,
      ...(fp32 !== null ? { fp32Tflops: fp32 } : {}),
      releaseYear: year,
      note: `integrated SoC package power: ${what}; memory = base unified memory`,
    },
    ...(fp32 === null
      ? {
          peakTflops16Override: {
            value: proxyTflops[chip] as number,
            source: `Apple publishes no GPU TFLOPS for ${chip}: the M2-tier figure (${proxyTflops[chip]} TFLOPS, Apple newsroom) stands in as training peak`,
          },
        }
      : {}),
    architecture: "apple",
    formFactor: "soc",
    ...SOC,
  };
});

/** Every curated GPU row (order = catalogue order: the first of a family is its fallback default). */
export const curatedGpus: CuratedGpu[] = [
  ...datacenter,
  ...consumer,
  ...laptop,
  ...workstation,
  ...apple,
];
