/**
 * The content of a monthly report, independent of its renderings (CSV, HTML, PDF) and of the
 * database. Quantities are decimal strings: exact NUMERIC sums from Postgres (kWh, kgCO2e, L).
 */
import type { EmissionsFigures } from "@finetrace/db";

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

export interface MonthlyReport {
  organization: { id: string; slug: string; name: string; reportingTimezone: string };
  /** "YYYY-MM", cut in the organization's reporting timezone. */
  period: string;
  /** [fromUtc, toUtc) of the month in the reporting timezone. */
  fromUtc: string;
  toUtc: string;
  generatedAt: string;
  totals: EmissionsFigures;
  /** Share of imputed inputs: imputed fields / provenance fields, 0..1 (decimal string, 9 places). */
  imputedShare: string;
  byBaseModel: ReportGroup[];
  byGridZone: ReportGroup[];
  byGpuModel: ReportGroup[];
  byDay: ReportGroup[];
  chains: ChainAmortization[];
}
