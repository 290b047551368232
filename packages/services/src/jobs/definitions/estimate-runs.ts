/**
 * Job `estimate-runs`: one batch of run ids -> `estimateRunBatch` (one transaction). A batch
 * fails as a whole only on infrastructure errors (Postgres down, deadlock); per-run problems mark
 * that run FAILED and the job succeeds. 8 attempts from 1 s span ~4 minutes; the reconciler
 * re-enqueues runs still PENDING after that. A batch that estimated runs queues the debounced
 * Scope 2 recomputation of their organizations (`compute-scope2`) and the delayed regeneration of
 * the already-reported months they change (`enqueueReportRestatements`).
 */
import { organizationsOfRuns } from "@finetrace/db";
import {
  defineJob,
  enqueue,
  type JobContext,
  type Queues,
  retriedWithBackoff,
} from "@finetrace/jobs";
import { z } from "zod";
import { estimateRunBatch } from "../../estimation/estimate-batch.js";
import { enqueueReportRestatements } from "../../reports/restatements.js";
import type { JobDeps } from "../deps.js";
import { digest } from "../digest.js";
import { enqueueComputeScope2 } from "./compute-scope2.js";

/**
 * Largest batch of run ids one job may carry. Bounds the SQL arrays and the job's JSON (10,000
 * uuids = 390 kB); batch sizes are measured in BENCHMARKS.md.
 */
export const MAX_RUN_IDS_PER_JOB = 10_000;

/** Why a batch of runs is (re-)estimated; logged and counted in metrics. */
export const estimateReasons = [
  /** Runs just submitted through the API or CLI. */
  "submitted",
  /** Runs left PENDING past the timeout, re-enqueued by the reconciler. */
  "reconcile",
  /** A later run of the chain arrived: the use life of its predecessor changed. */
  "chain-successor",
  /** Hourly grid intensity arrived for runs estimated with an annual fallback. */
  "intensity-loaded",
] as const;
export type EstimateReason = (typeof estimateReasons)[number];

export const estimateRunsPayload = z
  .object({
    runIds: z
      .array(z.uuid({ error: "must be a run id (uuid)" }))
      .min(1, "must hold at least one run id")
      .max(MAX_RUN_IDS_PER_JOB, `must hold at most ${MAX_RUN_IDS_PER_JOB} run ids`),
    reason: z.enum(estimateReasons),
  })
  .strict();
export type EstimateRunsPayload = z.infer<typeof estimateRunsPayload>;

export const estimateRunsJob = defineJob({
  name: "estimate-runs",
  payload: estimateRunsPayload,
  options: retriedWithBackoff(8, 1000),
  deduplicationId: (p) => `estimate-${digest(p.runIds.join(","))}`,
  handle: async (payload, { deps, log }: JobContext<JobDeps>) => {
    const result = await estimateRunBatch(deps, payload.runIds);
    deps.metrics?.runs.inc({ outcome: "estimated" }, result.estimated);
    deps.metrics?.runs.inc({ outcome: "failed" }, result.failed);
    deps.metrics?.runs.inc({ outcome: "skipped" }, result.skipped);
    log.info({ reason: payload.reason, runs: payload.runIds.length, ...result }, "batch estimated");
    if (result.estimated > 0) {
      await enqueueComputeScope2(deps.queues, await organizationsOfRuns(deps.pool, payload.runIds));
      // Months already reported that these runs change are regenerated (a restatement).
      await enqueueReportRestatements(deps, payload.runIds);
    }
    return result;
  },
});

/**
 * Enqueue `estimate-runs` jobs for `runIds`: duplicates removed, ids sorted (so the same set
 * always yields the same batches and deduplication ids), cut into batches of `batchSize`.
 * Every batch is validated before any job is added: an invalid id enqueues nothing.
 * @returns the number of jobs added (0 for an empty list).
 * @throws RangeError for a bad `batchSize`; InvalidJobPayloadError naming the bad run id.
 */
export async function enqueueEstimateRuns(
  queues: Pick<Queues, "of">,
  runIds: readonly string[],
  { batchSize, reason = "submitted" }: { batchSize: number; reason?: EstimateReason },
): Promise<number> {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_RUN_IDS_PER_JOB) {
    throw new RangeError(
      `batchSize: must be an integer in 1..${MAX_RUN_IDS_PER_JOB}, got ${batchSize}`,
    );
  }
  const ids = [...new Set(runIds)].sort();
  const payloads: EstimateRunsPayload[] = [];
  for (let i = 0; i < ids.length; i += batchSize) {
    payloads.push({ runIds: ids.slice(i, i + batchSize), reason });
  }
  return (await enqueue(queues, estimateRunsJob, payloads)).length;
}
