/**
 * CodeCarbon `emissions.csv` -> run disclosure with measured energy, for every header layout
 * CodeCarbon 1.x-3.x wrote (shared/data/hardware_power/codecarbon_observed_headers.txt: 12 to 38
 * columns, `task_name` first, `experiment_id`, `water_consumed`/`wue`, utilization columns,
 * `cloud_provider,cloud_region` at the end, padded or hand-added columns, empty trailing
 * columns). Columns are found by name (trimmed, lower-cased), never by position. Before a row gets
 * here, `codecarbon-rows.ts` realigns the short rows CodeCarbon 3.2.9+ appends and folds a run's
 * cumulative flush snapshots into its last row.
 *
 * Units (CodeCarbon docs, "Output"; `codecarbon/output_methods/emissions_data.py`): `duration`
 * seconds; `energy_consumed` kWh (CPU + GPU + RAM, as measured); `water_consumed` L (=
 * energy_consumed x `wue`, L/kWh; `wue` 0 means not set); `cpu_utilization_percent` and
 * `gpu_utilization_percent` 0..100; `timestamp` the time the row was written, i.e. the END of the
 * run, `%Y-%m-%dT%H:%M:%S` local wall time, usually without an offset; `country_iso_code`
 * ISO 3166-1 alpha-3; `region` the lower-cased region name; `on_cloud` "Y"/"N".
 *
 * Mapping: externalId = `run_id` (pre-2.0 files: `experiment_id`; none when empty), followed by
 * "/" and the `task_name` of a task-mode row (the tasks of one run are separate measurements and
 * must not replace one another when ingested: "2ab8.../rollout_0");
 * baseModel = `project_name` (or `--base-model`); startTime = timestamp - duration, the
 * timestamp's offset when written, else `utcOffset` when given, else UTC on the cloud
 * (`on_cloud` Y: cloud VM images keep their clock in UTC unless the user changed it), else
 * inferred from the place and date (`codecarbon-location.ts`: the region's zone, the country's
 * only offset, or the capital's where the country spans several; `startTimeProvenance` says
 * which); reservedDurationHours = duration / 3600; measuredEnergyKwh = energy_consumed, exactly
 * as written (empty: the sum of the `cpu_energy`, `gpu_energy`, `ram_energy` written; 0 with
 * every part written 0, in a file with GPU columns: not set, the run estimated from its hardware;
 * either said so in `measuredEnergyProvenance`); gpuCount/gpuModel
 * from `gpu_count`/`gpu_model` ("1 x Tesla V100-PCIE-32GB" -> 1, "Tesla V100-PCIE-32GB"; no
 * GPU and an Apple M-series `cpu_model`: that SoC, 1, in `gpuModelProvenance`; no GPU and no
 * GPU energy on another CPU, where the file has GPU columns: gpuCount 0, a CPU-only run, with
 * serverModel "laptop" / "desktop" when `cpu_model` names a mobile / desktop Core or Ryzen part,
 * both in `hostProvenance`); serverCount 1 for a row with 2 or more GPUs (one machine's log);
 * cloudProvider/cloudRegion when on the cloud with a provider the estimator knows (aws, gcp,
 * azure), else gridZone from `region` where it maps to one zone, and countryCode = alpha-2 of
 * `country_iso_code`; wueLitersPerKwh = `wue` when > 0, or water_consumed / energy_consumed when
 * within the disclosure's range (0..`MAX_WUE_LITERS_PER_KWH`; a ratio beyond it is rounding on a
 * tiny energy, not a WUE, and is not used); utilization fractions = percent / 100; pue = `pue` when
 * it is not 1 (CodeCarbon's default: 1 means "not set"; energy_consumed never includes it); with
 * neither set, off the cloud, an `os` of Windows, WSL2 or macOS: pue 1 and wueLitersPerKwh 0.
 * CodeCarbon's `emissions` column is not used: Finetrace prices the measured energy at the hourly
 * grid intensity.
 */
import {
  cloudProviderOfName,
  countryCodeOfName,
  MAX_WUE_LITERS_PER_KWH,
  parseIsoTimestampMs,
  type RunDisclosureInput,
  referenceData,
} from "@finetrace/estimator";
import type { RecordIssue } from "../errors.js";
import {
  gridZoneOfRegion,
  isIsoDateTime,
  type LocalTimeResolution,
  resolveLocalTime,
} from "./codecarbon-location.js";
import { codeCarbonInputProvenance } from "./codecarbon-provenance.js";

export interface CodeCarbonOptions {
  /**
   * Offset of CodeCarbon's naive timestamps, e.g. "+02:00", or "infer" (the default): the offset
   * of the row's region/country time zone at that date. Timestamps written with an offset keep it.
   */
  utcOffset?: string;
  /** Base model of every row; default the row's `project_name`. */
  baseModel?: string;
}

