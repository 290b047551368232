/**
 * Hourly CSVs parsed on a short-lived thread of their own, for the main thread of the parallel
 * `finetrace estimate` (which parses each file once for all workers when the disk cache does not
 * have it). Parsing 13 files on the main thread grew its heap from ~31 to ~50 MB committed (the
 * young generation grows to its default maximum under csv-parse's allocation rate) and it kept
 * that size for the whole run: the first run after the data changed peaked at 313-322 MB of RSS
 * against 278-300 MB with the cache warm (BENCHMARKS.md, "Intel host, 2026-12-08"). This thread's
 * heap goes when it exits, `idleExitMs` after its last answer, before the estimate workers reach
 * their steady size.
 *
 * Protocol: `{ id, path, fileName }` in, `{ id, series }` (the values' buffer transferred) or
 * `{ id, error: { message } }` out; the thread runs the estimate worker's entry with
 * `{ hourlyParser: true }` as its workerData (`estimate-worker.ts`).
 */
import { type ResourceLimits, Worker } from "node:worker_threads";
import type { HourSeries } from "../input/hourly-intensity.js";

/** The workerData that makes the estimate worker's entry a parser thread. */
export interface HourlyParserData {
  hourlyParser: true;
}

/** A parse request as the parser thread receives it. */
export interface ParseRequest {
  id: number;
  path: string;
  fileName: string;
}

/** The parser thread's answer. */
export type ParseAnswer =
  | { id: number; series: HourSeries }
  | { id: number; error: { message: string } };

/** Idle time after the last answer before the thread exits (a later request starts another). */
const idleExitMs = 50;

/**
 * A small young generation: a file's parse allocates ~5 MB that dies young, and a smaller new
 * space scavenges more often but stays small (the thread exits soon anyway).
 */
const parserLimits: ResourceLimits = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 };

export class HourlyParserThread {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve(series: HourSeries): void; reject(error: Error): void }
  >();
  private idle: NodeJS.Timeout | null = null;

  /** @param entry the estimate worker's module (bundle or tsx entry). */
  constructor(private readonly entry: URL) {}

  /**
   * Parse the hourly file at `path` on the thread (started if needed).
   * @throws Error with the parse's message (e.g. not an hourly CSV), or when the thread fails.
   */
  parse(path: string, fileName: string): Promise<HourSeries> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<HourSeries>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, path, fileName } satisfies ParseRequest);
    });
  }

  /** Stop the thread now (pending parses fail). */
  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const data: HourlyParserData = { hourlyParser: true };
    const worker = new Worker(this.entry, { workerData: data, resourceLimits: parserLimits });
    worker.on("message", (answer: ParseAnswer) => this.answered(answer));
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (this.pending.size > 0) fail(new Error(`hourly parser thread exited (code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private answered(answer: ParseAnswer): void {
    const request = this.pending.get(answer.id);
    this.pending.delete(answer.id);
    if ("error" in answer) request?.reject(new Error(answer.error.message));
    else request?.resolve(answer.series);
    if (this.pending.size === 0) {
      this.idle = setTimeout(() => void this.close(), idleExitMs);
      this.idle.unref();
    }
  }
}
