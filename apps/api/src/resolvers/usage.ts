/**
 * `recordInferenceUsage`: actual inferences per day, upserted in one statement.
 */
import { requireRole } from "../auth.js";
import { badInput } from "../errors.js";
import type { Resolvers } from "../generated/graphql.js";

/** Largest batch one call accepts, as for `submitRuns`. */
export const MAX_USAGE_ITEMS = 10_000;

const upsertSql = `
  INSERT INTO "InferenceUsage" ("organizationId", "modelKey", "day", "inferenceCount", "updatedAt")
  SELECT $1::uuid, u."modelKey", u."day", u."inferenceCount", now()
  FROM unnest($2::text[], $3::date[], $4::int8[]) AS u("modelKey", "day", "inferenceCount")
  ON CONFLICT ("organizationId", "modelKey", "day")
    DO UPDATE SET "inferenceCount" = EXCLUDED."inferenceCount", "updatedAt" = now()
  RETURNING "modelKey", to_char("day", 'YYYY-MM-DD') AS "day", "inferenceCount"::float8 AS "inferenceCount"`;

export const usageResolvers: Resolvers = {
  Mutation: {
    recordInferenceUsage: async (_root, { input }, { principal, services }) => {
      requireRole(principal, "ingest");
      if (input.length > MAX_USAGE_ITEMS) {
        throw badInput("input", `at most ${MAX_USAGE_ITEMS} items per call (got ${input.length})`);
      }
      const seen = new Map<string, number>();
      input.forEach((item, i) => {
        if (item.modelKey.trim().length === 0 || item.modelKey.length > 200) {
          throw badInput(`input[${i}].modelKey`, "must be 1 to 200 characters, not blank");
        }
        const key = `${item.modelKey}\u0000${item.day}`;
        const first = seen.get(key);
        if (first !== undefined) {
          throw badInput(`input[${i}]`, `same modelKey and day as input[${first}]`);
        }
        seen.set(key, i);
      });
      if (input.length === 0) return [];
      const { rows } = await services.pool.query<{
        modelKey: string;
        day: string;
        inferenceCount: number;
      }>(upsertSql, [
        principal.organizationId,
        input.map((i) => i.modelKey),
        input.map((i) => i.day),
        input.map((i) => String(i.inferenceCount)),
      ]);
      return rows;
    },
  },
};
