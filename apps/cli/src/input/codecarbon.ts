/**
 * CodeCarbon `emissions.csv` -> run disclosure with measured energy, for every header layout
 * CodeCarbon 1.x-3.x wrote (shared/data/hardware_power/codecarbon_observed_headers.txt: 12 to 38
 * columns, `task_name` first, `experiment_id`, `water_consumed`/`wue`, utilization columns,
 * `cloud_provider,cloud_region` at the end, padded or hand-added columns, empty trailing
 * columns). Columns are found by name (trimmed, lower-cased), never by position.
 *
 * Units (CodeCarbon docs, "Output"; `codecarbon/output_methods/emissions_data.py`): `duration`
 * seconds; `energy_consumed` kWh (CPU + GPU + RAM, as measured); `water_consumed` L (=
 * energy_consumed x `wue`, L/kWh; `wue` 0 means not set); `cpu_utilization_percent` and
 * `gpu_utilization_percent` 0..100; `timestamp` the time the row was written, i.e. the END of the
 * run, `%Y-%m-%dT%H:%M:%S` local wall time, usually without an offset; `country_iso_code`
 * ISO 3166-1 alpha-3; `region` the lower-cased region name; `on_cloud` "Y"/"N".
 *
 * Mapping: externalId = `run_id` (pre-2.0 files: `experiment_id`; none when empty);
 * baseModel = `project_name` (or `--base-model`); startTime = timestamp - duration, the
 * timestamp's offset when written, else `utcOffset` when given, else inferred from the place and
 * date (`codecarbon-location.ts`; `startTimeProvenance` says which); reservedDurationHours =
 * duration / 3600; measuredEnergyKwh = energy_consumed, exactly as written; gpuCount/gpuModel
 * from `gpu_count`/`gpu_model` ("1 x Tesla V100-PCIE-32GB" -> 1, "Tesla V100-PCIE-32GB");
 * cloudProvider/cloudRegion when on the cloud with a provider the estimator knows (aws, gcp,
 * azure), else gridZone from `region` where it maps to one zone, and countryCode = alpha-2 of
 * `country_iso_code`; wueLitersPerKwh = `wue`, or water_consumed / energy_consumed, when > 0;
 * utilization fractions = percent / 100.
 * CodeCarbon's `emissions` and `pue` columns are not used: Finetrace prices the measured energy
 * at the hourly grid intensity with its own PUE (CodeCarbon's `pue` is 1 unless the user set it).
 */
import {
  cloudProviders,
  parseIsoTimestampMs,
  type RunDisclosureInput,
  referenceData,
} from "@finetrace/estimator";
import countries from "i18n-iso-countries";
import type { RecordIssue } from "../errors.js";
import { gridZoneOfRegion, regionZoneSource, resolveLocalTime } from "./codecarbon-location.js";

export interface CodeCarbonOptions {
  /**
   * Offset of CodeCarbon's naive timestamps, e.g. "+02:00", or "infer" (the default): the offset
   * of the row's region/country time zone at that date. Timestamps written with an offset keep it.
   */
  utcOffset?: string;
  /** Base model of every row; default the row's `project_name`. */
  baseModel?: string;
}

