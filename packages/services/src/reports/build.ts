/**
 * Reads one organization's month into the report model (`MonthlyReport`), all in the caller's
 * transaction (REPEATABLE READ in `generateMonthlyReport`), so every figure describes the same
 * snapshot: totals and breakdowns (`aggregateEmissions`: the NUMERIC sums over the month's
 * current estimates), 90 % bound sums, the previous month and the year to date, per-inference
 * figures of each continuous fine-tuning chain re-projected with the inference counts reported
 * in InferenceUsage (METHODOLOGY.md s.7) and their 12-month trend, the Scope 2 figures
 * (`scope2MonthSummary`, read by the caller before the snapshot: it may first recompute stale
 * results), and the appendix's data quality and sources.
 */
import {
  aggregateEmissions,
  dailyInferenceUsage,
  type EmissionsDimension,
  type EmissionsGroupRow,
  getReportOrganization,
  monthBoundsUtc,
  type ReportScope,
  reportBoundSums,
  reportChainTrends,
  reportEnergyByIntensitySource,
  reportGridSources,
  reportImputationByField,
  reportMethodologies,
} from "@finetrace/db";
import { reprojectAmortization } from "@finetrace/estimator";
import type pg from "pg";
import type { Scope2MonthSummary } from "../scope2/month-summary.js";
import { REPORT_DATA_SOURCES } from "./data-sources.js";
import {
  type ChainAmortization,
  type ChainTrend,
  type MonthlyReport,
  type PeriodTotals,
  REPORT_MODEL_VERSION,
  type ReportAppendix,
  type ReportGroup,
  type ReportScope2,
} from "./model.js";
import { daysOfMonth, shiftMonth } from "./period.js";

