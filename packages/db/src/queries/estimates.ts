/**
 * SQL of the estimation pipeline (apps/worker `estimate-runs`, reconciler, grid-intensity loads).
 *
 * A run is estimated when it is PENDING. "Needs (re-)estimation" is that status, not a message in
 * Redis: intake, a chain successor's arrival and newly loaded hourly intensity put runs (back) to
 * PENDING in Postgres first, then enqueue them. The worker locks the PENDING runs of a batch
 * (`FOR UPDATE SKIP LOCKED`, in id order), writes one Estimate per run and marks it ESTIMATED in
 * the same transaction, so a job processed twice, or two overlapping batches, write each estimate
 * once: the second sees the run ESTIMATED (or locked) and skips it. Older estimates stay as
 * history (`isCurrent = false`); the unique index `Estimate_one_current_per_run` guards the rule.
 *
 * Bulk shapes: one SELECT per batch; estimates COPYed into a temporary staging table and moved
 * with one INSERT ... SELECT; provenance documents stored once each, content-addressed
 * (`ProvenanceDocument`, docs/adr/0021-lean-estimate-write-path.md); statuses with one UPDATE each.
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  type OrganizationSettings,
  type RunDisclosure,
  type RunEstimate,
  summableQuantities,
} from "@finetrace/estimator";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import {
  notifyRollupChange,
  rollupDeltaSql,
  rollupSourceList,
} from "../rollups/emissions-rollup.js";
import { rollupUpkeepEnabled } from "../rollups/upkeep-baseline.js";
import {
  type DisclosureColumn,
  disclosureSelectList,
  fromColumnRow,
} from "../runs/disclosure-columns.js";

/** A PENDING run locked for estimation, with what the estimator needs besides intensities. */
export interface ClaimedRun {
  runId: string;
  organizationId: string;
  /** The stored disclosure (columns of FineTuneRun; absent fields were not disclosed). */
  disclosure: RunDisclosure;
  /** Organization-wide PUE / WUE overrides. */
  organization: OrganizationSettings;
  /**
   * The run's current estimate (the Estimate with `isCurrent`; retired when a new one is stored),
   * or null.
   */
  currentEstimateId: string | null;
}

type ClaimedRow = Record<DisclosureColumn, unknown> & {
  id: string;
  currentEstimateId: string | null;
  organizationId: string;
  pueOverride: number | null;
  wueLitersPerKwhOverride: number | null;
};

const claimSql = `
  SELECT r."id", r."organizationId", ce."id" AS "currentEstimateId",
         ${disclosureSelectList("r")},
         o."pueOverride"::float8 AS "pueOverride",
         o."wueLitersPerKwhOverride"::float8 AS "wueLitersPerKwhOverride"
  FROM "FineTuneRun" r
  JOIN "Organization" o ON o."id" = r."organizationId"
  LEFT JOIN "Estimate" ce ON ce."runId" = r."id" AND ce."isCurrent"
  WHERE r."id" = ANY($1::uuid[]) AND r."status" = 'PENDING'
  ORDER BY r."id"
  FOR UPDATE OF r SKIP LOCKED`;

/**
 * Lock the runs of `runIds` that are still PENDING (skipping rows another transaction holds) and
 * return them with their organization settings. Must run inside a transaction on `client`; the
 * locks are held until it ends. Ids that are unknown, no longer PENDING or locked elsewhere are
 * simply not returned.
 */
export async function claimPendingRuns(
  client: pg.ClientBase,
  runIds: readonly string[],
): Promise<ClaimedRun[]> {
  const { rows } = await client.query<ClaimedRow>(claimSql, [runIds]);
  return rows.map((row) => {
    const organization: OrganizationSettings = {};
    if (row.pueOverride !== null) organization.pueOverride = row.pueOverride;
    if (row.wueLitersPerKwhOverride !== null) {
      organization.wueLitersPerKwhOverride = row.wueLitersPerKwhOverride;
    }
    return {
      runId: row.id,
      organizationId: row.organizationId,
      disclosure: fromColumnRow(row),
      organization,
      currentEstimateId: row.currentEstimateId,
    };
  });
}

