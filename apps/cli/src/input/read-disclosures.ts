/**
 * Read run disclosures from a file: `.json` (one object or an array), `.jsonl`/`.ndjson` (one
 * object per line), `.csv` (a header of disclosure field names), or CodeCarbon's
 * `emissions.csv` (recognised by its header, see `codecarbon.ts`).
 *
 * Every record is validated with the estimator's `parseDisclosure`; bad records are returned
 * as issues naming the record and the field, good ones as submissions. Nothing here writes.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import {
  DisclosureValidationError,
  numericDisclosureFields,
  parseDisclosure,
  type RunDisclosure,
} from "@finetrace/estimator";
import { parse as parseCsv } from "csv-parse/sync";
import { type RecordIssue, UsageError } from "../errors.js";
import {
  type CodeCarbonOptions,
  codeCarbonRowToDisclosure,
  isCodeCarbonHeader,
} from "./codecarbon.js";

export type DisclosureFileFormat = "json" | "jsonl" | "csv" | "codecarbon";

/** One validated record: the submitter's id (null when the file has none) and its disclosure. */
export interface DisclosureRecord {
  index: number;
  externalId: string | null;
  disclosure: RunDisclosure;
}

export interface ReadDisclosuresResult {
  format: DisclosureFileFormat;
  records: DisclosureRecord[];
  issues: RecordIssue[];
}

/** Number-valued disclosure fields (from the estimator's schema): CSV cells are converted. */
const numericFieldSet: ReadonlySet<string> = new Set(numericDisclosureFields);

/** A raw record before validation: `externalId` split off, the rest is the disclosure input. */
interface RawRecord {
  externalId: unknown;
  input: unknown;
}

/** Pick the format from the extension, and tell CodeCarbon CSVs apart by their header. */
export function detectFormat(path: string, text: string): DisclosureFileFormat {
  const ext = extname(path).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  if (ext === ".csv") {
    const header = text.slice(0, text.indexOf("\n") === -1 ? undefined : text.indexOf("\n"));
    return isCodeCarbonHeader(header.split(",").map((h) => h.trim())) ? "codecarbon" : "csv";
  }
  throw new UsageError(
    `${path}: unknown file type "${ext || "(none)"}"; expected .json, .jsonl, .ndjson or .csv`,
  );
}

function splitExternalId(value: unknown): RawRecord {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { externalId: undefined, input: value };
  }
  const { externalId, ...input } = value as Record<string, unknown>;
  return { externalId, input };
}

function jsonRecords(text: string, path: string): RawRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return (Array.isArray(parsed) ? parsed : [parsed]).map(splitExternalId);
}

function jsonlRecords(text: string, path: string): RawRecord[] {
  const records: RawRecord[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      records.push(splitExternalId(JSON.parse(line)));
    } catch (error) {
      throw new UsageError(`${path}:${i + 1}: not valid JSON (${(error as Error).message})`);
    }
  });
  return records;
}

function csvRows(text: string, path: string): Record<string, string>[] {
  try {
    return parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new UsageError(`${path}: not valid CSV (${(error as Error).message})`);
  }
}

/** A disclosure CSV row: empty cells dropped, numeric columns converted (NaN kept as text so validation names it). */
export function csvRowToRecord(row: Record<string, string>): RawRecord {
  const input: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(row)) {
    if (cell === "") continue;
    if (numericFieldSet.has(column)) {
      const n = Number(cell);
      input[column] = Number.isNaN(n) ? cell : n;
    } else {
      input[column] = cell;
    }
  }
  return splitExternalId(input);
}

/** Validate raw records into submissions and issues (one issue per bad field). */
export function validateRecords(raw: RawRecord[]): {
  records: DisclosureRecord[];
  issues: RecordIssue[];
} {
  const records: DisclosureRecord[] = [];
  const issues: RecordIssue[] = [];
  raw.forEach(({ externalId, input }, index) => {
    if (externalId !== undefined && (typeof externalId !== "string" || externalId.trim() === "")) {
      issues.push({ index, path: "externalId", message: "must be a non-empty string" });
      return;
    }
    try {
      records.push({
        index,
        externalId: externalId === undefined ? null : externalId.trim(),
        disclosure: parseDisclosure(input),
      });
    } catch (error) {
      if (!(error instanceof DisclosureValidationError)) throw error;
      for (const issue of error.issues) issues.push({ index, ...issue });
    }
  });
  return { records, issues };
}

/** Parse file text already read (tests call this directly). */
export function parseDisclosureText(
  path: string,
  text: string,
  codeCarbon: CodeCarbonOptions = {},
): ReadDisclosuresResult {
  const format = detectFormat(path, text);
  let raw: RawRecord[];
  switch (format) {
    case "json":
      raw = jsonRecords(text, path);
      break;
    case "jsonl":
      raw = jsonlRecords(text, path);
      break;
    case "csv":
      raw = csvRows(text, path).map(csvRowToRecord);
      break;
    case "codecarbon": {
      const converted = csvRows(text, path).map((row, index) =>
        codeCarbonRowToDisclosure(row, index, codeCarbon),
      );
      const conversionIssues = converted.flatMap((c) => ("issues" in c ? c.issues : []));
      const ok = converted.flatMap((c) => ("record" in c ? [c] : []));
      const validated = validateRecords(ok.map((c) => c.record));
      // Re-number validated records to their row in the file.
      const records = validated.records.map((r) => ({
        ...r,
        index: ok[r.index]?.index ?? r.index,
      }));
      const issues = validated.issues.map((i) => ({ ...i, index: ok[i.index]?.index ?? i.index }));
      return {
        format,
        records,
        issues: [...conversionIssues, ...issues].sort((a, b) => a.index - b.index),
      };
    }
  }
  if (raw.length === 0) throw new UsageError(`${path}: no records`);
  return { format, ...validateRecords(raw) };
}

/**
 * Read and validate a disclosure file.
 * @throws UsageError when the file cannot be read or parsed as a whole (per-record problems are returned as `issues`).
 */
export async function readDisclosureFile(
  path: string,
  codeCarbon: CodeCarbonOptions = {},
): Promise<ReadDisclosuresResult> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(
      `${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
  return parseDisclosureText(path, text, codeCarbon);
}
