/**
 * Production entry point (`npm start -w apps/worker`): validate the environment, start the
 * worker, and shut down gracefully on SIGTERM / SIGINT (active jobs finish, or are released
 * after WORKER_SHUTDOWN_GRACE_SECONDS). The signal handlers are installed before start-up, so a
 * signal during start-up also shuts down cleanly.
 */
import { loadConfig, workerEnvSchema } from "@finetrace/config";
import { createLogger } from "./logger.js";
import { startWorker } from "./start-worker.js";

const env = loadConfig(workerEnvSchema);
const logger = createLogger(env.LOG_LEVEL);
// A promise rejected with nobody waiting (e.g. a driver callback during a database restart) is
// logged, not fatal: Node would otherwise exit the process, and every request or job with it.
// Work in progress keeps its own error handling; uncaught exceptions still end the process.
process.on("unhandledRejection", (reason) => {
  logger.error({ err: reason }, "unhandled promise rejection (process kept running)");
});
const started = startWorker(env, { logger });

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    started
      .then((worker) => worker.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "shutdown failed");
          process.exit(1);
        },
      );
  });
}

await started;
