/**
 * Production settings: introspection and the landing page off, and the per-key rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, gql, type Harness, startHarness, type TestOrg } from "./test/harness.js";

let h: Harness;
let org: TestOrg;

beforeAll(async () => {
  h = await startHarness({
    NODE_ENV: "production",
    API_RATE_LIMIT_POINTS: "3",
    API_RATE_LIMIT_WINDOW_SECONDS: "60",
  });
  org = await h.createOrg("prod");
});

afterAll(async () => {
  await h?.close();
});

describe("production configuration", () => {
  it("disables introspection and the landing page", async () => {
    const r = await gql(h.server.url, org.keys.read, "{ __schema { queryType { name } } }");
    expect(r.errors[0]?.message).toMatch(/introspection is not allowed/i);
    const page = await fetch(h.server.url, { headers: { accept: "text/html" } });
    expect(await page.text()).not.toMatch(/<html/i);
  });

  it("limits each key to API_RATE_LIMIT_POINTS requests per window, with Retry-After", async () => {
    // The introspection request above used 1 of the read key's 3 points.
    expect((await gql(h.server.url, org.keys.read, "{ organization { id } }")).status).toBe(200);
    expect((await gql(h.server.url, org.keys.read, "{ organization { id } }")).status).toBe(200);
    const limited = await gql(h.server.url, org.keys.read, "{ organization { id } }");
    expect(limited.status).toBe(429);
    expect(codes(limited)).toEqual(["RATE_LIMITED"]);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another key of the same organization has its own budget.
    expect((await gql(h.server.url, org.keys.admin, "{ organization { id } }")).status).toBe(200);
  });
});
