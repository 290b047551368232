// The CLI as a bundle of plain JavaScript (ADR 0097): running the TypeScript sources through tsx
// costs every command ~36 MB of RSS (tsx's loader thread and esbuild) and ~0.2 s of start-up.
// `build-cli-bundle.mjs` bundles `src/main.ts` once into the user's cache directory
// (`$XDG_CACHE_HOME/finetrace/cli-bundle/<hash of the entry path>/`, default `~/.cache`: the
// user's own, not a shared /tmp where another user could plant code; the same root as
// `src/cache/cache-dir.ts`, computed here again because no TypeScript can load yet); a build is
// reused while every bundled source, the builder and this loader keep their mtime and size
// (about 190 stats), else rebuilt (~0.5 s). `FINETRACE_NO_BUNDLE=1` runs the sources through
// tsx instead (debugging: stack traces then name the TypeScript files).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const entry = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const builder = fileURLToPath(new URL("./build-cli-bundle.mjs", import.meta.url));
/** Longest wait for a build, ms (one takes ~0.5 s on the 2-vCPU reference host). */
const buildTimeoutMs = 60_000;

/** The build current.json names, if it is whole and every source it lists is unchanged; else null. */
function freshBuild(dir) {
  try {
    const { build, files, inputs } = JSON.parse(readFileSync(join(dir, "current.json"), "utf8"));
    for (const [path, stamp] of Object.entries(inputs)) {
      const stat = statSync(path);
      if (`${stat.mtimeMs}:${stat.size}` !== stamp) return null;
    }
    // Every file of the build is there (a command's chunk is imported only when it runs).
    if (!files.every((file) => existsSync(join(dir, build, file)))) return null;
    return join(dir, build, "main.mjs");
  } catch {
    return null;
  }
}

/**
 * URL of an up-to-date bundle of the CLI (built when a source changed), or null when it cannot
 * be built (a read-only cache, esbuild missing): the caller then runs the sources through tsx.
 */
export function cliBundle() {
  if (process.env.FINETRACE_NO_BUNDLE === "1") return null;
  const key = createHash("sha256").update(entry).digest("hex").slice(0, 16);
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  const dir = join(cache, "finetrace", "cli-bundle", key);
  let main = freshBuild(dir);
  if (!main) {
    const run = spawnSync(process.execPath, [builder, entry, dir], {
      encoding: "utf8",
      timeout: buildTimeoutMs,
    });
    main = run.status === 0 ? freshBuild(dir) : null;
  }
  return main && pathToFileURL(main).href;
}
