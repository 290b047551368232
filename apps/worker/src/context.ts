/** What every job processor receives: shared resources of the worker process and its job. */
import type { WorkerEnv } from "@finetrace/config";
import type { Queues } from "@finetrace/jobs";
import type { Job } from "bullmq";
import type pg from "pg";
import type { Logger } from "./logger.js";
import type { WorkerMetrics } from "./metrics.js";

export interface WorkerDeps {
  env: WorkerEnv;
  /** Postgres pool (hand-written SQL, COPY). */
  pool: pg.Pool;
  /** Producers, for jobs that enqueue other jobs. */
  queues: Queues;
  metrics: WorkerMetrics;
}

export interface JobContext {
  job: Job;
  /** Logger bound to the job (queue, jobId, name, attempt). */
  log: Logger;
}
