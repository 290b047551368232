/**
 * Job `compute-scope2`: recompute one organization's Scope 2 results (`computeScope2`: market-based
 * carbon, renewable / carbon-free energy, shift savings on its current estimates, and the
 * instrument allocations). Debounced per organization: jobs wait `COMPUTE_SCOPE2_DELAY_MS`, and
 * enqueueing the same organization while one waits is a no-op (deduplication; re-queued once if
 * one is running), so a burst of estimate batches or instrument edits costs one computation.
 * Readers never depend on it for correctness: `scope2MonthSummary` recomputes stale results itself,
 * and the `emissions` query reports staleness (docs/adr/0090-market-based-scope2.md).
 */
import {
  defineJob,
  enqueue,
  type JobContext,
  type Queues,
  retriedWithBackoff,
} from "@finetrace/jobs";
import { z } from "zod";
import { computeScope2 } from "../../scope2/compute.js";
import type { JobDeps } from "../deps.js";

/** Debounce window, ms: long enough to coalesce a burst of estimate batches, short for a dashboard. */
export const COMPUTE_SCOPE2_DELAY_MS = 5_000;

export const computeScope2Payload = z
  .object({ organizationId: z.uuid({ error: "must be an organization id (uuid)" }) })
  .strict();
export type ComputeScope2Payload = z.infer<typeof computeScope2Payload>;

export const computeScope2Job = defineJob({
  name: "compute-scope2",
  payload: computeScope2Payload,
  options: { ...retriedWithBackoff(5, 5_000), delay: COMPUTE_SCOPE2_DELAY_MS },
  deduplicationId: (p) => `scope2-${p.organizationId}`,
  handle: async (payload, { deps, log }: JobContext<JobDeps>) => {
    const summary = await computeScope2(deps.pool, payload.organizationId);
    log.info({ ...summary }, "scope 2 computed");
    return { ...summary, computedAt: summary.computedAt.toISOString() };
  },
});

/**
 * Enqueue recomputing the Scope 2 results of these organizations (one debounced job each).
 * @returns the BullMQ job ids.
 * @throws InvalidJobPayloadError naming `organizationId`.
 */
export async function enqueueComputeScope2(
  queues: Pick<Queues, "of">,
  organizationIds: readonly string[],
): Promise<string[]> {
  const unique = [...new Set(organizationIds)];
  if (unique.length === 0) return [];
  return enqueue(
    queues,
    computeScope2Job,
    unique.map((organizationId) => ({ organizationId })),
  );
}
