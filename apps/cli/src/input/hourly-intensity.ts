/**
 * Hourly grid carbon intensity for offline estimates, read from the Electricity Maps CSV files
 * shipped in `data/electricitymaps-hourly/` (`<ZONE>_<YEAR>_hourly.csv.gz`, ODbL, see that
 * folder's README) without any database. `finetrace estimate` uses it so an offline estimate
 * prices a run at the same hourly intensity the worker would use after `grid load`.
 *
 * Layout: `Datetime (UTC)` = hour start "YYYY-MM-DD HH:mm:ss" in UTC; life-cycle intensity in
 * `Carbon intensity gCO₂eq/kWh (Life cycle)` (2025 portal header) or `... (LCA)` (older header),
 * gCO2e/kWh. Rows with an empty life-cycle value are skipped (missing hours).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import type { SuppliedIntensity } from "@finetrace/estimator";
import { parse as parseCsv } from "csv-parse/sync";
import { cachedHourSeries } from "../cache/hour-series-cache.js";

const gunzipAsync = promisify(gunzip);
const hourMs = 3_600_000;

/**
 * Life-cycle intensity of one zone and year, gCO2e/kWh, by hour: `values[i]` is the hour
 * starting at `firstHourMs + i` hours (epoch ms), NaN where the file has no value. A dense array
 * (8,784 doubles at most, 70 KB) rather than a Map: the hot path is one index per hour.
 */
export interface HourSeries {
  firstHourMs: number;
  values: Float64Array;
}

/** The value of the hour starting at `hourStartMs` (a whole hour), or undefined when missing. */
function valueAt(series: HourSeries | null | undefined, hourStartMs: number): number | undefined {
  if (!series) return undefined;
  const value = series.values[(hourStartMs - series.firstHourMs) / hourMs];
  return value === undefined || Number.isNaN(value) ? undefined : value;
}

/** Find the life-cycle intensity column of either Electricity Maps header. */
function lifecycleColumn(columns: string[]): string | undefined {
  return columns.find((c) => /carbon intensity.*\((life cycle|lca)\)/i.test(c));
}

/**
 * Parse one hourly CSV (already decompressed; text, or UTF-8 bytes).
 * @throws Error naming the file when the datetime or life-cycle column is missing.
 */
export function parseHourlyCsv(text: string | Buffer, fileName: string): HourSeries {
  const rows: Record<string, string>[] = parseCsv(text, {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  });
  const columns = Object.keys(rows[0] ?? {});
  const lifecycle = lifecycleColumn(columns);
  const datetime = columns.find((c) => /^datetime \(utc\)$/i.test(c));
  if (!lifecycle || !datetime) {
    throw new Error(
      `${fileName}: not an Electricity Maps hourly CSV (no Datetime (UTC) or life-cycle column)`,
    );
  }
  // Rows in file order (a repeated hour keeps its last value); hours that do not start on a
  // whole hour are never looked up (lookups are at floor_to_hour), so they are left out.
  const hours: number[] = [];
  const intensities: number[] = [];
  for (const row of rows) {
    const value = row[lifecycle]?.trim() ?? "";
    if (value === "") continue;
    const hour = Date.parse(`${row[datetime]?.trim().replace(" ", "T")}Z`);
    const intensity = Number(value);
    if (Number.isNaN(hour) || !Number.isFinite(intensity) || hour % hourMs !== 0) continue;
    hours.push(hour);
    intensities.push(intensity);
  }
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const hour of hours) {
    if (hour < first) first = hour;
    if (hour > last) last = hour;
  }
  const length = hours.length === 0 ? 0 : (last - first) / hourMs + 1;
  const values = new Float64Array(length).fill(Number.NaN);
  hours.forEach((hour, i) => {
    values[(hour - first) / hourMs] = intensities[i] as number;
  });
  return { firstHourMs: hours.length === 0 ? 0 : first, values };
}

/** Loads the series of one zone and year (null: no such file). */
export type HourSeriesLoader = (zone: string, year: number) => Promise<HourSeries | null>;

/** Reads, decompresses and parses one `.csv.gz` hourly file (`fileName`: for errors). */
export type HourSeriesParser = (path: string, fileName: string) => Promise<HourSeries>;

/**
 * Read one `<ZONE>_<YEAR>_hourly.csv.gz` file and parse it (`parseHourlyCsv`).
 * @throws Error when it cannot be read, is not gzip, or is not an hourly CSV.
 */
export async function readHourlyFile(path: string, fileName: string): Promise<HourSeries> {
  // csv-parse decodes the bytes itself: no 1.3 MB string per file left for a full GC
  return parseHourlyCsv(await gunzipAsync(await readFile(path)), fileName);
}

