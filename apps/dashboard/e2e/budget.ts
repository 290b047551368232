/**
 * The initial JavaScript of a build: the entry script and the modules index.html preloads,
 * gzipped (zlib level 6, what Vite's size report and most servers use), bytes.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export function initialJavaScript(distDir: string): { files: string[]; gzipBytes: number } {
  const html = readFileSync(path.join(distDir, "index.html"), "utf8");
  const files = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((m) => m[1] as string);
  const gzipBytes = files.reduce(
    (sum, file) => sum + gzipSync(readFileSync(path.join(distDir, file))).length,
    0,
  );
  return { files, gzipBytes };
}
