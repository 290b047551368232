/**
 * Bulk load of Electricity Maps hourly CSVs into "GridIntensityHour", many files per transaction.
 *
 * Each header is read with csv-parse (to find the columns of either layout); the bodies of all files
 * of one layout are sent, headers removed, in ONE COPY (pg-copy-streams, FORMAT csv) into a TYPED
 * temporary staging table of that layout, so Postgres parses and casts the CSV in C; each file's
 * row count (its newlines, counted in Node) maps the staged sequence back to file and line. A value
 * COPY cannot cast sends that file down a slower text path (all-text staging, every field checked
 * with patterns, so each bad row gets its own reason). Then ONE statement validates the rows of
 * all files (bad ones reported with their file and line number), creates missing zones, upserts
 * the good rows and commits; on a first load (no stored row in the staged zones' hour ranges) a
 * cheaper insert-only statement runs first, falling back to the general one on a repeated hour.
 * Why Postgres parses the body rather than csv-parse, why one
 * statement for all files, and the measurements behind each step: docs/adr/0003-grid-intensity-load.md.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { withClient } from "../transaction.js";
import { findColumns, type GridCsvColumns, GridCsvHeaderError } from "./csv-header.js";

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
  /**
   * First and last hour (UTC) among the valid rows (an hour of a zone rejected as a repeat of an
   * earlier file of the same call may widen it); null when there are none.
   */
  fromHourUtc: Date | null;
  toHourUtc: Date | null;
}

/** Outcome of a multi-file load: one result per input, in input order, plus totals over all files. */
export interface GridLoadFilesResult {
  files: GridLoadResult[];
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejectedCount: number;
}

/** The CSV: a file (name ending `.gz` => gunzip) or a stream (`name` ending `.gz` => gunzip). */
export type GridCsvInput = { path: string } | { stream: Readable; name?: string };

/** The nil UUID: "GridIntensityHour"."organizationId" of the shared series. */
export const SHARED_SERIES_ID = "00000000-0000-0000-0000-000000000000";

/** Which series a load writes (default: the shared one) and which zones it may write. */
export interface GridSeriesOptions {
  /**
   * Load into this organization's PRIVATE series (it prices only that organization's runs)
   * instead of the shared one. Private loads never create "GridZone" rows: give `zones`.
   */
  organizationId?: string;
  /**
   * The only zones the load may write: rows of other zones are rejected (reason names the zone)
   * and no "GridZone" row is created (the caller checks that these zones exist). Default: any
   * zone, missing ones created (shared loads only).
   */
  zones?: readonly string[];
}

export interface GridLoadOptions extends GridSeriesOptions {
  /** Stored in "GridIntensityHour".source. Default "electricitymaps-csv". */
  source?: string;
  /** Called with the number of data rows read, once the file has been read. */
  onProgress?: (rowsRead: number) => void;
}

export interface GridLoadFilesOptions extends GridSeriesOptions {
  /** Stored in "GridIntensityHour".source. Default "electricitymaps-csv". */
  source?: string;
  /**
   * Called when the COPY holding a file is done (one COPY per header layout, so files may report
   * out of input order): (index in `inputs`, data rows read). Called again, with the
   * same values, for files copied again when a cast error restarts the load on the text path.
   */
  onProgress?: (fileIndex: number, rowsRead: number) => void;
}

/** Thrown when a file is not a readable CSV (e.g. a row with another column count); nothing is written. */
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

/**
 * The data lines of `body` (header removed, a final line ending added when missing, in the
 * header's style: CRLF or LF), their count, and whether lines end in CRLF.
 */
function dataLines(body: Buffer): { data: Buffer; rows: number; crlf: boolean } {
  const newline = body.indexOf(10);
  if (newline < 0) return { data: Buffer.alloc(0), rows: 0, crlf: false };
  const crlf = newline > 0 && body[newline - 1] === 13;
  let data = body.subarray(newline + 1);
  if (data.length > 0 && data[data.length - 1] !== 10)
    data = Buffer.concat([data, Buffer.from(crlf ? "\r\n" : "\n")]);
  let rows = 0;
  for (let at = data.indexOf(10); at >= 0; at = data.indexOf(10, at + 1)) rows++;
  return { data, rows, crlf };
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
  if (c.renewablePercentage >= 0) types[c.renewablePercentage] = "float8";
  if (c.carbonFreePercentage >= 0) types[c.carbonFreePercentage] = "float8";
  return types;
}

const stagedColumns = (columnCount: number) =>
  Array.from({ length: columnCount }, (_, i) => `c${i}`).join(", ");

function copySql(table: string, columnCount: number): string {
  return `COPY ${table} (${stagedColumns(columnCount)}) FROM STDIN (FORMAT csv)`;
}

/**
 * Checked `line` = file index * 2^32 + line number in the file: one bigint identifies the file and
 * the line (a zone-year file has ~8,800 lines, far below 2^32), so the check statement keys rows
 * by one column and splits results per file with `line >> 32` and `line & lineMask`.
 */
const fileLineBits = 32;
const lineMask = "4294967295";

/**
 * Files of one layout are sent in ONE COPY (bodies concatenated, headers removed), and the staged
 * `seq` numbers rows across all COPYs of a load; file `file`'s data rows got `firstSeq` ..
 * `firstSeq + rows - 1`, in file order.
 */