/** How a CodeCarbon row's start time got its UTC offset (the timestamp had none). */
export interface StartTimeProvenance {
  status: "imputed";
  rule: "codecarbon-local-time-zone" | "codecarbon-utc-offset-option";
  /** IANA zone used ("Europe/Copenhagen"); null when the offset came from the option. */
  timeZone: string | null;
  /** Offset applied to the written end timestamp, "+02:00". */
  offset: string;
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

/** A converted row: the disclosure input plus the reader's notes about imputed inputs. */
export interface CodeCarbonRecord {
  externalId: string | undefined;
  input: RunDisclosureInput;
  startTimeProvenance?: StartTimeProvenance;
  gridZoneProvenance?: GridZoneProvenance;
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
const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i;
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
  countryCode: string,
  utcOffset: string,
  issues: RecordIssue[],
): { endMs: number; provenance?: StartTimeProvenance } | undefined {
  const written = c.text("timestamp").replace(" ", "T");
  const fail = (message: string) => {
    issues.push({ index, path: "timestamp", message });
    return undefined;
  };
  if (written === "") return fail("is empty");
  if (hasOffset.test(written)) {
    const endMs = parseIsoTimestampMs(written);
    return Number.isNaN(endMs) ? fail(`"${written}" is not a date-time`) : { endMs };
  }
  if (utcOffset !== "infer") {
    if (!offsetPattern.test(utcOffset))
      return fail(`UTC offset "${utcOffset}" must look like +02:00`);
    const endMs = parseIsoTimestampMs(`${written}${utcOffset}`);
    if (Number.isNaN(endMs)) return fail(`"${written}" is not a date-time`);
    const provenance: StartTimeProvenance = {
      status: "imputed",
      rule: "codecarbon-utc-offset-option",
      timeZone: null,
      offset: utcOffset,
      source: "--codecarbon-utc-offset",
    };
    return { endMs, provenance };
  }
  const local = resolveLocalTime(written, countryCode, c.text("region"));
  if ("error" in local) return fail(local.error);
  return {
    endMs: local.epochMs,
    provenance: {
      status: "imputed",
      rule: "codecarbon-local-time-zone",
      timeZone: local.timeZone,
      offset: local.offset,
      source: "IANA tz database (luxon) zone of the row's region/country at that date",
    },
  };
}

/** Cloud provider/region when on the cloud, else grid zone from `region`; and the country. */
function location(
  c: Cells,
  alpha2: string,
  input: RunDisclosureInput,
): GridZoneProvenance | undefined {
  if (alpha2 !== "") input.countryCode = alpha2;
  const provider = c.text("cloud_provider").toLowerCase();
  const onCloud = c.has("on_cloud")
    ? /^(y|yes|true|1)$/i.test(c.text("on_cloud"))
    : provider !== "";
  const region = c.text("cloud_region");
  if (onCloud && (cloudProviders as readonly string[]).includes(provider)) {
    input.cloudProvider = provider as RunDisclosureInput["cloudProvider"];
    if (knownCloudRegions.has(`${provider}:${region.toLowerCase()}`)) {
      input.cloudRegion = region;
      return undefined;
    }
  }
  const gridZone = alpha2 === "" ? undefined : gridZoneOfRegion(alpha2, c.text("region"));
  if (!gridZone) return undefined;
  input.gridZone = gridZone;
  return {
    status: "imputed",
    rule: "codecarbon-region-zone",
    region: c.text("region"),
    gridZone,
    source: regionZoneSource,
  };
}

/** GPUs, utilization and water columns, where present. */
function hardwareAndWater(
  c: Cells,
  energyKwh: number | undefined,
  input: RunDisclosureInput,
): void {
  const gpu = parseCodeCarbonGpu(c.text("gpu_model"));
  const gpuCount = c.number("gpu_count") ?? gpu.count;
  if (gpuCount !== undefined && gpuCount > 0) input.gpuCount = gpuCount;
  if (gpu.model) input.gpuModel = gpu.model;
  const gpuFraction = c.percent("gpu_utilization_percent");
  if (gpuFraction !== undefined) input.gpuUtilizationFraction = gpuFraction;
  const cpuFraction = c.percent("cpu_utilization_percent");
  if (cpuFraction !== undefined) input.cpuUtilizationFraction = cpuFraction;
  const wue = c.number("wue");
  const waterLiters = c.number("water_consumed");
  if (wue !== undefined && wue > 0) input.wueLitersPerKwh = wue;
  else if (waterLiters !== undefined && waterLiters > 0 && energyKwh !== undefined) {
    input.wueLitersPerKwh = waterLiters / energyKwh;
  }
}

/**
 * Convert one CodeCarbon row (0-based `index` in the file; keys are `codeCarbonColumnName`s).
 * Returns issues naming the column when a required value is missing or not a number, or the
 * timestamp's offset cannot be inferred; nothing else of the row is used then.
 */
export function codeCarbonRowToDisclosure(
  row: Record<string, string | undefined>,
  index: number,
  options: CodeCarbonOptions = {},
): CodeCarbonConversion {
  const issues: RecordIssue[] = [];
  const c = cells(row, index, issues);
  const durationSeconds = c.positive("duration", "seconds");
  const energyKwh = c.positive("energy_consumed", "kWh");
  const alpha3 = c.text("country_iso_code").toUpperCase();
  const alpha2 = alpha3 === "" ? "" : (countries.alpha3ToAlpha2(alpha3) ?? "");
  if (alpha3 !== "" && alpha2 === "") {
    issues.push({
      index,
      path: "country_iso_code",
      message: `"${alpha3}" is not an ISO 3166-1 alpha-3 code`,
    });
  }
  const end = endInstant(c, index, alpha2, options.utcOffset ?? "infer", issues);
  const baseModel = options.baseModel ?? c.text("project_name");
  if (baseModel === "") {
    issues.push({ index, path: "project_name", message: "is empty (or pass --base-model)" });
  }
  const input: RunDisclosureInput = { baseModel };
  if (durationSeconds !== undefined && energyKwh !== undefined && end) {
    input.startTime = new Date(end.endMs - durationSeconds * 1000).toISOString();
    input.reservedDurationHours = durationSeconds / 3600;
    input.measuredEnergyKwh = energyKwh;
  }
  hardwareAndWater(c, energyKwh, input);
  if (issues.length > 0 || !end) return { index, issues };
  const gridZoneProvenance = location(c, alpha2, input);
  const runId = c.text("run_id") || (c.has("run_id") ? "" : c.text("experiment_id"));
  const record: CodeCarbonRecord = { externalId: runId === "" ? undefined : runId, input };
  if (end.provenance) record.startTimeProvenance = end.provenance;
  if (gridZoneProvenance) record.gridZoneProvenance = gridZoneProvenance;
  return { index, record };
}
