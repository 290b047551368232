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

const gunzipAsync = promisify(gunzip);
const hourMs = 3_600_000;

/** Life-cycle intensity by hour start (epoch ms), gCO2e/kWh, for one zone and year. */
type HourSeries = Map<number, number>;

/** Find the life-cycle intensity column of either Electricity Maps header. */
function lifecycleColumn(columns: string[]): string | undefined {
  return columns.find((c) => /carbon intensity.*\((life cycle|lca)\)/i.test(c));
}

/**
 * Parse one hourly CSV (already decompressed).
 * @throws Error naming the file when the datetime or life-cycle column is missing.
 */
export function parseHourlyCsv(text: string, fileName: string): HourSeries {
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
  const series: HourSeries = new Map();
  for (const row of rows) {
    const value = row[lifecycle]?.trim() ?? "";
    if (value === "") continue;
    const hour = Date.parse(`${row[datetime]?.trim().replace(" ", "T")}Z`);
    const intensity = Number(value);
    if (!Number.isNaN(hour) && Number.isFinite(intensity)) series.set(hour, intensity);
  }
  return series;
}

/** Reads and caches `<ZONE>_<YEAR>_hourly.csv.gz` files of one directory. */
export class ShippedHourlyIntensity {
  private readonly cache = new Map<string, Promise<HourSeries | null>>();

  constructor(readonly directory: string) {}

  private series(zone: string, year: number): Promise<HourSeries | null> {
    const fileName = `${zone}_${year}_hourly.csv.gz`;
    let found = this.cache.get(fileName);
    if (!found) {
      found = readFile(join(this.directory, fileName)).then(
        async (gz) => parseHourlyCsv((await gunzipAsync(gz)).toString("utf8"), fileName),
        (error: NodeJS.ErrnoException) => {
          if (error.code === "ENOENT") return null;
          throw error;
        },
      );
      this.cache.set(fileName, found);
    }
    return found;
  }

  /** Loaded series by "<zone>_<year>" (null: no file), for the synchronous hot path. */
  private readonly loaded = new Map<string, HourSeries | null>();

  private async load(zone: string, year: number): Promise<void> {
    const key = `${zone}_${year}`;
    if (!this.loaded.has(key)) this.loaded.set(key, await this.series(zone, year));
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
    let missing = false;
    for (let y = firstYear; y <= lastYear; y++) missing ||= !this.loaded.has(`${zone}_${y}`);
    if (!missing) return this.compute(zone, startMs, endMs, firstYear);
    return (async () => {
      for (let y = firstYear; y <= lastYear; y++) await this.load(zone, y);
      return this.compute(zone, startMs, endMs, firstYear);
    })();
  }

  private compute(
    zone: string,
    startMs: number,
    endMs: number,
    firstYear: number,
  ): SuppliedIntensity | null {
    const firstHour = Math.floor(startMs / hourMs) * hourMs;
    let year = firstYear;
    let series = this.loaded.get(`${zone}_${year}`);
    let nextYearMs = Date.UTC(year + 1, 0, 1);
    const start = series?.get(firstHour);
    if (start === undefined) return null;
    let sum = 0;
    let count = 0;
    for (let h = firstHour; h < endMs; h += hourMs) {
      if (h >= nextYearMs) {
        year += 1;
        series = this.loaded.get(`${zone}_${year}`);
        nextYearMs = Date.UTC(year + 1, 0, 1);
      }
      const value = series?.get(h);
      if (value !== undefined) {
        sum += value;
        count += 1;
      }
    }
    return {
      startHourIntensityGPerKwh: start,
      meanIntensityGPerKwh: sum / count,
      hourUtc: new Date(firstHour).toISOString(),
      signal: "life-cycle",
    };
  }
}