/**
 * How a CodeCarbon row's start time got its UTC offset (the timestamp had none): the zone of the
 * row's region or country, the capital's zone of a country spanning several offsets
 * (`spannedOffsets` lists them), UTC on the cloud, or `--codecarbon-utc-offset`.
 */
export interface StartTimeProvenance {
  status: "imputed";
  rule:
    | "codecarbon-local-time-zone"
    | "codecarbon-capital-time-zone"
    | "codecarbon-cloud-utc-clock"
    | "codecarbon-cloud-kernel-utc-clock"
    | "codecarbon-utc-offset-option";
  /** IANA zone used ("Europe/Copenhagen", "UTC"); null when the offset came from the option. */
  timeZone: string | null;
  /** Offset applied to the written end timestamp, "+02:00". */
  offset: string;
  /** rule "codecarbon-capital-time-zone": the offsets the country spans at that wall time. */
  spannedOffsets?: string[];
  source: string;
}

/**
 * The GPU is an Apple M-series SoC named by `cpu_model` (`gpu_model` empty: CodeCarbon tracked no
 * separate GPU; the SoC's GPU is in the package, and the SoC's machine class carries the embodied
 * emissions, METHODOLOGY.md s.3a), not a GPU the log names.
 */
export interface GpuModelProvenance {
  status: "imputed";
  rule: "codecarbon-soc-from-cpu-model";
  /** `cpu_model` as written, e.g. "Apple M2 Pro". */
  value: string;
  source: string;
}

/**
 * The row is a CPU-only run (gpuCount 0): the file has GPU columns (`gpu_count`, `gpu_model` or
 * `gpu_energy`) and CodeCarbon found no GPU (`gpu_count` and `gpu_model` empty, 0 or absent, no
 * `gpu_energy` / `gpu_power`); `serverModel` is
 * "laptop" or "desktop" when `cpu_model` names a mobile or desktop client CPU, else absent (the
 * estimator's reference CPU server, METHODOLOGY.md s.3a).
 */
export interface HostProvenance {
  status: "imputed";
  rule: "codecarbon-cpu-only";
  /** `cpu_model` as written. */
  cpuModel: string;
  serverModel?: "laptop" | "desktop";
  source: string;
}

/**
 * How the row's energy was read when not as written: summed from CodeCarbon's parts
 * (`energy_consumed` empty: "codecarbon-energy-parts"), or not measured at all ("codecarbon-no-
 * energy-measured": `energy_consumed` and every part written are 0, so the run is estimated
 * from its GPU, count and duration like a run without `measuredEnergyKwh`).
 */
export interface MeasuredEnergyProvenance {
  status: "imputed";
  rule: "codecarbon-energy-parts" | "codecarbon-no-energy-measured";
  /** The columns summed or found 0, e.g. ["gpu_energy", "ram_energy"]. */
  columns: string[];
  source: string;
}

/** How a CodeCarbon row's grid zone was derived from its `region`. */
export interface GridZoneProvenance {
  status: "imputed";
  rule: "codecarbon-region-zone";
  /** CodeCarbon's `region` cell as written. */
  region: string;
  gridZone: string;
  source: string;
}

/**
 * The row had fewer fields than the header (CodeCarbon 3.2.9+ appends rows without their empty
 * columns) and was read by aligning its values by type; the most likely alignments all read the
 * same (`codecarbon-align.ts`).
 */
export interface RowAlignmentProvenance {
  status: "imputed";
  rule: "codecarbon-row-realigned";
  /** The columns the row left out, e.g. ["region", "longitude", "latitude"]. */
  omittedColumns: string[];
  source: string;
}

/**
 * The row is the last of `rows` rows of one run (`codecarbon-snapshots.ts`): cumulative flush
 * snapshots, possibly interleaved with other runs' rows; the earlier ones are not counted.
 */
export interface SnapshotProvenance {
  status: "imputed";
  rule: "codecarbon-flush-snapshots";
  rows: number;
  /** 1-based record number of the run's first snapshot row. */
  firstRecord: number;
  /** The run's duration, s, when the rows' durations restarted (2.x task mode); else absent. */
  durationSeconds?: number;
  source: string;
}

/** What the reader imputed for a row beyond the disclosure (each set only when it applies). */
export interface CodeCarbonNotes {
  rowAlignmentProvenance?: RowAlignmentProvenance;
  snapshotProvenance?: SnapshotProvenance;
  startTimeProvenance?: StartTimeProvenance;
  gridZoneProvenance?: GridZoneProvenance;
  measuredEnergyProvenance?: MeasuredEnergyProvenance;
  gpuModelProvenance?: GpuModelProvenance;
  hostProvenance?: HostProvenance;
}

