/**
 * Map a CodeCarbon CSV row (an array of fields) onto the header's columns, including the rows
 * CodeCarbon 3.2.9 and later append WITHOUT their empty columns: in "append" mode
 * `FileOutput.out` writes `new_df.dropna(axis=1, how="all").to_csv(mode="a", header=False)`
 * (mlco2/codecarbon `codecarbon/output_methods/file.py`, commit c82e8e2b, June 2026), so every
 * value that was None (an offline tracker's `region`, `longitude`, `latitude`, ...) is left out
 * of the row and the values after it sit under the wrong columns.
 *
 * A row with as many fields as columns, or more (extras ignored), maps by position; so does a
 * short row whose missing columns are all trailing and not CodeCarbon's (hand-added or unnamed
 * header cells). Any other short row is aligned by value types: every way of leaving out
 * `missing` of the columns CodeCarbon can leave out (`OMISSION_RANK`) such that each field fits
 * its column (numbers under numeric columns, an alpha-3 code under `country_iso_code`,
 * "machine"/"process" under `tracking_mode`, ...) is enumerated, and the most likely ones kept
 * (lowest sum of `OMISSION_RANK`). When all of those read the same (the caller's `reading` of
 * the keyed row: the disclosure it converts to), the row is read with the first one and the
 * columns left out are reported; otherwise (none fits, or they read differently) the row gets an
 * issue naming the problem.
 */

/** How a field is recognised under a CodeCarbon column. */
type FieldTest = (field: string) => boolean;

const isNumber: FieldTest = (f) => Number.isFinite(Number(f));
const matches =
  (pattern: RegExp): FieldTest =>
  (f) =>
    pattern.test(f);

/**
 * Value tests of CodeCarbon's columns (`codecarbon/output_methods/emissions_data.py`;
 * `external/geography.py` lower-cases `region`; `platform.platform()` gives `os`, e.g.
 * "Linux-5.15.0-x86_64-with-glibc2.35", "macOS-14.1-arm64-arm-64bit").
 */
const columnTests: Record<string, FieldTest> = {
  timestamp: matches(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/),
  country_name: matches(/^[^\d.]*\p{L}[^\d.]*$/u),
  country_iso_code: matches(/^[A-Za-z]{3}$/),
  region: matches(/^[^\p{Lu}\d.]+$/u),
  cloud_provider: matches(/^[a-z]+$/i),
  cloud_region: matches(/^[a-z][a-z0-9-]*$/i),
  os: matches(/^[A-Za-z]+-\d/),
  python_version: matches(/^\d+\.\d+(\.\d+)?\S*$/),
  codecarbon_version: matches(/^\d+\.\d+(\.\d+)?\S*$/),
  cpu_model: matches(/\p{L}/u),
  gpu_model: matches(/\p{L}/u),
  tracking_mode: matches(/^(machine|process)$/i),
  on_cloud: matches(/^(y|n|yes|no|true|false)$/i),
};
for (const column of [
  "duration",
  "emissions",
  "emissions_rate",
  "cpu_power",
  "gpu_power",
  "ram_power",
  "cpu_energy",
  "gpu_energy",
  "ram_energy",
  "energy_consumed",
  "water_consumed",
  "cpu_count",
  "gpu_count",
  "longitude",
  "latitude",
  "ram_total_size",
  "cpu_utilization_percent",
  "gpu_utilization_percent",
  "ram_utilization_percent",
  "ram_used_gb",
  "pue",
  "wue",
]) {
  columnTests[column] = isNumber;
}
/** Free-text CodeCarbon columns (any value). */
const anyValueColumns = new Set(["project_name", "run_id", "experiment_id", "task_name"]);

/**
 * CodeCarbon's columns that can hold None in the versions that leave them out (3.2.9+,
 * `emissions_tracker.py` `_prepare_emissions_data`), each with a rank: how unlikely it is to be
 * None. 1: the coordinates and `region` (None on every offline tracker without a region);
 * 2: the country and the cloud fields (an unknown cloud region); 3: the CPU fields read from the
 * host (None only when detection fails). `gpu_count` / `gpu_model` default to 0 / "" since
 * commit 4ff41071, before 3.2.9. Columns that are not CodeCarbon's rank 1; every other
 * CodeCarbon column always has a value. Of the fitting alignments, those with the lowest sum of
 * ranks are the candidates.
 */
const OMISSION_RANK: Record<string, number> = {
  longitude: 1,
  latitude: 1,
  region: 1,
  country_name: 2,
  country_iso_code: 2,
  cloud_provider: 2,
  cloud_region: 2,
  cpu_count: 3,
  cpu_model: 3,
};

const isCodeCarbonColumn = (c: string | null) =>
  c !== null && (c in columnTests || anyValueColumns.has(c));

/** Fields that fit a column: empty fits every column; unknown columns take any value. */
function fits(column: string | null, field: string): boolean {
  if (field === "" || column === null) return true;
  const test = columnTests[column];
  return test === undefined || test(field);
}

