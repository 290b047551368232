/**
 * Builds and stores one organization's monthly report: totals, breakdowns by base model / grid
 * zone / GPU model / day, the share of imputed inputs, and per-inference figures of each
 * continuous fine-tuning chain re-projected with the inference counts reported in
 * InferenceUsage (METHODOLOGY.md s.7), rendered as CSV, HTML and PDF. The Report row is unique
 * per (organization, month): generating a month again replaces it.
 *
 * All reads happen in one REPEATABLE READ transaction, so totals and breakdowns describe the
 * same snapshot; the totals are the NUMERIC sums of `aggregateEmissions`, equal to a direct
 * `SELECT sum(...)` over the month's current estimates. Use case "generate a monthly report":
 * called by the worker's `monthly-report` job, `finetrace report` (which needs neither Redis nor
 * a running worker) and, through the job, GraphQL `requestReport`.
 */
import {
  aggregateEmissions,
  dailyInferenceUsage,
  type EmissionsDimension,
  type EmissionsGroupRow,
  getReportOrganization,
  monthBoundsUtc,
  upsertReport,
  withTransaction,
} from "@finetrace/db";
import { reprojectAmortization } from "@finetrace/estimator";
import type pg from "pg";
import type { ChainAmortization, MonthlyReport, ReportGroup } from "./model.js";
import { renderReportCsv } from "./render-csv.js";
import { renderReportHtml } from "./render-html.js";
import { renderReportPdf } from "./render-pdf.js";

/** What was stored: the report's id, run count and exact total carbon (decimal string, kgCO2e). */
export interface GeneratedReport {
  reportId: string;
  runCount: number;
  totalCarbonKgCo2e: string;
}

function groups(rows: EmissionsGroupRow[], key: keyof EmissionsGroupRow["key"]): ReportGroup[] {
  return rows.map((r) => ({ key: r.key[key] ?? "(none)", figures: r.figures }));
}

/** Calendar days of "YYYY-MM", as "YYYY-MM-DD". */
function daysOfMonth(period: string): string[] {
  const [year, month] = period.split("-").map(Number) as [number, number];
  const count = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${period}-${String(i + 1).padStart(2, "0")}`);
}

/**
 * Per-inference figures of one chain for the month. The chain's footprint (its runs started in
 * the month that carry use data) is amortized over the month's days with the estimator's
 * re-projection schedule (`reprojectAmortization`, one period = one day): days with a reported
 * count use it, and the projection of the following days becomes that count; days without one
 * use the projection (projected inferences of the runs / days of the month).
 */
function chainAmortization(
  chain: EmissionsGroupRow,
  days: readonly string[],
  reported: Map<string, number> | undefined,
): ChainAmortization {
  const use = chain.figures.useData;
  const carbonKgCo2e = Number(use.totalCarbonKgCo2e);
  const waterLiters = Number(use.totalWaterLiters);
  const projectedInferences = Number(use.projectedInferences);
  const actualByDay = days.map((d) => reported?.get(d) ?? null);
  const reportedCounts = actualByDay.filter((n): n is number => n !== null);
  let reprojectedCarbon: number | null = null;
  let reprojectedWater: number | null = null;
  if (projectedInferences > 0) {
    const schedule = reprojectAmortization({
      totalCarbonKgCo2e: carbonKgCo2e,
      totalWaterLiters: waterLiters,
      useLifeMonths: days.length,
      projectedInferencesPerMonth: projectedInferences / days.length,
      actualInferencesByMonth: actualByDay,
    });
    const inferences = schedule.reduce((sum, d) => sum + d.inferences, 0);
    if (inferences > 0) {
      reprojectedCarbon = (carbonKgCo2e * 1000) / inferences;
      reprojectedWater = (waterLiters * 1000) / inferences;
    }
  }
  return {
    chainId: chain.key.chainId ?? "",
    runCount: chain.figures.runCount,
    totalCarbonKgCo2e: chain.figures.totalCarbonKgCo2e,
    totalWaterLiters: chain.figures.totalWaterLiters,
    projectedInferences,
    actualInferences: reportedCounts.length > 0 ? reportedCounts.reduce((a, b) => a + b, 0) : null,
    reportedDays: reportedCounts.length,
    projectedCarbonPerInferenceGCo2e:
      projectedInferences > 0 ? (carbonKgCo2e * 1000) / projectedInferences : null,
    projectedWaterPerInferenceMilliliters:
      projectedInferences > 0 ? (waterLiters * 1000) / projectedInferences : null,
    reprojectedCarbonPerInferenceGCo2e: reprojectedCarbon,
    reprojectedWaterPerInferenceMilliliters: reprojectedWater,
  };
}

/** Read the month's aggregates in one snapshot and assemble the report model. */
async function buildReport(
  client: pg.PoolClient,
  organizationId: string,
  period: string,
): Promise<MonthlyReport> {
  const organization = await getReportOrganization(client, organizationId);
  const timezone = organization.reportingTimezone;
  const { fromUtc, toUtc } = await monthBoundsUtc(client, period, timezone);
  const aggregate = (groupBy: EmissionsDimension[]) =>
    aggregateEmissions(client, { organizationId, fromUtc, toUtc, groupBy, timezone });
  const byBaseModel = await aggregate(["BASE_MODEL"]);
  const byGridZone = await aggregate(["GRID_ZONE"]);
  const byGpuModel = await aggregate(["GPU_MODEL"]);
  const byDay = await aggregate(["DAY"]);
  const byChain = await aggregate(["CHAIN"]);
  const chains = byChain.groups.filter((g) => g.key.chainId !== null);
  const usage = await dailyInferenceUsage(client, {
    organizationId,
    modelKeys: chains.map((c) => c.key.chainId as string),
    period,
  });

  const totals = byBaseModel.total;
  const days = daysOfMonth(period);
  return {
    organization,
    period,
    fromUtc: fromUtc.toISOString(),
    toUtc: toUtc.toISOString(),
    generatedAt: new Date().toISOString(),
    totals,
    imputedShare:
      totals.provenanceFieldCount > 0
        ? (totals.imputedFieldCount / totals.provenanceFieldCount).toFixed(9)
        : "0",
    byBaseModel: groups(byBaseModel.groups, "baseModel"),
    byGridZone: groups(byGridZone.groups, "gridZone"),
    byGpuModel: groups(byGpuModel.groups, "gpuModel"),
    byDay: groups(byDay.groups, "day"),
    chains: chains.map((c) => chainAmortization(c, days, usage.get(c.key.chainId as string))),
  };
}

/**
 * Generate and store the report of `organizationId` for `period` ("YYYY-MM", cut in the
 * organization's reporting timezone).
 * @throws when the organization does not exist or the database fails; nothing is stored then.
 */
export async function generateMonthlyReport(
  pool: pg.Pool,
  { organizationId, period }: { organizationId: string; period: string },
): Promise<GeneratedReport> {
  const report = await withTransaction(
    pool,
    (client) => buildReport(client, organizationId, period),
    {
      mode: "REPEATABLE READ READ ONLY",
    },
  );
  const t = report.totals;
  const { organization: _org, totals: _totals, ...breakdown } = report;
  const reportId = await upsertReport(pool, {
    organizationId,
    period,
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
    csv: renderReportCsv(report),
    html: renderReportHtml(report),
    pdf: await renderReportPdf(report),
  });
  return { reportId, runCount: t.runCount, totalCarbonKgCo2e: t.totalCarbonKgCo2e };
}
