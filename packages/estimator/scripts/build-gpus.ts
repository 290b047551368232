/**
 * The GPU catalogue of `data/hardware.json`: the curated rows of `curated-gpus.ts` joined with
 * their public-table rows, then every other Epoch AI accelerator that has a TDP, a memory size and
 * a FLOP/s figure. Called by `build-reference-data.ts`; pure (tables in, rows out).
 *
 * Units: Epoch gives FLOP/s and bytes (divided by 1e12 and 1e9 here); mlco2 TFLOPS and GB.
 */
import {
  A100_PROXY_EMBODIED,
  A100_PROXY_WATER,
  type CuratedGpu,
  type EpochRowExtras,
  type FormFactor,
} from "./curated-gpus.js";

type Row = Record<string, string>;
/** A CSV cell as a number; null when empty or not a number. */
export const num = (s: string | undefined): number | null => {
  if (s === undefined || s.trim() === "") return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};
/** Rounded to `digits` decimals (the generated JSON stays byte-stable across runs). */
export const round = (n: number, digits = 4) => Number(n.toFixed(digits));
export function fail(message: string): never {
  throw new Error(`build-reference-data: ${message}`);
}

export const EPOCH_LICENSE = "Epoch AI, 'Data on Machine Learning Hardware' (CC BY 4.0)";
const EP = {
  tdp: "TDP (W)",
  memory: "Memory (bytes)",
  fp32: "FP32 (single precision) performance (FLOP/s)",
  tensor: "Tensor-FP16/BF16 performance (FLOP/s)",
  fp16: "FP16 (half precision) performance (FLOP/s)",
  date: "Release date",
} as const;

export interface SourceTables {
  epoch: Row[];
  mlco2: Row[];
  greenAlgorithms: Row[];
  idleFraction: { value: number; source: string };
}

/** A labelled candidate value; the first non-null wins, the others are checked against it. */
type Candidate = [label: string, value: number | null | undefined];
function pick(what: string, unit: string, candidates: Candidate[], notes: string[]): number | null {
  const present = candidates.filter((c): c is [string, number] => typeof c[1] === "number");
  const first = present[0];
  if (!first) return null;
  for (const [label, v] of present.slice(1)) {
    if (Math.abs(v - first[1]) > 0.5)
      notes.push(`${label} lists ${what} ${round(v, 2)} ${unit} (not used: ${first[0]} wins)`);
  }
  return round(first[1], 2);
}

const tflops = (flops: number | null, devices: number) =>
  flops === null ? null : round(flops / 1e12 / devices, 2);
const yearOf = (date: string | undefined) =>
  date && /^\d{4}/.test(date) ? Number(date.slice(0, 4)) : null;

/** Training peak: override > mlco2 (with the existing rules) > tensor > FP16 if not crippled > FP32. */
function trainingPeak(
  g: CuratedGpu,
  ml: Row | undefined,
  tensor: number | null,
  fp16: number | null,
  fp32: number | null,
  notes: string[],
): number {
  if (g.peakTflops16Override) return g.peakTflops16Override.value;
  const mlValue = ml ? num(g.peakFromSourceTflops32 ? ml.TFLOPS32 : ml.TFLOPS16) : null;
  if (mlValue !== null) {
    if (g.halveSourceTflopsForSparsity)
      notes.push("TFLOPS16 halved: the source quotes the NVIDIA datasheet figure with sparsity");
    return g.halveSourceTflopsForSparsity ? mlValue / 2 : mlValue;
  }
  if (tensor !== null) return tensor;
  if (fp16 !== null && fp32 !== null && fp16 >= fp32) return fp16;
  if (fp32 !== null) {
    notes.push("training peak = FP32 (no tensor or full-rate FP16 figure)");
    return fp32;
  }
  return fail(`${g.id}: no training peak`);
}

