/**
 * CodeCarbon CSV rows (arrays of cells, header first) -> keyed rows ready for
 * `codeCarbonRowToDisclosure`, one per run: short rows realigned (`codecarbon-align.ts`),
 * the rows of one run (cumulative flush snapshots, 2.x task-mode totals, interleaved writers)
 * folded into its last row (`codecarbon-snapshots.ts`), each with the note saying so. Streaming:
 * `push` one row at a time, `end` after the last.
 */
import { parseIsoTimestampMs } from "@finetrace/estimator";
import type { RecordIssue } from "../errors.js";
import {
  type CodeCarbonNotes,
  type CodeCarbonOptions,
  codeCarbonColumnName,
  codeCarbonRowToDisclosure,
  hasOffset,
} from "./codecarbon.js";
import { alignCodeCarbonRow, positionsThatHold } from "./codecarbon-align.js";
import { FlushSnapshots, type SnapshotGroup } from "./codecarbon-snapshots.js";

/** A row keyed by column, or why it cannot be read; with the notes of how it was read. */
export type CodeCarbonRow =
  | { index: number; row: Record<string, string>; notes: CodeCarbonNotes }
  | { index: number; issues: RecordIssue[] };

type Aligned =
  | { row: Record<string, string>; omittedColumns: string[] }
  | { issues: RecordIssue[] };

const realignedSource =
  "CodeCarbon 3.2.9+ appends rows without the columns whose value is empty (output_methods/file.py, append mode): the row's values were matched to the columns by type, the coordinates and region taken as the missing ones first, and every such alignment reads the same";
const snapshotSource =
  "EmissionsTracker.flush() appends the run's cumulative totals (same run_id, growing energy) before stop() appends the final row: the last row is the run, the earlier ones are not counted";
const restartedSource =
  "the duration restarted between rows (CodeCarbon 2.x start_task() resets the tracker's clock, energy_consumed stays the run's total): the run's duration is the first row's start (timestamp - duration) to the last row's timestamp";

/** Header, then data rows, of one CodeCarbon CSV. */
export class CodeCarbonRows {
  private columns: (string | null)[] | null = null;
  private nextIndex = 0;
  private readonly snapshots = new FlushSnapshots<Aligned>();
  private readonly reading: (row: Record<string, string>) => string;

  /** `options`: the conversion's, so that a realigned row's alignments are compared as read. */
  constructor(options: CodeCarbonOptions = {}) {
    this.reading = (row) => JSON.stringify(codeCarbonRowToDisclosure(row, 0, options));
  }

  /** Feed one CSV row (cells as parsed); returns the rows it completes, in file order. */
  push(cells: string[]): CodeCarbonRow[] {
    if (this.columns === null) {
      this.columns = cells.map((cell) => codeCarbonColumnName(cell) || null);
      return [];
    }
    const fields = cells.map((cell) => cell.trim());
    if (fields.every((f) => f === "")) return [];
    const index = this.nextIndex++;
    const aligned = this.align(fields, index);
    const columns = this.columns as (string | null)[];
    const keyed = "row" in aligned ? aligned.row : positionsThatHold(columns, fields);
    const id = runId(keyed.run_id ?? keyed.experiment_id ?? "");
    return this.snapshots
      .push({
        index,
        key: id === null ? null : `${id}\u0000${keyed.task_name ?? ""}`,
        durationSeconds: numberOrNaN(keyed.duration),
        energyKwh: numberOrNaN(keyed.energy_consumed),
        endMs: naiveMs(keyed.timestamp),
        value: aligned,
      })
      .map(toRow);
  }

  /** The last open run. */
  end(): CodeCarbonRow[] {
    return this.snapshots.end().map(toRow);
  }

  private align(fields: string[], index: number): Aligned {
    const a = alignCodeCarbonRow(this.columns as (string | null)[], fields, this.reading);
    return a.ok
      ? { row: a.row, omittedColumns: a.omittedColumns }
      : { issues: [{ index, path: "", message: a.message }] };
  }
}

/** A cell as a number; NaN when empty or not a number (such rows never continue a run). */
const numberOrNaN = (cell: string | undefined): number =>
  cell === undefined || cell.trim() === "" ? Number.NaN : Number(cell);

/**
 * A written timestamp as ms: with its offset when written, else its wall time read as UTC (only
 * differences between one run's rows are used); NaN when it is not a date-time.
 */
function naiveMs(timestamp: string | undefined): number {
  const written = (timestamp ?? "").replace(" ", "T");
  return parseIsoTimestampMs(hasOffset.test(written) ? written : `${written}Z`);
}

function toRow(group: SnapshotGroup<Aligned>): CodeCarbonRow {
  const { index, value, spanSeconds } = group;
  if ("issues" in value) return { index, issues: value.issues };
  const row = spanSeconds === null ? value.row : { ...value.row, duration: String(spanSeconds) };
  const notes: CodeCarbonNotes = {};
  if (value.omittedColumns.length > 0) {
    notes.rowAlignmentProvenance = {
      status: "imputed",
      rule: "codecarbon-row-realigned",
      omittedColumns: value.omittedColumns,
      source: realignedSource,
    };
  }
  if (group.rows > 1) {
    notes.snapshotProvenance = {
      status: "imputed",
      rule: "codecarbon-flush-snapshots",
      rows: group.rows,
      firstRecord: group.firstIndex + 1,
      ...(spanSeconds === null ? {} : { durationSeconds: spanSeconds }),
      source: spanSeconds === null ? snapshotSource : `${snapshotSource}; ${restartedSource}`,
    };
  }
  return { index, row, notes };
}

/**
 * A row's run id, or null when it has none: empty, or a null value a writer printed as text
 * (Python's `str(None)`: "None", as in rows of a public log written without a tracker id; also
 * "null", "nan"), which would merge unrelated runs.
 */
function runId(written: string): string | null {
  return written === "" || /^(none|null|nan)$/i.test(written) ? null : written;
}