/** Estimate columns written from a RunEstimate, with their SQL types (staging table). */
export const ESTIMATE_COLUMNS = [
  ["id", "uuid"],
  ["runId", "uuid"],
  ["organizationId", "uuid"],
  ["methodologyVersion", "text"],
  ["method", "text"],
  ["startTimeUtc", "timestamptz"],
  ["reservedDurationHours", "numeric"],
  ["baseModel", "text"],
  ["gridZone", "text"],
  ["gpuModel", "text"],
  ["gpuCount", "int4"],
  ["serverCount", "int4"],
  ["chainId", "text"],
  ["itPowerWatts", "numeric"],
  ["itEnergyKwh", "numeric"],
  ["facilityEnergyKwh", "numeric"],
  ["intensitySource", `"IntensitySource"`],
  ["intensitySignal", "text"],
  ["intensityHourUtc", "timestamptz"],
  ["startHourIntensityGPerKwh", "numeric"],
  ["meanIntensityGPerKwh", "numeric"],
  ["operationalCarbonKgCo2e", "numeric"],
  ["operationalCarbonMeanKgCo2e", "numeric"],
  ["embodiedCarbonKgCo2e", "numeric"],
  ["totalCarbonKgCo2e", "numeric"],
  ["onsiteWaterLiters", "numeric"],
  ["offsiteWaterLiters", "numeric"],
  ["embodiedWaterLiters", "numeric"],
  ["totalWaterLiters", "numeric"],
  ["useLifeDays", "numeric"],
  ["inferencesPerDay", "numeric"],
  ["carbonPerInferenceGCo2e", "numeric"],
  ["waterPerInferenceMilliliters", "numeric"],
  ["totalCarbonLowKgCo2e", "numeric"],
  ["totalCarbonHighKgCo2e", "numeric"],
  ["facilityEnergyLowKwh", "numeric"],
  ["facilityEnergyHighKwh", "numeric"],
  ["totalWaterLowLiters", "numeric"],
  ["totalWaterHighLiters", "numeric"],
  ["imputedFieldCount", "int4"],
  ["provenanceFieldCount", "int4"],
  ["inferencesPerDayDisclosed", "bool"],
  ["intensitySeries", "text"],
] as const;

type EstimateColumn = (typeof ESTIMATE_COLUMNS)[number][0];
/**
 * One Estimate row as sent to Postgres (numbers stay JS numbers; NUMERIC rounds to its scale),
 * with its provenance document (stored in ProvenanceDocument, referenced by hash).
 */
export type EstimateRow = Record<EstimateColumn, string | number | boolean | null> & {
  provenance: RunEstimate["inputs"]["provenance"];
};

const INTENSITY_SOURCE_SQL = {
  hourly: "hourly",
  "annual-zone": "annual_zone",
  "annual-country": "annual_country",
  "method-constant": "method_constant",
} as const satisfies Record<RunEstimate["intensity"]["source"], string>;

/** Quantities of an estimate that must be finite numbers to be stored. */
const FINITE_FIELDS = [
  "itPowerWatts",
  "operationalCarbonMeanKgCo2e",
  ...summableQuantities,
] as const satisfies readonly (keyof RunEstimate)[];

/** An estimate that cannot be stored (a non-finite quantity); `field` names it. */
export class UnstorableEstimateError extends Error {
  constructor(
    readonly field: string,
    value: number,
  ) {
    super(`${field}: estimate is not a finite number (${value})`);
    this.name = "UnstorableEstimateError";
  }
}

/**
 * Map an estimate to its Estimate row (new random id).
 * @throws UnstorableEstimateError when a quantity is NaN or infinite.
 */
