/**
 * Bulk load of Electricity Maps hourly CSVs into "GridIntensityHour".
 *
 * The header is read with csv-parse (to find the columns of either layout); the body is
 * streamed with COPY (pg-copy-streams, FORMAT csv) into a temporary all-text staging table, so
 * Postgres parses the CSV; rows are then validated in SQL (bad ones reported with their line
 * number), and the good ones are upserted, all in one transaction. Why Postgres parses the body
 * rather than csv-parse: docs/adr/0003-grid-intensity-load.md (csv-parse alone took longer than
 * the whole `psql \copy` baseline).
 */
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
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
 * Split `source` into its first line (the header, decoded as UTF-8) and a stream of all its
 * bytes. String chunks (e.g. `Readable.from(["..."])`) are encoded as UTF-8.
 */
async function peekHeader(
  source: AsyncIterable<Buffer | string>,
): Promise<{ header: string; all: Readable }> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let newline = -1;
  while (newline < 0) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = Buffer.from(next.value);
    head.push(chunk);
    newline = chunk.indexOf(10);
  }
  const buffered = Buffer.concat(head);
  const end =
    newline < 0 ? buffered.length : buffered.length - (head.at(-1)?.length ?? 0) + newline;
  async function* all() {
    yield buffered;
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      yield next.value;
  }
  return { header: buffered.subarray(0, end).toString("utf8"), all: Readable.from(all()) };
}

function openInput(input: GridCsvInput): Readable {
  const name = "path" in input ? input.path : (input.name ?? "");
  const raw = "path" in input ? createReadStream(input.path) : input.stream;
  if (!name.endsWith(".gz")) return raw;
  const gunzip = createGunzip();
  raw.on("error", (error: Error) => gunzip.destroy(error));
  return raw.pipe(gunzip);
}

const hourPattern =
  "^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[ T]([01][0-9]|2[0-3]):00(:00(\\.0+)?)?(Z|\\+00(:?00)?)?$";
const zonePattern = "^[A-Z]{2}(-[A-Z0-9]+)*$";
const intensityPattern = "^[0-9]+(\\.[0-9]+)?$";

const emptyIntensityReason = `CASE
          WHEN lca IS NULL AND direct IS NULL THEN 'life-cycle and direct carbon intensity are empty'
          WHEN lca IS NULL THEN 'life-cycle carbon intensity is empty'
          WHEN direct IS NULL THEN 'direct carbon intensity is empty' END`;

/**
 * Fast path: cast the staging columns straight to their types (the session time zone is UTC,
 * so naive "Datetime (UTC)" values are read as UTC) and reject rows by cheap checks. A value
 * that cannot be cast raises a data exception, and the caller falls back to `strictCheckSql`.
 * Creates "grid_csv_checked": one row per CSV row, `reason` set when rejected.
 */
function typedCheckSql(c: GridCsvColumns): string {
  const text = (i: number) => `nullif(btrim(c${i}), '')`;
  return `
    CREATE TEMP TABLE grid_csv_checked ON COMMIT DROP AS
    SELECT line, zone_id, coalesce(zone_name, zone_id) AS zone_name, hour_utc, lca, direct, is_estimated,
      CASE
        WHEN hour_utc IS NULL THEN 'Datetime (UTC) is empty'
        WHEN hour_utc <> date_trunc('hour', hour_utc)
          THEN format('Datetime (UTC) %s is not an hour start', hour_utc)
        WHEN zone_id IS NULL OR zone_id !~ '${zonePattern}'
          THEN format('Zone id %L is not an Electricity Maps zone id such as US-NW-PACW', zone_id)
        WHEN lca IS NULL OR direct IS NULL THEN ${emptyIntensityReason}
        WHEN NOT (lca >= 0 AND lca < 'Infinity')
          THEN format('life-cycle carbon intensity %s is not a non-negative number (gCO2e/kWh)', lca)
        WHEN NOT (direct >= 0 AND direct < 'Infinity')
          THEN format('direct carbon intensity %s is not a non-negative number (gCO2e/kWh)', direct)
      END AS reason
    FROM (
      SELECT line, ${text(c.zoneId)} AS zone_id, ${text(c.zoneName)} AS zone_name,
             ${text(c.datetimeUtc)}::timestamptz AS hour_utc,
             ${text(c.lifecycleIntensity)}::float8 AS lca, ${text(c.directIntensity)}::float8 AS direct,
             coalesce(${text(c.dataEstimated)}::boolean, false) AS is_estimated
      FROM grid_csv_staging
    ) typed`;
}

