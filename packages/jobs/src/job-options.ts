/**
 * Retry, backoff and retention per queue (docs/adr/0020-worker-queue-design.md).
 *
 * - Retries: exponential backoff, delay = base * 2^(attempt-1) (BullMQ's "exponential" strategy).
 * - Completed jobs are trimmed (Postgres, not Redis, is the record of what was estimated).
 * - Failed jobs (attempts exhausted, or rejected as invalid) are kept for inspection
 *   (`queue.getFailed()`, failedReason, stacktrace) for 30 days.
 */
import type { DefaultJobOptions } from "bullmq";
import type { QueueKey } from "./queue-names.js";

const HOUR_SECONDS = 3600;
const DAY_SECONDS = 24 * HOUR_SECONDS;

/** Kept after success: one day or the last 1,000 jobs, whichever is smaller. */
const KEEP_COMPLETED = { age: DAY_SECONDS, count: 1000 };
/** Kept after final failure: 30 days (inspectable; the reconciler re-enqueues the runs anyway). */
const KEEP_FAILED = { age: 30 * DAY_SECONDS };

export const DEFAULT_JOB_OPTIONS: Record<QueueKey, DefaultJobOptions> = {
  // A batch fails as a whole only on infrastructure errors (Postgres down, deadlock); per-run
  // problems mark that run FAILED and the job succeeds. 8 attempts from 1 s span ~4 minutes.
  estimateRuns: {
    attempts: 8,
    backoff: { type: "exponential", delay: 1000 },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  },
  loadGridIntensity: {
    attempts: 5,
    backoff: { type: "exponential", delay: 5000 },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  },
  monthlyReport: {
    attempts: 5,
    backoff: { type: "exponential", delay: 10_000 },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  },
  // The next scheduled pull covers the same 24 h window, so a few quick retries suffice.
  fetchGridIntensity: {
    attempts: 3,
    backoff: { type: "exponential", delay: 30_000 },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  },
  // The next tick repeats the scan; retrying a failed one is pointless.
  reconcile: {
    attempts: 1,
    removeOnComplete: { age: HOUR_SECONDS, count: 100 },
    removeOnFail: KEEP_FAILED,
  },
};
