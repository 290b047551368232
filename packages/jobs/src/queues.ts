/**
 * One BullMQ `Queue` per queue name, sharing a key prefix, with the contract's default job
 * options. Producers (API, CLI, worker) create these; only the worker creates `Worker`s.
 */
import { Queue, type RedisOptions } from "bullmq";
import { DEFAULT_JOB_OPTIONS } from "./job-options.js";
import { QUEUE_NAMES, type QueueKey } from "./queue-names.js";

/** Where Redis is: a `redis://` URL, or ioredis-style options (host, port, password, db...). */
export type QueueConnection = { url: string } | RedisOptions;

export interface QueuesOptions {
  connection: QueueConnection;
  /** BullMQ key prefix (`FINETRACE_QUEUE_PREFIX`); tests use a random one. */
  prefix: string;
}

export type Queues = Record<QueueKey, Queue> & {
  /** The options the queues were created with (the worker reuses them for its `Worker`s). */
  readonly options: QueuesOptions;
  /** Close every queue's Redis connection. */
  close(): Promise<void>;
  /**
   * Delete every job, scheduler and key of the five queues under this prefix (tests, or
   * decommissioning a deployment). Postgres is untouched: PENDING runs are re-enqueued by the
   * reconciler of any worker started afterwards.
   */
  obliterate(): Promise<void>;
};

/** Create the five queues. Connections open lazily; call `close()` when done. */
export function createQueues(options: QueuesOptions): Queues {
  const make = (key: QueueKey) =>
    new Queue(QUEUE_NAMES[key], {
      connection: { ...options.connection },
      prefix: options.prefix,
      defaultJobOptions: DEFAULT_JOB_OPTIONS[key],
    });
  const queues = {
    estimateRuns: make("estimateRuns"),
    loadGridIntensity: make("loadGridIntensity"),
    monthlyReport: make("monthlyReport"),
    fetchGridIntensity: make("fetchGridIntensity"),
    reconcile: make("reconcile"),
  };
  return {
    ...queues,
    options,
    async close() {
      await Promise.all(Object.values(queues).map((q) => q.close()));
    },
    async obliterate() {
      await Promise.all(Object.values(queues).map((q) => q.obliterate({ force: true })));
    },
  };
}
