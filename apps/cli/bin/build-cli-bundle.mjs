// Builds the CLI bundle (cli-bundle.js) in a child process, so the command's own memory never
// holds esbuild's buffers: `node build-cli-bundle.mjs <entry.ts> <dir>` bundles <entry.ts> and
// the workspace's TypeScript it imports (@finetrace/* included) as ES modules split by dynamic
// import (each command's code loads only when that command runs) into <dir>/<build id>/, then
// points <dir>/current.json ({ build, files, inputs: { path: "mtimeMs:size" } }) at it by a
// rename, so a concurrent reader sees the old build or the new one, never half of one. Packages from
// node_modules stay outside the bundle, imported by the absolute path that Node would resolve
// from the importing source file (so each package resolves as it does unbundled, nested
// versions included). `import.meta.url` and `import.meta.resolve("x")` in a source are replaced
// by that source's own URL and resolution, so paths computed from them do not move with the
// bundle. Builds older than a day that current.json does not name are removed (a process
// started from one a day ago has long imported its command's code).
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const [entry, dir] = process.argv.slice(2);
const buildId = `${Date.now().toString(36)}-${process.pid}`;
const out = join(dir, buildId);
const staleBuildMs = 86_400_000;

/**
 * Bare specifiers from a workspace source: external, at Node's resolution of them; a package's
 * JSON file ("i18n-iso-countries/langs/en.json") is bundled, as an external one would need the
 * `with { type: "json" }` attribute that the rewritten import loses.
 */
const externals = {
  name: "node-modules-external",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith("@finetrace/") || args.pluginData === "resolving") return undefined;
      if (args.path.startsWith("node:")) return { path: args.path, external: true };
      const found = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: "resolving",
      });
      if (found.errors.length > 0) return { errors: found.errors };
      if (found.path.endsWith(".json")) return { path: found.path };
      return { path: pathToFileURL(found.path).href, external: true };
    });
    b.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      let text = readFileSync(args.path, "utf8");
      text = text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href));
      for (const [call, specifier] of text.matchAll(/import\.meta\.resolve\("([^"]+)"\)/g)) {
        const found = await b.resolve(specifier, {
          kind: "dynamic-import",
          resolveDir: dirname(args.path),
          pluginData: "resolving",
        });
        if (found.errors.length > 0) return { errors: found.errors };
        text = text.replace(call, JSON.stringify(pathToFileURL(found.path).href));
      }
      return { contents: text, loader: "ts" };
    });
  },
};

mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: { main: entry },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Node's conditions only (esbuild would add "module", which Node does not read).
  conditions: [],
  outdir: out,
  // .mjs: ES modules whatever the cache folder's package.json says (there is none).
  outExtension: { ".js": ".mjs" },
  metafile: true,
  logLevel: "silent",
  plugins: [externals],
});
// The sources, and this builder and its loader: a change to how a build is laid out must not
// leave an older build looking fresh.
const loader = fileURLToPath(new URL("./cli-bundle.js", import.meta.url));
const inputs = {};
for (const input of [
  ...Object.keys(result.metafile.inputs),
  fileURLToPath(import.meta.url),
  loader,
]) {
  const path = resolve(input);
  const stat = statSync(path);
  inputs[path] = `${stat.mtimeMs}:${stat.size}`;
}
const temporary = join(dir, `current.json.${process.pid}.tmp`);
const files = Object.keys(result.metafile.outputs).map((output) => basename(output));
writeFileSync(temporary, JSON.stringify({ build: buildId, files, inputs }));
renameSync(temporary, join(dir, "current.json"));
for (const name of readdirSync(dir)) {
  const path = join(dir, name);
  if (name === buildId || name === "current.json") continue;
  try {
    if (Date.now() - statSync(path).mtimeMs > staleBuildMs) rmSync(path, { recursive: true });
  } catch {
    // Removed meanwhile by a concurrent build.
  }
}
