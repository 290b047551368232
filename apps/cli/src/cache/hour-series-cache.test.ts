import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type HourSeries, parseHourlyCsv } from "../input/hourly-intensity.js";
import { finetraceCacheDir } from "./cache-dir.js";
import { cachedHourSeries, maxCachedSeries } from "./hour-series-cache.js";

const shipped = fileURLToPath(
  new URL("../../../../data/electricitymaps-hourly/DE_2024_hourly.csv.gz", import.meta.url),
);

/** A parse that counts its calls. */
function counting(series: () => HourSeries) {
  const parse = async () => {
    parse.calls += 1;
    return series();
  };
  parse.calls = 0;
  return parse;
}

const bytesOf = (s: HourSeries | null) =>
  s &&
  Buffer.concat([
    Buffer.from(new Float64Array([s.firstHourMs]).buffer),
    Buffer.from(s.values.buffer),
  ]);

describe("cachedHourSeries", () => {
  const saved = process.env.XDG_CACHE_HOME;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "finetrace-hour-cache-"));
    process.env.XDG_CACHE_HOME = join(dir, "cache");
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
  });
  const cacheFiles = () =>
    existsSync(finetraceCacheDir("hour-series"))
      ? readdirSync(finetraceCacheDir("hour-series"))
      : [];

  it("parses a file once, then serves the same doubles from the cache (NaN hours included)", async () => {
    // DE 2024: 8,784 hours (a leap year) from 2024-01-01T00:00Z.
    const parse = counting(() => parseHourlyCsv(gunzipSync(readFileSync(shipped)), "DE_2024"));
    const first = await cachedHourSeries(shipped, parse);
    const second = await cachedHourSeries(shipped, parse);
    expect(parse.calls).toBe(1);
    expect(first?.firstHourMs).toBe(Date.UTC(2024, 0, 1));
    expect(first?.values.length).toBe(8784);
    expect(bytesOf(second)?.equals(bytesOf(first) as Buffer)).toBe(true);
    expect(cacheFiles()).toHaveLength(1);
    // 8 bytes of firstHourMs, 8 of the count, 8 per hour.
    const file = join(finetraceCacheDir("hour-series"), cacheFiles()[0] as string);
    expect(readFileSync(file).byteLength).toBe(16 + 8 * 8784);
  });

  it("parses again when the source changes (new mtime or size) or the cache file is damaged", async () => {
    const source = join(dir, "X_2024_hourly.csv.gz");
    writeFileSync(source, "first");
    const a = { firstHourMs: 0, values: new Float64Array([1, Number.NaN, 3]) };
    const b = { firstHourMs: 3_600_000, values: new Float64Array([7]) };
    let current = a;
    const parse = counting(() => current);
    expect((await cachedHourSeries(source, parse))?.values[2]).toBe(3);
    expect(Number.isNaN((await cachedHourSeries(source, parse))?.values[1])).toBe(true);
    expect(parse.calls).toBe(1);

    current = b;
    writeFileSync(source, "second, longer");
    utimesSync(source, new Date(2030, 0, 1), new Date(2030, 0, 1));
    expect(await cachedHourSeries(source, parse)).toEqual(b);
    expect(parse.calls).toBe(2);

    // A cache file cut short (its header kept, b's one value gone) or not even a header long is
    // ignored, parsed and rewritten.
    const [name] = cacheFiles().filter(
      (f) => readFileSync(join(finetraceCacheDir("hour-series"), f)).byteLength === 24,
    );
    const path = join(finetraceCacheDir("hour-series"), name as string);
    writeFileSync(path, readFileSync(path).subarray(0, 16));
    expect(await cachedHourSeries(source, parse)).toEqual(b);
    expect(parse.calls).toBe(3);
    expect(await cachedHourSeries(source, parse)).toEqual(b);
    expect(parse.calls).toBe(3);
    writeFileSync(path, "1234567");
    expect(await cachedHourSeries(source, parse)).toEqual(b);
    expect(parse.calls).toBe(4);
  });

  it("keeps at most maxCachedSeries files, dropping the least recently written", async () => {
    const parse = counting(() => ({ firstHourMs: 0, values: new Float64Array([1]) }));
    const sources = Array.from({ length: maxCachedSeries + 3 }, (_, i) => join(dir, `Z${i}.gz`));
    const cacheDir = () => finetraceCacheDir("hour-series");
    for (const [i, source] of sources.entries()) {
      writeFileSync(source, String(i));
      const before = new Set(cacheFiles());
      await cachedHourSeries(source, parse);
      // The file just written gets write time 2020-01-01 00:00 + i s: oldest first.
      const [written] = cacheFiles().filter((f) => !before.has(f));
      const at = new Date(Date.UTC(2020, 0, 1, 0, 0, i));
      utimesSync(join(cacheDir(), written as string), at, at);
    }
    expect(cacheFiles()).toHaveLength(maxCachedSeries);
    expect(parse.calls).toBe(maxCachedSeries + 3);
    // The 3 oldest (sources 0..2) were dropped: source 0 is parsed again, the newest is not.
    await cachedHourSeries(sources.at(-1) as string, parse);
    expect(parse.calls).toBe(maxCachedSeries + 3);
    await cachedHourSeries(sources[0] as string, parse);
    expect(parse.calls).toBe(maxCachedSeries + 4);
  });

  it("returns null for a missing source without parsing, and works without a writable cache", async () => {
    const parse = counting(() => ({ firstHourMs: 0, values: new Float64Array([5]) }));
    expect(await cachedHourSeries(join(dir, "absent.csv.gz"), parse)).toBeNull();
    expect(parse.calls).toBe(0);

    // The cache root is a file: nothing can be stored, every call parses.
    const source = join(dir, "Y_2024_hourly.csv.gz");
    writeFileSync(source, "y");
    writeFileSync(join(dir, "not-a-dir"), "");
    process.env.XDG_CACHE_HOME = join(dir, "not-a-dir");
    expect((await cachedHourSeries(source, parse))?.values[0]).toBe(5);
    expect((await cachedHourSeries(source, parse))?.values[0]).toBe(5);
    expect(parse.calls).toBe(2);
  });
});
