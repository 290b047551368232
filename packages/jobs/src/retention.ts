/**
 * Retention shared by the job definitions (docs/adr/0020-worker-queue-design.md): completed jobs
 * are trimmed (Postgres, not Redis, is the record of what was done); failed jobs are kept for
 * inspection (`getFailed()`, failedReason, stacktrace) for 30 days.
 */
const HOUR_SECONDS = 3600;
const DAY_SECONDS = 24 * HOUR_SECONDS;

/** Kept after success: one day or the last 1,000 jobs, whichever is smaller. */
export const KEEP_COMPLETED = { age: DAY_SECONDS, count: 1000 } as const;
/** Kept after success for frequent housekeeping jobs: one hour or the last 100. */
export const KEEP_COMPLETED_SHORT = { age: HOUR_SECONDS, count: 100 } as const;
/** Kept after final failure: 30 days. */
export const KEEP_FAILED = { age: 30 * DAY_SECONDS } as const;

/**
 * Options of a job retried with exponential backoff (delay = base x 2^(attempt-1), BullMQ's
 * "exponential" strategy), kept as above.
 * @param attempts tries in all (1 = no retry)
 * @param baseDelayMs delay before the second try, ms
 */
export function retriedWithBackoff(attempts: number, baseDelayMs: number) {
  return {
    attempts,
    backoff: { type: "exponential" as const, delay: baseDelayMs },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  };
}
