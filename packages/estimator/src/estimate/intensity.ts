/**
 * Grid carbon intensity of a run (METHODOLOGY.md s.5, s.8): the supplied hourly values, else the
 * annual average of the zone, else of the country, of the run's start year where the data has it,
 * else of the nearest year with data (the later one on a tie); the year used is recorded in the
 * estimate's provenance (`annualIntensityYear`, rule "annual-intensity-of-run-year" or
 * "annual-intensity-of-nearest-year"). With the Strubell 2019 method, its constant 0.954 lbs/kWh
 * = 432.727 g/kWh for every zone and hour.
 */
import { strubellIntensityGPerKwh } from "../constants.js";
import { DisclosureValidationError, UnknownReferenceError } from "../errors.js";
import { type Country, findCountry, findGridZone, type GridZone } from "../reference.js";
import type { NormalizedRun, Provenance, RunEstimate, SuppliedIntensity } from "../types.js";

/**
 * The estimate's intensity record plus the 5th/95th percentiles its interval uses, and for an
 * annual fallback the provenance of the year whose average is used (null otherwise).
 */
export type ResolvedIntensity = RunEstimate["intensity"] & {
  lowGPerKwh: number;
  highGPerKwh: number;
  yearProvenance: Provenance | null;
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
  yearProvenance: null,
});

/**
 * The year of `years` (ascending) nearest to `year`; the later one when two are as near (the
 * newer methodology). `years` is never empty.
 */
export function nearestYear(years: readonly number[], year: number): number {
  let best = years[0] as number;
  for (const y of years) if (Math.abs(y - year) <= Math.abs(best - year)) best = y;
  return best;
}

/** Provenance of the year whose annual average prices the run. */
function yearProvenance(
  runYear: number,
  usedYear: number,
  what: string,
  intensityGPerKwh: number,
  source: string,
): Provenance {
  const exact = usedYear === runYear;
  return Object.freeze({
    status: "imputed",
    rule: exact ? "annual-intensity-of-run-year" : "annual-intensity-of-nearest-year",
    source: exact
      ? `${what} ${usedYear} annual average ${intensityGPerKwh} gCO2e/kWh: ${source}`
      : `${what} has no ${runYear} annual average; nearest year with data ${usedYear}: ${intensityGPerKwh} gCO2e/kWh: ${source}`,
    value: usedYear,
  });
}

/** Years with an annual average, ascending, per zone (built on first use). */
const zoneYears = new WeakMap<GridZone, number[]>();
function yearsOf(zone: GridZone): number[] {
  let years = zoneYears.get(zone);
  if (!years) {
    years = Object.keys(zone.annualIntensityByYearGPerKwh)
      .map(Number)
      .sort((a, b) => a - b);
    zoneYears.set(zone, years);
  }
  return years;
}

/**
 * One frozen ResolvedIntensity per (zone or country, run year): the hot path allocates none.
 * Emptied when it reaches `ANNUAL_CACHE_LIMIT` entries (a batch of arbitrary years stays bounded).
 */
const annualCache = new Map<string, ResolvedIntensity>();
const ANNUAL_CACHE_LIMIT = 10_000;

function zoneAnnual(zone: GridZone, runYear: number): ResolvedIntensity {
  const years = yearsOf(zone);
  const year = years.length > 0 ? nearestYear(years, runYear) : zone.year;
  const annual = zone.annualIntensityByYearGPerKwh[year] ?? zone.annualIntensityGPerKwh;
  const source =
    zone.annualIntensitySources.find((s) => s.years.includes(year))?.source ?? zone.source;
  const range = zone.hourlyIntensityRange;
  return Object.freeze({
    startHourIntensityGPerKwh: annual,
    meanIntensityGPerKwh: annual,
    hourUtc: null,
    source: "annual-zone",
    signal: zone.signal,
    series: null,
    lowGPerKwh: range ? Math.min(range.p05GPerKwh, annual) : annual,
    highGPerKwh: range ? Math.max(range.p95GPerKwh, annual) : annual,
    yearProvenance: yearProvenance(runYear, year, `zone ${zone.id}`, annual, source),
  });
}

function countryAnnual(country: Country, runYear: number): ResolvedIntensity {
  const annual = country.annualIntensityGPerKwh;
  return Object.freeze({
    startHourIntensityGPerKwh: annual,
    meanIntensityGPerKwh: annual,
    hourUtc: null,
    source: "annual-country",
    signal: "life-cycle",
    series: null,
    lowGPerKwh: annual,
    highGPerKwh: annual,
    yearProvenance: yearProvenance(
      runYear,
      country.year,
      `country ${country.code}`,
      annual,
      country.intensitySource,
    ),
  });
}

function checkIntensity(field: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw new DisclosureValidationError([
      { path: `intensity.${field}`, message: "must be a finite number >= 0 (gCO2e/kWh)" },
    ]);
  }
  return v;
}

/** @throws UnknownReferenceError("countryCode") when neither zone nor country has data. */
function annualIntensity(run: NormalizedRun): ResolvedIntensity {
  const runYear = Number(run.startTimeUtc.slice(0, 4));
  const key = `${run.gridZone}\u0000${run.countryCode}\u0000${runYear}`;
  const cached = annualCache.get(key);
  if (cached) return cached;
  const zone = findGridZone(run.gridZone);
  const country = zone ? undefined : findCountry(run.countryCode);
  if (!zone && !country)
    throw new UnknownReferenceError(
      "countryCode",
      run.countryCode,
      "no annual grid intensity for this country",
    );
  const resolved = zone ? zoneAnnual(zone, runYear) : countryAnnual(country as Country, runYear);
  if (annualCache.size >= ANNUAL_CACHE_LIMIT) annualCache.clear();
  annualCache.set(key, resolved);
  return resolved;
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
    yearProvenance: null,
  };
}
