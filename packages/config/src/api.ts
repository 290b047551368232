/**
 * Environment variables of the GraphQL API (apps/api), on top of `commonEnvSchema`.
 * Validated once at start-up by `loadConfig(apiEnvSchema)`; a bad value fails the boot and the
 * error names the variable. Limits are product choices recorded in docs/adr/0030-api-limits.md.
 */
import { z } from "zod";
import { commonEnvSchema } from "./common.js";

/** "true"/"false"/"1"/"0"/"yes"/"no"/"on"/"off" (zod `stringbool`). */
const flag = () => z.stringbool();
const positiveInt = () => z.coerce.number().int().positive();

/**
 * Express `trust proxy`: which proxies' `X-Forwarded-For` to believe when taking the client
 * address (the per-address failed-authentication limit keys on it). "true"/"false", a hop count
 * ("1": trust the nearest proxy), or a comma-separated list of addresses, subnets and the names
 * `loopback`, `linklocal`, `uniquelocal` (https://expressjs.com/en/guide/behind-proxies.html).
 */
/**
 * Browser origins allowed to call the API from another site (CORS): a comma-separated list of
 * origins as browsers send them (`https://dash.example.com`, `http://localhost:5173`: scheme,
 * host and port, no path), or `*` for any (safe: the API authenticates by the `Authorization`
 * header and uses no cookies, so a cross-site page still needs a key). Parsed to the list.
 */
const corsOrigins = () =>
  z
    .string()
    .trim()
    .min(1)
    .transform((s, ctx): string[] | "*" => {
      if (s === "*") return "*";
      const origins = s.split(",").map((o) => o.trim());
      for (const origin of origins) {
        let parsed: URL | undefined;
        try {
          parsed = new URL(origin);
        } catch {}
        if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
          ctx.addIssue({
            code: "custom",
            message: `"${origin}" is not an origin such as https://dash.example.com (scheme, host and optional port; no path or trailing slash)`,
          });
        }
      }
      return origins;
    });

const trustProxy = () =>
  z
    .string()
    .trim()
    .min(1)
    .transform((s): boolean | number | string => {
      const lower = s.toLowerCase();
      if (lower === "true") return true;
      if (lower === "false") return false;
      if (/^\d+$/.test(s)) return Number(s);
      return s;
    });

/**
 * A bearer token for `GET /metrics`. At least 16 characters: the endpoint has no lockout, so a
 * short token could be guessed (generate one with `openssl rand -hex 32`).
 */
export const metricsToken = () =>
  z.string().min(16, "must be at least 16 characters (e.g. `openssl rand -hex 32`)");

/**
 * Run ids per `estimate-runs` job enqueued at intake (API default, also used by the CLI, which
 * reads only the common variables): 2,000 ids = 78 kB of job JSON (docs/adr/0020).
 */
export const DEFAULT_ESTIMATE_BATCH_SIZE = 2000;