/** How a `ShippedHourlyIntensity` gets its series; both optional. */
export interface HourlySourceOptions {
  /** Replaces the file reading (worker threads ask the main thread, which gets each file once). */
  readonly loader?: HourSeriesLoader;
  /**
   * Replaces the parse of a file not in the disk cache (the main thread has it done on a thread
   * of its own: `parallel/hourly-parser.ts`); default `readHourlyFile`.
   */
  readonly parse?: HourSeriesParser;
}

/** Reads and caches `<ZONE>_<YEAR>_hourly.csv.gz` files of one directory (`HourlySourceOptions`). */
export class ShippedHourlyIntensity {
  private readonly cache = new Map<string, Promise<HourSeries | null>>();
  private readonly loader: HourSeriesLoader | undefined;
  private readonly parse: HourSeriesParser;

  constructor(
    readonly directory: string,
    options: HourlySourceOptions = {},
  ) {
    this.loader = options.loader;
    this.parse = options.parse ?? readHourlyFile;
  }

  /**
   * The series of `zone` in `year`, read and parsed once (cached in memory, and on disk by
   * `cachedHourSeries` across runs).
   * @throws Error when the file exists but cannot be read or is not an hourly CSV.
   */
  series(zone: string, year: number): Promise<HourSeries | null> {
    const fileName = `${zone}_${year}_hourly.csv.gz`;
    let found = this.cache.get(fileName);
    if (!found) {
      const path = join(this.directory, fileName);
      found = this.loader
        ? this.loader(zone, year)
        : cachedHourSeries(path, () => this.parse(path, fileName));
      this.cache.set(fileName, found);
    }
    return found;
  }

  /** Loaded series by zone, then year (null: no file), for the synchronous hot path. */
  private readonly loaded = new Map<string, Map<number, HourSeries | null>>();

  private async load(zone: string, year: number): Promise<void> {
    let years = this.loaded.get(zone);
    if (!years) {
      years = new Map();
      this.loaded.set(zone, years);
    }
    if (!years.has(year)) years.set(year, await this.series(zone, year));
  }

  /**
   * Intensity for a run: the value at floor_to_hour(start) (METHODOLOGY.md s.5) and the mean
   * over the hours [floor(start), end) that have data. Null when the start hour has no value
   * (the estimator then falls back to the annual average and says so). Synchronous once the
   * run's zone-years are loaded (each file is read once), so a stream of runs awaits nothing
   * per hour.
   */
  forRun(
    zone: string,
    startTimeUtc: string,
    durationHours: number,
  ): SuppliedIntensity | null | Promise<SuppliedIntensity | null> {
    const startMs = Date.parse(startTimeUtc);
    const endMs = startMs + durationHours * hourMs;
    const firstYear = new Date(startMs).getUTCFullYear();
    const lastYear = new Date(Math.max(startMs, endMs - 1)).getUTCFullYear();
    const years = this.loaded.get(zone);
    let missing = years === undefined;
    for (let y = firstYear; y <= lastYear && !missing; y++) missing = !years?.has(y);
    if (!missing)
      return this.compute(years as Map<number, HourSeries | null>, startMs, endMs, firstYear);
    return (async () => {
      for (let y = firstYear; y <= lastYear; y++) await this.load(zone, y);
      return this.compute(
        this.loaded.get(zone) as Map<number, HourSeries | null>,
        startMs,
        endMs,
        firstYear,
      );
    })();
  }

  /**
   * ISO form of an hour start, formatted once per hour rather than once per run (`toISOString`
   * takes 0.3-0.9 µs); at most one entry per hour of the loaded series' span.
   */
  private readonly hourIsos = new Map<number, string>();

  private hourIso(hourMs: number): string {
    let iso = this.hourIsos.get(hourMs);
    if (iso === undefined) {
      iso = new Date(hourMs).toISOString();
      this.hourIsos.set(hourMs, iso);
    }
    return iso;
  }

  private compute(
    years: Map<number, HourSeries | null>,
    startMs: number,
    endMs: number,
    firstYear: number,
  ): SuppliedIntensity | null {
    const firstHour = Math.floor(startMs / hourMs) * hourMs;
    let year = firstYear;
    let series = years.get(year);
    let nextYearMs = Date.UTC(year + 1, 0, 1);
    const start = valueAt(series, firstHour);
    if (start === undefined) return null;
    let sum = 0;
    let count = 0;
    for (let h = firstHour; h < endMs; h += hourMs) {
      if (h >= nextYearMs) {
        year += 1;
        series = years.get(year);
        nextYearMs = Date.UTC(year + 1, 0, 1);
      }
      const value = valueAt(series, h);
      if (value !== undefined) {
        sum += value;
        count += 1;
      }
    }
    return {
      startHourIntensityGPerKwh: start,
      meanIntensityGPerKwh: sum / count,
      hourUtc: this.hourIso(firstHour),
      signal: "life-cycle",
    };
  }
}
