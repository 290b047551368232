/**
 * Scope 2 inputs of the caller's organization: contractual instruments, residual-mix factors and
 * the shift window (queries: any role; mutations: admin). The use cases validate
 * (packages/services/src/scope2/instruments.ts) and queue the debounced recomputation.
 */
import {
  type InstrumentRow,
  listInstruments,
  listResidualMixFactors,
  type ResidualMixRow,
  scope2Settings,
} from "@finetrace/db";
import { instrumentGranularity } from "@finetrace/estimator";
import {
  recordInstruments,
  recordResidualMixFactors,
  removeInstrument,
  Scope2InputError,
  updateShiftWindow,
} from "@finetrace/services";
import { requireRole } from "../auth.js";
import { badInput } from "../errors.js";
import type { ContractualInstrument, ResidualMixFactor, Resolvers } from "../generated/graphql.js";

function toApiInstrument(i: InstrumentRow): ContractualInstrument {
  return {
    id: i.id,
    kind: i.kind as ContractualInstrument["kind"],
    gridZone: i.gridZone,
    validFrom: i.validFromUtc,
    validTo: i.validToUtc,
    granularity:
      instrumentGranularity(i.validFromUtc.getTime(), i.validToUtc.getTime()) ?? "ANNUAL",
    energyMwh: Number(i.energyMwh),
    emissionFactorGPerKwh: Number(i.emissionFactorGPerKwh),
    certificateId: i.certificateId,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}

const toApiFactor = (f: ResidualMixRow): ResidualMixFactor => ({
  gridZone: f.gridZone,
  year: f.year,
  emissionFactorGPerKwh: Number(f.emissionFactorGPerKwh),
  source: f.source,
  updatedAt: f.updatedAt,
});

/** Run a use case, turning its field-named input errors into BAD_USER_INPUT. */
async function asUserInput<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Scope2InputError) throw badInput(e.field, e.problem);
    throw e;
  }
}

export const scope2Resolvers: Resolvers = {
  Query: {
    instruments: async (_root, _args, { principal, services }) =>
      (await listInstruments(services.pool, principal.organizationId)).map(toApiInstrument),
    residualMixFactors: async (_root, _args, { principal, services }) =>
      (await listResidualMixFactors(services.pool, principal.organizationId)).map(toApiFactor),
    shiftWindowHours: async (_root, _args, { principal, services }) =>
      (await scope2Settings(services.pool, principal.organizationId))?.shiftWindowHours ?? 12,
  },
  Mutation: {
    recordInstruments: async (_root, { instruments }, { principal, services }) => {
      requireRole(principal, "admin");
      const items = instruments.map((i) => ({
        ...i,
        validFromUtc: i.validFrom,
        validToUtc: i.validTo,
      }));
      const stored = await asUserInput(() =>
        recordInstruments(services.pool, principal.organizationId, items, {
          queues: services.queues,
        }),
      );
      return stored.map(toApiInstrument);
    },
    deleteInstrument: async (_root, { id }, { principal, services }) => {
      requireRole(principal, "admin");
      await asUserInput(() =>
        removeInstrument(services.pool, principal.organizationId, id, { queues: services.queues }),
      );
      return true;
    },
    recordResidualMixFactors: async (_root, { factors }, { principal, services }) => {
      requireRole(principal, "admin");
      const stored = await asUserInput(() =>
        recordResidualMixFactors(services.pool, principal.organizationId, factors, {
          queues: services.queues,
        }),
      );
      return stored.map(toApiFactor);
    },
    setShiftWindowHours: async (_root, { hours }, { principal, services }) => {
      requireRole(principal, "admin");
      await asUserInput(() =>
        updateShiftWindow(services.pool, principal.organizationId, hours, {
          queues: services.queues,
        }),
      );
      return hours;
    },
  },
};