export function estimateToRow(
  runId: string,
  organizationId: string,
  estimate: RunEstimate,
): EstimateRow {
  for (const field of FINITE_FIELDS) {
    if (!Number.isFinite(estimate[field]))
      throw new UnstorableEstimateError(field, estimate[field]);
  }
  const { inputs, intensity, amortization, bounds } = estimate;
  const checkFinite = (field: string, value: number) => {
    if (!Number.isFinite(value)) throw new UnstorableEstimateError(field, value);
    return value;
  };
  let imputedFieldCount = 0;
  let provenanceFieldCount = 0;
  for (const p of Object.values(inputs.provenance)) {
    provenanceFieldCount += 1;
    if (p.status === "imputed") imputedFieldCount += 1;
  }
  return {
    id: randomUUID(),
    runId,
    organizationId,
    methodologyVersion: estimate.methodologyVersion,
    method: estimate.method,
    startTimeUtc: inputs.startTimeUtc,
    reservedDurationHours: inputs.reservedDurationHours,
    baseModel: inputs.baseModel,
    gridZone: inputs.gridZone,
    gpuModel: inputs.gpuModel,
    gpuCount: inputs.gpuCount,
    serverCount: inputs.serverCount,
    chainId: inputs.chainId,
    itPowerWatts: estimate.itPowerWatts,
    itEnergyKwh: estimate.itEnergyKwh,
    facilityEnergyKwh: estimate.facilityEnergyKwh,
    intensitySource: INTENSITY_SOURCE_SQL[intensity.source],
    intensitySignal: intensity.signal,
    intensityHourUtc: intensity.hourUtc,
    startHourIntensityGPerKwh: checkFinite(
      "startHourIntensityGPerKwh",
      intensity.startHourIntensityGPerKwh,
    ),
    meanIntensityGPerKwh: checkFinite("meanIntensityGPerKwh", intensity.meanIntensityGPerKwh),
    operationalCarbonKgCo2e: estimate.operationalCarbonKgCo2e,
    operationalCarbonMeanKgCo2e: estimate.operationalCarbonMeanKgCo2e,
    embodiedCarbonKgCo2e: estimate.embodiedCarbonKgCo2e,
    totalCarbonKgCo2e: estimate.totalCarbonKgCo2e,
    onsiteWaterLiters: estimate.onsiteWaterLiters,
    offsiteWaterLiters: estimate.offsiteWaterLiters,
    embodiedWaterLiters: estimate.embodiedWaterLiters,
    totalWaterLiters: estimate.totalWaterLiters,
    useLifeDays: checkFinite("useLifeDays", amortization.useLifeDays),
    inferencesPerDay: checkFinite("inferencesPerDay", amortization.inferencesPerDay),
    carbonPerInferenceGCo2e: checkFinite(
      "carbonPerInferenceGCo2e",
      amortization.carbonPerInferenceGCo2e,
    ),
    waterPerInferenceMilliliters: checkFinite(
      "waterPerInferenceMilliliters",
      amortization.waterPerInferenceMilliliters,
    ),
    totalCarbonLowKgCo2e: bounds.totalCarbonKgCo2e.low,
    totalCarbonHighKgCo2e: bounds.totalCarbonKgCo2e.high,
    facilityEnergyLowKwh: bounds.facilityEnergyKwh.low,
    facilityEnergyHighKwh: bounds.facilityEnergyKwh.high,
    totalWaterLowLiters: bounds.totalWaterLiters.low,
    totalWaterHighLiters: bounds.totalWaterLiters.high,
    imputedFieldCount,
    provenanceFieldCount,
    inferencesPerDayDisclosed: inputs.provenance.inferencesPerDay?.status === "disclosed",
    intensitySeries: intensity.series,
    provenance: inputs.provenance,
  };
}

/** COPY text format: a backslash, tab, newline or carriage return in a value is escaped. */
const COPY_ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  "\t": "\\t",
  "\n": "\\n",
  "\r": "\\r",
};
const NEEDS_COPY_ESCAPE = /[\\\t\n\r]/;
const copyText = (value: string) =>
  NEEDS_COPY_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] ?? c) : value;

/**
 * COPY text of the rows (provenance replaced by an index into `documents`), and the distinct
 * provenance documents as one JSON array. A batch's provenance documents (~1.8 kB each) are
 * mostly identical (same imputation rules and values), so each distinct one is sent, parsed and
 * hashed once. Fields are joined per line (measured ~1.5x faster than appending to one string).
 */
function encodeRows(rows: readonly EstimateRow[]): { copy: string; documents: string } {
  const indexByDocument = new Map<string, number>();
  const documents: string[] = [];
  const lines: string[] = [];
  const fields: string[] = [];
  for (const row of rows) {
    fields.length = 0;
    for (const [name] of ESTIMATE_COLUMNS) {
      const value = row[name];
      if (value === null || value === undefined) fields.push("\\N");
      else if (typeof value === "number") fields.push(String(value));
      else fields.push(copyText(String(value)));
    }
    const document = JSON.stringify(row.provenance);
    let index = indexByDocument.get(document);
    if (index === undefined) {
      index = documents.length;
      indexByDocument.set(document, index);
      documents.push(document);
    }
    fields.push(String(index));
    lines.push(fields.join("\t"));
  }
  return { copy: `${lines.join("\n")}\n`, documents: `[${documents.join(",")}]` };
}

