/**
 * The write side of bench/dashboard-load.ts, in its own process (as the worker is in
 * production: estimation is CPU work that would otherwise stall the API's event loop): submit
 * BENCH_SUBMIT_RUNS runs of BENCH_ORGANIZATION_ID in calls of 1,000 (`submitRuns`) and estimate
 * each call's runs (`estimateRunBatch`, the worker's use case), until done or BENCH_DEADLINE_MS
 * (epoch ms). BENCH_WRITER_SPREAD_SECONDS > 0 spreads the calls evenly over that many seconds
 * (call k starts no earlier than k x spread / calls: a steady stream of runs); 0 writes as fast
 * as it can (a burst). Prints `{"submitted":N,"estimated":M,"seconds":S}` (S: the writer's time).
 */
import { randomUUID } from "node:crypto";
import { createPool } from "@finetrace/db";
import { createQueues, estimateRunBatch, submitRuns } from "@finetrace/services";

const SUBMIT = Number(process.env.BENCH_SUBMIT_RUNS ?? 50_000);
const deadline = Number(process.env.BENCH_DEADLINE_MS ?? Date.now() + 30_000);
const organizationId = process.env.BENCH_ORGANIZATION_ID as string;
const pool = createPool(process.env.DATABASE_URL as string, { max: 2 });
const queues = createQueues({
  connection: { url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" },
  prefix: process.env.FINETRACE_QUEUE_PREFIX as string,
});
const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const deps = { pool, queues, log, estimateBatchSize: 2000 };
const SPREAD_MS = Number(process.env.BENCH_WRITER_SPREAD_SECONDS ?? 0) * 1000;
const CALLS = Math.ceil(SUBMIT / 1000);
const startMs = Date.now();
let submitted = 0;
let estimated = 0;
try {
  for (let b = 0; b < SUBMIT && Date.now() < deadline; b += 1000) {
    const dueMs = startMs + (SPREAD_MS * (b / 1000)) / CALLS;
    if (Date.now() < dueMs) await new Promise((resolve) => setTimeout(resolve, dueMs - Date.now()));
    const items = Array.from({ length: Math.min(1000, SUBMIT - b) }, (_, i) => ({
      index: i,
      externalId: `load-${b + i}-${randomUUID()}`,
      disclosure: {
        baseModel: "Llama 2",
        gridZone: ["DE", "FR", "SE"][i % 3],
        gpuModel: "A100 SXM4 80 GB",
        gpuCount: 8,
        startTime: new Date(Date.UTC(2024, 0, 1) + ((b + i) % 8000) * 3_600_000).toISOString(),
        reservedDurationHours: 4,
      },
    }));
    const result = await submitRuns(deps, { organizationId, items });
    submitted += result.accepted.length;
    estimated += (
      await estimateRunBatch(
        deps,
        result.accepted.map((a) => a.runId),
      )
    ).estimated;
  }
  const seconds = Math.round((Date.now() - startMs) / 100) / 10;
  console.log(JSON.stringify({ submitted, estimated, seconds }));
} finally {
  await queues.close();
  await pool.end();
}
