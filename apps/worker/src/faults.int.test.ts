/**
 * Fault acceptance tests:
 * (a) a worker process killed with SIGKILL in the middle of its batches: a new worker takes the
 *     stalled jobs over and every run ends ESTIMATED with exactly one estimate;
 * (b) Redis wiped after runs were submitted and enqueued: the reconciler (whose scheduler the
 *     worker re-creates) brings every run to ESTIMATED.
 *
 * (b) wipes a dedicated Redis logical database with FLUSHDB: for the worker this is the same as
 * FLUSHALL (every queue, job, deduplication key and scheduler is gone), without wiping the
 * other test suites that share this Redis server.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

import { enqueueEstimateRuns, storeRunSubmissions } from "@finetrace/services";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { startWorker, type WorkerHandle } from "./start-worker.js";
import {
  createHarness,
  createOrganization,
  type Harness,
  makeDisclosures,
  REDIS_URL,
  statusCounts,
  waitFor,
} from "./testing/harness.js";

const WORKER_DIR = join(import.meta.dirname, "..");
/** Redis logical database wiped by test (b); no other suite uses it. */
const FLUSHED_DB = 11;

let h: Harness | undefined;
let worker: WorkerHandle | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
  child?.kill("SIGKILL");
  await worker?.close();
  await h?.close();
  h = undefined;
  worker = undefined;
  child = undefined;
});

/** Every run has exactly one estimate, and it is the current one. */
async function expectOneEstimatePerRun(harness: Harness, runs: number) {
  const { rows } = await harness.pool.query(
    `SELECT count(*)::int AS estimates, count(DISTINCT "runId")::int AS runs,
            count(*) FILTER (WHERE "isCurrent")::int AS current,
            (SELECT count(*)::int FROM "FineTuneRun" r
             JOIN "Estimate" e ON e."runId" = r."id" AND e."isCurrent") AS linked
     FROM "Estimate"`,
  );
  expect(rows[0]).toEqual({ estimates: runs, runs, current: runs, linked: runs });
}

describe("fault tolerance", () => {
  it("(a) SIGKILL mid-batch: a new worker finishes, every run estimated exactly once", async () => {
    h = await createHarness({ WORKER_JOB_LOCK_SECONDS: "2", WORKER_CONCURRENCY: "2" });
    const harness = h;
    const organizationId = await createOrganization(harness.pool, "crashy");
    const { runIds } = await storeRunSubmissions(
      harness.pool,
      organizationId,
      makeDisclosures(20_000),
    );
    expect(await enqueueEstimateRuns(harness.queues, runIds, { batchSize: 250 })).toBe(80);

    child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: WORKER_DIR,
      env: { ...process.env, ...harness.envVars },
      stdio: "ignore",
    });
    await waitFor(
      "the child worker to estimate some runs",
      async () => ((await statusCounts(harness.pool)).ESTIMATED ?? 0) >= 2000,
      { timeoutMs: 60_000, everyMs: 20 },
    );
    child.kill("SIGKILL");
    await new Promise((resolve) => child?.once("exit", resolve));
    const estimatedAtKill = (await statusCounts(harness.pool)).ESTIMATED ?? 0;
    expect(estimatedAtKill).toBeLessThan(20_000);
    // Its in-flight batches are left "active" with a lock nobody renews.
    expect(await harness.queues.estimateRuns.getActiveCount()).toBeGreaterThan(0);

    worker = await startWorker(harness.env, { schedulers: false });
    await waitFor(
      "every run ESTIMATED",
      async () => (await statusCounts(harness.pool)).ESTIMATED === 20_000,
      { timeoutMs: 90_000, everyMs: 200 },
    );
    await expectOneEstimatePerRun(harness, 20_000);
    expect(await harness.queues.estimateRuns.getFailedCount()).toBe(0);
  });

  it("SIGTERM: the worker finishes its active batches, then exits 0", async () => {
    h = await createHarness({ WORKER_CONCURRENCY: "1", WORKER_SHUTDOWN_GRACE_SECONDS: "60" });
    const harness = h;
    const organizationId = await createOrganization(harness.pool, "graceful");
    const { runIds } = await storeRunSubmissions(
      harness.pool,
      organizationId,
      makeDisclosures(20_000),
    );
    await enqueueEstimateRuns(harness.queues, runIds, { batchSize: 5000 });
    const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: WORKER_DIR,
      env: { ...process.env, ...harness.envVars },
      stdio: "ignore",
    });
    child = proc;
    await waitFor(
      "a batch in progress",
      async () => (await harness.queues.estimateRuns.getActiveCount()) > 0,
      {
        everyMs: 10,
      },
    );
    const exited = new Promise<number | null>((resolve) => proc.once("exit", resolve));
    proc.kill("SIGTERM");
    expect(await exited).toBe(0);
    // The batch it was working on completed (none left active); the rest wait for a worker.
    expect(await harness.queues.estimateRuns.getActiveCount()).toBe(0);
    const completed = await harness.queues.estimateRuns.getCompletedCount();
    expect(completed).toBeGreaterThanOrEqual(1);
    expect((await statusCounts(harness.pool)).ESTIMATED).toBe(completed * 5000);
    await expectOneEstimatePerRun(harness, completed * 5000);
  });

  it("(b) Redis flushed after submission: the reconciler re-enqueues and every run is estimated", async () => {
    const redisUrl = `${REDIS_URL.replace(/\/\d*$/, "")}/${FLUSHED_DB}`;
    h = await createHarness({
      REDIS_URL: redisUrl,
      WORKER_RECONCILE_EVERY_SECONDS: "1",
      WORKER_RECONCILE_PENDING_AFTER_SECONDS: "2",
    });
    const harness = h;
    worker = await startWorker(harness.env);
    expect(await harness.queues.reconcile.getJobScheduler("reconcile-pending-runs")).toBeDefined();

    const organizationId = await createOrganization(harness.pool, "flushed");
    // Hold the jobs in Redis (queue paused), then lose Redis.
    await harness.queues.estimateRuns.pause();
    const { runIds } = await storeRunSubmissions(
      harness.pool,
      organizationId,
      makeDisclosures(5000),
    );
    await enqueueEstimateRuns(harness.queues, runIds, { batchSize: 1000 });
    expect(await harness.queues.estimateRuns.getWaitingCount()).toBe(5);
    const redis = new Redis(redisUrl);
    await redis.flushdb();
    redis.disconnect();
    expect(await harness.queues.estimateRuns.getWaitingCount()).toBe(0);
    expect(
      await harness.queues.reconcile.getJobScheduler("reconcile-pending-runs"),
    ).toBeUndefined();

    await waitFor(
      "the reconciler to bring every run to ESTIMATED",
      async () => (await statusCounts(harness.pool)).ESTIMATED === 5000,
      { timeoutMs: 60_000, everyMs: 200 },
    );
    await expectOneEstimatePerRun(harness, 5000);
    // The worker re-created its schedulers after the flush.
    expect(await harness.queues.reconcile.getJobScheduler("reconcile-pending-runs")).toBeDefined();
  });
});
