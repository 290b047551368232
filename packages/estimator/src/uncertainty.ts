/**
 * The spreads behind the 90 % intervals of an estimate (ADR 0012, METHODOLOGY.md s.9), each with
 * its source. An input's spread is its 90 % range around the point value in log space:
 *
 *   5th percentile = point * exp(-lo),   95th percentile = point * exp(+hi)
 *
 * (lo = hi = 1.645 sigma for a lognormal). `estimate/bounds.ts` combines the spreads of the
 * inputs that are imputed or modelled, first order in log space (delta method), per side:
 *
 *   lo_Q = sqrt( sum_x (s_Qx * lo_x)^2 ),   hi_Q = sqrt( sum_x (s_Qx * hi_x)^2 )
 *   low  = Q * exp(-lo_Q),                   high = Q * exp(+hi_Q)
 *
 * with s_Qx = d ln Q / d ln x, the share of Q that is proportional to x (e.g. operational / total
 * carbon for the grid intensity). A disclosed input has no term, so disclosing narrows the interval.
 */
import { modelFlopsUtilization } from "./constants.js";
import { referenceData } from "./reference.js";

/** 95th percentile of the standard normal: a 90 % two-sided interval is +-Z90 sigma. */
export const Z90 = 1.6448536269514722;

/** A 90 % range in log space around a point value (see module doc). */
export interface LogSpread {
  readonly lo: number;
  readonly hi: number;
  readonly source: string;
}

/**
 * Residual of the power model (METHODOLOGY.md s.3: E_IT = P_IT(u) * hours) against measured runs,
 * ln(measured / estimated), on the calibration split of `validation/measured-runs.csv` (source
 * weighted; `validation/validate.ts` recomputes them, docs/VALIDATION.md reports them). With the
 * GPU utilization imputed the spread contains the unknown utilization; disclosed, only the power
 * model's own error (NVML utilization is the share of time a kernel runs, not a power fraction).
 */
export const ENERGY_MODEL_SPREAD = {
  gpuUtilizationImputed: {
    lo: 1.48,
    hi: 0.84,
    source:
      "validation/measured-runs.csv calibration split: NVML GPU energy / modelled GPU energy at u = 0.47, source-weighted 5th..95th percentile of the log ratio (-1.48 .. +0.84; 352 runs, 18 sources)",
  },
  gpuUtilizationDisclosed: {
    lo: 1.18,
    hi: 0.27,
    source:
      "validation/measured-runs.csv calibration split, runs with CodeCarbon 3.2 mean GPU utilization disclosed: source-weighted 5th..95th percentile of the log ratio (-1.18 .. +0.27; 22 runs, 3 sources: weak)",
  },
} as const satisfies Record<string, LogSpread>;

/**
 * Hours predicted from tokens (s.4): hours are proportional to 1 / MFU, and PaLM Table 3's MFU
 * range 0.213 .. 0.462 around the default 0.30 is taken as its 5th..95th percentile.
 */
export const HOURS_FROM_TOKENS_SPREAD: LogSpread = Object.freeze({
  lo: Math.log(modelFlopsUtilization.high / modelFlopsUtilization.value),
  hi: Math.log(modelFlopsUtilization.value / modelFlopsUtilization.low),
  source:
    "Chowdhery et al. 2022 (PaLM) Table 3 MFU 0.213 .. 0.462 as the 5th..95th percentile around 0.30",
});

const defaults = referenceData.locationDefaults;
const minPue = defaults.minPublishedPue.value;

/**
 * A published PUE (the cloud region's annual figure, or the organization's own): +-5 %
 * (assumption: seasonal and load variation around an annual average; no published distribution).
 */
export const PUE_PUBLISHED_SPREAD: LogSpread = Object.freeze({
  lo: Math.log(1.05),
  hi: Math.log(1.05),
  source: "assumption: +-5 % around a published annual PUE (seasonal / load variation)",
});

/**
 * PUE spread for an imputed PUE by rule: none for a personal computer (PUE 1: no facility, so
 * nothing to be uncertain about); a published value (region, organization) +-5 %; a
 * provider or industry average, log-symmetric with the lowest published cloud-region PUE (1.08)
 * as its 5th percentile (ADR 0010's low end), at least +-5 %. Industry 1.56 -> 1.08 .. 2.25.
 */
export function pueLogHalfWidth(rule: string, pue: number): number {
  if (rule === "pue-personal-computer") return 0; // no facility: 1 by definition
  if (rule === "pue-of-cloud-region" || rule === "organization-setting")
    return PUE_PUBLISHED_SPREAD.lo;
  return Math.max(Math.log(pue / minPue), PUE_PUBLISHED_SPREAD.lo);
}
export const PUE_SPREAD_SOURCE =
  "personal computer: none (PUE 1 by definition); published PUE (region, organization) +-5 % (assumption); provider / industry average: log-symmetric, 5th percentile = lowest published cloud-region PUE 1.08 (Green Algorithms data; Uptime Institute 2024 average 1.56)";

/**
 * An imputed WUE: ADR 0010's range [min(0.10, WUE), max(1.8, WUE)] (lowest provider WUE, LBNL
 * 2016 US average) read as its 5th..95th percentile.
 */
export const wueLogLo = (wue: number) =>
  wue > 0 ? Math.log(wue / Math.min(defaults.minPublishedWueLitersPerKwh.value, wue)) : 0;
export const wueLogHi = (wue: number) =>
  wue > 0 ? Math.log(Math.max(defaults.usWue.value, wue) / wue) : 0;
export const WUE_SPREAD_SOURCE =
  "ADR 0010 range: lowest provider WUE 0.10 (GSF cloud_provider_wue.json) .. LBNL 2016 US average 1.8 L/kWh, as 5th..95th percentile";

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * An annual intensity without the zone's hourly percentiles (annual-zone without hourly files,
 * annual-country): the median, over the zones that have hourly files, of ln(annual / p05) and
 * ln(p95 / annual) (Electricity Maps hourly life-cycle intensity; `gridZones[].hourlyIntensityRange`).
 * An hour's intensity is as uncertain as the typical zone's hour-to-hour spread.
 */
export const ANNUAL_INTENSITY_FALLBACK_SPREAD: LogSpread = (() => {
  const lo: number[] = [];
  const hi: number[] = [];
  for (const z of referenceData.gridZones) {
    const r = z.hourlyIntensityRange;
    const a = z.annualIntensityGPerKwh;
    if (!r || !(a > 0) || !(r.p05GPerKwh > 0)) continue;
    lo.push(Math.log(a / Math.min(r.p05GPerKwh, a)));
    hi.push(Math.log(Math.max(r.p95GPerKwh, a) / a));
  }
  return Object.freeze({
    lo: lo.length ? median(lo) : 0,
    hi: hi.length ? median(hi) : 0,
    source: `median over the ${lo.length} zones with Electricity Maps hourly files of ln(annual / p05) and ln(p95 / annual)`,
  });
})();
