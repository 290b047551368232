/**
 * The emissions cache (docs/adr/0084-emissions-cache.md) against a real server and Postgres: a
 * repeated `emissions` question is answered from memory, a committed rollup change (any writer:
 * here the rollup rebuild of the test fixture) reaches the next answer at once through the
 * writers' NOTIFY, and while the notification connection is down the cache is
 * bypassed.
 */
import { insertEstimatedRuns } from "@finetrace/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
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
  // Entries live 2 s, so that the lifetime bound is observable.
  // (The probes below poll: a budget far above the default 600 points a minute.)
  h = await startHarness({ API_EMISSIONS_CACHE_SECONDS: "2", API_RATE_LIMIT_POINTS: "100000" });
  org = await h.createOrg("cached-emissions");
  await insertEstimatedRuns(h.pool, org.id, [
    { externalId: "a", startTimeUtc: "2024-03-01T10:00:00Z", facilityEnergyKwh: "10" },
  ]);
});

afterAll(async () => {
  await h?.close();
});

const MONTHS = `{ emissions(period: { from: "2024-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z" }, groupBy: [MONTH]) { servedBy total { runCount energyKwh } } }`;

async function energyKwh(): Promise<number | undefined> {
  const r = await gql<{ emissions: { total: { energyKwh: number } } }>(
    h.server.url,
    org.keys.read,
    MONTHS,
  );
  return r.data?.emissions.total.energyKwh;
}

/** Add `kwh` to the organization's rollup rows outside the writers: no notification. */
async function changeRollupSilently(kwh: number): Promise<void> {
  const client = await h.pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    await client.query(
      `UPDATE "EmissionsRollup" SET "facilityEnergyKwh" = "facilityEnergyKwh" + $2
       WHERE "organizationId" = $1`,
      [org.id, kwh],
    );
    await client.query("COMMIT");
  } finally {
    client.release();
  }
}

describe("emissions cache", () => {
  it("answers a repeated question from memory until its lifetime ends", async () => {
    expect(await eventually(async () => (await listenerPids(h.pool)).length === 1)).toBe(true);
    expect(await energyKwh()).toBe(10);
    // A rollup change that sends no notification: the cached 10 is still served...
    await changeRollupSilently(100);
    expect(await energyKwh()).toBe(10);
    // ...until the 2 s lifetime ends: 10 + 100 = 110.
    expect(await eventually(async () => (await energyKwh()) === 110, 4000)).toBe(true);
  });

  it("drops the organization's answers when a committed write changes its rollup", async () => {
    expect(await energyKwh()).toBe(110);
    // The fixture rebuilds the rollup from the estimates (10 + 5 kWh; the silent +100 is gone).
    await insertEstimatedRuns(h.pool, org.id, [
      { externalId: "b", startTimeUtc: "2024-04-01T10:00:00Z", facilityEnergyKwh: "5" },
    ]);
    // The NOTIFY arrives within milliseconds of the commit, far inside the 2 s lifetime.
    const start = performance.now();
    expect(await eventually(async () => (await energyKwh()) === 15, 1500)).toBe(true);
    expect(performance.now() - start).toBeLessThan(1500);
  });

  it("bypasses the cache while the notification connection is down", async () => {
    expect(await energyKwh()).toBe(15);
    const [pid] = await listenerPids(h.pool);
    await h.pool.query("SELECT pg_terminate_backend($1)", [pid]);
    await changeRollupSilently(1);
    // Suspended (or resumed from empty): the silent change is visible at once. The MONTH query
    // reads month rows: March and April each got +1, so 15 + 2 = 17.
    expect(await eventually(async () => (await energyKwh()) === 17, 1000)).toBe(true);
  });
});