interface Segment {
  file: number;
  firstSeq: number;
  rows: number;
}

/**
 * SQL of the file index (bigint) and of the checked `line` of a staged row, from its `seq` and the
 * segments of its table (ascending `firstSeq`): one segment => constants; several =>
 * `width_bucket` finds the segment by binary search over the segments' first seqs.
 */
function seqMapping(segments: Segment[]): { fi: string; line: string } {
  const offset = (s: Segment) => s.file * 2 ** fileLineBits + 2 - s.firstSeq;
  const [only] = segments;
  if (segments.length === 1 && only)
    return { fi: `${only.file}::bigint`, line: `(seq + ${offset(only)})` };
  const bucket = `width_bucket(seq, '{${segments.map((s) => s.firstSeq).join(",")}}'::bigint[])`;
  return {
    fi: `('{${segments.map((s) => s.file).join(",")}}'::bigint[])[${bucket}]`,
    line: `(seq + ('{${segments.map(offset).join(",")}}'::bigint[])[${bucket}])`,
  };
}

/**
 * Staging table of one header layout and path: typed (COPY casts in C; a value it cannot cast
 * fails the COPY) or text (fallback: every field checked with patterns). Typed tables are kept
 * by the session (temp tables are per connection) and emptied at every commit: creating and
 * dropping a table per load cost ~5 ms of catalog work; text tables are dropped at commit.
 * Unquoted empty fields become NULL. `seq`'s sequence is set before each COPY (see Segment)
 * and hands out values from a backend-local cache (CACHE 100000, more than a
 * zone-year's 8,784 hours): the default CACHE 1 made the COPY ~25% slower (BENCHMARKS.md).
 */
function stagingTable(c: GridCsvColumns, typed: boolean): { table: string; create: string } {
  const types = typed ? typedColumns(c) : Array.from({ length: c.columnCount }, () => "text");
  const layout = JSON.stringify([typed, c]);
  const table = `grid_csv_${typed ? "typed" : "text"}_${createHash("sha1").update(layout).digest("hex").slice(0, 12)}`;
  return {
    table,
    create: `CREATE TEMP TABLE IF NOT EXISTS ${table} (
      seq bigint GENERATED ALWAYS AS IDENTITY (CACHE 100000),
      ${types.map((type, i) => `c${i} ${type}`).join(", ")}
    ) ON COMMIT ${typed ? "DELETE ROWS" : "DROP"}`,
  };
}

/** A percentage column of a typed staging table, or NULL when the header has none. */
const optionalColumn = (index: number) => (index >= 0 ? `c${index}` : "NULL::float8");

/** Reject reasons of RE% / CFE% outside 0-100 (CASE branches); empty values are allowed. */
const percentageReasons = `
        WHEN NOT (re IS NULL OR (re >= 0 AND re <= 100))
          THEN format('renewable percentage %s is not between 0 and 100', re)
        WHEN NOT (cfe IS NULL OR (cfe >= 0 AND cfe <= 100))
          THEN format('carbon-free percentage %s is not between 0 and 100', cfe)`;

/**
 * Rows of a typed staging table under the loader's column names (the session time zone is UTC,
 * so naive "Datetime (UTC)" values were read as UTC): line, zone_id, zone_name, hour_utc, lca,
 * direct, is_estimated, re and cfe (RE% and CFE%, NULL without the column), then seq and fi (file index), so a query that does not need `line` per
 * row can group by fi and pick rows by seq.
 */
function typedRowsSql(c: GridCsvColumns, table: string, segments: Segment[]): string {
  const map = seqMapping(segments);
  return `
    SELECT ${map.line} AS line, c${c.zoneId} AS zone_id, coalesce(c${c.zoneName}, c${c.zoneId}) AS zone_name,
           c${c.datetimeUtc} AS hour_utc, c${c.lifecycleIntensity} AS lca, c${c.directIntensity} AS direct,
           coalesce(c${c.dataEstimated}, false) AS is_estimated, ${optionalColumn(c.renewablePercentage)} AS re,
           ${optionalColumn(c.carbonFreePercentage)} AS cfe, seq, ${map.fi} AS fi
    FROM ${table}`;
}

/**
 * The series a load writes, as SQL: `org` the uuid literal of "organizationId", `zones` a text[]
 * literal of the zones it may write (null: any, missing zones created).
 */
interface SeriesSql {
  org: string;
  zones: string | null;
}

/** Reject reason of a row whose zone the load may not write (SeriesSql.zones), a CASE branch. */
const zoneNotAllowed = (s: SeriesSql, zone: string) =>
  s.zones === null
    ? ""
    : `WHEN NOT (${zone} = ANY (${s.zones}::text[]))
          THEN format('zone %s is not a zone this load may write (%s)', ${zone}, array_to_string(${s.zones}::text[], ', '))`;

