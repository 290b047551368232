/**
 * Method constants of METHODOLOGY.md, each with its source. Reference-data values (GPU TDPs,
 * PUEs, intensities...) live in `../data/*.json`; these are the method's own parameters.
 */
import type { FineTuningMethod } from "./disclosure.js";
import type { RunEstimate } from "./types.js";

/**
 * Version of the estimation method; bump on any change that alters a result or the output shape.
 * 2026.11.2: selectable method "strubell2019" (METHODOLOGY.md s.8; `RunEstimate.method` and
 * `intensity.source` gain a value), strict calendar check and canonical UTC `startTime`.
 * 2026.12.0: GPU catalogue and name resolver (V100 PCIe/SXM2 TDPs fixed), host power and server
 * embodied emissions charged by the job's share of the server's GPUs (METHODOLOGY.md s.3a),
 * bounds are 90 % intervals calibrated on measured runs (s.9, docs/VALIDATION.md).
 * 2026.12.1: the annual fallback intensity is of the run's start year, else the nearest year with
 * data (was the 2024 headline outside 2021-2025), with years 2011-2019 for 105 zones; the year
 * used is in provenance `annualIntensityYear` (METHODOLOGY.md s.5, ADR 0013).
 * 2026.12.2: 22 more GPUs in the catalogue (workstation, laptop, consumer, AMD Instinct MI100 /
 * MI250, GH200, P100 / A800 / H800 / H200 variants), the Tesla M60 per device (150 W, was the
 * 300 W board), generic P100 / A800 / H800 / H200 names resolved as family defaults (METHODOLOGY.md
 * s.2): a measured run on one of the new GPUs no longer takes the year's GPU for embodied carbon.
 * 2026.12.3: CPU-only runs (gpuCount 0, METHODOLOGY.md s.3a): no GPU terms, the whole host
 * charged (a reference 2-socket CPU server, AWS m5.metal, unless a server is disclosed); before,
 * a 0 count was rejected and a run without a GPU was given the year's GPU and its server. Also
 * 7 more GPUs (GeForce GTX 1660 / 1660 SUPER, RTX 2060 / 2070 / 2080 SUPER, Apple M4 / M4 Pro)
 * and the "8x80GB A100" count form: runs naming them are no longer rejected or, when measured,
 * given the year's GPU for embodied carbon.
 * 2026.12.4: 23 more GPUs (GeForce RTX 3050 / 3070 Ti, 4060 Ti, 4070 SUPER / Ti / Ti SUPER,
 * 4080 SUPER, 5060 / 5060 Ti, 5070 / 5070 Ti, RTX 3070 Ti Laptop, TITAN X Pascal, RTX A2000 /
 * A5500, RTX PRO 6000 Blackwell and its Max-Q, A2, Instinct MI210 / MI50, Radeon RX 7900 XT /
 * 6900 XT, Radeon VII; Tesla K20 / K20m and Ascend 910 names), device counts written around the name ("8xA100", "V100 x 8",
 * "4 NVIDIA A100 GPUs"), catalogue names with a parenthetical found without
 * it ("NVIDIA B300"), an Apple M-series SoC newer than the catalogue resolved to its tier's
 * nearest generation (rule "gpu-apple-generation"; was rejected, or when measured given the year's
 * GPU), and an unknown measured GPU one or two edits from an entry takes that entry (and its host
 * class) for embodied carbon instead of the year's GPU, and Cloud TPU slice names ("TPU v3-8" =
 * 4 chips) resolve with their chip count (METHODOLOGY.md s.2). A disclosure may list the fields
 * its submitter derived (`inputProvenance`, s.1): the estimate's provenance then says "imputed"
 * with the submitter's rule for them (the CodeCarbon reader lists its derivations).
 * 2026.12.5: a measured run that counts no GPUs (no gpuCount, serverCount, count in the name or
 * managed service; e.g. a CodeCarbon 1.x log) gets the GPUs its mean power implies (rule
 * "gpus-of-measured-power", METHODOLOGY.md s.2) instead of one full server's: its embodied
 * emissions and water were those of 8 GPUs and a whole server; its energy is unchanged. Also
 * 5 more GPUs (GeForce GTX 980 Ti, RTX 5090 Laptop GPU, Quadro GV100, A16 per device, Intel Arc
 * A770): runs naming them are no longer rejected or, when measured, given a stand-in GPU; and
 * NVIDIA rack names ("GB200 NVL72" = 72 GB200 GPUs), MIG instances and vGPU profiles (the
 * physical GPU, rule "gpu-partition"), RTX 4000 SFF Ada, RTX 2000 Ada (desktop and laptop), T1000, T600 and ROCm's "MI250X / MI250".
 * 2026.12.6: a run on a laptop (a laptop GPU or an Apple M-series SoC, or a disclosed laptop
 * host) without a disclosed PUE / WUE, organization setting or cloud location gets PUE 1 and
 * on-site WUE 0 (rules "pue-personal-computer", "wue-personal-computer"; METHODOLOGY.md s.2,
 * s.6) instead of the data-center industry average (1.56) and the US data-center WUE (1.8 L/kWh):
 * its facility energy, operational carbon and water fall (energy / 1.56; on-site water to 0),
 * its IT energy and embodied figures are unchanged. Also the GeForce MX550 (25 W) and RTX 4050
 * Laptop GPU (115 W), and TPU v6e / v7 and Trainium2 named without codename or vendor ("TPU v6e",
 * "Trillium", "Trainium2"): runs naming them are no longer rejected or, when measured, given a
 * stand-in GPU. TPU v4's board power is Google's measured maximum per chip, 192 W (Cloud TPU v4
 * page), instead of Epoch's 340 W derived from a FLOP/s-per-watt ratio: without a meter, a v4
 * run's chips draw 192 / 340 = 0.565x the power they did (idle scales with it; host unchanged).
 * 2026.12.7: NVIDIA's product-page names resolve ("NVIDIA A100 Tensor Core GPU" -> the A100
 * family default, said in provenance): such a run is no longer rejected or, when measured, given
 * the year's stand-in GPU for its embodied figures. 71 more cloud regions (119: 34 AWS, 43 GCP,
 * 42 Azure; e.g. GCP us-central2, the TPU v4 region, in SPP): a run there is no longer rejected,
 * and a CodeCarbon cloud row there gets the region's zone and the provider's PUE / WUE instead
 * of its country's (packages/estimator/data/README.md).
 * 2026.12.8: GPU names as model cards and papers write them resolve: a power note ("A100-80GB
 * (TDP of 350-400W)", "A100 400W"), "GPUs" and a plural s ("H100s") are dropped, so such runs
 * are no longer rejected; a catalogue name's own power variant ("Baidu Kunlun R100 (75W)") still
 * resolves exactly. Provider and country names ("AWS", "Google Cloud", "France", "USA") are
 * read as the ids they name; the estimates of ids already accepted do not change.
 * 2026.12.9: a disclosed serverCount whose servers of the GPU's default multi-GPU class cannot
 * hold the GPUs (64 GPUs "on 1 server") is raised to ceil(gpus / GPUs per server) (rule
 * "servers-hold-gpus"): such a run's host power and embodied emissions were those of the
 * disclosed servers only (1 host for 64 GPUs: facility energy 217 instead of 250 kWh in 10 h
 * on A100s). With a disclosed or managed-service server model the counts are rejected.
 * 2026.12.10: 56 more base models (71: LLaMA, Llama 3.1 70B/405B, 3.2, 3.3, Code Llama, Gemma 2,
 * Qwen2.5, Phi-2, TinyLlama, T5, Flan-T5, BART, RoBERTa large, XLM-R, DeBERTa-v3, OPT, BLOOM, ViT,
 * ResNet-50, Whisper; scripts/curated.ts, each with its paper or model card), and a chat /
 * instruction-tuned Hugging Face id ("...-Instruct", "-chat-hf", "-it") names its base: a run on
 * one no longer needs startTime (imputed from the release date) or, with tokens, its hours. Sizes
 * with a decimal point no longer meet whole ones in the lookup (OPT 1.3B vs 13B).
 * 2026.12.11: 6 more base models (77: OPT-175B, ViT huge, StarCoder / StarCoderBase, StarCoder2
 * 3B/7B/15B), and a cloud region id retyped within its provider ("US-West 2" on AWS: us-west-2)
 * is read as that region instead of rejected.
 * 2026.12.12: `gpuHours` (GPUs x reserved hours, as model cards publish compute: "184,320 GPU
 * hours") gives the hours (gpuHours / GPUs) or, with the hours, the GPUs; a run that gives only
 * GPU-hours was rejected or, entered as hours with no count, priced for 8 GPUs (8x its energy).
 * Estimates keep the version they were made with (Estimate.methodologyVersion).
 */
