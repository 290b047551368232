/**
 * `finetrace estimate <file>`: offline estimates. Imports only the estimator and file readers,
 * never the database or queue packages, so it works with Postgres and Redis stopped.
 */
import { fileURLToPath } from "node:url";
import {
  chainSuccessorStarts,
  EstimatorInputError,
  estimateNormalized,
  normalizeDisclosure,
} from "@finetrace/estimator";
import { type RecordIssue, UsageError } from "../errors.js";
import { ShippedHourlyIntensity } from "../input/hourly-intensity.js";
import { type DisclosureRecord, readDisclosureFile } from "../input/read-disclosures.js";
import { type LabelledEstimate, provenanceTable, summaryTable } from "../output/estimate-table.js";
import type { Io } from "../program.js";

/** The hourly files shipped with the repository (data/electricitymaps-hourly). */
export const shippedGridDataDir = fileURLToPath(
  new URL("../../../../data/electricitymaps-hourly/", import.meta.url),
);

export interface EstimateOptions {
  json?: boolean;
  gridData?: string;
  /** commander's `--no-hourly` sets this false. */
  hourly?: boolean;
  codecarbonUtcOffset?: string;
  baseModel?: string;
}

/** Label of a record in output: its externalId, else "#<line or position>". */
export function recordLabel(record: DisclosureRecord): string {
  return record.externalId ?? `#${record.index + 1}`;
}

/**
 * Estimate every valid record: normalize, look up the hourly intensity of the resolved zone at
 * the normalized start hour (when hourly data is on), estimate with the chain's next start.
 * Estimator input errors (unknown GPU, region...) become issues of that record.
 */
export async function estimateRecords(
  records: DisclosureRecord[],
  hourly: ShippedHourlyIntensity | null,
): Promise<{ estimates: LabelledEstimate[]; issues: RecordIssue[] }> {
  const issues: RecordIssue[] = [];
  const inputError = (record: DisclosureRecord, error: unknown) => {
    if (!(error instanceof EstimatorInputError)) throw error;
    for (const issue of error.issues) issues.push({ index: record.index, ...issue });
  };
  const normalized = records.map((record) => {
    try {
      return normalizeDisclosure(record.disclosure);
    } catch (error) {
      inputError(record, error);
      return null;
    }
  });
  // The chain rule (one implementation, METHODOLOGY.md s.7) over the disclosed start times, as
  // the worker applies it to the stored runs.
  const next = chainSuccessorStarts(
    records.map((record, position) => ({
      key: String(position),
      chainId: record.disclosure.chainId,
      startTime: record.disclosure.startTime,
    })),
  );
  const estimates: LabelledEstimate[] = [];
  for (const [position, record] of records.entries()) {
    const run = normalized[position];
    if (!run) continue;
    try {
      const intensity = hourly
        ? await hourly.forRun(run.gridZone, run.startTimeUtc, run.reservedDurationHours)
        : null;
      const nextRunStartUtc = next.get(String(position));
      const estimate = estimateNormalized(
        run,
        intensity,
        nextRunStartUtc ? { nextRunStartUtc } : {},
      );
      estimates.push({ label: recordLabel(record), estimate });
    } catch (error) {
      inputError(record, error);
    }
  }
  return { estimates, issues };
}

export async function estimateCommand(
  io: Io,
  file: string,
  options: EstimateOptions,
): Promise<void> {
  const read = await readDisclosureFile(file, {
    utcOffset: options.codecarbonUtcOffset,
    baseModel: options.baseModel,
  });
  const hourly =
    options.hourly === false
      ? null
      : new ShippedHourlyIntensity(options.gridData ?? shippedGridDataDir);
  const { estimates, issues } = await estimateRecords(read.records, hourly);
  const allIssues = [...read.issues, ...issues].sort((a, b) => a.index - b.index);

  if (options.json) {
    io.out(
      JSON.stringify(
        {
          file,
          format: read.format,
          estimates: estimates.map(({ label, estimate }) => ({ run: label, ...estimate })),
          issues: allIssues,
        },
        null,
        2,
      ),
    );
  } else if (estimates.length > 0) {
    io.out(summaryTable(estimates));
    io.out("Imputed inputs (provenance):");
    io.out(provenanceTable(estimates));
  }
  if (allIssues.length > 0) {
    throw new UsageError(
      `${file}: ${allIssues.length} problem(s); ${estimates.length} of ${estimates.length + new Set(allIssues.map((i) => i.index)).size} record(s) estimated`,
      allIssues,
    );
  }
}
