/**
 * `finetrace estimate` of a JSONL file on worker threads (ADR 0041): the main thread reads the
 * file as chunks of whole lines (`jsonl-chunks.ts`), hands each chunk with the chain successors
 * of its records to the least busy worker (`worker-pool.ts`), and writes the answers in chunk
 * order as they come, waiting for stdout to drain. At most `inFlightPerThread` chunks per worker
 * are read and not yet written, so memory stays bounded (a chunk of 128 KiB of input is about
 * 2 MB of NDJSON). Workers run the same per-record code as the in-process loop
 * (`commands/estimate-items.ts`), so the output bytes, stderr lines and totals are identical.
 */
import { availableParallelism } from "node:os";
import type { EstimateCounts, EstimateOutput } from "../commands/estimate-items.js";
import { ShippedHourlyIntensity } from "../input/hourly-intensity.js";
import type { EstimateTotals } from "../output/estimate-stream.js";
import type { LineWriter } from "../output/line-writer.js";
import type { ChunkJob, ChunkResult, ChunkSettings } from "./estimate-chunk.js";
import { HourlyParserThread } from "./hourly-parser.js";
import { defaultChunkBytes, jsonlChunks } from "./jsonl-chunks.js";
import { estimateWorkerBundle } from "./worker-bundle.js";
import { WorkerPool } from "./worker-pool.js";

/** The tsx entry: used only when the worker cannot be bundled (`worker-bundle.ts`). */
const tsxWorkerEntry = new URL("./estimate-worker-entry.js", import.meta.url);

function workerEntry(): URL {
  try {
    return estimateWorkerBundle();
  } catch {
    return tsxWorkerEntry;
  }
}

/** Chunks read ahead per worker: one being estimated, one queued. */
export const inFlightPerThread = 2;

/**
 * Worker heap limits, MB. A worker allocates about 1 GB/s (each record's validation, estimate
 * and ~4 KB NDJSON line) and holds little (a chunk's records, its modules and hourly series,
 * about 20 MB). A 32 MB young generation (V8 gives it a 33.6 MB new space) makes 1,000,000 rows
 * 20-25 % faster than 8 MB (8.4 MB), whose scavenges, every ~4 MB, promote what a larger one
 * lets die young; 16 and 24 MB (16.8 MB) measured no faster than 8 (BENCHMARKS.md, "Hourly
 * series cache and a 32 MB young generation"). The cost is ~25 MB of RSS a worker. The
 * old-generation cap only stops a runaway worker; it stays at 256 MB because a worker parses
 * a whole line at once and a 48 MB cap crashed the process on a 30 MB line.
 */
const workerLimits = { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 256 };

/**
 * Most threads used when `--threads` is not given: each worker costs about 55 MB of RSS (its
 * isolate, its 33.6 MB new space and the bundled estimator), so a many-core machine does not get
 * dozens by default.
 */
export const maxDefaultThreads = 4;

/** Threads when `--threads` is not given: the CPUs this process may use, 1..4. */
export function defaultThreads(): number {
  return Math.min(maxDefaultThreads, Math.max(1, availableParallelism()));
}

export interface ParallelEstimateOptions {
  /** Worker threads (>= 2; 1 is the in-process path). */
  threads: number;
  settings: ChunkSettings;
  /** Record index (as text) -> next start of its chain (`chainSuccessorsOfFile`). */
  successors: Map<string, string>;
  chunkBytes?: number;
}

/** Where the answers go: the command's writers, counts and totals, and its output mode. */
export interface ParallelSinks {
  out: LineWriter;
  err: LineWriter;
  counts: EstimateCounts;
  totals: EstimateTotals;
  /** Table mode: receives each chunk's first estimates (`output.estimate`), in order. */
  output: EstimateOutput;
}

/** Estimate the JSONL file `path` on `options.threads` workers (module doc). */
export async function estimateJsonlInParallel(
  path: string,
  options: ParallelEstimateOptions,
  sinks: ParallelSinks,
): Promise<void> {
  const chained = [...options.successors.keys()].map(Number).sort((a, b) => a - b);
  let nextChained = 0;
  // The hourly series, got once here for every worker that asks (see the worker): from the
  // disk cache, else parsed on a thread of its own (`hourly-parser.ts`).
  const entry = workerEntry();
  const parser = new HourlyParserThread(entry);
  const hourly =
    options.settings.hourlyDir === null
      ? null
      : new ShippedHourlyIntensity(options.settings.hourlyDir, {
          parse: (path, fileName) => parser.parse(path, fileName),
        });
  const pool = new WorkerPool<ChunkJob, ChunkResult>(entry, options.threads, options.settings, {
    resourceLimits: workerLimits,
    onRequest: async (body) => {
      const { zone, year } = body as { zone: string; year: number };
      return hourly ? hourly.series(zone, year) : null;
    },
  });
  let shown = 0; // table mode: estimates handed to the table so far
  const write = async (result: ChunkResult) => {
    const { counts, totals } = sinks;
    counts.records += result.counts.records;
    counts.estimated += result.counts.estimated;
    counts.rejected += result.counts.rejected;
    counts.issues += result.counts.issues;
    const f = result.figures;
    for (let i = 0; i < f.length; i += 4) {
      totals.itEnergyKwh += f[i] as number;
      totals.facilityEnergyKwh += f[i + 1] as number;
      totals.totalCarbonKgCo2e += f[i + 2] as number;
      totals.totalWaterLiters += f[i + 3] as number;
    }
    for (const { label, estimate } of result.shown) {
      sinks.output.estimate(0, label, estimate);
      shown += 1;
    }
    if (result.out.byteLength > 0) {
      // Once stdout is done with the buffer, it goes back to a worker for a later chunk.
      const buffer = result.out.buffer;
      await sinks.out.write(result.out, () => pool.post({ recycle: buffer }, [buffer]));
    }
    if (result.err !== "") await sinks.err.write(result.err);
  };
  const inFlight: Promise<ChunkResult>[] = [];
  try {
    for await (const chunk of jsonlChunks(path, options.chunkBytes ?? defaultChunkBytes)) {
      const end = chunk.firstIndex + chunk.records;
      const successors: [number, string][] = [];
      while (nextChained < chained.length && (chained[nextChained] as number) < end) {
        const index = chained[nextChained++] as number;
        successors.push([index, options.successors.get(String(index)) as string]);
      }
      const { bytes, firstIndex, firstLineNumber } = chunk;
      // Table mode: estimates the table may still need (an upper bound: chunks in flight may
      // fill it too), so later chunks send none back.
      const shownLimit = Math.max(0, options.settings.limit - shown);
      const job = { bytes, firstIndex, firstLineNumber, successors, shownLimit };
      const answer = pool.submit(job, [bytes.buffer as ArrayBuffer]);
      answer.catch(() => undefined); // awaited in order below; a failure is raised there
      inFlight.push(answer);
      if (inFlight.length >= options.threads * inFlightPerThread) {
        await write(await (inFlight.shift() as Promise<ChunkResult>));
      }
    }
    while (inFlight.length > 0) await write(await (inFlight.shift() as Promise<ChunkResult>));
  } finally {
    await Promise.all([pool.close(), parser.close()]);
  }
}
