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
import { z } from "zod";
import { DisclosureValidationError } from "./errors.js";

/** ISO 8601 timestamp that carries an explicit offset (`Z` or `+hh:mm`); naive times are ambiguous. */
export const isoTimestampWithOffset = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(s), {
    message:
      "must be an ISO 8601 timestamp with an offset, e.g. 2024-07-06T17:01:00Z or 2024-07-06T10:01:00-07:00 (a naive timestamp is ambiguous)",
  })
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: "is not a valid calendar date/time" });

const finite = (what: string) =>
  z.number({ error: `must be a number (${what})` }).refine(Number.isFinite, {
    message: "must be a finite number (NaN and Infinity are rejected)",
  });
const positive = (what: string) => finite(what).refine((n) => n > 0, { message: "must be > 0" });
const positiveInt = (what: string) =>
  finite(what).refine((n) => Number.isInteger(n) && n > 0, {
    message: "must be a positive integer",
  });
const fraction = (what: string) =>
  finite(what).refine((n) => n >= 0 && n <= 1, {
    message: "must be a fraction between 0 and 1 (e.g. 0.47 for 47 %)",
  });

/** How the base model was fine-tuned; drives the FLOPs-per-token factor k (METHODOLOGY.md s.4). */
export const fineTuningMethods = ["full", "lora", "qlora", "adapter", "prompt-tuning"] as const;
export type FineTuningMethod = (typeof fineTuningMethods)[number];

export const cloudProviders = ["aws", "gcp", "azure"] as const;
export type CloudProvider = (typeof cloudProviders)[number];

export const runDisclosureSchema = z
  .object({
    // --- operational data ---
    /** Base model name as disclosed, e.g. "Llama 2" or "meta-llama/Llama-2-7b-hf". */
    baseModel: z.string().trim().min(1, "must not be empty").max(200),
    /** Parameters of the base model (count). Used to predict time from tokens (s.4). */
    baseModelParameterCount: positiveInt("parameters").optional(),
    fineTuningMethod: z.enum(fineTuningMethods).optional(),
    /** Start of the reservation, ISO 8601 with offset. Stored and used as UTC. */
    startTime: isoTimestampWithOffset.optional(),
    /** Total reserved (not active) time of the cluster, hours. */
    reservedDurationHours: positive("hours").optional(),
    /** Average GPU utilization over the reservation, 0..1. */
    gpuUtilizationFraction: fraction("0..1").optional(),
    /** Average CPU utilization over the reservation, 0..1. */
    cpuUtilizationFraction: fraction("0..1").optional(),
    /** Tokens seen during fine-tuning including padding (Wang et al. 2023), count. */
    tokensIncludingPadding: positiveInt("tokens").optional(),
    /** Energy measured by a meter or CodeCarbon (IT energy, kWh); replaces the power model. */
    measuredEnergyKwh: positive("kWh").optional(),

    // --- infrastructure data ---
    /** Managed fine-tuning service, e.g. "aws-bedrock". */
    managedService: z.string().trim().min(1).max(100).optional(),
    cloudProvider: z.enum(cloudProviders).optional(),
    /** Provider region id, e.g. "us-west-2", "us-west1", "westus2". */
    cloudRegion: z.string().trim().min(1).max(100).optional(),
    /** Electricity Maps grid zone id (e.g. "US-NW-PACW") when the location is known exactly. */
    gridZone: z.string().trim().min(1).max(64).optional(),
    /** ISO 3166-1 alpha-2 country of the datacenter, e.g. "US", "FR". */
    countryCode: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as US or FR")
      .transform((s) => s.toUpperCase())
      .optional(),
    gpuModel: z.string().trim().min(1).max(100).optional(),
    serverModel: z.string().trim().min(1).max(100).optional(),
    /** Total GPUs in the cluster (count). */
    gpuCount: positiveInt("GPUs").optional(),
    /** Servers (nodes) in the cluster (count). */
    serverCount: positiveInt("servers").optional(),
    /** Datacenter PUE when disclosed (>= 1). */
    pue: finite("PUE")
      .refine((n) => n >= 1 && n <= 3, { message: "must be between 1 and 3" })
      .optional(),
    /** Datacenter WUE when disclosed, liters of on-site water per kWh of IT energy. */
    wueLitersPerKwh: finite("L/kWh")
      .refine((n) => n >= 0 && n <= 20, { message: "must be between 0 and 20 L/kWh" })
      .optional(),

    // --- usage data ---
    /** Expected use life of the fine-tuned model, days. */
    useLifeDays: positive("days").optional(),
    /** Expected inferences per day (count, may be fractional as an average). */
    inferencesPerDay: positive("inferences/day").optional(),
    /** Continuous fine-tuning: id of the chain this run belongs to (e.g. "support-bot-daily"). */
    chainId: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

/** A validated run disclosure (output of `parseDisclosure`). */
export type RunDisclosure = z.infer<typeof runDisclosureSchema>;
/** Input shape accepted by `parseDisclosure` (before transforms). */
export type RunDisclosureInput = z.input<typeof runDisclosureSchema>;

/** Names of all disclosure fields, in schema order. */
export const disclosureFields = Object.keys(runDisclosureSchema.shape) as (keyof RunDisclosure)[];

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
