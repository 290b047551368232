/**
 * Worker thread of the parallel `finetrace estimate` (`estimate-pool.ts`): settings in
 * `workerData` (`ChunkSettings`), then one message per chunk (`{ seq, job }`), answered in the
 * order received with `{ seq, result }` (the output buffer transferred, not copied) or
 * `{ seq, error }` for an unexpected failure. The hourly series a worker needs are asked of the
 * main thread, lazily, once per worker (`{ request: { id, body: { zone, year } } }`): the main
 * thread reads and parses each file once for all workers (about 70 ms of CSV parsing a file).
 */
import { parentPort, workerData } from "node:worker_threads";
import { type HourSeries, ShippedHourlyIntensity } from "../input/hourly-intensity.js";
import { type ChunkJob, type ChunkSettings, estimateChunk } from "./estimate-chunk.js";

const settings = workerData as ChunkSettings;
const port = parentPort;
if (!port) throw new Error("estimate-worker.ts runs as a worker thread only");

/** Requests to the main thread waiting for their reply, by id. */
const requests = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
let nextRequest = 0;
function askMain(body: unknown): Promise<unknown> {
  const id = nextRequest++;
  return new Promise((resolve, reject) => {
    requests.set(id, { resolve, reject });
    port?.postMessage({ request: { id, body } });
  });
}

const hourly =
  settings.hourlyDir === null
    ? null
    : new ShippedHourlyIntensity(
        settings.hourlyDir,
        (zone, year) => askMain({ zone, year }) as Promise<HourSeries | null>,
      );

// One chunk at a time, in arrival order: the main thread matches answers by `seq`.
let queue: Promise<void> = Promise.resolve();
/** Output buffers given back by the main thread once written, reused by the next chunks. */
const spares: ArrayBuffer[] = [];
const maxSpares = 4;

type MainMessage =
  | { seq: number; job: ChunkJob }
  | { recycle: ArrayBuffer }
  | { reply: { id: number; result?: unknown; error?: { message: string } } };

port.on("message", (message: MainMessage) => {
  if ("reply" in message) {
    const { id, result, error } = message.reply;
    const request = requests.get(id);
    requests.delete(id);
    if (error) request?.reject(new Error(error.message));
    else request?.resolve(result);
    return;
  }
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
