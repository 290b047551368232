/**
 * Read run disclosures from a file: `.json` (one object or an array), `.jsonl`/`.ndjson` (one
 * object per line), `.csv` (a header of disclosure field names), or CodeCarbon's
 * `emissions.csv` (recognised by its columns, see `codecarbon.ts`).
 *
 * A disclosure CSV's header names the fields as the schema does (`gpuModel`) or in the usual
 * spreadsheet spellings: case, "_", "-" and spaces are ignored (`gpu_model`, `GPU model`,
 * `external-id`); a header that names no field is kept as written, so its cells are reported as
 * unknown keys.
 *
 * `openDisclosureStream` reads JSONL and CSV incrementally (1 MiB chunks split into lines, or a
 * csv-parse stream), so memory does not grow with the file; a `.json` file is read whole.
 * `readDisclosureFile` / `parseDisclosureText` collect everything (small files, ingest, tests).
 *
 * Every record is validated with the estimator's `parseDisclosure`; a bad record becomes issues
 * naming the record (0-based `index`: position among the file's records) and the field, and
 * never stops the others. Nothing here writes.
 */
import { createReadStream } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { extname } from "node:path";
import {
  DisclosureValidationError,
  disclosureFields,
  numericDisclosureFields,
  parseDisclosure,
  type RunDisclosure,
} from "@finetrace/estimator";
import { parse as parseCsvStream } from "csv-parse";
import { parse as parseCsv } from "csv-parse/sync";
import { type RecordIssue, UsageError } from "../errors.js";
import {
  type CodeCarbonNotes,
  type CodeCarbonOptions,
  codeCarbonRowToDisclosure,
  isCodeCarbonHeader,
} from "./codecarbon.js";
import { type CodeCarbonRow, CodeCarbonRows } from "./codecarbon-rows.js";
import { type CsvDialect, csvDelimiter, csvDialect, headerLineOf } from "./csv-dialect.js";

export type DisclosureFileFormat = "json" | "jsonl" | "csv" | "codecarbon";

/** What the reader imputed for a record beyond the disclosure (CodeCarbon rows only). */
export type RecordNotes = CodeCarbonNotes;

/** One validated record: the submitter's id (null when the file has none) and its disclosure. */
export interface DisclosureRecord {
  index: number;
  externalId: string | null;
  disclosure: RunDisclosure;
  notes?: RecordNotes;
}

export interface ReadDisclosuresResult {
  format: DisclosureFileFormat;
  records: DisclosureRecord[];
  issues: RecordIssue[];
}

/** A record before validation (`externalId` split off), or the issues of an unreadable one. */
export type RawItem =
  | { index: number; externalId: unknown; input: unknown; notes?: RecordNotes }
  | { index: number; issues: RecordIssue[] };

/** A file opened for streaming: its format and its records in file order, in batches. */
export interface DisclosureStream {
  format: DisclosureFileFormat;
  /** Batches of consecutive records (one per chunk read; a `.json` file is one batch). */
  batches: AsyncIterable<RawItem[]>;
}

/** Number-valued disclosure fields (from the estimator's schema): CSV cells are converted. */
const numericFieldSet: ReadonlySet<string> = new Set(numericDisclosureFields);

const headerKey = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, "");
/** Disclosure fields (and `externalId`) by `headerKey`: "gpu_model" and "GPU Model" -> gpuModel. */
const fieldOfHeader: ReadonlyMap<string, string> = new Map(
  ["externalId", ...disclosureFields].map((field) => [headerKey(field), field]),
);

/** The field a disclosure CSV's header cell names, else the cell as written (see module doc). */
export function disclosureCsvColumn(header: string): string {
  return fieldOfHeader.get(headerKey(header)) ?? header;
}
const chunkBytes = 1 << 20;

/**
 * Pick the format from the extension, and tell CodeCarbon CSVs apart by their header (in any
 * dialect, `csv-dialect.ts`).
 */
export function detectFormat(path: string, text: string): DisclosureFileFormat {
  const ext = extname(path).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  if (ext === ".csv" || ext === ".tsv") {
    const header = headerLineOf(text);
    const delimiter = csvDelimiter(header);
    const cells =
      parseCsv(header, { delimiter, relax_column_count: true, relax_quotes: true })[0] ?? [];
    return isCodeCarbonHeader(cells as string[]) ? "codecarbon" : "csv";
  }
  throw new UsageError(
    `${path}: unknown file type "${ext || "(none)"}"; expected .json, .jsonl, .ndjson, .csv or .tsv`,
  );
}

