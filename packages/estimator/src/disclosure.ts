/**
 * The run disclosure: what an organization tells us about one fine-tuning run.
 *
 * Fields follow the disclosure table of the fine-tuning methodology (Scope3, "Fine-tuning":
 * infrastructure, operational and usage data; METHODOLOGY.md section 1). Every field is optional
 * except `baseModel`, because real disclosures are incomplete; `normalizeDisclosure` fills the
 * gaps and records why. Units are part of every numeric field's name.
 *
 * Errors: `parseDisclosure` throws `DisclosureValidationError` whose `issues` name each bad field
 * by its path (e.g. `gpuUtilizationFraction`) and say what is wrong.
 */
// The library without its 78 locales (entry-node.js loads them all: ~2 MB of heap per thread);
// English names only, registered once.
import countries from "i18n-iso-countries/index.js";
import englishCountryNames from "i18n-iso-countries/langs/en.json" with { type: "json" };
import { z } from "zod";
import { DisclosureValidationError } from "./errors.js";

const MS_PER_MINUTE = 60_000;
/**
 * Written form of an ISO 8601 / RFC 3339 timestamp with offset: date, "T" or a space (RFC 3339
 * s.5.6 allows it; Postgres prints timestamptz so), time (seconds optional), offset `Z`, `+hh:mm`,
 * `+hhmm` or `+hh` (ISO 8601's hour-only offset, Postgres's `+02`).
 */
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|([+-])(\d{2})(?::?(\d{2}))?)$/i;

/** Epoch ms of a UTC wall time; unlike `Date.UTC`, years 0-99 are not read as 1900-1999. */
function utcWallMs(year: number, month: number, day: number, hour = 0, minute = 0, s = 0, ms = 0) {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, s, ms));
  return date.setUTCFullYear(year);
}
/** First and last instant of years 0001..9999 UTC: the range whose canonical form is 4-digit. */
const MIN_MS = utcWallMs(1, 1, 1);
const MAX_MS = utcWallMs(9999, 12, 31, 23, 59, 59, 999);

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parse an ISO 8601 timestamp with an explicit offset (`Z`, `+hh:mm`, `+hhmm` or `+hh`; "T" or a
 * space between date and time, as `ISO_WITH_OFFSET` says) strictly: every
 * written field must exist on the calendar (month 01-12, day within its month incl. leap years,
 * hour 00-23, minute and second 00-59, offset hours 00-23 and minutes 00-59, year >= 0001), and
 * the UTC instant must fall within years 0001-9999. `Date.parse` is lenient (it rolls
 * `2024-02-30` over to March 1 and reads hour 24 as the next day), so it is not used.
 * Fractional seconds are truncated to milliseconds, as `Date.parse` does.
 * @returns epoch milliseconds, or NaN when the string is not such a timestamp.
 */
export function parseIsoTimestampMs(s: string): number {
  const m = ISO_WITH_OFFSET.exec(s);
  if (!m) return Number.NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, "0"));
  const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  if (
    year < 1 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    offsetHours > 23 ||
    offsetMinutes > 59
  ) {
    return Number.NaN;
  }
  const sign = m[9] === "-" ? -1 : 1;
  const utcMs =
    utcWallMs(year, month, day, hour, minute, second, ms) -
    sign * (offsetHours * 60 + offsetMinutes) * MS_PER_MINUTE;
  return utcMs >= MIN_MS && utcMs <= MAX_MS ? utcMs : Number.NaN;
}

/**
 * The canonical UTC form of a timestamp accepted by `parseIsoTimestampMs`:
 * `new Date(ms).toISOString()`, e.g. "2024-07-01T02:00:00+02:00" -> "2024-07-01T00:00:00.000Z".
 * It is what Postgres `timestamptz` read back through `Date#toISOString` gives, so a disclosure
 * read from a file and the same one read from the database are identical.
 * @throws RangeError when `s` is not a valid timestamp with offset (validate first).
 */