/**
 * Slow path, for files with values the fast path cannot cast: check every field with patterns
 * before casting, so each bad row gets its own reason. Same output table as `typedCheckSql`.
 */
function strictCheckSql(c: GridCsvColumns): string {
  const col = (i: number) => `btrim(c${i})`;
  return `
    CREATE TEMP TABLE grid_csv_checked ON COMMIT DROP AS
    WITH r AS (
      SELECT line, ${col(c.datetimeUtc)} AS dt, ${col(c.zoneId)} AS zone_id, ${col(c.zoneName)} AS zone_name,
             nullif(${col(c.lifecycleIntensity)}, '') AS lca, nullif(${col(c.directIntensity)}, '') AS direct,
             lower(coalesce(${col(c.dataEstimated)}, '')) AS est
      FROM grid_csv_staging
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
    SELECT line, reason, zone_id, coalesce(nullif(zone_name, ''), zone_id) AS zone_name,
           CASE WHEN reason IS NULL THEN (substr(dt, 1, 10) || ' ' || substr(dt, 12, 2) || ':00:00+00')::timestamptz END AS hour_utc,
           CASE WHEN reason IS NULL THEN lca::float8 END AS lca,
           CASE WHEN reason IS NULL THEN direct::float8 END AS direct,
           est = 'true' AS is_estimated
    FROM checked`;
}

/**
 * Load one Electricity Maps hourly CSV (either header layout, plain or gzip) into
 * "GridIntensityHour", creating missing "GridZone" rows from the file (zone id, country = the
 * zone id's first two letters, which Electricity Maps zone ids start with; zone name).
 *
 * Bad rows (empty or non-numeric intensity, bad timestamp, bad zone id, an hour already given
 * earlier in the file) are skipped and listed in `rejected` with their line number; they are
 * never stored (an empty intensity is not 0). The good rows land in one transaction. Line
 * numbers assume no quoted field spans lines (Electricity Maps files have none).
 *
 * @throws GridCsvHeaderError when a required column is missing; GridCsvFormatError when the body
 *   is not valid CSV for that header (e.g. a row with another column count). Nothing is written then.
 */
