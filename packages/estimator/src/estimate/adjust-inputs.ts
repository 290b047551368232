/**
 * Inputs of a normalized run that `estimateNormalized` may replace (METHODOLOGY.md s.7, s.8): the chain
 * interval of a continuous fine-tune, and the Strubell 2019 method's PUE.
 */
import { strubellPue } from "../constants.js";
import { parseIsoTimestampMs } from "../disclosure.js";
import { DisclosureValidationError } from "../errors.js";
import { STRUBELL_PUE } from "../normalize/facility.js";
import type { NormalizedRun, Provenance } from "../types.js";

const MS_PER_DAY = 86_400_000;

/**
 * The chain rule: use life = interval to the next run of the chain, in days (provenance rule
 * "chain-interval"). `nextRunStartUtc` comes from `chainSuccessorStarts`.
 * @throws DisclosureValidationError("nextRunStartUtc") when it is not a valid ISO 8601 timestamp
 *   with offset, or not after the run's start.
 */
export function withChainUseLife(run: NormalizedRun, nextRunStartUtc: string): NormalizedRun {
  const nextMs = parseIsoTimestampMs(nextRunStartUtc);
  if (Number.isNaN(nextMs)) {
    throw new DisclosureValidationError([
      {
        path: "nextRunStartUtc",
        message: "must be an ISO 8601 timestamp with an offset, e.g. 2024-07-07T17:01:00Z",
      },
    ]);
  }
  const days = (nextMs - Date.parse(run.startTimeUtc)) / MS_PER_DAY;
  if (!(days > 0)) {
    throw new DisclosureValidationError([
      {
        path: "nextRunStartUtc",
        message: `must be after the run's start ${run.startTimeUtc} (use life would be ${days} days)`,
      },
    ]);
  }
  return {
    ...run,
    useLifeDays: days,
    provenance: {
      ...run.provenance,
      useLifeDays: {
        status: "imputed",
        rule: "chain-interval",
        source:
          "Scope3 fine_tuning.mdx / METHODOLOGY.md s.7: continuous fine-tuning, use life = time until the next run",
        value: days,
      },
    },
  };
}

/**
 * A run priced at an annual average carries the year used in `provenance.annualIntensityYear`
 * (estimate/intensity.ts); a run priced at hourly values or a method constant is returned as is.
 * A copy: the caller's normalized run is not changed.
 */
export function withIntensityYear(run: NormalizedRun, year: Provenance | null): NormalizedRun {
  if (year === null) return run;
  return { ...run, provenance: { ...run.provenance, annualIntensityYear: year } };
}

/**
 * A "strubell2019" run carries the method's PUE 1.58 (rule "strubell2019-pue"), as
 * `normalizeDisclosure` sets it; a run built otherwise is corrected so `inputs` tell the truth.
 */
export function withMethodPue(run: NormalizedRun): NormalizedRun {
  if (run.method !== "strubell2019") return run;
  const p = run.provenance.pue;
  if (run.pue === strubellPue && p?.status === "imputed" && p.rule === "strubell2019-pue")
    return run;
  return { ...run, pue: strubellPue, provenance: { ...run.provenance, pue: STRUBELL_PUE } };
}