function groups(rows: EmissionsGroupRow[], key: keyof EmissionsGroupRow["key"]): ReportGroup[] {
  return rows.map((r) => ({ key: r.key[key] ?? "(none)", figures: r.figures }));
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

/** Totals of [fromUtc, toUtc) on both bases. */
async function periodTotals(
  client: pg.PoolClient,
  scope: ReportScope & { label: string; timezone: string },
  scope2: Scope2MonthSummary,
): Promise<PeriodTotals> {
  const { total } = await aggregateEmissions(client, { ...scope, groupBy: [] });
  return {
    label: scope.label,
    runCount: total.runCount,
    facilityEnergyKwh: total.facilityEnergyKwh,
    locationBasedCarbonKgCo2e: total.operationalCarbonKgCo2e,
    marketBasedCarbonKgCo2e: scope2.marketBasedCarbonKgCo2e,
    embodiedCarbonKgCo2e: total.embodiedCarbonKgCo2e,
    totalCarbonKgCo2e: total.totalCarbonKgCo2e,
    totalWaterLiters: total.totalWaterLiters,
  };
}

function chainTrends(
  points: Awaited<ReturnType<typeof reportChainTrends>>,
  chainIds: readonly string[],
): ChainTrend[] {
  return chainIds.map((chainId) => ({
    chainId,
    points: points
      .filter((p) => p.chainId === chainId)
      .map((p) => ({
        externalId: p.externalId,
        startUtc: p.startTimeUtc.toISOString(),
        carbonPerInferenceGCo2e: p.carbonPerInferenceGCo2e,
      })),
  }));
}

async function appendix(client: pg.PoolClient, scope: ReportScope): Promise<ReportAppendix> {
  const energyByIntensitySource = await reportEnergyByIntensitySource(client, scope);
  const energy = energyByIntensitySource.reduce((s, r) => s + Number(r.facilityEnergyKwh), 0);
  const fallback = energyByIntensitySource
    .filter((r) => r.intensitySource !== "hourly")
    .reduce((s, r) => s + Number(r.facilityEnergyKwh), 0);
  return {
    methodologies: await reportMethodologies(client, scope),
    imputationByField: await reportImputationByField(client, scope),
    energyByIntensitySource,
    fallbackEnergyShare: energy > 0 ? (fallback / energy).toFixed(9) : "0",
    gridSources: await reportGridSources(client, scope),
    dataSources: REPORT_DATA_SOURCES,
  };
}

/** The instants a report reads: the month, the previous month, the year to date, the trend's start. */
export interface ReportRanges {
  timezone: string;
  month: { fromUtc: Date; toUtc: Date };
  previousMonth: { fromUtc: Date; toUtc: Date };
  yearToDate: { fromUtc: Date; toUtc: Date };
  /** Start of the 12 months ending with the report's month (the chains' trend). */
  trendFromUtc: Date;
}

/** The ranges of `period` ("YYYY-MM") in the organization's reporting time zone. */
export async function reportRanges(
  db: pg.Pool | pg.PoolClient,
  timezone: string,
  period: string,
): Promise<ReportRanges> {
  const month = await monthBoundsUtc(db, period, timezone);
  const previousMonth = await monthBoundsUtc(db, shiftMonth(period, -1), timezone);
  const january = await monthBoundsUtc(db, `${period.slice(0, 4)}-01`, timezone);
  const trend = await monthBoundsUtc(db, shiftMonth(period, -11), timezone);
  return {
    timezone,
    month,
    previousMonth,
    yearToDate: { fromUtc: january.fromUtc, toUtc: month.toUtc },
    trendFromUtc: trend.fromUtc,
  };
}

/** The Scope 2 summaries of the report's month, previous month and year to date. */
export interface ReportScope2Inputs {
  month: Scope2MonthSummary;
  previousMonth: Scope2MonthSummary;
  yearToDate: Scope2MonthSummary;
}

const reportScope2 = ({
  perRun: _runs,
  computedAt: _at,
  ...rest
}: Scope2MonthSummary): ReportScope2 => rest;

/** Read the month's figures in the caller's snapshot and assemble the report model. */
export async function buildReportModel(
  client: pg.PoolClient,
  { organizationId, period }: { organizationId: string; period: string },
  ranges: ReportRanges,
  scope2: ReportScope2Inputs,
): Promise<MonthlyReport> {
  const organization = await getReportOrganization(client, organizationId);
  const { timezone } = ranges;
  const { fromUtc, toUtc } = ranges.month;
  const scope = { organizationId, fromUtc, toUtc };
  const aggregate = (groupBy: EmissionsDimension[]) =>
    aggregateEmissions(client, { ...scope, groupBy, timezone });
  const byBaseModel = await aggregate(["BASE_MODEL"]);
  const byGridZone = await aggregate(["GRID_ZONE"]);
  const byGpuModel = await aggregate(["GPU_MODEL"]);
  const byDay = await aggregate(["DAY"]);
  const byChain = await aggregate(["CHAIN"]);
  const chains = byChain.groups.filter((g) => g.key.chainId !== null);
  const chainIds = chains.map((c) => c.key.chainId as string);
  const usage = await dailyInferenceUsage(client, { organizationId, modelKeys: chainIds, period });
  const totals = byBaseModel.total;
  const days = daysOfMonth(period);
  const previous = shiftMonth(period, -1);
  return {
    modelVersion: REPORT_MODEL_VERSION,
    organization,
    period,
    fromUtc: fromUtc.toISOString(),
    toUtc: toUtc.toISOString(),
    version: 0,
    generatedAt: "",
    totals,
    ranges: await reportBoundSums(client, scope),
    imputedShare:
      totals.provenanceFieldCount > 0
        ? (totals.imputedFieldCount / totals.provenanceFieldCount).toFixed(9)
        : "0",
    scope2: reportScope2(scope2.month),
    previousMonth: await periodTotals(
      client,
      { organizationId, ...ranges.previousMonth, timezone, label: previous },
      scope2.previousMonth,
    ),
    yearToDate: await periodTotals(
      client,
      {
        organizationId,
        ...ranges.yearToDate,
        timezone,
        label: `${period.slice(0, 4)}-01..${period}`,
      },
      scope2.yearToDate,
    ),
    byBaseModel: groups(byBaseModel.groups, "baseModel"),
    byGridZone: groups(byGridZone.groups, "gridZone"),
    byGpuModel: groups(byGpuModel.groups, "gpuModel"),
    byDay: groups(byDay.groups, "day"),
    chains: chains.map((c) => chainAmortization(c, days, usage.get(c.key.chainId as string))),
    chainTrends: chainTrends(
      await reportChainTrends(client, { ...scope, trendFromUtc: ranges.trendFromUtc, chainIds }),
      chainIds,
    ),
    appendix: await appendix(client, scope),
  };
}