export async function loadGridIntensityCsv(
  pool: pg.Pool,
  input: GridCsvInput,
  options: GridLoadOptions = {},
): Promise<GridLoadResult> {
  const { header, all } = await peekHeader(openInput(input));
  const columns = findColumns(header);
  const staged = Array.from({ length: columns.columnCount }, (_, i) => `c${i}`);

  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `CREATE TEMP TABLE grid_csv_staging (
         line bigint GENERATED ALWAYS AS IDENTITY (START WITH 2),
         ${staged.map((c) => `${c} text`).join(", ")}
       ) ON COMMIT DROP`,
    );
    try {
      await pipeline(
        all,
        client.query(
          copyFrom(
            `COPY grid_csv_staging (${staged.join(", ")}) FROM STDIN (FORMAT csv, HEADER true)`,
          ),
        ),
      );
    } catch (error) {
      // Class 22 (data exception), e.g. 22P04 bad_copy_file_format: the CSV itself is malformed.
      const pgError = error as { code?: string; where?: string; message: string };
      if (pgError.code?.startsWith("22")) {
        throw new GridCsvFormatError(
          `grid intensity CSV is malformed: ${pgError.message}${pgError.where ? ` (${pgError.where})` : ""}`,
          { cause: error },
        );
      }
      throw error;
    }
    await client.query("SET LOCAL TimeZone = 'UTC'");
    await client.query("SAVEPOINT typed_check");
    try {
      await client.query(typedCheckSql(columns));
    } catch (error) {
      if (!(error as { code?: string }).code?.startsWith("22")) throw error;
      await client.query("ROLLBACK TO SAVEPOINT typed_check");
      await client.query(strictCheckSql(columns));
    }
    // An hour given twice in one file: keep the first, reject the others.
    await client.query(`
      UPDATE grid_csv_checked d SET reason = format('hour %s of %s repeats line %s',
          to_char(d.hour_utc AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:00'), d.zone_id, f.first_line)
      FROM (SELECT zone_id, hour_utc, min(line) AS first_line FROM grid_csv_checked
            WHERE reason IS NULL GROUP BY zone_id, hour_utc HAVING count(*) > 1) f
      WHERE d.reason IS NULL AND d.zone_id = f.zone_id AND d.hour_utc = f.hour_utc AND d.line > f.first_line`);

    const summary = await client.query<{
      rows_read: number;
      valid: number;
      zones: string[] | null;
      from_hour: Date | null;
      to_hour: Date | null;
    }>(`
      SELECT count(*)::int AS rows_read, count(*) FILTER (WHERE reason IS NULL)::int AS valid,
             array_agg(DISTINCT zone_id ORDER BY zone_id) FILTER (WHERE reason IS NULL) AS zones,
             min(hour_utc) FILTER (WHERE reason IS NULL) AS from_hour,
             max(hour_utc) FILTER (WHERE reason IS NULL) AS to_hour
      FROM grid_csv_checked`);
    const rejected = await client.query<{ line: string; reason: string }>(
      "SELECT line, reason FROM grid_csv_checked WHERE reason IS NOT NULL ORDER BY line",
    );
    const { rows_read: rowsRead = 0, valid = 0, zones, from_hour, to_hour } = summary.rows[0] ?? {};
    options.onProgress?.(rowsRead);

    await client.query(`
      INSERT INTO "GridZone" (id, "countryCode", name)
      SELECT DISTINCT ON (zone_id) zone_id, substr(zone_id, 1, 2), zone_name
      FROM grid_csv_checked WHERE reason IS NULL ORDER BY zone_id, line
      ON CONFLICT (id) DO NOTHING`);
    // One writer at a time (readers are not blocked), so UPDATE + anti-join INSERT cannot race
    // another load of the same hours. Cheaper than INSERT ... ON CONFLICT (ADR 0003).
    await client.query(`LOCK TABLE "GridIntensityHour" IN SHARE ROW EXCLUSIVE MODE`);
    const source = options.source ?? "electricitymaps-csv";
    const updated = await client.query(
      `UPDATE "GridIntensityHour" t
       SET "lifecycleIntensityGPerKwh" = v.lca, "directIntensityGPerKwh" = v.direct,
           source = $1, "isEstimated" = v.is_estimated
       FROM grid_csv_checked v
       WHERE v.reason IS NULL AND t."zoneId" = v.zone_id AND t."hourUtc" = v.hour_utc
         AND (t."lifecycleIntensityGPerKwh", t."directIntensityGPerKwh", t.source, t."isEstimated")
             IS DISTINCT FROM (v.lca, v.direct, $1, v.is_estimated)`,
      [source],
    );
    const inserted = await client.query(
      `INSERT INTO "GridIntensityHour"
         ("zoneId", "hourUtc", "lifecycleIntensityGPerKwh", "directIntensityGPerKwh", source, "isEstimated")
       SELECT zone_id, hour_utc, lca, direct, $1, is_estimated FROM grid_csv_checked v
       WHERE v.reason IS NULL AND NOT EXISTS (
         SELECT 1 FROM "GridIntensityHour" t WHERE t."zoneId" = v.zone_id AND t."hourUtc" = v.hour_utc)`,
      [source],
    );
    await client.query("COMMIT");
    const insertedRows = inserted.rowCount ?? 0;
    const updatedRows = updated.rowCount ?? 0;
    return {
      rowsRead,
      inserted: insertedRows,
      updated: updatedRows,
      unchanged: valid - insertedRows - updatedRows,
      rejected: rejected.rows.map((r) => ({ line: Number(r.line), reason: r.reason })),
      zones: zones ?? [],
      fromHourUtc: from_hour ?? null,
      toHourUtc: to_hour ?? null,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
