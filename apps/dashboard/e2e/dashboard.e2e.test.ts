/**
 * End to end in real Chromium (Debian's /usr/bin/chromium through playwright-core) against the
 * real API, worker and Postgres loaded with the demo data (`finetrace demo --serve` into this
 * file's own database and queue prefix, serving a fresh build of the dashboard): sign in, the
 * overview's totals, market-based carbon and 90 % ranges against `emissions`, runs filtered by
 * zone, a run's imputed inputs, the July 2024 PDF, the reports' versions, the Scope 2 inputs, a
 * read key without mutation controls, a revoked key back at sign-in; axe-core on every page at
 * 1280 px and 390 px, screenshots of each to docs/images/, and the budget (initial JavaScript
 * gzipped, overview figures after navigation).
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { createTestDatabase, type TestDatabase } from "@finetrace/db/testing";
import { Redis } from "ioredis";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initialJavaScript } from "./budget";
import { type DemoProcess, startDemo } from "./demo-process";

const dashboardDir = fileURLToPath(new URL("..", import.meta.url));
const imagesDir = fileURLToPath(new URL("../../../docs/images/", import.meta.url));

/** Flags for a closed network (docs: ../shared/notes/toolchain.md); playwright adds a fresh profile. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const WIDTHS = [1280, 390] as const;
/** Budgets of issue 13. */
const INITIAL_JS_BUDGET_BYTES = 300 * 1024;
const OVERVIEW_BUDGET_MS = 1500;

let db: TestDatabase;
let work: string;
let demo: DemoProcess | undefined;
let browser: Browser;
let page: Page;
let origin: string;
let adminKey: string;
let initialJs: ReturnType<typeof initialJavaScript>;
const prefix = `ft-e2e-${randomBytes(6).toString("hex")}`;

