/**
 * Environment variables of the BullMQ worker (apps/worker), on top of `commonEnvSchema`.
 * Validated once at start-up by `loadConfig(workerEnvSchema)`; a bad value fails the boot and the
 * error names the variable. The defaults are operational choices recorded in
 * docs/adr/0020-worker-queue-design.md (batch size and concurrency were measured in
 * BENCHMARKS.md, "End-to-end estimation through the queue").
 */
import { z } from "zod";
import { metricsToken } from "./api.js";
import { commonEnvSchema } from "./common.js";

const positiveInt = () => z.coerce.number().int().positive();
/** A 5-field cron expression (minute hour day-of-month month day-of-week). */
const cronPattern = () =>
  z
    .string()
    .trim()
    .regex(/^(\S+\s+){4}\S+$/, "must be a 5-field cron expression, e.g. '0 0 1 * *'");
/** An IANA timezone the runtime knows, e.g. "Europe/Paris". */
const ianaTimezone = () =>
  z.string().refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: "must be an IANA timezone such as UTC or Europe/Paris" },
  );
/** Comma-separated list, blanks dropped: "DE, FR" -> ["DE", "FR"]. */
const csvList = () =>
  z.string().transform((s) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter((x) => x.length > 0),
  );

export const workerEnvSchema = commonEnvSchema
  .extend({
    /** Jobs processed in parallel per queue by one worker process. */
    WORKER_CONCURRENCY: positiveInt().max(64).default(2),
    /** Run ids per `estimate-runs` job enqueued by the worker itself (reconciler, re-estimation). */
    WORKER_ESTIMATE_BATCH_SIZE: positiveInt().max(10_000).default(5000),
    /** Prometheus metrics HTTP port (`GET /metrics`); 0 picks a free port (tests). */
    WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
    /** Interface the metrics server binds. */
    WORKER_METRICS_HOST: z.string().min(1).default("127.0.0.1"),
    /**
     * When set, the metrics server's `GET /metrics` needs `Authorization: Bearer <token>` (401
     * otherwise, compared in constant time); unset = open. Same variable as the API's.
     */
    METRICS_TOKEN: metricsToken().optional(),
    /**
     * Bound on how long a job whose worker died (SIGKILL, crash) waits before another worker takes
     * it over, seconds. BullMQ moves a job back to wait when its lock has lapsed AND the stalled
     * check has seen it unlocked: the takeover time is at most lockDuration + stalledInterval
     * (the lock is renewed every lockDuration / 2; the check runs every stalledInterval). With both
     * set to this value the bound is twice it (measured 57-60 s at 30); with both set to half of
     * it (the intended wiring: `lockDuration: s * 500, stalledInterval: s * 500`) the takeover
     * happens within this many seconds. A worker whose event loop blocks longer than
     * lockDuration loses the lock, and its job may then run a second time on another worker.
     */
    WORKER_JOB_LOCK_SECONDS: positiveInt().default(30),
    /** Seconds SIGTERM waits for active jobs to finish before releasing them (they then retry). */
    WORKER_SHUTDOWN_GRACE_SECONDS: positiveInt().default(30),
    /** How often the reconciler looks for runs left PENDING, seconds. */
    WORKER_RECONCILE_EVERY_SECONDS: positiveInt().default(60),
    /** A run still PENDING this many seconds after its last change is re-enqueued. */
    WORKER_RECONCILE_PENDING_AFTER_SECONDS: positiveInt().default(300),
    /** Cron of the monthly report fan-out (default: 00:00 on the 1st of every month). */
    WORKER_MONTHLY_REPORT_CRON: cronPattern().default("0 0 1 * *"),
    /** Timezone in which the monthly cron is evaluated. */
    WORKER_MONTHLY_REPORT_TIMEZONE: ianaTimezone().default("UTC"),
    /** Pull recent hours from the Electricity Maps API (off by default: it needs a token). */
    WORKER_FETCH_GRID_INTENSITY: z.stringbool().default(false),
    /** Zones to pull, comma-separated Electricity Maps zone ids, e.g. "DE,FR,US-CAL-CISO". */
    WORKER_FETCH_GRID_INTENSITY_ZONES: csvList().default([]),
    /** How often each zone is pulled, minutes (the history endpoint returns the last 24 hours). */
    WORKER_FETCH_GRID_INTENSITY_EVERY_MINUTES: positiveInt().default(60),
    /** Electricity Maps API base URL (tests point it at a local server). */
    ELECTRICITYMAPS_API_URL: z.url().default("https://api.electricitymap.org"),
    /** Electricity Maps API token, sent in the `auth-token` header. */
    ELECTRICITYMAPS_API_TOKEN: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (!env.WORKER_FETCH_GRID_INTENSITY) return;
    if (!env.ELECTRICITYMAPS_API_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["ELECTRICITYMAPS_API_TOKEN"],
        message: "is required when WORKER_FETCH_GRID_INTENSITY is on",
      });
    }
    if (env.WORKER_FETCH_GRID_INTENSITY_ZONES.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["WORKER_FETCH_GRID_INTENSITY_ZONES"],
        message: "must list at least one zone when WORKER_FETCH_GRID_INTENSITY is on",
      });
    }
  });

export type WorkerEnv = z.infer<typeof workerEnvSchema>;
