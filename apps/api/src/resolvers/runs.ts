/**
 * Runs: the cursor connection, one run with its estimates and provenance, and `submitRuns`.
 */
import { readRunsPage } from "@finetrace/db";
import type { Provenance } from "@finetrace/estimator";
import { requireRole } from "../auth.js";
import { badInput, notFound } from "../errors.js";
import type { FieldProvenance, Resolvers } from "../generated/graphql.js";
import { isUuid } from "../loaders.js";
import { connectionOf, decodeCursor, encodeCursor, toFloat, toSafeInt } from "./convert.js";
import { submitRuns } from "./submit-runs.js";

/** An estimate's provenance document (Record<field, Provenance>) as sorted field rows. */
function provenanceOf(document: unknown): FieldProvenance[] {
  const record = (document ?? {}) as Record<string, Provenance>;
  return Object.entries(record)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([field, p]) =>
      p.status === "imputed"
        ? { field, imputed: true, rule: p.rule, source: p.source, value: p.value }
        : { field, imputed: false, rule: null, source: null, value: null },
    );
}

/** The keyset position in a `runs` cursor. @throws BAD_USER_INPUT naming `after`. */
function decodeRunsCursor(after: string): { submittedAt: Date; id: string } {
  const [at, id] = decodeCursor(after) ?? [];
  if (
    typeof at !== "string" ||
    typeof id !== "string" ||
    !isUuid(id) ||
    Number.isNaN(Date.parse(at))
  ) {
    throw badInput("after", "is not a cursor returned by `runs`");
  }
  return { submittedAt: new Date(at), id };
}

export const runResolvers: Resolvers = {
  Query: {
    runs: async (_root, { first, after, filter }, { principal, services }) => {
      const max = services.env.API_MAX_PAGE_SIZE;
      if (first < 1 || first > max) throw badInput("first", `must be between 1 and ${max}`);
      if (filter?.period && filter.period.from >= filter.period.to) {
        throw badInput("filter.period.to", "must be after period.from");
      }
      // Index-backed keyset page of whole rows (packages/db runs-page.ts), from the read pool.
      const rows = await readRunsPage(services.readPool, {
        organizationId: principal.organizationId,
        first,
        after: after == null ? undefined : decodeRunsCursor(after),
        filter: {
          period: filter?.period
            ? { fromUtc: filter.period.from, toUtc: filter.period.to }
            : undefined,
          status: filter?.status ?? undefined,
          baseModel: filter?.baseModel ?? undefined,
          gridZone: filter?.gridZone ?? undefined,
          gpuModel: filter?.gpuModel ?? undefined,
          chainId: filter?.chainId ?? undefined,
        },
      });
      return connectionOf(rows, first, after, (node) =>
        encodeCursor([node.submittedAt.toISOString(), node.id]),
      );
    },
    run: async (_root, { id }, { loaders }) => {
      const run = await loaders.runById.load(id);
      if (!run) throw notFound(`run ${id}`);
      return run;
    },
  },
  Mutation: {
    submitRuns: (_root, args, context) => {
      requireRole(context.principal, "ingest");
      return submitRuns(args.input, args.allOrNothing, context);
    },
  },
  Run: {
    disclosure: (run) => run,
    previousRun: (run, _args, { loaders }) =>
      run.previousRunId ? loaders.runById.load(run.previousRunId) : null,
    currentEstimate: (run, _args, { loaders }) => loaders.currentEstimateByRunId.load(run.id),
    estimateHistory: (run, _args, { loaders }) => loaders.estimatesByRunId.load(run.id),
  },
  RunDisclosure: {
    baseModelParameterCount: (run) => toSafeInt(run.baseModelParameterCount),
    tokensIncludingPadding: (run) => toSafeInt(run.tokensIncludingPadding),
  },
  Estimate: {
    inputs: (e) => e,
    intensity: (e) => e,
    itPowerWatts: (e) => toFloat(e.itPowerWatts),
    itEnergyKwh: (e) => toFloat(e.itEnergyKwh),
    facilityEnergyKwh: (e) => toFloat(e.facilityEnergyKwh),
    facilityEnergyLowKwh: (e) => toFloat(e.facilityEnergyLowKwh),
    facilityEnergyHighKwh: (e) => toFloat(e.facilityEnergyHighKwh),
    operationalCarbonKgCo2e: (e) => toFloat(e.operationalCarbonKgCo2e),
    operationalCarbonMeanKgCo2e: (e) => toFloat(e.operationalCarbonMeanKgCo2e),
    embodiedCarbonKgCo2e: (e) => toFloat(e.embodiedCarbonKgCo2e),
    totalCarbonKgCo2e: (e) => toFloat(e.totalCarbonKgCo2e),
    totalCarbonLowKgCo2e: (e) => toFloat(e.totalCarbonLowKgCo2e),
    totalCarbonHighKgCo2e: (e) => toFloat(e.totalCarbonHighKgCo2e),
    onsiteWaterLiters: (e) => toFloat(e.onsiteWaterLiters),
    offsiteWaterLiters: (e) => toFloat(e.offsiteWaterLiters),
    embodiedWaterLiters: (e) => toFloat(e.embodiedWaterLiters),
    totalWaterLiters: (e) => toFloat(e.totalWaterLiters),
    totalWaterLowLiters: (e) => toFloat(e.totalWaterLowLiters),
    totalWaterHighLiters: (e) => toFloat(e.totalWaterHighLiters),
    carbonPerInferenceGCo2e: (e) => toFloat(e.carbonPerInferenceGCo2e),
    waterPerInferenceMilliliters: (e) => toFloat(e.waterPerInferenceMilliliters),
    provenance: async (e, _args, { loaders }) =>
      provenanceOf(await loaders.provenanceByHash.load(e.provenanceHash)),
    imputedFields: async (e, _args, { loaders }) =>
      provenanceOf(await loaders.provenanceByHash.load(e.provenanceHash)).filter((p) => p.imputed),
  },
  EstimateInputs: {
    reservedDurationHours: (e) => toFloat(e.reservedDurationHours),
    useLifeDays: (e) => toFloat(e.useLifeDays),
    inferencesPerDay: (e) => toFloat(e.inferencesPerDay),
  },
  IntensityUsed: {
    source: (e) => e.intensitySource,
    series: (e) =>
      e.intensitySeries === "organization"
        ? "ORGANIZATION"
        : e.intensitySeries === "shared"
          ? "SHARED"
          : null,
    signal: (e) => e.intensitySignal,
    hourUtc: (e) => e.intensityHourUtc,
    startHourIntensityGPerKwh: (e) => toFloat(e.startHourIntensityGPerKwh),
    meanIntensityGPerKwh: (e) => toFloat(e.meanIntensityGPerKwh),
  },
};