export function canonicalUtcTimestamp(s: string): string {
  const ms = parseIsoTimestampMs(s);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO 8601 timestamp with offset: ${s}`);
  return new Date(ms).toISOString();
}

const NAIVE_TIMESTAMP_MESSAGE =
  "must be an ISO 8601 timestamp with an offset, e.g. 2024-07-06T17:01:00Z or 2024-07-06T10:01:00-07:00 (a naive timestamp is ambiguous)";
const CALENDAR_MESSAGE =
  "is not a valid calendar date/time (month 01-12, day within the month, hour 00-23, minute and second 00-59, year 0001-9999 in UTC)";

/**
 * A date with no time of day ("2022-03-11", "2024-05"), as model cards and papers write it: the
 * estimate prices the start hour (METHODOLOGY.md s.5), so the hour must be given or imputed.
 */
const DATE_ONLY = /^\d{4}-\d{2}(-\d{2})?$/;
const dateOnlyMessage = (s: string) =>
  `"${s}" is a date without a time of day: the grid intensity is taken at the start hour, so give the time and offset (e.g. ${s.length === 7 ? `${s}-01` : s}T00:00:00Z), or leave startTime out (imputed from a known base model's release date)`;

/** Why `s` is not a timestamp `parseIsoTimestampMs` accepts: its written form, or its calendar. */
function timestampProblem(s: string): string {
  if (ISO_WITH_OFFSET.test(s)) return CALENDAR_MESSAGE;
  return DATE_ONLY.test(s.trim()) ? dateOnlyMessage(s.trim()) : NAIVE_TIMESTAMP_MESSAGE;
}

/**
 * ISO 8601 timestamp that carries an explicit offset (`Z` or `+hh:mm`); naive times are
 * ambiguous. Strict calendar check: see `parseIsoTimestampMs`. Output: the string as written.
 * One issue per bad value: the written form's, else the calendar's.
 */
export const isoTimestampWithOffset = z.string().superRefine((s, ctx) => {
  if (Number.isNaN(parseIsoTimestampMs(s))) {
    ctx.addIssue({ code: "custom", message: timestampProblem(s) });
  }
});

/**
 * Whether `s`, already accepted by `parseIsoTimestampMs`, is written in the canonical UTC form
 * "YYYY-MM-DDTHH:MM:SS.sssZ" (24 characters, seconds and milliseconds present, offset "Z"):
 * then it is what `new Date(ms).toISOString()` would write.
 */
function isCanonicalUtc(s: string): boolean {
  return s.length === 24 && s[10] === "T" && s[19] === "." && s[23] === "Z";
}

/**
 * `isoTimestampWithOffset`, output in canonical UTC (`canonicalUtcTimestamp`). Parsed once per
 * value (it is on every record's path: a million-record file parses a million timestamps), and
 * formatted only when not written canonically already (`toISOString` is the transform's costliest
 * step: a disclosure validates in 5.95 instead of 6.21 µs without it, best of 20 rounds).
 */
export const utcTimestamp = z.string().transform((s, ctx) => {
  const ms = parseIsoTimestampMs(s);
  if (!Number.isNaN(ms)) return isCanonicalUtc(s) ? s : new Date(ms).toISOString();
  ctx.addIssue({ code: "custom", message: timestampProblem(s) });
  return z.NEVER;
});

const finite = (what: string) =>
  z.number({ error: `must be a number (${what})` }).refine(Number.isFinite, {
    message: "must be a finite number (NaN and Infinity are rejected)",
  });
const positive = (what: string, max: number, hint = "") =>
  finite(what)
    .refine((n) => n > 0, { message: "must be > 0" })
    .refine((n) => n <= max, {
      message: `must be at most ${max.toLocaleString("en-US")} (${what})${hint}`,
    });
const nonNegativeInt = (what: string, max: number) =>
  finite(what)
    .refine((n) => Number.isInteger(n) && n >= 0, { message: "must be an integer >= 0" })
    .refine((n) => n <= max, {
      message: `must be at most ${max.toLocaleString("en-US")} (${what})`,
    });
const positiveInt = (what: string, max: number) =>
  finite(what)
    .refine((n) => Number.isInteger(n) && n > 0, { message: "must be a positive integer" })
    .refine((n) => n <= max, {
      message: `must be at most ${max.toLocaleString("en-US")} (${what})`,
    });

/**
 * Upper bounds of the disclosure's numbers. They keep every value, and every quantity computed
 * from it, inside the storable range of its Postgres column (FineTuneRun / Estimate in
 * prisma/schema.prisma: useLifeDays NUMERIC(16,6) < 10^10, counts int4 < 2^31, quantities
 * NUMERIC(28,9) < 10^19, timestamps <= year 9999) and inside physical sense; a value beyond
 * one is an input mistake, rejected with the field named rather than stored wrong or failing a
 * whole batch later. Each bound is far above the largest published run: BLOOM 176B 1,082,990
 * GPU-hours on 384 GPUs (Luccioni et al. 2022), Llama 3.1 405B 30.84 M GPU-hours on 16,384 GPUs
 * (Meta model card), 15.6 T tokens (Llama 3 model card), 1.8 T parameters (largest reported).
 */
export const DISCLOSURE_MAXIMUMS = {
  /** 100 years of reservation (876,000 h); with a start in 0001..9999 the end stays storable. */
  reservedDurationHours: 876_000,
  /** 10^10 GPU-hours (about 300x Llama 3.1 405B's 30.84 M); float8. */
  gpuHours: 1e10,
  /** 10^15 parameters (about 500x the largest reported model). */
  baseModelParameterCount: 1e15,
  /** 10^15 tokens (about 60x Llama 3's 15.6 T pre-training tokens). */
  tokensIncludingPadding: 1e15,
  /** 1 TWh of IT energy (about 2,000x BLOOM's 433 MWh training). */
  measuredEnergyKwh: 1e9,
  /** 10 million GPUs and servers: int4 columns, far above any cluster. */
  gpuCount: 10_000_000,
  serverCount: 10_000_000,
  /** 100 years of use life (36,500 days): NUMERIC(16,6) holds < 10^10. */
  useLifeDays: 36_500,
  /** 10^13 inferences a day (x 36,500 days stays < 10^18, NUMERIC(24,6)). */
  inferencesPerDay: 1e13,
} as const;
const MAX = DISCLOSURE_MAXIMUMS;
/**
 * Largest disclosed WUE, L/kWh: about 11x the US average of 1.8 L/kWh (LBNL 2016 US Data Center
 * Energy Usage Report, METHODOLOGY.md s.6), a plausibility bound: a value beyond it is a unit
 * mistake (mL, gallons per MWh). The CodeCarbon reader uses it to tell a water/energy ratio from
 * rounding noise on a tiny energy.
 */
export const MAX_WUE_LITERS_PER_KWH = 20;
/** 9999-12-31T23:59:59.999Z: the last instant a 4-digit ISO 8601 year (and Postgres) holds. */
const LAST_STORABLE_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const fraction = (what: string) =>
  finite(what).refine((n) => n >= 0 && n <= 1, {
    message: "must be a fraction between 0 and 1 (e.g. 0.47 for 47 %)",
  });

/**
 * Why a text cannot be stored or compared as written, or null: a NUL character (Postgres text
 * cannot hold U+0000) or a lone UTF-16 surrogate (not Unicode: Postgres would store U+FFFD and
 * the value read back would differ from the one submitted).
 */
export function textProblem(s: string): string | null {
  if (s.includes("\u0000")) return "must not contain a NUL character (U+0000)";
  if (LONE_SURROGATE.test(s)) return "must be valid Unicode (it contains a lone UTF-16 surrogate)";
  return null;
}
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A trimmed, non-empty text of at most `max` characters, storable as written (`textProblem`).
 * Used by the disclosure schema and by every other intake of user text (e.g. usage modelKey).
 */
export const storableText = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? "is required" : "must be a string") })
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .superRefine((s, ctx) => {
      const problem = textProblem(s);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

/** How the base model was fine-tuned; drives the FLOPs-per-token factor k (METHODOLOGY.md s.4). */
export const fineTuningMethods = ["full", "lora", "qlora", "adapter", "prompt-tuning"] as const;
export type FineTuningMethod = (typeof fineTuningMethods)[number];

/**
 * A CPU-only run (gpuCount 0) names no GPU and no managed service (whose instances all have
 * GPUs): either would contradict the count. Issues on `gpuModel` / `managedService`.
 */
function cpuOnlyConsistency(
  d: { gpuCount?: number; gpuModel?: string; managedService?: string },
  ctx: z.RefinementCtx,
): void {
  if (d.gpuCount !== 0) return;
  for (const field of ["gpuModel", "managedService"] as const) {
    if (d[field] === undefined) continue;
    ctx.addIssue({
      code: "custom",
      path: [field],
      message: "must be absent when gpuCount is 0 (a CPU-only run has no accelerator)",
    });
  }
}

/**
 * `gpuHours` agrees with `gpuCount` x `reservedDurationHours` when all three are disclosed (to
 * 1 %, the rounding of published figures: "3.3M GPU hours"), and is absent on a CPU-only run.
 * Issues on `gpuHours`.
 */
function gpuHoursConsistency(
  d: { gpuHours?: number; gpuCount?: number; reservedDurationHours?: number },
  ctx: z.RefinementCtx,
): void {
  if (d.gpuHours === undefined || d.gpuCount === undefined) return;
  const problem =
    d.gpuCount === 0
      ? "must be absent when gpuCount is 0 (a CPU-only run has no GPU-hours)"
      : d.reservedDurationHours !== undefined &&
          Math.abs(d.gpuHours - d.gpuCount * d.reservedDurationHours) > 0.01 * d.gpuHours
        ? `does not match gpuCount x reservedDurationHours = ${d.gpuCount} x ${d.reservedDurationHours} = ${d.gpuCount * d.reservedDurationHours} (1 % allowed); give two of the three`
        : null;
  if (problem) ctx.addIssue({ code: "custom", path: ["gpuHours"], message: problem });
}

/**
 * Each `inputProvenance` entry names a field that is disclosed, at most once. Issues on
 * `inputProvenance.<i>.field`.
 */
function inputProvenanceConsistency(
  d: { inputProvenance?: { field: InputProvenanceField }[] } & Record<string, unknown>,
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  d.inputProvenance?.forEach((entry, i) => {
    const path = ["inputProvenance", i, "field"];
    if (seen.has(entry.field)) {
      ctx.addIssue({ code: "custom", path, message: `"${entry.field}" appears more than once` });
    } else if (d[entry.field] === undefined) {
      ctx.addIssue({ code: "custom", path, message: `"${entry.field}" is not disclosed` });
    }
    seen.add(entry.field);
  });
}

/**
 * Estimation method of a run (METHODOLOGY.md): "finetrace" (s.3-7, the default when absent) or
 * "strubell2019" (s.8: Strubell, Ganesh, McCallum 2019 eq. 1-2, for comparison with the paper).
 */
export const estimationMethods = ["finetrace", "strubell2019"] as const;
export type EstimationMethod = (typeof estimationMethods)[number];

export const cloudProviders = ["aws", "gcp", "azure"] as const;
export type CloudProvider = (typeof cloudProviders)[number];

/**
 * The provider names users copy from model cards and papers (case-insensitive, e.g. "AWS",
 * "Google Cloud", "Microsoft Azure"; the Hugging Face model-card `co2_eq_emissions.cloud_provider`
 * field is free text) -> the provider id.
 */
const CLOUD_PROVIDER_NAMES: ReadonlyMap<string, CloudProvider> = new Map([
  ...(["aws", "amazon web services", "amazon", "amazon aws"] as const).map(
    (n) => [n, "aws"] as const,
  ),
  ...(["gcp", "google cloud", "google cloud platform", "google"] as const).map(
    (n) => [n, "gcp"] as const,
  ),
  ...(["azure", "microsoft azure", "microsoft"] as const).map((n) => [n, "azure"] as const),
]);

/** `cloudProviders` id of a provider name as written (`CLOUD_PROVIDER_NAMES`), else undefined. */
export function cloudProviderOfName(name: string): CloudProvider | undefined {
  return CLOUD_PROVIDER_NAMES.get(name.trim().toLowerCase().replace(/\s+/g, " "));
}

/**
 * A text read as the id it names (`read`), stored as that id; an issue `unknown(text)` when it
 * names none. `expected` is the message for a value that is not a string.
 */
function namedValue<T>(
  read: (text: string) => T | undefined,
  expected: string,
  unknown: (text: string) => string,
) {
  return z.string({ error: expected }).transform((s, ctx) => {
    const value = read(s);
    if (value !== undefined) return value;
    ctx.addIssue({ code: "custom", message: unknown(s) });
    return z.NEVER;
  });
}

const cloudProvider = namedValue(
  cloudProviderOfName,
  "must be a string: aws, gcp or azure",
  (s) =>
    `unknown provider "${s}": must be aws, gcp or azure (names such as "AWS", "Google Cloud" or "Microsoft Azure" are accepted)`,
);

countries.registerLocale(englishCountryNames);

/**
 * ISO 3166-1 alpha-2 code of a country as users write it: alpha-2 ("fr"), alpha-3 ("FRA", as
 * CodeCarbon writes it) or an English name ("France", "United States", "UK"), per the
 * i18n-iso-countries tables (ISO 3166-1 codes; English names from the Unicode CLDR), else
 * undefined (also for a two-letter code ISO 3166-1 does not assign, e.g. "XX").
 */
export function countryCodeOfName(name: string): string | undefined {
  const s = name.trim();
  if (/^[A-Za-z]{2}$/.test(s) && countries.isValid(s.toUpperCase())) return s.toUpperCase();
  if (/^[A-Za-z]{3}$/.test(s)) {
    const alpha2 = countries.alpha3ToAlpha2(s.toUpperCase());
    if (alpha2) return alpha2;
  }
  return countries.getAlpha2Code(s, "en");
}

const countryCode = namedValue(
  countryCodeOfName,
  "must be a string: an ISO 3166-1 alpha-2 code such as US or FR",
  (s) =>
    `unknown country "${s}": must be an ISO 3166-1 alpha-2 code such as US or FR (alpha-3 codes such as USA and English names such as France are accepted)`,
);

/** The disclosed fields, one schema each (every disclosure field but `inputProvenance`). */
const disclosedFieldShape = {
  // --- operational data ---
  /** Base model name as disclosed, e.g. "Llama 2" or "meta-llama/Llama-2-7b-hf". */
  baseModel: storableText(200),
  /** Parameters of the base model (count). Used to predict time from tokens (s.4). */
  baseModelParameterCount: positiveInt("parameters", MAX.baseModelParameterCount).optional(),
  fineTuningMethod: z.enum(fineTuningMethods).optional(),
  /**
   * Start of the reservation, ISO 8601 with offset on input; output in canonical UTC
   * ("2024-07-01T00:00:00.000Z", `canonicalUtcTimestamp`), as stored and used.
   */
  startTime: utcTimestamp.optional(),
  /** Total reserved (not active) time of the cluster, hours. */
  reservedDurationHours: positive(
    "hours",
    MAX.reservedDurationHours,
    // model cards publish compute as GPU-hours (Llama 2: 3.3M), which users copy here
    "; a total of GPU-hours (GPUs x hours) goes in gpuHours",
  ).optional(),
  /**
   * GPU-hours of the run (GPUs x reserved hours), as model cards and papers publish compute
   * ("3.3M GPU hours"). Without reservedDurationHours the hours are gpuHours / gpuCount; with
   * it, and no gpuCount, the GPUs are gpuHours / hours (METHODOLOGY.md s.2).
   */
  gpuHours: positive("GPU-hours", MAX.gpuHours).optional(),
  /** Average GPU utilization over the reservation, 0..1. */
  gpuUtilizationFraction: fraction("0..1").optional(),
  /** Average CPU utilization over the reservation, 0..1. */
  cpuUtilizationFraction: fraction("0..1").optional(),
  /** Tokens seen during fine-tuning including padding (Wang et al. 2023), count. */
  tokensIncludingPadding: positiveInt("tokens", MAX.tokensIncludingPadding).optional(),
  /** Energy measured by a meter or CodeCarbon (IT energy, kWh); replaces the power model. */
  measuredEnergyKwh: positive("kWh", MAX.measuredEnergyKwh).optional(),

  // --- infrastructure data ---
  /** Managed fine-tuning service, e.g. "aws-bedrock". */
  managedService: storableText(100).optional(),
  /** Cloud provider id, "aws" | "gcp" | "azure"; names as written are accepted (`cloudProviderOfName`). */
  cloudProvider: cloudProvider.optional(),
  /** Provider region id, e.g. "us-west-2", "us-west1", "westus2". */
  cloudRegion: storableText(100).optional(),
  /** Electricity Maps grid zone id (e.g. "US-NW-PACW") when the location is known exactly. */
  gridZone: storableText(64).optional(),
  /**
   * ISO 3166-1 alpha-2 country of the datacenter, e.g. "US", "FR"; alpha-3 codes and English names
   * are accepted and stored as alpha-2 (`countryCodeOfName`).
   */
  countryCode: countryCode.optional(),
  gpuModel: storableText(100).optional(),
  serverModel: storableText(100).optional(),
  /**
   * Total GPUs in the cluster (count). 0: a CPU-only run (no accelerator; METHODOLOGY.md s.3a),
   * which then has no gpuModel and no managedService.
   */
  gpuCount: nonNegativeInt("GPUs", MAX.gpuCount).optional(),
  /** Servers (nodes) in the cluster (count). */
  serverCount: positiveInt("servers", MAX.serverCount).optional(),
  /** Datacenter PUE when disclosed (>= 1). */
  pue: finite("PUE")
    .refine((n) => n >= 1 && n <= 3, { message: "must be between 1 and 3" })
    .optional(),
  /** Datacenter WUE when disclosed, liters of on-site water per kWh of IT energy. */
  wueLitersPerKwh: finite("L/kWh")
    .refine((n) => n >= 0 && n <= MAX_WUE_LITERS_PER_KWH, {
      message: `must be between 0 and ${MAX_WUE_LITERS_PER_KWH} L/kWh`,
    })
    .optional(),

  // --- usage data ---
  /** Expected use life of the fine-tuned model, days. */
  useLifeDays: positive("days", MAX.useLifeDays).optional(),
  /** Expected inferences per day (count, may be fractional as an average). */
  inferencesPerDay: positive("inferences/day", MAX.inferencesPerDay).optional(),
  /** Continuous fine-tuning: id of the chain this run belongs to (e.g. "support-bot-daily"). */
  chainId: storableText(200).optional(),

  // --- method ---
  /** Estimation method (METHODOLOGY.md s.8); "finetrace" when absent. */
  method: z.enum(estimationMethods).optional(),
};

type DisclosedField = keyof typeof disclosedFieldShape;
/** A disclosure field an `inputProvenance` entry can describe (every field but the method). */
export type InputProvenanceField = Exclude<DisclosedField, "method">;
/** The fields an `inputProvenance` entry can name, in schema order. */
export const INPUT_PROVENANCE_FIELDS = (
  Object.keys(disclosedFieldShape) as DisclosedField[]
).filter((f): f is InputProvenanceField => f !== "method") as [
  InputProvenanceField,
  ...InputProvenanceField[],
];

export const runDisclosureSchema = z
  .object({
    ...disclosedFieldShape,
    // --- provenance of the submitter's own derivations ---
    /**
     * Fields of this disclosure that the submitter derived rather than knew (a reader mapping a
     * CodeCarbon `region` to a grid zone, a local timestamp to UTC): each field at most once,
     * with the rule and source of the derivation. The estimate's provenance then says "imputed"
     * with that rule and source for the field instead of "disclosed" (METHODOLOGY.md s.2).
     */
    inputProvenance: z
      .array(
        z
          .object({
            field: z.enum(INPUT_PROVENANCE_FIELDS),
            rule: storableText(100),
            source: storableText(1000),
          })
          .strict(),
      )
      .max(INPUT_PROVENANCE_FIELDS.length)
      .optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    cpuOnlyConsistency(d, ctx);
    inputProvenanceConsistency(d, ctx);
    gpuHoursConsistency(d, ctx);
    // The reservation must end by 9999-12-31 (timestamptz and ISO 8601 4-digit years).
    if (d.startTime === undefined || d.reservedDurationHours === undefined) return;
    const endMs = Date.parse(d.startTime) + d.reservedDurationHours * 3_600_000;
    if (!(endMs <= LAST_STORABLE_MS)) {
      ctx.addIssue({
        code: "custom",
        path: ["reservedDurationHours"],
        message: "ends after 9999-12-31T23:59:59Z when added to startTime",
      });
    }
  });

/** A validated run disclosure (output of `parseDisclosure`). */
export type RunDisclosure = z.infer<typeof runDisclosureSchema>;
/** Input shape accepted by `parseDisclosure` (before transforms). */
export type RunDisclosureInput = z.input<typeof runDisclosureSchema>;

/** Names of all disclosure fields, in schema order. */
export const disclosureFields = Object.keys(runDisclosureSchema.shape) as (keyof RunDisclosure)[];

/** The schema type under `.optional()` / transforms, e.g. "number", "string", "enum". */
function baseTypeOf(schema: z.ZodType): string {
  let t = schema as unknown as { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } };
  while (t.def.type === "optional" || t.def.type === "pipe") {
    t = (t.def.innerType ?? t.def.in) as unknown as typeof t;
  }
  return t.def.type;
}

/** Disclosure fields whose values are numbers (derived from the schema: CSV readers convert them). */
export const numericDisclosureFields: readonly (keyof RunDisclosure)[] = disclosureFields.filter(
  (k) => baseTypeOf(runDisclosureSchema.shape[k]) === "number",
);

/**
 * Validate an untrusted disclosure.
 * @throws DisclosureValidationError listing every bad field (path + message).
 */
export function parseDisclosure(input: unknown): RunDisclosure {
  const result = runDisclosureSchema.safeParse(input);
  if (!result.success) {
    throw new DisclosureValidationError(
      result.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
    );
  }
  return result.data;
}
