/**
 * GPU name resolver: what users write ("Tesla V100-PCIE-32GB", "1 x NVIDIA GeForce RTX 3060
 * Laptop GPU", "2080Ti", "Apple M1 Pro", "NVIDIA V100") -> a catalogue entry of
 * data/hardware.json, with the `N x` device count (CodeCarbon / NVML prefix) returned separately.
 *
 * Steps: (1) exact id / name / alias (punctuation-insensitive) -> resolved as disclosed;
 * (2) tokenize: vendor words (NVIDIA, Tesla, GeForce, AMD, Apple...), "GPU", "with ... Design"
 * and product-line words (RTX, GTX, Quadro) dropped; memory ("80GB", "32 GB") and form-factor
 * tokens (pcie, sxm2, sxm4, dgxs...) set aside; notes dropped (a parenthetical about power,
 * "(TDP of 700W)"; a power figure, "400W"; "GPUs"; the plural s of "H100s"); "Laptop"/"Mobile"
 * and "Max-Q" kept as model tokens; the rest is the model key ("rtx 3060 laptop" -> "3060
 * laptop"); (3) the entries with that key, filtered by memory and form factor: one left ->
 * disclosed; several -> the family's
 * default (rule "gpu-family-default", provenance names the variant); (4) several GPUs in one
 * string (CodeCarbon on mixed hosts concatenates "1 x A1 x B") -> the GPU with the most devices,
 * the first on a tie (rule "gpu-mixed-host", provenance names all); (5) an Apple M-series SoC of a
 * generation or tier the catalogue lacks: the same tier's nearest generation (rule
 * "gpu-apple-generation"); (6) a MIG instance or vGPU profile -> the physical GPU (rule
 * "gpu-partition"); TPU slice and NVIDIA rack names carry their chip count. Unknown names carry the three nearest catalogue entries by edit
 * distance of the model key (`closeGpuMatch`: the one a near-miss is, if any).
 *
 * Results are cached by the raw string (the hot path is one Map lookup); the cache is cleared at
 * 10,000 names.
 */
import { editDistance } from "./edit-distance.js";
import { UnknownReferenceError } from "./errors.js";
import { DISCLOSED } from "./normalize/shared.js";
import { type GpuSpec, lookupKey, referenceData } from "./reference.js";
import type { Provenance } from "./types.js";

/** A resolved GPU name. `count`: the "N x" device count of the string, null when absent. */
export interface GpuNameResolution {
  readonly gpu: GpuSpec;
  readonly count: number | null;
  /** How `count` was read when it is not an "N x" prefix (a TPU slice or rack name). */
  readonly countSource?: string;
  /** What a slice or rack name counts, for messages: ("TPU slice", "chips"), ("rack", "GPUs"). */
  readonly countGroup?: CountGroup;
  /** DISCLOSED when the name picks one entry; else imputed "gpu-family-default" / "gpu-mixed-host". */
  readonly provenance: Provenance;
}

/** A name that stands for several devices: what it is and what its count counts. */
export interface CountGroup {
  readonly name: "TPU slice" | "rack";
  readonly unit: "chips" | "GPUs";
}

/** Outcome of `lookupGpuName`: a resolution, or why not (with the three nearest entries). */
export type GpuNameLookup =
  | ({ readonly ok: true } & GpuNameResolution)
  | { readonly ok: false; readonly count: number | null; readonly nearest: readonly string[] };

const DROP = new Set([
  "nvidia",
  "tesla",
  "geforce",
  "gpu",
  "gpus",
  "graphics",
  // a board-power note written beside the name ("A100 400W", "H100 (TDP of 700W)")
  "tdp",
  "amd",
  "radeon",
  "instinct",
  "intel",
  "habana",
  "huawei",
  "google",
  "amazon",
  "aws",
  "apple",
  "with",
  "design",
  "generation",
  "hgx",
  "rtx",
  "gtx",
  "quadro",
  "hbm2",
  "hbm2e",
  "hbm3",
  "hbm3e",
  "gddr6",
  "gddr6x",
  "founders",
  "edition",
  // NVIDIA's product-page name of its data-center GPUs ("NVIDIA A100 Tensor Core GPU")
  "tensor",
  "core",
  // a system or platform word around the GPU's model ("NVIDIA DGX A100", "GH200 Grace Hopper")
  "dgx",
  "grace",
  "hopper",
]);
/**
 * A parenthetical of a GPU name about its power ("(TDP of 350-400W)", "(700 W)") is a note and
 * dropped; any other tells the variant ("V100 (32GB)", "TITAN X (Pascal)") and is read.
 */
