/**
 * Bulk load of Electricity Maps hourly CSVs into "GridIntensityHour".
 *
 * The header is read with csv-parse (to find the columns of either layout); the body is sent
 * with COPY (pg-copy-streams, FORMAT csv) into a TYPED temporary staging table, so Postgres
 * parses and casts the CSV in C. A value COPY cannot cast sends the file down a slower text path
 * (all-text staging, every field checked with patterns, so each bad row gets its own reason).
 * Then one statement validates the rows (bad ones reported with their line number), creates
 * missing zones, upserts the good rows and commits. Why Postgres parses the body rather than
 * csv-parse, and the measurements behind each step: docs/adr/0003-grid-intensity-load.md.
 */
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { findColumns, type GridCsvColumns } from "./csv-header.js";

/** Outcome of one file load. */
export interface GridLoadResult {
  /** Data rows read (header excluded). */
  rowsRead: number;
  /** Rows for (zone, hour) pairs that were not stored before. */
  inserted: number;
  /** Rows that replaced a stored hour with different values. */
  updated: number;
  /** Valid rows identical to the stored hour (nothing written). */
  unchanged: number;
  /** Bad rows, skipped: 1-based line number in the file (header = line 1) and why. */
  rejected: { line: number; reason: string }[];
  /** Zone ids of the file's valid rows, sorted. */
  zones: string[];
  /** First and last hour (UTC) among the valid rows; null when there are none. */
  fromHourUtc: Date | null;
  toHourUtc: Date | null;
}

/** The CSV: a file (name ending `.gz` => gunzip) or a stream (`name` ending `.gz` => gunzip). */
export type GridCsvInput = { path: string } | { stream: Readable; name?: string };

export interface GridLoadOptions {
  /** Stored in "GridIntensityHour".source. Default "electricitymaps-csv". */
  source?: string;
  /** Called with the number of data rows read, once the file has been read. */
  onProgress?: (rowsRead: number) => void;
}

/** Thrown when the file is not a readable CSV (e.g. a row with another column count); nothing is written. */
export class GridCsvFormatError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = "GridCsvFormatError";
  }
}

/**
 * Read and gunzip chunk size. With the 64 KiB / 16 KiB stream defaults, reading one shipped file
 * took 5-8 ms, with 1 MiB chunks 1-2 ms (measured on the shipped files, BENCHMARKS.md).
 */
const readChunkBytes = 1 << 20;

/**
 * Read the whole input (gunzip when its name ends in `.gz`) into memory: the body may be sent
 * to COPY twice (typed, then text on a cast error), so it must be replayable. Electricity Maps
 * files hold one zone-year (~8,800 rows, ~1 MB decompressed).
 */
async function readInput(input: GridCsvInput): Promise<Buffer> {
  const name = "path" in input ? input.path : (input.name ?? "");
  const raw =
    "path" in input
      ? createReadStream(input.path, { highWaterMark: readChunkBytes })
      : input.stream;
  if (!name.endsWith(".gz")) return buffer(raw);
  const gunzip = createGunzip({ chunkSize: readChunkBytes });
  raw.on("error", (error: Error) => gunzip.destroy(error));
  return buffer(raw.pipe(gunzip));
}

/** The first line of `body` (the header), decoded as UTF-8. */
function headerLine(body: Buffer): string {
  const newline = body.indexOf(10);
  return body.subarray(0, newline < 0 ? body.length : newline).toString("utf8");
}

const hourPattern =
  "^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[ T]([01][0-9]|2[0-3]):00(:00(\\.0+)?)?(Z|\\+00(:?00)?)?$";
const zonePattern = "^[A-Z]{2}(-[A-Z0-9]+)*$";
const intensityPattern = "^[0-9]+(\\.[0-9]+)?$";

const emptyIntensityReason = `CASE
          WHEN lca IS NULL AND direct IS NULL THEN 'life-cycle and direct carbon intensity are empty'
          WHEN lca IS NULL THEN 'life-cycle carbon intensity is empty'
          WHEN direct IS NULL THEN 'direct carbon intensity is empty' END`;

