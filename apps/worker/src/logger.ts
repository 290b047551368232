/** Structured JSON logs (pino). Every job's log lines carry `queue`, `jobId` and `attempt`. */
import { pino } from "pino";

export type Logger = pino.Logger;

export function createLogger(level: pino.LevelWithSilent): Logger {
  return pino({ level, base: { service: "finetrace-worker" } });
}
