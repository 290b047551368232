/**
 * The worker process: one BullMQ `Worker` per queue (concurrency from the config), the job
 * schedulers, the Prometheus endpoint, and a graceful `close()`.
 *
 * Invalid payloads fail at once (UnrecoverableError: no retry) with the schema's message as the
 * failed reason; nothing is written for them. Other errors are retried with the queue's
 * exponential backoff (packages/jobs/src/job-options.ts).
 */
import type { WorkerEnv } from "@finetrace/config";
import { createPool, markReportFailed } from "@finetrace/db";
import {
  createQueues,
  InvalidJobPayloadError,
  JOB_NAMES,
  monthlyReportPayloadSchema,
  parseJobPayload,
  QUEUE_NAMES,
  type QueueKey,
  type Queues,
} from "@finetrace/jobs";
import { type Job, UnrecoverableError, Worker } from "bullmq";
import type { JobContext, WorkerDeps } from "./context.js";
import { createLogger, type Logger } from "./logger.js";
import { createMetrics, type MetricsServer, startMetricsServer } from "./metrics.js";
import { processEstimateRuns } from "./processors/estimate-runs.js";
import { processFetchGridIntensity } from "./processors/fetch-grid-intensity.js";
import { processLoadGridIntensity } from "./processors/load-grid-intensity.js";
import { processMonthlyReport, processMonthlyReportFanOut } from "./processors/monthly-report.js";
import { processReconcile } from "./processors/reconcile.js";
import { ensureSchedulers, upsertSchedulers } from "./schedulers.js";

export interface StartWorkerOptions {
  /** Logger to use (default: pino at LOG_LEVEL on stdout). */
  logger?: Logger;
  /** Queues to consume (default all five). */
  queues?: readonly QueueKey[];
  /** Create the job schedulers (default true). */
  schedulers?: boolean;
}

export interface WorkerHandle {
  /** Port of the metrics server (the bound one when WORKER_METRICS_PORT is 0). */
  metricsPort: number;
  /** The producers the worker uses (same prefix and Redis). */
  queues: Queues;
  /**
   * Stop taking jobs, wait up to WORKER_SHUTDOWN_GRACE_SECONDS for active jobs to finish, then
   * release the rest (their locks lapse and another worker retries them), and close connections.
   */
  close(): Promise<void>;
}

type Handler = (data: unknown, deps: WorkerDeps, ctx: JobContext) => Promise<unknown>;

/** Processor per (queue, job name); the payload is validated before the handler runs. */
const HANDLERS: { [Q in QueueKey]: Record<string, Handler> } = {
  estimateRuns: {
    [JOB_NAMES.estimateRuns.estimate]: (d, deps, ctx) =>
      processEstimateRuns(parseJobPayload("estimateRuns", "estimate", d), deps, ctx),
  },
  loadGridIntensity: {
    [JOB_NAMES.loadGridIntensity.load]: (d, deps, ctx) =>
      processLoadGridIntensity(parseJobPayload("loadGridIntensity", "load", d), deps, ctx),
  },
  monthlyReport: {
    [JOB_NAMES.monthlyReport.fanOut]: (d, deps, ctx) =>
      processMonthlyReportFanOut(parseJobPayload("monthlyReport", "fan-out", d), deps, ctx),
    [JOB_NAMES.monthlyReport.organization]: (d, deps, ctx) =>
      processMonthlyReport(parseJobPayload("monthlyReport", "organization", d), deps, ctx),
  },
  fetchGridIntensity: {
    [JOB_NAMES.fetchGridIntensity.fetch]: (d, deps, ctx) =>
      processFetchGridIntensity(parseJobPayload("fetchGridIntensity", "fetch", d), deps, ctx),
  },
  reconcile: {
    [JOB_NAMES.reconcile.reconcile]: (d, deps, ctx) =>
      processReconcile(parseJobPayload("reconcile", "reconcile", d), deps, ctx),
  },
};

const ALL_QUEUES = Object.keys(QUEUE_NAMES) as QueueKey[];