/** Postgres type of each staged column: the loader's columns typed, the others text. */
function typedColumns(c: GridCsvColumns): string[] {
  const types = Array.from({ length: c.columnCount }, () => "text");
  types[c.datetimeUtc] = "timestamptz";
  types[c.lifecycleIntensity] = "float8";
  types[c.directIntensity] = "float8";
  types[c.dataEstimated] = "boolean";
  return types;
}

const stagedColumns = (columnCount: number) =>
  Array.from({ length: columnCount }, (_, i) => `c${i}`).join(", ");

function copySql(table: string, columnCount: number): string {
  return `COPY ${table} (${stagedColumns(columnCount)}) FROM STDIN (FORMAT csv, HEADER true)`;
}

/**
 * Typed staging table for one header layout, kept by the session (temp tables are per
 * connection) and emptied at every commit: creating and dropping a table per file cost ~5 ms of
 * catalog work. COPY casts the values in C, unquoted empty fields become NULL, and a value that
 * cannot be cast fails the COPY (the loader then uses the text path). `line` numbers the rows
 * from 2 (header = line 1); its sequence is reset at the start of each load and hands out
 * values from a backend-local cache (CACHE 100000, more than a zone-year's 8,784 hours): the
 * default CACHE 1 made the COPY ~25% slower (BENCHMARKS.md).
 */
function typedStagingSql(c: GridCsvColumns): { table: string; create: string } {
  const types = typedColumns(c);
  // One table per layout, named after its column types (x text, z timestamptz, f float8, b boolean).
  const code: Record<string, string> = { text: "x", timestamptz: "z", float8: "f", boolean: "b" };
  const table = `grid_csv_typed_${types.map((t) => code[t]).join("")}`;
  return {
    table,
    create: `CREATE TEMP TABLE IF NOT EXISTS ${table} (
      line bigint GENERATED ALWAYS AS IDENTITY (CACHE 100000),
      ${types.map((type, i) => `c${i} ${type}`).join(", ")}
    ) ON COMMIT DELETE ROWS;
    SELECT setval(pg_get_serial_sequence('${table}', 'line'), 2, false)`,
  };
}

/** All-text staging table (fallback path), dropped at commit. */
function textStagingSql(columnCount: number): string {
  return `CREATE TEMP TABLE grid_csv_text (
    line bigint GENERATED ALWAYS AS IDENTITY (START WITH 2),
    ${stagedColumns(columnCount).replaceAll(",", " text,")} text
  ) ON COMMIT DROP`;
}

/**
 * Checked rows from the typed staging table (the session time zone is UTC, so naive
 * "Datetime (UTC)" values were read as UTC): one row per CSV row, `reason` set when rejected.
 */
function typedCheckSql(c: GridCsvColumns, table: string): string {
  return `
    SELECT line, zone_id, coalesce(zone_name, zone_id) AS zone_name, hour_utc, lca, direct, is_estimated,
      CASE
        WHEN hour_utc IS NULL THEN 'Datetime (UTC) is empty'
        WHEN hour_utc <> date_bin('1 hour', hour_utc, '2000-01-01 00:00:00+00')
          THEN format('Datetime (UTC) %s is not an hour start', hour_utc)
        WHEN zone_id IS NULL THEN 'Zone id is empty'
        WHEN lca IS NULL OR direct IS NULL THEN ${emptyIntensityReason}
        WHEN NOT (lca >= 0 AND lca < 'Infinity')
          THEN format('life-cycle carbon intensity %s is not a non-negative number (gCO2e/kWh)', lca)
        WHEN NOT (direct >= 0 AND direct < 'Infinity')
          THEN format('direct carbon intensity %s is not a non-negative number (gCO2e/kWh)', direct)
      END AS reason
    FROM (
      SELECT line, c${c.zoneId} AS zone_id, c${c.zoneName} AS zone_name,
             c${c.datetimeUtc} AS hour_utc, c${c.lifecycleIntensity} AS lca, c${c.directIntensity} AS direct,
             coalesce(c${c.dataEstimated}, false) AS is_estimated
      FROM ${table}
    ) typed`;
}

