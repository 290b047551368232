/**
 * Parent side of bench/http-sampler.ts: start the child (tsx) and send it commands.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

export interface Sampler {
  /** `n` sequential POSTs; their latencies (ms) and the last response. */
  sample(
    url: string,
    key: string,
    body: string,
    n: number,
  ): Promise<{ samples: number[]; last: unknown }>;
  /** `connections` loops POSTing for `ms`; the number of requests made. */
  loop(url: string, key: string, body: string, connections: number, ms: number): Promise<number>;
  close(): void;
}

export function startSampler(): Sampler {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/http-sampler.ts"], {
    cwd: path.join(import.meta.dirname, ".."),
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let queue = Promise.resolve();
  const send = <T>(command: object): Promise<T> => {
    const result = queue.then(async () => {
      child.stdin.write(`${JSON.stringify(command)}\n`);
      const { value, done } = await lines.next();
      if (done) throw new Error("http-sampler exited");
      const parsed = JSON.parse(value as string) as T & { error?: string };
      if (parsed.error) throw new Error(parsed.error);
      return parsed;
    });
    queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  };
  return {
    sample: (url, key, body, n) => send({ op: "sample", url, key, body, n }),
    loop: async (url, key, body, connections, ms) =>
      (await send<{ requests: number }>({ op: "loop", url, key, body, connections, ms })).requests,
    close: () => {
      child.stdin.end();
    },
  };
}
