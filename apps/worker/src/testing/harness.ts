/**
 * Test and benchmark support for the worker: a fresh database (template clone), a unique BullMQ
 * prefix on the real Redis, the worker configuration pointing at both, and helpers to create
 * organizations, disclosures and wait for outcomes. No mocks: everything talks to the real
 * Postgres and Redis.
 */
import { randomUUID } from "node:crypto";
import { loadConfig, type WorkerEnv, workerEnvSchema } from "@finetrace/config";
import { createPool } from "@finetrace/db";
import { createTestDatabase, type TestDatabase } from "@finetrace/db/testing";
import type { RunDisclosure } from "@finetrace/estimator";
import { createQueues, type FinetraceQueues as Queues } from "@finetrace/services";
import { Redis } from "ioredis";
import type pg from "pg";

export interface Harness {
  db: TestDatabase;
  pool: pg.Pool;
  env: WorkerEnv;
  /** Environment variables equivalent to `env` (for a child worker process). */
  envVars: Record<string, string>;
  queues: Queues;
  /** Delete this harness' Redis keys, close connections, drop the database. */
  close(): Promise<void>;
}

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** Create the database, queues and worker configuration of one test file. */
export async function createHarness(overrides: Record<string, string> = {}): Promise<Harness> {
  const db = await createTestDatabase();
  const envVars: Record<string, string> = {
    DATABASE_URL: db.databaseUrl,
    REDIS_URL,
    FINETRACE_QUEUE_PREFIX: `test-worker-${randomUUID()}`,
    LOG_LEVEL: "silent",
    WORKER_METRICS_PORT: "0",
    WORKER_SHUTDOWN_GRACE_SECONDS: "10",
    ...overrides,
  };
  const env = loadConfig(workerEnvSchema, envVars);
  const pool = createPool(db.databaseUrl, { max: 4 });
  // Dropping the database (WITH FORCE) can reach a connection that is still closing.
  pool.on("error", () => undefined);
  const queues = createQueues({
    connection: { url: env.REDIS_URL },
    prefix: env.FINETRACE_QUEUE_PREFIX,
  });
  return {
    db,
    pool,
    env,
    envVars,
    queues,
    async close() {
      await queues.obliterate().catch(() => undefined);
      await deleteKeys(env.REDIS_URL, env.FINETRACE_QUEUE_PREFIX);
      await queues.close();
      await pool.end();
      await db.drop();
    },
  };
}

/** Delete every Redis key under `prefix:` (what a flush does to one deployment's queues). */
export async function deleteKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl);
  let deleted = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** Insert an organization; returns its id. */
export async function createOrganization(
  pool: pg.Pool,
  slug: string,
  reportingTimezone = "UTC",
): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO "Organization" ("id", "slug", "name", "reportingTimezone", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, $3, now()) RETURNING "id"`,
    [slug, `Org ${slug}`, reportingTimezone],
  );
  return (rows[0] as { id: string }).id;
}

const ZONES = ["DE", "FR", "SE", "GB"] as const;

/**
 * `count` varied but valid disclosures (4 zones, 1-8 A100 GPUs, 1-48 h, starts spread hourly over
 * 2023 from `startMs`). Deterministic in `seed`.
 */
export function makeDisclosures(
  count: number,
  { seed = 1, startMs = Date.UTC(2023, 0, 1) }: { seed?: number; startMs?: number } = {},
): { externalId: string; disclosure: RunDisclosure }[] {
  return Array.from({ length: count }, (_, i) => {
    const k = i * 7919 + seed * 104_729;
    return {
      externalId: `run-${seed}-${i}`,
      disclosure: {
        baseModel: i % 3 === 0 ? "Llama 2" : "Mistral 7B",
        gpuModel: "Nvidia A100 80GB",
        gpuCount: 1 + (k % 8),
        serverCount: 1,
        gridZone: ZONES[i % ZONES.length],
        reservedDurationHours: 1 + (k % 48),
        gpuUtilizationFraction: 0.3 + (k % 60) / 100,
        startTime: new Date(startMs + (k % 8000) * 3_600_000 + (k % 60) * 60_000).toISOString(),
        inferencesPerDay: 1000 + (k % 5000),
        useLifeDays: 30 + (k % 300),
      } satisfies RunDisclosure,
    };
  });
}

/** Poll `check` every `everyMs` until it returns true; throws after `timeoutMs` naming `what`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  { timeoutMs = 60_000, everyMs = 100 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Runs per status. */
export async function statusCounts(pool: pg.Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ status: string; n: number }>(
    `SELECT "status", count(*)::int AS n FROM "FineTuneRun" GROUP BY "status"`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