export const METHODOLOGY_VERSION = "finetrace-2026.12.12";

/**
 * Training FLOPs per parameter per token (METHODOLOGY.md s.4). Full fine-tuning: 6 (forward 2N +
 * backward 4N; Kaplan et al. 2020, "Scaling Laws for Neural Language Models", s.2.1).
 * Parameter-efficient methods skip the weight gradients of the frozen base (half the backward
 * pass): 2N + 2N = 4 (same accounting; Hu et al. 2021 LoRA train the adapters only).
 */
export const flopsPerParameterPerToken: Readonly<Record<FineTuningMethod, number>> = {
  full: 6,
  lora: 4,
  qlora: 4,
  adapter: 4,
  "prompt-tuning": 4,
};

/**
 * Model FLOPs utilization (achieved / peak FLOPS). Chowdhery et al. 2022 (PaLM, Table 3) report
 * MFU of large training runs: GPT-3 21.3 %, Gopher 32.5 %, Megatron-Turing NLG 30.2 %,
 * PaLM 46.2 %. Default 0.30 (Megatron-Turing, on A100); bounds = the table's min and max.
 * One value for every GPU generation: no per-generation fine-tuning MFU is published.
 */
export const modelFlopsUtilization = { value: 0.3, low: 0.213, high: 0.462 } as const;
export const modelFlopsUtilizationSource =
  "Chowdhery et al. 2022 (PaLM) Table 3 MFU: 0.302 Megatron-Turing NLG (default), range 0.213 (GPT-3) to 0.462 (PaLM)";

