/**
 * 90 % intervals of an estimate (ADR 0012, superseding ADR 0010's corner bounds; METHODOLOGY.md
 * s.9). Each imputed or modelled input x has a 90 % range in log space around its point value
 * (`uncertainty.ts`: 5th pct = x * e^-lo_x, 95th = x * e^hi_x). Per quantity Q (facility energy,
 * total carbon, total water) and per side, the terms add in quadrature weighted by the elasticity
 * s_Qx = d ln Q / d ln x (first-order propagation of independent lognormal errors):
 *
 *   low = Q * exp(-sqrt(sum (s_Qx lo_x)^2)),  high = Q * exp(+sqrt(sum (s_Qx hi_x)^2))
 *
 * Terms (each only when the input is imputed or modelled):
 * - energy model (no meter): P_IT(u) * hours vs measured runs, with utilization imputed or
 *   disclosed; multiplies IT energy: s = 1 (facility), operational / total carbon,
 *   (on-site + off-site) / total water.
 * - hours from tokens (MFU): multiplies IT energy (no meter) and the embodied terms.
 * - hours from measured energy / modelled power: the energy model's spread, sides swapped
 *   (hours = E / P); multiplies the embodied terms only.
 * - PUE (not with "strubell2019"): facility energy 1, operational / total carbon,
 *   off-site / total water.
 * - WUE: on-site / total water.
 * - grid intensity on an annual fallback: the zone's hourly p05..p95, else the typical zone's
 *   spread; operational / total carbon. A supplied hourly value and Strubell's constant: none.
 * Discrete imputations (GPU model, server, cluster size, location) and EWIF are not varied.
 * A quantity <= 0 has low = high = itself.
 */
import type { GpuSpec, ServerSpec } from "../reference.js";
import type { Bounds, NormalizedRun, Provenance, RunEstimate } from "../types.js";
import {
  ANNUAL_INTENSITY_FALLBACK_SPREAD,
  ENERGY_MODEL_SPREAD,
  HOURS_FROM_TOKENS_SPREAD,
  pueLogHalfWidth,
  wueLogHi,
  wueLogLo,
} from "../uncertainty.js";
import type { Footprint, FootprintOf, Scenario } from "./footprint.js";
import { totalCarbon, totalWater } from "./footprint.js";
import type { ResolvedIntensity } from "./intensity.js";

const isImputed = (p: Provenance | undefined) => p !== undefined && p.status === "imputed";

/** exp of the quadrature sums, as an interval around q. */
function interval(q: number, lo2: number, hi2: number): Bounds {
  if (!(q > 0)) return { low: q, high: q };
  return { low: q * Math.exp(-Math.sqrt(lo2)), high: q * Math.exp(Math.sqrt(hi2)) };
}

/**
 * 90 % intervals of facility energy (kWh), total carbon (kgCO2e) and total water (L) around the
 * point footprint `f` (module doc). `footprintOf`, `gpu`, `server` and `point` are kept for the
 * caller's signature; the propagation is analytic and needs only `f`.
 */
