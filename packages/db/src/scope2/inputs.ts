/**
 * SQL of the Scope 2 computation: what it reads (an organization's current estimates, its
 * instruments and residual-mix factors, the hourly series around its runs) and what it writes
 * (the Estimate's Scope 2 columns, InstrumentAllocation, Organization.scope2ComputedAt).
 * The method itself is `@finetrace/estimator`'s scope2.ts; the use case
 * packages/services/src/scope2/compute.ts.
 */
import type pg from "pg";
import { SHARED_SERIES_ID } from "../grid/load.js";
import {
  notifyRollupChange,
  rollupDeltaSql,
  rollupSourceList,
} from "../rollups/emissions-rollup.js";

type Db = pg.Pool | pg.PoolClient;

/** A current estimate as the Scope 2 computation reads it (numbers are JS numbers). */
export interface Scope2EstimateRow {
  estimateId: string;
  runId: string;
  gridZone: string;
  startTimeUtc: Date;
  reservedDurationHours: number;
  facilityEnergyKwh: number;
  operationalCarbonKgCo2e: number;
  /** "hourly" | "annual_zone" | "annual_country" | "method_constant". */
  intensitySource: string;
  /** "life-cycle" | "direct". */
  intensitySignal: string;
}

/** The organization's current estimates, oldest start first. */
export async function scope2Estimates(
  db: Db,
  organizationId: string,
): Promise<Scope2EstimateRow[]> {
  const { rows } = await db.query(
    `SELECT id AS "estimateId", "runId", "gridZone", "startTimeUtc",
            "reservedDurationHours"::float8 AS "reservedDurationHours",
            "facilityEnergyKwh"::float8 AS "facilityEnergyKwh",
            "operationalCarbonKgCo2e"::float8 AS "operationalCarbonKgCo2e",
            "intensitySource"::text AS "intensitySource", "intensitySignal"
     FROM "Estimate" WHERE "organizationId" = $1::uuid AND "isCurrent"
     ORDER BY "startTimeUtc", "runId"`,
    [organizationId],
  );
  return rows as Scope2EstimateRow[];
}

/** One hour of a zone: both intensity signals and the RE% / CFE% shares. */
export interface Scope2HourRow {
  zoneId: string;
  hourUtc: Date;
  lifecycleIntensityGPerKwh: number;
  directIntensityGPerKwh: number;
  renewablePercentage: number | null;
  carbonFreePercentage: number | null;
}

/**
 * The hours of each zone within [fromUtc, toUtc), the organization's private hour preferred over
 * the shared one (the lookup's rule, docs/adr/0060-grid-data-tenancy.md).
 */
export async function scope2Hours(
  db: Db,
  organizationId: string,
  ranges: readonly { zone: string; fromUtc: Date; toUtc: Date }[],
): Promise<Scope2HourRow[]> {
  if (ranges.length === 0) return [];
  const { rows } = await db.query(
    `SELECT DISTINCT ON (h."zoneId", h."hourUtc")
            h."zoneId", h."hourUtc", h."lifecycleIntensityGPerKwh", h."directIntensityGPerKwh",
            h."renewablePercentage", h."carbonFreePercentage"
     FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) AS r(zone, from_utc, to_utc)
     JOIN "GridIntensityHour" h
       ON h."zoneId" = r.zone AND h."hourUtc" >= r.from_utc AND h."hourUtc" < r.to_utc
      AND h."organizationId" IN ('${SHARED_SERIES_ID}', $1::uuid)
     ORDER BY h."zoneId", h."hourUtc", h."organizationId" DESC`,
    [
      organizationId,
      ranges.map((r) => r.zone),
      ranges.map((r) => r.fromUtc),
      ranges.map((r) => r.toUtc),
    ],
  );
  return rows as Scope2HourRow[];
}

