/**
 * Scope 2 method throughput: one organization of 20,000 runs of 3 h (start at :30, one zone,
 * one annual REC pool), window 12 h:
 * `allocateMarketBased`, then `renewableEnergy` + `bestShift` per run, against the baseline
 * shift of the first implementation (a fresh hour-slice array per candidate offset, kept here
 * only as the baseline) in the same run.
 *
 *   npm run bench:scope2 -w packages/estimator
 */
import {
  allocateMarketBased,
  bestShift,
  hourSlices,
  renewableEnergy,
  type Scope2Run,
} from "../src/index.js";

const H = 3_600_000;
const runs: Scope2Run[] = Array.from({ length: 20_000 }, (_, i) => ({
  runId: `run-${String(i).padStart(5, "0")}`,
  zone: "FR",
  startMs: Date.UTC(2024, 0, 2) + (i % 8_000) * H + H / 2,
  durationHours: 3,
  facilityEnergyKwh: 10,
  locationCarbonKgCo2e: 1,
}));
const intensityAt = (h: number) => 100 + ((h / H) % 7) * 10;

/** Baseline: the first implementation's per-offset slicing. */
function bestShiftBaseline(run: Scope2Run, windowHours: number) {
  const meanAt = (k: number) => {
    let sum = 0;
    for (const s of hourSlices({ ...run, startMs: run.startMs + k * H, facilityEnergyKwh: 1 }))
      sum += s.energyKwh * intensityAt(s.hourMs);
    return sum;
  };
  let best = meanAt(0);
  for (let d = 1; d <= windowHours; d++) best = Math.min(best, meanAt(-d), meanAt(d));
  return best;
}

const time = (fn: () => void) => {
  const t0 = performance.now();
  fn();
  return Math.round(performance.now() - t0);
};
const instruments = [
  {
    id: "rec",
    zone: "FR",
    validFromMs: Date.UTC(2024, 0, 1),
    validToMs: Date.UTC(2025, 0, 1),
    energyKwh: 50_000,
    emissionFactorGPerKwh: 0,
    sortKey: "rec",
  },
];
time(() => allocateMarketBased(runs, instruments, [])); // warm-up
const allocationMs = time(() => allocateMarketBased(runs, instruments, []));
const shiftMs = time(() => {
  for (const r of runs) {
    renewableEnergy(r, () => ({ renewablePercentage: 30, carbonFreePercentage: 90 }));
    bestShift(r, 12, intensityAt);
  }
});
const baselineMs = time(() => {
  for (const r of runs) bestShiftBaseline(r, 12);
});
console.log(
  JSON.stringify({
    runs: runs.length,
    allocationMs,
    shiftAndRenewableMs: shiftMs,
    baselineShiftMs: baselineMs,
  }),
);
