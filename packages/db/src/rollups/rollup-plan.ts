/**
 * Which EmissionsRollup rows serve an aggregation (docs/adr/0080-emissions-rollup.md).
 *
 * The period [fromUtc, toUtc) is cut at the requested time buckets' boundaries (local midnights,
 * Mondays, first days of months in the requested time zone, computed by Postgres); each piece
 * lies in one bucket of every grouped time dimension. A piece is covered by whole UTC months,
 * then whole UTC days, then UTC hours, so a rollup row (one UTC hour, day or month) always lies
 * in one requested bucket. That needs every cut on a whole UTC hour: a time zone with a
 * non-whole-hour offset at a boundary (Asia/Kolkata +05:30) or a period not on whole hours
 * cannot be served (`planRollupRanges` returns null: the raw query runs).
 */
import type { RollupGrain } from "./emissions-rollup.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Rollup rows of one grain whose bucket starts in [fromUtc, toUtc). */
export interface RollupRange {
  grain: RollupGrain;
  fromUtc: Date;
  toUtc: Date;
}

const isWholeHour = (ms: number) => ms % HOUR_MS === 0;
const isUtcDayStart = (ms: number) => ms % DAY_MS === 0;
const nextUtcMonth = (ms: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
};
const isUtcMonthStart = (ms: number) => isUtcDayStart(ms) && new Date(ms).getUTCDate() === 1;

/** Cover [from, to) (whole hours) by the fewest month, day and hour buckets, in order. */
function coverPiece(from: number, to: number, out: RollupRange[]): void {
  let cur = from;
  while (cur < to) {
    let grain: RollupGrain = "hour";
    let next = cur + HOUR_MS;
    if (isUtcMonthStart(cur) && nextUtcMonth(cur) <= to) {
      grain = "month";
      next = nextUtcMonth(cur);
    } else if (isUtcDayStart(cur) && cur + DAY_MS <= to) {
      grain = "day";
      next = cur + DAY_MS;
    }
    const last = out.at(-1);
    if (last && last.grain === grain && last.toUtc.getTime() === cur) last.toUtc = new Date(next);
    else out.push({ grain, fromUtc: new Date(cur), toUtc: new Date(next) });
    cur = next;
  }
}

/**
 * The rollup ranges that sum to the period, or null when the rollup cannot serve it.
 * @param boundariesUtc instants where a requested time bucket starts, strictly inside the
 *   period (any order; empty when no time dimension is grouped).
 */
export function planRollupRanges(
  fromUtc: Date,
  toUtc: Date,
  boundariesUtc: readonly Date[],
): RollupRange[] | null {
  const cuts = [...new Set(boundariesUtc.map((b) => b.getTime()))].sort((a, b) => a - b);
  const points = [fromUtc.getTime(), ...cuts, toUtc.getTime()];
  if (!points.every(isWholeHour)) return null;
  const ranges: RollupRange[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    coverPiece(points[i] as number, points[i + 1] as number, ranges);
  }
  return ranges;
}
