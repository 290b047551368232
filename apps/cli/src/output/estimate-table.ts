/**
 * Terminal tables of offline estimates: one row per run (energy, carbon, water, per inference,
 * intensity used), then every imputed input with its rule and source (the provenance).
 */
import type { RunEstimate } from "@finetrace/estimator";
import Table from "cli-table3";

/** One estimated run, labelled by its externalId (or its position in the file). */
export interface LabelledEstimate {
  label: string;
  estimate: RunEstimate;
}

/** Fixed-point with thousands separators, e.g. 12345.678 -> "12,345.68". */
export function formatNumber(value: number, fractionDigits = 2): string {
  return value.toLocaleString("en-US", {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  });
}

/**
 * A quantity for a table: separators and 2 decimals from 1 up (1 decimal from 100 up), three
 * significant digits below 1 so small runs do not print as 0.00, e.g. 0.000123 -> "0.000123".
 */
export function formatQuantity(value: number): string {
  if (value === 0) return "0";
  if (Math.abs(value) >= 100) return formatNumber(value, 1);
  if (Math.abs(value) >= 1) return formatNumber(value, 2);
  return Number(value.toPrecision(3)).toString();
}

const plain = { head: [] as string[], border: [] as string[] };

/** Per-run figures. Units in the headers. */
export function summaryTable(rows: LabelledEstimate[]): string {
  const table = new Table({
    head: [
      "run",
      "method",
      "facility kWh",
      "kgCO2e",
      "water L",
      "gCO2e/inference",
      "mL/inference",
      "grid zone",
      "intensity gCO2e/kWh",
    ],
    style: plain,
  });
  for (const { label, estimate: e } of rows) {
    table.push([
      label,
      e.method,
      formatQuantity(e.facilityEnergyKwh),
      formatQuantity(e.totalCarbonKgCo2e),
      formatQuantity(e.totalWaterLiters),
      formatQuantity(e.amortization.carbonPerInferenceGCo2e),
      formatQuantity(e.amortization.waterPerInferenceMilliliters),
      e.inputs.gridZone,
      `${formatNumber(e.intensity.startHourIntensityGPerKwh, 1)} (${e.intensity.source})`,
    ]);
  }
  return table.toString();
}

/** Every imputed input of every run: field, value used, rule and its source. */
export function provenanceTable(rows: LabelledEstimate[]): string {
  const table = new Table({
    head: ["run", "imputed field", "value", "rule", "source"],
    style: plain,
    colWidths: [null, null, 28, null, 60],
    wordWrap: true,
  });
  for (const { label, estimate } of rows) {
    for (const [field, provenance] of Object.entries(estimate.inputs.provenance)) {
      if (provenance.status !== "imputed") continue;
      table.push([label, field, String(provenance.value), provenance.rule, provenance.source]);
    }
  }
  return table.length === 0 ? "No imputed inputs: every field was disclosed." : table.toString();
}

/** Counts and totals of a whole file (kWh, kgCO2e, L), as a two-column table. */
export function countsTable(summary: {
  records: number;
  estimated: number;
  rejected: number;
  totals: {
    itEnergyKwh: number;
    facilityEnergyKwh: number;
    totalCarbonKgCo2e: number;
    totalWaterLiters: number;
  };
}): string {
  const table = new Table({ style: plain });
  table.push(
    ["records", String(summary.records)],
    ["estimated", String(summary.estimated)],
    ["rejected", String(summary.rejected)],
    ["IT energy kWh", formatQuantity(summary.totals.itEnergyKwh)],
    ["facility energy kWh", formatQuantity(summary.totals.facilityEnergyKwh)],
    ["total kgCO2e", formatQuantity(summary.totals.totalCarbonKgCo2e)],
    ["total water L", formatQuantity(summary.totals.totalWaterLiters)],
  );
  return table.toString();
}
