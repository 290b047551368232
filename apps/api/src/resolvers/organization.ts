/**
 * Organization settings and API keys (admin); `viewer`, the calling key (any role).
 */
import {
  createApiKey,
  OrganizationInputError,
  OrganizationNotFoundError,
  revokeApiKey,
} from "@finetrace/services";
import { requireRole } from "../auth.js";
import { badInput, notFound } from "../errors.js";
import type { Resolvers } from "../generated/graphql.js";
import { toFloatOrNull } from "./convert.js";

/** PUE is >= 1 by definition (The Green Grid); above 3 is a data-entry error, as for disclosures. */
const PUE_RANGE = [1, 3] as const;
/** WUE range accepted for disclosures (packages/estimator disclosure schema): 0..20 L/kWh. */
const WUE_RANGE = [0, 20] as const;

export const organizationResolvers: Resolvers = {
  Query: {
    organization: (_root, _args, { loaders }) => loaders.organization(),
    viewer: (_root, _args, { principal }) => principal,
  },
  Viewer: {
    id: (principal) => principal.keyId,
    keyId: (principal) => principal.keyId,
    role: (principal) => principal.role,
    organization: (_principal, _args, { loaders }) => loaders.organization(),
  },
  Organization: {
    settings: (org) => org,
    apiKeys: (org, _args, { principal, services }) => {
      requireRole(principal, "admin");
      return services.prisma.apiKey.findMany({
        where: { organizationId: org.id },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
    },
  },
  OrganizationSettings: {
    pueOverride: (org) => toFloatOrNull(org.pueOverride),
    wueLitersPerKwhOverride: (org) => toFloatOrNull(org.wueLitersPerKwhOverride),
    reportingTimezone: (org) => org.reportingTimezone,
  },
  Mutation: {
    updateOrganizationSettings: async (_root, { input }, { principal, services }) => {
      requireRole(principal, "admin");
      const { pueOverride, wueLitersPerKwhOverride, reportingTimezone } = input;
      if (pueOverride != null && !(pueOverride >= PUE_RANGE[0] && pueOverride <= PUE_RANGE[1])) {
        throw badInput("input.pueOverride", "must be between 1 and 3");
      }
      if (
        wueLitersPerKwhOverride != null &&
        !(wueLitersPerKwhOverride >= WUE_RANGE[0] && wueLitersPerKwhOverride <= WUE_RANGE[1])
      ) {
        throw badInput("input.wueLitersPerKwhOverride", "must be between 0 and 20 L/kWh");
      }
      if (reportingTimezone === null) {
        throw badInput("input.reportingTimezone", "cannot be null (use UTC)");
      }
      const updated = await services.prisma.organization.update({
        where: { id: principal.organizationId },
        data: { pueOverride, wueLitersPerKwhOverride, reportingTimezone },
      });
      // Every process hears of the time-zone change through NOTIFY; this one forgets at once.
      services.principals.forget({ kind: "organization", id: principal.organizationId });
      return updated;
    },
    createApiKey: async (_root, { name, role }, { principal, services }) => {
      requireRole(principal, "admin");
      try {
        const created = await createApiKey(services.prisma, {
          organizationId: principal.organizationId,
          role,
          name,
        });
        const apiKey = await services.prisma.apiKey.findUniqueOrThrow({
          where: { id: created.id },
        });
        return { apiKey, key: created.key };
      } catch (e) {
        if (e instanceof OrganizationInputError) {
          throw badInput(e.field, e.problem);
        }
        throw e;
      }
    },
    revokeApiKey: async (_root, { id }, { principal, services }) => {
      requireRole(principal, "admin");
      try {
        const revoked = await revokeApiKey(services.prisma, {
          organizationId: principal.organizationId,
          keyId: id,
        });
        // Every process hears of it through NOTIFY; this one forgets the key at once.
        services.principals.forget({ kind: "key", id: revoked.id });
        return revoked;
      } catch (e) {
        if (e instanceof OrganizationNotFoundError) throw notFound(`API key ${id}`);
        throw e;
      }
    },
  },
};