/** Start consuming every queue. Resolves once the workers are connected and schedulers exist. */
export async function startWorker(
  env: WorkerEnv,
  options: StartWorkerOptions = {},
): Promise<WorkerHandle> {
  const log = options.logger ?? createLogger(env.LOG_LEVEL);
  const metrics = createMetrics();
  // Each active estimate batch holds one connection for its transaction and borrows one for the
  // intensity lookup; the other queues need one each.
  const pool = createPool(env.DATABASE_URL, {
    max: env.WORKER_CONCURRENCY * 2 + 4,
  });
  pool.on("error", (error) => log.error({ err: error }, "idle Postgres connection failed"));
  const connection = { url: env.REDIS_URL };
  const queues = createQueues({ connection, prefix: env.FINETRACE_QUEUE_PREFIX });
  const deps: WorkerDeps = { env, pool, queues, metrics };

  const workers = (options.queues ?? ALL_QUEUES).map((key) => {
    const handlers = HANDLERS[key];
    const worker = new Worker(
      QUEUE_NAMES[key],
      async (job: Job) => {
        const jobLog = log.child({
          queue: QUEUE_NAMES[key],
          jobId: job.id,
          jobName: job.name,
          attempt: job.attemptsMade + 1,
        });
        const handler = Object.hasOwn(handlers, job.name) ? handlers[job.name] : undefined;
        const stopTimer = metrics.jobDurationSeconds.startTimer({ queue: QUEUE_NAMES[key] });
        try {
          if (!handler) {
            throw new UnrecoverableError(
              `unknown job "${job.name}" in queue ${QUEUE_NAMES[key]}; expected one of ${Object.keys(handlers).join(", ")}`,
            );
          }
          return await handler(job.data, deps, { job, log: jobLog });
        } catch (error) {
          if (error instanceof InvalidJobPayloadError) {
            jobLog.error({ issues: error.issues }, "invalid job payload rejected");
            throw new UnrecoverableError(error.message);
          }
          jobLog.error({ err: error }, "job attempt failed");
          throw error;
        } finally {
          stopTimer();
        }
      },
      {
        connection,
        prefix: env.FINETRACE_QUEUE_PREFIX,
        concurrency: env.WORKER_CONCURRENCY,
        lockDuration: env.WORKER_JOB_LOCK_SECONDS * 1000,
        stalledInterval: env.WORKER_JOB_LOCK_SECONDS * 1000,
      },
    );
    worker.on("completed", () => metrics.jobsProcessed.inc({ queue: QUEUE_NAMES[key] }));
    worker.on("failed", (job, error) => {
      const final =
        job === undefined ||
        error instanceof UnrecoverableError ||
        job.attemptsMade >= (job.opts.attempts ?? 1);
      metrics.jobsFailed.inc({ queue: QUEUE_NAMES[key], final: String(final) });
      if (final && key === "monthlyReport" && job?.name === JOB_NAMES.monthlyReport.organization) {
        // Record the failure on that month's Report (valid payloads only: nothing is written
        // for an invalid one).
        const payload = monthlyReportPayloadSchema.safeParse(job.data);
        if (payload.success) {
          markReportFailed(pool, { ...payload.data, reason: error.message }).catch((e: unknown) =>
            log.error({ err: e }, "recording the report failure failed"),
          );
        }
      }
    });
    worker.on("error", (error) =>
      log.error({ err: error, queue: QUEUE_NAMES[key] }, "worker error"),
    );
    return worker;
  });

  let metricsServer: MetricsServer | undefined;
  let schedulerTimer: NodeJS.Timeout | undefined;
  const closeAll = async () => {
    if (schedulerTimer) clearInterval(schedulerTimer);
    const grace = new Promise<"timeout">((resolve) => {
      const t = setTimeout(() => resolve("timeout"), env.WORKER_SHUTDOWN_GRACE_SECONDS * 1000);
      t.unref();
    });
    const outcome = await Promise.race([Promise.all(workers.map((w) => w.close())), grace]);
    if (outcome === "timeout") {
      log.warn("shutdown grace period over: releasing active jobs (they will be retried)");
      await Promise.all(workers.map((w) => w.close(true)));
    }
    await queues.close();
    await metricsServer?.close();
    await pool.end();
  };

  try {
    await Promise.all(workers.map((w) => w.waitUntilReady()));
    if (options.schedulers ?? true) {
      await upsertSchedulers(queues, env);
      schedulerTimer = setInterval(() => {
        ensureSchedulers(queues, env).then(
          (recreated) => {
            if (recreated)
              log.warn("job schedulers were missing (Redis flushed?) and were re-created");
          },
          (error: unknown) => log.error({ err: error }, "checking job schedulers failed"),
        );
      }, env.WORKER_RECONCILE_EVERY_SECONDS * 1000);
      schedulerTimer.unref();
    }
    metricsServer = await startMetricsServer(metrics.registry, {
      host: env.WORKER_METRICS_HOST,
      port: env.WORKER_METRICS_PORT,
    });
  } catch (error) {
    await closeAll();
    throw error;
  }
  log.info(
    {
      queues: (options.queues ?? ALL_QUEUES).map((k) => QUEUE_NAMES[k]),
      concurrency: env.WORKER_CONCURRENCY,
      metricsPort: metricsServer.port,
    },
    "worker started",
  );

  let closing: Promise<void> | undefined;
  return {
    metricsPort: metricsServer.port,
    queues,
    close: () => {
      closing ??= closeAll();
      return closing;
    },
  };
}