export function estimateBounds(
  run: NormalizedRun,
  _footprintOf: FootprintOf,
  _gpu: GpuSpec,
  _server: ServerSpec,
  _point: Scenario,
  f: Footprint,
  resolved: ResolvedIntensity,
): RunEstimate["bounds"] {
  const p = run.provenance;
  const measured = run.measuredEnergyKwh !== null;
  const carbon = totalCarbon(f);
  const water = totalWater(f);
  const op = f.operationalCarbonKgCo2e;
  // elasticities of carbon and water to IT energy, PUE, WUE, intensity and embodied hours
  const cOp = carbon > 0 ? op / carbon : 0;
  const cEmb = carbon > 0 ? f.embodiedCarbonKgCo2e / carbon : 0;
  const wEnergy = water > 0 ? (f.onsiteWaterLiters + f.offsiteWaterLiters) / water : 0;
  const wOff = water > 0 ? f.offsiteWaterLiters / water : 0;
  const wOn = water > 0 ? f.onsiteWaterLiters / water : 0;
  const wEmb = water > 0 ? f.embodiedWaterLiters / water : 0;

  let eLo = 0; // facility energy, squared log half-widths
  let eHi = 0;
  let cLo = 0; // carbon
  let cHi = 0;
  let wLo = 0; // water
  let wHi = 0;

  // energy model: P_IT(u) x hours against measured runs
  if (!measured) {
    const m = isImputed(p.gpuUtilizationFraction)
      ? ENERGY_MODEL_SPREAD.gpuUtilizationImputed
      : ENERGY_MODEL_SPREAD.gpuUtilizationDisclosed;
    eLo += m.lo * m.lo;
    eHi += m.hi * m.hi;
    cLo += (cOp * m.lo) ** 2;
    cHi += (cOp * m.hi) ** 2;
    wLo += (wEnergy * m.lo) ** 2;
    wHi += (wEnergy * m.hi) ** 2;
  }

  // hours: from tokens (MFU) or from measured energy / modelled power
  const hoursRule = isImputed(p.reservedDurationHours)
    ? (p.reservedDurationHours as Extract<Provenance, { status: "imputed" }>).rule
    : null;
  const fromTokens = hoursRule === "time-from-tokens";
  if (fromTokens || (hoursRule === "time-from-measured-energy" && measured)) {
    // hours = E / P(u): the energy model's spread with its sides swapped
    const m = isImputed(p.gpuUtilizationFraction)
      ? ENERGY_MODEL_SPREAD.gpuUtilizationImputed
      : ENERGY_MODEL_SPREAD.gpuUtilizationDisclosed;
    const hLo = fromTokens ? HOURS_FROM_TOKENS_SPREAD.lo : m.hi;
    const hHi = fromTokens ? HOURS_FROM_TOKENS_SPREAD.hi : m.lo;
    const energyScales = fromTokens && !measured;
    const sF = energyScales ? 1 : 0;
    const sC = energyScales ? cOp + cEmb : cEmb;
    const sW = energyScales ? wEnergy + wEmb : wEmb;
    eLo += (sF * hLo) ** 2;
    eHi += (sF * hHi) ** 2;
    cLo += (sC * hLo) ** 2;
    cHi += (sC * hHi) ** 2;
    wLo += (sW * hLo) ** 2;
    wHi += (sW * hHi) ** 2;
  }

  // PUE (a constant of the Strubell 2019 method)
  const pueProv = p.pue;
  if (run.method !== "strubell2019" && pueProv?.status === "imputed") {
    const w = pueLogHalfWidth(pueProv.rule, run.pue);
    eLo += w * w;
    eHi += w * w;
    cLo += (cOp * w) ** 2;
    cHi += (cOp * w) ** 2;
    wLo += (wOff * w) ** 2;
    wHi += (wOff * w) ** 2;
  }

  // WUE
  if (isImputed(p.wueLitersPerKwh)) {
    wLo += (wOn * wueLogLo(run.wueLitersPerKwh)) ** 2;
    wHi += (wOn * wueLogHi(run.wueLitersPerKwh)) ** 2;
  }

  // grid intensity on an annual fallback
  if (resolved.source === "annual-zone" || resolved.source === "annual-country") {
    const a = resolved.startHourIntensityGPerKwh;
    let lo = ANNUAL_INTENSITY_FALLBACK_SPREAD.lo;
    let hi = ANNUAL_INTENSITY_FALLBACK_SPREAD.hi;
    if (resolved.lowGPerKwh !== resolved.highGPerKwh && a > 0 && resolved.lowGPerKwh > 0) {
      lo = Math.log(a / resolved.lowGPerKwh);
      hi = Math.log(resolved.highGPerKwh / a);
    }
    if (a > 0) {
      cLo += (cOp * lo) ** 2;
      cHi += (cOp * hi) ** 2;
    }
  }

  return {
    facilityEnergyKwh: interval(f.facilityEnergyKwh, eLo, eHi),
    totalCarbonKgCo2e: interval(carbon, cLo, cHi),
    totalWaterLiters: interval(water, wLo, wHi),
  };
}
