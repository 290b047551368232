/**
 * The principal cache (docs/adr/0083-principal-cache.md) against a real server and Postgres:
 * a key cached by earlier requests stops working as soon as it is revoked from outside this API
 * process (the CLI's path: packages/db directly), an organization's time-zone change reaches
 * `emissions` at once, and while the NOTIFY connection is down the cache is bypassed.
 */
import { revokeApiKey } from "@finetrace/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  codes,
  eventually,
  gql,
  type Harness,
  listenerPids,
  startHarness,
  type TestOrg,
} from "./test/harness.js";

let h: Harness;
let org: TestOrg;

beforeAll(async () => {
  // Entries live 2 s, so that the lifetime bound is observable in the test.
  h = await startHarness({ API_PRINCIPAL_CACHE_SECONDS: "2" });
  org = await h.createOrg("cached");
});

afterAll(async () => {
  await h?.close();
});

const ORG = "{ organization { slug } }";
const EMISSIONS_ZONE = `{ emissions(period: { from: "2024-01-01T00:00:00Z", to: "2024-02-01T00:00:00Z" }) { timezone } }`;

async function newReadKey(name: string): Promise<{ key: string; id: string }> {
  const created = await gql<{ createApiKey: { key: string; apiKey: { id: string } } }>(
    h.server.url,
    org.keys.admin,
    `mutation($name: String!) { createApiKey(name: $name, role: read) { key apiKey { id } } }`,
    { name },
  );
  const c = created.data?.createApiKey;
  if (!c) throw new Error(JSON.stringify(created.errors));
  return { key: c.key, id: c.apiKey.id };
}

describe("principal cache", () => {
  it("refuses a cached key once it is revoked outside the API (NOTIFY)", async () => {
    expect(await eventually(async () => (await listenerPids(h.pool)).length === 1)).toBe(true);
    const { key, id } = await newReadKey("cached-then-revoked");
    // Two requests: the second is served from the cache.
    expect((await gql(h.server.url, key, ORG)).status).toBe(200);
    expect((await gql(h.server.url, key, ORG)).status).toBe(200);
    await revokeApiKey(h.prisma, { organizationId: org.id, keyId: id });
    const refused = await eventually(
      async () => (await gql(h.server.url, key, ORG)).status === 401,
    );
    expect(refused).toBe(true);
    const after = await gql(h.server.url, key, ORG);
    expect(codes(after)).toEqual(["UNAUTHENTICATED"]);
  });

  it("serves a cached key from memory until its lifetime ends when a change skips NOTIFY", async () => {
    const { key, id } = await newReadKey("cached-without-notify");
    expect((await gql(h.server.url, key, ORG)).status).toBe(200);
    // Revoke with triggers off (session_replication_role = replica): no notification is sent.
    const client = await h.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SET LOCAL session_replication_role = replica");
      await client.query(`UPDATE "ApiKey" SET "revokedAt" = now() WHERE id = $1`, [id]);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    // Still accepted: the request was answered from the cache, with no key lookup...
    expect((await gql(h.server.url, key, ORG)).status).toBe(200);
    // ...until the 2 s entry lifetime ends.
    expect(
      await eventually(async () => (await gql(h.server.url, key, ORG)).status === 401, 4000),
    ).toBe(true);
  });

  it("serves emissions in the organization's new time zone right after it changes in SQL", async () => {
    expect((await gql(h.server.url, org.keys.read, EMISSIONS_ZONE)).data).toEqual({
      emissions: { timezone: "UTC" },
    });
    await h.pool.query(
      `UPDATE "Organization" SET "reportingTimezone" = 'Europe/Paris' WHERE id = $1`,
      [org.id],
    );
    const changed = await eventually(async () => {
      const r = await gql<{ emissions: { timezone: string } }>(
        h.server.url,
        org.keys.read,
        EMISSIONS_ZONE,
      );
      return r.data?.emissions.timezone === "Europe/Paris";
    });
    expect(changed).toBe(true);
  });

  it("bypasses the cache while the NOTIFY connection is down, and listens again", async () => {
    const { key, id } = await newReadKey("revoked-while-deaf");
    expect((await gql(h.server.url, key, ORG)).status).toBe(200);
    const [pid] = await listenerPids(h.pool);
    await h.pool.query("SELECT pg_terminate_backend($1)", [pid]);
    // Revoked while no notification can arrive: the next request must still be refused.
    await revokeApiKey(h.prisma, { organizationId: org.id, keyId: id });
    expect(await eventually(async () => (await gql(h.server.url, key, ORG)).status === 401)).toBe(
      true,
    );
    // The listener reconnects (backoff from 0.25 s) with a new backend.
    expect(
      await eventually(async () => {
        const pids = await listenerPids(h.pool);
        return pids.length === 1 && pids[0] !== pid;
      }),
    ).toBe(true);
    expect((await gql(h.server.url, org.keys.read, ORG)).status).toBe(200);
  });
});
