/**
 * Daily inference counts (`modelKey,day,inferenceCount` CSV): the actual inferences a
 * fine-tuned model or chain served each day, used to re-project per-inference figures
 * (METHODOLOGY.md section 7). `modelKey` is the chain id, or the run's externalId for a one-off.
 */
import { parse as parseCsv } from "csv-parse/sync";
import { z } from "zod";
import { type RecordIssue, UsageError } from "../errors.js";

export const inferenceUsageColumns = ["modelKey", "day", "inferenceCount"] as const;

/** True for a header made of exactly the three usage columns (any order). */
export function isInferenceUsageHeader(headerLine: string): boolean {
  const columns = headerLine
    .replace(/^\uFEFF/, "")
    .split(",")
    .map((c) => c.trim())
    .sort();
  return columns.join(",") === [...inferenceUsageColumns].sort().join(",");
}

const rowSchema = z.object({
  modelKey: z.string().trim().min(1, "must not be empty").max(200),
  day: z.iso.date("must be a calendar date YYYY-MM-DD"),
  inferenceCount: z
    .string()
    .regex(/^\d+$/, "must be a whole number of inferences >= 0")
    .transform((s) => BigInt(s)),
});

/** One validated day; `day` is midnight UTC of the date (a Postgres DATE). */
export interface InferenceUsageRow {
  modelKey: string;
  day: Date;
  inferenceCount: bigint;
}

/**
 * Parse and validate the CSV. Bad rows come back as issues naming the row (0-based) and column.
 * @throws UsageError when the text is not CSV at all.
 */
export function parseInferenceUsageCsv(text: string): {
  rows: InferenceUsageRow[];
  issues: RecordIssue[];
} {
  let records: Record<string, string>[];
  try {
    records = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new UsageError(`not valid CSV (${(error as Error).message})`);
  }
  const rows: InferenceUsageRow[] = [];
  const issues: RecordIssue[] = [];
  records.forEach((record, index) => {
    const result = rowSchema.safeParse(record);
    if (!result.success) {
      for (const i of result.error.issues)
        issues.push({ index, path: i.path.join("."), message: i.message });
      return;
    }
    rows.push({ ...result.data, day: new Date(`${result.data.day}T00:00:00Z`) });
  });
  return { rows, issues };
}
