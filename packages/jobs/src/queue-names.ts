/**
 * Names of the BullMQ queues and of the jobs inside them: the contract between producers
 * (API, CLI, the worker itself) and the worker. Renaming one is a breaking change for jobs
 * already in Redis.
 */
export const QUEUE_NAMES = {
  estimateRuns: "estimate-runs",
  loadGridIntensity: "load-grid-intensity",
  monthlyReport: "monthly-report",
  fetchGridIntensity: "fetch-grid-intensity",
  reconcile: "reconcile",
} as const;

export type QueueKey = keyof typeof QUEUE_NAMES;
export type QueueName = (typeof QUEUE_NAMES)[QueueKey];

/** Job names per queue. A queue accepts only these names; each has its own payload schema. */
export const JOB_NAMES = {
  estimateRuns: { estimate: "estimate" },
  loadGridIntensity: { load: "load" },
  monthlyReport: {
    /** Fired by the cron scheduler: enqueues one `organization` job per organization. */
    fanOut: "fan-out",
    /** One organization's report for one month. */
    organization: "organization",
  },
  fetchGridIntensity: { fetch: "fetch" },
  reconcile: { reconcile: "reconcile" },
} as const satisfies Record<QueueKey, Record<string, string>>;

/** Ids of the job schedulers the worker upserts at start-up. */
export const SCHEDULER_IDS = {
  monthlyReport: "monthly-report",
  reconcile: "reconcile-pending-runs",
  /** One scheduler per zone: `fetch-grid-intensity-<zone>`. */
  fetchGridIntensity: (zone: string) => `fetch-grid-intensity-${zone}`,
} as const;
