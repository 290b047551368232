// Builds the estimate worker bundle (worker-bundle.ts) in a child process, so the CLI's own
// memory never holds esbuild's buffers: `node build-worker-bundle.mjs <entry.ts> <dir>` writes
// <dir>/worker.cjs and <dir>/manifest.json ({ inputs: { path: "mtimeMs:size" } }), each through a
// temporary file renamed into place (the manifest last), so concurrent builds never expose a
// half-written bundle.
import { mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";

const [entry, dir] = process.argv.slice(2);
mkdirSync(dir, { recursive: true });
const result = buildSync({
  entryPoints: [entry],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  write: false,
  metafile: true,
  logLevel: "silent",
});
const inputs = {};
// The sources and this builder (a change to how the bundle is built must rebuild it).
for (const input of [...Object.keys(result.metafile.inputs), fileURLToPath(import.meta.url)]) {
  const path = resolve(input);
  const stat = statSync(path);
  inputs[path] = `${stat.mtimeMs}:${stat.size}`;
}
const put = (name, text) => {
  const temporary = join(dir, `${name}.${process.pid}.tmp`);
  writeFileSync(temporary, text);
  renameSync(temporary, join(dir, name));
};
put("worker.cjs", result.outputFiles[0].text);
put("manifest.json", JSON.stringify({ inputs }));
