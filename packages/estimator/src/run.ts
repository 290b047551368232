/** Normalize + estimate in one call, and provenance helpers. */
import type { RunDisclosure } from "./disclosure.js";
import { estimateNormalized } from "./estimate.js";
import { normalizeDisclosure } from "./normalize.js";
import type { OrganizationSettings, Provenance, RunEstimate, SuppliedIntensity } from "./types.js";

/**
 * Estimate a validated disclosure: `normalizeDisclosure` then `estimateNormalized`.
 * @throws whatever those throw (UnknownReferenceError, InsufficientDataError, DisclosureValidationError).
 */
export function estimateRun(
  d: RunDisclosure,
  options?: {
    intensity?: SuppliedIntensity | null;
    organization?: OrganizationSettings;
    nextRunStartUtc?: string;
  },
): RunEstimate {
  const run = normalizeDisclosure(d, { organization: options?.organization });
  return estimateNormalized(run, options?.intensity ?? null, {
    nextRunStartUtc: options?.nextRunStartUtc,
  });
}

/** Number of provenance entries with status "imputed". */
export function imputedFieldCount(provenance: Readonly<Record<string, Provenance>>): number {
  let n = 0;
  for (const k in provenance) if (provenance[k]?.status === "imputed") n++;
  return n;
}
