/**
 * Postgres connection loss: the API's backends are terminated (pg_terminate_backend) while
 * requests run. Every failed request answers SERVICE_UNAVAILABLE (HTTP 503, Retry-After, no
 * database text), the process keeps running, and the next requests succeed on fresh connections.
 *
 * To fail a request deterministically, a separate connection holds an ACCESS EXCLUSIVE lock on
 * the table the request reads, so the request's query is waiting on a live backend when that
 * backend is terminated (the same backend that holds the lock issues the terminate, and is spared).
 */
import { createApiKey, createPool, databaseName } from "@finetrace/db";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer } from "./server.js";
import {
  codes,
  type GqlResponse,
  gql,
  type Harness,
  startHarness,
  type TestOrg,
  testEnv,
} from "./test/harness.js";

let h: Harness;
let org: TestOrg;
let locker: ReturnType<typeof createPool>;

beforeAll(async () => {
  h = await startHarness();
  org = await h.createOrg("conn");
  locker = createPool(h.db.databaseUrl, { max: 1 });
  locker.on("error", () => undefined);
});

afterAll(async () => {
  await locker?.end();
  await h?.close();
});

const GRID_ZONES = "{ gridZones { id } }"; // Prisma
const GRID_INTENSITY = `{ gridIntensity(zone: "DE", from: "2024-01-01T00:00:00Z", to: "2024-01-02T00:00:00Z") { lifecycleIntensityGPerKwh } }`; // pg pool
const ORG = "{ organization { slug } }";

/** Terminate every backend of the test database except the caller's. */
async function terminateOthers(client: pg.PoolClient): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
      WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [databaseName(h.db.databaseUrl)],
  );
  return rows[0]?.n ?? 0;
}

/** Wait until some backend of the test database waits on a lock. */
async function waitForLockWaiter(client: pg.PoolClient): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
      [databaseName(h.db.databaseUrl)],
    );
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("no request ever waited on the lock");
}

/**
 * Send `query` with `key` while `table` is locked, terminate the backends, release the lock.
 */
async function requestDuringTermination(
  table: string,
  query: string,
  key = org.keys.read,
): Promise<GqlResponse> {
  const client = await locker.connect();
  try {
    await client.query("BEGIN");
    await client.query(`LOCK TABLE "${table}" IN ACCESS EXCLUSIVE MODE`);
    const pending = gql(h.server.url, key, query);
    await waitForLockWaiter(client);
    expect(await terminateOthers(client)).toBeGreaterThan(0);
    await client.query("COMMIT");
    return await pending;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

function expectServiceUnavailable(r: GqlResponse): void {
  expect(r.status).toBe(503);
  expect(codes(r)).toEqual(["SERVICE_UNAVAILABLE"]);
  expect(r.errors[0]?.extensions?.retryAfterSeconds).toBe(2);
  expect(r.headers.get("retry-after")).toBe("2");
  const text = JSON.stringify(r.errors);
  expect(text).not.toMatch(/terminat|administrator|57P01|P20\d\d|prisma|postgres/i);
}

async function expectHealthy(): Promise<void> {
  const r = await gql<{ organization: { slug: string } }>(h.server.url, org.keys.read, ORG);
  expect(r.status).toBe(200);
  expect(r.data).toEqual({ organization: { slug: "conn" } });
  const health = await fetch(h.server.url.replace("/graphql", "/healthz"));
  expect(health.status).toBe(200);
}

describe("Postgres connection loss", () => {
  it("answers a Prisma read whose backend is terminated with SERVICE_UNAVAILABLE 503", async () => {
    expect((await gql(h.server.url, org.keys.read, GRID_ZONES)).status).toBe(200);
    expectServiceUnavailable(await requestDuringTermination("GridZone", GRID_ZONES));
    await expectHealthy();
  });

  it("answers a pg-pool read whose backend is terminated with SERVICE_UNAVAILABLE 503", async () => {
    expect((await gql(h.server.url, org.keys.read, GRID_INTENSITY)).status).toBe(200);
    expectServiceUnavailable(await requestDuringTermination("GridIntensityHour", GRID_INTENSITY));
    await expectHealthy();
  });

  it("answers a key lookup whose backend is terminated with SERVICE_UNAVAILABLE, not 401 or 500", async () => {
    // A key never used before, so that the request looks it up (a used key is in the cache).
    const fresh = (
      await createApiKey(h.prisma, { organizationId: org.id, role: "read", name: "fresh" })
    ).key;
    expectServiceUnavailable(await requestDuringTermination("ApiKey", ORG, fresh));
    await expectHealthy();
  });

  it("keeps every request of a burst either successful or SERVICE_UNAVAILABLE, then recovers", async () => {
    const admin = await locker.connect();
    try {
      const burst: Promise<GqlResponse>[] = [];
      for (let i = 0; i < 30; i++) {
        const query = [GRID_ZONES, GRID_INTENSITY, ORG][i % 3] as string;
        burst.push(gql(h.server.url, org.keys.read, query));
        if (i === 10 || i === 20) await terminateOthers(admin);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      for (const r of await Promise.all(burst)) {
        if (r.status === 200 && r.errors.length === 0) continue;
        expectServiceUnavailable(r);
      }
    } finally {
      admin.release();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expectHealthy();
  });
});

describe("Postgres unreachable from the start", () => {
  it("answers SERVICE_UNAVAILABLE from the key lookup and reports /healthz down without details", async () => {
    // Port 1 on loopback: nothing listens, every connection is refused (ECONNREFUSED / P1001).
    const server = await startApiServer(testEnv("postgresql://postgres@127.0.0.1:1/finetrace"));
    try {
      expectServiceUnavailable(await gql(server.url, org.keys.read, ORG));
      const health = await fetch(server.url.replace("/graphql", "/healthz"));
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: "down", postgres: "down", redis: "ok" });
    } finally {
      await server.close();
    }
  });
});

describe("other database failures", () => {
  it("answers INTERNAL_SERVER_ERROR without the database's text outside development", async () => {
    await h.pool.query('ALTER TABLE "GridZone" RENAME TO "GridZoneAway"');
    try {
      const r = await gql(h.server.url, org.keys.read, GRID_ZONES);
      expect(codes(r)).toEqual(["INTERNAL_SERVER_ERROR"]);
      expect(r.errors[0]?.message).toBe("internal server error");
      expect(JSON.stringify(r.errors)).not.toMatch(/GridZone|does not exist|P20\d\d/);
    } finally {
      await h.pool.query('ALTER TABLE "GridZoneAway" RENAME TO "GridZone"');
    }
    expect((await gql(h.server.url, org.keys.read, GRID_ZONES)).status).toBe(200);
  });
});
