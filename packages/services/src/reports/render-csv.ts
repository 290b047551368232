/**
 * CSV rendering of a monthly report (csv-stringify): one row per figure set, a `section` column
 * tells totals from breakdown rows and chain rows. Units are in the column names.
 */
import type { ReportQuantity } from "@finetrace/db";
import { summableQuantities } from "@finetrace/estimator";
import { stringify } from "csv-stringify/sync";
import type { MonthlyReport, ReportGroup } from "./model.js";

/** Run count, then the quantities a report stores (every summable one but IT energy). */
const FIGURE_COLUMNS = [
  "runCount",
  ...summableQuantities.filter((q): q is ReportQuantity => q !== "itEnergyKwh"),
] as const;

const CHAIN_COLUMNS = [
  "projectedInferences",
  "actualInferences",
  "projectedCarbonPerInferenceGCo2e",
  "reprojectedCarbonPerInferenceGCo2e",
  "projectedWaterPerInferenceMilliliters",
  "reprojectedWaterPerInferenceMilliliters",
] as const;

export function renderReportCsv(report: MonthlyReport): string {
  const header = ["period", "section", "key", ...FIGURE_COLUMNS, "imputedShare", ...CHAIN_COLUMNS];
  const rows: (string | number | null)[][] = [header];
  const empty = CHAIN_COLUMNS.map(() => null);
  const group = (section: string, g: ReportGroup) => [
    report.period,
    section,
    g.key,
    ...FIGURE_COLUMNS.map((c) => g.figures[c]),
    null,
    ...empty,
  ];
  rows.push([
    report.period,
    "total",
    "",
    ...FIGURE_COLUMNS.map((c) => report.totals[c]),
    report.imputedShare,
    ...empty,
  ]);
  for (const g of report.byBaseModel) rows.push(group("baseModel", g));
  for (const g of report.byGridZone) rows.push(group("gridZone", g));
  for (const g of report.byGpuModel) rows.push(group("gpuModel", g));
  for (const g of report.byDay) rows.push(group("day", g));
  for (const c of report.chains) {
    rows.push([
      report.period,
      "chain",
      c.chainId,
      c.runCount,
      null,
      null,
      null,
      c.totalCarbonKgCo2e,
      null,
      null,
      null,
      c.totalWaterLiters,
      null,
      ...CHAIN_COLUMNS.map((k) => c[k]),
    ]);
  }
  return stringify(rows);
}
