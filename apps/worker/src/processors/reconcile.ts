/**
 * `reconcile` (repeatable): Postgres, not Redis, says which runs still need an estimate. Runs
 * left PENDING past WORKER_RECONCILE_PENDING_AFTER_SECONDS (their job was lost to a Redis flush,
 * or exhausted its retries) are claimed and enqueued again; duplicates are harmless since the
 * estimate-runs processor only estimates runs that are still PENDING.
 *
 * It also closes a race with grid-intensity loads (see `markRecentFallbackRunsWithHourlyData`):
 * fallback estimates written during the last few reconcile periods whose start hour has hourly
 * data now are sent back for re-estimation.
 */
import { claimStalePendingRuns, markRecentFallbackRunsWithHourlyData } from "@finetrace/db";
import { enqueueEstimateRuns, type ReconcilePayload } from "@finetrace/jobs";
import type { JobContext, WorkerDeps } from "../context.js";

/** Runs claimed per SQL round trip (one claim statement per 10 batches of the default size). */
const CLAIM_CHUNK = 20_000;
/** How far back the fallback safety net looks, in reconcile periods. */
const FALLBACK_LOOKBACK_PERIODS = 3;

export interface ReconcileResult {
  reenqueuedRuns: number;
  fallbackRunsReestimated: number;
  jobs: number;
}

export async function processReconcile(
  _payload: ReconcilePayload,
  { env, pool, queues }: WorkerDeps,
  { log }: JobContext,
): Promise<ReconcileResult> {
  const batchSize = env.WORKER_ESTIMATE_BATCH_SIZE;
  let reenqueuedRuns = 0;
  let jobs = 0;
  for (;;) {
    const runIds = await claimStalePendingRuns(pool, {
      pendingForSeconds: env.WORKER_RECONCILE_PENDING_AFTER_SECONDS,
      limit: CLAIM_CHUNK,
    });
    if (runIds.length === 0) break;
    jobs += await enqueueEstimateRuns(queues, runIds, { batchSize, reason: "reconcile" });
    reenqueuedRuns += runIds.length;
    if (runIds.length < CLAIM_CHUNK) break;
  }
  const fallbackRunIds = await markRecentFallbackRunsWithHourlyData(pool, {
    withinSeconds: FALLBACK_LOOKBACK_PERIODS * env.WORKER_RECONCILE_EVERY_SECONDS,
  });
  jobs += await enqueueEstimateRuns(queues, fallbackRunIds, {
    batchSize,
    reason: "intensity-loaded",
  });
  if (reenqueuedRuns > 0 || fallbackRunIds.length > 0) {
    log.warn(
      { reenqueuedRuns, fallbackRunsReestimated: fallbackRunIds.length, jobs },
      "reconciler re-enqueued runs",
    );
  }
  return { reenqueuedRuns, fallbackRunsReestimated: fallbackRunIds.length, jobs };
}
