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