/** Rank of leaving `c` out, or undefined when CodeCarbon always writes it. */
const omissionRank = (c: string | null): number | undefined =>
  isCodeCarbonColumn(c) ? OMISSION_RANK[c as string] : 1;

/**
 * The cells of a row up to the first column CodeCarbon can leave out: their positions hold in a
 * short row, so a row that cannot be aligned is still keyed (run_id, duration) by them.
 */
export function positionsThatHold(
  columns: (string | null)[],
  fields: string[],
): Record<string, string> {
  const row: Record<string, string> = {};
  for (const [j, column] of columns.entries()) {
    if (column === null || omissionRank(column) !== undefined) break;
    row[column] = fields[j] ?? "";
  }
  return row;
}

/** The outcome of aligning one row. */
export type RowAlignment =
  | { ok: true; row: Record<string, string>; omittedColumns: string[] }
  | { ok: false; message: string };

/** Enumeration limits: fitting alignments kept, and search steps (a pathological row). */
const MAX_ALIGNMENTS = 256;
const MAX_STEPS = 200_000;

/** Column indexes left out by each fitting alignment (DFS over fields x columns). */
function fittingOmissions(columns: (string | null)[], fields: string[]): number[][] | null {
  const m = columns.length;
  const n = fields.length;
  const missing = m - n;
  const found: number[][] = [];
  const omitted: number[] = [];
  let steps = 0;
  const visit = (i: number, j: number): boolean => {
    if (++steps > MAX_STEPS || found.length >= MAX_ALIGNMENTS) return false;
    if (j === m) {
      if (i === n) found.push([...omitted]);
      return true;
    }
    if (m - j < n - i) return true;
    if (i < n && fits(columns[j] ?? null, fields[i] as string) && !visit(i + 1, j + 1))
      return false;
    if (omitted.length < missing && omissionRank(columns[j] ?? null) !== undefined) {
      omitted.push(j);
      const ok = visit(i, j + 1);
      omitted.pop();
      if (!ok) return false;
    }
    return true;
  };
  return visit(0, 0) ? found : null;
}

function toRow(columns: (string | null)[], fields: string[], omitted: number[]) {
  const row: Record<string, string> = {};
  let i = 0;
  columns.forEach((column, j) => {
    if (omitted.includes(j)) return;
    const field = fields[i++] as string;
    if (column !== null) row[column] = field;
  });
  return row;
}

function positional(columns: (string | null)[], fields: string[]): Record<string, string> {
  const row: Record<string, string> = {};
  columns.forEach((column, j) => {
    if (column !== null && j < fields.length) row[column] = fields[j] as string;
  });
  return row;
}

/**
 * Align `fields` (one CSV row, cells trimmed) with `columns` (the header's
 * `codeCarbonColumnName`s; null for an empty header cell). `reading`: what a keyed row means to
 * the caller (a string compared between alignments; e.g. the JSON of its disclosure).
 */
export function alignCodeCarbonRow(
  columns: (string | null)[],
  fields: string[],
  reading: (row: Record<string, string>) => string,
): RowAlignment {
  // full (or longer) rows, and rows short only of trailing columns that are not CodeCarbon's
  if (columns.slice(fields.length).every((c) => !isCodeCarbonColumn(c))) {
    return { ok: true, row: positional(columns, fields), omittedColumns: [] };
  }
  // CodeCarbon 3.2.9+ leaves out a row's empty columns, at most a dozen of its 30-38 (cloud,
  // location, GPU and water columns); a row with under half the header's is a stray line.
  if (fields.length * 2 < columns.length) {
    return {
      ok: false,
      message: `has ${fields.length} of the header's ${columns.length} columns: not a CodeCarbon row (a stray or cut line)`,
    };
  }
  const head = `has ${fields.length} fields for the header's ${columns.length} columns (CodeCarbon 3.2.9+ appends rows without their empty columns)`;
  const omissions = fittingOmissions(columns, fields);
  if (omissions === null) return { ok: false, message: `${head}: too many ways to align it` };
  if (omissions.length === 0) {
    return { ok: false, message: `${head}: no alignment fits the columns' value types` };
  }
  const rank = (o: number[]) =>
    o.reduce((sum, j) => sum + (omissionRank(columns[j] ?? null) ?? 0), 0);
  const best = Math.min(...omissions.map(rank));
  const likely = omissions.filter((o) => rank(o) === best);
  const rows = likely.map((o) => toRow(columns, fields, o));
  const first = rows[0] as Record<string, string>;
  const meaning = reading(first);
  if (rows.some((r) => reading(r) !== meaning)) {
    const named = columns.filter((c): c is string => c !== null);
    const differing = named.filter((c) => rows.some((r) => (r[c] ?? "") !== (first[c] ?? "")));
    return {
      ok: false,
      message: `${head}: ${rows.length} alignments fit and read differently (${differing.join(", ")} vary)`,
    };
  }
  const names = (likely[0] as number[]).map((j) => columns[j] ?? `(column ${j + 1})`);
  return { ok: true, row: first, omittedColumns: names };
}