/**
 * Checked rows from the text staging table, for files with values the typed COPY cannot cast:
 * every field is checked with patterns before casting, so each bad row gets its own reason.
 * Same columns as `typedCheckSql`.
 */
function strictCheckSql(c: GridCsvColumns): string {
  const col = (i: number) => `btrim(c${i})`;
  return `
    WITH r AS (
      SELECT line, ${col(c.datetimeUtc)} AS dt, ${col(c.zoneId)} AS zone_id, ${col(c.zoneName)} AS zone_name,
             nullif(${col(c.lifecycleIntensity)}, '') AS lca, nullif(${col(c.directIntensity)}, '') AS direct,
             lower(coalesce(${col(c.dataEstimated)}, '')) AS est
      FROM grid_csv_text
    ), checked AS MATERIALIZED (
      SELECT r.*, CASE
        WHEN dt IS NULL OR dt !~ '${hourPattern}'
          THEN format('Datetime (UTC) %L is not an hour start like 2023-01-01 00:00:00', dt)
        WHEN substr(dt, 9, 2)::int > extract(day FROM make_date(substr(dt, 1, 4)::int, substr(dt, 6, 2)::int, 1)
                                                      + interval '1 month' - interval '1 day')
          THEN format('Datetime (UTC) %L is not a calendar date', dt)
        WHEN zone_id IS NULL OR zone_id !~ '${zonePattern}'
          THEN format('Zone id %L is not an Electricity Maps zone id such as US-NW-PACW', zone_id)
        WHEN lca IS NULL OR direct IS NULL THEN ${emptyIntensityReason}
        WHEN lca !~ '${intensityPattern}'
          THEN format('life-cycle carbon intensity %L is not a non-negative number (gCO2e/kWh)', lca)
        WHEN direct !~ '${intensityPattern}'
          THEN format('direct carbon intensity %L is not a non-negative number (gCO2e/kWh)', direct)
        WHEN est NOT IN ('true', 'false', '') THEN format('Data estimated %L is not true or false', est)
      END AS reason
      FROM r
    )
    SELECT line, zone_id, coalesce(nullif(zone_name, ''), zone_id) AS zone_name,
           CASE WHEN reason IS NULL THEN (substr(dt, 1, 10) || ' ' || substr(dt, 12, 2) || ':00:00+00')::timestamptz END AS hour_utc,
           CASE WHEN reason IS NULL THEN lca::float8 END AS lca,
           CASE WHEN reason IS NULL THEN direct::float8 END AS direct,
           est = 'true' AS is_estimated, reason
    FROM checked`;
}

/**
 * One statement after the COPY: checks zone ids once per zone, rejects repeated hours (first one
 * kept), creates missing zones, upserts the good rows (UPDATE where values differ + anti-join
 * INSERT: cheaper than INSERT ... ON CONFLICT, ADR 0003) and returns the summary and the
 * rejected rows. Stored rows are read only in the file's zone/hour range (an index range scan,
 * empty on a first load). The repeated-hour search runs only when some zone has fewer distinct
 * hours than rows. The data-modifying CTEs touch disjoint rows and all see the table as it was
 * before the statement. The LOCK makes this the only writer (readers are not blocked), so
 * UPDATE + INSERT cannot race another load of the same hours.
 */
