/**
 * Worker thread of the parallel `finetrace estimate` (`parallel-estimate.ts`): settings in
 * `workerData` (`ChunkSettings`), then one message per chunk (`{ seq, job }`), answered in the
 * order received with `{ seq, result }` (the output buffer transferred, not copied) or
 * `{ seq, error }` for an unexpected failure. The hourly series a worker needs are asked of the
 * main thread, lazily, once per worker (`{ request: { id, body: { zone, year } } }`): the main
 * thread gets each file once for all workers (from the disk cache, else parsed: about 70 ms of
 * CSV parsing a file).
 *
 * With `{ hourlyParser: true }` as its workerData the same module is that parse's thread instead
 * (`hourly-parser.ts`), so both run from the one worker bundle.
 */
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import {
  type HourSeries,
  readHourlyFile,
  ShippedHourlyIntensity,
} from "../input/hourly-intensity.js";
import { type ChunkJob, type ChunkSettings, estimateChunk } from "./estimate-chunk.js";
import type { HourlyParserData, ParseJob } from "./hourly-parser.js";

const port = parentPort;
if (!port) throw new Error("estimate-worker.ts runs as a worker thread only");
const data = workerData as ChunkSettings | HourlyParserData;
if ("hourlyParser" in data) serveParses(port);
else serveChunks(port, data);

/** The parser thread of `hourly-parser.ts`: one file per job, answered once parsed. */
function serveParses(port: MessagePort): void {
  port.on("message", ({ seq, job }: { seq: number; job: ParseJob }) => {
    readHourlyFile(job.path, job.fileName).then(
      (series) => port.postMessage({ seq, result: series }, [series.values.buffer as ArrayBuffer]),
      (error: Error) => port.postMessage({ seq, error: { message: error.message } }),
    );
  });
}

type Reply = { id: number; result?: unknown; error?: { message: string } };

/** Requests to the main thread (`ask`) and the handler of its replies (`settle`). */
function mainRequests(port: MessagePort) {
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 0;
  return {
    ask(body: unknown): Promise<unknown> {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        port.postMessage({ request: { id, body } });
      });
    },
    settle({ id, result, error }: Reply): void {
      const request = waiting.get(id);
      waiting.delete(id);
      if (error) request?.reject(new Error(error.message));
      else request?.resolve(result);
    },
  };
}

type MainMessage = { seq: number; job: ChunkJob } | { recycle: ArrayBuffer } | { reply: Reply };

/** An estimate worker: chunks in, answers out in order (module doc). */
function serveChunks(port: MessagePort, settings: ChunkSettings): void {
  const main = mainRequests(port);
  const hourly =
    settings.hourlyDir === null
      ? null
      : new ShippedHourlyIntensity(settings.hourlyDir, {
          loader: (zone, year) => main.ask({ zone, year }) as Promise<HourSeries | null>,
        });
  // One chunk at a time, in arrival order: the main thread matches answers by `seq`.
  let queue: Promise<void> = Promise.resolve();
  /** Output buffers given back by the main thread once written, reused by the next chunks. */
  const spares: ArrayBuffer[] = [];
  const maxSpares = 4;
  port.on("message", (message: MainMessage) => {
    if ("reply" in message) return main.settle(message.reply);
    if ("recycle" in message) {
      if (spares.length < maxSpares) spares.push(message.recycle);
      return;
    }
    const { seq, job } = message;
    queue = queue.then(async () => {
      try {
        const result = await estimateChunk(job, settings, hourly, spares.pop());
        port.postMessage({ seq, result }, [result.out.buffer, result.figures.buffer]);
      } catch (error) {
        const { message, stack } = error instanceof Error ? error : new Error(String(error));
        port.postMessage({ seq, error: { message, stack } });
      }
    });
  });
}
