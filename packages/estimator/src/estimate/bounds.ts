/**
 * Low / high bounds of an estimate (ADR 0010; the ranges are in estimate.ts's module doc). Every
 * formula is monotone non-decreasing in each imputed input, so `low` evaluates all imputed
 * inputs at their low ends and `high` at their high ends; disclosed inputs and constants of the
 * method (Strubell 2019's PUE and intensity) stay at their values.
 */
import { modelFlopsUtilization } from "../constants.js";
import { type GpuSpec, referenceData, type ServerSpec } from "../reference.js";
import type { Bounds, NormalizedRun, Provenance, RunEstimate } from "../types.js";
import {
  type Footprint,
  type FootprintOf,
  type Scenario,
  totalCarbon,
  totalWater,
} from "./footprint.js";
import type { ResolvedIntensity } from "./intensity.js";

const defaults = referenceData.locationDefaults;
const isImputed = (p: Provenance | undefined) => p !== undefined && p.status === "imputed";
const same = (v: number): Bounds => ({ low: v, high: v });

/** Which inputs of the point scenario vary between the bounds. */
/** Which imputed inputs vary, as bits (a number: no allocation on the hot path). */
const HOURS = 1;
const U_GPU = 2;
const U_CPU = 4;
const PUE = 8;
const WUE = 16;
const INTENSITY = 32;
type Varying = number;

function varying(run: NormalizedRun, resolved: ResolvedIntensity): Varying {
  const p = run.provenance;
  const measured = run.measuredEnergyKwh !== null;
  const hoursProv = p.reservedDurationHours;
  let v = 0;
  if (hoursProv?.status === "imputed" && hoursProv.rule === "time-from-tokens") v |= HOURS;
  if (!measured && isImputed(p.gpuUtilizationFraction)) v |= U_GPU;
  if (!measured && isImputed(p.cpuUtilizationFraction)) v |= U_CPU;
  if (run.method !== "strubell2019" && isImputed(p.pue)) v |= PUE;
  if (isImputed(p.wueLitersPerKwh)) v |= WUE;
  if (resolved.lowGPerKwh !== resolved.highGPerKwh) v |= INTENSITY;
  return v;
}

function lowScenario(point: Scenario, v: Varying, resolved: ResolvedIntensity): Scenario {
  const mfu = modelFlopsUtilization;
  return {
    hours: v & HOURS ? (point.hours * mfu.value) / mfu.high : point.hours,
    uGpu: v & U_GPU ? 0 : point.uGpu,
    uCpu: v & U_CPU ? 0 : point.uCpu,
    pue: v & PUE ? Math.min(defaults.minPublishedPue.value, point.pue) : point.pue,
    wue: v & WUE ? Math.min(defaults.minPublishedWueLitersPerKwh.value, point.wue) : point.wue,
    startIntensity: resolved.lowGPerKwh,
    meanIntensity: v & INTENSITY ? resolved.lowGPerKwh : point.meanIntensity,
  };
}

function highScenario(point: Scenario, v: Varying, resolved: ResolvedIntensity): Scenario {
  const mfu = modelFlopsUtilization;
  return {
    hours: v & HOURS ? (point.hours * mfu.value) / mfu.low : point.hours,
    uGpu: v & U_GPU ? 1 : point.uGpu,
    uCpu: v & U_CPU ? 1 : point.uCpu,
    pue: v & PUE ? Math.max(defaults.industryPue.value, point.pue) : point.pue,
    wue: v & WUE ? Math.max(defaults.usWue.value, point.wue) : point.wue,
    startIntensity: resolved.highGPerKwh,
    meanIntensity: v & INTENSITY ? resolved.highGPerKwh : point.meanIntensity,
  };
}

/**
 * Bounds of facility energy (kWh), total carbon (kgCO2e) and total water (L).
 * @param f the point footprint (from `point`), returned as both ends when nothing varies.
 */
export function estimateBounds(
  run: NormalizedRun,
  footprintOf: FootprintOf,
  gpu: GpuSpec,
  server: ServerSpec,
  point: Scenario,
  f: Footprint,
  resolved: ResolvedIntensity,
): RunEstimate["bounds"] {
  const v = varying(run, resolved);
  if (v === 0) {
    return {
      facilityEnergyKwh: same(f.facilityEnergyKwh),
      totalCarbonKgCo2e: same(totalCarbon(f)),
      totalWaterLiters: same(totalWater(f)),
    };
  }
  const low = footprintOf(run, gpu, server, lowScenario(point, v, resolved));
  const high = footprintOf(run, gpu, server, highScenario(point, v, resolved));
  return {
    facilityEnergyKwh: { low: low.facilityEnergyKwh, high: high.facilityEnergyKwh },
    totalCarbonKgCo2e: { low: totalCarbon(low), high: totalCarbon(high) },
    totalWaterLiters: { low: totalWater(low), high: totalWater(high) },
  };
}
