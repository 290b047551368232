/**
 * `finetrace instruments import` and `finetrace residual-mix import` against a real database: the
 * CSV goes through the Scope 2 use cases (all or nothing, the bad line and field named, exit 2)
 * and the organization's Scope 2 results are recomputed in the same call.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPool } from "@finetrace/db";
import { createTestDatabase, insertEstimatedRuns, type TestDatabase } from "@finetrace/db/testing";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFinetrace } from "./testing/finetrace-process.js";

let db: TestDatabase;
let pool: pg.Pool;
let env: NodeJS.ProcessEnv;
let dir: string;
let orgId: string;

const finetrace = (args: string[]) => runFinetrace(args, env);

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.databaseUrl);
  env = { ...process.env, DATABASE_URL: db.databaseUrl, LOG_LEVEL: "warn" };
  dir = await mkdtemp(join(tmpdir(), "ft-instruments-"));
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO "Organization" (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), 'acme', 'Acme', now()) RETURNING id`,
  );
  orgId = rows[0]?.id as string;
  // One DE run of 100 kWh, location-based 40 kg.
  await insertEstimatedRuns(pool, orgId, [
    {
      externalId: "r",
      startTimeUtc: "2024-05-02T10:00:00Z",
      gridZone: "DE",
      facilityEnergyKwh: "100",
      operationalCarbonKgCo2e: "40",
    },
  ]);
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

const HEADER = "kind,gridZone,validFrom,validTo,energyMwh,emissionFactorGPerKwh,certificateId";

describe("finetrace instruments import / residual-mix import", () => {
  it("rejects a bad line naming it and its field, recording nothing (exit 2)", async () => {
    const file = join(dir, "bad.csv");
    await writeFile(
      file,
      `${HEADER}\nGO,DE,2024-01-01T00:00:00Z,2025-01-01T00:00:00Z,0.03,0,GO-1\nGO,DE,2024-01-01T00:00:00Z,2025-01-01T00:00:00Z,lots,0,GO-2\n`,
    );
    const r = await finetrace(["instruments", "import", file, "--organization", "acme"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("line 3 energyMwh: must be a decimal number of MWh");
    const { rows } = await pool.query(`SELECT 1 FROM "ContractualInstrument"`);
    expect(rows).toHaveLength(0);
  });

  it("records instruments and residual-mix factors and recomputes market-based carbon", async () => {
    const instruments = join(dir, "instruments.csv");
    await writeFile(
      instruments,
      `${HEADER}\nI-REC,DE,2024-01-01T00:00:00Z,2025-01-01T00:00:00Z,0.03,0,GO-1\n`,
    );
    const mix = join(dir, "mix.csv");
    await writeFile(
      mix,
      "gridZone,year,emissionFactorGPerKwh,source\nDE,2024,500,AIB 2024 (test)\n",
    );
    const a = await finetrace(["instruments", "import", instruments, "--organization", "acme"]);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain("1 instrument(s) recorded for acme");
    const b = await finetrace(["residual-mix", "import", mix, "--organization", "acme", "--json"]);
    expect(b.code).toBe(0);
    // 30 kWh of the I-REC at 0 g + 70 kWh at the residual mix 500 g/kWh = 35 kgCO2e.
    const { rows } = await pool.query<{ market: string; kind: string }>(
      `SELECT e."marketBasedCarbonKgCo2e"::text AS market, i.kind::text AS kind
       FROM "Estimate" e, "ContractualInstrument" i WHERE e."organizationId" = $1`,
      [orgId],
    );
    expect(rows).toEqual([{ market: "35.000000000", kind: "I_REC" }]);
  });
});