export function cannotRead(path: string, error: unknown): UsageError {
  return new UsageError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? error})`);
}

function splitExternalId(value: unknown): { externalId: unknown; input: unknown } {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { externalId: undefined, input: value };
  }
  const { externalId, ...input } = value as Record<string, unknown>;
  return { externalId, input };
}

/** One JSONL line (non-empty) as a raw item; broken JSON is an issue of that record only. */
export function jsonLineItem(line: string, index: number, lineNumber: number): RawItem {
  try {
    return { index, ...splitExternalId(JSON.parse(line)) };
  } catch (error) {
    const message = `line ${lineNumber}: not valid JSON (${(error as Error).message})`;
    return { index, issues: [{ index, path: "", message }] };
  }
}

/** A disclosure CSV row: empty cells dropped, numeric columns converted (NaN kept as text so validation names it). */
export function csvRowToRecord(row: Record<string, string>): {
  externalId: unknown;
  input: unknown;
} {
  const input: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(row)) {
    if (cell === "" || cell === undefined) continue;
    if (numericFieldSet.has(column)) {
      const n = Number(cell);
      input[column] = Number.isNaN(n) ? cell : n;
    } else {
      input[column] = cell;
    }
  }
  return splitExternalId(input);
}

/** A CodeCarbon row as a raw item (the reader's notes travel with it). */
function codeCarbonItem(item: CodeCarbonRow, options: CodeCarbonOptions): RawItem {
  if ("issues" in item) return item;
  const converted = codeCarbonRowToDisclosure(item.row, item.index, options, item.notes);
  if ("issues" in converted) return converted;
  const { externalId, input, ...notes } = converted.record;
  return {
    index: item.index,
    externalId,
    input,
    ...(Object.keys(notes).length > 0 ? { notes } : {}),
  };
}

/** Raw items of a CodeCarbon CSV's rows (arrays, header first), in file order. */
function* codeCarbonItems(rows: Iterable<string[]>, options: CodeCarbonOptions) {
  const reader = new CodeCarbonRows(options);
  for (const cells of rows)
    for (const row of reader.push(cells)) yield codeCarbonItem(row, options);
  for (const row of reader.end()) yield codeCarbonItem(row, options);
}

/**
 * Validate one raw item.
 * @returns the record, or the issues of the record (one per bad field).
 */
export function validateItem(
  item: RawItem,
): { record: DisclosureRecord } | { issues: RecordIssue[] } {
  if ("issues" in item) return item;
  const { index, externalId, input, notes } = item;
  if (externalId !== undefined && (typeof externalId !== "string" || externalId.trim() === "")) {
    return { issues: [{ index, path: "externalId", message: "must be a non-empty string" }] };
  }
  try {
    const record: DisclosureRecord = {
      index,
      externalId: externalId === undefined ? null : externalId.trim(),
      disclosure: parseDisclosure(input),
    };
    if (notes) record.notes = notes;
    return { record };
  } catch (error) {
    if (!(error instanceof DisclosureValidationError)) throw error;
    return { issues: error.issues.map((issue) => ({ index, ...issue })) };
  }
}

/** Validate raw records into submissions and issues (one issue per bad field). */
export function validateRecords(raw: { externalId: unknown; input: unknown }[]): {
  records: DisclosureRecord[];
  issues: RecordIssue[];
} {
  return collect(raw.map((r, index) => ({ index, ...r })));
}

function collect(items: Iterable<RawItem>): { records: DisclosureRecord[]; issues: RecordIssue[] } {
  const records: DisclosureRecord[] = [];
  const issues: RecordIssue[] = [];
  for (const item of items) {
    const result = validateItem(item);
    if ("record" in result) records.push(result.record);
    else issues.push(...result.issues);
  }
  return { records, issues };
}

function jsonItems(text: string, path: string): RawItem[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return (Array.isArray(parsed) ? parsed : [parsed]).map((v, index) => ({
    index,
    ...splitExternalId(v),
  }));
}

/**
 * csv-parse options: trimmed cells, the file's dialect (`csv-dialect.ts`: "," / ";" / tab, decimal
 * commas). A CodeCarbon file is parsed as arrays (header first) so that
 * `CodeCarbonRows` can tell short rows apart and realign them; a disclosure CSV is keyed by its
 * header, each header cell read as the field it names (`disclosureCsvColumn`).
 */
function csvOptions(format: "csv" | "codecarbon", dialect: CsvDialect) {
  return {
    columns: format === "csv" ? (header: string[]) => header.map(disclosureCsvColumn) : false,
    relax_column_count: format === "codecarbon",
    skip_empty_lines: true,
    trim: true,
    bom: true,
    ...dialect,
  } as const;
}

/** Parse file text already read (tests call this directly). */
export function parseDisclosureText(
  path: string,
  text: string,
  codeCarbon: CodeCarbonOptions = {},
): ReadDisclosuresResult {
  const format = detectFormat(path, text);
  let items: RawItem[];
  if (format === "json") items = jsonItems(text, path);
  else if (format === "jsonl") {
    items = [];
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() !== "") items.push(jsonLineItem(line, items.length, i + 1));
    });
  } else {
    let rows: unknown[];
    try {
      rows = parseCsv(text, csvOptions(format, csvDialect(text)));
    } catch (error) {
      throw new UsageError(`${path}: not valid CSV (${(error as Error).message})`);
    }
    items =
      format === "codecarbon"
        ? [...codeCarbonItems(rows as string[][], codeCarbon)]
        : (rows as Record<string, string>[]).map((row, index) => ({
            index,
            ...csvRowToRecord(row),
          }));
  }
  if (items.length === 0) throw new UsageError(`${path}: no records`);
  return { format, ...collect(items) };
}

/** The first line of a file (up to 1 MiB), for format detection. */
async function firstLine(path: string): Promise<string> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw cannotRead(path, error);
  }
  try {
    const buffer = Buffer.alloc(chunkBytes);
    const { bytesRead } = await handle.read(buffer, 0, chunkBytes, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

/** A non-empty line of a file and its 1-based line number. */
export interface FileLine {
  line: string;
  lineNumber: number;
}

/** Non-empty lines of a file, read in 1 MiB chunks; one batch of lines per chunk. */
export async function* fileLines(path: string): AsyncGenerator<FileLine[]> {
  let rest = "";
  let lineNumber = 0;
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: chunkBytes });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      const batch: FileLine[] = [];
      for (const part of parts) {
        lineNumber += 1;
        const line = part.endsWith("\r") ? part.slice(0, -1) : part;
        if (line.trim() !== "") batch.push({ line, lineNumber });
      }
      yield batch;
    }
  } catch (error) {
    throw cannotRead(path, error);
  }
  if (rest.trim() !== "") yield [{ line: rest, lineNumber: lineNumber + 1 }];
}

async function* jsonlBatches(path: string): AsyncGenerator<RawItem[]> {
  let index = 0;
  for await (const lines of fileLines(path)) {
    yield lines.map(({ line, lineNumber }) => jsonLineItem(line, index++, lineNumber));
  }
}

/** Rows per batch of a CSV stream. */
const csvBatchRows = 256;

async function* csvBatches(
  path: string,
  format: "csv" | "codecarbon",
  dialect: CsvDialect,
  codeCarbon: CodeCarbonOptions,
): AsyncGenerator<RawItem[]> {
  const parser = createReadStream(path).pipe(parseCsvStream(csvOptions(format, dialect)));
  const reader = format === "codecarbon" ? new CodeCarbonRows(codeCarbon) : null;
  let index = 0;
  let batch: RawItem[] = [];
  try {
    for await (const row of parser as AsyncIterable<Record<string, string> | string[]>) {
      if (reader) {
        for (const r of reader.push(row as string[])) batch.push(codeCarbonItem(r, codeCarbon));
      } else {
        batch.push({ index: index++, ...csvRowToRecord(row as Record<string, string>) });
      }
      if (batch.length >= csvBatchRows) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${path}: not valid CSV (${(error as Error).message})`);
  }
  if (reader) for (const r of reader.end()) batch.push(codeCarbonItem(r, codeCarbon));
  if (batch.length > 0) yield batch;
}

