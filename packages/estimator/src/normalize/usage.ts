/**
 * Usage rules (METHODOLOGY.md s.7, s.8): use life (disclosed > one year, Scope3 training.mdx),
 * inferences per day (disclosed > 1000, Scope3 fine_tuning.mdx), the estimation method
 * (disclosed > "finetrace"), and provenance of the optional fields passed through as disclosed.
 */
import { defaultInferencesPerDay, defaultUseLifeDays } from "../constants.js";
import type { RunDisclosure } from "../disclosure.js";
import { constant, DISCLOSED, imputed, type ProvenanceRecord } from "./shared.js";

const USE_LIFE = constant(
  "use-life-default",
  "Scope3 training.mdx amortization example: a model lifecycle of about a year",
  defaultUseLifeDays,
);
const INFERENCES = constant(
  "inferences-default",
  "Scope3 fine_tuning.mdx example: 1000 inferences a day",
  defaultInferencesPerDay,
);

/** Expected use life of the fine-tuned model, days. */
export function resolveUseLifeDays(d: RunDisclosure, prov: ProvenanceRecord): number {
  prov.useLifeDays = d.useLifeDays !== undefined ? DISCLOSED : USE_LIFE;
  return d.useLifeDays ?? defaultUseLifeDays;
}

/** Expected inferences per day (count, may be fractional). */
export function resolveInferencesPerDay(d: RunDisclosure, prov: ProvenanceRecord): number {
  prov.inferencesPerDay = d.inferencesPerDay !== undefined ? DISCLOSED : INFERENCES;
  return d.inferencesPerDay ?? defaultInferencesPerDay;
}

/**
 * Mark the optional fields that are used as given and have no rule (tokens, measured energy,
 * chain id, estimation method): provenance "disclosed" when present, no entry otherwise (the
 * default method "finetrace" is a choice of the method, not an imputed fact).
 */
/**
 * The submitter's own derivations (`inputProvenance`): a disclosed field whose value the
 * submitter derived is "imputed" with the submitter's rule and source, and its value as
 * disclosed (canonical: startTime in UTC). Fields the estimator imputed itself keep theirs.
 */
export function applyInputProvenance(d: RunDisclosure, prov: ProvenanceRecord): void {
  for (const { field, rule, source } of d.inputProvenance ?? []) {
    const value = d[field];
    if (prov[field]?.status !== "disclosed" || value === undefined) continue;
    prov[field] = imputed(rule, source, value);
  }
}

export function markPassThrough(d: RunDisclosure, prov: ProvenanceRecord): void {
  if (d.tokensIncludingPadding !== undefined) prov.tokensIncludingPadding = DISCLOSED;
  if (d.gpuHours !== undefined) prov.gpuHours = DISCLOSED;
  if (d.measuredEnergyKwh !== undefined) prov.measuredEnergyKwh = DISCLOSED;
  if (d.chainId !== undefined) prov.chainId = DISCLOSED;
  if (d.method !== undefined) prov.method = DISCLOSED;
}
