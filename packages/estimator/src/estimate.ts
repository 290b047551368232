/**
 * Estimation of one normalized run (METHODOLOGY.md s.3-8): IT and facility energy, operational
 * carbon at the start hour and over the run's hours, embodied carbon, on-site / off-site /
 * embodied water, amortization per inference, and low/high bounds. The parts live in
 * `estimate/`: footprint (per method), intensity, bounds, adjusted inputs.
 *
 * Bounds (ADR 0012, METHODOLOGY.md s.9): `bounds` are the 5th..95th percentiles of a 90 %
 * interval around the point estimate, combined analytically (log space, root-sum-square per
 * side) from the spread of each imputed or modelled input (`uncertainty.ts`: the power model's
 * spread calibrated on measured runs, MFU, PUE, WUE, annual-average grid intensity). A
 * disclosed input adds no term, so disclosing narrows the interval; a metered run keeps only
 * the spreads of what remains imputed.
 */
import { amortizePerInference } from "./amortization.js";
import { METHODOLOGY_VERSION } from "./constants.js";
import { UnknownReferenceError } from "./errors.js";
import { withChainUseLife, withIntensityYear, withMethodPue } from "./estimate/adjust-inputs.js";
import { estimateBounds } from "./estimate/bounds.js";
import {
  type Footprint,
  finetraceFootprint,
  type Scenario,
  strubellFootprint,
  totalCarbon,
  totalWater,
} from "./estimate/footprint.js";
import { type ResolvedIntensity, resolveIntensity } from "./estimate/intensity.js";
import { type GpuSpec, getGpuById, getServerById, type ServerSpec } from "./reference.js";
import type { NormalizedRun, RunEstimate, SuppliedIntensity } from "./types.js";

const MS_PER_HOUR = 3_600_000;

/** Options of `estimateNormalized`. */
export interface EstimateOptions {
  /**
   * Continuous fine-tuning: start of the next run of the chain (ISO 8601 with offset), as
   * `chainSuccessorStarts` gives it. The use life becomes the interval to it (provenance rule
   * "chain-interval", METHODOLOGY.md s.7).
   */
  nextRunStartUtc?: string;
}

/** @throws UnknownReferenceError when the run's GPU is not a canonical reference id. */
function gpuOf(run: NormalizedRun): GpuSpec {
  const gpu = getGpuById(run.gpuModel);
  if (gpu) return gpu;
  throw new UnknownReferenceError(
    "gpuModel",
    run.gpuModel,
    "not a canonical GPU id of the reference data",
  );
}

/** @throws UnknownReferenceError when the run's server is not a canonical reference id. */
function serverOf(run: NormalizedRun): ServerSpec {
  const server = getServerById(run.serverModel);
  if (server) return server;
  throw new UnknownReferenceError(
    "serverModel",
    run.serverModel,
    "not a canonical server id of the reference data",
  );
}

function methodOf(run: NormalizedRun): RunEstimate["method"] {
  if (run.method === "strubell2019") return "strubell2019";
  return run.measuredEnergyKwh !== null ? "measured" : "finetrace";
}

