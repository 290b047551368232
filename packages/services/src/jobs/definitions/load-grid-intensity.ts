/**
 * Job `load-grid-intensity`: bulk-load one Electricity Maps hourly CSV (optionally .gz) from a
 * path the worker can read (`loadGridIntensity`): into the private series of the organization
 * whose queued load names that path (GraphQL `loadGridIntensity`, ADR 0060), else into the shared
 * series as an operator load; then re-estimate the runs the new hours change. Loading is an
 * upsert, so a retried job is harmless; an upload's file is deleted after its last attempt.
 */
import {
  defineJob,
  enqueue,
  type JobContext,
  type Queues,
  retriedWithBackoff,
} from "@finetrace/jobs";
import { z } from "zod";
import { loadGridIntensity } from "../../grid/load-grid-intensity.js";
import type { JobDeps } from "../deps.js";
import { digest } from "../digest.js";

export const loadGridIntensityPayload = z
  .object({
    /** Absolute path of an Electricity Maps hourly CSV (optionally .gz) readable by the worker. */
    path: z
      .string()
      .min(1, "must not be empty")
      .refine((p) => p.startsWith("/"), "must be an absolute path"),
    /** Recorded in GridIntensityHour.source; default chosen by the loader. */
    source: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
export type LoadGridIntensityPayload = z.infer<typeof loadGridIntensityPayload>;

export const loadGridIntensityJob = defineJob({
  name: "load-grid-intensity",
  payload: loadGridIntensityPayload,
  options: retriedWithBackoff(5, 5000),
  deduplicationId: (p) => `load-${digest(p.path)}`,
  handle: async (payload, { deps, log }: JobContext<JobDeps>) => {
    const summary = await loadGridIntensity(
      deps,
      [{ path: payload.path }],
      payload.source ? { source: payload.source } : {},
    );
    log.info({ path: payload.path, ...summary, files: undefined }, "grid intensity loaded");
    return summary;
  },
});

/**
 * Enqueue loading one file.
 * @returns the BullMQ job id.
 * @throws InvalidJobPayloadError (e.g. a relative path).
 */
export async function enqueueLoadGridIntensity(
  queues: Pick<Queues, "of">,
  payload: { path: string; source?: string },
): Promise<string> {
  const [id] = await enqueue(queues, loadGridIntensityJob, [payload]);
  return id as string;
}