function curatedEntry(g: CuratedGpu, t: SourceTables, epochByName: Map<string, Row>) {
  const ep = g.epochRow ? epochByName.get(g.epochRow) : undefined;
  if (g.epochRow && !ep) fail(`Epoch ml_hardware.csv has no row "${g.epochRow}"`);
  const ml = g.mlco2Row ? t.mlco2.find((r) => r.name === g.mlco2Row) : undefined;
  if (g.mlco2Row && !ml) fail(`mlco2 gpus.csv has no row "${g.mlco2Row}"`);
  const ga = g.greenAlgorithmsRow
    ? t.greenAlgorithms.find((r) => r.model === g.greenAlgorithmsRow)
    : undefined;
  if (g.greenAlgorithmsRow && !ga) fail(`Green Algorithms has no row "${g.greenAlgorithmsRow}"`);
  const dev = g.devicesPerBoard ?? 1;
  const ds = g.datasheet;
  const notes: string[] = [];
  const epLabel = `Epoch row "${g.epochRow}"${dev > 1 ? ` / ${dev} devices` : ""}`;
  const mlLabel = `mlco2 gpus.csv row "${g.mlco2Row}"`;
  const gaLabel = `Green Algorithms TDP_gpu.csv row "${g.greenAlgorithmsRow}"`;
  const epTdp = num(ep?.[EP.tdp]);
  const epMem = num(ep?.[EP.memory]);
  const tdpWatts =
    pick(
      "TDP",
      "W",
      [
        ["datasheet", ds?.tdpWatts],
        ["override", g.tdpWattsOverride?.value],
        [epLabel, epTdp === null ? null : epTdp / dev],
        [mlLabel, num(ml?.tdp_watts)],
        [gaLabel, num(ga?.TDP)],
      ],
      notes,
    ) ?? fail(`${g.id}: no TDP`);
  const memoryGb =
    pick(
      "memory",
      "GB",
      [
        ["override", g.memoryGbOverride?.value],
        ["datasheet", ds?.memoryGb],
        [epLabel, epMem === null ? null : epMem / 1e9 / dev],
        [mlLabel, num(ml?.memory)],
      ],
      notes,
    ) ?? fail(`${g.id}: no memory`);
  const computedFp32 =
    ds?.cudaCores && ds.boostClockMhz ? (2 * ds.cudaCores * ds.boostClockMhz) / 1e6 : undefined;
  const fp32 = pick(
    "FP32",
    "TFLOPS",
    [
      ["datasheet", ds?.fp32Tflops ?? computedFp32],
      [epLabel, tflops(num(ep?.[EP.fp32]), dev)],
      [mlLabel, num(ml?.TFLOPS32)],
    ],
    [],
  );
  const tensor = ds?.tensorFp16Tflops ?? tflops(num(ep?.[EP.tensor]), dev);
  const fp16 = tflops(num(ep?.[EP.fp16]), dev);
  const peak = trainingPeak(g, ml, tensor, fp16, fp32, notes);
  const releaseYear =
    ds?.releaseYear ?? yearOf(ep?.[EP.date]) ?? num(ga?.Release_year) ?? fail(`${g.id}: no year`);
  const sources = [
    ds ? `vendor datasheet ${ds.url}${ds.note ? ` (${ds.note})` : ""}` : undefined,
    ep ? `${EPOCH_LICENSE} row "${g.epochRow}"` : undefined,
    ml ? `mlco2/impact gpus.csv row "${g.mlco2Row}" (MIT)` : undefined,
    ga ? `Green Algorithms TDP_gpu.csv row "${g.greenAlgorithmsRow}" (CC BY 4.0)` : undefined,
    g.tdpWattsOverride?.source,
    g.peakTflops16Override?.source,
    g.peakFromSourceTflops32?.reason,
    g.memoryGbOverride?.source,
    ...notes,
  ];
  return entry(g, { tdpWatts, memoryGb, fp32, tensor, peak, releaseYear }, sources, t);
}

interface Values {
  tdpWatts: number;
  memoryGb: number;
  fp32: number | null;
  tensor: number | null;
  peak: number;
  releaseYear: number | null;
}

function entry(
  g: Pick<CuratedGpu, "id" | "name" | "aliases" | "architecture" | "formFactor" | "familyDefault"> &
    Pick<CuratedGpu, "embodiedCarbonKgCo2e" | "embodiedWaterLiters">,
  v: Values,
  sources: (string | undefined)[],
  t: SourceTables,
) {
  return {
    id: g.id,
    name: g.name,
    aliases: g.aliases,
    architecture: g.architecture,
    formFactor: g.formFactor,
    familyDefault: g.familyDefault ?? false,
    releaseYear: v.releaseYear,
    tdpWatts: v.tdpWatts,
    idlePowerWatts: round(v.tdpWatts * t.idleFraction.value, 2),
    peakTflops16Dense: v.peak,
    peakFp32Tflops: v.fp32,
    peakTensorFp16Tflops: v.tensor,
    memoryGb: v.memoryGb,
    embodiedCarbonKgCo2e: g.embodiedCarbonKgCo2e.value,
    embodiedWaterLiters: g.embodiedWaterLiters.value,
    source: {
      specs: sources.filter(Boolean).join("; "),
      idlePower: t.idleFraction.source,
      embodiedCarbon: g.embodiedCarbonKgCo2e.source,
      embodiedWater: g.embodiedWaterLiters.source,
    },
  };
}

