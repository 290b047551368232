/**
 * Monthly reports: listing, one month (any version) with its renderings, its versions and
 * their diffs, and requesting a (re)build.
 */

import { enqueueMonthlyReport, type MonthlyReport, reportPeriodSchema } from "@finetrace/services";
import { requireRole } from "../auth.js";
import type { ApiContext } from "../context.js";
import { badInput, notFound } from "../errors.js";
import type { Resolvers } from "../generated/graphql.js";
import type { ReportDiffModel, ReportModel, ReportVersionModel } from "../mappers.js";
import { connectionOf, decodeCursor, encodeCursor, toFloat, toFloatOrNull } from "./convert.js";

/** Columns left out of report reads: the renderings load on demand (reportContentById). */
const RENDERINGS = {
  csv: true,
  html: true,
  pdf: true,
} as const;

/** Columns left out of version reads: renderings (on demand) and the estimate ids (diffs only). */
const VERSION_OMIT = { ...RENDERINGS, estimateIds: true } as const;

/** The newest version of each Report object resolved in a request, read once per object. */
const newestVersions = new WeakMap<ReportModel, Promise<ReportVersionModel | null>>();

/** The version a Report serves: `shown`, else the newest (null while none was generated). */
function shownVersion(
  r: ReportModel,
  { services }: Pick<ApiContext, "services">,
): Promise<ReportVersionModel | null> {
  if (r.shown) return Promise.resolve(r.shown);
  if (r.latestVersion === 0) return Promise.resolve(null);
  let newest = newestVersions.get(r);
  if (!newest) {
    newest = services.prisma.reportVersion.findUnique({
      where: { reportId_version: { reportId: r.id, version: r.latestVersion } },
      omit: VERSION_OMIT,
    });
    newestVersions.set(r, newest);
  }
  return newest;
}

/** The totals of a version's stored model. */
const versionTotals = (v: ReportVersionModel) => (v.model as unknown as MonthlyReport).totals;
const versionMarketBased = (v: ReportVersionModel) =>
  (v.model as unknown as MonthlyReport).scope2.marketBasedCarbonKgCo2e;

/** A figure of the version shown: from its model when one was asked for, else the head's copy. */
function figure(r: ReportModel, quantity: keyof MonthlyReport["totals"] & keyof ReportModel) {
  const value = r.shown ? versionTotals(r.shown)[quantity] : r[quantity];
  return toFloat(value as string);
}

function checkPeriod(period: string, field: string): void {
  const parsed = reportPeriodSchema.safeParse(period);
  if (!parsed.success) throw badInput(field, parsed.error.issues[0]?.message ?? "invalid month");
}

/** "YYYY-MM" of now in `timezone`. */
function currentMonth(timezone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: timezone,
    year: "numeric",
    month: "2-digit",
  }).formatToParts(new Date());
  const get = (t: string) => parts.find((p) => p.type === t)?.value;
  return `${get("year")}-${get("month")}`;
}

/** The renderings of the version shown (a version asked for) or of the head (the newest). */
async function content(
  r: ReportModel,
  { loaders, services }: Pick<ApiContext, "loaders" | "services">,
) {
  if (!r.shown) return loaders.reportContentById.load(r.id);
  return services.prisma.reportVersion.findUnique({
    where: { id: r.shown.id },
    select: { csv: true, html: true, pdf: true },
  });
}

