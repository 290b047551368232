/**
 * The CSV dialect of a disclosure or CodeCarbon file, read from its header line: spreadsheets in
 * locales whose decimal separator is the comma (most of continental Europe) save CSV with ";"
 * between cells (Excel's list separator) and "0,0012" for 0.0012, so a CodeCarbon `emissions.csv`
 * opened and saved there comes back as `timestamp;project_name;...`. Tab-separated exports exist
 * too.
 *
 * - Delimiter: the most frequent of ",", ";" and tab in the header line ("," on a tie or when none
 *   occurs); header cells hold field names, which contain none of them.
 * - Decimal comma: with ";" or tab between cells, a cell that is a number written with one decimal
 *   comma ("0,0012", "-3,5", "1,2e-05") is read with a point; other cells are kept as written.
 *   With "," between cells a decimal comma cannot occur unquoted, and quoted cells are left alone.
 */
import type { CastingContext } from "csv-parse";

export type CsvDelimiter = "," | ";" | "\t";

/** csv-parse options of a dialect (`delimiter`, and `cast` for decimal commas). */
export interface CsvDialect {
  delimiter: CsvDelimiter;
  cast?: (value: string, context: CastingContext) => string;
}

const candidates: readonly CsvDelimiter[] = [",", ";", "\t"];

/** The delimiter of a header line (module doc). */
export function csvDelimiter(headerLine: string): CsvDelimiter {
  let best: CsvDelimiter = ",";
  let bestCount = 0;
  for (const d of candidates) {
    const count = headerLine.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

const decimalCommaNumber = /^[+-]?\d+,\d+(?:[eE][+-]?\d+)?$/;

/** A data cell written with a decimal comma, with a point instead; any other cell as it is. */
export function decimalPoint(value: string, context: CastingContext): string {
  return context.header || !decimalCommaNumber.test(value) ? value : value.replace(",", ".");
}

/** The first line of a file's text, without a byte-order mark. */
export function headerLineOf(text: string): string {
  const end = text.indexOf("\n");
  return text.slice(0, end === -1 ? undefined : end).replace(/^\uFEFF/, "");
}

/** The dialect of a file from its text (or just its first line; module doc). */
export function csvDialect(text: string): CsvDialect {
  const delimiter = csvDelimiter(headerLineOf(text));
  return delimiter === "," ? { delimiter } : { delimiter, cast: decimalPoint };
}
