/**
 * Load generator of `bench/dashboard-load.ts`, in a process of its own so that the clients'
 * HTTP work does not share the API server's event loop: BENCH_CLIENTS concurrent clients, each
 * sending the queries of BENCH_MIX (JSON: name -> GraphQL document) in turn to BENCH_URL with
 * BENCH_KEY until BENCH_DEADLINE_MS (epoch ms). Loopback only; bounded in time. Prints one JSON
 * line: latency samples (ms) per query name, the error count and the first three errors.
 */
const url = process.env.BENCH_URL as string;
const key = process.env.BENCH_KEY as string;
const clients = Number(process.env.BENCH_CLIENTS ?? 50);
const deadline = Number(process.env.BENCH_DEADLINE_MS);
const mix = JSON.parse(process.env.BENCH_MIX as string) as Record<string, string>;
if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\//.test(url)) {
  throw new Error(`BENCH_URL must be a loopback address, got ${url}`);
}

const names = Object.keys(mix);
const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
let errors = 0;
const firstErrors: string[] = [];

const client = async (c: number) => {
  let i = c;
  while (Date.now() < deadline) {
    const name = names[i++ % names.length] as string;
    const start = performance.now();
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: mix[name] }),
      });
      const json = (await res.json()) as { errors?: unknown };
      if (json.errors || res.status !== 200) throw new Error(JSON.stringify(json.errors));
      samples[name]?.push(performance.now() - start);
    } catch (e) {
      errors++;
      if (firstErrors.length < 3) firstErrors.push(String(e).slice(0, 300));
    }
  }
};

const t0 = performance.now();
await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ seconds, samples, errors, firstErrors }));
