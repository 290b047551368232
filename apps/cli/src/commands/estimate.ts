/**
 * `finetrace estimate <file>`: offline estimates. Imports only the estimator and file readers,
 * never the database or queue packages, so it works with Postgres and Redis stopped.
 *
 * Streaming: records are read (`openDisclosureStream`), estimated and written one at a time
 * through a `LineWriter` that waits for stdout to drain, so memory does not grow with the file.
 * The chain rule needs every member of a chain, so a first pass (`chainSuccessorsOfFile`) keeps
 * a compact index of the chained records only (index, chainId, start) and computes each one's
 * successor start; records without a chainId cost nothing there (a JSONL file without the text
 * "chainId" is not even split into lines).
 *
 * Threads: a JSONL file is estimated on worker threads (`parallel/`, ADR 0041): `--threads N`
 * workers (default `os.availableParallelism()`, at most 4, with `--json` or `--csv` for files
 * of 1 MiB and more; the table mode runs in-process unless `--threads` is given), each
 * estimating chunks of lines with the same per-record code as the in-process loop
 * (`estimate-items.ts`);
 * the main thread writes their answers in file order, so the output is byte for byte the same.
 * Chain successors come from the first pass and travel with each chunk. `--threads 1`, and
 * every other input format, run in-process.
 *
 * Output: `--json` NDJSON and `--csv` (formats in `output/estimate-stream.ts`); by default a
 * table of counts and totals, then the first `--limit` runs and their imputed inputs. Problems
 * go to stderr as `record N field: problem` as they are found; the command then fails with a
 * UsageError (exit code 2) after every good record has been written.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type ChainMember, chainSuccessorStarts, type RunEstimate } from "@finetrace/estimator";
import { type RecordIssue, UsageError } from "../errors.js";
import type { CodeCarbonOptions } from "../input/codecarbon.js";
import { ShippedHourlyIntensity } from "../input/hourly-intensity.js";
import {
  type DisclosureFileFormat,
  type DisclosureRecord,
  fileLines,
  jsonLineItem,
  openDisclosureStream,
  validateItem,
} from "../input/read-disclosures.js";
import {
  addToTotals,
  type EstimateSummary,
  emptyTotals,
  estimateCsvHeader,
} from "../output/estimate-stream.js";
import {
  countsTable,
  type LabelledEstimate,
  provenanceTable,
  summaryTable,
} from "../output/estimate-table.js";
import { callbackSink, LineWriter, streamSink } from "../output/line-writer.js";
import { defaultThreads, estimateJsonlInParallel } from "../parallel/parallel-estimate.js";
import { type Io, processIo } from "../program.js";
import {
  chainMember,
  csvRowsOutput,
  type EstimateOutput,
  estimateItems,
  estimateRecord,
  jsonOutput,
  recordLabel,
} from "./estimate-items.js";

export { estimateRecord, recordLabel } from "./estimate-items.js";

/** The hourly files shipped with the repository (data/electricitymaps-hourly). */
export const shippedGridDataDir = fileURLToPath(
  new URL("../../../../data/electricitymaps-hourly/", import.meta.url),
);

/** Detail rows the table mode prints by default. */
export const defaultTableLimit = 20;

export interface EstimateOptions {
  json?: boolean;
  csv?: boolean;
  /** Table mode: detail rows to print (commander passes the text). */
  limit?: string | number;
  gridData?: string;
  /** commander's `--no-hourly` sets this false. */
  hourly?: boolean;
  /** "infer" (default) or an offset such as "+02:00". */
  codecarbonUtcOffset?: string;
  baseModel?: string;
  /** Worker threads for JSONL input (commander passes the text); 1 = in-process. */
  threads?: string | number;
}

/**
 * Estimate records already in memory (the chain rule over all of them, METHODOLOGY.md s.7).
 * Estimator input errors become issues of that record.
 */
export async function estimateRecords(
  records: DisclosureRecord[],
  hourly: ShippedHourlyIntensity | null,
): Promise<{ estimates: LabelledEstimate[]; issues: RecordIssue[] }> {
  const next = chainSuccessorStarts(records.flatMap((r) => chainMember(r) ?? []));
  const estimates: LabelledEstimate[] = [];
  const issues: RecordIssue[] = [];
  for (const record of records) {
    const result = await estimateRecord(record, hourly, next.get(String(record.index)));
    if ("estimate" in result)
      estimates.push({ label: recordLabel(record), estimate: result.estimate });
    else issues.push(...result.issues);
  }
  return { estimates, issues };
}

/** True when the file's bytes contain `needle` (read in chunks, never whole). */
async function fileContains(path: string, needle: string): Promise<boolean> {
  const target = Buffer.from(needle);
  let tail = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    const window = Buffer.concat([tail, chunk]);
    if (window.indexOf(target) !== -1) return true;
    tail = window.subarray(Math.max(0, window.length - target.length + 1));
  }
  return false;
}

/**
 * First pass of the chain rule over a file: validate only the records that name a chain and
 * return record index (as text) -> successor start (canonical UTC), as `chainSuccessorStarts`.
 * Memory: one small entry per chained record; none for the others. CodeCarbon rows have no chain.
 */
export async function chainSuccessorsOfFile(
  path: string,
  format: DisclosureFileFormat,
  codeCarbon: CodeCarbonOptions,
): Promise<Map<string, string>> {
  if (format === "codecarbon" || !(await fileContains(path, "chainId"))) return new Map();
  const members: ChainMember[] = [];
  const add = (result: ReturnType<typeof validateItem>) => {
    const member = "record" in result ? chainMember(result.record) : null;
    if (member) members.push(member);
  };
  if (format === "jsonl") {
    let index = 0;
    for await (const lines of fileLines(path)) {
      for (const { line, lineNumber } of lines) {
        if (line.includes('"chainId"')) add(validateItem(jsonLineItem(line, index, lineNumber)));
        index += 1;
      }
    }
  } else {
    for await (const batch of (await openDisclosureStream(path, codeCarbon)).batches) {
      for (const item of batch) add(validateItem(item));
    }
  }
  return chainSuccessorStarts(members);
}

