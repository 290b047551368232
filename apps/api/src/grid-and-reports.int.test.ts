/**
 * Read paths over shared grid data and an organization's reports: gridZones, gridIntensity
 * (HOUR and DAY), loadGridIntensity (path and upload), reports and report renderings.
 */
import { mkdtemp, readdir, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadGridIntensityCsv } from "@finetrace/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, gql, type Harness, startHarness, type TestOrg } from "./test/harness.js";

const DATA_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../data/electricitymaps-hourly",
);

let h: Harness;
let org: TestOrg;
let importDir: string;

beforeAll(async () => {
  importDir = await mkdtemp(path.join(tmpdir(), "ft-grid-"));
  await writeFile(path.join(importDir, "de.csv"), "Datetime (UTC),Zone id\n");
  h = await startHarness({ GRID_INTENSITY_IMPORT_DIR: importDir });
  org = await h.createOrg("acme");
  await loadGridIntensityCsv(h.pool, { path: path.join(DATA_DIR, "DE_2023_hourly.csv.gz") });
});

afterAll(async () => {
  await h?.close();
  if (importDir) await rm(importDir, { recursive: true, force: true });
});

describe("grid intensity", () => {
  it("returns the hourly series as loaded", async () => {
    const r = await gql<{
      gridIntensity: {
        timeUtc: string;
        lifecycleIntensityGPerKwh: number;
        directIntensityGPerKwh: number;
        hourCount: number;
      }[];
    }>(
      h.server.url,
      org.keys.read,
      `{ gridIntensity(zone: "DE", from: "2023-01-01T00:00:00Z", to: "2023-01-01T02:00:00Z") {
        timeUtc lifecycleIntensityGPerKwh directIntensityGPerKwh hourCount } }`,
    );
    // First two rows of DE_2023_hourly.csv: 186.14 / 142.01 and 186.03 / 141.99 gCO2e/kWh.
    const points = r.data?.gridIntensity ?? [];
    expect(points.map((p) => p.timeUtc)).toEqual([
      "2023-01-01T00:00:00.000Z",
      "2023-01-01T01:00:00.000Z",
    ]);
    expect(points[0]?.lifecycleIntensityGPerKwh).toBeCloseTo(186.14, 2);
    expect(points[0]?.directIntensityGPerKwh).toBeCloseTo(142.01, 2);
    expect(points[1]?.lifecycleIntensityGPerKwh).toBeCloseTo(186.03, 2);
  });

  it("averages days of 24 hours at DAY resolution, equal to SQL", async () => {
    const r = await gql<{
      gridIntensity: { timeUtc: string; lifecycleIntensityGPerKwh: number; hourCount: number }[];
    }>(
      h.server.url,
      org.keys.read,
      `{ gridIntensity(zone: "DE", from: "2023-03-01T00:00:00Z", to: "2023-03-04T00:00:00Z", resolution: DAY) {
        timeUtc lifecycleIntensityGPerKwh hourCount } }`,
    );
    const { rows } = await h.pool.query<{ avg: number }>(
      `SELECT avg("lifecycleIntensityGPerKwh")::float8 AS avg FROM "GridIntensityHour"
       WHERE "zoneId" = 'DE' AND "hourUtc" >= '2023-03-02T00:00:00Z' AND "hourUtc" < '2023-03-03T00:00:00Z'`,
    );
    const days = r.data?.gridIntensity ?? [];
    expect(days.map((d) => d.hourCount)).toEqual([24, 24, 24]);
    expect(days[1]?.timeUtc).toBe("2023-03-02T00:00:00.000Z");
    expect(days[1]?.lifecycleIntensityGPerKwh).toBeCloseTo(rows[0]?.avg ?? Number.NaN, 4);
  });

  it("rejects a series longer than 400 days", async () => {
    const r = await gql(
      h.server.url,
      org.keys.read,
      `{ gridIntensity(zone: "DE", from: "2022-01-01T00:00:00Z", to: "2024-01-01T00:00:00Z") { timeUtc } }`,
    );
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
  });

  it("queues loads of allow-listed files and of uploads, and refuses escapes", async () => {
    const byPath = await gql<{ loadGridIntensity: { jobId: string; path: string } }>(
      h.server.url,
      org.keys.admin,
      `mutation { loadGridIntensity(input: { path: "de.csv" }) { jobId path } }`,
    );
    expect(byPath.data?.loadGridIntensity.path).toBe("de.csv");
    const job = await h.queues.loadGridIntensity.getJob(byPath.data?.loadGridIntensity.jobId ?? "");
    expect(job?.data.path).toBe(path.join(await realpath(importDir), "de.csv"));

    const csv = "Datetime (UTC),Zone id\n2023-01-01 00:00:00,DE\n";
    const upload = await gql<{ loadGridIntensity: { path: string } }>(
      h.server.url,
      org.keys.admin,
      `mutation($csv: String!) { loadGridIntensity(input: { csv: $csv }) { path } }`,
      { csv },
    );
    const uploaded = upload.data?.loadGridIntensity.path ?? "";
    expect(uploaded).toMatch(/^uploads\/[0-9a-f-]{36}\.csv$/);
    expect(await readFile(path.join(importDir, uploaded), "utf8")).toBe(csv);

    for (const outside of ["../etc/passwd", "/etc/passwd", "missing.csv"]) {
      const r = await gql(
        h.server.url,
        org.keys.admin,
        `mutation($p: String!) { loadGridIntensity(input: { path: $p }) { path } }`,
        { p: outside },
      );
      expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    }
    const both = await gql(
      h.server.url,
      org.keys.admin,
      `mutation { loadGridIntensity(input: { path: "de.csv", csv: "x" }) { path } }`,
    );
    expect(both.errors[0]?.message).toContain("exactly one of `path` or `csv`");
    expect(
      codes(
        await gql(
          h.server.url,
          org.keys.ingest,
          `mutation { loadGridIntensity(input: { path: "de.csv" }) { path } }`,
        ),
      ),
    ).toEqual(["FORBIDDEN"]);
    expect((await readdir(path.join(importDir, "uploads"))).length).toBe(1);
  });
});