/** Why a typed row is rejected by the per-row checks; NULL exactly when `typedRowPasses` is true. */
const typedRejectReason = (s: SeriesSql) => `CASE
        WHEN hour_utc IS NULL THEN 'Datetime (UTC) is empty'
        WHEN hour_utc <> date_bin('1 hour', hour_utc, '2000-01-01 00:00:00+00')
          THEN format('Datetime (UTC) %s is not an hour start', hour_utc)
        WHEN zone_id IS NULL THEN 'Zone id is empty'
        ${zoneNotAllowed(s, "zone_id")}
        WHEN lca IS NULL OR direct IS NULL THEN ${emptyIntensityReason}
        WHEN NOT (lca >= 0 AND lca < 'Infinity')
          THEN format('life-cycle carbon intensity %s is not a non-negative number (gCO2e/kWh)', lca)
        WHEN NOT (direct >= 0 AND direct < 'Infinity')
          THEN format('direct carbon intensity %s is not a non-negative number (gCO2e/kWh)', direct)${percentageReasons}
      END`;

/**
 * The per-row checks of `typedRejectReason` as one predicate (true when the row passes, NULL or
 * false otherwise; NaN fails `< 'Infinity'`), so a scan can filter without building the reason.
 */
const typedRowPasses = (
  s: SeriesSql,
) => `(hour_utc = date_bin('1 hour', hour_utc, '2000-01-01 00:00:00+00') AND zone_id IS NOT NULL
      ${s.zones === null ? "" : `AND zone_id = ANY (${s.zones}::text[]) `}AND lca >= 0 AND lca < 'Infinity' AND direct >= 0 AND direct < 'Infinity'
      AND (re IS NULL OR (re >= 0 AND re <= 100)) AND (cfe IS NULL OR (cfe >= 0 AND cfe <= 100)))`;

/** Checked rows from a typed staging table: one row per CSV row, `reason` set when rejected. */
function typedCheckSql(
  c: GridCsvColumns,
  table: string,
  segments: Segment[],
  s: SeriesSql,
): string {
  return `SELECT line, zone_id, zone_name, hour_utc, lca, direct, is_estimated, re, cfe, ${typedRejectReason(s)} AS reason
    FROM (${typedRowsSql(c, table, segments)}) typed`;
}

/**
 * Checked rows from a text staging table, for files with values the typed COPY cannot cast:
 * every field is checked with patterns before casting, so each bad row gets its own reason.
 * Same columns as `typedCheckSql`.
 */
function strictCheckSql(
  c: GridCsvColumns,
  table: string,
  segments: Segment[],
  s: SeriesSql,
): string {
  const col = (i: number) => `btrim(c${i})`;
  return `
    WITH r AS (
      SELECT ${seqMapping(segments).line} AS line, ${col(c.datetimeUtc)} AS dt, ${col(c.zoneId)} AS zone_id, ${col(c.zoneName)} AS zone_name,
             nullif(${col(c.lifecycleIntensity)}, '') AS lca, nullif(${col(c.directIntensity)}, '') AS direct,
             lower(coalesce(${col(c.dataEstimated)}, '')) AS est,
             ${c.renewablePercentage >= 0 ? `nullif(${col(c.renewablePercentage)}, '')` : "NULL::text"} AS re,
             ${c.carbonFreePercentage >= 0 ? `nullif(${col(c.carbonFreePercentage)}, '')` : "NULL::text"} AS cfe
      FROM ${table}
    ), checked AS MATERIALIZED (
      SELECT r.*, CASE
        WHEN dt IS NULL OR dt !~ '${hourPattern}'
          THEN format('Datetime (UTC) %L is not an hour start like 2023-01-01 00:00:00', dt)
        WHEN substr(dt, 9, 2)::int > extract(day FROM make_date(substr(dt, 1, 4)::int, substr(dt, 6, 2)::int, 1)
                                                      + interval '1 month' - interval '1 day')
          THEN format('Datetime (UTC) %L is not a calendar date', dt)
        WHEN zone_id IS NULL OR zone_id !~ '${zonePattern}'
          THEN format('Zone id %L is not an Electricity Maps zone id such as US-NW-PACW', zone_id)
        ${zoneNotAllowed(s, "zone_id")}
        WHEN lca IS NULL OR direct IS NULL THEN ${emptyIntensityReason}
        WHEN lca !~ '${intensityPattern}'
          THEN format('life-cycle carbon intensity %L is not a non-negative number (gCO2e/kWh)', lca)
        WHEN direct !~ '${intensityPattern}'
          THEN format('direct carbon intensity %L is not a non-negative number (gCO2e/kWh)', direct)
        WHEN est NOT IN ('true', 'false', '') THEN format('Data estimated %L is not true or false', est)
        WHEN re !~ '${intensityPattern}' THEN format('renewable percentage %L is not between 0 and 100', re)
        WHEN re::float8 > 100 THEN format('renewable percentage %L is not between 0 and 100', re)
        WHEN cfe !~ '${intensityPattern}' THEN format('carbon-free percentage %L is not between 0 and 100', cfe)
        WHEN cfe::float8 > 100 THEN format('carbon-free percentage %L is not between 0 and 100', cfe)
      END AS reason
      FROM r
    )
    SELECT line, zone_id, coalesce(nullif(zone_name, ''), zone_id) AS zone_name,
           CASE WHEN reason IS NULL THEN (substr(dt, 1, 10) || ' ' || substr(dt, 12, 2) || ':00:00+00')::timestamptz END AS hour_utc,
           CASE WHEN reason IS NULL THEN lca::float8 END AS lca,
           CASE WHEN reason IS NULL THEN direct::float8 END AS direct,
           est = 'true' AS is_estimated,
           CASE WHEN reason IS NULL THEN re::float8 END AS re,
           CASE WHEN reason IS NULL THEN cfe::float8 END AS cfe, reason
    FROM checked`;
}