async function gql<T>(key: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${origin}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

/** axe-core: no serious or critical violation at either width; a screenshot of each. */
async function checkPage(name: string, ready: () => Promise<unknown>) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await ready();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect(serious, `${name} at ${width} px`).toEqual([]);
    await page.screenshot({ path: path.join(imagesDir, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function signIn(key: string) {
  await page.getByLabel("API key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("key-role").waitFor();
}

beforeAll(async () => {
  db = await createTestDatabase();
  work = await mkdtemp(path.join(tmpdir(), "ft-dashboard-e2e-"));
  const outDir = path.join(work, "dist");
  // A production build, as `npm run build` makes it (vitest sets NODE_ENV=test, which would
  // give React's development JSX runtime).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      root: dashboardDir,
      mode: "production",
      logLevel: "warn",
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  initialJs = initialJavaScript(outDir);
  demo = await startDemo(
    {
      DATABASE_URL: db.databaseUrl,
      FINETRACE_QUEUE_PREFIX: prefix,
      API_PORT: "0",
      WORKER_METRICS_PORT: "0",
      API_DASHBOARD_DIR: outDir,
      LOG_LEVEL: "warn",
    },
    work,
  );
  origin = new URL(demo.summary.graphqlUrl).origin;
  adminKey = demo.summary.apiKey;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await db?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** The overview's six aggregations (total, trend by day, four breakdowns), as a baseline. */
const OVERVIEW_LIKE = `query ($period: PeriodInput!) {
  total: emissions(period: $period) { total { runCount totalCarbonKgCo2e } }
  trend: emissions(period: $period, groupBy: [DAY]) { groups { key { day } figures { totalCarbonKgCo2e } } }
  byZone: emissions(period: $period, groupBy: [GRID_ZONE]) { groups { figures { runCount } } }
  byGpu: emissions(period: $period, groupBy: [GPU_MODEL]) { groups { figures { runCount } } }
  byModel: emissions(period: $period, groupBy: [BASE_MODEL]) { groups { figures { runCount } } }
  byChain: emissions(period: $period, groupBy: [CHAIN]) { groups { figures { runCount } } }
}`;

const JULY = { from: "2024-07-01T00:00:00.000Z", to: "2024-08-01T00:00:00.000Z" };

describe("the dashboard in Chromium on the demo data", () => {
  it("keeps the initial JavaScript within 300 kB gzipped", () => {
    console.log(
      `dashboard budget: initial JS ${(initialJs.gzipBytes / 1024).toFixed(1)} kB gzipped (${initialJs.files.join(", ")})`,
    );
    expect(initialJs.files.length).toBeGreaterThan(0);
    expect(initialJs.gzipBytes).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
  });

  it("prints the dashboard URL and signs in with the demo key", async () => {
    expect(demo?.summary.dashboardUrl).toBe(`${origin}/`);
    await page.goto(`${origin}/`);
    await checkPage("sign-in", () => page.getByLabel("API key").waitFor());
    await signIn(adminKey);
    expect(await page.getByTestId("organization-name").textContent()).toBe("Finetrace Demo");
    expect(await page.getByTestId("key-role").textContent()).toBe("admin key");
    // The key is kept in sessionStorage only, never in the URL.
    expect(page.url()).not.toContain(adminKey);
  });

  it("shows overview totals equal to the emissions query, within 1.5 s", async () => {
    // Three navigations (the machine is shared: one run can be slowed by other load); the
    // median must be within budget. Baseline in the same run: the overview's GraphQL document
    // answered to Node directly (no browser).
    const timings: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto("about:blank");
      const started = Date.now();
      await page.goto(`${origin}/?period=month&month=2024-07`);
      await page.locator("[data-testid=card-carbon] [data-value]:not([data-value=''])").waitFor();
      timings.push(Date.now() - started);
    }
    const apiStarted = Date.now();
    await gql(adminKey, OVERVIEW_LIKE, { period: JULY });
    const apiMs = Date.now() - apiStarted;
    const medianMs = [...timings].sort((a, b) => a - b)[1] as number;
    console.log(
      `dashboard budget: overview figures visible ${timings.join(" / ")} ms after navigation (median ${medianMs}); the same emissions aggregations from Node ${apiMs} ms; load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    const { emissions } = await gql<{
      emissions: {
        total: Record<string, number> & { perInference: { carbonPerInferenceGCo2e: number } };
        scope2: { stale: boolean };
      };
    }>(
      adminKey,
      `query ($period: PeriodInput!) { emissions(period: $period) {
        total { runCount energyKwh totalCarbonKgCo2e totalWaterLiters imputedShare
          perInference { carbonPerInferenceGCo2e }
          operationalCarbonKgCo2e marketBasedCarbonKgCo2e renewableEnergyMwh shiftSavingKgCo2e
          energyLowKwh energyHighKwh totalCarbonLowKgCo2e totalCarbonHighKgCo2e
          totalWaterLowLiters totalWaterHighLiters }
        scope2 { stale } } }`,
      { period: JULY },
    );
    const shown = async (card: string) =>
      Number(
        await page.locator(`[data-testid=card-${card}] [data-value]`).getAttribute("data-value"),
      );
    const t = emissions.total;
    // The demo's July 2024: 34 runs (31 daily chain runs + 3 others).
    expect(t.runCount).toBe(34);
    expect(await shown("runs")).toBe(t.runCount);
    expect(await shown("energy")).toBeCloseTo(t.energyKwh as number, 9);
    expect(await shown("carbon")).toBeCloseTo(t.totalCarbonKgCo2e as number, 9);
    expect(await shown("water")).toBeCloseTo(t.totalWaterLiters as number, 9);
    expect(await shown("imputed")).toBeCloseTo(t.imputedShare as number, 12);
    expect(await shown("carbonPerInference")).toBeCloseTo(
      t.perInference.carbonPerInferenceGCo2e,
      9,
    );
    // Scope 2 and the 90 % ranges: the demo records instruments (RECs and a PPA at 0 g/kWh for
    // US-CAL-CISO, July 2024), so market-based differs from location-based.
    expect(emissions.scope2.stale).toBe(false);
    expect(await page.getByTestId("scope2-stale").count()).toBe(0);
    const part = async (card: string, id: string) =>
      Number(
        await page
          .locator(`[data-testid=card-${card}] [data-part=${id}]`)
          .getAttribute("data-value"),
      );
    const bound = async (card: string, which: "low" | "high") =>
      Number(
        await page.locator(`[data-testid=card-${card}] .card-range`).getAttribute(`data-${which}`),
      );
    expect(await part("scope2", "market")).toBeCloseTo(t.marketBasedCarbonKgCo2e as number, 9);
    expect(await part("scope2", "location")).toBeCloseTo(t.operationalCarbonKgCo2e as number, 9);
    expect(t.marketBasedCarbonKgCo2e).not.toBeCloseTo(t.operationalCarbonKgCo2e as number, 3);
    expect(await bound("carbon", "low")).toBeCloseTo(t.totalCarbonLowKgCo2e as number, 9);
    expect(await bound("carbon", "high")).toBeCloseTo(t.totalCarbonHighKgCo2e as number, 9);
    expect(t.totalCarbonLowKgCo2e).toBeLessThan(t.totalCarbonKgCo2e as number);
    expect(t.totalCarbonHighKgCo2e).toBeGreaterThan(t.totalCarbonKgCo2e as number);
    expect(await bound("energy", "low")).toBeCloseTo(t.energyLowKwh as number, 9);
    expect(await bound("energy", "high")).toBeCloseTo(t.energyHighKwh as number, 9);
    expect(await bound("water", "low")).toBeCloseTo(t.totalWaterLowLiters as number, 9);
    expect(await bound("water", "high")).toBeCloseTo(t.totalWaterHighLiters as number, 9);
    expect(await shown("energyMix")).toBeCloseTo(t.renewableEnergyMwh as number, 9);
    expect(await shown("shift")).toBeCloseTo(t.shiftSavingKgCo2e as number, 9);
    expect(medianMs).toBeLessThanOrEqual(OVERVIEW_BUDGET_MS);
    await checkPage("overview", () => page.locator(".chart svg").first().waitFor());
  });

  it("filters runs by zone in the URL and opens one with its imputed inputs", async () => {
    await page.goto(`${origin}/runs`);
    await page.getByLabel("Grid zone").selectOption("US-NW-BPAT");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/gridZone=US-NW-BPAT/);
    const { runs } = await gql<{ runs: { edges: { node: { id: string } }[] } }>(
      adminKey,
      `{ runs(first: 50, filter: { gridZone: "US-NW-BPAT" }) { edges { node { id } } } }`,
    );
    const rows = page.getByTestId("run-row");
    await expect.poll(() => rows.count()).toBe(runs.edges.length);
    expect(runs.edges.length).toBeGreaterThan(0);
    expect(new Set(await page.getByTestId("run-zone").allTextContents())).toEqual(
      new Set(["US-NW-BPAT"]),
    );
    await checkPage("runs", () => rows.first().waitFor());

    await rows.first().getByRole("link").click();
    await page.getByTestId("provenance").waitFor();
    const id = page.url().split("/runs/")[1] ?? "";
    const { run } = await gql<{ run: { currentEstimate: { imputedFields: { field: string }[] } } }>(
      adminKey,
      `query ($id: ID!) { run(id: $id) { currentEstimate { imputedFields { field } } } }`,
      { id },
    );
    const imputed = run.currentEstimate.imputedFields.map((f) => f.field).sort();
    expect(imputed.length).toBeGreaterThan(0);
    const listed = await page
      .locator("[data-testid=provenance] tr[data-imputed=true]")
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-field") ?? ""));
    expect(listed.sort()).toEqual(imputed);
    // The intensity around the run: a chart, or the empty state when the zone has no hourly
    // series then (the estimate used an annual average).
    const intensity = page.locator("section[aria-labelledby=intensity-title]");
    await checkPage("run-detail", () =>
      intensity.locator(".chart svg, .state-empty").first().waitFor(),
    );
  });

  it("draws the grid heatmap with its cleanest and dirtiest hours", async () => {
    await page.goto(`${origin}/grid?zone=US-CAL-CISO&month=2024-07`);
    await page.getByTestId("cleanest-hour-of-day").waitFor();
    await checkPage("grid", () => page.locator(".chart svg").first().waitFor());
  });

  it("downloads the July 2024 PDF and offers regeneration to the admin key", async () => {
    await page.goto(`${origin}/reports`);
    const button = page.getByRole("button", { name: "Download the 2024-07 report as PDF" });
    await button.waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
    expect(download.suggestedFilename()).toBe("finetrace-report-2024-07.pdf");
    const bytes = await readFile((await download.path()) as string);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { report } = await gql<{ report: { pdf: string } }>(
      adminKey,
      `{ report(period: "2024-07") { pdf } }`,
    );
    expect(bytes.equals(Buffer.from(report.pdf, "base64"))).toBe(true);
    // The control the read key must not see (the check below could not fail without it).
    expect(await page.locator("[data-mutation]").count()).toBeGreaterThan(0);
    // The versions of July 2024, as `report(period, version)` lists them, newest first.
    const { report: july } = await gql<{
      report: { version: number; versions: { version: number; causes: string[] }[] };
    }>(adminKey, `{ report(period: "2024-07") { version versions { version causes } } }`);
    expect(july.versions.length).toBeGreaterThan(0);
    const row = page.locator("tr[data-period='2024-07'] [data-testid=report-version]");
    expect(await row.textContent()).toContain(`v${july.version}`);
    await page.locator("details[data-period='2024-07'] summary").click();
    const versions = page.getByTestId("versions-2024-07").locator("tbody tr");
    await versions.first().waitFor();
    expect(
      await versions.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-version"))),
    ).toEqual(july.versions.map((v) => String(v.version)).reverse());
    const first = versions.last();
    for (const cause of july.versions[0]?.causes ?? []) {
      expect(await first.textContent()).toContain(cause);
    }
    await checkPage("reports", () => button.waitFor());
  });

  it("lists the demo's Scope 2 inputs read-only", async () => {
    const { instruments, residualMixFactors } = await gql<{
      instruments: { certificateId: string }[];
      residualMixFactors: { gridZone: string }[];
    }>(adminKey, `{ instruments { certificateId } residualMixFactors { gridZone } }`);
    expect(instruments.length).toBeGreaterThan(0);
    await page.goto(`${origin}/scope2`);
    const rows = page.getByTestId("instruments").locator("tbody tr");
    await rows.first().waitFor();
    expect(
      (
        await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-certificate")))
      ).sort(),
    ).toEqual(instruments.map((i) => i.certificateId).sort());
    expect(await page.getByTestId("residual-mix").locator("tbody tr").count()).toBe(
      residualMixFactors.length,
    );
    await checkPage("scope2", () => rows.first().waitFor());
  });

  it("shows a read key no mutation control, and sends it back to sign in once revoked", async () => {
    const { createApiKey } = await gql<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      adminKey,
      `mutation { createApiKey(name: "e2e-read", role: read) { key apiKey { id } } }`,
    );
    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(createApiKey.key);
    expect(await page.getByTestId("key-role").textContent()).toBe("read key");
    for (const route of ["/?period=month&month=2024-07", "/runs", "/grid", "/reports", "/scope2"]) {
      await page.goto(`${origin}${route}`);
      await page.locator("main h1").waitFor();
      await page.waitForLoadState("networkidle");
      expect(await page.locator("[data-mutation]").count(), route).toBe(0);
      expect(await page.getByRole("button", { name: /regenerate/i }).count(), route).toBe(0);
    }

    await gql(adminKey, `mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`, {
      id: createApiKey.apiKey.id,
    });
    await page.goto(`${origin}/reports`);
    await page.getByTestId("sign-in-message").waitFor();
    expect(await page.getByTestId("sign-in-message").textContent()).toMatch(/no longer valid/);
    expect(await page.evaluate(() => sessionStorage.getItem("finetrace.apiKey"))).toBeNull();
  });
});
