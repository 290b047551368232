/**
 * `npm start -w apps/api`: validate the environment, start the API, stop cleanly on SIGINT /
 * SIGTERM: stop accepting connections, let in-flight requests finish, close the Postgres pools,
 * Redis and the queues, then exit 0 (1 when shutdown fails or overruns SHUTDOWN_TIMEOUT_MS).
 * A second signal during shutdown exits at once with 1.
 */
import { apiEnvSchema, loadConfig } from "@finetrace/config";
import { pino } from "pino";
import { startApiServer } from "./server.js";

/**
 * Longest a shutdown may take before the process gives up and exits 1. Apollo's drain plugin
 * gives in-flight requests 10 s before closing their connections; closing the pools and Redis
 * takes well under a second; 20 s also stays inside Kubernetes' default 30 s grace period.
 */
const SHUTDOWN_TIMEOUT_MS = 20_000;

const env = loadConfig(apiEnvSchema);
const logger = pino({ name: "finetrace-api", level: env.LOG_LEVEL });
// A promise rejected with nobody waiting (e.g. a driver callback during a database restart) is
// logged, not fatal: Node would otherwise exit the process, and every request or job with it.
// Work in progress keeps its own error handling; uncaught exceptions still end the process.
process.on("unhandledRejection", (reason) => {
  logger.error({ err: reason }, "unhandled promise rejection (process kept running)");
});
const server = await startApiServer(env, { logger });

let shuttingDown = false;
function shutdown(signal: NodeJS.Signals): void {
  if (shuttingDown) {
    logger.warn({ signal }, "second signal during shutdown: exiting now");
    process.exit(1);
  }
  shuttingDown = true;
  logger.info({ signal }, "shutting down");
  const timer = setTimeout(() => {
    logger.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, "shutdown timed out");
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS);
  timer.unref();
  server.close().then(
    () => {
      logger.info("shutdown complete");
      process.exit(0);
    },
    (err: unknown) => {
      logger.error({ err }, "shutdown failed");
      process.exit(1);
    },
  );
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, shutdown);
