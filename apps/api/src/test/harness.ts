/**
 * Integration-test harness: a fresh database (template clone), a random BullMQ prefix, a real
 * API server on a random port, organizations and keys, and a tiny GraphQL-over-HTTP client.
 */
import { randomBytes } from "node:crypto";
import { apiEnvSchema, loadConfig } from "@finetrace/config";
import {
  createApiKey,
  createOrganization,
  createPool,
  createPrismaClient,
  databaseName,
  PRINCIPAL_CHANGE_CHANNEL,
  type PrismaClient,
  withDatabase,
} from "@finetrace/db";
import { createTestDatabase, type TestDatabase } from "@finetrace/db/testing";
import { createQueues, type FinetraceQueues as Queues } from "@finetrace/services";
import { type ApiServer, startApiServer } from "../server.js";

/**
 * Wait (up to 5 s) until no session is connected to the test database. Prisma's $disconnect
 * resolves before its pool's sockets are closed; dropping the database WITH (FORCE) at that
 * moment makes the closing client emit an unhandled 57P01 error.
 */
export async function waitForDisconnects(databaseUrl: string): Promise<void> {
  const admin = createPool(withDatabase(databaseUrl, "postgres"), { max: 1 });
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await admin.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1",
        [databaseName(databaseUrl)],
      );
      if (rows[0]?.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await admin.end();
  }
}

export interface TestOrg {
  id: string;
  keys: { admin: string; ingest: string; read: string };
}

export interface Harness {
  db: TestDatabase;
  prisma: PrismaClient;
  pool: ReturnType<typeof createPool>;
  queues: Queues;
  server: ApiServer;
  env: ReturnType<typeof testEnv>;
  createOrg(slug: string, reportingTimezone?: string): Promise<TestOrg>;
  close(): Promise<void>;
}

export function testEnv(databaseUrl: string, overrides: Record<string, string> = {}) {
  return loadConfig(apiEnvSchema, {
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    FINETRACE_QUEUE_PREFIX: `ft-test-${randomBytes(6).toString("hex")}`,
    LOG_LEVEL: "silent",
    NODE_ENV: "test",
    API_PORT: "0",
    ...overrides,
  });
}

export async function startHarness(envOverrides: Record<string, string> = {}): Promise<Harness> {
  const db = await createTestDatabase();
  const env = testEnv(db.databaseUrl, envOverrides);
  const prisma = createPrismaClient(db.databaseUrl);
  const pool = createPool(db.databaseUrl);
  // Tests terminate the database's backends (connection-loss.int.test.ts): an idle client of this
  // pool then emits 'error', which must not crash the test process.
  pool.on("error", () => undefined);
  const queues = createQueues({
    connection: { url: env.REDIS_URL },
    prefix: env.FINETRACE_QUEUE_PREFIX,
  });
  const server = await startApiServer(env, { queues });
  return {
    db,
    prisma,
    pool,
    queues,
    server,
    env,
    async createOrg(slug, reportingTimezone = "UTC") {
      const org = await createOrganization(prisma, { slug, name: slug, reportingTimezone });
      const key = async (role: "admin" | "ingest" | "read") =>
        (await createApiKey(prisma, { organizationId: org.id, role, name: role })).key;
      return {
        id: org.id,
        keys: { admin: await key("admin"), ingest: await key("ingest"), read: await key("read") },
      };
    },
    async close() {
      await server.close();
      await queues.obliterate();
      await queues.close();
      await prisma.$disconnect();
      await pool.end();
      await waitForDisconnects(db.databaseUrl);
      await db.drop();
    },
  };
}

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
  headers: Headers;
}

/**
 * POST a GraphQL operation with `Authorization: Bearer <key>` (no header when key is null);
 * `headers` are added (e.g. `x-forwarded-for`).
 */
export async function gql<T = Record<string, unknown>>(
  url: string,
  key: string | null,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GqlResponse<T>> {
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: { data?: T | null; errors?: GqlResponse["errors"] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    body = { errors: [{ message: text }] };
  }
  return {
    status: res.status,
    data: body.data ?? null,
    errors: body.errors ?? [],
    headers: res.headers,
  };
}

/** `extensions.code` of each error. */
export const codes = (r: GqlResponse): unknown[] => r.errors.map((e) => e.extensions?.code);

/**
 * Retry `probe` every 20 ms for up to `ms` until it returns true (a NOTIFY arrives shortly after
 * the commit that sent it).
 */
export async function eventually(probe: () => Promise<boolean>, ms = 2000): Promise<boolean> {
  for (let i = 0; i < ms / 20; i++) {
    if (await probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

/** Backend pids of the API server's change-notification (LISTEN) connection in this database. */
export async function listenerPids(pool: ReturnType<typeof createPool>): Promise<number[]> {
  const { rows } = await pool.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity
     WHERE datname = current_database() AND query LIKE 'LISTEN ' || $1 || '%'`,
    [PRINCIPAL_CHANGE_CHANNEL],
  );
  return rows.map((r) => r.pid);
}
