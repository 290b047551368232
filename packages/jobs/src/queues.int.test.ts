import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineJob, InvalidJobPayloadError } from "./define.js";
import { createQueues, enqueue } from "./queues.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

const greetJob = defineJob({
  name: "greet",
  payload: z.object({ who: z.string().min(1, "must not be empty") }).strict(),
  options: { attempts: 3, backoff: { type: "exponential", delay: 100 } },
  deduplicationId: (p) => `greet-${p.who}`,
  handle: async (p) => `hello ${p.who}`,
});
const pingJob = defineJob({
  name: "ping",
  payload: z.object({}).strict(),
  options: { attempts: 1 },
  handle: async () => "pong",
});

const queues = createQueues(
  { greet: greetJob, ping: pingJob },
  { connection: { url: REDIS_URL }, prefix: `test-jobs-${randomUUID()}` },
);

afterAll(async () => {
  await queues.obliterate();
  await queues.close();
});

describe("createQueues + enqueue", () => {
  it("makes one queue per definition with its options, keyed like the definitions", async () => {
    expect(queues.greet.name).toBe("greet");
    expect(queues.of(pingJob)).toBe(queues.ping);
    const [id] = await enqueue(queues, greetJob, [{ who: "ada" }]);
    const job = await queues.greet.getJob(id as string);
    expect(job?.data).toEqual({ who: "ada" });
    expect(job?.opts.attempts).toBe(3);
  });

  it("deduplicates by the definition's id while the first job waits", async () => {
    const [first] = await enqueue(queues, greetJob, [{ who: "grace" }]);
    const [second] = await enqueue(queues, greetJob, [{ who: "grace" }]);
    expect(second).toBe(first);
    // ada (previous test) and grace: 2 waiting.
    expect(await queues.greet.getWaitingCount()).toBe(2);
  });

  it("validates every payload before adding any", async () => {
    const before = await queues.greet.getWaitingCount();
    await expect(enqueue(queues, greetJob, [{ who: "lin" }, { who: "" }])).rejects.toThrow(
      InvalidJobPayloadError,
    );
    await expect(enqueue(queues, greetJob, [{ who: "" }])).rejects.toThrow(
      /who: must not be empty/,
    );
    expect(await queues.greet.getWaitingCount()).toBe(before);
  });

  it("refuses a definition the set was not made from", () => {
    expect(() => queues.of({ ...pingJob, name: "other" })).toThrow(/no queue for job "other"/);
  });
});
