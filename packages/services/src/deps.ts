/**
 * What every use case receives from its entry point (API, CLI, worker): the Postgres pool, the
 * job queues, a logger and the batch size of estimate jobs. Entry points build this once from
 * their configuration; use cases never read the environment themselves.
 */
import type { JobLogger, Queues } from "@finetrace/jobs";
import type pg from "pg";

export interface ServiceDeps {
  /** Postgres pool (hand-written SQL, COPY); the source of truth. */
  pool: pg.Pool;
  /** Job queues (Redis is transport only). */
  queues: Pick<Queues, "of">;
  log: JobLogger;
  /** Run ids per `estimate-runs` job this use case enqueues (1..10,000). */
  estimateBatchSize: number;
}
