/**
 * `recordInferenceUsage`: the GraphQL adapter of the "record inference usage" use case
 * (packages/services `recordInferenceUsage`). The call is all or nothing: any bad item rejects
 * the call with BAD_USER_INPUT naming `input[i].field`, and nothing is written.
 */
import { MAX_USAGE_ITEMS, recordInferenceUsage } from "@finetrace/services";
import { requireRole } from "../auth.js";
import { badInput } from "../errors.js";
import type { Resolvers } from "../generated/graphql.js";

export const usageResolvers: Resolvers = {
  Mutation: {
    recordInferenceUsage: async (_root, { input }, { principal, services }) => {
      requireRole(principal, "ingest");
      if (input.length > MAX_USAGE_ITEMS) {
        throw badInput("input", `at most ${MAX_USAGE_ITEMS} items per call (got ${input.length})`);
      }
      const { recorded, issues } = await recordInferenceUsage(
        services.pool,
        principal.organizationId,
        input.map((item, index) => ({ index, ...item })),
        { allOrNothing: true },
      );
      const first = issues[0];
      if (first) {
        const field = first.path ? `input[${first.index}].${first.path}` : `input[${first.index}]`;
        throw badInput(field, first.message);
      }
      return recorded;
    },
  },
};
