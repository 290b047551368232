/**
 * Poison isolation: runs whose estimate cannot be stored (here a use life of 10^10 days, over
 * Estimate.useLifeDays NUMERIC(16,6), written straight into FineTuneRun as data stored before
 * intake had upper bounds would be) are marked FAILED with the database's reason in the same
 * call, and every other run of the batch, of both organizations, is estimated.
 */
import { randomUUID } from "node:crypto";
import { createPool, ROLLUP_CHANGE_CHANNEL } from "@finetrace/db";
import { createTestDatabase, type TestDatabase } from "@finetrace/db/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLog } from "../testing/fixtures.js";
import { estimateRunBatch } from "./estimate-batch.js";

let db: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.databaseUrl);
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

async function org(slug: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO "Organization" ("id", "slug", "name", "updatedAt")
     VALUES (gen_random_uuid(), $1, $1, now()) RETURNING "id"`,
    [slug],
  );
  return rows[0]?.id as string;
}

/** The use case's dependencies: this file's pool; no job is enqueued by a batch estimate. */
function deps() {
  return {
    pool,
    queues: {
      of: () => {
        throw new Error("no queue needed");
      },
    },
    log: silentLog,
    estimateBatchSize: 1000,
  };
}

/** Insert PENDING runs directly (bypassing intake's bounds), returning their ids. */
async function runs(organizationId: string, count: number, useLifeDays: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await pool.query(
    `INSERT INTO "FineTuneRun" ("id", "organizationId", "externalId", "status", "updatedAt",
       "baseModel", "gpuModel", "gpuCount", "gridZone", "startTime", "reservedDurationHours", "useLifeDays")
     SELECT u.id, $1, u.id::text, 'PENDING', now(), 'Llama 2', 'A100 SXM4 80 GB', 4, 'DE',
            '2024-05-01T10:00:00Z', 2, $3
     FROM unnest($2::uuid[]) AS u(id)`,
    [organizationId, ids, useLifeDays],
  );
  return ids;
}

describe("estimateRunBatch with poison runs from one organization", () => {
  it("marks the 3 poison runs FAILED with the reason and estimates the other 100 runs", async () => {
    const a = await org("org-a");
    const b = await org("org-b");
    const poison = await runs(a, 3, 1e10);
    const goodA = await runs(a, 50, 30);
    const goodB = await runs(b, 50, 30);
    // One batch, both organizations mixed, as a reconcile sweep could enqueue them.
    const batch = [...goodA.slice(0, 25), ...poison, ...goodB, ...goodA.slice(25)];
    const result = await estimateRunBatch(deps(), batch);
    expect(result).toMatchObject({ estimated: 100, failed: 3, skipped: 0 });
    const { rows } = await pool.query<{ id: string; status: string; failureReason: string | null }>(
      `SELECT "id", "status", "failureReason" FROM "FineTuneRun"`,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of poison) {
      expect(byId.get(id)?.status).toBe("FAILED");
      expect(byId.get(id)?.failureReason).toMatch(
        /^estimate could not be stored: numeric field overflow/,
      );
    }
    for (const id of [...goodA, ...goodB]) expect(byId.get(id)?.status).toBe("ESTIMATED");
    const estimates = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Estimate" WHERE "isCurrent"`,
    );
    expect(estimates.rows[0]?.n).toBe(100);
  });

  it("notifies each estimated organization's rollup change at commit (the API's emissions cache)", async () => {
    const a = await org("org-notify-a");
    const b = await org("org-notify-b");
    const listener = new pg.Client({ connectionString: db.databaseUrl });
    await listener.connect();
    const heard: string[] = [];
    listener.on("notification", (m) => {
      if (m.channel === ROLLUP_CHANGE_CHANNEL && m.payload) heard.push(m.payload);
    });
    try {
      await listener.query(`LISTEN ${ROLLUP_CHANGE_CHANNEL}`);
      const batch = [...(await runs(a, 3, 30)), ...(await runs(b, 2, 30))];
      expect(await estimateRunBatch(deps(), batch)).toMatchObject({ estimated: 5 });
      for (let i = 0; i < 100 && heard.length < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // One notification per organization of the batch (not one per run).
      expect([...heard].sort()).toEqual([a, b].sort());
    } finally {
      await listener.end();
    }
  });
});