/**
 * One statement after the COPYs of all files: checks zone ids once per zone and file, rejects
 * repeated hours (first one kept, earlier file first), creates missing zones, upserts the good
 * rows (UPDATE where values differ + anti-join INSERT: cheaper than INSERT ... ON CONFLICT,
 * ADR 0003) and returns one summary row per file (inserted = valid - already stored, unchanged =
 * already stored - updated). Stored rows are read only in the files' zone/hour ranges (an index
 * range scan, empty on a first load). The repeated-hour search runs only when some file has a
 * zone with fewer distinct hours than rows, or two files' hour ranges of one zone overlap. The
 * data-modifying CTEs touch disjoint rows and all see the table as it was before the statement.
 * The LOCK makes this the only writer (readers are not blocked), so UPDATE + INSERT cannot race
 * another load of the same hours.
 */
function upsertSql(
  checkSql: string,
  sourceLiteral: string,
  namesLiteral: string,
  s: SeriesSql,
): string {
  const fileOf = (line: string) => `(${line} >> ${fileLineBits})`;
  const lineOf = (line: string) => `(${line} & ${lineMask})`;
  return `
    LOCK TABLE "GridIntensityHour" IN SHARE ROW EXCLUSIVE MODE;
    WITH checked AS MATERIALIZED (${checkSql}),
    file_zones AS MATERIALIZED (
      SELECT ${fileOf("line")} AS fi, zone_id, zone_id ~ '${zonePattern}' AS zone_ok, min(line) AS first_line,
             count(*) AS hours, count(DISTINCT hour_utc) AS distinct_hours,
             min(hour_utc) AS from_hour, max(hour_utc) AS to_hour
      FROM checked WHERE reason IS NULL GROUP BY 1, zone_id
    ),
    firsts AS MATERIALIZED (
      SELECT zone_id, hour_utc, min(line) AS first_line FROM checked
      WHERE reason IS NULL
        AND (EXISTS (SELECT FROM file_zones WHERE zone_ok AND hours > distinct_hours)
          OR EXISTS (SELECT FROM file_zones a JOIN file_zones b USING (zone_id)
                     WHERE a.zone_ok AND a.fi < b.fi AND a.from_hour <= b.to_hour AND b.from_hour <= a.to_hour))
      GROUP BY hour_utc, zone_id HAVING count(*) > 1
    ),
    late_rejects AS MATERIALIZED (
      SELECT line, zone_id, format('Zone id %L is not an Electricity Maps zone id such as US-NW-PACW', zone_id) AS reason
      FROM checked
      WHERE reason IS NULL AND EXISTS (SELECT FROM file_zones WHERE NOT zone_ok) AND zone_id !~ '${zonePattern}'
      UNION ALL
      SELECT c.line, c.zone_id, format('hour %s of %s repeats line %s%s',
               to_char(c.hour_utc AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:00'), c.zone_id, ${lineOf("f.first_line")},
               CASE WHEN ${fileOf("f.first_line")} <> ${fileOf("c.line")}
                 THEN ' of ' || (${namesLiteral}::text[])[${fileOf("f.first_line")} + 1] ELSE '' END)
      FROM checked c JOIN firsts f USING (zone_id, hour_utc)
      WHERE c.reason IS NULL AND c.line > f.first_line AND c.zone_id ~ '${zonePattern}'
    ),
    good AS NOT MATERIALIZED (
      SELECT * FROM checked c
      WHERE reason IS NULL AND NOT EXISTS (SELECT FROM late_rejects r WHERE r.line = c.line)
    ),
    good_zones AS MATERIALIZED (
      SELECT zone_id, min(first_line) AS first_line, min(from_hour) AS from_hour, max(to_hour) AS to_hour
      FROM file_zones WHERE zone_ok GROUP BY zone_id
    ),
    new_zones AS (
      INSERT INTO "GridZone" (id, "countryCode", name)
      SELECT z.zone_id, substr(z.zone_id, 1, 2), coalesce(nullif(btrim(c.zone_name), ''), z.zone_id)
      FROM good_zones z JOIN checked c ON c.line = z.first_line
      WHERE ${s.zones === null} AND NOT EXISTS (SELECT FROM "GridZone" g WHERE g.id = z.zone_id)
      ON CONFLICT (id) DO NOTHING
    ),
    existing AS MATERIALIZED (
      SELECT t."zoneId" AS zone_id, t."hourUtc" AS hour_utc, t."lifecycleIntensityGPerKwh" AS lca,
             t."directIntensityGPerKwh" AS direct, t.source, t."isEstimated" AS is_estimated,
             t."renewablePercentage" AS re, t."carbonFreePercentage" AS cfe
      FROM good_zones z JOIN "GridIntensityHour" t
        ON t."zoneId" = z.zone_id AND t."hourUtc" BETWEEN z.from_hour AND z.to_hour AND t."organizationId" = ${s.org}
    ),
    matched AS MATERIALIZED (
      SELECT v.line, v.zone_id, v.hour_utc, v.lca, v.direct, v.is_estimated, v.re, v.cfe,
             (e.lca, e.direct, e.source, e.is_estimated, e.re, e.cfe)
               IS DISTINCT FROM (v.lca, v.direct, ${sourceLiteral}, v.is_estimated, v.re, v.cfe) AS differs
      FROM existing e JOIN good v USING (zone_id, hour_utc)
    ),
    updated AS (
      UPDATE "GridIntensityHour" t
      SET "lifecycleIntensityGPerKwh" = v.lca, "directIntensityGPerKwh" = v.direct,
          source = ${sourceLiteral}, "isEstimated" = v.is_estimated,
          "renewablePercentage" = v.re, "carbonFreePercentage" = v.cfe
      FROM matched v WHERE v.differs AND t."zoneId" = v.zone_id AND t."hourUtc" = v.hour_utc
        AND t."organizationId" = ${s.org}
    ),
    inserted AS (
      INSERT INTO "GridIntensityHour"
        ("zoneId", "hourUtc", "lifecycleIntensityGPerKwh", "directIntensityGPerKwh", source, "isEstimated", "organizationId",
         "renewablePercentage", "carbonFreePercentage")
      SELECT zone_id, hour_utc, lca, direct, ${sourceLiteral}, is_estimated, ${s.org}, re, cfe FROM good v
      WHERE NOT EXISTS (SELECT FROM existing e WHERE e.zone_id = v.zone_id AND e.hour_utc = v.hour_utc)
    ),
    rejected AS (
      SELECT line, reason FROM checked WHERE reason IS NOT NULL UNION ALL SELECT line, reason FROM late_rejects
    )
    SELECT coalesce(z.valid, 0)::int AS valid,
           coalesce(m.matched, 0)::int AS matched, coalesce(m.updated, 0)::int AS updated,
           z.zones, z.from_hour, z.to_hour, coalesce(r.rejected, '[]') AS rejected
    FROM generate_series(0::bigint, array_length(${namesLiteral}::text[], 1) - 1) f(fi)
    LEFT JOIN (
      SELECT fi, sum(hours) - coalesce(sum(lr.n), 0) AS valid,
             array_agg(zone_id ORDER BY zone_id) FILTER (WHERE zone_ok AND hours > coalesce(lr.n, 0)) AS zones,
             min(from_hour) FILTER (WHERE zone_ok AND hours > coalesce(lr.n, 0)) AS from_hour,
             max(to_hour) FILTER (WHERE zone_ok AND hours > coalesce(lr.n, 0)) AS to_hour
      FROM file_zones
      LEFT JOIN (SELECT ${fileOf("line")} AS fi, zone_id, count(*) AS n FROM late_rejects GROUP BY 1, 2) lr
        USING (fi, zone_id)
      GROUP BY fi
    ) z USING (fi)
    LEFT JOIN (
      SELECT ${fileOf("line")} AS fi, count(*) AS matched, count(*) FILTER (WHERE differs) AS updated
      FROM matched GROUP BY 1
    ) m USING (fi)
    LEFT JOIN (
      SELECT ${fileOf("line")} AS fi,
             json_agg(json_build_object('line', ${lineOf("line")}, 'reason', reason) ORDER BY line) AS rejected
      FROM rejected GROUP BY 1
    ) r USING (fi)
    ORDER BY fi;
    COMMIT`;
}

