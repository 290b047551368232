/**
 * Resources of the commands that use the database or Redis, opened from the environment
 * (`commonEnvSchema` of @finetrace/config: DATABASE_URL, REDIS_URL, FINETRACE_QUEUE_PREFIX) and
 * always closed. Only commands other than `estimate` import this module.
 */
import {
  type CommonEnv,
  commonEnvSchema,
  DEFAULT_ESTIMATE_BATCH_SIZE,
  loadConfig,
} from "@finetrace/config";
import { createPool, createPrismaClient, type PrismaClient } from "@finetrace/db";
import {
  createQueues,
  type FinetraceQueues as Queues,
  type ServiceDeps,
} from "@finetrace/services";
import type pg from "pg";
import { UsageError } from "./errors.js";

/** The validated environment. @throws ConfigError naming each bad variable (exit code 2). */
export function cliEnv(): CommonEnv {
  return loadConfig(commonEnvSchema);
}

/** Run `fn` with a Prisma client, then disconnect. */
export async function withPrisma<T>(
  env: CommonEnv,
  fn: (prisma: PrismaClient) => Promise<T>,
): Promise<T> {
  const prisma = createPrismaClient(env.DATABASE_URL);
  try {
    return await fn(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

/** Run `fn` with a pg pool, then end it. */
export async function withPool<T>(env: CommonEnv, fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = createPool(env.DATABASE_URL, { max: 4 });
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

/** Run `fn` with the BullMQ queues, then close them. */
export async function withQueues<T>(
  env: CommonEnv,
  fn: (queues: Queues) => Promise<T>,
): Promise<T> {
  const queues = createQueues({
    connection: { url: env.REDIS_URL },
    prefix: env.FINETRACE_QUEUE_PREFIX,
  });
  try {
    return await fn(queues);
  } finally {
    await queues.close();
  }
}

/** The organization with this slug. @throws UsageError when there is none. */
export async function organizationBySlug(prisma: PrismaClient, slug: string) {
  const org = await prisma.organization.findUnique({ where: { slug } });
  if (!org)
    throw new UsageError(
      `--org: no organization with slug "${slug}" (create it with: finetrace org create)`,
    );
  return org;
}

/** Warnings of use cases go to stderr as one line; info is silent (commands print summaries). */
const cliLog: ServiceDeps["log"] = {
  info: () => undefined,
  warn: (obj, msg) => process.stderr.write(`warning: ${msg ?? JSON.stringify(obj)}\n`),
  error: (obj, msg) => process.stderr.write(`error: ${msg ?? JSON.stringify(obj)}\n`),
};

/** Run `fn` with what the use cases need (pool + queues), then close both. */
export async function withUseCases<T>(
  env: CommonEnv,
  fn: (deps: ServiceDeps) => Promise<T>,
): Promise<T> {
  return withPool(env, (pool) =>
    withQueues(env, (queues) =>
      fn({ pool, queues, log: cliLog, estimateBatchSize: DEFAULT_ESTIMATE_BATCH_SIZE }),
    ),
  );
}
