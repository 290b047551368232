/**
 * Fair sharing between tenants over real HTTP, Redis and Postgres (docs/adr/0081-fair-sharing.md):
 * the rate limit charges each request its cost (10 points per `emissions` alias here), per key,
 * so one tenant's heavy dashboards use up its own budget and not another's; a dashboard statement
 * past API_STATEMENT_TIMEOUT_MS is cancelled and answers TIMEOUT with a retry hint.
 */
import { insertEstimatedRuns } from "@finetrace/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, gql, type Harness, startHarness, type TestOrg } from "./test/harness.js";

let h: Harness;
let slow: Harness;
let a: TestOrg;
let b: TestOrg;
let slowOrg: TestOrg;

const emissions = (aliases: number) =>
  `{ ${Array.from(
    { length: aliases },
    (_, i) =>
      `e${i}: emissions(period: { from: "2024-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z" }) { total { runCount } }`,
  ).join(" ")} }`;

beforeAll(async () => {
  [h, slow] = await Promise.all([
    startHarness({
      API_RATE_LIMIT_POINTS: "30",
      API_RATE_LIMIT_WINDOW_SECONDS: "60",
      API_EMISSIONS_FIELD_COST: "10",
      API_RATE_LIMIT_REFUSAL_DELAY_MS: "300",
    }),
    startHarness({ API_STATEMENT_TIMEOUT_MS: "20" }),
  ]);
  [a, b, slowOrg] = await Promise.all([h.createOrg("a"), h.createOrg("b"), slow.createOrg("slow")]);
  // 20,000 estimates: a raw DAY aggregation over them takes well over 20 ms.
  const runs = Array.from({ length: 20_000 }, (_, i) => ({
    externalId: `r${i}`,
    startTimeUtc: new Date(Date.UTC(2024, 0, 1) + i * 1_500_000).toISOString(),
    gridZone: ["DE", "FR", "SE"][i % 3],
  }));
  await insertEstimatedRuns(slow.pool, slowOrg.id, runs);
}, 120_000);

afterAll(async () => {
  await Promise.all([h?.close(), slow?.close()]);
});

describe("cost-weighted rate limit", () => {
  it("charges 10 points per aliased emissions field: 3 aliases use a 30-point budget up", async () => {
    // 3 x 10 = 30 points = the whole budget of a's read key: allowed.
    const heavy = await gql(h.server.url, a.keys.read, emissions(3));
    expect(heavy.status).toBe(200);
    expect(heavy.errors).toEqual([]);
    // The next request (1 point) is over it: 429 RATE_LIMITED with a retry hint.
    const next = await gql(h.server.url, a.keys.read, "{ organization { slug } }");
    expect(next.status).toBe(429);
    expect(codes(next)).toEqual(["RATE_LIMITED"]);
    expect(next.errors[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(Number(next.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("refuses the spent key before reading its body (a malformed body answers 429, not 400), after the refusal delay", async () => {
    const start = performance.now();
    const res = await fetch(h.server.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${a.keys.read}` },
      body: "{ not json",
    });
    expect(res.status).toBe(429);
    // API_RATE_LIMIT_REFUSAL_DELAY_MS = 300 (the window has ~60 s left, so the full delay).
    expect(performance.now() - start).toBeGreaterThanOrEqual(290);
    const json = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(json.errors.map((e) => e.extensions.code)).toEqual(["RATE_LIMITED"]);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("refuses a request that costs more than the budget (4 aliases = 40 points) outright", async () => {
    const r = await gql(h.server.url, a.keys.ingest, emissions(4));
    expect(r.status).toBe(429);
    expect(codes(r)).toEqual(["RATE_LIMITED"]);
    expect(r.data).toBeNull();
  });

  it("leaves another organization's budget whole", async () => {
    for (let i = 0; i < 2; i++) {
      const r = await gql(h.server.url, b.keys.read, emissions(1));
      expect(r.status).toBe(200);
      expect(r.errors).toEqual([]);
    }
    // b's key spent 2 x 10 = 20 of 30: 10 requests of 1 point would exceed it by 1.
    for (let i = 0; i < 10; i++) {
      expect((await gql(h.server.url, b.keys.read, "{ organization { slug } }")).status).toBe(200);
    }
    expect((await gql(h.server.url, b.keys.read, "{ organization { slug } }")).status).toBe(429);
  });

  it("charges a page size above the limit as the limit, so its refusal does not spend the budget", async () => {
    const c = await h.createOrg("c");
    const page = "query($n: Int!) { runs(first: $n) { edges { cursor } } }";
    // first 100000 asked: charged ceil(min(100000, 200) / 50) = 4 points of 30, not 2,000.
    const huge = await gql(h.server.url, c.keys.read, page, { n: 100_000 });
    expect(huge.status).toBe(200);
    expect(codes(huge)).toEqual(["BAD_USER_INPUT"]);
    expect(huge.errors[0]?.message).toMatch(/first: must be between 1 and 200/);
    // 4 + 26 x 1 = 30 points: the key can still make 26 one-point requests.
    for (let i = 0; i < 26; i++) {
      expect((await gql(h.server.url, c.keys.read, "{ organization { slug } }")).status).toBe(200);
    }
    expect((await gql(h.server.url, c.keys.read, "{ organization { slug } }")).status).toBe(429);
  });
});

describe("statement timeout", () => {
  it("cancels a raw aggregation past API_STATEMENT_TIMEOUT_MS: TIMEOUT with retryAfterSeconds", async () => {
    // Kolkata days start at 18:30Z: served raw, a scan of the 20,000 estimates.
    const r = await gql(
      slow.server.url,
      slowOrg.keys.read,
      `{ emissions(period: { from: "2024-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z" },
          groupBy: [DAY, GRID_ZONE], timezone: "Asia/Kolkata") { servedBy total { runCount } } }`,
    );
    expect(codes(r)).toEqual(["TIMEOUT"]);
    expect(r.errors[0]?.message).toMatch(/cancelled after 20 ms/);
    expect(r.errors[0]?.extensions?.retryAfterSeconds).toBe(5);
    // The same figures from the rollup fit in the budget (a handful of month rows).
    const ok = await gql<{ emissions: { servedBy: string; total: { runCount: number } } }>(
      slow.server.url,
      slowOrg.keys.read,
      `{ emissions(period: { from: "2024-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z" }) {
          servedBy total { runCount } } }`,
    );
    expect(ok.errors).toEqual([]);
    expect(ok.data?.emissions).toEqual({ servedBy: "ROLLUP", total: { runCount: 20_000 } });
  });
});