/**
 * First-load fast path (all files staged typed), run under a savepoint: when every zone id is
 * valid and no stored row lies in any staged zone's hour range (one index probe per zone), the
 * rows passing the per-row checks are inserted straight from the staging tables, with no
 * materialized copy of the checked rows, no stored-row lookup and no UPDATE; the rejected rows
 * are built only for rows that fail. Hours repeated within or across the files are not searched
 * for: the primary key raises a unique violation, the caller rolls back to the savepoint and runs
 * `upsertSql`, which finds and reports them. Returns `upsertSql`'s per-file rows plus `fast`:
 * false when the fast path declined (nothing was written; the caller runs `upsertSql`).
 * Measurements: BENCHMARKS.md, ADR 0003.
 */
function fastInsertSql(
  rowsSql: string,
  sourceLiteral: string,
  namesLiteral: string,
  s: SeriesSql,
): string {
  // The predicate wrapped in CASE: the planner then estimates half the rows pass (instead of ~1
  // row for the ANDed comparisons on unanalyzed staging) and hash-aggregates; with the plain
  // predicate it sorted all 131k rows (external merge) first: ~57 vs ~31 ms (EXPLAIN ANALYZE).
  return `
    WITH staged AS NOT MATERIALIZED (${rowsSql}),
    file_zones AS MATERIALIZED (
      SELECT fi, zone_id, min(seq) AS first_seq, count(*) AS hours,
             min(hour_utc) AS from_hour, max(hour_utc) AS to_hour
      FROM staged WHERE CASE WHEN ${typedRowPasses(s)} THEN true END GROUP BY 1, zone_id
    ),
    go AS MATERIALIZED (
      SELECT coalesce(bool_and(zone_id ~ '${zonePattern}'), true)
             AND NOT EXISTS (SELECT FROM file_zones z JOIN "GridIntensityHour" t
                             ON t."zoneId" = z.zone_id AND t."hourUtc" BETWEEN z.from_hour AND z.to_hour
                                AND t."organizationId" = ${s.org}) AS fast
      FROM file_zones
    ),
    new_zones AS (
      INSERT INTO "GridZone" (id, "countryCode", name)
      SELECT z.zone_id, substr(z.zone_id, 1, 2), coalesce(nullif(btrim(s.zone_name), ''), z.zone_id)
      FROM (SELECT DISTINCT ON (zone_id) zone_id, first_seq FROM file_zones ORDER BY zone_id, fi, first_seq) z
      JOIN staged s ON s.seq = z.first_seq
      WHERE ${s.zones === null} AND (SELECT fast FROM go) AND NOT EXISTS (SELECT FROM "GridZone" g WHERE g.id = z.zone_id)
      ON CONFLICT (id) DO NOTHING
    ),
    inserted AS (
      INSERT INTO "GridIntensityHour"
        ("zoneId", "hourUtc", "lifecycleIntensityGPerKwh", "directIntensityGPerKwh", source, "isEstimated", "organizationId",
         "renewablePercentage", "carbonFreePercentage")
      SELECT zone_id, hour_utc, lca, direct, ${sourceLiteral}, is_estimated, ${s.org}, re, cfe FROM staged
      WHERE (SELECT fast FROM go) AND ${typedRowPasses(s)}
    )
    SELECT (SELECT fast FROM go) AS fast, coalesce(z.valid, 0)::int AS valid, 0 AS matched, 0 AS updated,
           z.zones, z.from_hour, z.to_hour, coalesce(r.rejected, '[]') AS rejected
    FROM generate_series(0::bigint, array_length(${namesLiteral}::text[], 1) - 1) f(fi)
    LEFT JOIN (
      SELECT fi, sum(hours) AS valid, array_agg(zone_id ORDER BY zone_id) AS zones,
             min(from_hour) AS from_hour, max(to_hour) AS to_hour
      FROM file_zones GROUP BY fi
    ) z USING (fi)
    LEFT JOIN (
      SELECT fi,
             json_agg(json_build_object('line', line & ${lineMask}, 'reason', ${typedRejectReason(s)}) ORDER BY line) AS rejected
      FROM staged WHERE ${typedRowPasses(s)} IS NOT TRUE GROUP BY 1
    ) r USING (fi)
    ORDER BY fi`;
}

