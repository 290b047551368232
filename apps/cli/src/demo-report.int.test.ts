/**
 * The demo's July 2024 report, as an auditor gets it: `finetrace demo` (API + worker in one
 * process) against a test database, then the stored version's PDF rendered page by page with
 * poppler (`pdftoppm`, `pdftotext`): at least 3 A4 pages, none blank; its totals equal the sums
 * of the month's runs on both Scope 2 bases (location- and market-based), to the last digit, in
 * the model, the CSV and the PDF's text. Re-running the demo changes nothing: no new version.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createPool, getReportVersion } from "@finetrace/db";
import { createTestDatabase, type TestDatabase } from "@finetrace/db/testing";
import { createQueues, type MonthlyReport } from "@finetrace/services";
import { rasterizePdf } from "@finetrace/services/testing";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFinetrace } from "./testing/finetrace-process.js";

const prefix = `finetrace-demo-report-test-${randomUUID()}`;
let db: TestDatabase;
let pool: pg.Pool;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.databaseUrl);
  env = {
    ...process.env,
    DATABASE_URL: db.databaseUrl,
    FINETRACE_QUEUE_PREFIX: prefix,
    API_PORT: "0",
    LOG_LEVEL: "warn",
  };
});

afterAll(async () => {
  const queues = createQueues({ connection: { url: env.REDIS_URL as string }, prefix });
  await queues.obliterate();
  await queues.close();
  await pool?.end();
  await db?.drop();
});

async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "ft-demo-pdf-"));
  try {
    await writeFile(join(dir, "r.pdf"), pdf);
    const { stdout } = await promisify(execFile)("pdftotext", ["-layout", join(dir, "r.pdf"), "-"]);
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("the demo's July 2024 report", () => {
  it("is a PDF of at least 3 non-blank A4 pages whose totals equal the runs' sums on both bases", async () => {
    const demo = await runFinetrace(["demo", "--json"], env);
    expect(demo.stderr).not.toContain("Error");
    expect(demo.code).toBe(0);
    const { organizationId } = JSON.parse(demo.stdout) as { organizationId: string };
    const version = await getReportVersion(pool, {
      organizationId,
      period: "2024-07",
      version: null,
    });
    if (!version) throw new Error("no July 2024 report version");
    expect(version.version).toBe(1);

    const pages = await rasterizePdf(version.pdf, 50);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages) {
      // A4 = 595.28 x 841.89 pt: 413.4 x 584.6 px at 50 dpi
      expect(Math.abs(page.widthPx - 413.4)).toBeLessThan(1);
      expect(Math.abs(page.heightPx - 584.6)).toBeLessThan(1);
      expect(page.inkShare).toBeGreaterThan(0.005);
    }

    const sums = (
      await pool.query<Record<string, string>>(
        `SELECT count(*)::text AS "runCount",
                sum("operationalCarbonKgCo2e")::text AS "location",
                sum(coalesce("marketBasedCarbonKgCo2e", 0))::text AS "market",
                sum("totalCarbonKgCo2e")::text AS "total"
         FROM "Estimate" WHERE "organizationId" = $1 AND "isCurrent"
           AND "startTimeUtc" >= '2024-07-01T00:00:00Z' AND "startTimeUtc" < '2024-08-01T00:00:00Z'`,
        [organizationId],
      )
    ).rows[0] as Record<string, string>;
    const model = version.model as MonthlyReport;
    expect(String(model.totals.runCount)).toBe(sums.runCount);
    expect(model.totals.operationalCarbonKgCo2e).toBe(sums.location);
    expect(model.scope2.locationBasedCarbonKgCo2e).toBe(sums.location);
    expect(model.scope2.marketBasedCarbonKgCo2e).toBe(sums.market);
    expect(model.totals.totalCarbonKgCo2e).toBe(sums.total);
    const csv = version.csv.split("\n");
    expect(csv).toContain(
      `2024-07,1,${version.generatedAt.toISOString()},total,,operationalCarbonKgCo2e,kgCO2e,${sums.location}`,
    );
    expect(
      csv.some((l) => l.endsWith(`scope2,,marketBasedCarbonKgCo2e,kgCO2e,${sums.market}`)),
    ).toBe(true);

    const text = await pdfText(version.pdf);
    // The Scope 2 table: "Location-based  139.046 ..." and "Market-based  ..." (3 decimals shown).
    const shown = (v: string | undefined) =>
      Number(v).toLocaleString("en-US", { maximumFractionDigits: 3 }).replace(/[.,]/g, "\\$&");
    expect(text).toMatch(new RegExp(`Location-based\\s+${shown(sums.location)}\\s`));
    expect(text).toMatch(new RegExp(`Market-based\\s+${shown(sums.market)}\\s`));
    expect(text).toMatch(/Version 1,\s+generated/);
    expect(text).toContain("Finetrace report 2024-07, demo, version 1, generated");
    expect(text).toContain("Electricity Maps");
    expect(text).toContain("ODbL");

    // Re-running the demo regenerates every month: nothing changed, so no new version.
    const again = await runFinetrace(["demo", "--json"], env);
    expect(again.code).toBe(0);
    const versions = await pool.query(
      `SELECT count(*)::int AS n FROM "ReportVersion" WHERE "organizationId" = $1 AND "period" = '2024-07'`,
      [organizationId],
    );
    expect(versions.rows[0].n).toBe(1);
  }, 400_000);
});
