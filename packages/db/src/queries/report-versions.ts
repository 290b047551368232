/**
 * SQL of report versions (docs/adr/0095-report-versions-and-restatements.md). A Report row is
 * the head of one (organization, month): its status and a copy of the newest version's figures
 * and renderings, for listings. Each generation that changes the figures adds one immutable
 * ReportVersion row (a trigger rejects UPDATE); `version` is unique per report, so two
 * concurrent generations cannot both write version n + 1 (the loser fails and its job retries).
 */
import type pg from "pg";
import type { ReportRecord } from "./reports.js";

/** The head of a report: its id and newest version number (0 = none yet). */
export interface ReportHead {
  reportId: string;
  latestVersion: number;
}

/** Create the head of (organizationId, period) if missing (status PENDING). */
export async function ensureReportHead(
  pool: pg.Pool | pg.PoolClient,
  { organizationId, period }: { organizationId: string; period: string },
): Promise<ReportHead> {
  const { rows } = await pool.query<ReportHead>(
    `INSERT INTO "Report" ("id", "organizationId", "period") VALUES (gen_random_uuid(), $1::uuid, $2)
     ON CONFLICT ("organizationId", "period") DO UPDATE SET "period" = EXCLUDED."period"
     RETURNING "id" AS "reportId", "latestVersion"`,
    [organizationId, period],
  );
  const row = rows[0];
  if (!row) throw new Error("report head upsert returned no row");
  return row;
}

/** What a new version compares itself with. */
export interface PreviousVersion {
  version: number;
  generatedAt: Date;
  fingerprint: string;
  model: unknown;
  estimateIds: string[];
}

/** The newest version of a report, or null when none was generated. */
export async function latestReportVersion(
  pool: pg.Pool | pg.PoolClient,
  reportId: string,
): Promise<PreviousVersion | null> {
  const { rows } = await pool.query<PreviousVersion>(
    `SELECT "version", "generatedAt", "fingerprint", "model", coalesce("estimateIds", '{}') AS "estimateIds"
     FROM "ReportVersion" WHERE "reportId" = $1::uuid ORDER BY "version" DESC LIMIT 1`,
    [reportId],
  );
  return rows[0] ?? null;
}

/** A version to store; the head's copy is updated from the same record. */
export interface ReportVersionRecord extends ReportRecord {
  reportId: string;
  version: number;
  generatedAt: Date;
  trigger: string;
  causes: string[];
  fingerprint: string;
  model: unknown;
  diff: unknown;
  estimateIds: string[];
}

/**
 * Insert version `r.version` and make it the head's copy (READY), in one transaction of the
 * caller's client. @throws a unique violation (23505) when another generation wrote that version.
 */
