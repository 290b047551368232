/**
 * Strubell, Ganesh, McCallum 2019, "Energy and Policy Considerations for Deep Learning in NLP"
 * (ACL 2019), eq. 1-2, as a named, reproducible method (METHODOLOGY.md s.8):
 *
 *   p_t [kWh]   = 1.58 * t * (p_c + p_r + g * p_g) / 1000
 *   CO2e [lbs]  = 0.954 * p_t
 *
 * PUE 1.58 (Uptime Institute 2018), 0.954 lbs CO2e/kWh (EPA US average). `t * (p_c + p_r +
 * g * p_g) / 1000` is the IT energy in kWh, so `strubell2019FromItEnergy` is the same equation
 * for a run whose IT energy is known (metered, or the Finetrace power model x hours); the
 * estimator's "strubell2019" method (`estimateNormalized`) uses it.
 */
import { KG_PER_LB, strubellLbsCo2ePerKwh, strubellPue } from "./constants.js";
import { DisclosureValidationError } from "./errors.js";

export interface Strubell2019Inputs {
  /** Training time t, hours. */
  hours: number;
  /** Average CPU power p_c (all sockets), W. */
  cpuPowerWatts: number;
  /** Average DRAM power p_r, W. */
  dramPowerWatts: number;
  /** Number of GPUs g. */
  gpuCount: number;
  /** Average power of one GPU p_g, W. */
  gpuPowerWatts: number;
}

export interface Strubell2019Result {
  /** p_t: energy including PUE 1.58, kWh. */
  energyKwh: number;
  carbonLbs: number;
  carbonKgCo2e: number;
}

function checkNonNegative(path: string, v: unknown): void {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw new DisclosureValidationError([{ path, message: "must be a finite number >= 0" }]);
  }
}

/**
 * Eq. 1-2 for a known IT energy: p_t = 1.58 * itEnergyKwh; CO2e = 0.954 lbs/kWh * p_t.
 * @param itEnergyKwh IT energy (CPU + DRAM + GPUs, before PUE), kWh.
 * @throws DisclosureValidationError("itEnergyKwh") for a negative or non-finite energy.
 */
export function strubell2019FromItEnergy(itEnergyKwh: number): Strubell2019Result {
  checkNonNegative("itEnergyKwh", itEnergyKwh);
  const energyKwh = strubellPue * itEnergyKwh;
  const carbonLbs = strubellLbsCo2ePerKwh * energyKwh;
  return { energyKwh, carbonLbs, carbonKgCo2e: carbonLbs * KG_PER_LB };
}

/**
 * Eq. 1-2 from the paper's inputs (hours and average powers).
 * @throws DisclosureValidationError naming a negative or non-finite input.
 */
export function strubell2019(i: Strubell2019Inputs): Strubell2019Result {
  for (const [path, v] of Object.entries(i)) checkNonNegative(path, v);
  return strubell2019FromItEnergy(
    (i.hours * (i.cpuPowerWatts + i.dramPowerWatts + i.gpuCount * i.gpuPowerWatts)) / 1000,
  );
}
