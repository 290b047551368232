/**
 * The worker process: one BullMQ `Worker` per job definition (concurrency from the config), the job
 * schedulers, the Prometheus endpoint, and a graceful `close()`.
 *
 * Invalid payloads fail at once (UnrecoverableError: no retry) with the schema's message as the
 * failed reason; nothing is written for them. Other errors are retried with the queue's
 * exponential backoff, both set in its job definition
 * (packages/services/src/jobs/definitions/).
 */
import type { WorkerEnv } from "@finetrace/config";
import { createPool } from "@finetrace/db";
import { type AnyJobDefinition, InvalidJobPayloadError, parseJobPayload } from "@finetrace/jobs";
import {
  createQueues,
  type FinetraceQueues,
  type JobDeps,
  type JobKey,
  jobDefinitions,
} from "@finetrace/services";
import { type Job, UnrecoverableError, Worker } from "bullmq";
import { createLogger, type Logger } from "./logger.js";
import {
  createMetrics,
  type MetricsServer,
  startMetricsServer,
  type WorkerMetrics,
} from "./metrics.js";
import { ensureSchedulers, upsertSchedulers } from "./schedulers.js";

export interface StartWorkerOptions {
  /** Logger to use (default: pino at LOG_LEVEL on stdout). */
  logger?: Logger;
  /** Jobs to consume, by their key in `jobDefinitions` (default all). */
  queues?: readonly JobKey[];
  /** Create the job schedulers (default true). */
  schedulers?: boolean;
}

export interface WorkerHandle {
  /** Port of the metrics server (the bound one when WORKER_METRICS_PORT is 0). */
  metricsPort: number;
  /** The producers the worker uses (same prefix and Redis). */
  queues: FinetraceQueues;
  /**
   * Stop taking jobs, wait up to WORKER_SHUTDOWN_GRACE_SECONDS for active jobs to finish, then
   * release the rest (their locks lapse and another worker retries them), and close connections.
   */
  close(): Promise<void>;
}

const ALL_JOBS = Object.keys(jobDefinitions) as JobKey[];

/** The processor of one definition: validate the payload, run the handler, log and time it. */
function processorOf(def: AnyJobDefinition, deps: JobDeps, log: Logger, metrics: WorkerMetrics) {
  return async (job: Job) => {
    const jobLog = log.child({ queue: def.name, jobId: job.id, attempt: job.attemptsMade + 1 });
    const stopTimer = metrics.jobDurationSeconds.startTimer({ queue: def.name });
    try {
      return await def.handle(parseJobPayload(def, job.data), { deps, job, log: jobLog });
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
  };
}

/** A BullMQ Worker for one definition, with metrics and the definition's final-failure hook. */
function createJobWorker(
  def: AnyJobDefinition,
  deps: JobDeps,
  log: Logger,
  metrics: WorkerMetrics,
): Worker {
  const { env } = deps;
  const worker = new Worker(def.name, processorOf(def, deps, log, metrics), {
    connection: { url: env.REDIS_URL },
    prefix: env.FINETRACE_QUEUE_PREFIX,
    concurrency: env.WORKER_CONCURRENCY,
    // A dead worker's job is moved back at most lockDuration + stalledInterval after its last
    // lock renewal (renewals every lockDuration / 2): half the setting each makes the
    // documented takeover time, WORKER_JOB_LOCK_SECONDS, true.
    lockDuration: env.WORKER_JOB_LOCK_SECONDS * 500,
    stalledInterval: env.WORKER_JOB_LOCK_SECONDS * 500,
  });
  worker.on("completed", () => metrics.jobsProcessed.inc({ queue: def.name }));
  worker.on("failed", (job, error) => {
    const final =
      job === undefined ||
      error instanceof UnrecoverableError ||
      job.attemptsMade >= (job.opts.attempts ?? 1);
    metrics.jobsFailed.inc({ queue: def.name, final: String(final) });
    if (!final || !job || !def.onFinalFailure) return;
    const payload = def.payload.safeParse(job.data);
    if (!payload.success) return; // nothing is recorded for an invalid payload
    def
      .onFinalFailure(payload.data, error.message, deps)
      .catch((e: unknown) =>
        log.error({ err: e, queue: def.name }, "recording the final failure failed"),
      );
  });
  worker.on("error", (error) => log.error({ err: error, queue: def.name }, "worker error"));
  return worker;
}

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
  const queues = createQueues({
    connection: { url: env.REDIS_URL },
    prefix: env.FINETRACE_QUEUE_PREFIX,
  });
  const deps: JobDeps = {
    env,
    pool,
    queues,
    log,
    metrics,
    estimateBatchSize: env.WORKER_ESTIMATE_BATCH_SIZE,
  };
  const keys = options.queues ?? ALL_JOBS;
  const workers = keys.map((key) => createJobWorker(jobDefinitions[key], deps, log, metrics));

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
      token: env.METRICS_TOKEN,
    });
  } catch (error) {
    await closeAll();
    throw error;
  }
  log.info(
    {
      queues: keys.map((k) => jobDefinitions[k].name),
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