const PARENTHETICAL_NOTE = /\btdp\b|\d\s*w\b|\bwatts?\b/i;
const dropPowerNote = (group: string, inner: string) =>
  PARENTHETICAL_NOTE.test(inner) ? " " : group;
/** A power figure beside the name ("400w", "700w"): a note, not part of the model. */
const POWER_TOKEN = /^\d+(\.\d+)?w$/;
const FORM = new Set(["pcie", "sxm", "sxm2", "sxm3", "sxm4", "sxm5", "dgxs", "oam"]);
const FORM_ALIAS: Record<string, string> = { pcle: "pcie", mobile: "laptop", notebook: "laptop" };

interface Parsed {
  key: string;
  memoryGb: number | null;
  forms: string[];
}

/**
 * Tokens of a GPU name (no count prefix): model key, memory (GB), form-factor tokens. Power notes
 * are dropped from what users write, kept in `catalogueName`s (where they name a variant).
 */
export function parseGpuName(name: string, catalogueName = false): Parsed {
  // a catalogue name's power figure tells a variant apart ("Baidu Kunlun R100 (75W)")
  const noted = catalogueName ? name : name.replace(/\(([^)]*)\)/g, dropPowerNote);
  const text = noted
    .toLowerCase()
    .replace(/max[-\s]?q/g, " maxq ")
    .replace(/titan\s+rtx/g, "titanrtx")
    .replace(/(\d)(ti|super|gb|g)\b/g, "$1 $2")
    .replace(/[^a-z0-9.]+/g, " ");
  const model: string[] = [];
  const forms: string[] = [];
  let memoryGb: number | null = null;
  const tokens = text.split(" ").filter(Boolean);
  for (let i = 0; i < tokens.length; i++) {
    const t = FORM_ALIAS[tokens[i] as string] ?? (tokens[i] as string);
    const next = tokens[i + 1];
    if (/^\d+(\.\d+)?$/.test(t) && (next === "gb" || next === "g" || next === "gib")) {
      memoryGb = Number(t);
      i++;
    } else if (FORM.has(t)) forms.push(t);
    else if (!DROP.has(t) && (catalogueName || !POWER_TOKEN.test(t))) model.push(t);
  }
  return { key: model.join(" "), memoryGb, forms };
}

const formClass = (f: string) => (f.startsWith("sxm") || f === "dgxs" ? "sxm" : f);
const gpus = referenceData.gpus;
const exact = new Map<string, GpuSpec>();
for (const g of gpus) for (const n of [g.id, g.name, ...g.aliases]) exact.set(lookupKey(n), g);
const byKey = new Map<string, { gpu: GpuSpec; forms: string[] }[]>();
for (const g of gpus) {
  const seen = new Set<string>();
  // a parenthetical of a catalogue name ("NVIDIA B300 (Blackwell Ultra)") is not part of the model
  const bare = g.name.replace(/\s*\([^)]*\)/g, "");
  for (const n of [g.name, bare, g.id, ...g.aliases]) {
    const p = parseGpuName(n, true);
    if (!p.key || seen.has(p.key)) continue;
    seen.add(p.key);
    const list = byKey.get(p.key) ?? [];
    if (!list.some((c) => c.gpu === g)) list.push({ gpu: g, forms: p.forms });
    byKey.set(p.key, list);
  }
}

/** Entries matching a parsed name, narrowed by memory and form factor where that leaves some. */
function candidates(p: Parsed): { gpu: GpuSpec; forms: string[] }[] {
  let list =
    byKey.get(p.key) ??
    (p.key.includes("maxq") ? byKey.get(p.key.replace("maxq", "laptop").trim()) : undefined) ??
    [];
  const narrow = (keep: (c: { gpu: GpuSpec; forms: string[] }) => boolean) => {
    const kept = list.filter(keep);
    if (kept.length > 0) list = kept;
  };
  if (p.memoryGb !== null) narrow((c) => c.gpu.memoryGb === p.memoryGb);
  for (const f of p.forms) {
    narrow((c) => c.forms.includes(f) || c.gpu.formFactor === formClass(f));
    narrow((c) => c.forms.includes(f));
  }
  return list;
}