/** A stored contractual instrument. Decimals as strings. */
export interface InstrumentRow {
  id: string;
  kind: string;
  gridZone: string;
  validFromUtc: Date;
  validToUtc: Date;
  energyMwh: string;
  emissionFactorGPerKwh: string;
  certificateId: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A stored residual-mix factor. */
export interface ResidualMixRow {
  gridZone: string;
  year: number;
  emissionFactorGPerKwh: string;
  source: string | null;
  updatedAt: Date;
}

const INSTRUMENT_COLUMNS = `id, kind::text AS kind, "gridZone", "validFromUtc", "validToUtc",
  "energyMwh"::text AS "energyMwh", "emissionFactorGPerKwh"::text AS "emissionFactorGPerKwh",
  "certificateId", "createdAt", "updatedAt"`;

/** The organization's instruments, by start of validity then certificate id. */
export async function listInstruments(db: Db, organizationId: string): Promise<InstrumentRow[]> {
  const { rows } = await db.query(
    `SELECT ${INSTRUMENT_COLUMNS} FROM "ContractualInstrument" WHERE "organizationId" = $1::uuid
     ORDER BY "validFromUtc", "certificateId"`,
    [organizationId],
  );
  return rows as InstrumentRow[];
}

/** The organization's residual-mix factors, by zone then year. */
export async function listResidualMixFactors(
  db: Db,
  organizationId: string,
): Promise<ResidualMixRow[]> {
  const { rows } = await db.query(
    `SELECT "gridZone", year, "emissionFactorGPerKwh"::text AS "emissionFactorGPerKwh", source, "updatedAt"
     FROM "ResidualMixFactor" WHERE "organizationId" = $1::uuid ORDER BY "gridZone", year`,
    [organizationId],
  );
  return rows as ResidualMixRow[];
}

/** An instrument to record (validated by the caller; decimals as strings or numbers). */
export interface InstrumentInput {
  kind: string;
  gridZone: string;
  validFromUtc: Date;
  validToUtc: Date;
  energyMwh: string;
  emissionFactorGPerKwh: string;
  certificateId: string;
}

/**
 * CTE that stamps organization $1's Scope 2 inputs as changed in the statement that changes them
 * (the staleness check compares it with `scope2ComputedAt`).
 */
const STAMP_INPUTS_CHANGED = `WITH stamped AS (
       UPDATE "Organization" SET "scope2InputsChangedAt" = clock_timestamp() WHERE id = $1::uuid
     )`;

/**
 * Insert or replace (by certificate id) instruments of an organization in one statement, and
 * stamp the organization's Scope 2 inputs as changed.
 * @returns the stored rows, in input order.
 */
export async function upsertInstruments(
  db: Db,
  organizationId: string,
  items: readonly InstrumentInput[],
): Promise<InstrumentRow[]> {
  if (items.length === 0) return [];
  const { rows } = await db.query(
    `${STAMP_INPUTS_CHANGED}
     INSERT INTO "ContractualInstrument" AS c
       (id, "organizationId", kind, "gridZone", "validFromUtc", "validToUtc", "energyMwh",
        "emissionFactorGPerKwh", "certificateId", "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, k::"ContractualInstrumentKind", z, f, t, m, e, c, now()
     FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::numeric[],
                 $7::numeric[], $8::text[]) WITH ORDINALITY AS i(k, z, f, t, m, e, c, n)
     ORDER BY n
     ON CONFLICT ("organizationId", "certificateId") DO UPDATE SET
       kind = excluded.kind, "gridZone" = excluded."gridZone", "validFromUtc" = excluded."validFromUtc",
       "validToUtc" = excluded."validToUtc", "energyMwh" = excluded."energyMwh",
       "emissionFactorGPerKwh" = excluded."emissionFactorGPerKwh", "updatedAt" = now()
     RETURNING ${INSTRUMENT_COLUMNS}`,
    [
      organizationId,
      items.map((i) => i.kind),
      items.map((i) => i.gridZone),
      items.map((i) => i.validFromUtc),
      items.map((i) => i.validToUtc),
      items.map((i) => i.energyMwh),
      items.map((i) => i.emissionFactorGPerKwh),
      items.map((i) => i.certificateId),
    ],
  );
  const byCertificate = new Map((rows as InstrumentRow[]).map((r) => [r.certificateId, r]));
  return items.map((i) => byCertificate.get(i.certificateId) as InstrumentRow);
}

/**
 * Delete one instrument of the organization (its allocations go with it) and stamp the inputs.
 * @returns false when the organization has no such instrument.
 */
export async function deleteInstrument(
  db: Db,
  organizationId: string,
  instrumentId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `WITH gone AS (
       DELETE FROM "ContractualInstrument" WHERE id = $2::uuid AND "organizationId" = $1::uuid RETURNING 1
     )
     UPDATE "Organization" SET "scope2InputsChangedAt" = clock_timestamp()
     WHERE id = $1::uuid AND EXISTS (SELECT FROM gone)`,
    [organizationId, instrumentId],
  );
  return (rowCount ?? 0) > 0;
}

