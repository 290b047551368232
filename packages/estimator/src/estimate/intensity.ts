/**
 * Grid carbon intensity of a run (METHODOLOGY.md s.5, s.8): the supplied hourly values, else the
 * annual average of the zone, else of the country, for the run's start year; with the Strubell
 * 2019 method, its constant 0.954 lbs/kWh = 432.727 g/kWh for every zone and hour.
 */
import { strubellIntensityGPerKwh } from "../constants.js";
import { DisclosureValidationError, UnknownReferenceError } from "../errors.js";
import { findCountry, findGridZone } from "../reference.js";
import type { NormalizedRun, RunEstimate, SuppliedIntensity } from "../types.js";

/** Intensities in gCO2e/kWh, with the low / high ends used by the bounds (ADR 0010). */
/** The estimate's intensity record plus the 5th/95th percentiles its interval uses. */
export type ResolvedIntensity = RunEstimate["intensity"] & {
  lowGPerKwh: number;
  highGPerKwh: number;
};

/** Strubell 2019: EPA US average output emission rate (direct); low = high = point. */
const STRUBELL_INTENSITY: ResolvedIntensity = Object.freeze({
  startHourIntensityGPerKwh: strubellIntensityGPerKwh,
  meanIntensityGPerKwh: strubellIntensityGPerKwh,
  hourUtc: null,
  source: "method-constant",
  signal: "direct",
  series: null,
  lowGPerKwh: strubellIntensityGPerKwh,
  highGPerKwh: strubellIntensityGPerKwh,
});

function checkIntensity(field: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw new DisclosureValidationError([
      { path: `intensity.${field}`, message: "must be a finite number >= 0 (gCO2e/kWh)" },
    ]);
  }
  return v;
}

function annualIntensity(run: NormalizedRun): ResolvedIntensity {
  const year = run.startTimeUtc.slice(0, 4);
  const zone = findGridZone(run.gridZone);
  if (zone) {
    const annual = zone.annualIntensityByYearGPerKwh[year] ?? zone.annualIntensityGPerKwh;
    const range = zone.hourlyIntensityRange;
    return {
      startHourIntensityGPerKwh: annual,
      meanIntensityGPerKwh: annual,
      hourUtc: null,
      source: "annual-zone",
      signal: zone.signal,
      series: null,
      lowGPerKwh: range ? Math.min(range.p05GPerKwh, annual) : annual,
      highGPerKwh: range ? Math.max(range.p95GPerKwh, annual) : annual,
    };
  }
  const country = findCountry(run.countryCode);
  if (!country)
    throw new UnknownReferenceError(
      "countryCode",
      run.countryCode,
      "no annual grid intensity for this country",
    );
  const annual = country.annualIntensityGPerKwh;
  return {
    startHourIntensityGPerKwh: annual,
    meanIntensityGPerKwh: annual,
    hourUtc: null,
    source: "annual-country",
    signal: "life-cycle",
    series: null,
    lowGPerKwh: annual,
    highGPerKwh: annual,
  };
}

/**
 * The intensity the run is priced at (module doc). With method "strubell2019", `supplied` is
 * ignored (neither read nor validated).
 * @throws DisclosureValidationError for a supplied value that is not a finite number >= 0;
 *   UnknownReferenceError("countryCode") when the annual fallback finds no country.
 */
export function resolveIntensity(
  run: NormalizedRun,
  supplied: SuppliedIntensity | null,
): ResolvedIntensity {
  if (run.method === "strubell2019") return STRUBELL_INTENSITY;
  if (!supplied) return annualIntensity(run);
  const start = checkIntensity("startHourIntensityGPerKwh", supplied.startHourIntensityGPerKwh);
  const mean = checkIntensity("meanIntensityGPerKwh", supplied.meanIntensityGPerKwh);
  return {
    startHourIntensityGPerKwh: start,
    meanIntensityGPerKwh: mean,
    hourUtc: supplied.hourUtc,
    source: "hourly",
    signal: supplied.signal,
    series: supplied.series ?? "shared",
    lowGPerKwh: start,
    highGPerKwh: start,
  };
}
