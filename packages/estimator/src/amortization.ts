/**
 * Amortization of a fine-tuning footprint over the inferences of the model's use life
 * (METHODOLOGY.md s.7; Scope3 fine_tuning.mdx and training.mdx):
 *
 *   per_inference = footprint / (inferences_per_day * use_life_days)
 *
 * Units: carbon in kgCO2e in, gCO2e per inference out; water in L in, mL per inference out.
 * Chained runs (continuous fine-tuning) get their use life from `chainSuccessorStarts`
 * (chain.ts) through `estimateNormalized`'s `nextRunStartUtc`.
 */
import { DisclosureValidationError } from "./errors.js";

function positive(path: string, v: number): number {
  if (!Number.isFinite(v) || v <= 0)
    throw new DisclosureValidationError([{ path, message: "must be a finite number > 0" }]);
  return v;
}
function nonNegative(path: string, v: number): number {
  if (!Number.isFinite(v) || v < 0)
    throw new DisclosureValidationError([{ path, message: "must be a finite number >= 0" }]);
  return v;
}

/** Per-inference footprint, with the use data it was amortized over. */
export interface PerInference {
  useLifeDays: number;
  inferencesPerDay: number;
  totalInferences: number;
  carbonPerInferenceGCo2e: number;
  waterPerInferenceMilliliters: number;
}

/**
 * Amortize one footprint.
 * @throws DisclosureValidationError naming `useLifeDays` / `inferencesPerDay` / the footprint
 *   field when it is not finite, or not > 0 (>= 0 for the footprint).
 */
export function amortizePerInference(input: {
  totalCarbonKgCo2e: number;
  totalWaterLiters: number;
  inferencesPerDay: number;
  useLifeDays: number;
}): PerInference {
  const { totalCarbonKgCo2e: carbon, totalWaterLiters: water } = input;
  const { inferencesPerDay, useLifeDays } = input;
  // Hot path (every estimate): comparisons only; NaN fails each of them. The named validators
  // run only to build the error.
  if (
    !(
      carbon >= 0 &&
      carbon < Number.POSITIVE_INFINITY &&
      water >= 0 &&
      water < Number.POSITIVE_INFINITY &&
      inferencesPerDay > 0 &&
      inferencesPerDay < Number.POSITIVE_INFINITY &&
      useLifeDays > 0 &&
      useLifeDays < Number.POSITIVE_INFINITY
    )
  ) {
    nonNegative("totalCarbonKgCo2e", carbon);
    nonNegative("totalWaterLiters", water);
    positive("inferencesPerDay", inferencesPerDay);
    positive("useLifeDays", useLifeDays);
  }
  const totalInferences = inferencesPerDay * useLifeDays;
  return {
    useLifeDays,
    inferencesPerDay,
    totalInferences,
    carbonPerInferenceGCo2e: (carbon * 1000) / totalInferences,
    waterPerInferenceMilliliters: (water * 1000) / totalInferences,
  };
}

/** Input of the monthly re-projection. */
export interface ReprojectionInput {
  totalCarbonKgCo2e: number;
  totalWaterLiters: number;
  /** Use life in whole months (N). */
  useLifeMonths: number;
  /** Initial projection of inferences per month (PI / N). */
  projectedInferencesPerMonth: number;
  /** Actual inference counts for months 1..k as reported (null or missing: not reported). */
  actualInferencesByMonth: readonly (number | null)[];
}

/** One month of the amortization schedule. */
export interface ReprojectionMonth {
  /** 1-based month of the use life. */
  month: number;
  /** Months left including this one (N - month + 1). */
  remainingUseLifeMonths: number;
  carbonRemainingKgCo2e: number;
  waterRemainingLiters: number;
  projectedInferencesRemaining: number;
  /** Cost per inference for this month; null when no inferences are projected. */
  carbonPerInferenceGCo2e: number | null;
  waterPerInferenceMilliliters: number | null;
  inferences: number;
  inferencesSource: "actual" | "projected";
  carbonBilledKgCo2e: number;
  waterBilledLiters: number;
}

/**
 * Monthly re-projection of the amortization (Scope3 training.mdx "Amortization schedule"):
 * keep the cost remaining and the projected inferences remaining; month m bills
 * inferences_m * cost_per_inference_m, where cost_per_inference_m = remaining cost / projected
 * inferences remaining. After a month with an actual count, the projection for the remaining
 * months becomes that count per month (Scope3's example: 11T actual in month 1 of 14 -> 11T x 13
 * = 143T projected remaining). The last month bills whatever remains, so the whole footprint is
 * billed; a month never bills more than remains.
 * @throws DisclosureValidationError naming the bad field.
 */
export function reprojectAmortization(input: ReprojectionInput): ReprojectionMonth[] {
  const n = positive("useLifeMonths", input.useLifeMonths);
  if (!Number.isInteger(n))
    throw new DisclosureValidationError([
      { path: "useLifeMonths", message: "must be a whole number of months" },
    ]);
  let rate = nonNegative("projectedInferencesPerMonth", input.projectedInferencesPerMonth);
  let carbonRemaining = nonNegative("totalCarbonKgCo2e", input.totalCarbonKgCo2e);
  let waterRemaining = nonNegative("totalWaterLiters", input.totalWaterLiters);
  if (input.actualInferencesByMonth.length > n) {
    throw new DisclosureValidationError([
      {
        path: "actualInferencesByMonth",
        message: `has ${input.actualInferencesByMonth.length} months, more than the use life of ${n}`,
      },
    ]);
  }
  const months: ReprojectionMonth[] = [];
  for (let m = 1; m <= n; m++) {
    const remainingUseLifeMonths = n - m + 1;
    const projectedInferencesRemaining = rate * remainingUseLifeMonths;
    const carbonPerInference =
      projectedInferencesRemaining > 0 ? carbonRemaining / projectedInferencesRemaining : null;
    const waterPerInference =
      projectedInferencesRemaining > 0 ? waterRemaining / projectedInferencesRemaining : null;
    const actual = input.actualInferencesByMonth[m - 1];
    const hasActual = actual !== undefined && actual !== null;
    const inferences = hasActual ? nonNegative(`actualInferencesByMonth[${m - 1}]`, actual) : rate;
    const last = m === n;
    const carbonBilled = last
      ? carbonRemaining
      : Math.min(carbonRemaining, inferences * (carbonPerInference ?? 0));
    const waterBilled = last
      ? waterRemaining
      : Math.min(waterRemaining, inferences * (waterPerInference ?? 0));
    months.push({
      month: m,
      remainingUseLifeMonths,
      carbonRemainingKgCo2e: carbonRemaining,
      waterRemainingLiters: waterRemaining,
      projectedInferencesRemaining,
      carbonPerInferenceGCo2e: carbonPerInference === null ? null : carbonPerInference * 1000,
      waterPerInferenceMilliliters: waterPerInference === null ? null : waterPerInference * 1000,
      inferences,
      inferencesSource: hasActual ? "actual" : "projected",
      carbonBilledKgCo2e: carbonBilled,
      waterBilledLiters: waterBilled,
    });
    carbonRemaining -= carbonBilled;
    waterRemaining -= waterBilled;
    if (hasActual) rate = inferences;
  }
  return months;
}
