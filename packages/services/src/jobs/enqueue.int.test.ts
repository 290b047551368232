import { randomUUID } from "node:crypto";
import { InvalidJobPayloadError } from "@finetrace/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  enqueueEstimateRuns,
  enqueueLoadGridIntensity,
  enqueueMonthlyReport,
} from "./definitions/index.js";
import { createQueues, type FinetraceQueues as Queues } from "./queues.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
let queues: Queues;

beforeAll(() => {
  queues = createQueues({ connection: { url: REDIS_URL }, prefix: `test-jobs-${randomUUID()}` });
});

afterAll(async () => {
  await queues.obliterate();
  await queues.close();
});

describe("enqueueEstimateRuns", () => {
  it("cuts 2,500 distinct ids (plus duplicates) into batches of 1,000 with retry options", async () => {
    const ids = Array.from({ length: 2500 }, () => randomUUID());
    // 2,500 distinct ids / 1,000 per job = 3 jobs (1,000 + 1,000 + 500); the 10 repeats are dropped.
    const jobs = await enqueueEstimateRuns(queues, [...ids, ...ids.slice(0, 10)], {
      batchSize: 1000,
    });
    expect(jobs).toBe(3);
    const waiting = await queues.estimateRuns.getWaiting();
    expect(waiting.map((j) => j.data.runIds.length).sort()).toEqual([1000, 1000, 500]);
    expect(new Set(waiting.flatMap((j) => j.data.runIds)).size).toBe(2500);
    expect(waiting[0]?.opts.attempts).toBe(8);
    expect(waiting[0]?.opts.backoff).toEqual({ type: "exponential", delay: 1000 });

    // The same ids again while the first jobs wait: deduplicated, nothing new in the queue.
    await enqueueEstimateRuns(queues, [...ids].reverse(), { batchSize: 1000 });
    expect(await queues.estimateRuns.getWaitingCount()).toBe(3);
  });

  it("enqueues nothing when one id is invalid", async () => {
    const before = await queues.estimateRuns.getWaitingCount();
    await expect(
      enqueueEstimateRuns(queues, [randomUUID(), "not-a-uuid"], { batchSize: 1 }),
    ).rejects.toThrow(InvalidJobPayloadError);
    expect(await queues.estimateRuns.getWaitingCount()).toBe(before);
  });

  it("rejects a batch size outside 1..10,000", async () => {
    await expect(enqueueEstimateRuns(queues, [randomUUID()], { batchSize: 0 })).rejects.toThrow(
      /batchSize/,
    );
  });
});

describe("other producers", () => {
  it("deduplicates a report for the same organization and month", async () => {
    const organizationId = randomUUID();
    const first = await enqueueMonthlyReport(queues, { organizationId, period: "2024-07" });
    const second = await enqueueMonthlyReport(queues, { organizationId, period: "2024-07" });
    expect(second).toBe(first);
    await expect(
      enqueueMonthlyReport(queues, { organizationId, period: "July 2024" }),
    ).rejects.toThrow(/period: must be a month in YYYY-MM form/);
  });

  it("validates grid-intensity load paths", async () => {
    const id = await enqueueLoadGridIntensity(queues, { path: "/data/DE_2024_hourly.csv.gz" });
    const job = await queues.loadGridIntensity.getJob(id);
    expect(job?.data).toEqual({ path: "/data/DE_2024_hourly.csv.gz" });
    await expect(enqueueLoadGridIntensity(queues, { path: "relative.csv" })).rejects.toThrow(
      /path: must be an absolute path/,
    );
  });
});
