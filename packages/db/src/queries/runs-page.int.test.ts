/**
 * The `runs` connection's pages are index-backed: the first page and a page after a cursor
 * (keyset on submittedAt desc, id desc, as apps/api/src/resolvers/runs.ts queries through Prisma)
 * read `FineTuneRun_organizationId_submittedAt_id_idx` backwards and never sort the
 * organization's runs. 40,000 runs in two organizations, analysed, EXPLAINed.
 */
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "../client.js";
import { createTestDatabase, type TestDatabase } from "../testing/index.js";

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
  await pool.query(
    `INSERT INTO "FineTuneRun" ("id", "organizationId", "externalId", "status", "updatedAt", "submittedAt", "baseModel")
     SELECT gen_random_uuid(), o.id, o.id::text || '-' || i, 'ESTIMATED', now(),
            now() - (i || ' seconds')::interval, 'Llama 2'
     FROM unnest($1::uuid[]) AS o(id), generate_series(1, 20000) AS i`,
    [ids],
  );
  await pool.query(`ANALYZE "FineTuneRun"`);
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

describe("runs pages", () => {
  it("the first page of 51 is a backward index scan, no sort", async () => {
    const p = await plan(
      `SELECT "id" FROM "FineTuneRun" WHERE "organizationId" = $1
       ORDER BY "submittedAt" DESC, "id" DESC LIMIT 51`,
      [orgA],
    );
    expect(p).toContain("FineTuneRun_organizationId_submittedAt_id_idx");
    expect(p).toContain('"Scan Direction":"Backward"');
    expect(p).not.toContain('"Node Type":"Sort"');
  });

  it("a page after a cursor too", async () => {
    const { rows } = await pool.query<{ submittedAt: Date; id: string }>(
      `SELECT "submittedAt", "id" FROM "FineTuneRun" WHERE "organizationId" = $1
       ORDER BY "submittedAt" DESC, "id" DESC OFFSET 5000 LIMIT 1`,
      [orgA],
    );
    const cursor = rows[0];
    const p = await plan(
      `SELECT "id" FROM "FineTuneRun"
       WHERE "organizationId" = $1 AND ("submittedAt" < $2 OR ("submittedAt" = $2 AND "id" < $3))
       ORDER BY "submittedAt" DESC, "id" DESC LIMIT 51`,
      [orgA, cursor?.submittedAt, cursor?.id],
    );
    expect(p).toContain("FineTuneRun_organizationId_submittedAt_id_idx");
    expect(p).not.toContain('"Node Type":"Sort"');
  });
});