interface UpsertRow {
  fast?: boolean;
  valid: number;
  matched: number;
  updated: number;
  zones: string[] | null;
  from_hour: Date | null;
  to_hour: Date | null;
  rejected: { line: number; reason: string }[];
}

/** Class 22 (data exception): a value COPY cannot cast (22P02, 22008...) or malformed CSV (22P04). */
const isDataException = (error: unknown) =>
  (error as { code?: string }).code?.startsWith("22") === true;

async function copyInto(
  client: pg.PoolClient,
  sql: string,
  bodies: AsyncIterable<Buffer>,
): Promise<number> {
  const copy = client.query(copyFrom(sql));
  await pipeline(Readable.from(bodies), copy);
  return copy.rowCount;
}

/** One input, read and its header located. */
interface ReadFile {
  name: string;
  body: Buffer;
  columns: GridCsvColumns;
}

const inputName = (input: GridCsvInput, index: number) =>
  "path" in input ? input.path : (input.name ?? `input ${index + 1}`);

async function readFile(input: GridCsvInput, index: number): Promise<ReadFile> {
  const name = inputName(input, index);
  const body = await readInput(input);
  try {
    return { name, body, columns: findColumns(headerLine(body)) };
  } catch (error) {
    if (error instanceof GridCsvHeaderError) throw new GridCsvHeaderError(error.missing, name);
    throw error;
  }
}

/** A read file's data lines (see dataLines), the staging table it goes to, its index in the inputs. */
interface Staged {
  index: number;
  table: string;
  data: Buffer;
  rows: number;
  crlf: boolean;
}

/** Thrown inside an attempt: file `index`'s typed COPY hit a value it cannot cast. */
class CastFailure {
  constructor(readonly index: number) {}
}

/** Unique violation of "GridIntensityHour"'s primary key: an hour given twice, or already stored. */
const isRepeatedHour = (error: unknown) => {
  const e = error as { code?: string; table?: string };
  return e.code === "23505" && e.table === "GridIntensityHour";
};

/**
 * Run `fastInsertSql` under a savepoint and COMMIT when it applies; returns its per-file rows, or
 * undefined (nothing written, the transaction still open) when the general statement must run:
 * the fast path declined, or an hour was repeated (the savepoint is rolled back).
 */
async function tryFastInsert(
  client: pg.PoolClient,
  rowsSql: string,
  source: string,
  names: string,
  series: SeriesSql,
): Promise<UpsertRow[] | undefined> {
  let rows: UpsertRow[];
  try {
    const results = (await client.query(
      `LOCK TABLE "GridIntensityHour" IN SHARE ROW EXCLUSIVE MODE; SAVEPOINT grid_fast; ${fastInsertSql(rowsSql, source, names, series)}`,
    )) as unknown as pg.QueryResult[];
    rows = (results[2]?.rows ?? []) as UpsertRow[];
  } catch (error) {
    if (!isRepeatedHour(error)) throw error;
    await client.query("ROLLBACK TO SAVEPOINT grid_fast");
    return undefined;
  }
  if (rows[0]?.fast !== true) {
    await client.query("ROLLBACK TO SAVEPOINT grid_fast");
    return undefined;
  }
  await client.query("COMMIT");
  return rows;
}

