/**
 * SQL of the monthly reports (apps/worker `monthly-report`). The aggregations themselves are
 * `aggregateEmissions` (queries/emissions.ts) and `report-figures.ts`; this module cuts months,
 * reads inference usage and records failures; `report-versions.ts` stores the immutable versions
 * (one Report head per (organization, month), docs/adr/0095-report-versions-and-restatements.md).
 */
import type { SummableQuantity } from "@finetrace/estimator";
import type pg from "pg";

export * from "./report-figures.js";
export * from "./report-versions.js";

/** The quantities a Report row stores: every summable one but IT energy (facility energy is reported). */
export type ReportQuantity = Exclude<SummableQuantity, "itEnergyKwh">;

export interface ReportOrganization {
  id: string;
  slug: string;
  name: string;
  /** IANA timezone in which the organization's months are cut. */
  reportingTimezone: string;
}

/** Thrown when a report is asked for an organization that does not exist. */
export class ReportOrganizationNotFoundError extends Error {
  constructor(readonly organizationId: string) {
    super(`organizationId: organization ${organizationId} does not exist`);
    this.name = "ReportOrganizationNotFoundError";
  }
}

/** Ids of every organization, for the monthly fan-out. */
export async function listOrganizationIds(pool: pg.Pool | pg.PoolClient): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT "id" FROM "Organization" ORDER BY "id"`,
  );
  return rows.map((r) => r.id);
}

/** @throws ReportOrganizationNotFoundError */
export async function getReportOrganization(
  pool: pg.Pool | pg.PoolClient,
  organizationId: string,
): Promise<ReportOrganization> {
  const { rows } = await pool.query<ReportOrganization>(
    `SELECT "id", "slug", "name", "reportingTimezone" FROM "Organization" WHERE "id" = $1::uuid`,
    [organizationId],
  );
  const org = rows[0];
  if (!org) throw new ReportOrganizationNotFoundError(organizationId);
  return org;
}

/**
 * [fromUtc, toUtc) of month `period` ("YYYY-MM") in `timezone`: local midnight of the 1st to
 * local midnight of the next 1st, converted by Postgres' tz database (DST-correct).
 */
export async function monthBoundsUtc(
  pool: pg.Pool | pg.PoolClient,
  period: string,
  timezone: string,
): Promise<{ fromUtc: Date; toUtc: Date }> {
  const { rows } = await pool.query<{ fromUtc: Date; toUtc: Date }>(
    `SELECT (($1 || '-01')::timestamp AT TIME ZONE $2) AS "fromUtc",
            (($1 || '-01')::timestamp + interval '1 month') AT TIME ZONE $2 AS "toUtc"`,
    [period, timezone],
  );
  const row = rows[0];
  if (!row) throw new Error("month bounds query returned no row");
  return row;
}

/**
 * Daily inference counts reported in InferenceUsage for `modelKeys` on the days of `period`
 * ("YYYY-MM"): modelKey -> ("YYYY-MM-DD" -> count). Counts are exact integers below 2^53.
 */
export async function dailyInferenceUsage(
  pool: pg.Pool | pg.PoolClient,
  {
    organizationId,
    modelKeys,
    period,
  }: { organizationId: string; modelKeys: readonly string[]; period: string },
): Promise<Map<string, Map<string, number>>> {
  const usage = new Map<string, Map<string, number>>();
  if (modelKeys.length === 0) return usage;
  const { rows } = await pool.query<{ modelKey: string; day: string; inferenceCount: string }>(
    `SELECT "modelKey", to_char("day", 'YYYY-MM-DD') AS "day", "inferenceCount"::text AS "inferenceCount"
     FROM "InferenceUsage"
     WHERE "organizationId" = $1::uuid AND "modelKey" = ANY($2::text[])
       AND "day" >= ($3 || '-01')::date AND "day" < ($3 || '-01')::date + interval '1 month'`,
    [organizationId, modelKeys, period],
  );
  for (const r of rows) {
    const days = usage.get(r.modelKey) ?? new Map<string, number>();
    days.set(r.day, Number(r.inferenceCount));
    usage.set(r.modelKey, days);
  }
  return usage;
}

/** The head figures of one version (copied onto the Report row). Quantities are exact decimal strings. */
export interface ReportRecord extends Record<ReportQuantity, string> {
  organizationId: string;
  period: string;
  runCount: number;
  /** 0..1, 9 decimals. */
  imputedShare: string;
  breakdown: unknown;
  csv: string;
  html: string;
  pdf: Buffer;
}

/**
 * Record that building (organizationId, period) failed for good (attempts exhausted), keeping
 * any previous content of that month's report.
 */
export async function markReportFailed(
  pool: pg.Pool | pg.PoolClient,
  { organizationId, period, reason }: { organizationId: string; period: string; reason: string },
): Promise<void> {
  await pool.query(
    `INSERT INTO "Report" ("id", "organizationId", "period", "status", "failureReason")
     VALUES (gen_random_uuid(), $1::uuid, $2, 'FAILED', $3)
     ON CONFLICT ("organizationId", "period") DO UPDATE SET "status" = 'FAILED', "failureReason" = $3`,
    [organizationId, period, reason],
  );
}
