/**
 * Footprint of one scenario of inputs (METHODOLOGY.md s.3, s.5, s.6, s.8): energy, carbon and
 * water. `finetraceFootprint` is the Finetrace method; `strubellFootprint` the Strubell 2019
 * method (PUE 1.58 and 0.954 lbs CO2e/kWh via `strubell2019FromItEnergy`, no embodied carbon or
 * water, Finetrace's water formulas on that energy).
 */
import {
  HOURS_PER_YEAR,
  hardwareReservedUtilizationFraction,
  hardwareUseLifeYears,
} from "../constants.js";
import { clusterItPowerWatts, hostShareFraction } from "../power.js";
import type { GpuSpec, ServerSpec } from "../reference.js";
import { strubell2019FromItEnergy } from "../strubell.js";
import type { NormalizedRun } from "../types.js";

/** Hours of hardware life the embodied footprint is spread over (4 y x 8760 h x 95 %). */
const EMBODIED_HOURS = hardwareUseLifeYears * HOURS_PER_YEAR * hardwareReservedUtilizationFraction;

/** The inputs a footprint varies with (point, low or high end; ADR 0010). */
export interface Scenario {
  hours: number;
  uGpu: number;
  uCpu: number;
  pue: number;
  wue: number;
  /** gCO2e/kWh. */
  startIntensity: number;
  /** gCO2e/kWh. */
  meanIntensity: number;
}

/** Energy (kWh, W), carbon (kgCO2e) and water (L) of one scenario. */
export interface Footprint {
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

/** A method's footprint function. */
export type FootprintOf = (
  run: NormalizedRun,
  gpu: GpuSpec,
  server: ServerSpec,
  s: Scenario,
) => Footprint;

function itPowerWatts(run: NormalizedRun, gpu: GpuSpec, server: ServerSpec, s: Scenario): number {
  return clusterItPowerWatts({
    gpu,
    server,
    gpuCount: run.gpuCount,
    serverCount: run.serverCount,
    cpuCount: run.cpuCount,
    gpuUtilizationFraction: s.uGpu,
    cpuUtilizationFraction: s.uCpu,
  });
}

/** s.3: E_IT = P_IT * hours / 1000, or the meter reading when measured. */
const itEnergyKwh = (run: NormalizedRun, watts: number, hours: number) =>
  run.measuredEnergyKwh ?? (watts * hours) / 1000;

/** The Finetrace method, METHODOLOGY.md s.3-6. */
export const finetraceFootprint: FootprintOf = (run, gpu, server, s) => {
  const watts = itPowerWatts(run, gpu, server, s);
  const itKwh = itEnergyKwh(run, watts, s.hours);
  const facilityEnergyKwh = itKwh * s.pue;
  // s.5 embodied: (gpus * EC_gpu + share * servers * EC_server) / (4 y * 8760 h * 0.95) * hours,
  // share = the job's fraction of the servers' GPU slots (s.3a, Boavizta per-GPU allocation)
  const share = hostShareFraction(run.gpuCount, run.serverCount, server);
  const embodiedPerHour =
    (run.gpuCount * gpu.embodiedCarbonKgCo2e +
      share * run.serverCount * server.embodiedCarbonKgCo2e) /
    EMBODIED_HOURS;
  return {
    itPowerWatts: watts,
    itEnergyKwh: itKwh,
    facilityEnergyKwh,
    // s.5 operational: E_facility * I / 1000 (g -> kg)
    operationalCarbonKgCo2e: (facilityEnergyKwh * s.startIntensity) / 1000,
    operationalCarbonMeanKgCo2e: (facilityEnergyKwh * s.meanIntensity) / 1000,
    embodiedCarbonKgCo2e: embodiedPerHour * s.hours,
    // s.6 water: on-site = E_IT * WUE; off-site = E_IT * PUE * EWIF; embodied per GPU-hour
    onsiteWaterLiters: itKwh * s.wue,
    offsiteWaterLiters: facilityEnergyKwh * run.ewifLitersPerKwh,
    embodiedWaterLiters: (s.hours * run.gpuCount * gpu.embodiedWaterLiters) / EMBODIED_HOURS,
  };
};

/**
 * The Strubell 2019 method, METHODOLOGY.md s.8: `s.pue` and the intensities are not read (the
 * method's constants apply); embodied carbon and water are 0 (the paper counts operational
 * emissions only).
 */
export const strubellFootprint: FootprintOf = (run, gpu, server, s) => {
  const watts = itPowerWatts(run, gpu, server, s);
  const itKwh = itEnergyKwh(run, watts, s.hours);
  const p = strubell2019FromItEnergy(itKwh);
  return {
    itPowerWatts: watts,
    itEnergyKwh: itKwh,
    facilityEnergyKwh: p.energyKwh,
    operationalCarbonKgCo2e: p.carbonKgCo2e,
    operationalCarbonMeanKgCo2e: p.carbonKgCo2e,
    embodiedCarbonKgCo2e: 0,
    onsiteWaterLiters: itKwh * s.wue,
    offsiteWaterLiters: p.energyKwh * run.ewifLitersPerKwh,
    embodiedWaterLiters: 0,
  };
};

/** Operational (start hour) + embodied carbon, kgCO2e. */
export const totalCarbon = (f: Footprint) => f.operationalCarbonKgCo2e + f.embodiedCarbonKgCo2e;
/** On-site + off-site + embodied water, L. */
export const totalWater = (f: Footprint) =>
  f.onsiteWaterLiters + f.offsiteWaterLiters + f.embodiedWaterLiters;
