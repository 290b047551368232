/**
 * `npm start -w apps/api`: validate the environment, start the API, stop cleanly on SIGINT /
 * SIGTERM.
 */
import { apiEnvSchema, loadConfig } from "@finetrace/config";
import { pino } from "pino";
import { startApiServer } from "./server.js";

const env = loadConfig(apiEnvSchema);
const logger = pino({ name: "finetrace-api", level: env.LOG_LEVEL });
const server = await startApiServer(env, { logger });

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    logger.info({ signal }, "shutting down");
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  });
}
