/**
 * Job `reconcile` (every WORKER_RECONCILE_EVERY_SECONDS): re-enqueue runs left PENDING and send
 * back fallback estimates that raced a grid load (`reconcilePendingRuns`). The next tick repeats
 * the scan, so a failed one is not retried.
 */
import { defineJob, type JobContext, KEEP_COMPLETED_SHORT, KEEP_FAILED } from "@finetrace/jobs";
import { z } from "zod";
import { reconcilePendingRuns } from "../../estimation/reconcile.js";
import type { JobDeps } from "../deps.js";

export const reconcilePayload = z.object({}).strict();

export const reconcileJob = defineJob({
  name: "reconcile",
  payload: reconcilePayload,
  options: { attempts: 1, removeOnComplete: KEEP_COMPLETED_SHORT, removeOnFail: KEEP_FAILED },
  schedules: {
    prefix: "reconcile-pending-runs",
    wanted: (env: JobDeps["env"]) => [
      {
        id: "reconcile-pending-runs",
        repeat: { every: env.WORKER_RECONCILE_EVERY_SECONDS * 1000 },
        data: {},
      },
    ],
  },
  handle: async (_payload, { deps, log }: JobContext<JobDeps>) => {
    const result = await reconcilePendingRuns(deps, {
      pendingForSeconds: deps.env.WORKER_RECONCILE_PENDING_AFTER_SECONDS,
      everySeconds: deps.env.WORKER_RECONCILE_EVERY_SECONDS,
    });
    if (result.reenqueuedRuns > 0 || result.fallbackRunsReestimated > 0) {
      log.warn(result, "reconciler re-enqueued runs");
    }
    return result;
  },
});
