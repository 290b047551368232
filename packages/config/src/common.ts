/**
 * Environment variables shared by every Finetrace process (API, worker, CLI).
 * Validated once at start-up; a bad value fails the boot with the variable's name.
 */
import { z } from "zod";

export const commonEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Postgres connection string. */
  DATABASE_URL: z.url().default("postgresql://postgres@127.0.0.1:5432/finetrace"),
  /** Redis connection string (BullMQ transport only; Postgres is the source of truth). */
  REDIS_URL: z.url().default("redis://127.0.0.1:6379"),
  /** BullMQ key prefix; tests use a unique one per run so runs never collide. */
  FINETRACE_QUEUE_PREFIX: z.string().min(1).default("finetrace"),
  /** pino log level. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type CommonEnv = z.infer<typeof commonEnvSchema>;
