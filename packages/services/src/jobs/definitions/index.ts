/**
 * Every job of Finetrace, one definition file each. The worker registers a processor per entry;
 * `createQueues` makes one queue per entry, keyed as here.
 */
import { computeScope2Job } from "./compute-scope2.js";
import { estimateRunsJob } from "./estimate-runs.js";
import { fetchGridIntensityJob } from "./fetch-grid-intensity.js";
import { loadGridIntensityJob } from "./load-grid-intensity.js";
import { monthlyReportJob } from "./monthly-report.js";
import { monthlyReportFanOutJob } from "./monthly-report-fan-out.js";
import { reconcileJob } from "./reconcile.js";

export const jobDefinitions = {
  estimateRuns: estimateRunsJob,
  loadGridIntensity: loadGridIntensityJob,
  monthlyReport: monthlyReportJob,
  monthlyReportFanOut: monthlyReportFanOutJob,
  fetchGridIntensity: fetchGridIntensityJob,
  reconcile: reconcileJob,
  computeScope2: computeScope2Job,
} as const;

export type JobKey = keyof typeof jobDefinitions;

export * from "./compute-scope2.js";
export * from "./estimate-runs.js";
export * from "./fetch-grid-intensity.js";
export * from "./load-grid-intensity.js";
export * from "./monthly-report.js";
export * from "./monthly-report-fan-out.js";
export * from "./reconcile.js";
