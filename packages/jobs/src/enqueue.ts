/**
 * Producers' helpers: every payload is validated against its schema before it reaches Redis,
 * and every job carries a deduplication id so that enqueueing the same work twice while the
 * first job is waiting is a no-op (BullMQ deduplication; `keepLastIfActive` re-queues it once
 * if the first job is already running, so a change made during that run is not lost).
 * Processing the same job twice is harmless anyway: the worker is idempotent.
 */
import { createHash } from "node:crypto";
import { type EstimateReason, MAX_RUN_IDS_PER_JOB, parseJobPayload } from "./payloads.js";
import { JOB_NAMES } from "./queue-names.js";
import type { Queues } from "./queues.js";

const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 32);

export interface EnqueueEstimateRunsOptions {
  /** Run ids per job, 1..MAX_RUN_IDS_PER_JOB. */
  batchSize: number;
  /** Why the runs are estimated (default "submitted"). */
  reason?: EstimateReason;
}

/**
 * Enqueue `estimate-runs` jobs for `runIds`: duplicates removed, ids sorted (so the same set
 * always yields the same batches and deduplication ids), cut into batches of `batchSize`.
 * Every batch is validated before any job is added: an invalid id enqueues nothing.
 * @returns the number of jobs added (0 for an empty list).
 * @throws RangeError for a bad `batchSize`; InvalidJobPayloadError naming the bad run id.
 */
export async function enqueueEstimateRuns(
  queues: Queues,
  runIds: readonly string[],
  { batchSize, reason = "submitted" }: EnqueueEstimateRunsOptions,
): Promise<number> {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_RUN_IDS_PER_JOB) {
    throw new RangeError(
      `batchSize: must be an integer in 1..${MAX_RUN_IDS_PER_JOB}, got ${batchSize}`,
    );
  }
  const ids = [...new Set(runIds)].sort();
  const name = JOB_NAMES.estimateRuns.estimate;
  const jobs = [];
  for (let i = 0; i < ids.length; i += batchSize) {
    const data = parseJobPayload("estimateRuns", name, {
      runIds: ids.slice(i, i + batchSize),
      reason,
    });
    jobs.push({
      name,
      data,
      opts: {
        deduplication: { id: `estimate-${digest(data.runIds.join(","))}`, keepLastIfActive: true },
      },
    });
  }
  if (jobs.length > 0) await queues.estimateRuns.addBulk(jobs);
  return jobs.length;
}

/**
 * Enqueue loading one Electricity Maps hourly CSV (optionally gzip'd) from `path`.
 * @returns the BullMQ job id.
 * @throws InvalidJobPayloadError (e.g. a relative path).
 */
export async function enqueueLoadGridIntensity(
  queues: Queues,
  payload: { path: string; source?: string },
): Promise<string> {
  const name = JOB_NAMES.loadGridIntensity.load;
  const data = parseJobPayload("loadGridIntensity", name, payload);
  const job = await queues.loadGridIntensity.add(name, data, {
    deduplication: { id: `load-${digest(data.path)}`, keepLastIfActive: true },
  });
  return requireId(job.id);
}

/**
 * Enqueue (re)building one organization's report for `period` ("YYYY-MM"). Re-running a month
 * replaces that month's report.
 * @returns the BullMQ job id.
 * @throws InvalidJobPayloadError naming `organizationId` or `period`.
 */
export async function enqueueMonthlyReport(
  queues: Queues,
  payload: { organizationId: string; period: string },
): Promise<string> {
  const name = JOB_NAMES.monthlyReport.organization;
  const data = parseJobPayload("monthlyReport", name, payload);
  const job = await queues.monthlyReport.add(name, data, {
    deduplication: {
      id: `report-${data.organizationId}-${data.period}`,
      keepLastIfActive: true,
    },
  });
  return requireId(job.id);
}

/**
 * Enqueue the fan-out the monthly scheduler fires: one report job per organization for `period`
 * (absent = the month before now in the scheduler's timezone).
 * @returns the BullMQ job id.
 */
export async function enqueueMonthlyReportFanOut(
  queues: Queues,
  payload: { period?: string } = {},
): Promise<string> {
  const name = JOB_NAMES.monthlyReport.fanOut;
  const data = parseJobPayload("monthlyReport", name, payload);
  const job = await queues.monthlyReport.add(name, data);
  return requireId(job.id);
}

function requireId(id: string | undefined): string {
  if (id === undefined) throw new Error("BullMQ returned a job without an id");
  return id;
}
