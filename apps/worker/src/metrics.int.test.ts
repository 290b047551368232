/** The worker's Prometheus endpoint with and without METRICS_TOKEN, over real HTTP. */
import { afterEach, describe, expect, it } from "vitest";
import { startWorker, type WorkerHandle } from "./start-worker.js";
import { createHarness, type Harness } from "./testing/harness.js";

const TOKEN = "worker-metrics-token-0123456789";
let h: Harness | undefined;
let worker: WorkerHandle | undefined;

afterEach(async () => {
  await worker?.close();
  await h?.close();
  worker = undefined;
  h = undefined;
});

const metrics = (port: number, authorization?: string) =>
  fetch(`http://127.0.0.1:${port}/metrics`, {
    headers: authorization ? { authorization } : {},
  });

describe("worker GET /metrics", () => {
  it("needs the bearer token when METRICS_TOKEN is set (401 otherwise, constant-time compare)", async () => {
    h = await createHarness({ METRICS_TOKEN: TOKEN });
    worker = await startWorker(h.env, { schedulers: false });
    expect((await metrics(worker.metricsPort)).status).toBe(401);
    expect((await metrics(worker.metricsPort, `Bearer ${TOKEN}x`)).status).toBe(401);
    const ok = await metrics(worker.metricsPort, `Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("finetrace_worker_jobs_processed_total");
  });

  it("is open when METRICS_TOKEN is unset", async () => {
    h = await createHarness();
    worker = await startWorker(h.env, { schedulers: false });
    expect((await metrics(worker.metricsPort)).status).toBe(200);
  });
});