const STAGING_TABLE = "estimate_staging";
const createStagingSql = `CREATE TEMP TABLE IF NOT EXISTS ${STAGING_TABLE} (${ESTIMATE_COLUMNS.map(([name, type]) => `"${name}" ${type}`).join(", ")}, "provenanceIndex" int8) ON COMMIT DELETE ROWS`;
const copyStagingSql = `COPY ${STAGING_TABLE} FROM STDIN`;
/**
 * Content address of a provenance document: sha-256 (hex) of its jsonb text, Postgres' canonical
 * form (keys sorted, no insignificant whitespace), so equal documents share one hash whatever the
 * key order they were sent in. The migration that introduced the table hashed existing rows the
 * same way.
 */
const DOCUMENT_HASH_SQL = `encode(sha256(convert_to(d.document::text, 'UTF8')), 'hex')`;
/**
 * Unknown documents are inserted in hash order: two batches inserting the same new documents
 * then wait on each other in one order (no deadlock), and `ON CONFLICT DO NOTHING` skips the
 * known ones.
 */
const STORE_DOCUMENTS_CTE = `docs AS (
    SELECT d.ordinal, d.document, ${DOCUMENT_HASH_SQL} AS hash
    FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS d(document, ordinal)
  ), stored AS (
    INSERT INTO "ProvenanceDocument" ("hash", "document")
    SELECT DISTINCT ON (hash) hash, document FROM docs ORDER BY hash
    ON CONFLICT DO NOTHING
  )`;
const INSERT_ESTIMATES = `INSERT INTO "Estimate" (${ESTIMATE_COLUMNS.map(([name]) => `"${name}"`).join(", ")}, "provenanceHash")
    SELECT ${ESTIMATE_COLUMNS.map(([name]) => `s."${name}"`).join(", ")}, docs.hash
    FROM ${STAGING_TABLE} s
    JOIN docs ON docs.ordinal = s."provenanceIndex" + 1`;
const insertFromStagingSql = rollupDeltaSql(
  "delta",
  `
  WITH ${STORE_DOCUMENTS_CTE}, inserted AS (
    ${INSERT_ESTIMATES}
    RETURNING ${rollupSourceList()}, 1 AS sign
  ), retired AS (
    SELECT ${rollupSourceList()}, -1 AS sign FROM "Estimate" WHERE "id" = ANY($2::uuid[])
  ), delta AS (
    SELECT * FROM inserted UNION ALL SELECT * FROM retired
  )`,
);
/** The same for a batch that retires no estimate (first estimations): only added rows. */
const insertFirstFromStagingSql = rollupDeltaSql(
  "inserted",
  `
  WITH ${STORE_DOCUMENTS_CTE}, inserted AS (
    ${INSERT_ESTIMATES}
    RETURNING ${rollupSourceList()}
  )`,
  { onlyAdded: true },
);
/** The same write without the rollup delta: benchmark baseline only (rollups/upkeep-baseline.ts). */
const insertFromStagingWithoutRollupSql = `WITH ${STORE_DOCUMENTS_CTE}
  ${INSERT_ESTIMATES}`;

/**
 * Store one new current estimate per run and mark those runs ESTIMATED (clearing any failure):
 * retire the previous current estimates (`previousEstimateIds`: the claimed runs'
 * `currentEstimateId`s, none for runs estimated for the first time), insert the new rows (the
 * current one is the row with `isCurrent`) and apply both to EmissionsRollup in the same
 * statement (+ new, - retired), update the runs' status. That update changes no
 * indexed column, so with the table's fillfactor it is HOT (no index entry written;
 * docs/adr/0021-lean-estimate-write-path.md). Call once per transaction (the one that claimed
 * the runs): the session's staging table is emptied at commit.
 */
