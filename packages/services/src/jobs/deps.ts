/**
 * What the worker hands every job handler: the use cases' dependencies plus the worker's
 * configuration (schedules, the Electricity Maps client, reconcile timing) and its metrics.
 */
import type { WorkerEnv } from "@finetrace/config";
import type { ServiceDeps } from "../deps.js";

/** Counter of runs by outcome (prom-client's Counter satisfies it). */
export interface RunOutcomeCounter {
  inc(labels: { outcome: "estimated" | "failed" | "skipped" }, value: number): void;
}

export interface JobDeps extends ServiceDeps {
  env: WorkerEnv;
  metrics?: { runs: RunOutcomeCounter };
}