/** Form factor of an Epoch row from its name and type (the file has no form-factor column). */
function epochFormFactor(r: Row): FormFactor {
  const n = r["Hardware name"]?.toLowerCase() ?? "";
  if (/geforce|titan|radeon rx/.test(n)) return "consumer";
  if (/quadro|rtx a\d|rtx \d+ ada/.test(n)) return "workstation";
  if (/sxm|dgxs|hgx|gh200|gb[23]00|\bb[123]00\b/.test(n)) return "sxm";
  if (/pcie|pcle/.test(n)) return "pcie";
  if (r.Manufacturer === "NVIDIA" && r.Type === "GPU") return "pcie";
  return "module";
}

function epochId(r: Row): string {
  const name = r["Hardware name"] ?? "";
  const maker = r.Manufacturer ?? "";
  const tail = maker && name.startsWith(`${maker} `) ? name.slice(maker.length + 1) : name;
  return tail
    .replace(/PCle/g, "PCIe")
    .replace(/[^A-Za-z0-9.]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** An Epoch row as a catalogue entry (with its `extras`: aliases, family default), or null. */
function epochEntry(r: Row, t: SourceTables, extras: EpochRowExtras[string] | undefined) {
  const tdp = num(r[EP.tdp]);
  const mem = num(r[EP.memory]);
  const fp32 = tflops(num(r[EP.fp32]), 1);
  const tensor = tflops(num(r[EP.tensor]), 1);
  const fp16 = tflops(num(r[EP.fp16]), 1);
  const peak = tensor ?? (fp16 !== null && (fp32 === null || fp16 >= fp32) ? fp16 : fp32);
  if (tdp === null || mem === null || peak === null) return null;
  const name = (r["Hardware name"] ?? "").replace(/PCle/g, "PCIe");
  return entry(
    {
      id: epochId(r),
      name,
      aliases: extras?.aliases ?? [],
      architecture: "unspecified",
      formFactor: epochFormFactor(r),
      familyDefault: extras?.familyDefault,
      embodiedCarbonKgCo2e: A100_PROXY_EMBODIED,
      embodiedWaterLiters: A100_PROXY_WATER,
    },
    {
      tdpWatts: tdp,
      memoryGb: round(mem / 1e9, 2),
      fp32,
      tensor,
      peak,
      releaseYear: yearOf(r[EP.date]),
    },
    [
      `${EPOCH_LICENSE} row "${r["Hardware name"]}": TDP, memory (bytes / 1e9), FLOP/s / 1e12; training peak = tensor FP16/BF16, else FP16 when not below FP32, else FP32`,
      extras?.note,
    ],
    t,
  );
}

/**
 * The catalogue: curated rows first (their order decides family fallbacks), then the Epoch rows no
 * curated row names, in file order, with their `extras` (aliases, family default). Rows without
 * TDP, memory or any FLOP/s figure are left out.
 * @throws Error on a missing source row, an `extras` row that is curated or left out, or a
 * duplicate id.
 */
export function buildGpuCatalogue(
  curated: CuratedGpu[],
  t: SourceTables,
  extras: EpochRowExtras = {},
) {
  const epochByName = new Map(t.epoch.map((r) => [r["Hardware name"] ?? "", r]));
  const consumed = new Set<string>();
  for (const g of curated)
    for (const n of [g.epochRow, ...(g.epochAlsoRows ?? [])]) {
      if (n === undefined) continue;
      if (!epochByName.has(n)) fail(`Epoch ml_hardware.csv has no row "${n}"`);
      consumed.add(n);
    }
  for (const n of Object.keys(extras)) {
    if (!epochByName.has(n)) fail(`epochRowExtras: Epoch ml_hardware.csv has no row "${n}"`);
    if (consumed.has(n)) fail(`epochRowExtras: row "${n}" is curated; put its aliases there`);
  }
  const gpus = curated.map((g) => curatedEntry(g, t, epochByName));
  const skipped: string[] = [];
  for (const r of t.epoch) {
    const name = r["Hardware name"] ?? "";
    if (consumed.has(name)) continue;
    const e = epochEntry(r, t, extras[name]);
    if (e) gpus.push(e);
    else if (extras[name]) fail(`epochRowExtras: row "${name}" has no TDP, memory or FLOP/s`);
    else skipped.push(name);
  }
  const ids = new Set<string>();
  for (const g of gpus) {
    if (ids.has(g.id)) fail(`duplicate GPU id ${g.id}`);
    ids.add(g.id);
  }
  return { gpus, skippedEpochRows: skipped };
}