/**
 * One attempt: BEGIN, one COPY per staging table (layout and path) and line ending, fed with the
 * data lines of its files in input order as each is read (so later files are read and gunzipped
 * while earlier ones are copied), run the check + upsert statement, COMMIT. Files in `textFiles`
 * are staged as text. Throws CastFailure (with the file, found from COPY's line number and the
 * files' row counts) when a typed COPY fails on a value.
 */
async function loadOnce(
  client: pg.PoolClient,
  reads: Promise<ReadFile>[],
  textFiles: Set<number>,
  options: GridLoadFilesOptions,
): Promise<GridLoadFilesResult> {
  await client.query(`BEGIN; SET LOCAL TimeZone = 'UTC'`);
  const files: ReadFile[] = [];
  const rowsRead: number[] = [];
  /** Staging table name => its columns, path and segments. */
  const tables = new Map<string, { columns: GridCsvColumns; text: boolean; segments: Segment[] }>();
  /** Files read but not yet copied (their layout differs from the COPY under way). */
  let waiting: Staged[] = [];
  let nextRead = 0;
  let nextSeq = 1;
  const readNext = async () => {
    const index = nextRead++;
    const file = await (reads[index] as Promise<ReadFile>);
    files[index] = file;
    const { table } = stagingTable(file.columns, !textFiles.has(index));
    return { index, table, ...dataLines(file.body) };
  };
  while (waiting.length > 0 || nextRead < reads.length) {
    // One COPY per staging table and line ending: the first waiting (or next) file's, fed with
    // every later file of the same kind in input order, as each is read.
    const first = waiting[0] ?? (await readNext());
    const text = textFiles.has(first.index);
    const columns = (files[first.index] as ReadFile).columns;
    const { table, create } = stagingTable(columns, !text);
    const entry = tables.get(table) ?? { columns, text, segments: [] };
    const createSql = tables.has(table) ? "" : `${create}; `;
    tables.set(table, entry);
    const batch: Segment[] = [];
    const copySeq = nextSeq;
    const same = (f: Staged) => f.table === table && f.crlf === first.crlf;
    const queued = waiting.length > 0 ? waiting : [first];
    waiting = queued.filter((f) => !same(f));
    const bodies = async function* () {
      const take = (f: Staged) => {
        batch.push({ file: f.index, firstSeq: nextSeq, rows: f.rows });
        nextSeq += f.rows;
        return f.data;
      };
      for (const f of queued) if (same(f)) yield take(f);
      while (nextRead < reads.length) {
        const f = await readNext();
        if (same(f)) yield take(f);
        else waiting.push(f);
      }
    };
    // Table creation and the sequence's start travel with the COPY (one round trip per COPY):
    // statements that return no rows, as pg-copy-streams handles no result rows.
    const prelude = `${createSql}DO $$BEGIN PERFORM setval(pg_get_serial_sequence('${table}', 'seq'), ${copySeq}, false); END$$; `;
    let copied: number;
    try {
      copied = await copyInto(client, prelude + copySql(table, columns.columnCount), bodies());
    } catch (error) {
      if (!isDataException(error)) throw error;
      const pgError = error as { where?: string; message: string };
      // COPY's "line N" counts the concatenated data lines: find the file and its own line.
      const copyLine = Number(/line (\d+)/.exec(pgError.where ?? "")?.[1] ?? 1);
      const segment =
        batch.find((b) => copyLine <= b.firstSeq - copySeq + b.rows) ?? (batch.at(-1) as Segment);
      if (!text) throw new CastFailure(segment.file);
      const fileLine = copyLine - (segment.firstSeq - copySeq) + 1;
      const where = pgError.where?.replace(/line \d+/, `line ${fileLine}`);
      throw new GridCsvFormatError(
        `${(files[segment.file] as ReadFile).name}: grid intensity CSV is malformed: ${pgError.message}${where ? ` (${where})` : ""}`,
        { cause: error },
      );
    }
    if (copied !== nextSeq - copySeq)
      throw new GridCsvFormatError(
        `${batch.map((b) => (files[b.file] as ReadFile).name).join(", ")}: grid intensity CSV has a quoted field spanning lines (${copied} rows in ${nextSeq - copySeq} lines), which the loader does not support`,
      );
    entry.segments.push(...batch);
    for (const b of batch) {
      rowsRead[b.file] = b.rows;
      options.onProgress?.(b.file, b.rows);
    }
  }
  const series: SeriesSql = {
    org: `${client.escapeLiteral(options.organizationId ?? SHARED_SERIES_ID)}::uuid`,
    zones:
      options.zones === undefined
        ? null
        : client.escapeLiteral(
            `{${options.zones.map((z) => `"${z.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`,
          ),
  };
  /** Staging table name => SQL that checks its rows. */
  const checks = new Map<string, string>();
  /** Typed staging table name => SQL of its rows under the loader's column names. */
  const typedRows = new Map<string, string>();
  for (const [table, { columns, text, segments }] of tables) {
    if (segments.length === 0) continue;
    checks.set(
      table,
      text
        ? strictCheckSql(columns, table, segments, series)
        : typedCheckSql(columns, table, segments, series),
    );
    if (!text) typedRows.set(table, typedRowsSql(columns, table, segments));
  }

  const source = client.escapeLiteral(options.source ?? "electricitymaps-csv");
  const names = client.escapeLiteral(
    `{${files.map((f) => `"${f.name.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`,
  );
  const union = (sqls: Iterable<string>) => [...sqls].map((sql) => `(${sql})`).join(" UNION ALL ");
  let rows: UpsertRow[] | undefined;
  if (textFiles.size === 0)
    rows = await tryFastInsert(client, union(typedRows.values()), source, names, series);
  if (!rows) {
    const results = (await client.query(
      upsertSql(union(checks.values()), source, names, series),
    )) as unknown as pg.QueryResult[];
    rows = (results[1]?.rows ?? []) as UpsertRow[];
  }
  const perFile = rows.map((row, i) => ({
    rowsRead: rowsRead[i] ?? 0,
    inserted: row.valid - row.matched,
    updated: row.updated,
    unchanged: row.matched - row.updated,
    rejected: row.rejected,
    zones: row.zones ?? [],
    fromHourUtc: row.from_hour,
    toHourUtc: row.to_hour,
  }));
  const total = (pick: (r: GridLoadResult) => number) =>
    perFile.reduce((sum, r) => sum + pick(r), 0);
  return {
    files: perFile,
    rowsRead: total((r) => r.rowsRead),
    inserted: total((r) => r.inserted),
    updated: total((r) => r.updated),
    unchanged: total((r) => r.unchanged),
    rejectedCount: total((r) => r.rejected.length),
  };
}