export interface CodeCarbonRecord extends CodeCarbonNotes {
  externalId: string | undefined;
  input: RunDisclosureInput;
}

export type CodeCarbonConversion =
  | { index: number; record: CodeCarbonRecord }
  | { index: number; issues: RecordIssue[] };

/**
 * Columns that make a CSV CodeCarbon output (the files of codecarbon_observed_headers.txt all
 * have them; `run_id`, `codecarbon_version` and the rest are optional).
 */
export const codeCarbonRequiredColumns = [
  "timestamp",
  "project_name",
  "duration",
  "emissions",
  "energy_consumed",
] as const;

/** A header cell as compared: trimmed and lower-cased ("timestamp    " -> "timestamp"). */
export function codeCarbonColumnName(cell: string): string {
  return cell.trim().toLowerCase();
}

/** True when a CSV header (raw cells) has every required CodeCarbon column, in any order. */
export function isCodeCarbonHeader(columns: string[]): boolean {
  const set = new Set(columns.map(codeCarbonColumnName));
  return codeCarbonRequiredColumns.every((c) => set.has(c));
}

const offsetPattern = /^[+-]\d{2}:\d{2}$/;
/** A timestamp written with its UTC offset ("...Z", "...+02:00"). */
export const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i;
const knownCloudRegions = new Set(
  referenceData.cloudRegions.map((r) => `${r.provider}:${r.region.toLowerCase()}`),
);

/** "4 x NVIDIA A100-SXM4-80GB" -> { count: 4, model: "NVIDIA A100-SXM4-80GB" }; first of a list. */
export function parseCodeCarbonGpu(cell: string): { count?: number; model?: string } {
  const first = cell.split(",")[0]?.trim() ?? "";
  const match = /^(\d+)\s*x\s+(.*)$/i.exec(first);
  const model = (match ? (match[2] ?? "") : first).trim();
  return { count: match ? Number(match[1]) : undefined, model: model === "" ? undefined : model };
}

/** The model part of a `gpu_model` cell (kept for callers of the old name). */
export function codeCarbonGpuModel(cell: string): string | undefined {
  return parseCodeCarbonGpu(cell).model;
}

/** Typed cell access for one row; problems are pushed to `issues` naming the column. */
function cells(row: Record<string, string | undefined>, index: number, issues: RecordIssue[]) {
  const text = (column: string) => row[column]?.trim() ?? "";
  const number = (column: string): number | undefined => {
    const cell = text(column);
    if (cell === "") return undefined;
    const n = Number(cell);
    if (!Number.isFinite(n)) {
      issues.push({ index, path: column, message: `"${cell}" is not a number` });
      return undefined;
    }
    return n;
  };
  const positive = (column: string, unit: string): number | undefined => {
    const before = issues.length;
    const n = number(column);
    if (issues.length === before && (n === undefined || n <= 0)) {
      issues.push({ index, path: column, message: `must be a number of ${unit} > 0` });
    }
    return n !== undefined && n > 0 ? n : undefined;
  };
  const percent = (column: string): number | undefined => {
    const n = number(column);
    if (n === undefined) return undefined;
    if (n < 0 || n > 100) {
      issues.push({ index, path: column, message: `${n} is not a percentage (0..100)` });
      return undefined;
    }
    return n / 100;
  };
  return { text, number, positive, percent, has: (column: string) => column in row };
}
type Cells = ReturnType<typeof cells>;

