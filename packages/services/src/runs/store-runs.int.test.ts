import { createPool, DuplicateExternalIdError } from "@finetrace/db";
import { createTestDatabase, type TestDatabase } from "@finetrace/db/testing";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeRunSubmissions } from "./submit-runs.js";

let db: TestDatabase;
let pool: pg.Pool;
let orgId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.databaseUrl);
  const org = await pool.query<{ id: string }>(
    `INSERT INTO "Organization" ("id", "slug", "name", "updatedAt")
     VALUES (gen_random_uuid(), 'acme', 'Acme', now()) RETURNING "id"`,
  );
  orgId = org.rows[0]?.id as string;
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

const llama = {
  baseModel: "Llama 2",
  gpuModel: "A100 SXM4 80 GB",
  gpuCount: 4,
  serverCount: 1,
  cloudProvider: "aws" as const,
  cloudRegion: "us-west-2",
  startTime: "2023-07-06T17:00:00Z",
  reservedDurationHours: 12,
  tokensIncludingPadding: 48_123,
};

const count = async (sql: string, params: unknown[] = []) =>
  Number((await pool.query<{ n: string }>(sql, params)).rows[0]?.n);

describe("storeRunSubmissions", () => {
  it("stores every disclosed field as PENDING and returns ids in input order", async () => {
    const { runIds } = await storeRunSubmissions(pool, orgId, [
      { externalId: "a", disclosure: llama },
      { externalId: "b", disclosure: { baseModel: "BERT base" } },
    ]);
    expect(runIds).toHaveLength(2);
    const rows = await pool.query(
      `SELECT "id", "externalId", "status", "gpuCount", "tokensIncludingPadding"::text AS tokens,
              "startTime", "cloudRegion", "gpuModel"
       FROM "FineTuneRun" WHERE "id" = ANY($1::uuid[]) ORDER BY "externalId"`,
      [runIds],
    );
    expect(rows.rows.map((r) => r.id)).toEqual(runIds);
    expect(rows.rows[0]).toMatchObject({
      externalId: "a",
      status: "PENDING",
      gpuCount: 4,
      tokens: "48123",
      cloudRegion: "us-west-2",
      gpuModel: "A100 SXM4 80 GB",
    });
    expect((rows.rows[0].startTime as Date).toISOString()).toBe("2023-07-06T17:00:00.000Z");
    expect(rows.rows[1]).toMatchObject({ externalId: "b", gpuCount: null, tokens: null });
  });

  it("updates on resubmission of an externalId, never duplicates", async () => {
    const first = await storeRunSubmissions(pool, orgId, [
      { externalId: "dup", disclosure: llama },
    ]);
    await pool.query(`UPDATE "FineTuneRun" SET "status" = 'ESTIMATED' WHERE "id" = $1`, [
      first.runIds[0],
    ]);
    const second = await storeRunSubmissions(pool, orgId, [
      { externalId: "dup", disclosure: { ...llama, gpuCount: 8 } },
    ]);
    expect(second.runIds).toEqual(first.runIds);
    const row = await pool.query(`SELECT "gpuCount", "status" FROM "FineTuneRun" WHERE "id" = $1`, [
      first.runIds[0],
    ]);
    expect(row.rows[0]).toEqual({ gpuCount: 8, status: "PENDING" });
    expect(await count(`SELECT count(*) AS n FROM "FineTuneRun" WHERE "externalId" = 'dup'`)).toBe(
      1,
    );
  });

  it("rejects a batch that repeats an externalId and writes nothing", async () => {
    const before = await count(`SELECT count(*) AS n FROM "FineTuneRun"`);
    await expect(
      storeRunSubmissions(pool, orgId, [
        { externalId: "x1", disclosure: llama },
        { externalId: "x2", disclosure: llama },
        { externalId: "x1", disclosure: llama },
      ]),
    ).rejects.toThrow(DuplicateExternalIdError);
    expect(await count(`SELECT count(*) AS n FROM "FineTuneRun"`)).toBe(before);
  });

  it("rolls back the whole batch when the database rejects one row", async () => {
    const before = await count(`SELECT count(*) AS n FROM "FineTuneRun"`);
    // 2^31 GPUs overflows the int4 column: the database refuses the batch, nothing lands.
    await expect(
      storeRunSubmissions(pool, orgId, [
        { externalId: "ok-1", disclosure: llama },
        { externalId: "too-big", disclosure: { ...llama, gpuCount: 2 ** 31 } },
      ]),
    ).rejects.toThrow();
    expect(await count(`SELECT count(*) AS n FROM "FineTuneRun"`)).toBe(before);
  });

  it("links a chain by start time and returns the predecessor to re-estimate", async () => {
    const day = (d: number) => ({
      ...llama,
      chainId: "daily-bot",
      startTime: `2024-07-0${d}T00:00:00Z`,
      reservedDurationHours: 2,
    });
    const first = await storeRunSubmissions(pool, orgId, [
      { externalId: "chain-2", disclosure: day(2) },
      { externalId: "chain-1", disclosure: day(1) },
    ]);
    const [run2, run1] = first.runIds;
    // Both are new, so nothing outside the batch needs re-estimation.
    expect(first.reestimatedRunIds).toEqual([]);
    await pool.query(
      `UPDATE "FineTuneRun" SET "status" = 'ESTIMATED' WHERE "id" = ANY($1::uuid[])`,
      [first.runIds],
    );

    const next = await storeRunSubmissions(pool, orgId, [
      { externalId: "chain-3", disclosure: day(3) },
    ]);
    const [run3] = next.runIds;
    // Day 2 now has a successor (its use life becomes 1 day): re-estimate it, and only it.
    expect(next.reestimatedRunIds).toEqual([run2]);
    const links = await pool.query(
      `SELECT "id", "previousRunId", "status" FROM "FineTuneRun" WHERE "chainId" = 'daily-bot'`,
    );
    const byId = new Map(links.rows.map((r) => [r.id, r]));
    expect(byId.get(run1)).toMatchObject({ previousRunId: null, status: "ESTIMATED" });
    expect(byId.get(run2)).toMatchObject({ previousRunId: run1, status: "PENDING" });
    expect(byId.get(run3)).toMatchObject({ previousRunId: run2, status: "PENDING" });
  });

  it("ties share one successor; a run without a start time is outside the chain order", async () => {
    const run = (startTime?: string) => ({
      ...llama,
      chainId: "tied-bot",
      reservedDurationHours: 2,
      ...(startTime ? { startTime } : { startTime: undefined }),
    });
    const first = await storeRunSubmissions(pool, orgId, [
      { externalId: "tie-a", disclosure: run("2024-08-01T00:00:00Z") },
      { externalId: "tie-b", disclosure: run("2024-08-01T00:00:00Z") },
      { externalId: "no-start", disclosure: run() },
    ]);
    const [a, b, noStart] = first.runIds;
    await pool.query(
      `UPDATE "FineTuneRun" SET "status" = 'ESTIMATED' WHERE "id" = ANY($1::uuid[])`,
      [first.runIds],
    );
    const next = await storeRunSubmissions(pool, orgId, [
      { externalId: "tie-c", disclosure: run("2024-08-02T00:00:00Z") },
    ]);
    const [c] = next.runIds;
    // Both tied runs get C as successor (use life 1 day each); the start-less run is untouched.
    expect([...next.reestimatedRunIds].sort()).toEqual([a, b].sort());
    const links = await pool.query(
      `SELECT "id", "previousRunId", "status" FROM "FineTuneRun" WHERE "chainId" = 'tied-bot'`,
    );
    const byId = new Map(links.rows.map((r) => [r.id, r]));
    expect(byId.get(a)).toMatchObject({ previousRunId: null, status: "PENDING" });
    expect(byId.get(b)).toMatchObject({ previousRunId: null, status: "PENDING" });
    // Navigation link to the preceding step: the tied run with the greatest externalId.
    expect(byId.get(c)).toMatchObject({ previousRunId: b });
    expect(byId.get(noStart)).toMatchObject({ previousRunId: null, status: "ESTIMATED" });
  });
});