export async function storeEstimates(
  client: pg.ClientBase,
  rows: readonly EstimateRow[],
  previousEstimateIds: readonly string[],
): Promise<void> {
  if (rows.length === 0) return;
  const runIds = rows.map((r) => r.runId as string);
  // By estimate id: a first estimation (most runs) retires nothing and costs no index probe.
  let retiredIds: string[] = [];
  if (previousEstimateIds.length > 0) {
    const retired = await client.query<{ id: string }>(
      `UPDATE "Estimate" SET "isCurrent" = false WHERE "id" = ANY($1::uuid[]) AND "isCurrent"
       RETURNING "id"`,
      [previousEstimateIds],
    );
    retiredIds = retired.rows.map((r) => r.id);
  }
  // COPY (Postgres' fastest bulk path) into a session-local staging table, then one
  // INSERT ... SELECT that stores the batch's unknown provenance documents and references each
  // row's by hash. isCurrent and createdAt take their column defaults (true, now()).
  const { copy, documents } = encodeRows(rows);
  await client.query(createStagingSql);
  await pipeline(Readable.from([copy]), client.query(copyFrom(copyStagingSql)));
  await client.query(
    `UPDATE "FineTuneRun"
     SET "status" = 'ESTIMATED', "failureReason" = NULL, "updatedAt" = now()
     WHERE "id" = ANY($1::uuid[])`,
    [runIds],
  );
  // The same statement adds the new estimates to EmissionsRollup and removes the retired ones
  // (docs/adr/0080-emissions-rollup.md): the rollup never lags the estimates. Last, so that the
  // rollup rows it locks (shared by concurrent batches of an organization) are held only until
  // the commit that follows.
  if (!rollupUpkeepEnabled()) {
    await client.query(insertFromStagingWithoutRollupSql, [documents]);
    return;
  }
  if (retiredIds.length === 0) await client.query(insertFirstFromStagingSql, [documents]);
  else await client.query(insertFromStagingSql, [documents, retiredIds]);
  await notifyRollupChange(
    client,
    rows.map((r) => r.organizationId as string),
  );
}

/** Mark runs FAILED with their reason (their previous estimate, if any, stays current). */
export async function markRunsFailed(
  client: pg.ClientBase,
  failures: readonly { runId: string; reason: string }[],
): Promise<void> {
  if (failures.length === 0) return;
  await client.query(
    `UPDATE "FineTuneRun" r
     SET "status" = 'FAILED', "failureReason" = u.reason, "updatedAt" = now()
     FROM unnest($1::uuid[], $2::text[]) AS u(rid, reason)
     WHERE r."id" = ANY($1::uuid[]) AND r."id" = u.rid AND r."status" = 'PENDING'`,
    [failures.map((f) => f.runId), failures.map((f) => f.reason)],
  );
}

/**
 * Reconciler: runs PENDING since more than `pendingForSeconds` (their job was lost: Redis flushed,
 * worker crashed past its retries...). Claims up to `limit` of them, oldest first, by touching
 * `updatedAt`, so the next sweep leaves them alone for another `pendingForSeconds` while their new
 * job is queued. No index serves it (an index on `status` or `updatedAt` would make the worker's
 * status update non-HOT): one sequential scan of FineTuneRun per call, measured in
 * docs/adr/0021-lean-estimate-write-path.md; it runs once per reconcile tick.
 * @returns the claimed run ids.
 */
export async function claimStalePendingRuns(
  pool: pg.Pool,
  { pendingForSeconds, limit }: { pendingForSeconds: number; limit: number },
): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `UPDATE "FineTuneRun" SET "updatedAt" = now()
     WHERE "id" IN (
       SELECT "id" FROM "FineTuneRun"
       WHERE "status" = 'PENDING' AND "updatedAt" < now() - make_interval(secs => $1)
       ORDER BY "updatedAt" LIMIT $2
       FOR UPDATE SKIP LOCKED)
     RETURNING "id"`,
    [pendingForSeconds, limit],
  );
  return rows.map((r) => r.id);
}

export interface FallbackRunsFilter {
  /** Grid zones whose hours were loaded. */
  zones: readonly string[];
  /** First and last loaded hour (inclusive), UTC. */
  fromHourUtc: Date;
  toHourUtc: Date;
  /**
   * The organization whose PRIVATE series was loaded: only its runs are affected. Absent: the
   * shared series was loaded (every organization's runs).
   */
  organizationId?: string;
}