/** Instant of the END timestamp and, when the offset was not written, how it was chosen. */
function endInstant(
  c: Cells,
  index: number,
  place: { countryCode: string; onCloud: boolean },
  utcOffset: string,
  issues: RecordIssue[],
): { endMs: number; provenance?: StartTimeProvenance } | undefined {
  const cell = c.text("timestamp");
  const written = cell.replace(" ", "T");
  const fail = (message: string) => {
    issues.push({ index, path: "timestamp", message });
    return undefined;
  };
  if (written === "") return fail("is empty");
  if (!isIsoDateTime(written))
    return fail(
      `"${cell}" is not an ISO 8601 date-time such as 2024-07-01T10:00:00, as CodeCarbon writes it (a spreadsheet may have rewritten it in its own format)`,
    );
  if (hasOffset.test(written)) {
    const endMs = parseIsoTimestampMs(written);
    return Number.isNaN(endMs) ? fail(`"${written}" is not a date-time`) : { endMs };
  }
  const withOffset = (offset: string, provenance: StartTimeProvenance) => {
    const endMs = parseIsoTimestampMs(`${written}${offset}`);
    return Number.isNaN(endMs) ? fail(`"${written}" is not a date-time`) : { endMs, provenance };
  };
  if (utcOffset !== "infer") {
    if (!offsetPattern.test(utcOffset))
      return fail(`UTC offset "${utcOffset}" must look like +02:00`);
    return withOffset(utcOffset, {
      status: "imputed",
      rule: "codecarbon-utc-offset-option",
      timeZone: null,
      offset: utcOffset,
      source: "--codecarbon-utc-offset",
    });
  }
  if (place.onCloud) {
    return withOffset("+00:00", {
      status: "imputed",
      rule: "codecarbon-cloud-utc-clock",
      timeZone: "UTC",
      offset: "+00:00",
      source: cloudClockSource,
    });
  }
  const kernel = cloudKernel(c.text("os"));
  if (kernel) {
    return withOffset("+00:00", {
      status: "imputed",
      rule: "codecarbon-cloud-kernel-utc-clock",
      timeZone: "UTC",
      offset: "+00:00",
      source: `on_cloud N, but os "${c.text("os")}" is ${kernel}: its clock is UTC, as on every cloud VM image; pass --codecarbon-utc-offset otherwise`,
    });
  }
  const local = resolveLocalTime(written, place.countryCode, c.text("region"));
  if ("error" in local) return fail(local.error);
  return { endMs: local.epochMs, provenance: localTimeProvenance(local) };
}

/**
 * The cloud a Linux kernel string (CodeCarbon's `os`, Python's `platform.platform()`) names, or
 * undefined. CodeCarbon sets `on_cloud` only where it reads the provider's metadata, which a
 * notebook service or a Codespace does not expose, but their kernels carry the cloud's build:
 * Ubuntu's "-azure", "-aws", "-gcp", "-gke" kernels (Canonical's cloud kernel flavours), and the
 * "5.15.120+" form of Google's Container-Optimized OS kernel that Colab and Kaggle run (a version
 * ending in "+" and then the x86_64 architecture; Debian's "6.12.43+deb13-amd64" is not one).
 */
export function cloudKernel(os: string): string | undefined {
  const flavour = /^Linux-[\d.]+-\d+-(azure|aws|gcp|gke)-/i.exec(os)?.[1]?.toLowerCase();
  if (flavour) return `an Ubuntu ${flavour} cloud kernel`;
  if (/^Linux-\d+\.\d+\.\d+\+-x86_64/.test(os)) {
    return "Google's Container-Optimized OS kernel (Colab, Kaggle)";
  }
  return undefined;
}

/**
 * Why a cloud row's naive timestamp is read as UTC: the provider images' default time zone
 * (Amazon EC2 User Guide, "Set the time zone for your instance": UTC by default; Google Compute
 * Engine and Azure Linux images likewise ship with the UTC zone), as are Colab and Kaggle.
 */
const cloudClockSource =
  "on_cloud Y: cloud VM images keep the system clock in UTC unless changed (AWS EC2, Google Compute Engine, Azure defaults); pass --codecarbon-utc-offset otherwise";

function localTimeProvenance(local: LocalTimeResolution): StartTimeProvenance {
  const { timeZone, offset, spannedOffsets } = local;
  if (local.basis !== "capital") {
    return {
      status: "imputed",
      rule: "codecarbon-local-time-zone",
      timeZone,
      offset,
      source: "IANA tz database (luxon) zone of the row's region/country at that date",
    };
  }
  return {
    status: "imputed",
    rule: "codecarbon-capital-time-zone",
    timeZone,
    offset,
    ...(spannedOffsets ? { spannedOffsets } : {}),
    source:
      "IANA tz database (luxon) zone of the country's capital: the row's region is empty or not mapped and the country spans several UTC offsets; pass --codecarbon-utc-offset to override",
  };
}

/** Cloud provider/region when on the cloud, else grid zone from `region`; and the country. */
function location(
  c: Cells,
  alpha2: string,
  onCloud: boolean,
  input: RunDisclosureInput,
): GridZoneProvenance | undefined {
  if (alpha2 !== "") input.countryCode = alpha2;
  const provider = cloudProviderOfName(c.text("cloud_provider"));
  const region = c.text("cloud_region");
  if (onCloud && provider !== undefined) {
    input.cloudProvider = provider;
    if (knownCloudRegions.has(`${provider}:${region.toLowerCase()}`)) {
      input.cloudRegion = region;
      return undefined;
    }
  }
  const zone = alpha2 === "" ? undefined : gridZoneOfRegion(alpha2, c.text("region"));
  if (!zone) return undefined;
  input.gridZone = zone.gridZone;
  return { status: "imputed", rule: "codecarbon-region-zone", region: c.text("region"), ...zone };
}