function familyDefault(raw: string, list: { gpu: GpuSpec }[]): GpuNameResolution {
  const chosen = (list.find((c) => c.gpu.familyDefault) ?? list[0])?.gpu as GpuSpec;
  const variants = list.map((c) => c.gpu.id).join(", ");
  return {
    gpu: chosen,
    count: null,
    provenance: Object.freeze({
      status: "imputed",
      rule: "gpu-family-default",
      source: `"${raw}" names ${list.length} catalogue variants (${variants}); the family default ${chosen.name} is used`,
      value: chosen.id,
    }),
  };
}

/** Apple M-series SoCs of the catalogue by tier ("", "pro", "max", "ultra") and generation. */
const appleKey = /^m(\d+)(?: (pro|max|ultra))?$/;
const appleByTier = new Map<string, { generation: number; gpu: GpuSpec }[]>();
for (const g of gpus) {
  const m = g.architecture === "apple" ? appleKey.exec(parseGpuName(g.name, true).key) : null;
  if (!m) continue;
  const tier = m[2] ?? "";
  const list = appleByTier.get(tier) ?? [];
  list.push({ generation: Number(m[1]), gpu: g });
  appleByTier.set(tier, list);
}

/**
 * An Apple M-series SoC the catalogue does not have ("Apple M5", "M4 Max"): the catalogued SoC of
 * the same tier nearest in generation (the newer on a tie) stands in, said so in provenance (rule
 * "gpu-apple-generation"). Apple's tiers keep their package class across generations (Mac
 * power-consumption pages: M1 39 W, M2 50 W, M4 65 W Mac mini maxima), so the same tier is the
 * closest figure the catalogue has.
 */
function appleGeneration(raw: string, key: string): GpuNameResolution | undefined {
  const m = appleKey.exec(key);
  const list = m ? appleByTier.get(m[2] ?? "") : undefined;
  if (!m || !list) return undefined;
  const wanted = Number(m[1]);
  const distance = (e: { generation: number }) => Math.abs(e.generation - wanted);
  const best = [...list].sort(
    (a, b) => distance(a) - distance(b) || b.generation - a.generation,
  )[0];
  if (!best) return undefined;
  return {
    gpu: best.gpu,
    count: null,
    provenance: Object.freeze({
      status: "imputed",
      rule: "gpu-apple-generation",
      source: `"${raw}" is not in the catalogue: ${best.gpu.name}, the catalogued Apple SoC of the same tier nearest in generation, stands in (METHODOLOGY.md s.2)`,
      value: best.gpu.id,
    }),
  };
}

/** One GPU name without a count prefix. */
function resolveOne(raw: string): GpuNameResolution | undefined {
  // "H100s", "16 V100s": a lower-case s after the model number is a plural (NVIDIA writes "V100S")
  const singular = /\ds$/.test(raw) ? resolveOne(raw.slice(0, -1)) : undefined;
  if (singular) return singular;
  const hit = exact.get(lookupKey(raw));
  if (hit) return { gpu: hit, count: null, provenance: DISCLOSED };
  const parsed = parseGpuName(raw);
  const list = candidates(parsed);
  if (list.length === 0) return appleGeneration(raw, parsed.key);
  if (list.length === 1)
    return { gpu: (list[0] as { gpu: GpuSpec }).gpu, count: null, provenance: DISCLOSED };
  return familyDefault(raw, list);
}

/** Catalogue entries by edit distance of the model keys to `raw`'s (one per key, nearest first). */
function byDistance(raw: string): { d: number; gpu: GpuSpec }[] {
  const q = parseGpuName(raw).key.replace(/ /g, "");
  const scored = [...byKey.entries()].map(([k, list]) => ({
    d: editDistance(q, k.replace(/ /g, "")),
    gpu: (list.find((c) => c.gpu.familyDefault) ?? list[0])?.gpu as GpuSpec,
  }));
  return scored.sort((a, b) => a.d - b.d || a.gpu.id.localeCompare(b.gpu.id));
}

