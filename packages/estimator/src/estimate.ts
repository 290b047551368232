/**
 * Estimation of one normalized run (METHODOLOGY.md s.3-7): IT and facility energy, operational
 * carbon at the start hour and over the run's hours, embodied carbon, on-site / off-site /
 * embodied water, amortization per inference, and low/high bounds.
 *
 * Bounds (ADR 0010): every formula is monotone non-decreasing in each imputed input (utilization,
 * PUE, WUE, hours, grid intensity), so the extremes of the result lie at the corners of the input
 * box. `low` evaluates all imputed inputs at their low ends, `high` at their high ends; disclosed
 * inputs stay at their values, so a fully disclosed run has low = point = high. Ranges:
 * utilization 0..1 (no published workload table); PUE [lowest published cloud-region PUE,
 * Uptime 2024 industry average 1.56]; WUE [lowest provider WUE, LBNL US average 1.8]; hours
 * predicted from tokens: MFU 0.462..0.213 (PaLM Table 3); annual-average intensity: the zone's
 * hourly 5th..95th percentile where hourly data exists (else the annual value). A discrete
 * imputation (GPU model, server, cluster size) is not varied: its bounds say nothing about it.
 */
import {
  HOURS_PER_YEAR,
  hardwareReservedUtilizationFraction,
  hardwareUseLifeYears,
  METHODOLOGY_VERSION,
  modelFlopsUtilization,
} from "./constants.js";
import { isoTimestampWithOffset } from "./disclosure.js";
import { DisclosureValidationError, UnknownReferenceError } from "./errors.js";
import { clusterItPowerWatts } from "./power.js";
import {
  findCountry,
  findGridZone,
  type GpuSpec,
  getGpuById,
  getServerById,
  referenceData,
  type ServerSpec,
} from "./reference.js";
import type {
  IntensitySource,
  NormalizedRun,
  Provenance,
  RunEstimate,
  SuppliedIntensity,
} from "./types.js";

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
/** Hours of hardware life the embodied footprint is spread over (4 y x 8760 h x 95 %). */
const EMBODIED_HOURS = hardwareUseLifeYears * HOURS_PER_YEAR * hardwareReservedUtilizationFraction;
const defaults = referenceData.locationDefaults;

/** Options of `estimateNormalized`. */
export interface EstimateOptions {
  /**
   * Continuous fine-tuning: start of the next run of the chain (ISO 8601 with offset). The use
   * life becomes the interval to it (provenance rule "chain-interval", METHODOLOGY.md s.7).
   */
  nextRunStartUtc?: string;
}

interface Scenario {
  hours: number;
  uGpu: number;
  uCpu: number;
  pue: number;
  wue: number;
  startIntensity: number;
  meanIntensity: number;
}

interface Footprint {
  itPowerWatts: number;
  itEnergyKwh: number;
  facilityEnergyKwh: number;
  operationalCarbonKgCo2e: number;
  operationalCarbonMeanKgCo2e: number;
  embodiedCarbonKgCo2e: number;
  onsiteWaterLiters: number;
  offsiteWaterLiters: number;
  embodiedWaterLiters: number;
}

function footprint(run: NormalizedRun, gpu: GpuSpec, server: ServerSpec, s: Scenario): Footprint {
  const itPowerWatts = clusterItPowerWatts({
    gpu,
    server,
    gpuCount: run.gpuCount,
    serverCount: run.serverCount,
    cpuCount: run.cpuCount,
    gpuUtilizationFraction: s.uGpu,
    cpuUtilizationFraction: s.uCpu,
  });
  // s.3: E_IT = P_IT * hours / 1000, or the meter reading when measured
  const itEnergyKwh = run.measuredEnergyKwh ?? (itPowerWatts * s.hours) / 1000;
  const facilityEnergyKwh = itEnergyKwh * s.pue;
  // s.5 embodied: (gpus * EC_gpu + servers * EC_server) / (4 y * 8760 h * 0.95) * hours
  const embodiedPerHour =
    (run.gpuCount * gpu.embodiedCarbonKgCo2e + run.serverCount * server.embodiedCarbonKgCo2e) /
    EMBODIED_HOURS;
  return {
    itPowerWatts,
    itEnergyKwh,
    facilityEnergyKwh,
    // s.5 operational: E_facility * I / 1000 (g -> kg)
    operationalCarbonKgCo2e: (facilityEnergyKwh * s.startIntensity) / 1000,
    operationalCarbonMeanKgCo2e: (facilityEnergyKwh * s.meanIntensity) / 1000,
    embodiedCarbonKgCo2e: embodiedPerHour * s.hours,
    // s.6 water: on-site = E_IT * WUE; off-site = E_IT * PUE * EWIF; embodied per GPU-hour
    onsiteWaterLiters: itEnergyKwh * s.wue,
    offsiteWaterLiters: facilityEnergyKwh * run.ewifLitersPerKwh,
    embodiedWaterLiters: (s.hours * run.gpuCount * gpu.embodiedWaterLiters) / EMBODIED_HOURS,
  };
}

