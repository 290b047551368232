/**
 * CORS on /graphql (API_CORS_ORIGINS): a listed origin's preflight and request get the CORS
 * headers a browser needs; any other origin gets none, so its browser blocks the response.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, type TestOrg } from "./test/harness.js";

const allowed = "https://dash.example.com";
let h: Harness;
let org: TestOrg;

beforeAll(async () => {
  h = await startHarness({ API_CORS_ORIGINS: `${allowed},http://localhost:5173` });
  org = await h.createOrg("cors");
});
afterAll(async () => {
  await h?.close();
});

const preflight = (origin: string) =>
  fetch(h.server.url, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization,content-type",
    },
  });

describe("CORS", () => {
  it("answers a listed origin's preflight with the methods and headers a GraphQL client sends", async () => {
    const res = await preflight(allowed);
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(allowed);
    expect(res.headers.get("access-control-allow-methods")).toBe("GET,POST");
    expect(res.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(res.headers.get("access-control-max-age")).toBe("600");
  });

  it("lets the listed origin read the answer, and gives another origin no CORS headers", async () => {
    const query = (origin: string) =>
      fetch(h.server.url, {
        method: "POST",
        headers: {
          origin,
          "content-type": "application/json",
          authorization: `Bearer ${org.keys.read}`,
        },
        body: JSON.stringify({ query: "{ organization { slug } }" }),
      });
    const ok = await query(allowed);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe(allowed);
    expect(ok.headers.get("access-control-expose-headers")).toBe("retry-after");
    expect(await ok.json()).toEqual({ data: { organization: { slug: "cors" } } });

    const other = await query("https://evil.example.net");
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    expect(
      (await preflight("https://evil.example.net")).headers.get("access-control-allow-origin"),
    ).toBeNull();
  });
});
