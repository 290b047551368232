/**
 * The content of a monthly report, independent of its renderings (CSV, HTML, PDF) and of the
 * database: one model feeds all three, and `figures.ts` flattens it into the list of every
 * figure (the CSV, the version fingerprint and the diff between versions). Quantities are
 * decimal strings: exact NUMERIC sums from Postgres (kWh, MWh, kgCO2e, L); per-inference figures
 * and shares are numbers.
 */
import type { BoundSums, EmissionsFigures, FieldImputation } from "@finetrace/db";
import type { Scope2MonthSummary } from "../scope2/month-summary.js";

/** Version of this model's shape and of what it reports; a change is a "report-model" cause. */
export const REPORT_MODEL_VERSION = 2;

export interface ReportGroup {
  /** Value of the dimension (base model, grid zone, GPU model, "YYYY-MM-DD" day). */
  key: string;
  figures: EmissionsFigures;
}

/** Amortization of one continuous fine-tuning chain over the month (METHODOLOGY.md s.7). */
export interface ChainAmortization {
  chainId: string;
  runCount: number;
  /** Total carbon of the chain's runs started in the month, kgCO2e (exact sum). */
  totalCarbonKgCo2e: string;
  /** Total water of those runs, L (exact sum). */
  totalWaterLiters: string;
  /** Inferences projected at estimation time (sum of inferences/day x use life days). */
  projectedInferences: number;
  /** Inferences reported in InferenceUsage for the chain during the month (null: none reported). */
  actualInferences: number | null;
  /** Days of the month with a reported count. */
  reportedDays: number;
  /** Per-inference figures as estimated (projection only). */
  projectedCarbonPerInferenceGCo2e: number | null;
  projectedWaterPerInferenceMilliliters: number | null;
  /** Per-inference figures re-projected with the reported counts (equal to the above when none). */
  reprojectedCarbonPerInferenceGCo2e: number | null;
  reprojectedWaterPerInferenceMilliliters: number | null;
}

/** Per-inference carbon of a chain's runs over the 12 months to the report's end. */
export interface ChainTrend {
  chainId: string;
  points: { externalId: string; startUtc: string; carbonPerInferenceGCo2e: string }[];
}

/** Totals of another period (month-over-month, year to date), both Scope 2 bases. */
export interface PeriodTotals {
  /** "YYYY-MM" (previous month) or "YYYY-01..YYYY-MM" (year to date). */
  label: string;
  runCount: number;
  facilityEnergyKwh: string;
  /** Location-based Scope 2 (operational carbon), kgCO2e. */
  locationBasedCarbonKgCo2e: string;
  /** Market-based Scope 2, kgCO2e. */
  marketBasedCarbonKgCo2e: string;
  /** Embodied carbon (Scope 3, reported apart from Scope 2), kgCO2e. */
  embodiedCarbonKgCo2e: string;
  totalCarbonKgCo2e: string;
  totalWaterLiters: string;
}

/**
 * Market-based Scope 2, renewable energy, shift savings and instruments of the month: the Scope
 * 2 computation's summary (`scope2MonthSummary`, packages/services/src/scope2/month-summary.ts)
 * without its per-run list and computation time (not figures of the report).
 */
export type ReportScope2 = Omit<Scope2MonthSummary, "perRun" | "computedAt">;

/** Data quality and sources (the appendix). */
export interface ReportAppendix {
  methodologies: { methodologyVersion: string; method: string; runCount: number }[];
  imputationByField: FieldImputation[];
  /** Facility energy and runs by intensity source (hourly, annual_zone, annual_country, ...). */
  energyByIntensitySource: {
    intensitySource: string;
    runCount: number;
    facilityEnergyKwh: string;
  }[];
  /** Share of facility energy priced at a fallback (non-hourly) intensity, 0..1 (9 decimals). */
  fallbackEnergyShare: string;
  /** Hourly series that priced the runs' start hours. */
  gridSources: { gridZone: string; series: string; source: string; runCount: number }[];
  dataSources: readonly { name: string; use: string; license: string; attribution: string }[];
}

export interface MonthlyReport {
  modelVersion: number;
  organization: { id: string; slug: string; name: string; reportingTimezone: string };
  /** "YYYY-MM", cut in the organization's reporting timezone. */
  period: string;
  /** [fromUtc, toUtc) of the month in the reporting timezone. */
  fromUtc: string;
  toUtc: string;
  /** Version number (1, 2, ...) and generation time: set when the version is stored. */
  version: number;
  generatedAt: string;
  totals: EmissionsFigures;
  /** Sums of the runs' 5th / 95th percentile bounds (see `reportBoundSums`). */
  ranges: {
    facilityEnergyKwh: BoundSums;
    totalCarbonKgCo2e: BoundSums;
    totalWaterLiters: BoundSums;
  };
  /** Share of imputed inputs: imputed fields / provenance fields, 0..1 (decimal string, 9 places). */
  imputedShare: string;
  scope2: ReportScope2;
  previousMonth: PeriodTotals;
  yearToDate: PeriodTotals;
  byBaseModel: ReportGroup[];
  byGridZone: ReportGroup[];
  byGpuModel: ReportGroup[];
  byDay: ReportGroup[];
  chains: ChainAmortization[];
  chainTrends: ChainTrend[];
  appendix: ReportAppendix;
}
