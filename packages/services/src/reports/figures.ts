/**
 * Every figure of a report model as one flat list of rows (section, key, figure, unit, value):
 * the CSV rendering is this list, a version's fingerprint is its hash and the diff between two
 * versions compares two lists row by row (identity: section + key + figure). The version number
 * and generation time are not figures: they are left out, so regenerating unchanged data yields
 * the same list.
 */
import type { EmissionsFigures } from "@finetrace/db";
import type { MonthlyReport, PeriodTotals, ReportGroup } from "./model.js";

export type FigureValue = string | number | boolean | null;

export interface FigureRow {
  section: string;
  key: string;
  figure: string;
  /** Unit of the value ("kWh", "MWh", "kgCO2e", "gCO2e", "L", "mL", "gCO2e/kWh", "share", "count"); "" for text. */
  unit: string;
  value: FigureValue;
}

const UNIT_SUFFIXES: [RegExp, string][] = [
  [/GPerKwh$/, "gCO2e/kWh"],
  [/Kwh$/, "kWh"],
  [/Mwh$/, "MWh"],
  [/KgCo2e$/, "kgCO2e"],
  [/GCo2e$/, "gCO2e"],
  [/Milliliters$/, "mL"],
  [/Liters$/, "L"],
  [/Share$/, "share"],
  [/(Count|Runs|runs|Inferences|Days|Version)$/, "count"],
];

/** The unit a figure's name states (units are in the names: `energyKwh`, `carbonKgCo2e`...). */
export function unitOf(figure: string): string {
  for (const [pattern, unit] of UNIT_SUFFIXES) if (pattern.test(figure)) return unit;
  return "";
}

/** kWh -> MWh of a decimal string, exactly (the decimal point moves three places). */
export function kwhToMwh(kwh: string): string {
  const negative = kwh.startsWith("-");
  const [int = "0", frac = ""] = (negative ? kwh.slice(1) : kwh).split(".");
  const digits = int.padStart(4, "0");
  const head = digits.slice(0, -3).replace(/^0+(?=\d)/, "");
  const tail = (digits.slice(-3) + frac).replace(/0+$/, "");
  return `${negative ? "-" : ""}${head}${tail ? `.${tail}` : ""}`;
}

type Emit = (section: string, key: string, figure: string, value: FigureValue) => void;

function emissions(emit: Emit, section: string, key: string, f: EmissionsFigures): void {
  const { useData, ...sums } = f;
  for (const [figure, value] of Object.entries(sums)) emit(section, key, figure, value);
  emit(section, key, "useDataRunCount", useData.runCount);
  emit(section, key, "useDataProjectedInferences", useData.projectedInferences);
  emit(section, key, "useDataFacilityEnergyKwh", useData.facilityEnergyKwh);
  emit(section, key, "useDataTotalCarbonKgCo2e", useData.totalCarbonKgCo2e);
  emit(section, key, "useDataTotalWaterLiters", useData.totalWaterLiters);
}

function record(emit: Emit, section: string, key: string, values: object): void {
  for (const [figure, value] of Object.entries(values)) {
    if (value === null || typeof value !== "object")
      emit(section, key, figure, value as FigureValue);
  }
}

function groups(emit: Emit, section: string, list: ReportGroup[]): void {
  for (const g of list) emissions(emit, section, g.key, g.figures);
}

function period(emit: Emit, section: string, p: PeriodTotals): void {
  record(emit, section, p.label, p);
}

/** The figure rows of `report`, in a fixed order (sections as in the renderings). */
export function reportFigureRows(report: MonthlyReport): FigureRow[] {
  const rows: FigureRow[] = [];
  const emit: Emit = (section, key, figure, value) =>
    rows.push({ section, key, figure, unit: unitOf(figure), value });
  emit("report", "", "modelVersion", report.modelVersion);
  emit("report", "", "organization", report.organization.slug);
  emit("report", "", "period", report.period);
  emit("report", "", "reportingTimezone", report.organization.reportingTimezone);
  emit("report", "", "fromUtc", report.fromUtc);
  emit("report", "", "toUtc", report.toUtc);
  emissions(emit, "total", "", report.totals);
  emit("total", "", "imputedShare", report.imputedShare);
  for (const [quantity, b] of Object.entries(report.ranges)) {
    rows.push({
      section: "range90",
      key: quantity,
      figure: "low",
      unit: unitOf(quantity),
      value: b.low,
    });
    rows.push({
      section: "range90",
      key: quantity,
      figure: "high",
      unit: unitOf(quantity),
      value: b.high,
    });
  }
  const { shift, instrumentsUsed, ...scope2 } = report.scope2;
  record(emit, "scope2", "", scope2);
  emit("scope2", "", "facilityEnergyMwh", kwhToMwh(report.totals.facilityEnergyKwh));
  const { bestSavings, ...shiftTotals } = shift;
  record(emit, "shift", "", shiftTotals);
  for (const r of bestSavings) record(emit, "shiftRun", r.externalId, r);
  for (const i of instrumentsUsed) record(emit, "instrument", i.certificateId, i);
  period(emit, "previousMonth", report.previousMonth);
  period(emit, "yearToDate", report.yearToDate);
  groups(emit, "baseModel", report.byBaseModel);
  groups(emit, "gridZone", report.byGridZone);
  groups(emit, "gpuModel", report.byGpuModel);
  groups(emit, "day", report.byDay);
  for (const c of report.chains) record(emit, "chain", c.chainId, c);
  for (const t of report.chainTrends) {
    for (const p of t.points) record(emit, "chainTrend", `${t.chainId}/${p.externalId}`, p);
  }
  const a = report.appendix;
  for (const m of a.methodologies) {
    emit("methodology", `${m.methodologyVersion}/${m.method}`, "runCount", m.runCount);
  }
  for (const f of a.imputationByField) {
    record(emit, "imputation", f.field, {
      imputedRuns: f.imputedRuns,
      runs: f.runs,
      imputedShare: f.runs > 0 ? (f.imputedRuns / f.runs).toFixed(9) : "0",
    });
  }
  for (const s of a.energyByIntensitySource) record(emit, "intensitySource", s.intensitySource, s);
  emit("intensitySource", "", "fallbackEnergyShare", a.fallbackEnergyShare);
  for (const g of a.gridSources) {
    emit("gridSource", `${g.gridZone}/${g.series}/${g.source}`, "runCount", g.runCount);
  }
  for (const d of a.dataSources) record(emit, "dataSource", d.name, d);
  return rows;
}
