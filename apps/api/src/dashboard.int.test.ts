/**
 * The dashboard's static build at / next to /graphql, /healthz and /metrics, and `viewer`
 * (the calling key's role), over real HTTP against a real server.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardRouter } from "./dashboard.js";
import { gql, type Harness, startHarness, type TestOrg } from "./test/harness.js";

let h: Harness;
let org: TestOrg;
let dir: string;
let origin: string;

const INDEX = "<!doctype html><title>Finetrace</title><div id=root></div>";

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "ft-dashboard-"));
  await mkdir(path.join(dir, "assets"));
  await writeFile(path.join(dir, "index.html"), INDEX);
  await writeFile(path.join(dir, "assets", "index-abc123.js"), "console.log(1)");
  await writeFile(path.join(dir, "favicon.svg"), "<svg/>");
  h = await startHarness({ API_DASHBOARD_DIR: dir });
  org = await h.createOrg("acme");
  origin = new URL(h.server.url).origin;
});

afterAll(async () => {
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});

const html = { accept: "text/html,application/xhtml+xml" };

describe("dashboard static files", () => {
  it("serves index.html at / and revalidates it on every load", async () => {
    const res = await fetch(`${origin}/`, { headers: html });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
  });

  it("answers client routes with index.html (SPA fallback)", async () => {
    for (const route of ["/runs", "/runs/5f1c", "/grid?zone=US-CAL-CISO&month=2024-07"]) {
      const res = await fetch(`${origin}${route}`, { headers: html });
      expect(res.status, route).toBe(200);
      expect(await res.text(), route).toBe(INDEX);
    }
  });

  it("caches hashed assets for a year and other files not at all", async () => {
    const asset = await fetch(`${origin}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    // 365 days x 86,400 s = 31,536,000 s.
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    const icon = await fetch(`${origin}/favicon.svg`);
    expect(icon.headers.get("cache-control")).toBe("no-cache");
  });

  it("answers a missing file with 404, not the HTML", async () => {
    const res = await fetch(`${origin}/assets/gone-000.js`, { headers: html });
    expect(res.status).toBe(404);
  });

  it("leaves /graphql, /healthz and /metrics to the API", async () => {
    const r = await gql(h.server.url, org.keys.read, "{ organization { slug } }");
    expect(r.data).toEqual({ organization: { slug: "acme" } });
    const health = await fetch(`${origin}/healthz`, { headers: html });
    expect(health.headers.get("content-type")).toMatch(/json/);
    const metrics = await fetch(`${origin}/metrics`, { headers: html });
    expect(await metrics.text()).toMatch(/^# HELP/m);
    // GET /graphql from a browser stays Apollo's: its landing page outside production, without
    // a key (it runs no operation), not the dashboard's index.html
    const landing = await fetch(`${origin}/graphql`, { headers: html });
    expect(landing.status).toBe(200);
    const page = await landing.text();
    expect(page).not.toBe(INDEX);
    expect(page).toMatch(/<html/i);
  });

  it("refuses a directory without index.html, naming the variable", () => {
    expect(() => dashboardRouter(path.join(dir, "assets"))).toThrow(
      /API_DASHBOARD_DIR=.*index\.html/,
    );
  });
});

describe("viewer", () => {
  it.each(["admin", "ingest", "read"] as const)(
    "gives a %s key its role and organization",
    async (role) => {
      const r = await gql<{
        viewer: { id: string; keyId: string; role: string; organization: { slug: string } };
      }>(h.server.url, org.keys[role], "{ viewer { id keyId role organization { slug } } }");
      expect(r.errors).toEqual([]);
      expect(r.data?.viewer.role).toBe(role);
      // id is the key's id: a normalized client cache keys the viewer by it
      expect(r.data?.viewer.id).toBe(r.data?.viewer.keyId);
      expect(r.data?.viewer.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.data?.viewer.organization.slug).toBe("acme");
    },
  );
});