/** The RunEstimate of a point footprint, its bounds and intensity; s.7 amortization. */
function assemble(
  run: NormalizedRun,
  f: Footprint,
  resolved: ResolvedIntensity,
  bounds: RunEstimate["bounds"],
): RunEstimate {
  const carbon = totalCarbon(f);
  const water = totalWater(f);
  const amortization = amortizePerInference({
    totalCarbonKgCo2e: carbon,
    totalWaterLiters: water,
    inferencesPerDay: run.inferencesPerDay,
    useLifeDays: run.useLifeDays,
  });
  return {
    methodologyVersion: METHODOLOGY_VERSION,
    method: methodOf(run),
    inputs: run,
    itPowerWatts: f.itPowerWatts,
    itEnergyKwh: f.itEnergyKwh,
    facilityEnergyKwh: f.facilityEnergyKwh,
    intensity: {
      startHourIntensityGPerKwh: resolved.startHourIntensityGPerKwh,
      meanIntensityGPerKwh: resolved.meanIntensityGPerKwh,
      hourUtc: resolved.hourUtc,
      source: resolved.source,
      signal: resolved.signal,
      series: resolved.series,
    },
    operationalCarbonKgCo2e: f.operationalCarbonKgCo2e,
    operationalCarbonMeanKgCo2e: f.operationalCarbonMeanKgCo2e,
    embodiedCarbonKgCo2e: f.embodiedCarbonKgCo2e,
    totalCarbonKgCo2e: carbon,
    onsiteWaterLiters: f.onsiteWaterLiters,
    offsiteWaterLiters: f.offsiteWaterLiters,
    embodiedWaterLiters: f.embodiedWaterLiters,
    totalWaterLiters: water,
    amortization,
    bounds,
  };
}

/**
 * Estimate a normalized run with its method (`normalized.method`): "finetrace" (METHODOLOGY.md
 * s.3-7) or "strubell2019" (s.8: PUE 1.58 and 0.954 lbs CO2e/kWh; `intensity`, the run's PUE and
 * its organization override are ignored; no embodied carbon or water).
 * @param intensity hourly grid intensity for the run (start hour and mean over its hours), or
 *   null to use the annual average of the zone ("annual-zone"), else of the country
 *   ("annual-country"), of the run's start year, else of the nearest year with data; the year
 *   used is `inputs.provenance.annualIntensityYear` (estimate/intensity.ts).
 * @throws UnknownReferenceError if the run names a GPU / server / country absent from the data.
 * @throws DisclosureValidationError for a bad supplied intensity or `nextRunStartUtc`, or a use
 *   life / inferences per day that is not a finite number > 0 (from `amortizePerInference`).
 */
export function estimateNormalized(
  normalized: NormalizedRun,
  intensity: SuppliedIntensity | null,
  options?: EstimateOptions,
): RunEstimate {
  const chained =
    options?.nextRunStartUtc !== undefined
      ? withChainUseLife(normalized, options.nextRunStartUtc)
      : normalized;
  const run = withMethodPue(chained);
  const gpu = gpuOf(run);
  const server = serverOf(run);
  const resolved = resolveIntensity(run, intensity);
  const priced = withIntensityYear(run, resolved.yearProvenance);
  const footprintOf = run.method === "strubell2019" ? strubellFootprint : finetraceFootprint;
  const point: Scenario = {
    hours: run.reservedDurationHours,
    uGpu: run.gpuUtilizationFraction,
    uCpu: run.cpuUtilizationFraction,
    pue: run.pue,
    wue: run.wueLitersPerKwh,
    startIntensity: resolved.startHourIntensityGPerKwh,
    meanIntensity: resolved.meanIntensityGPerKwh,
  };
  const f = footprintOf(run, gpu, server, point);
  const bounds = estimateBounds(run, footprintOf, gpu, server, point, f, resolved);
  return assemble(priced, f, resolved, bounds);
}

/**
 * The UTC hours a run spans, for fetching hourly intensity rows: from floor_to_hour(start) to
 * the hour boundary at or after its end (exclusive). At least one hour.
 */
export function runHourWindow(run: Pick<NormalizedRun, "startTimeUtc" | "reservedDurationHours">): {
  startHourUtc: string;
  endHourUtcExclusive: string;
} {
  const startMs = Date.parse(run.startTimeUtc);
  const startHour = Math.floor(startMs / MS_PER_HOUR) * MS_PER_HOUR;
  const endMs = startMs + run.reservedDurationHours * MS_PER_HOUR;
  const endHour = Math.max(Math.ceil(endMs / MS_PER_HOUR) * MS_PER_HOUR, startHour + MS_PER_HOUR);
  return {
    startHourUtc: new Date(startHour).toISOString(),
    endHourUtcExclusive: new Date(endHour).toISOString(),
  };
}