const totalCarbon = (f: Footprint) => f.operationalCarbonKgCo2e + f.embodiedCarbonKgCo2e;
const totalWater = (f: Footprint) =>
  f.onsiteWaterLiters + f.offsiteWaterLiters + f.embodiedWaterLiters;
const isImputed = (p: Provenance | undefined) => p !== undefined && p.status === "imputed";

interface ResolvedIntensity {
  startHourIntensityGPerKwh: number;
  meanIntensityGPerKwh: number;
  hourUtc: string | null;
  source: IntensitySource;
  signal: "life-cycle" | "direct";
  lowGPerKwh: number;
  highGPerKwh: number;
}

function checkIntensity(field: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw new DisclosureValidationError([
      { path: `intensity.${field}`, message: "must be a finite number >= 0 (gCO2e/kWh)" },
    ]);
  }
  return v;
}

function resolveIntensity(
  run: NormalizedRun,
  supplied: SuppliedIntensity | null,
): ResolvedIntensity {
  if (supplied) {
    const start = checkIntensity("startHourIntensityGPerKwh", supplied.startHourIntensityGPerKwh);
    const mean = checkIntensity("meanIntensityGPerKwh", supplied.meanIntensityGPerKwh);
    return {
      startHourIntensityGPerKwh: start,
      meanIntensityGPerKwh: mean,
      hourUtc: supplied.hourUtc,
      source: "hourly",
      signal: supplied.signal,
      lowGPerKwh: start,
      highGPerKwh: start,
    };
  }
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
  return {
    startHourIntensityGPerKwh: country.annualIntensityGPerKwh,
    meanIntensityGPerKwh: country.annualIntensityGPerKwh,
    hourUtc: null,
    source: "annual-country",
    signal: "life-cycle",
    lowGPerKwh: country.annualIntensityGPerKwh,
    highGPerKwh: country.annualIntensityGPerKwh,
  };
}

