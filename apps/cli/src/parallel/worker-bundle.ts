/**
 * The estimate worker as one JavaScript bundle (ADR 0041 amendment): esbuild bundles
 * `estimate-worker.ts` with everything it imports (the estimator and its reference data, zod,
 * csv-parse) into one CommonJS file that a worker thread loads without a TypeScript loader.
 * Loading tsx in each worker cost ~0.5 s of start-up and ~45 MB of RSS for two workers (its
 * loader thread and the transpiled module graph; BENCHMARKS.md, reference 2-vCPU host).
 *
 * Cache: `finetraceCacheDir("worker-bundle")/<hash of the entry path>/worker.cjs` (the user's
 * own directory, not a shared one where another user could plant code for this process to run)
 * with a manifest of every bundled source's mtime and size; the bundle is reused while all of them are unchanged
 * (about 250 stats), else rebuilt (~0.3 s) by `build-worker-bundle.mjs` in a child process, so
 * esbuild's buffers never count against this process's memory.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { finetraceCacheDir } from "../cache/cache-dir.js";

const entry = fileURLToPath(new URL("./estimate-worker.ts", import.meta.url));
const builder = fileURLToPath(new URL("./build-worker-bundle.mjs", import.meta.url));
/** Longest wait for a bundle build, ms (a cold build takes ~300 ms on the reference host). */
const buildTimeoutMs = 30_000;

/** Whether every source in the manifest still has the mtime and size it was bundled from. */
function fresh(manifestPath: string): boolean {
  try {
    const { inputs } = JSON.parse(readFileSync(manifestPath, "utf8")) as {
      inputs: Record<string, string>;
    };
    return Object.entries(inputs).every(([path, stamp]) => {
      const stat = statSync(path);
      return `${stat.mtimeMs}:${stat.size}` === stamp;
    });
  } catch {
    return false;
  }
}

/**
 * URL of an up-to-date bundle of the estimate worker, building it when a source changed.
 * @throws Error when the bundle cannot be built (the caller falls back to the tsx entry).
 */
export function estimateWorkerBundle(): URL {
  const key = createHash("sha256").update(entry).digest("hex").slice(0, 16);
  const dir = join(finetraceCacheDir("worker-bundle"), key);
  const manifest = join(dir, "manifest.json");
  if (!fresh(manifest)) {
    // A build takes ~0.3 s; the limit keeps a stuck file system from stalling the command (the
    // caller then starts the workers through tsx).
    const run = spawnSync(process.execPath, [builder, entry, dir], {
      encoding: "utf8",
      timeout: buildTimeoutMs,
    });
    if (run.status !== 0)
      throw new Error(`worker bundle: ${run.stderr || run.error || run.signal}`);
  }
  return pathToFileURL(join(dir, "worker.cjs"));
}