export async function insertReportVersion(
  client: pg.PoolClient,
  r: ReportVersionRecord,
): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO "ReportVersion" ("id", "reportId", "organizationId", "period", "version",
       "generatedAt", "trigger", "causes", "fingerprint", "model", "diff", "estimateIds", "csv",
       "html", "pdf")
     VALUES (gen_random_uuid(), $1::uuid, $2::uuid, $3, $4, $5, $6, $7::text[], $8, $9::jsonb,
       $10::jsonb, $11::uuid[], $12, $13, $14)
     RETURNING "id"`,
    [
      r.reportId,
      r.organizationId,
      r.period,
      r.version,
      r.generatedAt,
      r.trigger,
      r.causes,
      r.fingerprint,
      JSON.stringify(r.model),
      r.diff === null ? null : JSON.stringify(r.diff),
      r.estimateIds,
      r.csv,
      r.html,
      r.pdf,
    ],
  );
  await client.query(
    `UPDATE "Report" SET "status" = 'READY', "generatedAt" = $2, "failureReason" = NULL,
       "runCount" = $3, "facilityEnergyKwh" = $4, "operationalCarbonKgCo2e" = $5,
       "embodiedCarbonKgCo2e" = $6, "totalCarbonKgCo2e" = $7, "onsiteWaterLiters" = $8,
       "offsiteWaterLiters" = $9, "embodiedWaterLiters" = $10, "totalWaterLiters" = $11,
       "imputedShare" = $12, "breakdown" = $13::jsonb, "csv" = $14, "html" = $15, "pdf" = $16,
       "latestVersion" = $17
     WHERE "id" = $1::uuid`,
    [
      r.reportId,
      r.generatedAt,
      r.runCount,
      r.facilityEnergyKwh,
      r.operationalCarbonKgCo2e,
      r.embodiedCarbonKgCo2e,
      r.totalCarbonKgCo2e,
      r.onsiteWaterLiters,
      r.offsiteWaterLiters,
      r.embodiedWaterLiters,
      r.totalWaterLiters,
      r.imputedShare,
      JSON.stringify(r.breakdown),
      r.csv,
      r.html,
      r.pdf,
      r.version,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error("report version insert returned no row");
  return row.id;
}

/** A regeneration that changed nothing: the head is READY again, no version is added. */
export async function markReportUnchanged(
  pool: pg.Pool | pg.PoolClient,
  reportId: string,
): Promise<void> {
  await pool.query(
    `UPDATE "Report" SET "status" = 'READY', "failureReason" = NULL WHERE "id" = $1::uuid`,
    [reportId],
  );
}

/** A run whose estimate differs between two versions (added, removed or re-estimated). */
export interface EstimateChangeRow {
  runId: string;
  externalId: string | null;
  previousEstimateId: string | null;
  estimateId: string | null;
  previousTotalCarbonKgCo2e: string | null;
  totalCarbonKgCo2e: string | null;
  previousMethodologyVersion: string | null;
  methodologyVersion: string | null;
  previousIntensitySource: string | null;
  intensitySource: string | null;
  previousIntensitySeries: string | null;
  intensitySeries: string | null;
  previousMeanIntensityGPerKwh: string | null;
  meanIntensityGPerKwh: string | null;
  previousProvenanceHash: string | null;
  provenanceHash: string | null;
}

/**
 * The runs whose estimate is not the same between the estimate id sets `previousIds` and
 * `currentIds` (a run with an estimate in only one set was added or removed), with the fields
 * that tell why, ordered by externalId. Superseded estimates are kept (isCurrent = false), so
 * the previous ones are still readable. The provenance compared leaves out
 * `annualIntensityYear`: the year of an annual fallback follows from the grid data (a run
 * re-priced hourly loses it), it is no disclosure change.
 */
export async function estimateChanges(
  pool: pg.Pool | pg.PoolClient,
  previousIds: readonly string[],
  currentIds: readonly string[],
): Promise<EstimateChangeRow[]> {
  const cols = (a: string) =>
    `${a}.id AS "${a}Id", ${a}."runId" AS "${a}RunId", ${a}."totalCarbonKgCo2e"::text AS "${a}Carbon",
     ${a}."methodologyVersion" AS "${a}Method", ${a}."intensitySource"::text AS "${a}Source",
     ${a}."intensitySeries" AS "${a}Series", ${a}."meanIntensityGPerKwh"::text AS "${a}Mean",
     (SELECT md5((d.document - 'annualIntensityYear')::text) FROM "ProvenanceDocument" d
      WHERE d.hash = ${a}."provenanceHash") AS "${a}Hash"`;
  const { rows } = await pool.query<Record<string, string | null>>(
    `WITH p AS (SELECT ${cols("e")} FROM "Estimate" e WHERE e.id = ANY($1::uuid[])),
          c AS (SELECT ${cols("e")} FROM "Estimate" e WHERE e.id = ANY($2::uuid[]))
     SELECT coalesce(c."eRunId", p."eRunId") AS "runId", r."externalId",
            p."eId" AS "pId", c."eId" AS "cId", p."eCarbon" AS "pCarbon", c."eCarbon" AS "cCarbon",
            p."eMethod" AS "pMethod", c."eMethod" AS "cMethod", p."eSource" AS "pSource",
            c."eSource" AS "cSource", p."eSeries" AS "pSeries", c."eSeries" AS "cSeries",
            p."eMean" AS "pMean", c."eMean" AS "cMean", p."eHash" AS "pHash", c."eHash" AS "cHash"
     FROM p FULL JOIN c ON c."eRunId" = p."eRunId"
     LEFT JOIN "FineTuneRun" r ON r.id = coalesce(c."eRunId", p."eRunId")
     WHERE p."eId" IS DISTINCT FROM c."eId"
     ORDER BY r."externalId", 1`,
    [previousIds, currentIds],
  );
  return rows.map((r) => ({
    runId: r.runId as string,
    externalId: r.externalId ?? null,
    previousEstimateId: r.pId ?? null,
    estimateId: r.cId ?? null,
    previousTotalCarbonKgCo2e: r.pCarbon ?? null,
    totalCarbonKgCo2e: r.cCarbon ?? null,
    previousMethodologyVersion: r.pMethod ?? null,
    methodologyVersion: r.cMethod ?? null,
    previousIntensitySource: r.pSource ?? null,
    intensitySource: r.cSource ?? null,
    previousIntensitySeries: r.pSeries ?? null,
    intensitySeries: r.cSeries ?? null,
    previousMeanIntensityGPerKwh: r.pMean ?? null,
    meanIntensityGPerKwh: r.cMean ?? null,
    previousProvenanceHash: r.pHash ?? null,
    provenanceHash: r.cHash ?? null,
  }));
}

/** A grid-intensity load that finished since a version was generated. */
export interface GridLoadSince {
  id: string;
  series: "shared" | "organization";
  finishedAt: Date;
  fromHourUtc: Date | null;
  toHourUtc: Date | null;
  reestimatedRuns: number;
}

/**
 * Succeeded grid loads (shared, or `organizationId`'s private ones) that finished after `since`
 * and whose hours overlap [fromUtc, toUtc): the restatement's grid-data causes.
 */
export async function gridLoadsSince(
  pool: pg.Pool | pg.PoolClient,
  {
    organizationId,
    since,
    fromUtc,
    toUtc,
  }: { organizationId: string; since: Date; fromUtc: Date; toUtc: Date },
): Promise<GridLoadSince[]> {
  const { rows } = await pool.query<GridLoadSince>(
    `SELECT "id", CASE WHEN "organizationId" IS NULL THEN 'shared' ELSE 'organization' END AS "series",
            "finishedAt", "fromHourUtc", "toHourUtc", coalesce("reestimatedRuns", 0)::int AS "reestimatedRuns"
     FROM "GridIntensityLoad"
     WHERE "status" = 'succeeded' AND "finishedAt" > $2
       AND ("organizationId" IS NULL OR "organizationId" = $1::uuid)
       AND "fromHourUtc" < $4 AND "toHourUtc" >= $3
     ORDER BY "finishedAt", "id"`,
    [organizationId, since, fromUtc, toUtc],
  );
  return rows;
}

/**
 * The (organization, month) pairs of reports already generated (latestVersion > 0) that contain
 * the current estimate of one of `runIds` (month cut in the organization's reporting time zone):
 * the months a re-estimation restates.
 */
export async function reportedMonthsOfRuns(
  pool: pg.Pool | pg.PoolClient,
  runIds: readonly string[],
): Promise<{ organizationId: string; period: string }[]> {
  if (runIds.length === 0) return [];
  const { rows } = await pool.query<{ organizationId: string; period: string }>(
    `SELECT DISTINCT rep."organizationId", rep."period"
     FROM "Estimate" e
     JOIN "Organization" o ON o.id = e."organizationId"
     JOIN "Report" rep ON rep."organizationId" = e."organizationId"
       AND rep."period" = to_char(e."startTimeUtc" AT TIME ZONE o."reportingTimezone", 'YYYY-MM')
     WHERE e."runId" = ANY($1::uuid[]) AND e."isCurrent" AND rep."latestVersion" > 0
     ORDER BY 1, 2`,
    [runIds],
  );
  return rows;
}

/** A version's metadata (no renderings). */
export interface ReportVersionSummary {
  id: string;
  reportId: string;
  version: number;
  generatedAt: Date;
  trigger: string;
  causes: string[];
  fingerprint: string;
  model: unknown;
  diff: unknown;
}

const SUMMARY_COLUMNS = `"id", "reportId", "version", "generatedAt", "trigger", "causes", "fingerprint", "model", "diff"`;

/** Every version of (organizationId, period), oldest first. */
export async function listReportVersions(
  pool: pg.Pool | pg.PoolClient,
  { organizationId, period }: { organizationId: string; period: string },
): Promise<ReportVersionSummary[]> {
  const { rows } = await pool.query<ReportVersionSummary>(
    `SELECT ${SUMMARY_COLUMNS} FROM "ReportVersion"
     WHERE "organizationId" = $1::uuid AND "period" = $2 ORDER BY "version"`,
    [organizationId, period],
  );
  return rows;
}

/** One version with its renderings; `version` null = the newest. Null when there is none. */
export async function getReportVersion(
  pool: pg.Pool | pg.PoolClient,
  {
    organizationId,
    period,
    version,
  }: { organizationId: string; period: string; version: number | null },
): Promise<(ReportVersionSummary & { csv: string; html: string; pdf: Buffer }) | null> {
  const { rows } = await pool.query<
    ReportVersionSummary & { csv: string; html: string; pdf: Buffer }
  >(
    `SELECT ${SUMMARY_COLUMNS}, "csv", "html", "pdf" FROM "ReportVersion"
     WHERE "organizationId" = $1::uuid AND "period" = $2 AND ($3::int IS NULL OR "version" = $3)
     ORDER BY "version" DESC LIMIT 1`,
    [organizationId, period, version],
  );
  return rows[0] ?? null;
}

/**
 * The months of `organizationId` already reported (latestVersion > 0) that overlap
 * [fromUtc, toUtc), cut in its reporting time zone: the months a change of its Scope 2 inputs
 * (an instrument's validity period, a residual-mix year) restates.
 */
export async function reportedMonthsOverlapping(
  pool: pg.Pool | pg.PoolClient,
  { organizationId, fromUtc, toUtc }: { organizationId: string; fromUtc: Date; toUtc: Date },
): Promise<{ organizationId: string; period: string }[]> {
  const { rows } = await pool.query<{ organizationId: string; period: string }>(
    `SELECT rep."organizationId", rep."period"
     FROM "Report" rep JOIN "Organization" o ON o.id = rep."organizationId"
     WHERE rep."organizationId" = $1::uuid AND rep."latestVersion" > 0
       AND ((rep."period" || '-01')::timestamp AT TIME ZONE o."reportingTimezone") < $3
       AND (((rep."period" || '-01')::timestamp + interval '1 month') AT TIME ZONE o."reportingTimezone") > $2
     ORDER BY rep."period"`,
    [organizationId, fromUtc, toUtc],
  );
  return rows;
}

/**
 * When `organizationId` last changed a Scope 2 input (instruments, residual-mix factors, shift
 * window; Organization.scope2InputsChangedAt), null if never: a change after a version's
 * generation is its successor's "market-based-inputs" cause.
 */
export async function scope2InputsChangedAt(
  pool: pg.Pool | pg.PoolClient,
  organizationId: string,
): Promise<Date | null> {
  const { rows } = await pool.query<{ changedAt: Date | null }>(
    `SELECT "scope2InputsChangedAt" AS "changedAt" FROM "Organization" WHERE "id" = $1::uuid`,
    [organizationId],
  );
  return rows[0]?.changedAt ?? null;
}
