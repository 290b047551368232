/**
 * The per-record core of `finetrace estimate`, shared by the in-process loop
 * (`commands/estimate.ts`) and the worker threads (`parallel/estimate-worker.ts`), so both paths
 * validate, estimate and format every record the same way and write the same bytes:
 * validate (zod, `validateItem`), normalize, look up the hourly intensity, estimate with the
 * chain's next start, then hand the estimate or the record's issues to an `EstimateOutput`.
 */
import {
  type ChainMember,
  EstimatorInputError,
  estimateNormalized,
  normalizeDisclosure,
  type RunEstimate,
} from "@finetrace/estimator";
import { formatIssue, type RecordIssue } from "../errors.js";
import type { ShippedHourlyIntensity } from "../input/hourly-intensity.js";
import {
  type DisclosureRecord,
  type RawItem,
  type RecordNotes,
  validateItem,
} from "../input/read-disclosures.js";
import type { EstimateSummary } from "../output/estimate-stream.js";
import {
  estimateCsvLine,
  estimateJsonLine,
  issueJsonLine,
  summaryJsonLine,
} from "../output/estimate-stream.js";
import type { LineWriter } from "../output/line-writer.js";

/** Label of a record in output: its externalId, else "#<line or position>". */
export function recordLabel(record: DisclosureRecord): string {
  return record.externalId ?? `#${record.index + 1}`;
}

/**
 * Estimate one valid record: normalize, look up the hourly intensity of the resolved zone at the
 * normalized start hour (when hourly data is on), estimate with the chain's next start.
 * @returns the estimate, or the record's issues for estimator input errors (unknown region...).
 */
export async function estimateRecord(
  record: DisclosureRecord,
  hourly: ShippedHourlyIntensity | null,
  nextRunStartUtc: string | undefined,
): Promise<{ estimate: RunEstimate } | { issues: RecordIssue[] }> {
  try {
    const run = normalizeDisclosure(record.disclosure);
    const intensity = hourly
      ? await hourly.forRun(run.gridZone, run.startTimeUtc, run.reservedDurationHours)
      : null;
    return {
      estimate: estimateNormalized(run, intensity, nextRunStartUtc ? { nextRunStartUtc } : {}),
    };
  } catch (error) {
    if (!(error instanceof EstimatorInputError)) throw error;
    return { issues: error.issues.map((issue) => ({ index: record.index, ...issue })) };
  }
}

/** Chain members of validated records, keyed by record index (the chain rule's `key`). */
export function chainMember(record: DisclosureRecord): ChainMember | null {
  const { chainId, startTime } = record.disclosure;
  return chainId === undefined ? null : { key: String(record.index), chainId, startTime };
}

/**
 * What each output mode does with estimates, issues and the final summary. `estimate` and
 * `issue` return a promise only when the caller must wait (stdout is full).
 */
export interface EstimateOutput {
  estimate(
    index: number,
    run: string,
    estimate: RunEstimate,
    notes?: RecordNotes,
  ): Promise<void> | undefined;
  issue(issue: RecordIssue): Promise<void> | undefined;
  end(summary: EstimateSummary): Promise<void>;
}

/** `--json`: NDJSON lines (formats in `output/estimate-stream.ts`). */
export function jsonOutput(out: LineWriter): EstimateOutput {
  return {
    estimate: (index, run, e, notes) => out.line(estimateJsonLine(index, run, e, notes)),
    issue: (issue) => out.line(issueJsonLine(issue)),
    end: async (summary) => {
      await out.line(summaryJsonLine(summary));
      await out.flush();
    },
  };
}

/** `--csv`: one row per estimated run; the header is written by the caller. */
export function csvRowsOutput(out: LineWriter): EstimateOutput {
  return {
    estimate: (index, run, e, notes) => out.line(estimateCsvLine(index, run, e, notes)),
    issue: () => undefined,
    end: () => out.flush(),
  };
}

/** Counts of a stream of records (`records` = estimated + rejected). */
export type EstimateCounts = Pick<EstimateSummary, "records" | "estimated" | "rejected" | "issues">;

/** Where `estimateItems` puts what it finds. */
export interface ItemSinks {
  output: EstimateOutput;
  /** stderr: one `record N field: problem` line per issue. */
  err: LineWriter;
  counts: EstimateCounts;
  /** Called once per estimated record, in record order (the summary's totals). */
  estimated(estimate: RunEstimate): void;
}

/**
 * Validate, estimate and output raw items in order. A rejected record counts once and writes
 * each of its issues (NDJSON issue line, stderr line); an estimated one goes to the output.
 * @param successorOf the chain rule's next start of a record index (`chainSuccessorStarts`).
 */
export async function estimateItems(
  items: Iterable<RawItem>,
  hourly: ShippedHourlyIntensity | null,
  successorOf: (index: number) => string | undefined,
  sinks: ItemSinks,
): Promise<void> {
  const { output, err, counts } = sinks;
  const reject = async (issues: RecordIssue[]) => {
    counts.rejected += 1;
    counts.issues += issues.length;
    for (const issue of issues) {
      await output.issue(issue);
      await err.line(formatIssue(issue));
    }
  };
  for (const item of items) {
    counts.records += 1;
    const valid = validateItem(item);
    if ("issues" in valid) {
      await reject(valid.issues);
      continue;
    }
    const { record } = valid;
    const result = await estimateRecord(record, hourly, successorOf(record.index));
    if ("issues" in result) {
      await reject(result.issues);
      continue;
    }
    counts.estimated += 1;
    sinks.estimated(result.estimate);
    const wait = output.estimate(record.index, recordLabel(record), result.estimate, record.notes);
    if (wait) await wait;
  }
}
