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
 * The thread is a one-worker `WorkerPool` running the estimate worker's entry with
 * `{ hourlyParser: true }` as its workerData (`estimate-worker.ts`): jobs `{ path, fileName }`,
 * results the parsed `HourSeries` (its values' buffer transferred).
 */
import type { ResourceLimits } from "node:worker_threads";
import type { HourSeries } from "../input/hourly-intensity.js";
import { WorkerJobError, WorkerPool } from "./worker-pool.js";

/** The workerData that makes the estimate worker's entry a parser thread. */
export interface HourlyParserData {
  hourlyParser: true;
}

/** A parse job as the parser thread receives it. */
export interface ParseJob {
  path: string;
  fileName: string;
}

/** Idle time after the last answer before the thread exits (a later request starts another). */
const idleExitMs = 50;

/**
 * A small young generation: a file's parse allocates ~5 MB that dies young, and a smaller new
 * space scavenges more often but stays small (the thread exits soon anyway).
 */
const parserLimits: ResourceLimits = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 };

export class HourlyParserThread {
  private pool: WorkerPool<ParseJob, HourSeries> | null = null;
  private outstanding = 0;
  private idle: NodeJS.Timeout | null = null;

  /** @param entry the estimate worker's module (bundle or tsx entry). */
  constructor(private readonly entry: URL) {}

  /**
   * Parse the hourly file at `path` on the thread (started if needed).
   * @throws WorkerJobError with the parse's message (e.g. not an hourly CSV), or Error when the
   *   thread fails (the next parse then starts a new one).
   */
  async parse(path: string, fileName: string): Promise<HourSeries> {
    this.stopIdleTimer();
    const data: HourlyParserData = { hourlyParser: true };
    this.pool ??= new WorkerPool(this.entry, 1, data, { resourceLimits: parserLimits });
    const pool = this.pool;
    this.outstanding += 1;
    try {
      return await pool.submit({ path, fileName });
    } catch (error) {
      // A job's own error leaves the thread usable; any other is the thread's failure.
      if (!(error instanceof WorkerJobError) && this.pool === pool) this.pool = null;
      throw error;
    } finally {
      this.outstanding -= 1;
      if (this.outstanding === 0) {
        this.idle = setTimeout(() => void this.close(), idleExitMs);
        this.idle.unref();
      }
    }
  }

  /** Stop the thread now (pending parses are abandoned). */
  async close(): Promise<void> {
    this.stopIdleTimer();
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
  }

  private stopIdleTimer(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
  }
}