describe("estimateRunBatch with a CPU-only run (gpuCount 0, METHODOLOGY.md s.3a)", () => {
  it("stores the estimate with no accelerator on the reference CPU server", async () => {
    const a = await org("org-cpu");
    const id = randomUUID();
    await pool.query(
      `INSERT INTO "FineTuneRun" ("id", "organizationId", "externalId", "status", "updatedAt",
         "baseModel", "gpuCount", "gridZone", "startTime", "reservedDurationHours")
       VALUES ($1, $2, 'cpu-only', 'PENDING', now(), 'BERT base', 0, 'DE',
               '2024-05-01T10:00:00Z', 2)`,
      [id, a],
    );
    expect(await estimateRunBatch(deps(), [id])).toMatchObject({ estimated: 1, failed: 0 });
    const { rows } = await pool.query<{
      gpuModel: string;
      gpuCount: number;
      serverRule: string;
      itEnergyKwh: string;
      embodiedCarbonKgCo2e: string;
    }>(
      `SELECT e."gpuModel", e."gpuCount", p."document"->'serverModel'->>'rule' AS "serverRule",
              e."itEnergyKwh"::text, e."embodiedCarbonKgCo2e"::text
       FROM "Estimate" e JOIN "ProvenanceDocument" p ON p."hash" = e."provenanceHash"
       WHERE e."runId" = $1 AND e."isCurrent"`,
      [id],
    );
    expect(rows[0]).toMatchObject({ gpuModel: "none", gpuCount: 0, serverRule: "cpu-only-server" });
    // P_IT = 58.85 W idle + 384 GB x 0.3725 W/GB + 2 x 240 W x 1.0 = 681.89 W; x 2 h = 1.36378 kWh
    expect(Number(rows[0]?.itEnergyKwh)).toBeCloseTo(1.36378, 6);
    // 1610.79 kgCO2e (m5.metal) / 33,288 h x 2 h = 0.0967790 kgCO2e
    expect(Number(rows[0]?.embodiedCarbonKgCo2e)).toBeCloseTo(0.096779, 6);
  });

  it("stores a stored run's inputProvenance as the estimate's provenance of that field", async () => {
    const a = await org("org-derived");
    const id = randomUUID();
    const derived = [
      { field: "gridZone", rule: "codecarbon-region-zone", source: "quebec -> CA-QC" },
    ];
    await pool.query(
      `INSERT INTO "FineTuneRun" ("id", "organizationId", "externalId", "status", "updatedAt",
         "baseModel", "gpuModel", "gpuCount", "gridZone", "startTime", "reservedDurationHours",
         "measuredEnergyKwh", "inputProvenance")
       VALUES ($1, $2, 'derived', 'PENDING', now(), 'BERT base', 'V100', 1, 'CA-QC',
               '2024-05-01T10:00:00Z', 2, 0.5, $3::jsonb)`,
      [id, a, JSON.stringify(derived)],
    );
    expect(await estimateRunBatch(deps(), [id])).toMatchObject({ estimated: 1, failed: 0 });
    const { rows } = await pool.query<{ zone: unknown; gpu: unknown }>(
      `SELECT p."document"->'gridZone' AS "zone", p."document"->'gpuModel' AS "gpu"
       FROM "Estimate" e JOIN "ProvenanceDocument" p ON p."hash" = e."provenanceHash"
       WHERE e."runId" = $1 AND e."isCurrent"`,
      [id],
    );
    expect(rows[0]?.zone).toEqual({
      status: "imputed",
      rule: "codecarbon-region-zone",
      source: "quebec -> CA-QC",
      value: "CA-QC",
    });
    expect(rows[0]?.gpu).toMatchObject({ rule: "gpu-family-default" });
  });
});
