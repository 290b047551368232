/**
 * One BullMQ `Queue` per job definition, sharing a key prefix, with the definition's job
 * options; and `enqueue`, the one way a payload reaches Redis (validated first, deduplicated
 * when the definition says how). Producers (API, CLI, worker) create these; only the worker
 * creates `Worker`s.
 */
import { type JobsOptions, Queue, type RedisOptions } from "bullmq";
import { type JobDefinition, parseJobPayload } from "./define.js";

/** Where Redis is: a `redis://` URL, or ioredis-style options (host, port, password, db...). */
export type QueueConnection = { url: string } | RedisOptions;

export interface QueuesOptions {
  connection: QueueConnection;
  /** BullMQ key prefix (`FINETRACE_QUEUE_PREFIX`); tests use a random one. */
  prefix: string;
}

// biome-ignore lint/suspicious/noExplicitAny: definitions of any payload/deps/result.
export type AnyJobDefinition = JobDefinition<any, any, any, any>;

export type Queues<K extends string = string> = Record<K, Queue> & {
  /** The options the queues were created with (the worker reuses them for its `Worker`s). */
  readonly options: QueuesOptions;
  /** The queue of a definition. @throws Error for a definition this set was not made from. */
  of(definition: AnyJobDefinition): Queue;
  /** Close every queue's Redis connection. */
  close(): Promise<void>;
  /**
   * Delete every job, scheduler and key of these queues under this prefix (tests, or
   * decommissioning a deployment). Postgres is untouched: PENDING runs are re-enqueued by the
   * reconciler of any worker started afterwards.
   */
  obliterate(): Promise<void>;
};

/** Create one queue per definition, keyed as `definitions` is. Connections open lazily. */
export function createQueues<K extends string>(
  definitions: Readonly<Record<K, AnyJobDefinition>>,
  options: QueuesOptions,
): Queues<K> {
  const byName = new Map<string, Queue>();
  const keyed = {} as Record<K, Queue>;
  for (const key of Object.keys(definitions) as K[]) {
    const def = definitions[key];
    const queue = new Queue(def.name, {
      connection: { ...options.connection },
      prefix: options.prefix,
      defaultJobOptions: def.options,
    });
    keyed[key] = queue;
    byName.set(def.name, queue);
  }
  const all = [...byName.values()];
  return {
    ...keyed,
    options,
    of(definition) {
      const queue = byName.get(definition.name);
      if (!queue) throw new Error(`no queue for job "${definition.name}" in this set`);
      return queue;
    },
    async close() {
      await Promise.all(all.map((q) => q.close()));
    },
    async obliterate() {
      await Promise.all(all.map((q) => q.obliterate({ force: true })));
    },
  };
}

/**
 * Validate `payloads` against `definition` and add them (all validated before any is added).
 * @returns the job ids, in input order.
 * @throws InvalidJobPayloadError naming the bad field; nothing is enqueued then.
 */
export async function enqueue(
  queues: Pick<Queues, "of">,
  definition: AnyJobDefinition,
  payloads: readonly unknown[],
  opts: JobsOptions = {},
): Promise<string[]> {
  const jobs = payloads.map((p) => {
    const data: unknown = parseJobPayload(definition, p);
    const id = definition.deduplicationId?.(data);
    return {
      name: definition.name,
      data,
      opts: id ? { ...opts, deduplication: { id, keepLastIfActive: true } } : opts,
    };
  });
  if (jobs.length === 0) return [];
  const added = await queues.of(definition).addBulk(jobs);
  return added.map((job) => {
    if (job.id === undefined) throw new Error("BullMQ returned a job without an id");
    return job.id;
  });
}
