/**
 * A job is defined once: its name (also its queue's name), zod payload, retry/retention options,
 * optional schedules and deduplication, and its handler (documenso's `jobs/definitions`
 * pattern). The definitions themselves live with the use cases they run
 * (`packages/services/src/jobs/definitions/`); this package is the generic BullMQ plumbing
 * (docs/adr/0050-use-case-layer.md).
 */
import type { DefaultJobOptions, Job, RepeatOptions } from "bullmq";
import type { z } from "zod";

/** Minimal logger a handler logs through (pino's Logger satisfies it). */
export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What a handler receives besides its payload. */
export interface JobContext<Deps> {
  deps: Deps;
  job: Job;
  /** Logger bound to the job (queue, id, attempt). */
  log: JobLogger;
}

/** One BullMQ job scheduler a job wants (cron pattern or fixed interval). */
export interface JobSchedule<P> {
  id: string;
  repeat: RepeatOptions;
  data: P;
}

export interface JobDefinition<P = unknown, Deps = unknown, R = unknown, Env = unknown> {
  /** Name of the job and of its queue, e.g. "estimate-runs". Renaming strands queued jobs. */
  readonly name: string;
  readonly payload: z.ZodType<P>;
  /** Attempts, backoff and retention of every job of this definition. */
  readonly options: DefaultJobOptions;
  /**
   * BullMQ deduplication id of a payload: enqueueing the same work while it waits is a no-op
   * (`keepLastIfActive`: re-queued once if it is already running). Absent: no deduplication.
   */
  readonly deduplicationId?: (payload: P) => string;
  /**
   * The schedulers this job wants for a configuration, and the id prefix that marks this job's
   * schedulers (those with the prefix that are no longer wanted are removed).
   */
  readonly schedules?: { prefix: string; wanted: (env: Env) => JobSchedule<P>[] };
  readonly handle: (payload: P, context: JobContext<Deps>) => Promise<R>;
  /** Called once when a job of this definition fails for good (its payload was valid). */
  readonly onFinalFailure?: (payload: P, reason: string, deps: Deps) => Promise<void>;
}

/** Identity with inference: `defineJob({...})` types the handler from the payload schema. */
export function defineJob<P, Deps, R, Env = unknown>(
  definition: Omit<JobDefinition<P, Deps, R, Env>, "schedules" | "handle" | "onFinalFailure"> & {
    // P is inferred from the payload schema alone (schedules' data must match it).
    readonly schedules?: { prefix: string; wanted: (env: Env) => JobSchedule<NoInfer<P>>[] };
    readonly handle: (payload: NoInfer<P>, context: JobContext<Deps>) => Promise<R>;
    readonly onFinalFailure?: (payload: NoInfer<P>, reason: string, deps: Deps) => Promise<void>;
  },
): JobDefinition<P, Deps, R, Env> {
  return definition;
}

/** A payload that does not match its schema; `issues` name each bad field. */
export class InvalidJobPayloadError extends Error {
  constructor(
    readonly jobName: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(
      `invalid ${jobName} payload: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`,
    );
    this.name = "InvalidJobPayloadError";
  }
}

/**
 * Validate a payload against its definition.
 * @throws InvalidJobPayloadError naming each bad field.
 */
export function parseJobPayload<P>(
  definition: Pick<JobDefinition<P>, "name" | "payload">,
  data: unknown,
): P {
  const result = definition.payload.safeParse(data);
  if (!result.success) {
    throw new InvalidJobPayloadError(
      definition.name,
      result.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
    );
  }
  return result.data;
}