/** The three catalogue entries nearest to `raw` (edit distance of the model keys; names). */
export function nearestGpuNames(raw: string, n = 3): string[] {
  const names: string[] = [];
  for (const s of byDistance(raw)) {
    if (!names.includes(s.gpu.name)) names.push(s.gpu.name);
    if (names.length === n) break;
  }
  return names;
}

/**
 * The catalogue entry one or two edits away from an unknown name (one for model keys of up to 6
 * characters: "B300" -> B200; two beyond: "5060 laptop" -> "4060 laptop"), the first by id on a
 * tie; undefined when none is that close. A near-miss is most often the same product line's next
 * model, so it describes the hardware class better than an unrelated default.
 */
export function closeGpuMatch(raw: string): GpuSpec | undefined {
  const length = parseGpuName(raw).key.replace(/ /g, "").length;
  const best = byDistance(raw)[0];
  return best && length > 0 && best.d <= (length <= 6 ? 1 : 2) ? best.gpu : undefined;
}

interface Segment {
  count: number | null;
  name: string;
}

/**
 * Split "N x name" segments. CodeCarbon joins the GPUs of a mixed host with no separator
 * ("1 x NVIDIA GeForce RTX 40601 x NVIDIA ..."): the count's digits are glued to the previous
 * name, so the split keeps the longest model number that still resolves (1-3 trailing digits).
 */
export function splitGpuSegments(raw: string): Segment[] {
  // "8 x A100", and "8x80GB A100" (a count glued to the memory: "x" then digits and GB)
  const re = /(\d+)\s*x(?:\s+(?=[a-z])|\s*(?=\d+\s*gb\b))/gi;
  const segments: Segment[] = [];
  let start = 0;
  let count: number | null = null;
  for (let m = re.exec(raw); m !== null; m = re.exec(raw)) {
    let digits = m[1] as string;
    if (m.index > start) {
      let prefix = raw.slice(start, m.index);
      const separated = /([,;+&]|\band)\s*$/i.test(prefix);
      for (let k = 1; !separated && k < Math.min(4, digits.length); k++) {
        const tryName = prefix + digits.slice(0, digits.length - k);
        if (resolveOne(tryName.trim())) {
          prefix = tryName;
          digits = digits.slice(digits.length - k);
          break;
        }
      }
      if (!separated && prefix === raw.slice(start, m.index) && digits.length > 1) {
        prefix += digits.slice(0, -1);
        digits = digits.slice(-1);
      }
      segments.push({ count, name: prefix.replace(/([,;+&]|\band)\s*$/i, "").trim() });
    }
    count = Number(digits);
    start = m.index + m[0].length;
  }
  segments.push({ count, name: raw.slice(start).trim() });
  return segments.filter((s) => s.name.length > 0);
}

function mixed(raw: string, parts: { seg: Segment; r: GpuNameResolution | undefined }[]) {
  let best: { seg: Segment; r: GpuNameResolution } | undefined;
  for (const p of parts) {
    if (!p.r) continue;
    if (!best || (p.seg.count ?? 1) > (best.seg.count ?? 1)) best = { seg: p.seg, r: p.r };
  }
  if (!best) return undefined;
  const all = parts.map(
    (p) => `${p.seg.count ?? 1} x ${p.r ? p.r.gpu.id : `${p.seg.name} (unknown)`}`,
  );
  const provenance: Provenance = Object.freeze({
    status: "imputed",
    rule: "gpu-mixed-host",
    source: `"${raw}" lists ${parts.length} GPUs (${all.join(", ")}); the one with the most devices (first on a tie), ${best.r.gpu.name}, is used`,
    value: best.r.gpu.id,
  });
  return { gpu: best.r.gpu, count: best.seg.count, provenance };
}

/**
 * Cloud TPU slice names ("TPU v3-8", "v5litepod-16"): the number counts TensorCores on v2, v3,
 * v4 and v5p (two per chip) and chips on v5e and v6e (one TensorCore per chip), per Google Cloud's
 * TPU documentation ("TPU versions", "System architecture": v3-8 = 4 chips, v5litepod-8 = 8).
 * The catalogue's TPU entries are per chip.
 */