export const apiEnvSchema = commonEnvSchema.extend({
  /** TCP port; 0 picks a free port (tests). */
  API_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Interface to bind; 0.0.0.0 inside containers. */
  API_HOST: z.string().min(1).default("127.0.0.1"),
  /** Schema introspection; unset = on outside production. */
  API_INTROSPECTION: flag().optional(),
  /** Origins whose pages may call /graphql from a browser (CORS); unset = same origin only. */
  API_CORS_ORIGINS: corsOrigins().optional(),
  /** Apollo landing page on GET /graphql; unset = on outside production. */
  API_LANDING_PAGE: flag().optional(),
  /** Largest accepted request body, bytes. 10,000 run disclosures are about 5 MB of JSON. */
  API_MAX_BODY_BYTES: positiveInt().default(16 * 1024 * 1024),
  /** Deepest selection set accepted (graphql-armor max-depth). */
  API_MAX_DEPTH: positiveInt().default(10),
  /** Largest query cost accepted (graphql-armor cost-limit: object 2, scalar 1, depth x1.5). */
  API_MAX_COST: positiveInt().default(5000),
  /** Largest page a connection returns (`first` above it is rejected). */
  API_MAX_PAGE_SIZE: positiveInt().default(200),
  /**
   * Run ids per `estimate-runs` job enqueued by `submitRuns` (docs/adr/0020-worker-queue-design.md).
   */
  API_ESTIMATE_BATCH_SIZE: positiveInt().max(10_000).default(DEFAULT_ESTIMATE_BATCH_SIZE),
  /**
   * Cost points allowed per API key per window (Redis-backed, shared by every API process). A
   * request costs the sum of its top-level fields: API_EMISSIONS_FIELD_COST per `emissions`
   * (each alias), ceil(first / 50) per `runs` / `reports` page, 1 per other field
   * (docs/adr/0081-fair-sharing.md).
   */
  API_RATE_LIMIT_POINTS: positiveInt().default(600),
  /** Cost points of one `emissions` field (an aggregation over up to 3 years). */
  API_EMISSIONS_FIELD_COST: positiveInt().default(10),
  /**
   * Operations of one organization executing at once per API process; more wait in line. Keeps
   * one tenant's burst to a share of the database pool (API_DATABASE_POOL_SIZE).
   */
  API_ORG_MAX_CONCURRENT: positiveInt().default(4),
  /** Operations of one organization waiting for a slot per process; more get RATE_LIMITED. */
  API_ORG_MAX_QUEUED: positiveInt().default(100),
  /**
   * Statement timeout of dashboard reads (Postgres `statement_timeout` on the read pool's
   * connections), milliseconds; a cancelled query answers TIMEOUT with retryAfterSeconds.
   */
  API_STATEMENT_TIMEOUT_MS: positiveInt().default(5000),
  /**
   * Seconds an authenticated key (organization, role, reporting time zone) stays in the API
   * process's memory; 0 = look every key up on every request. Revocations and time-zone changes
   * reach every process at once through Postgres NOTIFY (docs/adr/0083-principal-cache.md); the
   * lifetime only bounds how long a missed notification could matter, and how often
   * `ApiKey.lastUsedAt` is refreshed.
   */
  API_PRINCIPAL_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /**
   * Seconds an `emissions` aggregate served by the rollup stays in the API process's memory; 0 =
   * no cache. An organization's entries are dropped as soon as its rollup changes (Postgres
   * NOTIFY from the rollup writers, docs/adr/0084-emissions-cache.md). Not used when
   * DATABASE_READ_URL names another server (a replica may not have replayed a notified change).
   */
  API_EMISSIONS_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Connections of each of the API's pg pools (primary, read). */
  API_DATABASE_POOL_SIZE: positiveInt().default(10),
  /**
   * Postgres for dashboard reads (`emissions`, `runs` pages): a streaming replica;
   * default DATABASE_URL. Single runs, estimates and writes always use the primary
   * (docs/adr/0082-read-replica.md: replica lag).
   */
  DATABASE_READ_URL: z.string().min(1).optional(),
  /** Rate-limit window, seconds. */
  API_RATE_LIMIT_WINDOW_SECONDS: positiveInt().default(60),
  /**
   * Milliseconds a request of a key that has spent its budget waits before its 429 (at most
   * until the window ends); 0 = answer at once. Like nginx `limit_req` delaying excess requests:
   * a client that ignores Retry-After is slowed to a few requests a second instead of looping
   * (docs/adr/0083-principal-cache.md).
   */
  API_RATE_LIMIT_REFUSAL_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(1000),
  /**
   * Failed authentications (no, malformed, unknown or revoked key) allowed per client address per
   * window; beyond it every request from that address gets 429 before any key lookup. 30 a
   * minute leaves room for a misconfigured client's retries while capping key guessing and the
   * database lookups it costs (Redis-backed, shared by every API process).
   */
  API_AUTH_FAILURE_LIMIT_POINTS: positiveInt().default(30),
  /** Window of the failed-authentication limit, seconds. */
  API_AUTH_FAILURE_LIMIT_WINDOW_SECONDS: positiveInt().default(60),
  /**
   * Express `trust proxy` for the client address (`req.ip`); unset = the socket's peer address,
   * right when clients connect directly, wrong behind a load balancer (every client would share
   * the balancer's address). Set it to the proxies in front of the API, e.g. "1" or "10.0.0.0/8".
   */
  API_TRUST_PROXY: trustProxy().optional(),
  /**
   * When set, `GET /metrics` needs `Authorization: Bearer <token>` (401 otherwise); unset = open
   * (bind API_HOST to a private interface then). Same variable as the worker's.
   */
  METRICS_TOKEN: metricsToken().optional(),
  /**
   * Directory from which `loadGridIntensity(path:)` may read grid-intensity CSV files, and where
   * uploaded CSVs are written for the worker. Unset = server-side files disabled (uploads too).
   */
  GRID_INTENSITY_IMPORT_DIR: z.string().min(1).optional(),
  /**
   * Directory of the built dashboard (`npm run build -w apps/dashboard` writes
   * apps/dashboard/dist), served at `/` with a fallback to its index.html for client routes.
   * Unset = no dashboard; `finetrace serve` and `finetrace demo` default it to that build
   * (docs/adr/0070-dashboard-build-and-serving.md).
   */
  API_DASHBOARD_DIR: z.string().min(1).optional(),
});

export type ApiEnv = z.infer<typeof apiEnvSchema>;
