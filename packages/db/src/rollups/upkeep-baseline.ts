/**
 * BENCHMARK BASELINE ONLY (`apps/worker/bench`, issue 11: "the worker keeps >= 90 % of its
 * throughput without rollup upkeep"). Turning upkeep off makes `storeEstimates` in this process
 * write estimates WITHOUT their EmissionsRollup delta, so that the upkeep's cost is measured side
 * by side with the product's write in one run. The rollup is then wrong for every estimate
 * written. Exported from `@finetrace/db/testing` only: no configuration of the product reaches it.
 */
let upkeep = true;

/** Whether `storeEstimates` applies the EmissionsRollup delta (always, outside the benchmark). */
export function rollupUpkeepEnabled(): boolean {
  return upkeep;
}

/** Benchmark baseline only (see the module's comment). */
export function setRollupUpkeepForBenchmark(enabled: boolean): void {
  upkeep = enabled;
}