const tpuSlice = /^(?:google\s+)?(?:cloud\s+)?(?:tpu[\s-]*(v[2-6][ep]?)|(v5litepod))[\s-]+(\d+)$/i;
const tpuChip: Record<string, { id: string; coresPerChip: number }> = {
  v2: { id: "TPU-v2", coresPerChip: 2 },
  v3: { id: "TPU-v3", coresPerChip: 2 },
  v4: { id: "TPU-v4", coresPerChip: 2 },
  v5p: { id: "TPU-v5p", coresPerChip: 2 },
  v5e: { id: "TPU-v5e", coresPerChip: 1 },
  v5litepod: { id: "TPU-v5e", coresPerChip: 1 },
  v6e: { id: "TPU-v6e-Trillium", coresPerChip: 1 },
};

function tpuSliceName(raw: string): GpuNameResolution | undefined {
  const m = tpuSlice.exec(raw.trim());
  if (!m) return undefined;
  const version = (m[1] ?? m[2] ?? "").toLowerCase();
  const chip = tpuChip[version];
  const gpu = chip ? gpus.find((g) => g.id === chip.id) : undefined;
  const size = Number(m[3]);
  if (!chip || !gpu || size % chip.coresPerChip !== 0 || size === 0) return undefined;
  const count = size / chip.coresPerChip;
  const counted =
    chip.coresPerChip === 1
      ? `counts ${size} chips`
      : `counts ${size} TensorCores, ${chip.coresPerChip} per chip: ${count} chips`;
  return {
    gpu,
    count,
    countSource: `the TPU slice name "${raw.trim()}" ${counted} (Google Cloud TPU documentation, "System architecture")`,
    countGroup: { name: "TPU slice", unit: "chips" },
    provenance: DISCLOSED,
  };
}

/**
 * NVIDIA rack-scale names ("GB200 NVL72", "GB300 NVL72", "GB200 NVL36"): the number after NVL
 * counts the rack's Blackwell GPUs (NVIDIA GB200 NVL72 page: "36 Grace CPUs and 72 Blackwell
 * GPUs"). The catalogue's GB200 / GB300 entries are per GPU.
 */
const nvlRack = /^(?:nvidia\s+)?(gb200|gb300)\s*nvl\s*(\d{1,4})$/i;
const nvlRackGpu: Record<string, string> = { gb200: "GB200", gb300: "GB300-Blackwell-Ultra" };

function nvlRackName(raw: string): GpuNameResolution | undefined {
  const m = nvlRack.exec(raw.trim());
  if (!m) return undefined;
  const gpu = gpus.find((g) => g.id === nvlRackGpu[(m[1] ?? "").toLowerCase()]);
  const count = Number(m[2]);
  if (!gpu || count === 0) return undefined;
  return {
    gpu,
    count,
    countSource: `the rack name "${raw.trim()}" counts ${count} GPUs (NVIDIA GB200 NVL72: 72 Blackwell GPUs per rack)`,
    countGroup: { name: "rack", unit: "GPUs" },
    provenance: DISCLOSED,
  };
}

/**
 * Device counts written around the name in papers and cards: "8xA100" (glued), "V100 x 8"
 * (after), "4 NVIDIA A100 GPUs" / "16 V100s" (a leading number, with or without "GPUs" or a
 * plural s). Tried only when the
 * whole string names no entry, and a leading number only when the rest resolves, so model
 * numbers ("1080 Ti", "3090") are never read as counts.
 */
const countForms: RegExp[] = [
  /^(?<count>\d{1,5})x(?=[a-z])(?<name>.+)$/i,
  /^(?<name>.+?)\s+[x×]\s*(?<count>\d{1,5})$/i,
  /^(?<count>\d{1,5})\s+(?:x\s+)?(?<name>.+?)$/i,
];

function countAround(raw: string): GpuNameResolution | undefined {
  for (const form of countForms) {
    const { count, name } = form.exec(raw.trim())?.groups ?? {};
    if (count === undefined || name === undefined) continue;
    const r = resolveOne(name);
    if (r && Number(count) > 0) return { ...r, count: Number(count) };
  }
  return undefined;
}