/**
 * Utilization defaults when not disclosed: the seed's example disclosure (Scope3 fine_tuning.mdx:
 * 47 % GPU, 12 % CPU). Bounds: the physically possible 0..1, since no workload table is published.
 */
export const defaultGpuUtilizationFraction = 0.47;
export const defaultCpuUtilizationFraction = 0.12;
export const utilizationSource = "Scope3 fine_tuning.mdx example disclosure (47 % GPU, 12 % CPU)";
/**
 * CPU utilization of a CPU-only run (gpuCount 0, METHODOLOGY.md s.3a) when not disclosed: the
 * CPUs do the training, so the 12 % of a GPU job's host does not apply. Green Algorithms
 * (Lannelongue, Grealey, Inouye 2021, Adv. Sci. 2100707): "the usage factor corrects for the real
 * core usage (default is 1, i.e. full usage)".
 */
export const defaultCpuOnlyUtilizationFraction = 1;
export const cpuOnlyUtilizationSource =
  "Green Algorithms (Lannelongue et al. 2021): core usage factor default 1 (full usage), for a CPU-only run (METHODOLOGY.md s.3a)";

/** Hardware use life for embodied amortization, years (Scope3 training.mdx; METHODOLOGY.md s.5). */
export const hardwareUseLifeYears = 4;
/** Share of the hardware's life it is reserved (Scope3 training.mdx; METHODOLOGY.md s.5). */
export const hardwareReservedUtilizationFraction = 0.95;
export const HOURS_PER_YEAR = 8760;

/**
 * Expected use life of a fine-tuned model when not disclosed: one year (Scope3 training.mdx,
 * amortization example: "the model lifecycle would be around a year").
 */
export const defaultUseLifeDays = 365;
/** Expected inferences per day when not disclosed: the seed's example (Scope3 fine_tuning.mdx, 1000 a day). */
export const defaultInferencesPerDay = 1000;

/** Strubell, Ganesh, McCallum 2019 (METHODOLOGY.md s.8): PUE 1.58 (Uptime Institute 2018). */
export const strubellPue = 1.58;
/** Strubell et al. 2019: 0.954 lbs CO2e per kWh (EPA US average, 2018). */
export const strubellLbsCo2ePerKwh = 0.954;
/** Exact: 1 lb = 0.45359237 kg (international avoirdupois pound). */
export const KG_PER_LB = 0.45359237;
/**
 * Strubell et al. 2019's carbon intensity in gCO2e/kWh: 0.954 lbs/kWh x 453.59237 g/lb
 * = 432.727 g/kWh (EPA US average as used in the paper; a direct-emissions signal).
 */
export const strubellIntensityGPerKwh = strubellLbsCo2ePerKwh * KG_PER_LB * 1000;

/**
 * The additive quantities of a `RunEstimate`, in report column order: the one list the SQL
 * aggregation, the estimate writer, the report model and its CSV columns derive from
 * (`SummableQuantity` is its element type).
 */
export const summableQuantities = [
  "itEnergyKwh",
  "facilityEnergyKwh",
  "operationalCarbonKgCo2e",
  "embodiedCarbonKgCo2e",
  "totalCarbonKgCo2e",
  "onsiteWaterLiters",
  "offsiteWaterLiters",
  "embodiedWaterLiters",
  "totalWaterLiters",
] as const satisfies readonly (keyof RunEstimate)[];
