/**
 * CodeCarbon flush snapshots: `EmissionsTracker.flush()` appends a row of the run's CUMULATIVE
 * totals since `start()` (same `run_id`, growing `duration` and `energy_consumed`), and `stop()`
 * appends the final one; in "append" mode (the default) all of them stay in `emissions.csv`
 * (mlco2/codecarbon `emissions_tracker.py` `flush` -> `_persist_data`; `output_methods/file.py`).
 * Read as separate runs, a run flushed twice would be counted three times over.
 *
 * Consecutive rows with the same `run_id` (pre-2.0 files: `experiment_id`) and `task_name`
 * whose duration and energy never decrease are one run: the last row stands for it, and says how
 * many rows it replaced. Task rows (`task_name`) of one run_id are separate measurements and
 * are never merged with each other; rows without an id never merge.
 */

/** One data row on its way to conversion. */
export interface PendingRow<T> {
  /** 0-based position of the row among the file's data rows. */
  index: number;
  /** `run_id` + `task_name`; null when the row has no id. */
  key: string | null;
  durationSeconds: number;
  /** `energy_consumed`; NaN when not readable (the check then rests on the duration). */
  energyKwh: number;
  value: T;
}

/** The row standing for a run: the last snapshot, with how many rows it stands for. */
export interface SnapshotGroup<T> {
  index: number;
  value: T;
  /** Rows merged into this one (1: no flush snapshots). */
  rows: number;
  /** Index of the group's first row. */
  firstIndex: number;
}

/**
 * Groups consecutive cumulative snapshots of a run. `push` returns the group the row closes (or
 * nothing); `end` returns the last open group.
 */
export class FlushSnapshots<T> {
  private open: (PendingRow<T> & { rows: number; firstIndex: number }) | null = null;

  push(row: PendingRow<T>): SnapshotGroup<T>[] {
    const open = this.open;
    if (open && row.key !== null && row.key === open.key && continues(open, row)) {
      this.open = { ...row, rows: open.rows + 1, firstIndex: open.firstIndex };
      return [];
    }
    const closed = this.end();
    this.open = { ...row, rows: 1, firstIndex: row.index };
    return closed;
  }

  end(): SnapshotGroup<T>[] {
    const open = this.open;
    this.open = null;
    return open
      ? [{ index: open.index, value: open.value, rows: open.rows, firstIndex: open.firstIndex }]
      : [];
  }
}

/** The next row extends the run: neither duration nor (where both are known) energy decreases. */
function continues(previous: PendingRow<unknown>, next: PendingRow<unknown>): boolean {
  if (!(next.durationSeconds >= previous.durationSeconds)) return false;
  if (Number.isNaN(previous.energyKwh) || Number.isNaN(next.energyKwh)) return true;
  return next.energyKwh >= previous.energyKwh;
}
