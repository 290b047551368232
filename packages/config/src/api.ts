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

export const apiEnvSchema = commonEnvSchema.extend({
  /** TCP port; 0 picks a free port (tests). */
  API_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Interface to bind; 0.0.0.0 inside containers. */
  API_HOST: z.string().min(1).default("127.0.0.1"),
  /** Schema introspection; unset = on outside production. */
  API_INTROSPECTION: flag().optional(),
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
   * Run ids per `estimate-runs` job enqueued by `submitRuns`; same default as the worker's
   * WORKER_ESTIMATE_BATCH_SIZE (docs/adr/0020-worker-queue-design.md).
   */
  API_ESTIMATE_BATCH_SIZE: positiveInt().max(10_000).default(2000),
  /** Requests allowed per API key per window (Redis-backed, shared by every API process). */
  API_RATE_LIMIT_POINTS: positiveInt().default(600),
  /** Rate-limit window, seconds. */
  API_RATE_LIMIT_WINDOW_SECONDS: positiveInt().default(60),
  /**
   * Directory from which `loadGridIntensity(path:)` may read grid-intensity CSV files, and where
   * uploaded CSVs are written for the worker. Unset = server-side files disabled (uploads too).
   */
  GRID_INTENSITY_IMPORT_DIR: z.string().min(1).optional(),
});

export type ApiEnv = z.infer<typeof apiEnvSchema>;
