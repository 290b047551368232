/**
 * Monthly reports: listing, one month with its renderings, and requesting a (re)build.
 */
import { enqueueMonthlyReport, reportPeriodSchema } from "@finetrace/services";
import { requireRole } from "../auth.js";
import { badInput, notFound } from "../errors.js";
import type { Resolvers } from "../generated/graphql.js";
import { decodeCursor, encodeCursor, toFloat } from "./convert.js";

/** Columns left out of report reads: the renderings load on demand (reportContentById). */
const RENDERINGS = {
  csv: true,
  html: true,
  pdf: true,
} as const;

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
      const edges = rows
        .slice(0, first)
        .map((node) => ({ cursor: encodeCursor([node.period]), node }));
      return {
        edges,
        pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      };
    },
    report: async (_root, { period }, { principal, services }) => {
      checkPeriod(period, "period");
      const report = await services.prisma.report.findUnique({
        where: { organizationId_period: { organizationId: principal.organizationId, period } },
        omit: RENDERINGS,
      });
      if (!report) throw notFound(`report ${period}`);
      return report;
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
    energyKwh: (r) => toFloat(r.facilityEnergyKwh),
    operationalCarbonKgCo2e: (r) => toFloat(r.operationalCarbonKgCo2e),
    embodiedCarbonKgCo2e: (r) => toFloat(r.embodiedCarbonKgCo2e),
    totalCarbonKgCo2e: (r) => toFloat(r.totalCarbonKgCo2e),
    onsiteWaterLiters: (r) => toFloat(r.onsiteWaterLiters),
    offsiteWaterLiters: (r) => toFloat(r.offsiteWaterLiters),
    embodiedWaterLiters: (r) => toFloat(r.embodiedWaterLiters),
    totalWaterLiters: (r) => toFloat(r.totalWaterLiters),
    imputedShare: (r) => toFloat(r.imputedShare),
    csv: async (r, _args, { loaders }) => (await loaders.reportContentById.load(r.id))?.csv ?? null,
    html: async (r, _args, { loaders }) =>
      (await loaders.reportContentById.load(r.id))?.html ?? null,
    pdf: async (r, _args, { loaders }) => {
      const pdf = (await loaders.reportContentById.load(r.id))?.pdf;
      return pdf ? Buffer.from(pdf).toString("base64") : null;
    },
  },
};
