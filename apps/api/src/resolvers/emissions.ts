/**
 * `emissions`: one SQL aggregation in Postgres (`aggregateEmissions`, packages/db), converted to
 * the API's figures.
 */
import {
  aggregateEmissions,
  type EmissionsFigures as DbFigures,
  EmissionsQueryError,
  type RangeFigures,
  type Scope2Figures,
  scope2Staleness,
} from "@finetrace/db";
import { badInput } from "../errors.js";
import type { EmissionsFigures, Resolvers } from "../generated/graphql.js";

/** Longest period one call may aggregate (bounds DAY groupings to ~1,100 buckets per key). */
export const MAX_EMISSIONS_PERIOD_DAYS = 3 * 366;
const DAY_MS = 86_400_000;

/**
 * Figures of the API from exact sums: shares, MWh (kWh / 1000) and per-inference ratios computed
 * here.
 */
export function toApiFigures(
  f: DbFigures,
  s: Scope2Figures,
  ranges: RangeFigures,
): EmissionsFigures {
  const n = Number;
  const projected = n(f.useData.projectedInferences);
  const energyKwh = n(f.facilityEnergyKwh);
  const renewableKwh = n(s.renewableEnergyKwh);
  return {
    marketBasedCarbonKgCo2e: n(s.marketBasedCarbonKgCo2e),
    renewableEnergyMwh: renewableKwh / 1000,
    nonRenewableEnergyMwh: (energyKwh - renewableKwh) / 1000,
    carbonFreeEnergyShare: energyKwh > 0 ? n(s.carbonFreeEnergyKwh) / energyKwh : null,
    shiftSavingKgCo2e: n(s.shiftSavingKgCo2e),
    shiftCoveredRuns: s.shiftCoveredRuns,
    shiftUncoveredRuns: s.shiftUncoveredRuns,
    energyLowKwh: n(ranges.facilityEnergyKwh.low),
    energyHighKwh: n(ranges.facilityEnergyKwh.high),
    totalCarbonLowKgCo2e: n(ranges.totalCarbonKgCo2e.low),
    totalCarbonHighKgCo2e: n(ranges.totalCarbonKgCo2e.high),
    totalWaterLowLiters: n(ranges.totalWaterLiters.low),
    totalWaterHighLiters: n(ranges.totalWaterLiters.high),
    runCount: f.runCount,
    energyKwh: n(f.facilityEnergyKwh),
    itEnergyKwh: n(f.itEnergyKwh),
    operationalCarbonKgCo2e: n(f.operationalCarbonKgCo2e),
    embodiedCarbonKgCo2e: n(f.embodiedCarbonKgCo2e),
    totalCarbonKgCo2e: n(f.totalCarbonKgCo2e),
    onsiteWaterLiters: n(f.onsiteWaterLiters),
    offsiteWaterLiters: n(f.offsiteWaterLiters),
    embodiedWaterLiters: n(f.embodiedWaterLiters),
    totalWaterLiters: n(f.totalWaterLiters),
    imputedShare: f.provenanceFieldCount > 0 ? f.imputedFieldCount / f.provenanceFieldCount : 0,
    perInference:
      f.useData.runCount > 0 && projected > 0
        ? {
            runCount: f.useData.runCount,
            projectedInferences: projected,
            // kg -> g, L -> mL, kWh -> Wh: x 1000.
            carbonPerInferenceGCo2e: (n(f.useData.totalCarbonKgCo2e) * 1000) / projected,
            waterPerInferenceMilliliters: (n(f.useData.totalWaterLiters) * 1000) / projected,
            energyPerInferenceWh: (n(f.useData.facilityEnergyKwh) * 1000) / projected,
          }
        : null,
  };
}

export const emissionsResolvers: Resolvers = {
  Query: {
    emissions: async (_root, { period, groupBy, timezone }, { principal, services }) => {
      const { from, to } = period;
      if (from >= to) throw badInput("period.to", "must be after period.from");
      if (to.getTime() - from.getTime() > MAX_EMISSIONS_PERIOD_DAYS * DAY_MS) {
        throw badInput("period", `must span at most ${MAX_EMISSIONS_PERIOD_DAYS} days`);
      }
      const zone = timezone ?? principal.reportingTimezone;
      const dims = [...new Set(groupBy)];
      try {
        const input = {
          organizationId: principal.organizationId,
          fromUtc: from,
          toUtc: to,
          groupBy: dims,
          timezone: zone,
        };
        const { groups, total, totalScope2, totalRanges, servedBy } =
          await services.emissionsCache.get(input, () =>
            aggregateEmissions(services.readPool, input),
          );
        return {
          from,
          to,
          timezone: zone,
          groupBy: dims,
          groups: groups.map((g) => ({
            key: g.key,
            figures: toApiFigures(g.figures, g.scope2, g.ranges),
          })),
          total: toApiFigures(total, totalScope2, totalRanges),
          servedBy,
        };
      } catch (e) {
        if (e instanceof EmissionsQueryError) throw badInput(e.field, e.message);
        throw e;
      }
    },
  },
  EmissionsResult: {
    // Its own small query, run only when a client selects it.
    scope2: (_result, _args, { principal, services }) =>
      scope2Staleness(services.readPool, principal.organizationId),
  },
};
