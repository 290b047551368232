/**
 * The load-grid-intensity use cases against real Postgres and Redis: operator loads of the shared
 * series are audited with organizationId null; a queued private upload lands in its
 * organization's series and is deleted afterwards, and its file never reaches the shared series
 * (retried or duplicate jobs); a bare queue payload is an operator load.
 */
import { randomUUID } from "node:crypto";
import { access, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPool } from "@finetrace/db";
import { createTestDatabase, type TestDatabase } from "@finetrace/db/testing";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceDeps } from "../deps.js";
import { createQueues, type FinetraceQueues } from "../jobs/queues.js";
import { ELECTRICITY_MAPS_CSV_HEADER, silentLog } from "../testing/fixtures.js";
import {
  GridLoadRequestError,
  loadGridIntensity,
  loadSharedGridIntensity,
  queuePrivateGridIntensityLoad,
} from "./load-grid-intensity.js";

const row = (hour: string, lca: number) =>
  `2024-03-05 ${hour}:00:00,Germany,Germany,DE,${lca / 2},${lca},50,40,test,false,\n`;

let db: TestDatabase;
let pool: pg.Pool;
let queues: FinetraceQueues;
let deps: ServiceDeps;
let dir: string;
let orgId: string;

const hours = async () =>
  (
    await pool.query<{ org: string; v: number; source: string }>(
      `SELECT "organizationId" AS org, "lifecycleIntensityGPerKwh" AS v, source
       FROM "GridIntensityHour" WHERE "zoneId" = 'DE' ORDER BY "hourUtc", "organizationId"`,
    )
  ).rows;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.databaseUrl);
  queues = createQueues({
    connection: { url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" },
    prefix: `ft-test-grid-${randomUUID()}`,
  });
  deps = { pool, queues, log: silentLog, estimateBatchSize: 100 };
  dir = await mkdtemp(path.join(tmpdir(), "ft-grid-use-case-"));
  orgId = (
    await pool.query<{ id: string }>(
      `INSERT INTO "Organization" ("id", "slug", "name", "updatedAt")
       VALUES (gen_random_uuid(), 'acme', 'acme', now()) RETURNING "id"`,
    )
  ).rows[0]?.id as string;
});

afterAll(async () => {
  await queues?.obliterate();
  await queues?.close();
  await pool?.end();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("grid-intensity load use cases", () => {
  it("audits the operator's shared load (organizationId null, actor)", async () => {
    const file = path.join(dir, "shared.csv");
    await writeFile(file, ELECTRICITY_MAPS_CSV_HEADER + row("10", 178.76));
    const summary = await loadSharedGridIntensity(deps, [{ path: file }], { actor: "cli" });
    expect(summary.inserted).toBe(1);
    const { rows } = await pool.query(
      `SELECT "organizationId", actor, status, files, inserted, "fromHourUtc" FROM "GridIntensityLoad" WHERE id = $1`,
      summary.loadIds,
    );
    expect(rows).toEqual([
      {
        organizationId: null,
        actor: "cli",
        status: "succeeded",
        files: [file],
        inserted: 1,
        fromHourUtc: new Date("2024-03-05T10:00:00Z"),
      },
    ]);
    await access(file); // operator files are not deleted
  });

  it("runs a queued private upload into its organization's series and deletes the file", async () => {
    const file = path.join(dir, "upload.csv");
    await writeFile(file, ELECTRICITY_MAPS_CSV_HEADER + row("10", 9999));
    const { loadId } = await queuePrivateGridIntensityLoad(deps, file, {
      organizationId: orgId,
      actor: "key-1",
      zone: "DE",
      deleteFiles: true,
    });
    const summary = await loadGridIntensity(deps, [{ path: file }]);
    expect(summary).toMatchObject({ loadIds: [loadId], inserted: 1 });
    expect(await hours()).toEqual([
      { org: "00000000-0000-0000-0000-000000000000", v: 178.76, source: "electricitymaps-csv" },
      { org: orgId, v: 9999, source: "organization-upload" },
    ]);
    await expect(access(file)).rejects.toThrow();
    // A second run of the same job (retry, duplicate) finds no request left, and never loads
    // an organization's file into the shared series.
    await writeFile(file, ELECTRICITY_MAPS_CSV_HEADER + row("10", 1));
    expect((await loadGridIntensity(deps, [{ path: file }])).loadIds).toEqual([]);
    expect((await hours())[0]?.v).toBe(178.76);
  });

  it("loads a bare queue payload (operator tooling) into the shared series, audited", async () => {
    const file = path.join(dir, "queued-by-operator.csv");
    await writeFile(file, ELECTRICITY_MAPS_CSV_HEADER + row("11", 180));
    const summary = await loadGridIntensity(deps, [{ path: file }], { source: "ops" });
    expect(summary.inserted).toBe(1);
    const { rows } = await pool.query(
      `SELECT "organizationId", actor, source FROM "GridIntensityLoad" WHERE id = $1`,
      summary.loadIds,
    );
    expect(rows).toEqual([
      { organizationId: null, actor: "worker:load-grid-intensity", source: "ops" },
    ]);
  });

  it("refuses an unknown zone before recording anything", async () => {
    await expect(
      queuePrivateGridIntensityLoad(deps, path.join(dir, "x.csv"), {
        organizationId: orgId,
        actor: "key-1",
        zone: "XX-NOPE",
      }),
    ).rejects.toThrow(GridLoadRequestError);
  });
});
