/**
 * The overview's period: a month, a quarter, a year or custom dates, in UTC, kept in the URL
 * (`?period=month&month=2024-07`, `quarter=2024-Q3`, `year=2024`, `from=2024-07-01&to=2024-07-31`
 * with `to` inclusive). Pure functions; `from`/`to` are the half-open instants [from, to) that
 * `emissions(period:)` and `runs(filter: {period})` take.
 */

export type PeriodKind = "month" | "quarter" | "year" | "custom";
export type TrendBucket = "MONTH" | "WEEK" | "DAY";

export interface Period {
  kind: PeriodKind;
  /** Start instant, RFC 3339 UTC. */
  from: string;
  /** End instant (exclusive), RFC 3339 UTC. */
  to: string;
  /** The URL parameters that select this period. */
  search: Record<string, string>;
}

const utc = (year: number, monthIndex: number, day = 1) =>
  new Date(Date.UTC(year, monthIndex, day)).toISOString();

const pad2 = (n: number) => String(n).padStart(2, "0");

/** "2024-07" of an instant, UTC. */
export function monthOf(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}`;
}

function monthPeriod(month: string): Period | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return null;
  const [year, mon] = [Number(m[1]), Number(m[2])];
  if (mon < 1 || mon > 12) return null;
  return {
    kind: "month",
    from: utc(year, mon - 1),
    to: utc(year, mon),
    search: { period: "month", month },
  };
}

function quarterPeriod(quarter: string): Period | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) return null;
  const [year, q] = [Number(m[1]), Number(m[2])];
  return {
    kind: "quarter",
    from: utc(year, (q - 1) * 3),
    to: utc(year, q * 3),
    search: { period: "quarter", quarter },
  };
}

function yearPeriod(year: string): Period | null {
  if (!/^\d{4}$/.test(year)) return null;
  const y = Number(year);
  return { kind: "year", from: utc(y, 0), to: utc(y + 1, 0), search: { period: "year", year } };
}

const DAY_MS = 86_400_000;

function customPeriod(from: string, to: string): Period | null {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(from) || !day.test(to)) return null;
  const start = Date.parse(`${from}T00:00:00Z`);
  const endInclusive = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(endInclusive) || endInclusive < start) return null;
  return {
    kind: "custom",
    from: new Date(start).toISOString(),
    to: new Date(endInclusive + DAY_MS).toISOString(),
    search: { period: "custom", from, to },
  };
}

/** The period the URL selects; `fallbackMonth` ("YYYY-MM") when it selects none or a bad one. */
export function periodFromSearch(params: URLSearchParams, fallbackMonth: string): Period {
  const kind = params.get("period");
  const chosen =
    kind === "quarter"
      ? quarterPeriod(params.get("quarter") ?? "")
      : kind === "year"
        ? yearPeriod(params.get("year") ?? "")
        : kind === "custom"
          ? customPeriod(params.get("from") ?? "", params.get("to") ?? "")
          : monthPeriod(params.get("month") ?? "");
  return chosen ?? (monthPeriod(fallbackMonth) as Period);
}

/** A period of `kind` containing the instant `at` (custom: that instant's month as dates). */
export function periodOfKind(kind: PeriodKind, at: string): Period {
  const d = new Date(at);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  switch (kind) {
    case "quarter":
      return quarterPeriod(`${year}-Q${Math.floor(month / 3) + 1}`) as Period;
    case "year":
      return yearPeriod(String(year)) as Period;
    case "custom": {
      const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
      const ym = `${year}-${pad2(month + 1)}`;
      return customPeriod(`${ym}-01`, `${ym}-${pad2(last)}`) as Period;
    }
    default:
      return monthPeriod(`${year}-${pad2(month + 1)}`) as Period;
  }
}

/** The trend's default bucket: days for a month or custom dates, weeks for a quarter, else months. */
export function defaultBucket(kind: PeriodKind): TrendBucket {
  if (kind === "year") return "MONTH";
  if (kind === "quarter") return "WEEK";
  return "DAY";
}

/** `from` / `to` as the Runs page's URL parameters (instants). */
export function runsSearch(
  period: { from: string; to: string },
  extra: Record<string, string> = {},
) {
  return new URLSearchParams({ from: period.from, to: period.to, ...extra }).toString();
}
