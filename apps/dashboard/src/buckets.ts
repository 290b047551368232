/**
 * Trend buckets of `emissions(groupBy: MONTH | WEEK | DAY, timezone: "UTC")` back to the
 * half-open UTC instants they cover, so each bar links to the runs behind it. Keys:
 * "2024-07" (month), "2024-W27" (ISO 8601 week: Monday start, week 1 holds 4 January),
 * "2024-07-05" (day).
 */
const DAY_MS = 86_400_000;

export function bucketPeriod(key: string): { from: string; to: string } | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (m) {
    const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return { from: new Date(start).toISOString(), to: new Date(start + DAY_MS).toISOString() };
  }
  m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (m) {
    const jan4 = Date.UTC(Number(m[1]), 0, 4);
    const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
    const start = mondayOfWeek1 + (Number(m[2]) - 1) * 7 * DAY_MS;
    return { from: new Date(start).toISOString(), to: new Date(start + 7 * DAY_MS).toISOString() };
  }
  m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) {
    const [y, mon] = [Number(m[1]), Number(m[2])];
    return {
      from: new Date(Date.UTC(y, mon - 1, 1)).toISOString(),
      to: new Date(Date.UTC(y, mon, 1)).toISOString(),
    };
  }
  return null;
}