function upsertSql(checkSql: string, sourceLiteral: string): string {
  return `
    LOCK TABLE "GridIntensityHour" IN SHARE ROW EXCLUSIVE MODE;
    WITH checked AS MATERIALIZED (${checkSql}),
    zones AS MATERIALIZED (
      SELECT zone_id, zone_id ~ '${zonePattern}' AS zone_ok, min(line) AS first_line, count(*) AS hours,
             count(DISTINCT hour_utc) AS distinct_hours, min(hour_utc) AS from_hour, max(hour_utc) AS to_hour
      FROM checked WHERE reason IS NULL GROUP BY zone_id
    ),
    firsts AS MATERIALIZED (
      SELECT zone_id, hour_utc, min(line) AS first_line FROM checked
      WHERE reason IS NULL AND EXISTS (SELECT FROM zones WHERE zone_ok AND hours > distinct_hours)
      GROUP BY hour_utc, zone_id HAVING count(*) > 1
    ),
    late_rejects AS MATERIALIZED (
      SELECT c.line, format('Zone id %L is not an Electricity Maps zone id such as US-NW-PACW', c.zone_id) AS reason
      FROM checked c JOIN zones z USING (zone_id)
      WHERE c.reason IS NULL AND NOT z.zone_ok AND EXISTS (SELECT FROM zones WHERE NOT zone_ok)
      UNION ALL
      SELECT c.line, format('hour %s of %s repeats line %s',
               to_char(c.hour_utc AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:00'), c.zone_id, f.first_line)
      FROM checked c JOIN firsts f USING (zone_id, hour_utc) JOIN zones z USING (zone_id)
      WHERE c.reason IS NULL AND z.zone_ok AND c.line > f.first_line
    ),
    good AS NOT MATERIALIZED (
      SELECT * FROM checked c
      WHERE reason IS NULL AND NOT EXISTS (SELECT FROM late_rejects r WHERE r.line = c.line)
    ),
    good_zones AS MATERIALIZED (SELECT * FROM zones WHERE zone_ok),
    new_zones AS (
      INSERT INTO "GridZone" (id, "countryCode", name)
      SELECT z.zone_id, substr(z.zone_id, 1, 2), coalesce(nullif(btrim(c.zone_name), ''), z.zone_id)
      FROM good_zones z JOIN checked c ON c.line = z.first_line
      ON CONFLICT (id) DO NOTHING
    ),
    existing AS MATERIALIZED (
      SELECT t."zoneId" AS zone_id, t."hourUtc" AS hour_utc, t."lifecycleIntensityGPerKwh" AS lca,
             t."directIntensityGPerKwh" AS direct, t.source, t."isEstimated" AS is_estimated
      FROM good_zones z JOIN "GridIntensityHour" t
        ON t."zoneId" = z.zone_id AND t."hourUtc" BETWEEN z.from_hour AND z.to_hour
    ),
    changed AS MATERIALIZED (
      SELECT v.* FROM existing e JOIN good v USING (zone_id, hour_utc)
      WHERE (e.lca, e.direct, e.source, e.is_estimated) IS DISTINCT FROM (v.lca, v.direct, ${sourceLiteral}, v.is_estimated)
    ),
    updated AS (
      UPDATE "GridIntensityHour" t
      SET "lifecycleIntensityGPerKwh" = v.lca, "directIntensityGPerKwh" = v.direct,
          source = ${sourceLiteral}, "isEstimated" = v.is_estimated
      FROM changed v WHERE t."zoneId" = v.zone_id AND t."hourUtc" = v.hour_utc
      RETURNING 1
    ),
    inserted AS (
      INSERT INTO "GridIntensityHour"
        ("zoneId", "hourUtc", "lifecycleIntensityGPerKwh", "directIntensityGPerKwh", source, "isEstimated")
      SELECT zone_id, hour_utc, lca, direct, ${sourceLiteral}, is_estimated FROM good v
      WHERE NOT EXISTS (SELECT FROM existing e WHERE e.zone_id = v.zone_id AND e.hour_utc = v.hour_utc)
      RETURNING 1
    ),
    rejected AS (
      SELECT line, reason FROM checked WHERE reason IS NOT NULL UNION ALL SELECT line, reason FROM late_rejects
    )
    SELECT coalesce((SELECT sum(hours) FROM zones), 0)::int - (SELECT count(*) FROM late_rejects)::int AS valid,
           (SELECT count(*) FROM inserted)::int AS inserted,
           (SELECT count(*) FROM updated)::int AS updated,
           (SELECT array_agg(zone_id ORDER BY zone_id) FROM good_zones) AS zones,
           (SELECT min(from_hour) FROM good_zones) AS from_hour,
           (SELECT max(to_hour) FROM good_zones) AS to_hour,
           (SELECT coalesce(json_agg(json_build_object('line', line, 'reason', reason) ORDER BY line), '[]')
              FROM rejected) AS rejected;
    COMMIT`;
}