function csvOutput(out: LineWriter): EstimateOutput {
  out.line(estimateCsvHeader());
  return csvRowsOutput(out);
}

/** Table mode: counts and totals, then the first `limit` runs (nothing else is kept). */
function tableOutput(io: Io, limit: number): EstimateOutput {
  const shown: LabelledEstimate[] = [];
  return {
    estimate: (_index, run, estimate) => {
      if (shown.length < limit) shown.push({ label: run, estimate });
      return undefined;
    },
    issue: () => undefined,
    end: async (summary) => {
      io.out(countsTable(summary));
      if (shown.length === 0) return;
      const more = summary.estimated - shown.length;
      const hint = more > 0 ? " (--limit N for more, --json or --csv for all)" : "";
      io.out(`First ${shown.length} of ${summary.estimated} run(s)${hint}:`);
      io.out(summaryTable(shown));
      io.out("Imputed inputs (provenance):");
      io.out(provenanceTable(shown));
    },
  };
}

/** Largest `--threads`: more workers than this only add memory. */
export const maxThreads = 64;

/**
 * Files smaller than this are estimated in-process unless `--threads` is given: starting a
 * worker (tsx and the estimator, about 0.5 s) costs more than it saves on a few thousand records.
 */
export const parallelMinBytes = 1 << 20;

/** `--threads`: undefined -> the default (`defaultThreads`); else a whole number 1..64. */
function threadCount(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > maxThreads)
    throw new UsageError(`--threads "${value}" must be a whole number from 1 to ${maxThreads}`);
  return n;
}

/**
 * Worker threads to use for `file`: 1 (in-process) unless JSONL and worth it (module doc). The
 * table mode defaults to in-process: it formats nothing per record, so workers save less than
 * they cost (measured slower on the 2-vCPU reference host, BENCHMARKS.md); `--threads` still
 * applies.
 */
async function threadsFor(
  file: string,
  format: DisclosureFileFormat,
  requested: number | undefined,
  table: boolean,
): Promise<number> {
  if (format !== "jsonl") return 1;
  if (requested !== undefined) return requested;
  if (table) return 1;
  const threads = defaultThreads();
  if (threads === 1) return 1;
  return (await stat(file)).size >= parallelMinBytes ? threads : 1;
}

function tableLimit(value: string | number | undefined): number {
  if (value === undefined) return defaultTableLimit;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`--limit "${value}" must be a whole number >= 0`);
  return n;
}

/** Writers for stdout and stderr: the process streams with backpressure, or the Io callbacks. */
function writers(io: Io): { out: LineWriter; err: LineWriter } {
  if (io === processIo) {
    return {
      out: new LineWriter(streamSink(process.stdout)),
      err: new LineWriter(streamSink(process.stderr)),
    };
  }
  return { out: new LineWriter(callbackSink(io.out)), err: new LineWriter(callbackSink(io.err)) };
}

/**
 * Run `finetrace estimate` (modes and streaming in the module doc).
 * @throws UsageError for an unreadable file or bad options, and after the output when some
 *   records were rejected (their issues were already printed on stderr).
 */
export async function estimateCommand(
  io: Io,
  file: string,
  options: EstimateOptions,
): Promise<void> {
  if (options.json && options.csv) throw new UsageError("--json and --csv cannot be combined");
  const limit = tableLimit(options.limit);
  const requestedThreads = threadCount(options.threads);
  const codeCarbon: CodeCarbonOptions = {
    utcOffset: options.codecarbonUtcOffset,
    baseModel: options.baseModel,
  };
  const { format, batches } = await openDisclosureStream(file, codeCarbon);
  const next = await chainSuccessorsOfFile(file, format, codeCarbon);
  const hourly =
    options.hourly === false
      ? null
      : new ShippedHourlyIntensity(options.gridData ?? shippedGridDataDir);
  const { out, err } = writers(io);
  const output = options.json
    ? jsonOutput(out)
    : options.csv
      ? csvOutput(out)
      : tableOutput(io, limit);
  const summary: EstimateSummary = {
    file,
    format,
    records: 0,
    estimated: 0,
    rejected: 0,
    issues: 0,
    totals: emptyTotals(),
  };
  const threads = await threadsFor(file, format, requestedThreads, !options.json && !options.csv);
  if (threads > 1) {
    await estimateJsonlInParallel(
      file,
      {
        threads,
        successors: next,
        settings: {
          mode: options.json ? "json" : options.csv ? "csv" : "table",
          limit,
          hourlyDir: hourly?.directory ?? null,
        },
      },
      { out, err, counts: summary, totals: summary.totals, output },
    );
  } else {
    const sinks = {
      output,
      err,
      counts: summary,
      estimated: (e: RunEstimate) => addToTotals(summary.totals, e),
    };
    const successorOf = (index: number) => next.get(String(index));
    for await (const batch of batches) await estimateItems(batch, hourly, successorOf, sinks);
  }
  await output.end(summary);
  await err.flush();
  if (summary.records === 0) throw new UsageError(`${file}: no records`);
  if (summary.rejected > 0) {
    throw new UsageError(
      `${file}: ${summary.issues} problem(s); ${summary.estimated} of ${summary.records} record(s) estimated`,
    );
  }
}