/** A residual-mix factor to record. */
export interface ResidualMixInput {
  gridZone: string;
  year: number;
  emissionFactorGPerKwh: string;
  source: string | null;
}

/** Insert or replace residual-mix factors (by zone and year) and stamp the inputs. */
export async function upsertResidualMixFactors(
  db: Db,
  organizationId: string,
  items: readonly ResidualMixInput[],
): Promise<ResidualMixRow[]> {
  if (items.length === 0) return [];
  const { rows } = await db.query(
    `${STAMP_INPUTS_CHANGED}
     INSERT INTO "ResidualMixFactor" ("organizationId", "gridZone", year, "emissionFactorGPerKwh", source, "updatedAt")
     SELECT $1::uuid, z, y, e, s, now()
     FROM unnest($2::text[], $3::int[], $4::numeric[], $5::text[]) AS i(z, y, e, s)
     ON CONFLICT ("organizationId", "gridZone", year) DO UPDATE SET
       "emissionFactorGPerKwh" = excluded."emissionFactorGPerKwh", source = excluded.source, "updatedAt" = now()
     RETURNING "gridZone", year, "emissionFactorGPerKwh"::text AS "emissionFactorGPerKwh", source, "updatedAt"`,
    [
      organizationId,
      items.map((i) => i.gridZone),
      items.map((i) => i.year),
      items.map((i) => i.emissionFactorGPerKwh),
      items.map((i) => i.source),
    ],
  );
  return rows as ResidualMixRow[];
}

