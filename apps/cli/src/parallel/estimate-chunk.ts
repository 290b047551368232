/**
 * What an estimate worker thread does with one chunk of JSONL lines (`jsonl-chunks.ts`): split
 * the lines as the in-process reader does, then `estimateItems` (the same per-record code as
 * the in-process path), writing the chunk's output lines into one UTF-8 buffer that is
 * transferred back (`ByteOutput`). The summary's totals are not summed here: each estimate's four figures are
 * returned, so the main thread adds them in record order and the sums are bit-identical to the
 * in-process ones (floating-point addition is not associative).
 */
import type { RunEstimate } from "@finetrace/estimator";
import {
  csvRowsOutput,
  type EstimateCounts,
  type EstimateOutput,
  estimateItems,
  jsonOutput,
} from "../commands/estimate-items.js";
import type { ShippedHourlyIntensity } from "../input/hourly-intensity.js";
import { jsonLineItem, type RawItem } from "../input/read-disclosures.js";
import type { LabelledEstimate } from "../output/estimate-table.js";
import { LineWriter } from "../output/line-writer.js";

/** Output mode of a worker: NDJSON lines, CSV rows, or the table's first runs only. */
export type ChunkMode = "json" | "csv" | "table";

/** Set once per worker (`workerData`). */
export interface ChunkSettings {
  mode: ChunkMode;
  /** Table mode: detail rows of the table (the first `limit` runs). */
  limit: number;
  /** Folder of the hourly files; null: `--no-hourly`. */
  hourlyDir: string | null;
}

/**
 * One chunk to estimate (see `LineChunk`); `successors`: [record index, next start] pairs;
 * `shownLimit`: table mode, estimates still wanted for the table (0 once it is full).
 */
export interface ChunkJob {
  shownLimit: number;
  bytes: Uint8Array;
  firstIndex: number;
  firstLineNumber: number;
  successors: [number, string][];
}

export interface ChunkResult {
  /** Output lines, each followed by "\n" (UTF-8). Empty in table mode. */
  out: Uint8Array<ArrayBuffer>;
  /** stderr lines, each followed by "\n". */
  err: string;
  counts: EstimateCounts;
  /** itEnergyKwh, facilityEnergyKwh, totalCarbonKgCo2e, totalWaterLiters of each estimate. */
  figures: Float64Array<ArrayBuffer>;
  /** Table mode: the chunk's first `job.shownLimit` estimates. */
  shown: LabelledEstimate[];
}

/**
 * The chunk's lines as raw items, numbered as `fileLines` + `jsonLineItem` number them, parsed
 * one at a time as the caller asks (only the record being estimated is alive, not the chunk's
 * 500: fewer survivors for each young-generation collection).
 */
export function* chunkItems(job: ChunkJob): Generator<RawItem> {
  const { bytes } = job;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let index = job.firstIndex;
  let lineNumber = job.firstLineNumber;
  for (let start = 0; start < buffer.length; lineNumber++) {
    const newline = buffer.indexOf(10, start);
    const end = newline === -1 ? buffer.length : newline;
    // A "\r" before the "\n" is the CRLF line end; the last, unterminated line keeps its text.
    const cut = newline !== -1 && end > start && buffer[end - 1] === 13 ? end - 1 : end;
    const line = buffer.toString("utf8", start, cut);
    start = end + 1;
    if (line.trim() === "") continue;
    yield jsonLineItem(line, index, lineNumber);
    index += 1;
  }
}

/**
 * UTF-8 bytes written chunk by chunk into one growing buffer of its own (transferable). The
 * text arrives in the LineWriter's 64 KiB chunks: small strings, as on the in-process path
 * (one multi-megabyte string per chunk would live in V8's large-object space and cost major
 * garbage collections).
 */
class ByteOutput {
  private buffer: Buffer;
  private length = 0;

  /** `spare`: a buffer the main thread gave back after writing it, reused (no allocation). */
  constructor(spare?: ArrayBuffer) {
    this.buffer = spare ? Buffer.from(spare) : Buffer.allocUnsafeSlow(1 << 21);
  }

  write(text: string): void {
    const needed = this.length + text.length * 3; // at most 3 UTF-8 bytes per UTF-16 unit
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length, "utf8");
  }

  /** The bytes written; their `buffer` is this output's alone (byteOffset 0). */
  bytes(): Uint8Array<ArrayBuffer> {
    return new Uint8Array(this.buffer.buffer as ArrayBuffer, 0, this.length);
  }
}

/** Estimate one chunk (module doc). */
export async function estimateChunk(
  job: ChunkJob,
  settings: ChunkSettings,
  hourly: ShippedHourlyIntensity | null,
  spare?: ArrayBuffer,
): Promise<ChunkResult> {
  const bytes = new ByteOutput(spare);
  const errParts: string[] = [];
  const text = (chunk: string | Uint8Array) =>
    typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
  const out = new LineWriter((chunk) => void bytes.write(text(chunk)));
  const err = new LineWriter((chunk) => void errParts.push(text(chunk)));
  const shown: LabelledEstimate[] = [];
  const output: EstimateOutput =
    settings.mode === "json"
      ? jsonOutput(out)
      : settings.mode === "csv"
        ? csvRowsOutput(out)
        : {
            estimate: (_index, run, estimate) => {
              if (shown.length < job.shownLimit) shown.push({ label: run, estimate });
              return undefined;
            },
            issue: () => undefined,
            end: async () => undefined,
          };
  const successors = new Map(job.successors);
  const figures: number[] = [];
  const counts: EstimateCounts = { records: 0, estimated: 0, rejected: 0, issues: 0 };
  await estimateItems(chunkItems(job), hourly, (index) => successors.get(index), {
    output,
    err,
    counts,
    estimated: (e: RunEstimate) => {
      figures.push(e.itEnergyKwh, e.facilityEnergyKwh, e.totalCarbonKgCo2e, e.totalWaterLiters);
    },
  });
  await out.flush();
  await err.flush();
  return {
    out: bytes.bytes(),
    err: errParts.join(""),
    counts,
    figures: Float64Array.from(figures),
    shown,
  };
}