/**
 * After hourly intensity was loaded, put back to PENDING the ESTIMATED runs the new hours change
 * (docs/adr/0060-grid-data-tenancy.md):
 * - shared series: every organization's runs whose current estimate used an annual fallback and
 *   whose start hour now has an hourly value (only those: runs in gaps of the loaded data are
 *   left alone);
 * - an organization's private series (`organizationId`): only that organization's runs in the
 *   zones whose hour window (start hour .. start + reserved duration) meets the loaded hours and
 *   whose current estimate is hourly (priced with the shared value, or an older private one,
 *   which the private series now replaces) or a fallback whose start hour now has a private hour.
 * @returns the ids of the runs to re-estimate.
 */
export async function markFallbackRunsForReestimation(
  pool: pg.Pool,
  filter: FallbackRunsFilter,
): Promise<string[]> {
  if (filter.zones.length === 0) return [];
  if (filter.organizationId !== undefined) {
    const { rows } = await pool.query<{ id: string }>(
      `UPDATE "FineTuneRun" r SET "status" = 'PENDING', "updatedAt" = now()
       FROM "Estimate" e
       WHERE e."organizationId" = $4 AND e."isCurrent" AND e."intensitySource" <> 'method_constant'
         AND e."gridZone" = ANY($1::text[])
         AND e."startTimeUtc" < $3::timestamptz + interval '1 hour'
         AND e."startTimeUtc" + e."reservedDurationHours" * interval '1 hour' + interval '1 hour' > $2
         AND r."id" = e."runId" AND r."status" = 'ESTIMATED' AND r."organizationId" = $4
         AND (e."intensitySource" = 'hourly' OR EXISTS (
           SELECT 1 FROM "GridIntensityHour" h
           WHERE h."zoneId" = e."gridZone" AND h."hourUtc" = date_trunc('hour', e."startTimeUtc", 'UTC')
             AND h."organizationId" = $4))
       RETURNING r."id"`,
      [filter.zones, filter.fromHourUtc, filter.toHourUtc, filter.organizationId],
    );
    return rows.map((r) => r.id);
  }
  const { rows } = await pool.query<{ id: string }>(
    `UPDATE "FineTuneRun" r SET "status" = 'PENDING', "updatedAt" = now()
     FROM "Estimate" e
     WHERE e."isCurrent" AND e."intensitySource" <> 'hourly' AND e."intensitySource" <> 'method_constant'
       AND e."gridZone" = ANY($1::text[])
       AND e."startTimeUtc" >= $2 AND e."startTimeUtc" < $3::timestamptz + interval '1 hour'
       AND r."id" = e."runId" AND r."status" = 'ESTIMATED'
       AND EXISTS (
         SELECT 1 FROM "GridIntensityHour" h
         WHERE h."zoneId" = e."gridZone" AND h."hourUtc" = date_trunc('hour', e."startTimeUtc", 'UTC')
           AND h."organizationId" = '00000000-0000-0000-0000-000000000000')
     RETURNING r."id"`,
    [filter.zones, filter.fromHourUtc, filter.toHourUtc],
  );
  return rows.map((r) => r.id);
}

/**
 * Reconciler's safety net for a race with loads: a batch that looked up intensities just before
 * a load committed stores a fallback estimate the load's re-estimation could not see. Puts back
 * to PENDING the runs whose current fallback estimate was written in the last `withinSeconds`
 * although their start hour has hourly data now (in the shared series or the run's
 * organization's private one; never another organization's).
 * @returns the ids of the runs to re-estimate.
 */
export async function markRecentFallbackRunsWithHourlyData(
  pool: pg.Pool,
  { withinSeconds }: { withinSeconds: number },
): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `UPDATE "FineTuneRun" r SET "status" = 'PENDING', "updatedAt" = now()
     FROM "Estimate" e
     WHERE e."isCurrent" AND e."intensitySource" <> 'hourly' AND e."intensitySource" <> 'method_constant'
       AND e."createdAt" > now() - make_interval(secs => $1)
       AND r."id" = e."runId" AND r."status" = 'ESTIMATED'
       AND EXISTS (
         SELECT 1 FROM "GridIntensityHour" h
         WHERE h."zoneId" = e."gridZone" AND h."hourUtc" = date_trunc('hour', e."startTimeUtc", 'UTC')
           AND h."organizationId" IN ('00000000-0000-0000-0000-000000000000', e."organizationId"))
     RETURNING r."id"`,
    [withinSeconds],
  );
  return rows.map((r) => r.id);
}
