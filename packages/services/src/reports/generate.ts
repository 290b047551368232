/**
 * Use case "generate a monthly report": builds one organization's report of one month (the model
 * of `build.ts`), and stores it as a new immutable version when its figures differ from the
 * newest version's, with a machine-readable diff against it and its causes
 * (docs/adr/0095-report-versions-and-restatements.md); a regeneration that changes nothing adds
 * no version. The renderings (CSV, HTML, PDF) carry the version and its generation time.
 *
 * The Scope 2 summaries are read first (`scope2MonthSummary` may recompute stale results), then
 * every other figure in one REPEATABLE READ transaction, so totals and breakdowns describe the
 * same snapshot; the totals are the NUMERIC sums of `aggregateEmissions`, equal to a direct
 * `SELECT sum(...)` over the month's current estimates. Called by the worker's `monthly-report`
 * job (GraphQL `requestReport`, the monthly fan-out and restatements enqueue it) and by
 * `finetrace report` (which needs neither Redis nor a running worker).
 */
import {
  ensureReportHead,
  estimateChanges,
  getReportOrganization,
  gridLoadsSince,
  insertReportVersion,
  latestReportVersion,
  markReportUnchanged,
  type PreviousVersion,
  reportEstimateIds,
  scope2InputsChangedAt,
  withTransaction,
} from "@finetrace/db";
import type pg from "pg";
import { scope2MonthSummary } from "../scope2/month-summary.js";
import { buildReportModel, type ReportRanges, reportRanges } from "./build.js";
import { type FigureRow, reportFigureRows } from "./figures.js";
import type { MonthlyReport } from "./model.js";
import { renderReportCsv } from "./render-csv.js";
import { renderReportHtml } from "./render-html.js";
import { renderReportPdf } from "./render-pdf.js";
import {
  buildDiff,
  diffFigures,
  isNoOpReestimation,
  type ReportDiff,
  reportFingerprint,
  runChange,
  versionCauses,
} from "./versions.js";

export type { FigureChange, ReportDiff, RunChange } from "./versions.js";

/** What asked for a generation (ReportVersion.trigger). */
export const reportTriggers = ["requested", "scheduled", "cli", "restatement"] as const;
export type ReportTrigger = (typeof reportTriggers)[number];

/** The outcome: the version stored (created) or the newest one, unchanged. */
export interface GeneratedReport {
  reportId: string;
  /** The new version's number, or the newest version's when nothing changed. */
  version: number;
  /** False when the figures equal the newest version's (no version added). */
  created: boolean;
  /** The new version's causes ("initial" for version 1); empty when nothing changed. */
  causes: string[];
  runCount: number;
  /** Exact total carbon, decimal string, kgCO2e. */
  totalCarbonKgCo2e: string;
}

async function readModel(
  pool: pg.Pool,
  organizationId: string,
  period: string,
  ranges: ReportRanges,
): Promise<{ model: MonthlyReport; estimateIds: string[] }> {
  const scope2 = {
    month: await scope2MonthSummary(pool, organizationId, ranges.month),
    previousMonth: await scope2MonthSummary(pool, organizationId, ranges.previousMonth),
    yearToDate: await scope2MonthSummary(pool, organizationId, ranges.yearToDate),
  };
  return withTransaction(
    pool,
    async (client) => ({
      model: await buildReportModel(client, { organizationId, period }, ranges, scope2),
      estimateIds: await reportEstimateIds(client, { organizationId, ...ranges.month }),
    }),
    { mode: "REPEATABLE READ READ ONLY" },
  );
}

