/**
 * Daily inference counts (`modelKey,day,inferenceCount` CSV): the actual inferences a
 * fine-tuned model or chain served each day, used to re-project per-inference figures
 * (METHODOLOGY.md section 7). `modelKey` is the chain id, or the run's externalId for a one-off.
 */

import type { UsageItem } from "@finetrace/services";
import { parse as parseCsv } from "csv-parse/sync";
import { UsageError } from "../errors.js";
import { csvDelimiter, csvDialect, headerLineOf } from "./csv-dialect.js";

export const inferenceUsageColumns = ["modelKey", "day", "inferenceCount"] as const;

/**
 * True when the header (the first line of `text`: a file's text or just its header) is exactly
 * the three usage columns, in any order, with any `csv-dialect.ts` delimiter.
 */
export function isInferenceUsageHeader(text: string): boolean {
  const header = headerLineOf(text);
  const columns = header
    .split(csvDelimiter(header))
    .map((c) => c.trim())
    .sort();
  return columns.join(",") === [...inferenceUsageColumns].sort().join(",");
}

/**
 * Read the CSV's records for the "record inference usage" use case, which validates them
 * (packages/services `recordInferenceUsage`: one home for the rules). `index` is the 0-based
 * data row.
 * @throws UsageError when the text is not CSV at all.
 */
export function readInferenceUsageCsv(text: string): UsageItem[] {
  let records: Record<string, string>[];
  try {
    records = parseCsv(text, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      ...csvDialect(text),
    });
  } catch (error) {
    throw new UsageError(`not valid CSV (${(error as Error).message})`);
  }
  return records.map((r, index) => ({
    index,
    modelKey: r.modelKey,
    day: r.day,
    inferenceCount: r.inferenceCount,
  }));
}