/**
 * Open a disclosure file for streaming. The format is detected from the extension and, for
 * `.csv`, the header (see `detectFormat`).
 * @throws UsageError when the file cannot be opened, has an unknown extension, or (a `.json`
 *   file) is not valid JSON; while iterating, when the file cannot be read or is not valid CSV.
 */
export async function openDisclosureStream(
  path: string,
  codeCarbon: CodeCarbonOptions = {},
): Promise<DisclosureStream> {
  const head = await firstLine(path);
  const format = detectFormat(path, head);
  if (format === "json") {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      throw cannotRead(path, error);
    }
    const items = jsonItems(text, path);
    return {
      format,
      batches: (async function* () {
        yield items;
      })(),
    };
  }
  return {
    format,
    batches:
      format === "jsonl"
        ? jsonlBatches(path)
        : csvBatches(path, format, csvDialect(head), codeCarbon),
  };
}

/**
 * Read and validate a disclosure file whole.
 * @throws UsageError when the file cannot be read or parsed as a whole, or has no records
 *   (per-record problems are returned as `issues`).
 */
export async function readDisclosureFile(
  path: string,
  codeCarbon: CodeCarbonOptions = {},
): Promise<ReadDisclosuresResult> {
  const { format, batches } = await openDisclosureStream(path, codeCarbon);
  const all: RawItem[] = [];
  for await (const batch of batches) for (const item of batch) all.push(item);
  if (all.length === 0) throw new UsageError(`${path}: no records`);
  return { format, ...collect(all) };
}