/**
 * Load many Electricity Maps hourly CSVs (either header layout, plain or gzip, layouts may be
 * mixed) into "GridIntensityHour" in ONE transaction: the files of each layout are COPYed in one
 * COPY into the staging table of that layout, then one statement checks and upserts the rows of all files, creating
 * missing "GridZone" rows (zone id, country = the zone id's first two letters, which Electricity
 * Maps zone ids start with; zone name) — except with `options.zones` (private loads), where rows
 * of other zones are rejected and no zone is created. Rows go to the shared series, or with
 * `options.organizationId` to that organization's private series (docs/adr/0060-grid-data-tenancy.md);
 * stored rows of other series are never read or changed. Loading 15 files this way saves the per-file statement
 * planning, aggregation, round trips and commit (BENCHMARKS.md, ADR 0003).
 *
 * Bad rows (empty or non-numeric intensity, bad timestamp, bad zone id, an hour already given
 * earlier in the same file or in an earlier file of the call) are skipped and listed in their
 * file's `rejected` with their line number in that file; they are never stored (an empty
 * intensity is not 0). Line numbers assume no quoted field spans lines (Electricity Maps files
 * have none; a file with one is rejected with GridCsvFormatError, as its rows could not be mapped
 * to lines). All decompressed files are held in memory while they load (~1 MB per zone-year).
 *
 * @returns `files[i]` is the result of `inputs[i]`; totals are sums over the files.
 * @throws GridCsvHeaderError (naming the file) when a file's header lacks a required column;
 *   GridCsvFormatError (naming the file) when a file's body is not valid CSV for its header
 *   (e.g. a row with another column count). Then NOTHING is written, for any file of the call.
 */
export async function loadGridIntensityFiles(
  pool: pg.Pool,
  inputs: GridCsvInput[],
  options: GridLoadFilesOptions = {},
): Promise<GridLoadFilesResult> {
  if (inputs.length === 0)
    return { files: [], rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejectedCount: 0 };
  // All files are read in parallel; each is copied once read (loadOnce awaits them in order).
  const reads = inputs.map(readFile);
  for (const read of reads) read.catch(() => undefined); // the rejection is seen when awaited
  const textFiles = new Set<number>();
  // loadOnce sends BEGIN ... COMMIT itself (COMMIT rides in the statement of the upsert, one
  // round trip); withClient gives the checked-out client its error listener and release.
  return withClient(pool, async (client) => {
    for (;;) {
      try {
        return await loadOnce(client, reads, textFiles, options);
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        if (!(error instanceof CastFailure)) throw error;
        // A value the typed COPY cannot cast: nothing was written; stage that file as text (its
        // fields checked with patterns, so each bad row gets its own reason) and start again.
        textFiles.add(error.index);
      }
    }
  });
}

/**
 * Load one Electricity Maps hourly CSV: `loadGridIntensityFiles` with one input (same checks,
 * rejected rows and errors; nothing is written when it throws).
 *
 * @throws GridCsvHeaderError when a required column is missing; GridCsvFormatError when the body
 *   is not valid CSV for that header (e.g. a row with another column count). Nothing is written then.
 */
export async function loadGridIntensityCsv(
  pool: pg.Pool,
  input: GridCsvInput,
  options: GridLoadOptions = {},
): Promise<GridLoadResult> {
  const { onProgress } = options;
  const result = await loadGridIntensityFiles(pool, [input], {
    source: options.source,
    organizationId: options.organizationId,
    zones: options.zones,
    onProgress: onProgress && ((_, rowsRead) => onProgress(rowsRead)),
  });
  return result.files[0] as GridLoadResult;
}
