/**
 * End-to-end estimation throughput through the queue (BENCHMARKS.md, "End-to-end estimation
 * through the queue"): N runs already stored as PENDING (intake timed separately), enqueued in
 * batches, estimated and stored by the worker; the clock runs from the first enqueue to the
 * last completed job. Real Postgres and Redis, a scratch database cloned from the template.
 *
 *   npm run bench -w apps/worker
 *   BENCH_RUNS=200000 BENCH_BATCH=5000 BENCH_CONCURRENCY=2 BENCH_PROCESSES=1 npm run bench -w apps/worker
 *
 * Side by side in the same run (issue 11: "the worker end to end with rollup upkeep keeps >= 90 %
 * of its throughput without it"): BENCH_ROUNDS rounds (default 2), each a leg with the product's
 * write (estimates + EmissionsRollup delta, docs/adr/0080) and a leg without the rollup delta
 * (`setRollupUpkeepForBenchmark(false)`), each leg on a fresh scratch database; prints every
 * leg and the ratio of the mean throughputs.
 *
 * BENCH_PROCESSES > 1 runs that many worker processes (`src/main.ts`) instead of one in-process
 * worker (upkeep legs only: the switch lives in this process). Prints runs/s and where the time
 * of a batch goes (sums over all batches).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { loadGridIntensityCsv } from "@finetrace/db";
import { setRollupUpkeepForBenchmark } from "@finetrace/db/testing";
import { enqueueEstimateRuns, storeRunSubmissions } from "@finetrace/services";
import { startWorker, type WorkerHandle } from "../src/start-worker.js";
import {
  createHarness,
  createOrganization,
  type Harness,
  makeDisclosures,
} from "../src/testing/harness.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 200_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const DATA = join(import.meta.dirname, "../../../data/electricitymaps-hourly");

/** Checkpoints the server has run so far (timed + requested). */
async function checkpoints(h: Harness): Promise<number> {
  const { rows } = await h.pool.query<{ n: number }>(
    `SELECT (checkpoints_timed + checkpoints_req)::int AS n FROM pg_stat_bgwriter`,
  );
  return rows[0]?.n ?? 0;
}

/** One leg on a fresh scratch database: its figures (see the module's comment). */
async function runLeg(rollupUpkeep: boolean) {
  setRollupUpkeepForBenchmark(rollupUpkeep);
  const h = await createHarness({
    WORKER_CONCURRENCY: String(CONCURRENCY),
    WORKER_ESTIMATE_BATCH_SIZE: String(BATCH),
  });
  let worker: WorkerHandle | undefined;
  const children: ChildProcess[] = [];
  try {
    for (const file of ["DE_2023_hourly.csv.gz", "FR_2023_hourly.csv.gz"]) {
      await loadGridIntensityCsv(h.pool, { path: join(DATA, file) });
    }
    const organizationId = await createOrganization(h.pool, "bench");
    const items = makeDisclosures(RUNS);
    const intakeStart = performance.now();
    const runIds: string[] = [];
    for (let i = 0; i < items.length; i += 10_000) {
      runIds.push(
        ...(await storeRunSubmissions(h.pool, organizationId, items.slice(i, i + 10_000))).runIds,
      );
    }
    const intakeSeconds = (performance.now() - intakeStart) / 1000;
    // Autovacuum is off on this machine; a production server's autoanalyze would have run.
    await h.pool.query(`ANALYZE "FineTuneRun"`);
    const checkpointsBefore = await checkpoints(h);

    if (PROCESSES > 1) {
      for (let p = 0; p < PROCESSES; p++) {
        children.push(
          spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
            cwd: join(import.meta.dirname, ".."),
            env: { ...process.env, ...h.envVars, WORKER_METRICS_PORT: "0" },
            stdio: "ignore",
          }),
        );
      }
    } else {
      worker = await startWorker(h.env, { schedulers: false });
    }

    const start = performance.now();
    const jobs = await enqueueEstimateRuns(h.queues, runIds, { batchSize: BATCH });
    for (;;) {
      const counts = await h.queues.estimateRuns.getJobCounts("completed", "failed");
      if ((counts.completed ?? 0) + (counts.failed ?? 0) >= jobs) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - start) / 1000;
    const checkpointsDuring = (await checkpoints(h)) - checkpointsBefore;
    // The worker's connections report their table statistics when they close.
    for (const c of children) c.kill("SIGTERM");
    await Promise.all(
      children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)),
    );
    await worker?.close();
    worker = undefined;
    // Heap-only (HOT) share of the run updates: no index entry written (ADR 0021).
    const { rows: updates } = await h.pool.query<{ updates: number; hot: number }>(
      `SELECT n_tup_upd::int AS updates, n_tup_hot_upd::int AS hot
     FROM pg_stat_user_tables WHERE relname = 'FineTuneRun'`,
    );

    const { rows } = await h.pool.query(
      `SELECT count(*) FILTER (WHERE "status" = 'ESTIMATED')::int AS estimated,
            (SELECT count(*)::int FROM "Estimate") AS estimates,
            (SELECT count(*)::int FROM "Estimate" WHERE "intensitySource" = 'hourly') AS hourly
     FROM "FineTuneRun"`,
    );
    const completed = await h.queues.estimateRuns.getCompleted(0, jobs);
    const phases = { claim: 0, estimate: 0, intensity: 0, write: 0 };
    for (const job of completed) {
      const t = job.returnvalue?.timingsMs as typeof phases | undefined;
      if (!t) continue;
      for (const k of Object.keys(phases) as (keyof typeof phases)[]) phases[k] += t[k];
    }
    const phaseTotal = Object.values(phases).reduce((a, b) => a + b, 0);
    return {
      rollupUpkeep,
      intakeRunsPerSecond: Math.round(RUNS / intakeSeconds),
      seconds: Number(seconds.toFixed(2)),
      runsPerSecond: Math.round(RUNS / seconds),
      ...rows[0],
      checkpointsDuring,
      runUpdates: updates[0]?.updates,
      runUpdatesHot: updates[0]?.hot,
      batchPhaseShare: phaseTotal
        ? Object.fromEntries(
            Object.entries(phases).map(([k, v]) => [k, `${((100 * v) / phaseTotal).toFixed(1)} %`]),
          )
        : "n/a (jobs not retained)",
      meanBatchMs: completed.length ? Math.round(phaseTotal / completed.length) : null,
    };
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await worker?.close();
    await h.close();
    setRollupUpkeepForBenchmark(true);
  }
}

const legs: Awaited<ReturnType<typeof runLeg>>[] = [];
for (let round = 0; round < ROUNDS; round++) {
  legs.push(await runLeg(true));
  // The baseline needs the switch in the writing process: in-process workers only.
  if (PROCESSES === 1) legs.push(await runLeg(false));
}
const mean = (upkeep: boolean) => {
  const xs = legs.filter((l) => l.rollupUpkeep === upkeep).map((l) => l.runsPerSecond);
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
};
const withUpkeep = mean(true);
const without = mean(false);
console.log(
  JSON.stringify(
    {
      runs: RUNS,
      batch: BATCH,
      concurrency: CONCURRENCY,
      processes: PROCESSES,
      legs,
      meanRunsPerSecondWithRollupUpkeep: withUpkeep && Math.round(withUpkeep),
      meanRunsPerSecondWithoutRollupUpkeep: without && Math.round(without),
      withOverWithout: withUpkeep && without ? Number((withUpkeep / without).toFixed(2)) : null,
    },
    null,
    2,
  ),
);
