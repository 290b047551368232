/**
 * Benchmark data: ESTIMATED runs with current estimates generated in SQL (generate_series), the
 * 10 % in chains disclosing their inferences per day, `orgs` round-robin, evenly over 730 days
 * from 2023-01-01; then the organizations' EmissionsRollup rows (the generator bypasses the
 * estimate writer). Shared by the API benchmarks.
 */
import { rebuildEmissionsRollup } from "@finetrace/db";
import { normalizeDisclosure } from "@finetrace/estimator";
import type pg from "pg";

/**
 * Two real provenance records (as the estimator writes them): one with disclosed use data, one
 * with the imputed defaults. Estimates reference them by hash (content-addressed, ADR 0021).
 */
const provenance = (usage: { useLifeDays?: number; inferencesPerDay?: number }) =>
  JSON.stringify(
    normalizeDisclosure({
      baseModel: "meta-llama/Llama-2-7b-hf",
      gridZone: "DE",
      startTime: "2024-05-01T00:00:00Z",
      reservedDurationHours: 5,
      ...usage,
    }).provenance,
  );
const PROVENANCE_DISCLOSED_USE = provenance({ useLifeDays: 30, inferencesPerDay: 1000 });
const PROVENANCE_IMPUTED_USE = provenance({});

/**
 * Insert `RUNS` estimated runs for `orgs` (4 expected: model/zone/GPU mix as documented above)
 * and build their rollup. @returns seconds spent generating and building the rollup.
 */
export async function generateEstimatedRuns(
  pool: pg.Pool,
  orgs: readonly string[],
  RUNS: number,
): Promise<{ generateSeconds: number; rollupSeconds: number }> {
  let t = performance.now();
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // Bench data only: skip FK triggers between runs and estimates (both sides inserted here).
    await client.query("SET LOCAL session_replication_role = replica");
    await client.query(
      `CREATE TEMP TABLE gen ON COMMIT DROP AS
       SELECT g, ($1::uuid[])[1 + g % cardinality($1::uuid[])] AS org, gen_random_uuid() AS run_id,
              gen_random_uuid() AS est_id,
              timestamptz '2023-01-01 00:00:00+00' + g * (interval '730 days' / $2::int) AS start,
              (ARRAY['llama-2-7b','mistral-7b','bert-base','falcon-7b'])[1 + (g / 4) % 4] AS model,
              (ARRAY['DE','FR','US-NW-PACW','IN-WE','SE'])[1 + (g / 16) % 5] AS zone,
              (ARRAY['A100-SXM4-40GB','H100-SXM5-80GB'])[1 + (g / 80) % 2] AS gpu,
              CASE WHEN g % 10 = 0 THEN 'chain-' || (g % 7) END AS chain,
              (1 + g % 97)::numeric / 7 AS it_kwh
       FROM generate_series(0, $2::int - 1) AS g`,
      [orgs, RUNS],
    );
    await client.query(
      `CREATE TEMP TABLE doc ON COMMIT DROP AS
       SELECT d.disclosed, d.document,
              encode(sha256(convert_to(d.document::text, 'UTF8')), 'hex') AS hash
       FROM (VALUES (true, $1::jsonb), (false, $2::jsonb)) AS d(disclosed, document)`,
      [PROVENANCE_DISCLOSED_USE, PROVENANCE_IMPUTED_USE],
    );
    await client.query(
      `INSERT INTO "ProvenanceDocument" ("hash", "document") SELECT hash, document FROM doc
       ON CONFLICT DO NOTHING`,
    );
    await client.query(
      `INSERT INTO "FineTuneRun" ("id", "organizationId", "externalId", "status", "updatedAt",
         "baseModel", "startTime", "gridZone", "gpuModel", "chainId")
       SELECT run_id, org, 'run-' || g, 'ESTIMATED', now(), model, start, zone, gpu, chain
       FROM gen`,
    );
    await client.query(
      `INSERT INTO "Estimate" ("id", "runId", "organizationId", "isCurrent", "methodologyVersion",
         "method", "startTimeUtc", "reservedDurationHours", "baseModel", "gridZone", "gpuModel",
         "gpuCount", "serverCount", "chainId", "itPowerWatts", "itEnergyKwh", "facilityEnergyKwh",
         "intensitySource", "intensitySignal", "intensityHourUtc", "startHourIntensityGPerKwh",
         "meanIntensityGPerKwh", "operationalCarbonKgCo2e", "operationalCarbonMeanKgCo2e",
         "embodiedCarbonKgCo2e", "totalCarbonKgCo2e", "onsiteWaterLiters", "offsiteWaterLiters",
         "embodiedWaterLiters", "totalWaterLiters", "useLifeDays", "inferencesPerDay",
         "carbonPerInferenceGCo2e", "waterPerInferenceMilliliters", "totalCarbonLowKgCo2e",
         "totalCarbonHighKgCo2e", "facilityEnergyLowKwh", "facilityEnergyHighKwh",
         "totalWaterLowLiters", "totalWaterHighLiters", "imputedFieldCount",
         "provenanceFieldCount", "provenanceHash", "inferencesPerDayDisclosed")
       SELECT est_id, run_id, org, true, 'bench', 'finetrace', start, 1, model, zone, gpu, 8, 1,
         chain, it_kwh * 1000, it_kwh, it_kwh * 1.2, 'hourly', 'life-cycle',
         date_trunc('hour', start), 300, 300, it_kwh * 0.36, it_kwh * 0.36, 0.9,
         it_kwh * 0.36 + 0.9, it_kwh * 1.8, it_kwh * 3.756, 0.4119,
         it_kwh * 5.5560 + 0.4119, CASE WHEN chain IS NULL THEN 365 ELSE 30 END,
         1000, 0, 0, it_kwh * 0.3, it_kwh * 0.5,
         it_kwh, it_kwh * 1.4, it_kwh * 4, it_kwh * 7, g % 9, 22, doc.hash, doc.disclosed
       FROM gen JOIN doc ON doc.disclosed = (chain IS NOT NULL)`,
    );
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK");
    throw e;
  } finally {
    client.release();
  }
  const generateSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  for (const org of orgs) await rebuildEmissionsRollup(pool, org);
  return { generateSeconds, rollupSeconds: (performance.now() - t) / 1000 };
}
