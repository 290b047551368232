/**
 * Parsed hourly series kept on disk, so `finetrace estimate` does not parse the same
 * Electricity Maps CSV on every run (csv-parse takes ~70 ms a file; a run touching 13 zone-years
 * spent ~0.9 s of its start there while the worker threads waited, BENCHMARKS.md).
 *
 * File: `finetraceCacheDir("hour-series")/<key>.f64`, where key = SHA-256 of the source file's
 * absolute path, mtime, size and `formatVersion`: a changed source file gets a new key, so a
 * cached series never outlives its source. Content: little-endian float64s, `firstHourMs`, the
 * count of hours, then the hourly values (NaN for missing hours), exactly the parsed
 * `HourSeries`. Written to a temporary file and renamed into place, so a reader never sees half
 * a file; a file whose length does not match its count is ignored (the CSV is parsed again).
 * Cache failures (a read-only home) only cost the parse.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { HourSeries } from "../input/hourly-intensity.js";
import { finetraceCacheDir } from "./cache-dir.js";

/** Bumped when the parse or the file layout changes: older cache files are then never read. */
const formatVersion = 2;

function cachePath(source: string, mtimeMs: number, size: number): string {
  const key = createHash("sha256")
    .update(`${resolve(source)}\0${mtimeMs}\0${size}\0${formatVersion}`)
    .digest("hex")
    .slice(0, 32);
  return join(finetraceCacheDir("hour-series"), `${key}.f64`);
}

function decode(bytes: Buffer): HourSeries | null {
  if (bytes.byteLength < 16 || bytes.byteLength !== 16 + 8 * bytes.readDoubleLE(8)) return null;
  const values = new Float64Array((bytes.byteLength - 16) / 8);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readDoubleLE(16 + i * 8);
  return { firstHourMs: bytes.readDoubleLE(0), values };
}

function encode(series: HourSeries): Buffer {
  const bytes = Buffer.allocUnsafe(16 + 8 * series.values.length);
  bytes.writeDoubleLE(series.firstHourMs, 0);
  bytes.writeDoubleLE(series.values.length, 8);
  for (let i = 0; i < series.values.length; i++) {
    bytes.writeDoubleLE(series.values[i] as number, 16 + i * 8);
  }
  return bytes;
}

/**
 * Most files kept (~70 KB each: at most ~35 MB). The shipped data is 16 zone-years; every other
 * `--grid-data` file read, a test's temporary ones included, adds one, so the oldest go.
 */
export const maxCachedSeries = 500;

/** Remove the least recently written files beyond `maxCachedSeries` (after a write). */
async function prune(dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((name) => name.endsWith(".f64"));
  if (names.length <= maxCachedSeries) return;
  const stamped = await Promise.all(
    names.map(async (name) => ({ name, mtimeMs: (await stat(join(dir, name))).mtimeMs })),
  );
  stamped.sort((a, b) => a.mtimeMs - b.mtimeMs);
  const excess = stamped.slice(0, stamped.length - maxCachedSeries);
  await Promise.all(excess.map(({ name }) => rm(join(dir, name), { force: true })));
}

async function store(path: string, series: HourSeries): Promise<void> {
  try {
    const dir = join(path, "..");
    await mkdir(dir, { recursive: true });
    const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temporary, encode(series));
    await rename(temporary, path);
    await prune(dir);
  } catch {
    // No cache (read-only or full disk, or a file pruned by a concurrent run): the next run
    // parses the file again.
  }
}

/**
 * The series of the CSV file `source` from the cache, else `parse()` of it (then cached).
 * Null when `source` does not exist.
 * @throws what `parse` throws, and Error when `source` exists but cannot be read.
 */
export async function cachedHourSeries(
  source: string,
  parse: () => Promise<HourSeries>,
): Promise<HourSeries | null> {
  let path: string;
  try {
    const { mtimeMs, size } = await stat(source);
    path = cachePath(source, mtimeMs, size);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const cached = await readFile(path).then(decode, () => null);
  if (cached) return cached;
  const series = await parse();
  await store(path, series);
  return series;
}
