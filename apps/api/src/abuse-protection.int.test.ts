/**
 * The per-address failed-authentication limit (API_AUTH_FAILURE_LIMIT_*, client address taken
 * per API_TRUST_PROXY) and the optional METRICS_TOKEN of GET /metrics, over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, gql, type Harness, startHarness, type TestOrg } from "./test/harness.js";

const METRICS_TOKEN = "metrics-token-0123456789abcdef";
const UNKNOWN_KEY = "ft_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const ORG = "{ organization { slug } }";

let h: Harness;
let direct: Harness;
let org: TestOrg;
let directOrg: TestOrg;

beforeAll(async () => {
  [h, direct] = await Promise.all([
    startHarness({
      API_AUTH_FAILURE_LIMIT_POINTS: "3",
      API_AUTH_FAILURE_LIMIT_WINDOW_SECONDS: "60",
      // The test client is the "proxy": X-Forwarded-For sets the client address.
      API_TRUST_PROXY: "loopback",
      METRICS_TOKEN,
    }),
    startHarness({ API_AUTH_FAILURE_LIMIT_POINTS: "2" }),
  ]);
  [org, directOrg] = await Promise.all([h.createOrg("abuse"), direct.createOrg("direct")]);
});

afterAll(async () => {
  await Promise.all([h?.close(), direct?.close()]);
});

const from = (address: string) => ({ "x-forwarded-for": address });

describe("failed-authentication limit per client address", () => {
  it("answers 429 with Retry-After once an address used up its failures, valid key or not", async () => {
    const address = from("203.0.113.7");
    for (const key of [UNKNOWN_KEY, null, "not-a-key"]) {
      const r = await gql(h.server.url, key, ORG, undefined, address);
      expect(r.status).toBe(401);
      expect(codes(r)).toEqual(["UNAUTHENTICATED"]);
    }
    for (const key of [UNKNOWN_KEY, org.keys.read]) {
      // Refused before any key lookup, so even a valid key waits out the window.
      const r = await gql(h.server.url, key, ORG, undefined, address);
      expect(r.status).toBe(429);
      expect(codes(r)).toEqual(["RATE_LIMITED"]);
      expect(r.errors[0]?.message).toMatch(/too many failed authentications from this address/);
      const retryAfter = Number(r.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(r.errors[0]?.extensions?.retryAfterSeconds).toBe(retryAfter);
    }
  });

  it("keeps another address's budget (and successful requests cost none of it)", async () => {
    const address = from("203.0.113.8");
    for (let i = 0; i < 5; i++) {
      expect((await gql(h.server.url, org.keys.read, ORG, undefined, address)).status).toBe(200);
    }
    expect((await gql(h.server.url, UNKNOWN_KEY, ORG, undefined, address)).status).toBe(401);
    expect((await gql(h.server.url, org.keys.read, ORG, undefined, address)).status).toBe(200);
  });

  it("ignores X-Forwarded-For without API_TRUST_PROXY (the socket address counts)", async () => {
    expect(
      (await gql(direct.server.url, UNKNOWN_KEY, ORG, undefined, from("198.51.100.1"))).status,
    ).toBe(401);
    expect(
      (await gql(direct.server.url, UNKNOWN_KEY, ORG, undefined, from("198.51.100.2"))).status,
    ).toBe(401);
    const r = await gql(
      direct.server.url,
      directOrg.keys.read,
      ORG,
      undefined,
      from("198.51.100.3"),
    );
    expect(r.status).toBe(429);
    expect(codes(r)).toEqual(["RATE_LIMITED"]);
  });
});

describe("METRICS_TOKEN", () => {
  const metricsUrl = () => h.server.url.replace("/graphql", "/metrics");

  it.each([
    ["no header", undefined],
    ["a wrong token", `Bearer ${METRICS_TOKEN.slice(0, -1)}x`],
    ["a longer token", `Bearer ${METRICS_TOKEN}x`],
    ["another scheme", `Basic ${METRICS_TOKEN}`],
  ])("answers 401 to %s", async (_what, authorization) => {
    const res = await fetch(metricsUrl(), {
      headers: authorization ? { authorization } : {},
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await res.text()).not.toMatch(/finetrace_api_/);
  });

  it("serves the metrics with the token", async () => {
    const res = await fetch(metricsUrl(), {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/finetrace_api_http_request_duration_seconds/);
  });

  it("leaves /metrics open when METRICS_TOKEN is unset", async () => {
    const res = await fetch(direct.server.url.replace("/graphql", "/metrics"));
    expect(res.status).toBe(200);
  });
});
