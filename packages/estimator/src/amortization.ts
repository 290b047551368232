/**
 * Amortization of a fine-tuning footprint over the inferences of the model's use life
 * (METHODOLOGY.md s.7; Scope3 fine_tuning.mdx and training.mdx):
 *
 *   per_inference = footprint / (inferences_per_day * use_life_days)
 *
 * Units: carbon in kgCO2e in, gCO2e per inference out; water in L in, mL per inference out.
 */
import { DisclosureValidationError } from "./errors.js";

const MS_PER_DAY = 86_400_000;

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

/** Per-inference footprint. */
export interface PerInference {
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
  const carbon = nonNegative("totalCarbonKgCo2e", input.totalCarbonKgCo2e);
  const water = nonNegative("totalWaterLiters", input.totalWaterLiters);
  const totalInferences =
    positive("inferencesPerDay", input.inferencesPerDay) *
    positive("useLifeDays", input.useLifeDays);
  return {
    totalInferences,
    carbonPerInferenceGCo2e: (carbon * 1000) / totalInferences,
    waterPerInferenceMilliliters: (water * 1000) / totalInferences,
  };
}

/** One run of a continuous fine-tuning chain. */
export interface ChainRunInput {
  id: string;
  /** ISO 8601 start (any offset). */
  startTimeUtc: string;
  totalCarbonKgCo2e: number;
  totalWaterLiters: number;
  inferencesPerDay: number;
  /** Use life of the run if known; used only for the latest run (it has no successor yet). */
  useLifeDays?: number;
}

export interface ChainRunAmortization extends PerInference {
  id: string;
  useLifeDays: number;
  /** "chain-interval": time to the next run; "disclosed": the latest run's own use life; "chain-previous-interval": the latest run assumes the chain's last interval. */
  useLifeRule: "chain-interval" | "disclosed" | "chain-previous-interval";
}

/**
 * Continuous fine-tuning (METHODOLOGY.md s.7): each run's use life is the interval to the next
 * run of its chain (one day for daily fine-tunes). The latest run uses its own `useLifeDays`,
 * else the chain's previous interval. Runs are ordered by start time; output follows that order.
 * @throws DisclosureValidationError for an empty chain, two runs starting at the same time, an
 *   unparseable start, or a single run without `useLifeDays` (field named as `runs[i].field`).
 */
export function amortizeChain(runs: readonly ChainRunInput[]): ChainRunAmortization[] {
  if (runs.length === 0)
    throw new DisclosureValidationError([
      { path: "runs", message: "must contain at least one run" },
    ]);
  const ordered = runs
    .map((r, i) => {
      const ms = Date.parse(r.startTimeUtc);
      if (Number.isNaN(ms))
        throw new DisclosureValidationError([
          { path: `runs[${i}].startTimeUtc`, message: "is not a valid ISO 8601 timestamp" },
        ]);
      return { r, ms, i };
    })
    .sort((a, b) => a.ms - b.ms);
  const out: ChainRunAmortization[] = [];
  for (let k = 0; k < ordered.length; k++) {
    const { r, ms, i } = ordered[k] as (typeof ordered)[number];
    const next = ordered[k + 1];
    let useLifeDays: number;
    let useLifeRule: ChainRunAmortization["useLifeRule"];
    if (next) {
      useLifeDays = (next.ms - ms) / MS_PER_DAY;
      if (useLifeDays <= 0) {
        throw new DisclosureValidationError([
          {
            path: `runs[${next.i}].startTimeUtc`,
            message: `starts at the same time as runs[${i}]; use life would be 0 days`,
          },
        ]);
      }
      useLifeRule = "chain-interval";
    } else if (r.useLifeDays !== undefined) {
      useLifeDays = positive(`runs[${i}].useLifeDays`, r.useLifeDays);
      useLifeRule = "disclosed";
    } else if (k > 0) {
      useLifeDays = (ms - (ordered[k - 1] as (typeof ordered)[number]).ms) / MS_PER_DAY;
      useLifeRule = "chain-previous-interval";
    } else {
      throw new DisclosureValidationError([
        { path: `runs[${i}].useLifeDays`, message: "a chain of one run needs its use life" },
      ]);
    }
    out.push({
      id: r.id,
      useLifeDays,
      useLifeRule,
      ...amortizePerInference({
        totalCarbonKgCo2e: r.totalCarbonKgCo2e,
        totalWaterLiters: r.totalWaterLiters,
        inferencesPerDay: r.inferencesPerDay,
        useLifeDays,
      }),
    });
  }
  return out;
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
