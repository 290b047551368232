/**
 * `load-grid-intensity`: bulk-load one Electricity Maps hourly CSV through the COPY loader, then
 * re-estimate the runs whose current estimate used an annual fallback for hours that now have
 * hourly data (and only those). Loading is an upsert, so a retried job is harmless.
 */
import {
  type GridLoadResult,
  loadGridIntensityCsv,
  markFallbackRunsForReestimation,
} from "@finetrace/db";
import { enqueueEstimateRuns, type LoadGridIntensityPayload } from "@finetrace/jobs";
import type { JobContext, WorkerDeps } from "../context.js";

export interface GridLoadSummary {
  rowsRead: number;
  inserted: number;
  updated: number;
  rejected: number;
  /** First rejected rows (line + reason), for the job's result. */
  firstRejected: GridLoadResult["rejected"];
  zones: string[];
  reestimatedRuns: number;
}

/** Rejected rows kept in the job result (the full list can be ~10^5 lines for a bad file). */
const REJECTED_SHOWN = 20;

/**
 * After a load: send runs estimated with a fallback for the loaded hours back to estimation.
 * Shared with `fetch-grid-intensity`.
 */
export async function reestimateAfterLoad(
  { env, pool, queues }: WorkerDeps,
  result: GridLoadResult,
): Promise<GridLoadSummary> {
  let reestimatedRuns = 0;
  if (result.fromHourUtc && result.toHourUtc && result.zones.length > 0) {
    const runIds = await markFallbackRunsForReestimation(pool, {
      zones: result.zones,
      fromHourUtc: result.fromHourUtc,
      toHourUtc: result.toHourUtc,
    });
    await enqueueEstimateRuns(queues, runIds, {
      batchSize: env.WORKER_ESTIMATE_BATCH_SIZE,
      reason: "intensity-loaded",
    });
    reestimatedRuns = runIds.length;
  }
  return {
    rowsRead: result.rowsRead,
    inserted: result.inserted,
    updated: result.updated,
    rejected: result.rejected.length,
    firstRejected: result.rejected.slice(0, REJECTED_SHOWN),
    zones: result.zones,
    reestimatedRuns,
  };
}

export async function processLoadGridIntensity(
  payload: LoadGridIntensityPayload,
  deps: WorkerDeps,
  { log }: JobContext,
): Promise<GridLoadSummary> {
  const result = await loadGridIntensityCsv(
    deps.pool,
    { path: payload.path },
    payload.source ? { source: payload.source } : {},
  );
  const summary = await reestimateAfterLoad(deps, result);
  log.info({ path: payload.path, ...summary, firstRejected: undefined }, "grid intensity loaded");
  return summary;
}
