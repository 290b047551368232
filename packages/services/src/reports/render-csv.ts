/**
 * CSV rendering of a monthly report (csv-stringify): every figure of the model, one row each
 * (`reportFigureRows`: section, key, figure, unit, value), each row carrying the period, the
 * version and its generation time. Values are the model's exact decimal strings.
 */
import { stringify } from "csv-stringify/sync";
import { type FigureRow, reportFigureRows } from "./figures.js";
import type { MonthlyReport } from "./model.js";

export const CSV_HEADER = [
  "period",
  "version",
  "generatedAt",
  "section",
  "key",
  "figure",
  "unit",
  "value",
] as const;

/** @param rows the model's figure rows when already computed (they are the same list). */
export function renderReportCsv(
  report: MonthlyReport,
  rows: readonly FigureRow[] = reportFigureRows(report),
): string {
  return stringify([
    [...CSV_HEADER],
    ...rows.map((r) => [
      report.period,
      report.version,
      report.generatedAt,
      r.section,
      r.key,
      r.figure,
      r.unit,
      typeof r.value === "boolean" ? String(r.value) : r.value,
    ]),
  ]);
}