interface UpsertRow {
  valid: number;
  inserted: number;
  updated: number;
  zones: string[] | null;
  from_hour: Date | null;
  to_hour: Date | null;
  rejected: { line: number; reason: string }[];
}

/** Class 22 (data exception): a value COPY cannot cast (22P02, 22008...) or malformed CSV (22P04). */
const isDataException = (error: unknown) =>
  (error as { code?: string }).code?.startsWith("22") === true;

async function copyInto(client: pg.PoolClient, sql: string, body: Buffer): Promise<number> {
  const copy = client.query(copyFrom(sql));
  await pipeline(Readable.from([body]), copy);
  return copy.rowCount;
}

/**
 * Load one Electricity Maps hourly CSV (either header layout, plain or gzip) into
 * "GridIntensityHour", creating missing "GridZone" rows from the file (zone id, country = the
 * zone id's first two letters, which Electricity Maps zone ids start with; zone name).
 *
 * Bad rows (empty or non-numeric intensity, bad timestamp, bad zone id, an hour already given
 * earlier in the file) are skipped and listed in `rejected` with their line number; they are
 * never stored (an empty intensity is not 0). The good rows land in one transaction. Line
 * numbers assume no quoted field spans lines (Electricity Maps files have none). The
 * decompressed file is held in memory while it loads.
 *
 * @throws GridCsvHeaderError when a required column is missing; GridCsvFormatError when the body
 *   is not valid CSV for that header (e.g. a row with another column count). Nothing is written then.
 */
export async function loadGridIntensityCsv(
  pool: pg.Pool,
  input: GridCsvInput,
  options: GridLoadOptions = {},
): Promise<GridLoadResult> {
  const body = await readInput(input);
  const columns = findColumns(headerLine(body));

  const typed = typedStagingSql(columns);

  const client = await pool.connect();
  try {
    await client.query(`BEGIN; SET LOCAL TimeZone = 'UTC'; ${typed.create}`);
    let checkSql = typedCheckSql(columns, typed.table);
    let rowsRead: number;
    try {
      rowsRead = await copyInto(client, copySql(typed.table, columns.columnCount), body);
    } catch (error) {
      if (!isDataException(error)) throw error;
      // A value COPY cannot cast: nothing was written; stage as text in a new transaction and
      // check each field with patterns instead.
      await client.query(
        `ROLLBACK; BEGIN; SET LOCAL TimeZone = 'UTC'; ${textStagingSql(columns.columnCount)}`,
      );
      try {
        rowsRead = await copyInto(client, copySql("grid_csv_text", columns.columnCount), body);
      } catch (textError) {
        if (!isDataException(textError)) throw textError;
        const pgError = textError as { where?: string; message: string };
        throw new GridCsvFormatError(
          `grid intensity CSV is malformed: ${pgError.message}${pgError.where ? ` (${pgError.where})` : ""}`,
          { cause: textError },
        );
      }
      checkSql = strictCheckSql(columns);
    }
    options.onProgress?.(rowsRead);

    const source = client.escapeLiteral(options.source ?? "electricitymaps-csv");
    const results = (await client.query(
      upsertSql(checkSql, source),
    )) as unknown as pg.QueryResult[];
    const row = results[1]?.rows[0] as UpsertRow;
    return {
      rowsRead,
      inserted: row.inserted,
      updated: row.updated,
      unchanged: row.valid - row.inserted - row.updated,
      rejected: row.rejected,
      zones: row.zones ?? [],
      fromHourUtc: row.from_hour,
      toHourUtc: row.to_hour,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
