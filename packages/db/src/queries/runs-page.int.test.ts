/**
 * The `runs` and `reports` connections' pages are index-backed: every page `runsPageSql` builds
 * (first page, after a cursor, and each filter: status, base model, zone, GPU, period, chain)
 * reads an index of FineTuneRun in keyset order (or the chain index for a chain) and never sorts
 * the organization's runs; a `reports` page reads `Report_organizationId_period_key` backwards.
 * 40,000 runs (half with a current estimate) and 240 reports in two organizations, analysed,
 * EXPLAINed; the pages' contents are checked against a plain ORDER BY.
 */
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, createPrismaClient } from "../client.js";
import { createTestDatabase, type TestDatabase } from "../testing/index.js";
import { type RunsPageFilter, readRunsPage, runsPageSql } from "./runs-page.js";

let db: TestDatabase;
let pool: pg.Pool;
let orgA: string;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.databaseUrl);
  const ids: string[] = [];
  for (const slug of ["a", "b"]) {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO "Organization" ("id", "slug", "name", "updatedAt")
       VALUES (gen_random_uuid(), $1, $1, now()) RETURNING "id"`,
      [slug],
    );
    ids.push(rows[0]?.id as string);
  }
  orgA = ids[0] as string;
  // Run i: zone disclosed for even i (DE/FR/SE by i % 3), else only in its estimate; FAILED
  // every 10th; a chain for every 100th; start one hour apart from 2024-01-01.
  await pool.query(
    `INSERT INTO "FineTuneRun" ("id", "organizationId", "externalId", "status", "updatedAt",
       "submittedAt", "baseModel", "gridZone", "gpuModel", "chainId", "startTime")
     SELECT gen_random_uuid(), o.id, o.id::text || '-' || i,
            (CASE WHEN i % 10 = 0 THEN 'FAILED' ELSE 'ESTIMATED' END)::"RunStatus", now(),
            now() - (i || ' seconds')::interval, (ARRAY['Llama 2','Mistral 7B'])[1 + i % 2],
            CASE WHEN i % 2 = 0 THEN (ARRAY['DE','FR','SE'])[1 + i % 3] END,
            (ARRAY['A100','H100','V100','T4'])[1 + i % 4],
            CASE WHEN i % 100 = 0 THEN 'chain-' || (i % 7) END,
            timestamptz '2024-01-01 00:00Z' + i * interval '1 hour'
     FROM unnest($1::uuid[]) AS o(id), generate_series(1, 20000) AS i`,
    [ids],
  );
  await pool.query(
    `INSERT INTO "Report" ("id", "organizationId", "period")
     SELECT gen_random_uuid(), o.id, to_char(date '2010-01-01' + m * interval '1 month', 'YYYY-MM')
     FROM unnest($1::uuid[]) AS o(id), generate_series(0, 119) AS m`,
    [ids],
  );
  await pool.query(`ANALYZE "FineTuneRun"`);
  await pool.query(`ANALYZE "Report"`);
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

async function plan(sql: string, params: unknown[]): Promise<string> {
  const { rows } = await pool.query<{ "QUERY PLAN": unknown }>(
    `EXPLAIN (FORMAT JSON) ${sql}`,
    params,
  );
  return JSON.stringify(rows[0]?.["QUERY PLAN"]);
}

const KEYSET_INDEX = "FineTuneRun_organizationId_submittedAt_id_idx";

async function expectKeysetPlan(filter: RunsPageFilter) {
  const { sql, params } = runsPageSql({ organizationId: orgA, first: 50, filter });
  const p = await plan(sql, params);
  expect(p, JSON.stringify(filter)).toContain(KEYSET_INDEX);
  expect(p).toContain('"Scan Direction":"Backward"');
  expect(p).not.toContain('"Node Type":"Sort"');
  // The estimate is probed per run through its unique index, never scanned (a hashed subplan
  // reads every current estimate of every organization for each page).
  expect(p).not.toMatch(/"Node Type":"Seq Scan"[^}]*"Relation Name":"Estimate"/);
  expect(p).not.toContain('"Subplan Name":"hashed');
}

describe("runs pages", () => {
  it("returns whole runs exactly as Prisma reads them (bigint, dates, enums)", async () => {
    await pool.query(
      `UPDATE "FineTuneRun" SET "tokensIncludingPadding" = 123456789012, "gpuCount" = 8,
         "reservedDurationHours" = 2.5 WHERE "externalId" = $1`,
      [`${orgA}-1`],
    );
    const prisma = createPrismaClient(db.databaseUrl);
    try {
      const page = await readRunsPage(pool, { organizationId: orgA, first: 3 });
      const viaPrisma = await prisma.fineTuneRun.findMany({
        where: { id: { in: page.map((r) => r.id) } },
      });
      const byId = new Map(viaPrisma.map((r) => [r.id, r]));
      for (const row of page) expect(row).toEqual(byId.get(row.id));
      const one = page.find((r) => r.externalId === `${orgA}-1`);
      expect(one?.tokensIncludingPadding).toBe(123456789012n);
      expect(one?.reservedDurationHours).toBe(2.5);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("the first page of 51 is a backward index scan, no sort", async () => {
    await expectKeysetPlan({});
  });

  it("a page after a cursor too, and it continues the order exactly", async () => {
    const first = await readRunsPage(pool, { organizationId: orgA, first: 50 });
    const last = first[49] as { submittedAt: Date; id: string };
    const { sql, params } = runsPageSql({ organizationId: orgA, first: 50, after: last });
    const p = await plan(sql, params);
    expect(p).toContain(KEYSET_INDEX);
    expect(p).not.toContain('"Node Type":"Sort"');
    const second = await readRunsPage(pool, { organizationId: orgA, first: 50, after: last });
    const { rows } = await pool.query<{ id: string }>(
      `SELECT "id" FROM "FineTuneRun" WHERE "organizationId" = $1
       ORDER BY "submittedAt" DESC, "id" DESC OFFSET 50 LIMIT 51`,
      [orgA],
    );
    expect(second.map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });

  it("each common filter (status, base model, zone, GPU, period) keeps the keyset index", async () => {
    await expectKeysetPlan({ status: "ESTIMATED" });
    await expectKeysetPlan({ baseModel: "Llama 2" });
    await expectKeysetPlan({ gridZone: "DE" });
    await expectKeysetPlan({ gpuModel: "H100" });
    await expectKeysetPlan({
      period: { fromUtc: new Date("2024-06-01T00:00Z"), toUtc: new Date("2024-09-01T00:00Z") },
    });
    await expectKeysetPlan({ status: "ESTIMATED", gridZone: "FR", gpuModel: "A100" });
  });

  it("filters return the matching runs: DE disclosed on even runs", async () => {
    // Zone DE = even i with i % 3 = 0, i.e. i % 6 = 0; FAILED = i % 10 = 0; both: i % 30 = 0.
    // Runs 1..20000: 666 multiples of 30; the newest page holds the 50 smallest i.
    const page = await readRunsPage(pool, {
      organizationId: orgA,
      first: 1000,
      filter: { gridZone: "DE", status: "FAILED" },
    });
    expect(page).toHaveLength(666);
  });

  it("a chain's page uses the chain index", async () => {
    const { sql, params } = runsPageSql({
      organizationId: orgA,
      first: 50,
      filter: { chainId: "chain-3" },
    });
    expect(await plan(sql, params)).toContain("FineTuneRun_organizationId_chainId_startTime_idx");
  });
});

describe("reports pages", () => {
  it("a page after a cursor reads the (organizationId, period) index backwards, no sort", async () => {
    // The SQL of the `reports` resolver's findMany (period < cursor, newest first).
    const p = await plan(
      `SELECT "id", "period" FROM "Report" WHERE "organizationId" = $1 AND "period" < $2
       ORDER BY "period" DESC LIMIT 25`,
      [orgA, "2015-06"],
    );
    expect(p).toContain("Report_organizationId_period_key");
    expect(p).toContain('"Scan Direction":"Backward"');
    expect(p).not.toContain('"Node Type":"Sort"');
  });
});