/** Set the organization's shift window (hours) and stamp the inputs. @returns false: no such organization. */
export async function setShiftWindowHours(
  db: Db,
  organizationId: string,
  windowHours: number,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE "Organization" SET "shiftWindowHours" = $2, "scope2InputsChangedAt" = clock_timestamp()
     WHERE id = $1::uuid`,
    [organizationId, windowHours],
  );
  return (rowCount ?? 0) > 0;
}

/** The Scope 2 settings and stamps of an organization; null when it does not exist. */
export async function scope2Settings(
  db: Db,
  organizationId: string,
): Promise<{ shiftWindowHours: number; computedAt: Date | null } | null> {
  const { rows } = await db.query(
    `SELECT "shiftWindowHours", "scope2ComputedAt" AS "computedAt" FROM "Organization" WHERE id = $1::uuid`,
    [organizationId],
  );
  return (rows[0] as { shiftWindowHours: number; computedAt: Date | null }) ?? null;
}

/**
 * Whether the stored Scope 2 results of an organization are stale: never computed while it has
 * estimates, or an input changed after the computation: an instrument, residual-mix factor or
 * the shift window (scope2InputsChangedAt), a current estimate written after it, or a grid load
 * of the shared series or of its private series finished after it.
 */
export async function scope2Staleness(
  db: Db,
  organizationId: string,
): Promise<{ computedAt: Date | null; stale: boolean }> {
  const { rows } = await db.query(
    `SELECT o."scope2ComputedAt" AS "computedAt",
            CASE WHEN o."scope2ComputedAt" IS NULL
              THEN EXISTS (SELECT FROM "Estimate" e WHERE e."organizationId" = o.id AND e."isCurrent")
              ELSE coalesce(o."scope2InputsChangedAt" > o."scope2ComputedAt", false)
                OR EXISTS (SELECT FROM "Estimate" e WHERE e."organizationId" = o.id AND e."isCurrent"
                             AND e."createdAt" > o."scope2ComputedAt")
                OR EXISTS (SELECT FROM "GridIntensityLoad" l
                           WHERE (l."organizationId" IS NULL OR l."organizationId" = o.id)
                             AND l.status = 'succeeded' AND l."finishedAt" > o."scope2ComputedAt")
            END AS stale
     FROM "Organization" o WHERE o.id = $1::uuid`,
    [organizationId],
  );
  return (
    (rows[0] as { computedAt: Date | null; stale: boolean }) ?? { computedAt: null, stale: false }
  );
}

/** One estimate's Scope 2 results to store (numbers rounded by NUMERIC(28, 9)). */
export interface Scope2ResultRow {
  estimateId: string;
  marketBasedCarbonKgCo2e: number;
  instrumentEnergyKwh: number;
  residualMixUnavailable: boolean;
  renewableEnergyKwh: number;
  carbonFreeEnergyKwh: number;
  shiftSavingKgCo2e: number | null;
  shiftBestStartUtc: Date | null;
}

/**
 * The Estimate columns of each result, and the same change applied to EmissionsRollup in the
 * statement (- the values before, + the values after; docs/adr/0080-emissions-rollup.md), so the
 * rollup's Scope 2 sums equal the raw sums in every snapshot. Current estimates only.
 */
/**
 * The new results, rounded to the Estimate columns' scale, so that an unchanged result compares
 * equal to the stored one ($2.. $9: ids and the columns, in `writeScope2Results` order).
 */
const NEW_RESULTS_CTE = `n AS (
    SELECT r.id, r.market::numeric(28, 9) AS market, r.covered::numeric(28, 9) AS covered,
      r.unavailable, r.renewable::numeric(28, 9) AS renewable, r.cfe::numeric(28, 9) AS cfe,
      r.saving::numeric(28, 9) AS saving, r.best::timestamptz(3) AS best
    FROM unnest($2::uuid[], $3::numeric[], $4::numeric[], $5::bool[], $6::numeric[],
                $7::numeric[], $8::numeric[], $9::timestamptz[])
      AS r(id, market, covered, unavailable, renewable, cfe, saving, best)
  )`;

/** The current estimates of the organization whose stored result differs from the new one. */
const CHANGED = `e.id = n.id AND e."organizationId" = $1::uuid AND e."isCurrent"
    AND (e."marketBasedCarbonKgCo2e", e."instrumentEnergyKwh", e."residualMixUnavailable",
         e."renewableEnergyKwh", e."carbonFreeEnergyKwh", e."shiftSavingKgCo2e",
         e."shiftBestStartUtc")
      IS DISTINCT FROM (n.market, n.covered, n.unavailable, n.renewable, n.cfe, n.saving, n.best)`;

/** Lock the estimates whose result changes, in id order (see `writeScope2Results`). */
const lockChangedSql = `WITH ${NEW_RESULTS_CTE}
  SELECT 1 FROM "Estimate" e JOIN n ON ${CHANGED} ORDER BY e.id FOR UPDATE OF e`;

/**
 * The Estimate columns of each changed result, and the same change applied to EmissionsRollup in
 * the statement (- the values before, + the values after; docs/adr/0080-emissions-rollup.md), so
 * the rollup's Scope 2 sums equal the raw sums in every snapshot. Current estimates only; an
 * unchanged result writes nothing (most of an organization's estimates on a recomputation).
 */
const writeScope2Sql = rollupDeltaSql(
  "delta",
  `WITH ${NEW_RESULTS_CTE}, before AS (
    SELECT ${rollupSourceList("e")}, -1 AS sign FROM "Estimate" e JOIN n ON ${CHANGED}
  ), updated AS (
    UPDATE "Estimate" e SET
      "marketBasedCarbonKgCo2e" = n.market, "instrumentEnergyKwh" = n.covered,
      "residualMixUnavailable" = n.unavailable, "renewableEnergyKwh" = n.renewable,
      "carbonFreeEnergyKwh" = n.cfe, "shiftSavingKgCo2e" = n.saving, "shiftBestStartUtc" = n.best
    FROM n WHERE ${CHANGED}
    RETURNING ${rollupSourceList("e")}, 1 AS sign
  ), delta AS (
    SELECT * FROM before UNION ALL SELECT * FROM updated
  )`,
);

/**
 * Store an organization's Scope 2 results in the caller's transaction: the Estimate columns of
 * each row, the organization's allocations replaced, `scope2ComputedAt` = `computedAt`.
 */
export async function writeScope2Results(
  client: pg.PoolClient,
  organizationId: string,
  results: readonly Scope2ResultRow[],
  allocations: readonly { instrumentId: string; runId: string; energyKwh: number }[],
  computedAt: Date,
): Promise<void> {
  const params = [
    organizationId,
    results.map((r) => r.estimateId),
    results.map((r) => r.marketBasedCarbonKgCo2e),
    results.map((r) => r.instrumentEnergyKwh),
    results.map((r) => r.residualMixUnavailable),
    results.map((r) => r.renewableEnergyKwh),
    results.map((r) => r.carbonFreeEnergyKwh),
    results.map((r) => r.shiftSavingKgCo2e),
    results.map((r) => r.shiftBestStartUtc),
  ];
  // Lock the estimates whose result changes first (in id order): the delta then reads their
  // values before and after the update in one snapshot no concurrent estimate write can change,
  // and an estimate retired meanwhile is neither updated nor counted (its successor's result is
  // the next computation's).
  await client.query(lockChangedSql, params);
  await client.query(writeScope2Sql, params);
  await notifyRollupChange(client, [organizationId]);
  await client.query(`DELETE FROM "InstrumentAllocation" WHERE "organizationId" = $1::uuid`, [
    organizationId,
  ]);
  if (allocations.length > 0)
    await client.query(
      `INSERT INTO "InstrumentAllocation" ("instrumentId", "runId", "organizationId", "energyKwh")
       SELECT i, r, $1::uuid, k FROM unnest($2::uuid[], $3::uuid[], $4::numeric[]) AS a(i, r, k)`,
      [
        organizationId,
        allocations.map((a) => a.instrumentId),
        allocations.map((a) => a.runId),
        allocations.map((a) => a.energyKwh),
      ],
    );
  await client.query(`UPDATE "Organization" SET "scope2ComputedAt" = $2 WHERE id = $1::uuid`, [
    organizationId,
    computedAt,
  ]);
}

/** The distinct organizations of these runs (for the Scope 2 recomputation after estimation). */
export async function organizationsOfRuns(db: Db, runIds: readonly string[]): Promise<string[]> {
  if (runIds.length === 0) return [];
  const { rows } = await db.query<{ id: string }>(
    `SELECT DISTINCT "organizationId" AS id FROM "FineTuneRun" WHERE id = ANY ($1::uuid[]) ORDER BY 1`,
    [runIds],
  );
  return rows.map((r) => r.id);
}

/** Which of these zone ids are stored GridZone rows. */
export async function knownGridZones(db: Db, zones: readonly string[]): Promise<string[]> {
  if (zones.length === 0) return [];
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM "GridZone" WHERE id = ANY ($1::text[])`,
    [zones],
  );
  return rows.map((r) => r.id);
}