/** Apply the chain rule: use life = interval to the next run of the chain, in days. */
function withChainUseLife(run: NormalizedRun, nextRunStartUtc: string): NormalizedRun {
  if (!isoTimestampWithOffset.safeParse(nextRunStartUtc).success) {
    throw new DisclosureValidationError([
      {
        path: "nextRunStartUtc",
        message: "must be an ISO 8601 timestamp with an offset, e.g. 2024-07-07T17:01:00Z",
      },
    ]);
  }
  const days = (Date.parse(nextRunStartUtc) - Date.parse(run.startTimeUtc)) / MS_PER_DAY;
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
 * Estimate a normalized run.
 * @param intensity hourly grid intensity for the run (start hour and mean over its hours), or
 *   null to use the annual average of the zone ("annual-zone"), else of the country
 *   ("annual-country"), for the run's start year (latest year when that year is missing).
 * @throws UnknownReferenceError if the run names a GPU / server / country absent from the data.
 * @throws DisclosureValidationError for a bad supplied intensity or `nextRunStartUtc`.
 */
export function estimateNormalized(
  normalized: NormalizedRun,
  intensity: SuppliedIntensity | null,
  options?: EstimateOptions,
): RunEstimate {
  const run =
    options?.nextRunStartUtc !== undefined
      ? withChainUseLife(normalized, options.nextRunStartUtc)
      : normalized;
  const gpu = getGpuById(run.gpuModel);
  if (!gpu)
    throw new UnknownReferenceError(
      "gpuModel",
      run.gpuModel,
      "not a canonical GPU id of the reference data",
    );
  const server = getServerById(run.serverModel);
  if (!server)
    throw new UnknownReferenceError(
      "serverModel",
      run.serverModel,
      "not a canonical server id of the reference data",
    );
  const resolved = resolveIntensity(run, intensity);

  const point: Scenario = {
    hours: run.reservedDurationHours,
    uGpu: run.gpuUtilizationFraction,
    uCpu: run.cpuUtilizationFraction,
    pue: run.pue,
    wue: run.wueLitersPerKwh,
    startIntensity: resolved.startHourIntensityGPerKwh,
    meanIntensity: resolved.meanIntensityGPerKwh,
  };
  const f = footprint(run, gpu, server, point);
  const carbon = totalCarbon(f);
  const water = totalWater(f);

  // --- bounds (see module doc) ---
  const p = run.provenance;
  const measured = run.measuredEnergyKwh !== null;
  const hoursProv = p.reservedDurationHours;
  const hoursFromTokens = hoursProv?.status === "imputed" && hoursProv.rule === "time-from-tokens";
  const uGpuImputed = !measured && isImputed(p.gpuUtilizationFraction);
  const uCpuImputed = !measured && isImputed(p.cpuUtilizationFraction);
  const pueImputed = isImputed(p.pue);
  const wueImputed = isImputed(p.wueLitersPerKwh);
  const intensityVaries = resolved.lowGPerKwh !== resolved.highGPerKwh;
  let bounds: RunEstimate["bounds"];
  if (
    hoursFromTokens ||
    uGpuImputed ||
    uCpuImputed ||
    pueImputed ||
    wueImputed ||
    intensityVaries
  ) {
    const mfu = modelFlopsUtilization;
    const low = footprint(run, gpu, server, {
      hours: hoursFromTokens ? (point.hours * mfu.value) / mfu.high : point.hours,
      uGpu: uGpuImputed ? 0 : point.uGpu,
      uCpu: uCpuImputed ? 0 : point.uCpu,
      pue: pueImputed ? Math.min(defaults.minPublishedPue.value, point.pue) : point.pue,
      wue: wueImputed ? Math.min(defaults.minPublishedWueLitersPerKwh.value, point.wue) : point.wue,
      startIntensity: resolved.lowGPerKwh,
      meanIntensity: intensityVaries ? resolved.lowGPerKwh : point.meanIntensity,
    });
    const high = footprint(run, gpu, server, {
      hours: hoursFromTokens ? (point.hours * mfu.value) / mfu.low : point.hours,
      uGpu: uGpuImputed ? 1 : point.uGpu,
      uCpu: uCpuImputed ? 1 : point.uCpu,
      pue: pueImputed ? Math.max(defaults.industryPue.value, point.pue) : point.pue,
      wue: wueImputed ? Math.max(defaults.usWue.value, point.wue) : point.wue,
      startIntensity: resolved.highGPerKwh,
      meanIntensity: intensityVaries ? resolved.highGPerKwh : point.meanIntensity,
    });
    bounds = {
      facilityEnergyKwh: { low: low.facilityEnergyKwh, high: high.facilityEnergyKwh },
      totalCarbonKgCo2e: { low: totalCarbon(low), high: totalCarbon(high) },
      totalWaterLiters: { low: totalWater(low), high: totalWater(high) },
    };
  } else {
    bounds = {
      facilityEnergyKwh: { low: f.facilityEnergyKwh, high: f.facilityEnergyKwh },
      totalCarbonKgCo2e: { low: carbon, high: carbon },
      totalWaterLiters: { low: water, high: water },
    };
  }

  // s.7: per inference = footprint / (inferences per day * use life days)
  const totalInferences = run.inferencesPerDay * run.useLifeDays;
  return {
    methodologyVersion: METHODOLOGY_VERSION,
    method: measured ? "measured" : "finetrace",
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
    },
    operationalCarbonKgCo2e: f.operationalCarbonKgCo2e,
    operationalCarbonMeanKgCo2e: f.operationalCarbonMeanKgCo2e,
    embodiedCarbonKgCo2e: f.embodiedCarbonKgCo2e,
    totalCarbonKgCo2e: carbon,
    onsiteWaterLiters: f.onsiteWaterLiters,
    offsiteWaterLiters: f.offsiteWaterLiters,
    embodiedWaterLiters: f.embodiedWaterLiters,
    totalWaterLiters: water,
    amortization: {
      useLifeDays: run.useLifeDays,
      inferencesPerDay: run.inferencesPerDay,
      totalInferences,
      carbonPerInferenceGCo2e: (carbon * 1000) / totalInferences,
      waterPerInferenceMilliliters: (water * 1000) / totalInferences,
    },
    bounds,
  };
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
