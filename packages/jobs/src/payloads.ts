/**
 * One zod schema per job type. Producers validate before enqueueing (`enqueue*` helpers); the
 * worker validates again with `parseJobPayload` and fails an invalid job without retrying it.
 */
import { z } from "zod";
import { JOB_NAMES, type QueueKey } from "./queue-names.js";

/**
 * Largest batch of run ids one `estimate-runs` job may carry. Bounds the SQL arrays and the
 * job's JSON (10,000 uuids = 390 kB); batch sizes are measured in BENCHMARKS.md.
 */
export const MAX_RUN_IDS_PER_JOB = 10_000;

/** "YYYY-MM" with a month 01..12. */
export const reportPeriodSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month in YYYY-MM form, e.g. 2024-07");

/** Why a batch of runs is (re-)estimated; logged and counted in metrics. */
export const estimateReasons = [
  /** Runs just submitted through the API or CLI. */
  "submitted",
  /** Runs left PENDING past the timeout, re-enqueued by the reconciler. */
  "reconcile",
  /** A later run of the chain arrived: the use life of its predecessor changed. */
  "chain-successor",
  /** Hourly grid intensity arrived for runs estimated with an annual fallback. */
  "intensity-loaded",
] as const;
export type EstimateReason = (typeof estimateReasons)[number];

export const estimateRunsPayloadSchema = z
  .object({
    runIds: z
      .array(z.uuid({ error: "must be a run id (uuid)" }))
      .min(1, "must hold at least one run id")
      .max(MAX_RUN_IDS_PER_JOB, `must hold at most ${MAX_RUN_IDS_PER_JOB} run ids`),
    reason: z.enum(estimateReasons),
  })
  .strict();
export type EstimateRunsPayload = z.infer<typeof estimateRunsPayloadSchema>;

export const loadGridIntensityPayloadSchema = z
  .object({
    /** Absolute path of an Electricity Maps hourly CSV (optionally .gz) readable by the worker. */
    path: z
      .string()
      .min(1, "must not be empty")
      .refine((p) => p.startsWith("/"), "must be an absolute path"),
    /** Recorded in GridIntensityHour.source; default chosen by the loader. */
    source: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
export type LoadGridIntensityPayload = z.infer<typeof loadGridIntensityPayloadSchema>;

export const monthlyReportFanOutPayloadSchema = z
  .object({
    /** Month to report; absent = the month before the scheduler fired (cron run). */
    period: reportPeriodSchema.optional(),
  })
  .strict();
export type MonthlyReportFanOutPayload = z.infer<typeof monthlyReportFanOutPayloadSchema>;

export const monthlyReportPayloadSchema = z
  .object({
    organizationId: z.uuid({ error: "must be an organization id (uuid)" }),
    period: reportPeriodSchema,
  })
  .strict();
export type MonthlyReportPayload = z.infer<typeof monthlyReportPayloadSchema>;

export const fetchGridIntensityPayloadSchema = z
  .object({
    /** Electricity Maps zone id, e.g. "DE" or "US-CAL-CISO". */
    zone: z
      .string()
      .regex(
        /^[A-Z]{2}(-[A-Z0-9]+)*$/,
        "must be an Electricity Maps zone id such as DE or US-CAL-CISO",
      ),
  })
  .strict();
export type FetchGridIntensityPayload = z.infer<typeof fetchGridIntensityPayloadSchema>;

export const reconcilePayloadSchema = z.object({}).strict();
export type ReconcilePayload = z.infer<typeof reconcilePayloadSchema>;

/** Schema of every (queue, job name) pair. */
export const JOB_PAYLOAD_SCHEMAS = {
  estimateRuns: { [JOB_NAMES.estimateRuns.estimate]: estimateRunsPayloadSchema },
  loadGridIntensity: { [JOB_NAMES.loadGridIntensity.load]: loadGridIntensityPayloadSchema },
  monthlyReport: {
    [JOB_NAMES.monthlyReport.fanOut]: monthlyReportFanOutPayloadSchema,
    [JOB_NAMES.monthlyReport.organization]: monthlyReportPayloadSchema,
  },
  fetchGridIntensity: { [JOB_NAMES.fetchGridIntensity.fetch]: fetchGridIntensityPayloadSchema },
  reconcile: { [JOB_NAMES.reconcile.reconcile]: reconcilePayloadSchema },
} as const satisfies Record<QueueKey, Record<string, z.ZodType>>;

type Schemas = typeof JOB_PAYLOAD_SCHEMAS;
/** Payload type of job `N` in queue `Q`. */
export type JobPayload<
  Q extends QueueKey,
  N extends keyof Schemas[Q],
> = Schemas[Q][N] extends z.ZodType ? z.infer<Schemas[Q][N]> : never;

/** A payload that does not match its schema; `issues` name each bad field. */
export class InvalidJobPayloadError extends Error {
  constructor(
    readonly queue: QueueKey,
    readonly jobName: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(
      `invalid ${queue}/${jobName} payload: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`,
    );
    this.name = "InvalidJobPayloadError";
  }
}

/**
 * Validate the payload of job `jobName` in queue `queue`.
 * @throws InvalidJobPayloadError for an unknown job name or a payload that fails its schema.
 */
export function parseJobPayload<Q extends QueueKey, N extends keyof Schemas[Q] & string>(
  queue: Q,
  jobName: N,
  data: unknown,
): JobPayload<Q, N> {
  const schemas = JOB_PAYLOAD_SCHEMAS[queue] as Record<string, z.ZodType>;
  const schema = Object.hasOwn(schemas, jobName) ? schemas[jobName] : undefined;
  if (!schema) {
    throw new InvalidJobPayloadError(queue, jobName, [
      {
        path: "(job name)",
        message: `unknown job "${jobName}"; expected one of ${Object.keys(schemas).join(", ")}`,
      },
    ]);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new InvalidJobPayloadError(
      queue,
      jobName,
      result.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
    );
  }
  return result.data as JobPayload<Q, N>;
}
