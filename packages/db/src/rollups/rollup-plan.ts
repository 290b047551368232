/**
 * Which EmissionsRollup rows and which raw estimates serve an aggregation
 * (docs/adr/0080-emissions-rollup.md).
 *
 * The period [fromUtc, toUtc) is cut at the requested time buckets' boundaries (local midnights,
 * Mondays, first days of months in the requested time zone, computed by Postgres); each piece
 * lies in one bucket of every grouped time dimension. A piece is the sum of whole UTC months and
 * days (rollup rows) plus or minus the estimates of its edge hours, read from the Estimate table:
 * Paris' 2024-03-01 (23:00Z Feb 29 to 23:00Z Mar 1) is the estimates of 23:00-24:00Z Feb 29, plus
 * the UTC day Mar 1, minus the estimates of 23:00-24:00Z Mar 1. At each edge the cheaper side is
 * taken (fewer hours of estimates). Rows and estimates that lie outside their piece (the UTC day
 * Mar 1 starts before Paris' Mar 2; the subtracted hour is in Paris' Mar 2) carry the piece's
 * start as their `anchorUtc`: they are bucketed at that instant, not at their own.
 *
 * Every cut must be on a whole UTC hour, as the rule was when the rollup had an hour grain: a
 * time zone with a non-whole-hour offset at a boundary (Asia/Kolkata +05:30) or a period not on
 * whole hours is served by the raw query (`planRollupRanges` returns null).
 */
import type { RollupGrain } from "./emissions-rollup.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Rollup rows of one grain whose bucket starts in [fromUtc, toUtc). */
export interface RollupRange {
  grain: RollupGrain;
  fromUtc: Date;
  toUtc: Date;
  /** The instant the rows are bucketed at; null: each row at its own bucket start. */
  anchorUtc: Date | null;
}

/** Current estimates starting in [fromUtc, toUtc), added (+1) or subtracted (-1) at `anchorUtc`. */
export interface RawRange {
  fromUtc: Date;
  toUtc: Date;
  sign: 1 | -1;
  anchorUtc: Date;
}

/** The rollup rows and edge estimates whose signed sum is the period's. */
export interface RollupPlan {
  rollup: RollupRange[];
  raw: RawRange[];
}

const isWholeHour = (ms: number) => ms % HOUR_MS === 0;
const utcDayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
const nextUtcMonth = (ms: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
};
const isUtcMonthStart = (ms: number) => ms % DAY_MS === 0 && new Date(ms).getUTCDate() === 1;

/** Cover [from, to) (UTC midnights) by the fewest month and day rows, merged where they touch. */
function coverDays(from: number, to: number, anchor: number | null, out: RollupRange[]): void {
  for (let cur = from; cur < to; ) {
    const monthEnd = nextUtcMonth(cur);
    const grain: RollupGrain = isUtcMonthStart(cur) && monthEnd <= to ? "month" : "day";
    const next = grain === "month" ? monthEnd : cur + DAY_MS;
    const last = out.at(-1);
    if (
      last?.grain === grain &&
      last.toUtc.getTime() === cur &&
      (last.anchorUtc?.getTime() ?? null) === anchor
    ) {
      last.toUtc = new Date(next);
    } else {
      out.push({
        grain,
        fromUtc: new Date(cur),
        toUtc: new Date(next),
        anchorUtc: anchor === null ? null : new Date(anchor),
      });
    }
    cur = next;
  }
}

/** Plan one piece [a, b) of whole hours that lies in one requested bucket. */
function planPiece(a: number, b: number, plan: RollupPlan): void {
  const raw = (from: number, to: number, sign: 1 | -1) => {
    if (from < to) {
      plan.raw.push({ fromUtc: new Date(from), toUtc: new Date(to), sign, anchorUtc: new Date(a) });
    }
  };
  const dayA = utcDayStart(a);
  const dayB = utcDayStart(b);
  if (dayA === dayB && a !== dayA) {
    // Inside one UTC day: its hours, or the day minus the hours around it.
    if (b - a <= DAY_MS - (b - a)) {
      raw(a, b, 1);
    } else {
      raw(dayA, a, -1);
      raw(b, dayA + DAY_MS, -1);
      coverDays(dayA, dayA + DAY_MS, a, plan.rollup);
    }
    return;
  }
  let from = a;
  if (a !== dayA && dayA + DAY_MS - a > a - dayA) {
    raw(dayA, a, -1); // the day a falls in, minus its hours before a
    from = dayA;
  } else if (a !== dayA) {
    raw(a, dayA + DAY_MS, 1);
    from = dayA + DAY_MS;
  }
  let to = b;
  if (b !== dayB && b - dayB > dayB + DAY_MS - b) {
    raw(b, dayB + DAY_MS, -1); // the day b falls in, minus its hours from b
    to = dayB + DAY_MS;
  } else if (b !== dayB) {
    raw(dayB, b, 1);
    to = dayB;
  }
  coverDays(from, to, from < a ? a : null, plan.rollup);
}

/**
 * The rollup rows and edge estimates that sum to the period, or null when the rollup cannot
 * serve it.
 * @param boundariesUtc instants where a requested time bucket starts, strictly inside the
 *   period (any order; empty when no time dimension is grouped).
 */
export function planRollupRanges(
  fromUtc: Date,
  toUtc: Date,
  boundariesUtc: readonly Date[],
): RollupPlan | null {
  const cuts = [...new Set(boundariesUtc.map((b) => b.getTime()))].sort((a, b) => a - b);
  const points = [fromUtc.getTime(), ...cuts, toUtc.getTime()];
  if (!points.every(isWholeHour)) return null;
  const plan: RollupPlan = { rollup: [], raw: [] };
  for (let i = 0; i + 1 < points.length; i++) {
    planPiece(points[i] as number, points[i + 1] as number, plan);
  }
  return plan;
}