/**
 * Alpha-2 of CodeCarbon's `country_iso_code`: alpha-3 as CodeCarbon writes it ("DNK"), or an
 * alpha-2 code as some logs carry it (a user-set `country_iso_code="ID"` is written verbatim);
 * "" when empty or neither (`countryCodeOfName`, the disclosure's own reading).
 */
function countryAlpha2(code: string): string {
  return code === "" ? "" : (countryCodeOfName(code) ?? "");
}

/**
 * One issue for a row whose timestamp and its duration or energy fail to read: a line broken by
 * writers appending to one file at once (a fragment such as "38,..." left between two rows),
 * not several faults of a row; else null. CodeCarbon writes all three on every row.
 */
function brokenLine(issues: RecordIssue[], index: number, c: Cells): RecordIssue[] | null {
  const failed = (column: string) => issues.some((i) => i.path === column);
  const unread = ["duration", "energy_consumed"].filter(failed);
  if (!failed("timestamp") || unread.length === 0) return null;
  return [
    {
      index,
      path: "",
      message: `is not a CodeCarbon row: its timestamp ("${c.text("timestamp")}") and ${unread.join(" and ")} do not read (a line broken by two writers appending at once?)`,
    },
  ];
}

/** `on_cloud` is Y (files without the column: a cloud provider is named). */
function isOnCloud(c: Cells): boolean {
  return c.has("on_cloud")
    ? /^(y|yes|true|1)$/i.test(c.text("on_cloud"))
    : c.text("cloud_provider") !== "";
}

/** CodeCarbon's parts of `energy_consumed` (kWh). */
const energyParts = ["cpu_energy", "gpu_energy", "ram_energy"] as const;

/**
 * The measured energy: `energy_consumed` as written, or (empty) the sum of the parts written,
 * with its provenance; `unmeasured` (and no energy) when `energy_consumed` and every part
 * written are 0 on a row of a file with GPU columns (`hasGpuColumns`: the hardware is known:
 * CodeCarbon could read no counter, e.g. without RAPL/NVML access); an issue naming
 * `energy_consumed` when it is not a number, negative, or 0 without GPU columns.
 */
function measuredEnergy(
  c: Cells,
  index: number,
  issues: RecordIssue[],
): { energyKwh?: number; provenance?: MeasuredEnergyProvenance; unmeasured?: true } {
  const written = energyParts.filter((column) => c.text(column) !== "");
  const total = c.text("energy_consumed");
  const zero = (column: string) => Number(c.text(column)) === 0;
  const nothingRead =
    (total === "" ? written.length > 0 : zero("energy_consumed")) && written.every(zero);
  if (nothingRead && hasGpuColumns(c)) {
    return notMeasured(total === "" ? written : ["energy_consumed", ...written]);
  }
  if (total !== "" || written.length === 0) {
    return { energyKwh: c.positive("energy_consumed", "kWh") };
  }
  const missing = missingPart(c, written);
  if (missing !== null) {
    if (hasGpuColumns(c)) return notMeasured(written, partialSource(written, missing));
    issues.push({
      index,
      path: "energy_consumed",
      message: `is empty, and ${written.join(" + ")} without ${missing} is not the run's energy`,
    });
    return {};
  }
  const before = issues.length;
  const sum = written.reduce((acc, column) => acc + (c.number(column) ?? 0), 0);
  if (issues.length > before) return {};
  if (!(sum > 0)) {
    issues.push({
      index,
      path: "energy_consumed",
      message: `is empty and ${written.join(" + ")} is not > 0 kWh`,
    });
    return {};
  }
  return {
    energyKwh: sum,
    provenance: {
      status: "imputed",
      rule: "codecarbon-energy-parts",
      columns: written,
      source:
        "energy_consumed is empty: the sum of the parts CodeCarbon wrote (its energy_consumed is cpu_energy + gpu_energy + ram_energy)",
    },
  };
}

/**
 * The file says which GPUs the host has (none included): it has GPU columns. CodeCarbon
 * 3.2.0-3.2.8 drop a file's all-empty gpu_count / gpu_model columns; gpu_energy stays.
 */
function hasGpuColumns(c: Cells): boolean {
  return c.has("gpu_count") || c.has("gpu_model") || c.has("gpu_energy");
}

/**
 * What an empty-`energy_consumed` row lacks for its parts to stand for the run, or null: a
 * processor part (RAM energy is CodeCarbon's model of the installed memory, so RAM alone, as
 * CodeCarbon 3.0 writes on Intel Macs that read no CPU counter, is no measurement: 7.8 W for a
 * GPT-2 run), or the GPU part of a row that counts GPUs (the largest part, as a rule).
 */
