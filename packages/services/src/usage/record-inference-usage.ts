/**
 * Use case "record inference usage" (GraphQL `recordInferenceUsage`, `finetrace ingest` of a
 * `modelKey,day,inferenceCount` CSV): actual inferences per model and day, upserted in one
 * statement. They re-project per-inference figures in the monthly reports (METHODOLOGY.md s.7).
 * `modelKey` is the chain id, or the run's externalId for a one-off fine-tune.
 */
import { storableText } from "@finetrace/estimator";
import type pg from "pg";
import { z } from "zod";
import type { ItemIssue } from "../runs/submit-runs.js";

/** Largest batch one call accepts, as for `submitRuns`. */
export const MAX_USAGE_ITEMS = 10_000;

const itemSchema = z.object({
  modelKey: storableText(200),
  day: z.iso.date("must be a calendar date YYYY-MM-DD"),
  inferenceCount: z.union([
    z.bigint().nonnegative("must be a whole number of inferences >= 0"),
    z.number().int("must be a whole number of inferences >= 0").nonnegative("must be >= 0"),
    z.string().regex(/^\d+$/, "must be a whole number of inferences >= 0"),
  ]),
});

/** One day of usage as submitted (`inferenceCount` a number, bigint or digit string). */
export interface UsageItem {
  index: number;
  modelKey: unknown;
  day: unknown;
  inferenceCount: unknown;
}

export interface RecordedUsage {
  modelKey: string;
  day: string;
  inferenceCount: number;
}

const upsertSql = `
  INSERT INTO "InferenceUsage" ("organizationId", "modelKey", "day", "inferenceCount", "updatedAt")
  SELECT $1::uuid, u."modelKey", u."day", u."inferenceCount", now()
  FROM unnest($2::text[], $3::date[], $4::int8[]) AS u("modelKey", "day", "inferenceCount")
  ON CONFLICT ("organizationId", "modelKey", "day")
    DO UPDATE SET "inferenceCount" = EXCLUDED."inferenceCount", "updatedAt" = now()
  RETURNING "modelKey", to_char("day", 'YYYY-MM-DD') AS "day", "inferenceCount"::float8 AS "inferenceCount"`;

/**
 * Validate usage items: modelKey 1..200 characters, a real calendar day, a whole count >= 0,
 * one item per (modelKey, day).
 * @returns the valid items (count as a digit string for the int8 parameter) and the issues.
 */
export function validateUsageItems(items: readonly UsageItem[]) {
  const issues: ItemIssue[] = [];
  const valid: { modelKey: string; day: string; inferenceCount: string }[] = [];
  const seen = new Map<string, number>();
  for (const { index, ...fields } of items) {
    const parsed = itemSchema.safeParse(fields);
    if (!parsed.success) {
      for (const i of parsed.error.issues)
        issues.push({ index, path: i.path.map(String).join("."), message: i.message });
      continue;
    }
    const key = `${parsed.data.modelKey}\u0000${parsed.data.day}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({ index, path: "", message: `same modelKey and day as item ${first}` });
      continue;
    }
    seen.set(key, index);
    valid.push({ ...parsed.data, inferenceCount: String(parsed.data.inferenceCount) });
  }
  return { valid, issues };
}

/**
 * Validate and upsert daily counts of one organization.
 * @param options.allOrNothing write nothing when any item is invalid
 * @returns the stored days and per-item issues (index, path, message).
 * @throws RangeError above MAX_USAGE_ITEMS items (nothing written); database errors.
 */
export async function recordInferenceUsage(
  pool: pg.Pool,
  organizationId: string,
  items: readonly UsageItem[],
  options: { allOrNothing?: boolean } = {},
): Promise<{ recorded: RecordedUsage[]; issues: ItemIssue[] }> {
  if (items.length > MAX_USAGE_ITEMS) {
    throw new RangeError(`input: at most ${MAX_USAGE_ITEMS} items per call (got ${items.length})`);
  }
  const { valid, issues } = validateUsageItems(items);
  if (valid.length === 0 || (options.allOrNothing && issues.length > 0)) {
    return { recorded: [], issues };
  }
  const { rows } = await pool.query<RecordedUsage>(upsertSql, [
    organizationId,
    valid.map((v) => v.modelKey),
    valid.map((v) => v.day),
    valid.map((v) => v.inferenceCount),
  ]);
  return { recorded: rows, issues };
}
