/**
 * Several rows of one CodeCarbon run: `EmissionsTracker.flush()` appends a row of the run's
 * CUMULATIVE totals since `start()` (same `run_id`, growing `duration` and `energy_consumed`), and
 * `stop()` appends the final one; in "append" mode (the default) all of them stay in
 * `emissions.csv` (mlco2/codecarbon `emissions_tracker.py` `flush` -> `_persist_data`;
 * `output_methods/file.py`). In 2.x task mode `start_task()` also restarts the tracker's clock
 * (`self._start_time`), so the rows written after tasks carry the time since the last task began
 * while `energy_consumed` stays the run's total. Several trackers can append to one file, so the
 * rows of different runs interleave. Read as separate runs, all of these count a run many times
 * over (a 2-run task-mode log: 4,452.8 kWh for 6.27 kWh).
 *
 * Rows with the same `run_id` (pre-2.0 files: `experiment_id`) and `task_name` whose energy never
 * decreases are one run, read from its last row; when the duration restarted along the way, the
 * run's duration is the span from the first row's start (its timestamp minus its duration) to the
 * last row's timestamp. A row with less energy but the run's start (within a second) is an
 * earlier snapshot written late, folded in without replacing the latest. Up to `MAX_OPEN_RUNS`
 * runs are followed at once (interleaved writers);
 * the least recently continued is closed beyond that. Task rows of one run_id (different
 * `task_name`) are separate measurements; rows without an id never merge.
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
  /** The written (naive) timestamp read as UTC, ms; NaN when not readable. */
  endMs: number;
  value: T;
}

/** The row standing for a run: the last snapshot, with how many rows it stands for. */
export interface SnapshotGroup<T> {
  index: number;
  value: T;
  /** Rows merged into this one (1: no snapshots). */
  rows: number;
  /** Index of the group's first row. */
  firstIndex: number;
  /**
   * The run's duration when a row's duration restarted (2.x task mode): the last timestamp minus
   * the first row's start, s; null otherwise (the last row's duration stands).
   */
  spanSeconds: number | null;
}

/** Runs followed at once; beyond it the least recently continued one is closed. */
export const MAX_OPEN_RUNS = 64;

interface OpenRun<T> {
  last: PendingRow<T>;
  rows: number;
  firstIndex: number;
  firstStartMs: number;
  restarted: boolean;
}

/**
 * Groups the rows of each run. `push` returns the groups the row closes (none, or a finished
 * run's); `end` returns the groups still open, oldest first.
 */
export class FlushSnapshots<T> {
  /** Open runs by key, least recently continued first (Map keeps insertion order). */
  private readonly open = new Map<string, OpenRun<T>>();

  push(row: PendingRow<T>): SnapshotGroup<T>[] {
    if (row.key === null) return [close(start(row))];
    const closed: SnapshotGroup<T>[] = [];
    const run = this.open.get(row.key);
    this.open.delete(row.key);
    if (run && continues(run.last, row)) {
      run.restarted ||= row.durationSeconds < run.last.durationSeconds;
      run.last = row;
      run.rows += 1;
      this.open.set(row.key, run);
      return closed;
    }
    if (run && sameStart(run.last, row)) {
      // an earlier snapshot of the run written after a later one (several writers on one file):
      // the run's totals stay those of its latest snapshot
      run.rows += 1;
      this.open.set(row.key, run);
      return closed;
    }
    if (run) closed.push(close(run));
    this.open.set(row.key, start(row));
    if (this.open.size > MAX_OPEN_RUNS) {
      const [oldest] = this.open.keys();
      closed.push(close(this.open.get(oldest as string) as OpenRun<T>));
      this.open.delete(oldest as string);
    }
    return closed;
  }

  end(): SnapshotGroup<T>[] {
    const closed = [...this.open.values()].map(close);
    this.open.clear();
    return closed;
  }
}

function start<T>(row: PendingRow<T>): OpenRun<T> {
  const firstStartMs = row.endMs - row.durationSeconds * 1000;
  return { last: row, rows: 1, firstIndex: row.index, firstStartMs, restarted: false };
}

function close<T>(run: OpenRun<T>): SnapshotGroup<T> {
  const span = (run.last.endMs - run.firstStartMs) / 1000;
  return {
    index: run.last.index,
    value: run.last.value,
    rows: run.rows,
    firstIndex: run.firstIndex,
    spanSeconds: run.restarted && Number.isFinite(span) && span > 0 ? span : null,
  };
}

/**
 * Two snapshots of one run: the same start (timestamp minus duration) within
 * `SAME_START_TOLERANCE_MS`. CodeCarbon writes its timestamp to the second and the duration in
 * float seconds, so one run's snapshots agree on their start to within a second; a new run of
 * the same id starts when the previous one stopped, later.
 */
function sameStart(a: PendingRow<unknown>, b: PendingRow<unknown>): boolean {
  const startA = a.endMs - a.durationSeconds * 1000;
  const startB = b.endMs - b.durationSeconds * 1000;
  return Math.abs(startA - startB) <= SAME_START_TOLERANCE_MS;
}
/** CodeCarbon writes its timestamps to the whole second (every observed log): 1 s, plus margin. */
const SAME_START_TOLERANCE_MS = 1_500;

/**
 * The next row continues the run: its energy does not decrease, and (where the energy is not
 * known on both) neither does its duration.
 */
function continues(previous: PendingRow<unknown>, next: PendingRow<unknown>): boolean {
  if (Number.isNaN(previous.energyKwh) || Number.isNaN(next.energyKwh)) {
    return next.durationSeconds >= previous.durationSeconds;
  }
  if (next.energyKwh < previous.energyKwh) return false;
  return next.durationSeconds >= previous.durationSeconds || next.endMs >= previous.endMs;
}