function missingPart(c: Cells, written: readonly string[]): string | null {
  const gpus = c.number("gpu_count") ?? 0;
  if (gpus > 0 && !written.includes("gpu_energy")) return "gpu_energy";
  if (!written.includes("cpu_energy") && !written.includes("gpu_energy")) {
    return "cpu_energy and gpu_energy";
  }
  return null;
}

const NO_COUNTER_SOURCE =
  "CodeCarbon wrote 0 kWh for the row and each of its parts: it read no energy counter (e.g. no RAPL or NVML access), so the run is estimated from its GPU, count and duration instead of measured";
const partialSource = (written: readonly string[], missing: string) =>
  `energy_consumed is empty and so ${missing.includes(" and ") ? "are" : "is"} ${missing}: ${written.join(" + ")} is a part of the run's energy, not its total, so the run is estimated from its hardware and duration instead of measured`;

/**
 * A row without a usable energy (all 0, or parts missing: `source` says which), estimated from
 * the hardware instead.
 */
function notMeasured(
  columns: string[],
  source: string = NO_COUNTER_SOURCE,
): {
  provenance: MeasuredEnergyProvenance;
  unmeasured: true;
} {
  return {
    unmeasured: true,
    provenance: { status: "imputed", rule: "codecarbon-no-energy-measured", columns, source },
  };
}

/** An Apple M-series SoC as CodeCarbon writes `cpu_model` ("Apple M1", "Apple M2 Pro"). */
const appleSoc = /^apple m\d+\b/i;

/**
 * A row without a GPU whose `cpu_model` is an Apple M-series SoC: that SoC is its GPU (one per
 * machine), with the provenance saying so (see GpuModelProvenance); else undefined.
 */
function socFromCpuModel(c: Cells, input: RunDisclosureInput): GpuModelProvenance | undefined {
  const cpuModel = c.text("cpu_model");
  if (input.gpuModel !== undefined || input.gpuCount !== undefined || !appleSoc.test(cpuModel)) {
    return undefined;
  }
  input.gpuModel = cpuModel;
  input.gpuCount = 1;
  return {
    status: "imputed",
    rule: "codecarbon-soc-from-cpu-model",
    value: cpuModel,
    source:
      "gpu_model is empty and cpu_model names an Apple M-series SoC: its GPU is in the package, one SoC per machine",
  };
}

/**
 * A client CPU as CodeCarbon writes `cpu_model` (the OS's brand string): Intel Core (i3-i9,
 * Ultra, "Core(TM)") and AMD Ryzen; not the core count of a server part ("AMD EPYC 7702 64-Core
 * Processor"). Mobile parts carry a suffix on the model number (Intel ARK / AMD product pages:
 * H, HK, HQ, HS, HX, U, Y, P, G1-G7 and Apple's NG7 mobile; Core Ultra 1xxH/U/V; every Ryzen AI
 * part): "i7-10750H", "i7-1165G7", "i7-1068NG7", "Ultra 7 155H", "Ryzen 7 5800H", "Ryzen AI 9 HX
 * 370". Xeon, EPYC and cloud vCPU strings match neither.
 */
const clientCpu = /\bcore\(tm\)|\bcore (i[3579]|ultra|[3579]) |\bryzen\b/i;
const mobileCpu =
  /\b(i[3579]-\d{4,5}(hk|hq|hs|hx|h|u|y|p|n?g\d)|ultra [579] \d{3}[huv]|ryzen \d (pro )?\d{3,4}(hs|hx|h|u)|ryzen ai)\b/i;

/**
 * A row where CodeCarbon found no GPU on a non-Apple CPU, in a file with GPU columns: gpuCount 0
 * (a CPU-only run) and, for a client CPU, its host class (see HostProvenance); else undefined.
 */
function cpuOnlyHost(
  c: Cells,
  input: RunDisclosureInput,
  gpuIsCpu: boolean,
): HostProvenance | undefined {
  if (input.gpuModel !== undefined || input.gpuCount !== undefined) return undefined;
  if (!hasGpuColumns(c)) return undefined;
  if ((c.number("gpu_energy") ?? 0) > 0 || (c.number("gpu_power") ?? 0) > 0) return undefined;
  const cpuModel = c.text("cpu_model");
  input.gpuCount = 0;
  const host: HostProvenance = {
    status: "imputed",
    rule: "codecarbon-cpu-only",
    cpuModel,
    source: gpuIsCpu
      ? `gpu_model names a CPU ("${c.text("gpu_model")}", as CodeCarbon 3.0 writes on an Intel Mac) and no GPU energy was measured: no GPU (METHODOLOGY.md s.3a)`
      : "gpu_count and gpu_model are empty and no GPU energy was measured: CodeCarbon found no GPU (METHODOLOGY.md s.3a)",
  };
  // a cloud VM's vCPUs can carry a client CPU's name (nipreps' GCP row: an i7-8650U): a server
  if (!clientCpu.test(cpuModel) || isOnCloud(c)) return host;
  host.serverModel = mobileCpu.test(cpuModel) ? "laptop" : "desktop";
  input.serverModel = host.serverModel;
  host.source += `; cpu_model names a ${host.serverModel === "laptop" ? "mobile (H/U/Y/P/G suffix)" : "desktop"} client CPU`;
  return host;
}