describe("reports", () => {
  it("lists reports newest first and serves each rendering", async () => {
    const pdf = Buffer.from("%PDF-1.7 test");
    for (const period of ["2024-05", "2024-06", "2024-07"]) {
      await h.prisma.report.create({
        data: {
          organizationId: org.id,
          period,
          status: "READY",
          runCount: 3,
          totalCarbonKgCo2e: "12.5",
          imputedShare: "0.25",
          csv: `period,total\n${period},12.5\n`,
          html: `<h1>${period}</h1>`,
          pdf,
        },
      });
    }
    const first = await gql<{
      reports: {
        edges: { node: { period: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(
      h.server.url,
      org.keys.read,
      `{ reports(first: 2) { edges { node { period } } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(first.data?.reports.edges.map((e) => e.node.period)).toEqual(["2024-07", "2024-06"]);
    expect(first.data?.reports.pageInfo.hasNextPage).toBe(true);
    const next = await gql<{ reports: { edges: { node: { period: string } }[] } }>(
      h.server.url,
      org.keys.read,
      `query($after: String) { reports(first: 2, after: $after) { edges { node { period } } } }`,
      { after: first.data?.reports.pageInfo.endCursor },
    );
    expect(next.data?.reports.edges.map((e) => e.node.period)).toEqual(["2024-05"]);

    const one = await gql<{
      report: {
        status: string;
        runCount: number;
        totalCarbonKgCo2e: number;
        imputedShare: number;
        csv: string;
        html: string;
        pdf: string;
      };
    }>(
      h.server.url,
      org.keys.read,
      `{ report(period: "2024-06") { status runCount totalCarbonKgCo2e imputedShare csv html pdf } }`,
    );
    expect(one.data?.report).toEqual({
      status: "READY",
      runCount: 3,
      totalCarbonKgCo2e: 12.5,
      imputedShare: 0.25,
      csv: "period,total\n2024-06,12.5\n",
      html: "<h1>2024-06</h1>",
      // "%PDF-1.7 test" in base64.
      pdf: "JVBERi0xLjcgdGVzdA==",
    });
    const missing = await gql(h.server.url, org.keys.read, `{ report(period: "2020-01") { id } }`);
    expect(codes(missing)).toEqual(["NOT_FOUND"]);
  });
});
