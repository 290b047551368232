/** Report periods: calendar months "YYYY-MM", cut in an organization's reporting time zone. */
import { z } from "zod";

/** "YYYY-MM" with a month 01..12. */
export const reportPeriodSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month in YYYY-MM form, e.g. 2024-07");

/** "YYYY-MM" of the month before the one containing `instant` in `timezone` (IANA name). */
export function previousMonth(instant: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    year: "numeric",
    month: "numeric",
  }).formatToParts(instant);
  const year = Number(parts.find((p) => p.type === "year")?.value);
  const month = Number(parts.find((p) => p.type === "month")?.value);
  const prevYear = month === 1 ? year - 1 : year;
  const prevMonth = month === 1 ? 12 : month - 1;
  return `${prevYear}-${String(prevMonth).padStart(2, "0")}`;
}

/** Calendar days of "YYYY-MM", as "YYYY-MM-DD". */
export function daysOfMonth(period: string): string[] {
  const [year, month] = period.split("-").map(Number) as [number, number];
  const count = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${period}-${String(i + 1).padStart(2, "0")}`);
}

/** "YYYY-MM" of the month `offset` months from `period` (offset may be negative). */
export function shiftMonth(period: string, offset: number): string {
  const [year, month] = period.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(year, month - 1 + offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}