/**
 * A `gpu_model` that names a CPU, not a GPU: the row's `cpu_model` itself, or a Core / Xeon /
 * EPYC / Ryzen part ("Intel(R) Core(TM) i5-7360U CPU @ 2.30GHz", written by CodeCarbon 3.0.2 on
 * an Intel MacBook; an APU's "AMD Ryzen 7 5800H with Radeon Graphics" is its integrated
 * graphics). No GPU product name contains those words.
 */
const cpuName = /\b(core\(tm\)|xeon|epyc|ryzen)\b|\bcpu @/i;
function namesCpu(gpuModel: string, cpuModel: string): boolean {
  // an Apple SoC in both columns is the GPU as well (CodeCarbon 2.4 on a Mac): kept as written
  if (appleSoc.test(gpuModel)) return false;
  return gpuModel.toLowerCase() === cpuModel.toLowerCase() || cpuName.test(gpuModel);
}

/**
 * GPUs (or the SoC of `socFromCpuModel`, or none: `cpuOnlyHost`, also when `gpu_model` names a
 * CPU), one host for 2 or more GPUs, utilization; the provenance of the GPU or host imputed.
 */
function hardware(
  c: Cells,
  input: RunDisclosureInput,
): Pick<CodeCarbonNotes, "gpuModelProvenance" | "hostProvenance"> & { oneHost: boolean } {
  const gpu = parseCodeCarbonGpu(c.text("gpu_model"));
  const gpuIsCpu = gpu.model !== undefined && namesCpu(gpu.model, c.text("cpu_model"));
  const gpuCount = c.number("gpu_count") ?? gpu.count;
  if (!gpuIsCpu && gpuCount !== undefined && gpuCount > 0) input.gpuCount = gpuCount;
  if (!gpuIsCpu && gpu.model) input.gpuModel = gpu.model;
  const gpuModelProvenance = socFromCpuModel(c, input);
  const hostProvenance = gpuModelProvenance ? undefined : cpuOnlyHost(c, input, gpuIsCpu);
  // A row is one machine's measurement: its GPUs share one host (two consumer cards are one
  // desktop, not two single-GPU desktops).
  const oneHost = (input.gpuCount ?? 0) >= 2;
  if (oneHost) input.serverCount = 1;
  const gpuFraction = c.percent("gpu_utilization_percent");
  if (gpuFraction !== undefined) input.gpuUtilizationFraction = gpuFraction;
  const cpuFraction = c.percent("cpu_utilization_percent");
  if (cpuFraction !== undefined) input.cpuUtilizationFraction = cpuFraction;
  return { gpuModelProvenance, hostProvenance, oneHost };
}

/**
 * CodeCarbon's `os` on a personal computer (Python's `platform.platform()`): Windows, WSL2 on
 * Windows, or macOS ("Windows-10-10.0.26100-SP0", "Linux-5.15.153.1-microsoft-standard-WSL2-...",
 * "macOS-13.7.6-x86_64-i386-64bit", older Pythons' "Darwin-23.1.0-arm64-arm-64bit"). GPU-cloud
 * and data-center ML hosts run Linux.
 */
const personalOs = /^(windows|macos|darwin)-|microsoft-standard-wsl/i;

/** How the row's PUE and WUE were derived (see `facility`). */
export interface FacilityDerivations {
  /** wueLitersPerKwh = water_consumed / energy_consumed. */
  wueFromWater: boolean;
  /** pue 1 and wueLitersPerKwh 0: `os` says a personal computer, off the cloud, none set. */
  personalOs: boolean;
}

/**
 * PUE and WUE: a user-set `pue` (not 1), `wue` > 0 or the water ratio; else (neither), off the
 * cloud on a personal computer's `os`, PUE 1 and on-site WUE 0 (METHODOLOGY.md s.2 "A personal computer
 * has no facility": the log's `os` is the evidence a desktop's GPU name alone does not give).
 */
