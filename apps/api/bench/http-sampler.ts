/**
 * HTTP client of the API benchmarks, in a process of its own so that the client's work does not
 * share the measured server's event loop. Reads one JSON command per stdin line and answers one
 * JSON line on stdout:
 * - `{"op":"sample","url","key","body","n"}` -> `{"samples":[ms, ...],"last":<response JSON>}`:
 *   n sequential POSTs on a kept-alive connection; any GraphQL error fails the command;
 * - `{"op":"loop","url","key","body","connections","ms"}` -> `{"requests":N}`: `connections`
 *   loops POSTing for `ms` milliseconds (429 RATE_LIMITED answers count as requests).
 * Loopback URLs only.
 */
import { createInterface } from "node:readline";

interface Command {
  op: "sample" | "loop";
  url: string;
  key: string;
  body: string;
  n?: number;
  connections?: number;
  ms?: number;
}

const post = async (c: Command, allowRateLimited: boolean) => {
  const res = await fetch(c.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${c.key}` },
    body: c.body,
  });
  const json = (await res.json()) as { errors?: unknown };
  if (json.errors && !(allowRateLimited && res.status === 429)) {
    throw new Error(`bench request failed: ${JSON.stringify(json.errors)}`);
  }
  return json;
};

async function run(c: Command): Promise<unknown> {
  if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\//.test(c.url)) {
    throw new Error(`loopback URLs only, got ${c.url}`);
  }
  if (c.op === "sample") {
    const samples: number[] = [];
    let last: unknown;
    for (let i = 0; i < (c.n ?? 1); i++) {
      const start = performance.now();
      last = await post(c, false);
      samples.push(performance.now() - start);
    }
    return { samples, last };
  }
  const until = Date.now() + (c.ms ?? 0);
  let requests = 0;
  await Promise.all(
    Array.from({ length: c.connections ?? 1 }, async () => {
      while (Date.now() < until) {
        await post(c, true);
        requests++;
      }
    }),
  );
  return { requests };
}

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  try {
    console.log(JSON.stringify(await run(JSON.parse(line) as Command)));
  } catch (e) {
    console.log(JSON.stringify({ error: String(e) }));
  }
}