export const reportResolvers: Resolvers = {
  Query: {
    reports: async (_root, { first, after }, { principal, services }) => {
      const max = services.env.API_MAX_PAGE_SIZE;
      if (first < 1 || first > max) throw badInput("first", `must be between 1 and ${max}`);
      let before: string | undefined;
      if (after != null) {
        const [period] = decodeCursor(after) ?? [];
        if (typeof period !== "string" || !reportPeriodSchema.safeParse(period).success) {
          throw badInput("after", "is not a cursor returned by `reports`");
        }
        before = period;
      }
      const rows = await services.prisma.report.findMany({
        where: {
          organizationId: principal.organizationId,
          ...(before ? { period: { lt: before } } : {}),
        },
        omit: RENDERINGS,
        orderBy: { period: "desc" },
        take: first + 1,
      });
      return connectionOf(rows, first, after, (node) => encodeCursor([node.period]));
    },
    report: async (_root, { period, version }, { principal, services }) => {
      checkPeriod(period, "period");
      if (version != null && version < 1) throw badInput("version", "must be 1 or more");
      const report = await services.prisma.report.findUnique({
        where: { organizationId_period: { organizationId: principal.organizationId, period } },
        omit: RENDERINGS,
      });
      if (!report) throw notFound(`report ${period}`);
      if (version == null) return report;
      const shown = await services.prisma.reportVersion.findUnique({
        where: { reportId_version: { reportId: report.id, version } },
        omit: VERSION_OMIT,
      });
      if (!shown) throw notFound(`report ${period} version ${version}`);
      return { ...report, shown, generatedAt: shown.generatedAt, status: "READY" as const };
    },
  },
  Mutation: {
    requestReport: async (_root, { period }, { principal, services, loaders }) => {
      requireRole(principal, "ingest");
      checkPeriod(period, "period");
      const timezone = (await loaders.organization()).reportingTimezone;
      if (period > currentMonth(timezone)) {
        throw badInput("period", `must not be after the current month (${timezone})`);
      }
      const organizationId = principal.organizationId;
      const report = await services.prisma.report.upsert({
        where: { organizationId_period: { organizationId, period } },
        create: { organizationId, period },
        update: { status: "PENDING", failureReason: null },
        omit: RENDERINGS,
      });
      await enqueueMonthlyReport(services.queues, { organizationId, period });
      return report;
    },
  },
  Report: {
    id: (r) => (r.shown ? `${r.id}:v${r.shown.version}` : r.id),
    runCount: (r) => (r.shown ? versionTotals(r.shown).runCount : r.runCount),
    energyKwh: (r) => figure(r, "facilityEnergyKwh"),
    operationalCarbonKgCo2e: (r) => figure(r, "operationalCarbonKgCo2e"),
    embodiedCarbonKgCo2e: (r) => figure(r, "embodiedCarbonKgCo2e"),
    totalCarbonKgCo2e: (r) => figure(r, "totalCarbonKgCo2e"),
    onsiteWaterLiters: (r) => figure(r, "onsiteWaterLiters"),
    offsiteWaterLiters: (r) => figure(r, "offsiteWaterLiters"),
    embodiedWaterLiters: (r) => figure(r, "embodiedWaterLiters"),
    totalWaterLiters: (r) => figure(r, "totalWaterLiters"),
    imputedShare: (r) =>
      toFloat(r.shown ? (r.shown.model as unknown as MonthlyReport).imputedShare : r.imputedShare),
    breakdown: (r) => {
      if (!r.shown) return r.breakdown;
      const {
        organization: _o,
        totals: _t,
        ...breakdown
      } = r.shown.model as unknown as MonthlyReport;
      return breakdown;
    },
    csv: async (r, _args, ctx) => (await content(r, ctx))?.csv ?? null,
    html: async (r, _args, ctx) => (await content(r, ctx))?.html ?? null,
    pdf: async (r, _args, ctx) => {
      const pdf = (await content(r, ctx))?.pdf;
      return pdf ? Buffer.from(pdf).toString("base64") : null;
    },
    version: (r) => r.shown?.version ?? r.latestVersion,
    marketBasedCarbonKgCo2e: async (r, _args, ctx) => {
      const v = await shownVersion(r, ctx);
      return v ? toFloat(versionMarketBased(v)) : null;
    },
    trigger: async (r, _args, ctx) => (await shownVersion(r, ctx))?.trigger ?? null,
    causes: async (r, _args, ctx) => (await shownVersion(r, ctx))?.causes ?? [],
    diff: async (r, _args, ctx) =>
      ((await shownVersion(r, ctx))?.diff ?? null) as ReportDiffModel | null,
    versions: (r, _args, { services }) =>
      services.prisma.reportVersion.findMany({
        where: { reportId: r.id },
        omit: VERSION_OMIT,
        orderBy: { version: "asc" },
      }),
  },
  ReportVersion: {
    runCount: (v) => versionTotals(v).runCount,
    locationBasedCarbonKgCo2e: (v) => toFloat(versionTotals(v).operationalCarbonKgCo2e),
    marketBasedCarbonKgCo2e: (v) => toFloat(versionMarketBased(v)),
    embodiedCarbonKgCo2e: (v) => toFloat(versionTotals(v).embodiedCarbonKgCo2e),
    totalCarbonKgCo2e: (v) => toFloat(versionTotals(v).totalCarbonKgCo2e),
    diff: (v) => (v.diff ?? null) as ReportDiffModel | null,
  },
  ReportDiff: {
    previousGeneratedAt: (d) => new Date(d.previousGeneratedAt),
  },
  ReportRunChange: {
    previousTotalCarbonKgCo2e: (c) => toFloatOrNull(c.previousTotalCarbonKgCo2e),
    totalCarbonKgCo2e: (c) => toFloatOrNull(c.totalCarbonKgCo2e),
  },
  ReportFigureChange: {
    previous: (f) => (f.previous === null ? null : String(f.previous)),
    current: (f) => (f.current === null ? null : String(f.current)),
  },
  ReportGridLoad: {
    finishedAt: (l) => new Date(l.finishedAt),
    fromHourUtc: (l) => (l.fromHourUtc ? new Date(l.fromHourUtc) : null),
    toHourUtc: (l) => (l.toHourUtc ? new Date(l.toHourUtc) : null),
  },
};