/** The diff of the new figures against `previous` (runs named, causes derived). */
async function diffAgainst(
  pool: pg.Pool,
  previous: PreviousVersion,
  current: { model: MonthlyReport; rows: FigureRow[]; estimateIds: string[] },
  ranges: ReportRanges,
): Promise<ReportDiff> {
  const previousModel = previous.model as MonthlyReport;
  const runs = (await estimateChanges(pool, previous.estimateIds, current.estimateIds))
    .filter((row) => !isNoOpReestimation(row))
    .map(runChange);
  const changedAt = await scope2InputsChangedAt(pool, current.model.organization.id);
  const figures = diffFigures(reportFigureRows(previousModel), current.rows);
  const causes = versionCauses({
    runs,
    figures,
    previousModelVersion: previousModel.modelVersion ?? null,
    modelVersion: current.model.modelVersion,
    scope2InputsChanged: changedAt !== null && changedAt > previous.generatedAt,
  });
  const gridLoads = await gridLoadsSince(pool, {
    organizationId: current.model.organization.id,
    since: previous.generatedAt,
    ...ranges.month,
  });
  return buildDiff({
    fromVersion: previous.version,
    previousGeneratedAt: previous.generatedAt,
    runs,
    figures,
    causes,
    gridLoads,
  });
}

/**
 * Generate the report of `organizationId` for `period` ("YYYY-MM", cut in the organization's
 * reporting timezone); store it as version n + 1 when its figures changed.
 * @throws ReportOrganizationNotFoundError when the organization does not exist; a unique
 *   violation when a concurrent generation stored the same version number (retry); database
 *   errors. Nothing is stored then.
 */
export async function generateMonthlyReport(
  pool: pg.Pool,
  {
    organizationId,
    period,
    trigger = "requested",
  }: { organizationId: string; period: string; trigger?: ReportTrigger },
): Promise<GeneratedReport> {
  const organization = await getReportOrganization(pool, organizationId);
  const ranges = await reportRanges(pool, organization.reportingTimezone, period);
  const { model, estimateIds } = await readModel(pool, organizationId, period, ranges);
  const rows = reportFigureRows(model);
  const fingerprint = reportFingerprint(rows);
  const head = await ensureReportHead(pool, { organizationId, period });
  const previous = await latestReportVersion(pool, head.reportId);
  const t = model.totals;
  const outcome = {
    reportId: head.reportId,
    runCount: t.runCount,
    totalCarbonKgCo2e: t.totalCarbonKgCo2e,
  };
  if (previous && previous.fingerprint === fingerprint) {
    await markReportUnchanged(pool, head.reportId);
    return { ...outcome, version: previous.version, created: false, causes: [] };
  }
  const diff = previous
    ? await diffAgainst(pool, previous, { model, rows, estimateIds }, ranges)
    : null;
  const causes = diff ? diff.causes : ["initial"];
  const version = (previous?.version ?? 0) + 1;
  const generatedAt = new Date();
  const report: MonthlyReport = { ...model, version, generatedAt: generatedAt.toISOString() };
  const { organization: _org, totals: _totals, ...breakdown } = report;
  const record = {
    reportId: head.reportId,
    organizationId,
    period,
    version,
    generatedAt,
    trigger,
    causes,
    fingerprint,
    model: report,
    diff,
    estimateIds,
    runCount: t.runCount,
    facilityEnergyKwh: t.facilityEnergyKwh,
    operationalCarbonKgCo2e: t.operationalCarbonKgCo2e,
    embodiedCarbonKgCo2e: t.embodiedCarbonKgCo2e,
    totalCarbonKgCo2e: t.totalCarbonKgCo2e,
    onsiteWaterLiters: t.onsiteWaterLiters,
    offsiteWaterLiters: t.offsiteWaterLiters,
    embodiedWaterLiters: t.embodiedWaterLiters,
    totalWaterLiters: t.totalWaterLiters,
    imputedShare: report.imputedShare,
    breakdown,
    csv: renderReportCsv(report, rows),
    html: renderReportHtml(report, diff),
    pdf: await renderReportPdf(report, diff),
  };
  await withTransaction(pool, (client) => insertReportVersion(client, record));
  return { ...outcome, version, created: true, causes };
}