/**
 * A share of one physical GPU as NVML names it: a MIG instance ("NVIDIA A100-SXM4-40GB MIG
 * 3g.20gb", "... MIG 1g.10gb+me") or an NVIDIA vGPU profile ("GRID T4-16Q", "GRID A100D-80C":
 * the D boards are the 80 GB A100s). The physical GPU stands in (rule "gpu-partition"): NVML
 * reports power and energy per physical GPU, not per instance, so a CodeCarbon log's measured
 * energy is the whole GPU's, and its board power and embodied emissions are the consistent
 * figures (an upper bound for the instance: a 3g.20gb instance holds 3 of 7 compute slices).
 */
const migInstance = /^(?<gpu>.+?)\s+MIG\s+\d+g\.\d+gb(?:\+me)?$/i;
const vgpuProfile = /^(?:nvidia\s+)?grid\s+(?<gpu>[a-z]*\d+[a-z]*?)(?<d>dx?)?-\d+[abcq]$/i;

/** The physical GPU's name inside a MIG or vGPU name, and which of the two it is. */
function physicalGpu(raw: string): { name: string; kind: string } | undefined {
  const mig = migInstance.exec(raw)?.groups;
  if (mig?.gpu) return { name: mig.gpu, kind: "MIG instance" };
  const vgpu = vgpuProfile.exec(raw)?.groups;
  if (!vgpu?.gpu) return undefined;
  const memory = vgpu.d && /^a100$/i.test(vgpu.gpu) ? " 80GB" : ""; // A100D: the 80 GB board
  return { name: `${vgpu.gpu}${memory}`, kind: "vGPU profile" };
}

function partitionName(raw: string): GpuNameResolution | undefined {
  const physical = physicalGpu(raw.trim());
  const r = physical && resolveOne(physical.name);
  if (!r) return undefined;
  const how = r.provenance.status === "imputed" ? `; ${r.provenance.source}` : "";
  return {
    gpu: r.gpu,
    count: null,
    provenance: Object.freeze({
      status: "imputed",
      rule: "gpu-partition",
      source: `"${raw.trim()}" is a ${physical.kind} of ${r.gpu.name}: the physical GPU's board power and embodied emissions are used, as NVML measures the whole GPU (METHODOLOGY.md s.2)${how}`,
      value: r.gpu.id,
    }),
  };
}

function lookupUncached(raw: string): GpuNameLookup {
  const slice = tpuSliceName(raw) ?? nvlRackName(raw);
  if (slice) return { ok: true, ...slice };
  if (!resolveOne(raw)) {
    const around = countAround(raw);
    if (around) return { ok: true, ...around };
  }
  const segments = splitGpuSegments(raw);
  const parts = segments.map((seg) => ({
    seg,
    r: resolveOne(seg.name) ?? partitionName(seg.name),
  }));
  if (parts.length > 1) {
    const m = mixed(raw, parts);
    if (m) return { ok: true, ...m };
  } else if (parts[0]?.r) {
    return { ok: true, ...parts[0].r, count: parts[0].seg.count };
  }
  const name = segments[0]?.name ?? raw;
  return { ok: false, count: segments[0]?.count ?? null, nearest: nearestGpuNames(name) };
}

const cache = new Map<string, GpuNameLookup>();

/** Resolve a GPU name without throwing (cached by the raw string). */
export function lookupGpuName(raw: string): GpuNameLookup {
  let hit = cache.get(raw);
  if (hit === undefined) {
    hit = Object.freeze(lookupUncached(raw));
    if (cache.size >= 10_000) cache.clear();
    cache.set(raw, hit);
  }
  return hit;
}

/**
 * Resolve a GPU name (see the module doc).
 * @throws UnknownReferenceError("gpuModel") naming the three nearest catalogue entries.
 */
export function resolveGpuName(raw: string): GpuNameResolution {
  const r = lookupGpuName(raw);
  if (r.ok) return r;
  throw new UnknownReferenceError("gpuModel", raw, `nearest: ${r.nearest.join("; ")}`);
}
