/**
 * Shutdown of the real entry point (`npm start` = `tsx src/main.ts`) in a child process: SIGTERM
 * and SIGINT drain the server (an in-flight request still gets its answer), close every
 * connection and exit 0 within a few seconds.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import {
  createApiKey,
  createOrganization,
  createPool,
  createPrismaClient,
  type PrismaClient,
} from "@finetrace/db";
import { createTestDatabase, type TestDatabase } from "@finetrace/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, waitForDisconnects } from "./test/harness.js";

/** apps/api, where `npm start` runs. */
const API_DIR = fileURLToPath(new URL("..", import.meta.url));
const TSX = fileURLToPath(new URL("../../../node_modules/.bin/tsx", import.meta.url));
/** Longest a clean shutdown may take here; the drain itself is immediate when nothing is in flight. */
const EXIT_WITHIN_MS = 5000;

let db: TestDatabase;
let prisma: PrismaClient;
let key: string;
/** Every API started here, killed in afterAll should a test fail before it exits. */
const children: ChildProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrismaClient(db.databaseUrl);
  const org = await createOrganization(prisma, { slug: "shutdown", name: "shutdown" });
  key = (await createApiKey(prisma, { organizationId: org.id, role: "read", name: "read" })).key;
});

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  await prisma?.$disconnect();
  if (db) {
    await waitForDisconnects(db.databaseUrl);
    await db.drop();
  }
});

interface Started {
  child: ChildProcess;
  url: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Start the API as `npm start` does; resolves once it logged the URL it listens on. */
async function startApi(): Promise<Started> {
  const child = spawn(TSX, ["src/main.ts"], {
    cwd: API_DIR,
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: db.databaseUrl,
      REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
      FINETRACE_QUEUE_PREFIX: `ft-test-${randomBytes(6).toString("hex")}`,
      API_PORT: "0",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:[^"]+)"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    exit.then(({ code }) =>
      reject(new Error(`API exited with ${code} before listening:\n${output}`)),
    );
  });
  return { child, url, exit };
}

async function exitTime(started: Started, signal: NodeJS.Signals) {
  const t0 = Date.now();
  started.child.kill(signal);
  const result = await started.exit;
  return { ...result, ms: Date.now() - t0 };
}

describe("shutdown", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("exits 0 on %s, promptly", async (signal) => {
    const api = await startApi();
    // An idle keep-alive connection must not hold the shutdown.
    expect((await gql(api.url, key, "{ organization { slug } }")).status).toBe(200);
    const { code, signal: killedBy, ms } = await exitTime(api, signal);
    expect({ code, killedBy }).toEqual({ code: 0, killedBy: null });
    expect(ms).toBeLessThan(EXIT_WITHIN_MS);
  });

  it("lets an in-flight request finish before exiting 0", async () => {
    const api = await startApi();
    expect((await gql(api.url, key, "{ gridZones { id } }")).status).toBe(200);
    // Hold the request in Postgres (a lock on the table it reads) while SIGTERM arrives.
    const locker = createPool(db.databaseUrl, { max: 1 });
    const client = await locker.connect();
    try {
      await client.query('BEGIN; LOCK TABLE "GridZone" IN ACCESS EXCLUSIVE MODE');
      const inFlight = gql(api.url, key, "{ gridZones { id } }");
      for (let i = 0; i < 200; i++) {
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if ((rows[0]?.n ?? 0) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      api.child.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(api.child.exitCode).toBeNull(); // still draining
      await client.query("COMMIT");
      const r = await inFlight;
      expect(r.status).toBe(200);
      expect(r.errors).toEqual([]);
      expect((await api.exit).code).toBe(0);
    } finally {
      client.release();
      await locker.end();
    }
  });
});
