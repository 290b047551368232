/**
 * CodeCarbon `emissions.csv` -> run disclosure with measured energy.
 *
 * Column layout: CodeCarbon docs, "Output" (one row per tracked run; `codecarbon/output_methods/
 * emissions_data.py`). Units there: `duration` seconds, `energy_consumed` kWh (CPU + GPU + RAM,
 * as measured), `timestamp` the time the row was written, i.e. the END of the run, in
 * `%Y-%m-%dT%H:%M:%S` local time without an offset, `country_iso_code` ISO 3166-1 alpha-3.
 *
 * Mapping: externalId = `run_id`; baseModel = `project_name` (or `--base-model`);
 * startTime = timestamp - duration; reservedDurationHours = duration / 3600;
 * measuredEnergyKwh = energy_consumed; gpuCount/gpuModel from `gpu_count`/`gpu_model`
 * ("4 x NVIDIA A100-SXM4-80GB" -> "NVIDIA A100-SXM4-80GB"); cloudProvider/cloudRegion when
 * the provider is aws, gcp or azure; countryCode = alpha-2 of `country_iso_code`.
 * CodeCarbon's `emissions` and `pue` columns are not used: Finetrace prices the measured energy
 * at the hourly grid intensity with its own PUE (CodeCarbon's `pue` is 1 unless the user set it).
 */
import { cloudProviders, type RunDisclosureInput } from "@finetrace/estimator";
import countries from "i18n-iso-countries";
import type { RecordIssue } from "../errors.js";

export interface CodeCarbonOptions {
  /** Offset of CodeCarbon's naive timestamps, e.g. "+02:00". Default "+00:00" (UTC). */
  utcOffset?: string;
  /** Base model of every row; default the row's `project_name`. */
  baseModel?: string;
}

/** Columns without which a row cannot become a measured run. */
export const codeCarbonRequiredColumns = [
  "timestamp",
  "run_id",
  "duration",
  "energy_consumed",
] as const;

/** True when a CSV header is CodeCarbon's (has its required columns and `codecarbon_version`). */
export function isCodeCarbonHeader(columns: string[]): boolean {
  const set = new Set(columns);
  return set.has("codecarbon_version") && codeCarbonRequiredColumns.every((c) => set.has(c));
}

const offsetPattern = /^[+-]\d{2}:\d{2}$/;
const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i;

/** "4 x NVIDIA A100-SXM4-80GB" -> "NVIDIA A100-SXM4-80GB" (first model when several). */
export function codeCarbonGpuModel(cell: string): string | undefined {
  const first = cell.split(",")[0]?.trim() ?? "";
  const model = first.replace(/^\d+\s*x\s*/i, "").trim();
  return model === "" ? undefined : model;
}

export type CodeCarbonConversion =
  | { index: number; record: { externalId: string; input: RunDisclosureInput } }
  | { index: number; issues: RecordIssue[] };

/**
 * Convert one CodeCarbon row (0-based `index` in the file).
 * Returns issues naming the column when a required value is missing or not a number.
 */
export function codeCarbonRowToDisclosure(
  row: Record<string, string>,
  index: number,
  options: CodeCarbonOptions = {},
): CodeCarbonConversion {
  const utcOffset = options.utcOffset ?? "+00:00";
  const issues: RecordIssue[] = [];
  if (!offsetPattern.test(utcOffset)) {
    issues.push({
      index,
      path: "timestamp",
      message: `UTC offset "${utcOffset}" must look like +02:00`,
    });
  }
  const number = (column: string): number | undefined => {
    const cell = row[column]?.trim() ?? "";
    if (cell === "") return undefined;
    const n = Number(cell);
    if (!Number.isFinite(n)) {
      issues.push({ index, path: column, message: `"${cell}" is not a number` });
      return undefined;
    }
    return n;
  };

  const runId = row.run_id?.trim() ?? "";
  if (runId === "") issues.push({ index, path: "run_id", message: "is empty" });
  const positive = (column: string, unit: string): number | undefined => {
    const before = issues.length;
    const n = number(column);
    if (issues.length === before && (n === undefined || n <= 0)) {
      issues.push({ index, path: column, message: `must be a number of ${unit} > 0` });
    }
    return n !== undefined && n > 0 ? n : undefined;
  };
  const durationSeconds = positive("duration", "seconds");
  const energyKwh = positive("energy_consumed", "kWh");
  const timestamp = row.timestamp?.trim() ?? "";
  const endMs = Date.parse(hasOffset.test(timestamp) ? timestamp : `${timestamp}${utcOffset}`);
  if (timestamp === "" || Number.isNaN(endMs)) {
    issues.push({ index, path: "timestamp", message: `"${timestamp}" is not a date-time` });
  }
  const baseModel = options.baseModel ?? row.project_name?.trim() ?? "";
  if (baseModel === "") {
    issues.push({ index, path: "project_name", message: "is empty (or pass --base-model)" });
  }
  const gpuCount = number("gpu_count");
  if (issues.length > 0 || durationSeconds === undefined || energyKwh === undefined) {
    return { index, issues };
  }

  const input: RunDisclosureInput = {
    baseModel,
    startTime: new Date(endMs - durationSeconds * 1000).toISOString(),
    reservedDurationHours: durationSeconds / 3600,
    measuredEnergyKwh: energyKwh,
  };
  if (gpuCount !== undefined && gpuCount > 0) input.gpuCount = gpuCount;
  const gpuModel = codeCarbonGpuModel(row.gpu_model ?? "");
  if (gpuModel) input.gpuModel = gpuModel;
  const provider = row.cloud_provider?.trim().toLowerCase() ?? "";
  if ((cloudProviders as readonly string[]).includes(provider)) {
    input.cloudProvider = provider as RunDisclosureInput["cloudProvider"];
    const region = row.cloud_region?.trim();
    if (region) input.cloudRegion = region;
  }
  const alpha3 = row.country_iso_code?.trim() ?? "";
  if (alpha3 !== "") {
    const alpha2 = countries.alpha3ToAlpha2(alpha3.toUpperCase());
    if (alpha2) input.countryCode = alpha2;
  }
  return { index, record: { externalId: runId, input } };
}
