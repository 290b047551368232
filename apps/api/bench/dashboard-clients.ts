/**
 * Load generator of `bench/dashboard-load.ts`, in a process of its own so that the clients'
 * HTTP work does not share the API server's event loop: BENCH_CLIENTS concurrent clients, each
 * sending the queries of BENCH_MIX (JSON: name -> GraphQL document) in turn to BENCH_URL with
 * BENCH_KEY until BENCH_DEADLINE_MS (epoch ms), each with at most one request in flight.
 * Loopback only; bounded in time. Prints one JSON line: latency samples (ms) per query name, the
 * error count and the first three errors.
 *
 * Two arrival models (BENCH_RATE):
 * - unset or 0, **closed loop**: a client sends its next request as soon as the last one is
 *   answered (saturation: the throughput the server reaches; the mean latency is then
 *   clients / throughput by Little's law, whatever the server does);
 * - BENCH_RATE = R requests/s in total, **paced**: client c sends its k-th request at
 *   t0 + (c / clients + k) * clients / R seconds (a dashboard refreshing on a timer; the clients'
 *   start times spread over one interval). A request that cannot go at its time (the client's
 *   previous answer is late) goes as soon as that answer arrives, and its latency is counted from
 *   its scheduled time, so a slow server is not hidden by clients that wait for it (the
 *   "coordinated omission" correction, as wrk2 and HdrHistogram do).
 */
import { setTimeout as sleep } from "node:timers/promises";

const url = process.env.BENCH_URL as string;
const key = process.env.BENCH_KEY as string;
const clients = Number(process.env.BENCH_CLIENTS ?? 50);
const deadline = Number(process.env.BENCH_DEADLINE_MS);
const rate = Number(process.env.BENCH_RATE ?? 0);
const mix = JSON.parse(process.env.BENCH_MIX as string) as Record<string, string>;
if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\//.test(url)) {
  throw new Error(`BENCH_URL must be a loopback address, got ${url}`);
}

const names = Object.keys(mix);
const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
let errors = 0;
const firstErrors: string[] = [];
/** Paced mode: ms between two requests of one client. */
const intervalMs = rate > 0 ? (clients / rate) * 1000 : 0;

/** One request; its latency from `fromMs` (performance.now() time) is recorded under `name`. */
async function send(name: string, fromMs: number): Promise<void> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: mix[name] }),
    });
    const json = (await res.json()) as { errors?: unknown };
    if (json.errors || res.status !== 200) throw new Error(JSON.stringify(json.errors));
    samples[name]?.push(performance.now() - fromMs);
  } catch (e) {
    errors++;
    if (firstErrors.length < 3) firstErrors.push(String(e).slice(0, 300));
  }
}

const t0 = performance.now();
const endMs = t0 + (deadline - Date.now());

const client = async (c: number) => {
  for (let k = 0; ; k++) {
    const name = names[(c + k) % names.length] as string;
    if (intervalMs === 0) {
      if (performance.now() >= endMs) return;
      await send(name, performance.now());
      continue;
    }
    const scheduledMs = t0 + (c / clients + k) * intervalMs;
    if (scheduledMs >= endMs) return;
    const waitMs = scheduledMs - performance.now();
    if (waitMs > 0) await sleep(waitMs);
    await send(name, scheduledMs);
  }
};

await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ seconds, samples, errors, firstErrors }));
