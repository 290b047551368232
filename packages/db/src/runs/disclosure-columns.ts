/**
 * The disclosure columns of `FineTuneRun`, declared once: one entry per field of the estimator's
 * `runDisclosureSchema` with the Postgres type used to pass it. The `satisfies` clause makes a
 * field added to the schema without a column (or a column without a field) a compile error; the
 * intake upsert and the estimation claim both build their SQL from this list, and
 * `disclosure-columns.int.test.ts` checks it against the table's actual columns.
 */
import type { RunDisclosure } from "@finetrace/estimator";

/** Postgres array element type per disclosure field (unnest parameters, casts). */
export const DISCLOSURE_COLUMN_TYPES = {
  baseModel: "text",
  baseModelParameterCount: "bigint",
  fineTuningMethod: "text",
  startTime: "timestamptz",
  reservedDurationHours: "float8",
  gpuHours: "float8",
  gpuUtilizationFraction: "float8",
  cpuUtilizationFraction: "float8",
  tokensIncludingPadding: "bigint",
  measuredEnergyKwh: "float8",
  managedService: "text",
  cloudProvider: "text",
  cloudRegion: "text",
  gridZone: "text",
  countryCode: "text",
  gpuModel: "text",
  serverModel: "text",
  gpuCount: "int4",
  serverCount: "int4",
  pue: "float8",
  wueLitersPerKwh: "float8",
  useLifeDays: "float8",
  inferencesPerDay: "float8",
  chainId: "text",
  method: "text",
  inputProvenance: "jsonb",
} as const satisfies Record<
  keyof RunDisclosure,
  "text" | "bigint" | "int4" | "float8" | "timestamptz" | "jsonb"
>;

export type DisclosureColumn = keyof typeof DISCLOSURE_COLUMN_TYPES;

/** Every disclosure column, in declaration order. */
export const DISCLOSURE_COLUMNS = Object.keys(DISCLOSURE_COLUMN_TYPES) as DisclosureColumn[];

/** bigint columns travel as text (exact) and come back as JS numbers (counts < 2^53). */
export const isBigintColumn = (c: DisclosureColumn): boolean =>
  DISCLOSURE_COLUMN_TYPES[c] === "bigint";

/** A disclosure field's value as a query parameter (null = not disclosed; jsonb as its text). */
export function toColumnValue(d: RunDisclosure, column: DisclosureColumn): unknown {
  const v = d[column];
  if (v === undefined) return null;
  if (typeof v === "number" && isBigintColumn(column)) return String(v);
  if (DISCLOSURE_COLUMN_TYPES[column] === "jsonb") return JSON.stringify(v);
  return v;
}

/** A row of disclosure columns (bigints selected as text) back to a RunDisclosure. */
export function fromColumnRow(row: Record<DisclosureColumn, unknown>): RunDisclosure {
  const out: Record<string, unknown> = {};
  for (const column of DISCLOSURE_COLUMNS) {
    const value = row[column];
    if (value === null || value === undefined) continue;
    if (value instanceof Date) out[column] = value.toISOString();
    else if (isBigintColumn(column)) out[column] = Number(value);
    else out[column] = value;
  }
  return out as RunDisclosure;
}

/** SELECT list of the disclosure columns of alias `r` (bigints as text). */
export const disclosureSelectList = (alias: string): string =>
  DISCLOSURE_COLUMNS.map((c) =>
    isBigintColumn(c) ? `${alias}."${c}"::text AS "${c}"` : `${alias}."${c}"`,
  ).join(", ");
