/**
 * `finetrace serve`: the GraphQL API and the worker in one process, for small installs.
 * Production runs them separately (`npm start -w apps/api`, `npm start -w apps/worker`) so each
 * scales on its own; every worker shares the same Redis and Postgres.
 */

import { startApiServer } from "@finetrace/api";
import { apiEnvSchema, loadConfig, workerEnvSchema } from "@finetrace/config";
import { startWorker } from "@finetrace/worker";
import type { Io } from "../program.js";

export async function serveCommand(io: Io): Promise<void> {
  const api = await startApiServer(loadConfig(apiEnvSchema));
  const worker = await startWorker(loadConfig(workerEnvSchema));
  io.err(`finetrace: GraphQL API on ${api.url}, worker running; Ctrl+C to stop`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  io.err("finetrace: stopping (the worker finishes its active jobs first)");
  await worker.close();
  await api.close();
}