function facility(
  c: Cells,
  energyKwh: number | undefined,
  onCloud: boolean,
  input: RunDisclosureInput,
): FacilityDerivations {
  const wue = c.number("wue");
  const waterLiters = c.number("water_consumed");
  const ratio =
    waterLiters !== undefined && energyKwh !== undefined ? waterLiters / energyKwh : undefined;
  let wueFromWater = false;
  if (wue !== undefined && wue > 0) input.wueLitersPerKwh = wue;
  else if (ratio !== undefined && ratio > 0 && ratio <= MAX_WUE_LITERS_PER_KWH) {
    input.wueLitersPerKwh = ratio;
    wueFromWater = true;
  }
  const pue = c.number("pue");
  if (pue !== undefined && pue !== 1) input.pue = pue;
  // A user-set PUE or WUE describes a facility: then neither is derived from `os`.
  const personal =
    !onCloud &&
    personalOs.test(c.text("os")) &&
    input.pue === undefined &&
    input.wueLitersPerKwh === undefined;
  if (personal) {
    input.pue = 1;
    input.wueLitersPerKwh = 0;
  }
  return { wueFromWater, personalOs: personal };
}

/**
 * The run's externalId: `run_id` (pre-2.0: `experiment_id`), plus "/task_name" for a row of a
 * CodeCarbon task (`start_task` / `stop_task`: one row per task, all with the run's `run_id`);
 * undefined when the row has no id.
 */
function codeCarbonExternalId(c: Cells): string | undefined {
  const runId = c.text("run_id") || (c.has("run_id") ? "" : c.text("experiment_id"));
  if (runId === "") return undefined;
  const task = c.text("task_name");
  return task === "" ? runId : `${runId}/${task}`;
}

/**
 * Convert one CodeCarbon row (0-based `index` in the file; keys are `codeCarbonColumnName`s;
 * `rowNotes`: how `codecarbon-rows.ts` read it). Every field the reader derived is listed in the
 * input's `inputProvenance` (`codecarbon-provenance.ts`). Returns issues naming the column when a
 * required value is missing or not a number, or the timestamp's offset cannot be inferred;
 * nothing else of the row is used then.
 */
export function codeCarbonRowToDisclosure(
  row: Record<string, string | undefined>,
  index: number,
  options: CodeCarbonOptions = {},
  rowNotes: Pick<CodeCarbonNotes, "rowAlignmentProvenance" | "snapshotProvenance"> = {},
): CodeCarbonConversion {
  const issues: RecordIssue[] = [];
  const c = cells(row, index, issues);
  const durationSeconds = c.positive("duration", "seconds");
  const energy = measuredEnergy(c, index, issues);
  const { energyKwh } = energy;
  const alpha3 = c.text("country_iso_code").toUpperCase();
  const alpha2 = countryAlpha2(alpha3);
  if (alpha3 !== "" && alpha2 === "") {
    issues.push({
      index,
      path: "country_iso_code",
      message: `"${alpha3}" is not an ISO 3166-1 alpha-3 (or alpha-2) code`,
    });
  }
  const onCloud = isOnCloud(c);
  const place = { countryCode: alpha2, onCloud };
  const end = endInstant(c, index, place, options.utcOffset ?? "infer", issues);
  const baseModel = options.baseModel ?? c.text("project_name");
  if (baseModel === "") {
    issues.push({ index, path: "project_name", message: "is empty (or pass --base-model)" });
  }
  const input: RunDisclosureInput = { baseModel };
  if (durationSeconds !== undefined && (energyKwh !== undefined || energy.unmeasured) && end) {
    input.startTime = new Date(end.endMs - durationSeconds * 1000).toISOString();
    input.reservedDurationHours = durationSeconds / 3600;
    if (energyKwh !== undefined) input.measuredEnergyKwh = energyKwh;
  }
  const host = hardware(c, input);
  const facilityDerived = facility(c, energyKwh, onCloud, input);
  if (issues.length > 0 || !end) return { index, issues: brokenLine(issues, index, c) ?? issues };
  const gridZoneProvenance = location(c, alpha2, onCloud, input);
  const record: CodeCarbonRecord = {
    externalId: codeCarbonExternalId(c),
    input,
    ...rowNotes,
  };
  if (end.provenance) record.startTimeProvenance = end.provenance;
  if (gridZoneProvenance) record.gridZoneProvenance = gridZoneProvenance;
  if (energy.provenance) record.measuredEnergyProvenance = energy.provenance;
  if (host.gpuModelProvenance) record.gpuModelProvenance = host.gpuModelProvenance;
  if (host.hostProvenance) record.hostProvenance = host.hostProvenance;
  const derived = {
    ...facilityDerived,
    oneHost: host.oneHost,
    baseModelFromProject: options.baseModel === undefined,
  };
  const provenance = codeCarbonInputProvenance(record, derived);
  if (provenance.length > 0) input.inputProvenance = provenance;
  return { index, record };
}
