/**
 * Numbers and instants for the browser's locale (Intl, `undefined` locale = the browser's), each
 * with its unit. Units follow the API's field names: kWh, kgCO2e, L, gCO2e/kWh, gCO2e, mL.
 */

/** Significant digits shown for estimates: their ranges span tens of percent, more is noise. */
const SIGNIFICANT_DIGITS = 4;

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(options: Intl.NumberFormatOptions, locale?: string): Intl.NumberFormat {
  const key = `${locale ?? ""}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** e.g. 1234.5678 -> "1,235" (en-US), "1 235" (fr-FR); at most 4 significant digits. */
export function formatQuantity(value: number, locale?: string): string {
  return numberFormat({ maximumSignificantDigits: SIGNIFICANT_DIGITS }, locale).format(value);
}

/** e.g. (167.8, "kgCO2e") -> "167.8 kgCO2e". */
export function formatWithUnit(value: number, unit: string, locale?: string): string {
  return `${formatQuantity(value, locale)} ${unit}`;
}

/** A count, grouped: 12345 -> "12,345". */
export function formatCount(value: number, locale?: string): string {
  return numberFormat({ maximumFractionDigits: 0 }, locale).format(value);
}

/** A 0..1 share as a percentage: 0.4321 -> "43.2%". */
export function formatShare(value: number, locale?: string): string {
  return numberFormat({ style: "percent", maximumFractionDigits: 1 }, locale).format(value);
}

/** "low – high unit", e.g. "120 – 210 kgCO2e". */
export function formatRange(low: number, high: number, unit: string, locale?: string): string {
  return `${formatQuantity(low, locale)} – ${formatQuantity(high, locale)} ${unit}`;
}

/** An RFC 3339 instant in UTC, e.g. "Jul 6, 2024, 17:01 UTC" (en-US). */
export function formatInstant(iso: string, locale?: string): string {
  const format = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
    hourCycle: "h23",
  });
  return `${format.format(new Date(iso))} UTC`;
}
