/**
 * Line formats of `finetrace estimate`, one line per record so output streams:
 *
 * NDJSON (`--json`), one object per line, in file order, `type` first:
 * - `{"type":"estimate","index":0,"run":"<externalId or #N>", ["rowAlignmentProvenance":{...},]
 *   ["snapshotProvenance":{...},] ["startTimeProvenance":{...},] ["gridZoneProvenance":{...},] ["measuredEnergyProvenance":{...},] ["gpuModelProvenance":{...},]
 *   ["hostProvenance":{...},] ...RunEstimate}` (the reader's notes of a CodeCarbon row, then the estimator's `RunEstimate`
 *   fields: methodologyVersion, method, inputs incl. provenance, itEnergyKwh, facilityEnergyKwh,
 *   intensity, *CarbonKgCo2e, *WaterLiters, amortization, bounds, at the top level);
 * - `{"type":"issue","index":1,"record":2,"path":"gpuUtilizationFraction","message":"..."}`
 *   for each problem of a rejected record (`record` = index + 1, as on stderr);
 * - last, `{"type":"summary","file","format","records","estimated","rejected","issues",
 *   "totals":{"itEnergyKwh","facilityEnergyKwh","totalCarbonKgCo2e","totalWaterLiters"}}`.
 *
 * CSV (`--csv`): `estimateCsvColumns` (units in the names), one row per estimated run.
 */
import type { RunEstimate } from "@finetrace/estimator";
import { stringify } from "csv-stringify/sync";
import type { RecordIssue } from "../errors.js";
import type { DisclosureFileFormat, RecordNotes } from "../input/read-disclosures.js";

/** Sums over the estimated runs (kWh, kgCO2e, L). */
export interface EstimateTotals {
  itEnergyKwh: number;
  facilityEnergyKwh: number;
  totalCarbonKgCo2e: number;
  totalWaterLiters: number;
}

/** Counts and totals of one `estimate` run. `records` = estimated + rejected. */
export interface EstimateSummary {
  file: string;
  format: DisclosureFileFormat;
  records: number;
  estimated: number;
  rejected: number;
  issues: number;
  totals: EstimateTotals;
}

export function emptyTotals(): EstimateTotals {
  return { itEnergyKwh: 0, facilityEnergyKwh: 0, totalCarbonKgCo2e: 0, totalWaterLiters: 0 };
}

export function addToTotals(totals: EstimateTotals, e: RunEstimate): void {
  totals.itEnergyKwh += e.itEnergyKwh;
  totals.facilityEnergyKwh += e.facilityEnergyKwh;
  totals.totalCarbonKgCo2e += e.totalCarbonKgCo2e;
  totals.totalWaterLiters += e.totalWaterLiters;
}

/** The NDJSON line of one estimated record (see module doc). */
export function estimateJsonLine(
  index: number,
  run: string,
  estimate: RunEstimate,
  notes?: RecordNotes,
): string {
  const head = JSON.stringify({ type: "estimate", index, run, ...notes });
  const { inputs, ...figures } = estimate;
  const { provenance, ...inputFields } = inputs;
  const inputsJson = `${JSON.stringify(inputFields).slice(0, -1)},"provenance":${provenanceJson(provenance)}}`;
  return `${head.slice(0, -1)},"inputs":${inputsJson},${JSON.stringify(figures).slice(1)}`;
}

/**
 * Most provenance records are shared, frozen objects (one per rule and reference row, see the
 * estimator's normalize/shared.ts): their JSON is computed once. Per-run records are stringified.
 */
const frozenJson = new WeakMap<object, string>();
const keyJson = new Map<string, string>();

function provenanceJson(provenance: RunEstimate["inputs"]["provenance"]): string {
  let out = "{";
  for (const field in provenance) {
    const p = provenance[field] as object;
    let key = keyJson.get(field);
    if (key === undefined) {
      key = JSON.stringify(field);
      keyJson.set(field, key);
    }
    let value: string | undefined;
    if (Object.isFrozen(p)) {
      value = frozenJson.get(p);
      if (value === undefined) {
        value = JSON.stringify(p);
        frozenJson.set(p, value);
      }
    } else {
      value = JSON.stringify(p);
    }
    out += out.length > 1 ? `,${key}:${value}` : `${key}:${value}`;
  }
  return `${out}}`;
}

/** The NDJSON line of one problem of a rejected record. */
export function issueJsonLine(issue: RecordIssue): string {
  const { index, path, message } = issue;
  return JSON.stringify({ type: "issue", index, record: index + 1, path, message });
}

/** The last NDJSON line. */
export function summaryJsonLine(summary: EstimateSummary): string {
  return JSON.stringify({ type: "summary", ...summary });
}

/** CSV columns, units in the names. */
export const estimateCsvColumns = [
  "run",
  "record",
  "method",
  "start_time_utc",
  "start_time_offset_rule",
  "reserved_duration_h",
  "grid_zone",
  "country_code",
  "gpu_model",
  "gpu_count",
  "intensity_source",
  "start_hour_intensity_gco2e_per_kwh",
  "measured_energy_kwh",
  "it_energy_kwh",
  "facility_energy_kwh",
  "operational_carbon_kgco2e",
  "embodied_carbon_kgco2e",
  "total_carbon_kgco2e",
  "onsite_water_l",
  "offsite_water_l",
  "embodied_water_l",
  "total_water_l",
  "use_life_days",
  "carbon_per_inference_gco2e",
  "water_per_inference_ml",
] as const;

/** The CSV header line (no trailing newline). */
export function estimateCsvHeader(): string {
  return estimateCsvColumns.join(",");
}

/** One CSV line (no trailing newline) of an estimated record, in `estimateCsvColumns` order. */
export function estimateCsvLine(
  index: number,
  run: string,
  e: RunEstimate,
  notes?: RecordNotes,
): string {
  const i = e.inputs;
  const row = [
    ...[run, index + 1, e.method, i.startTimeUtc, notes?.startTimeProvenance?.rule ?? ""],
    ...[i.reservedDurationHours, i.gridZone, i.countryCode, i.gpuModel, i.gpuCount],
    ...[e.intensity.source, e.intensity.startHourIntensityGPerKwh, i.measuredEnergyKwh ?? ""],
    ...[e.itEnergyKwh, e.facilityEnergyKwh, e.operationalCarbonKgCo2e, e.embodiedCarbonKgCo2e],
    ...[e.totalCarbonKgCo2e, e.onsiteWaterLiters, e.offsiteWaterLiters, e.embodiedWaterLiters],
    ...[e.totalWaterLiters, e.amortization.useLifeDays, e.amortization.carbonPerInferenceGCo2e],
    e.amortization.waterPerInferenceMilliliters,
  ];
  return stringify([row], { record_delimiter: "" });
}
