/**
 * Reconciliation: Postgres, not Redis, says which runs still need an estimate. Runs left PENDING
 * past `pendingForSeconds` (their job was lost to a Redis flush, or exhausted its retries) are
 * claimed and enqueued again; duplicates are harmless since estimation only estimates runs that
 * are still PENDING.
 *
 * It also closes a race with grid-intensity loads (see `markRecentFallbackRunsWithHourlyData`):
 * fallback estimates written during the last few reconcile periods whose start hour has hourly
 * data now are sent back for re-estimation.
 */
import { claimStalePendingRuns, markRecentFallbackRunsWithHourlyData } from "@finetrace/db";
import type { ServiceDeps } from "../deps.js";
import { enqueueEstimateRuns } from "../jobs/definitions/estimate-runs.js";

/** Runs claimed per SQL round trip (one claim statement per 10 batches of the default size). */
const CLAIM_CHUNK = 20_000;
/** How far back the fallback safety net looks, in reconcile periods. */
const FALLBACK_LOOKBACK_PERIODS = 3;

export interface ReconcileResult {
  reenqueuedRuns: number;
  fallbackRunsReestimated: number;
  jobs: number;
}

/**
 * @param options.pendingForSeconds a run PENDING this long is re-enqueued
 * @param options.everySeconds the reconcile period (sizes the fallback look-back)
 */
export async function reconcilePendingRuns(
  { pool, queues, estimateBatchSize: batchSize }: ServiceDeps,
  options: { pendingForSeconds: number; everySeconds: number },
): Promise<ReconcileResult> {
  let reenqueuedRuns = 0;
  let jobs = 0;
  for (;;) {
    const runIds = await claimStalePendingRuns(pool, {
      pendingForSeconds: options.pendingForSeconds,
      limit: CLAIM_CHUNK,
    });
    if (runIds.length === 0) break;
    jobs += await enqueueEstimateRuns(queues, runIds, { batchSize, reason: "reconcile" });
    reenqueuedRuns += runIds.length;
    if (runIds.length < CLAIM_CHUNK) break;
  }
  const fallbackRunIds = await markRecentFallbackRunsWithHourlyData(pool, {
    withinSeconds: FALLBACK_LOOKBACK_PERIODS * options.everySeconds,
  });
  jobs += await enqueueEstimateRuns(queues, fallbackRunIds, {
    batchSize,
    reason: "intensity-loaded",
  });
  return { reenqueuedRuns, fallbackRunsReestimated: fallbackRunIds.length, jobs };
}
