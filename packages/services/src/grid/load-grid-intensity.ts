/**
 * Use cases "load grid intensity" (docs/adr/0060-grid-data-tenancy.md):
 *
 * - `loadSharedGridIntensity`: the operator's load of the SHARED hourly series, which prices every
 *   organization's runs (`finetrace grid load`, run with database credentials; the Electricity
 *   Maps pull). Never reachable with an organization's API key.
 * - `loadPrivateGridIntensity`: an organization's PRIVATE series (e.g. its on-site supply or a
 *   supplier-specific hourly factor) for known zones; it prices only that organization's runs,
 *   preferred hour by hour over the shared one (`lookupIntensities`).
 * - `queuePrivateGridIntensityLoad` + `loadGridIntensity`: the API records a "queued" load request
 *   (GridIntensityLoad row: organization, actor, file, zone) and enqueues the worker's
 *   `load-grid-intensity` job for the file; the job (`loadGridIntensity`) runs the queued
 *   requests for its file, so into which series an API upload goes is decided by the row the
 *   API wrote, not by the queue payload; a file no organization's request named is an operator
 *   load of the shared series (only the platform can enqueue jobs).
 *
 * Each load COPYs the CSVs in one transaction (`loadGridIntensityFiles`: a bad file aborts all,
 * named in the error), then puts back to PENDING the runs the new hours change (shared: every
 * organization's fallback runs; private: only that organization's runs) and enqueues their
 * re-estimation, and records the load (GridIntensityLoad: who, what, when, counts). Files marked
 * `deleteFiles` (API uploads) are removed once the load succeeded or finally failed.
 *
 * If enqueueing fails after the load (Redis down), the runs stay PENDING in Postgres and the
 * worker's reconciler re-enqueues them: the load still succeeds (`enqueued: false`).
 */
import { rm } from "node:fs/promises";
import {
  GridCsvFormatError,
  GridCsvHeaderError,
  type GridCsvInput,
  type GridLoadFilesResult,
  type GridLoadResult,
  loadGridIntensityFiles,
  markFallbackRunsForReestimation,
} from "@finetrace/db";
import type { ServiceDeps } from "../deps.js";
import { enqueueEstimateRuns } from "../jobs/definitions/estimate-runs.js";
import { enqueueLoadGridIntensity } from "../jobs/definitions/load-grid-intensity.js";

/** Rejected rows kept per file in a summary (a bad file can have ~10^5). */
const REJECTED_SHOWN = 20;

/** GridIntensityHour.source of hours an organization uploaded (its private series). */
export const ORGANIZATION_UPLOAD_SOURCE = "organization-upload";
/** GridIntensityLoad.actor of operator loads from the CLI. */
export const CLI_ACTOR = "cli";

/**
 * Attempts of a queued load before it finally fails (its files are then deleted); matches the
 * `load-grid-intensity` job's `retriedWithBackoff(5, ...)`. Input errors (bad CSV, unknown zone,
 * missing file) fail at once.
 */
export const LOAD_ATTEMPTS = 5;

export interface GridFileSummary {
  /** The file's path or stream name. */
  file: string;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  zones: string[];
  rejectedCount: number;
  /** First rejected rows (1-based line, reason), at most 20. */
  rejectedSample: GridLoadResult["rejected"];
  fromHourUtc: string | null;
  toHourUtc: string | null;
}

export interface GridLoadSummary {
  files: GridFileSummary[];
  rowsRead: number;
  inserted: number;
  updated: number;
  rejectedCount: number;
  /** Runs sent back to estimation because the loaded hours change their pricing. */
  reestimatedRuns: number;
  /** False when the re-estimation could not be enqueued (the reconciler will pick it up). */
  enqueued: boolean;
  /** GridIntensityLoad ids of the loads (one, or for the job every request it ran). */
  loadIds: string[];
}

/** A load request the caller may fix (unknown zone, bad organization id); nothing was written. */
export class GridLoadRequestError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = "GridLoadRequestError";
  }
}

/** Who loads into which series; a GridIntensityLoad row's identity. */
interface LoadSpec {
  /** null: the shared series. */
  organizationId: string | null;
  actor: string;
  zone: string | null;
  source: string;
  deleteFiles: boolean;
}

const inputName = (input: GridCsvInput): string =>
  "path" in input ? input.path : (input.name ?? "(stream)");

function summarizeFile(input: GridCsvInput, result: GridLoadResult): GridFileSummary {
  return {
    file: inputName(input),
    rowsRead: result.rowsRead,
    inserted: result.inserted,
    updated: result.updated,
    unchanged: result.unchanged,
    zones: result.zones,
    rejectedCount: result.rejected.length,
    rejectedSample: result.rejected.slice(0, REJECTED_SHOWN),
    fromHourUtc: result.fromHourUtc?.toISOString() ?? null,
    toHourUtc: result.toHourUtc?.toISOString() ?? null,
  };
}

const emptySummary = (): GridLoadSummary => ({
  files: [],
  rowsRead: 0,
  inserted: 0,
  updated: 0,
  rejectedCount: 0,
  reestimatedRuns: 0,
  enqueued: true,
  loadIds: [],
});

/** Mark and enqueue the runs the loaded hours change (only `organizationId`'s for a private load). */
async function reestimateChangedRuns(
  deps: ServiceDeps,
  results: readonly GridLoadResult[],
  organizationId: string | null,
): Promise<{ runIds: string[]; enqueued: boolean }> {
  const runIds = new Set<string>();
  for (const r of results) {
    if (!r.fromHourUtc || !r.toHourUtc || r.zones.length === 0) continue;
    const ids = await markFallbackRunsForReestimation(deps.pool, {
      zones: r.zones,
      fromHourUtc: r.fromHourUtc,
      toHourUtc: r.toHourUtc,
      ...(organizationId ? { organizationId } : {}),
    });
    for (const id of ids) runIds.add(id);
  }
  const list = [...runIds];
  try {
    await enqueueEstimateRuns(deps.queues, list, {
      batchSize: deps.estimateBatchSize,
      reason: "intensity-loaded",
    });
    return { runIds: list, enqueued: true };
  } catch (error) {
    deps.log.warn(
      { err: error, runCount: list.length },
      "enqueueing re-estimation failed; the runs stay PENDING for the reconciler",
    );
    return { runIds: list, enqueued: false };
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The zones a private load may write: `zone` (which must exist) or every known zone. Private
 * loads never create GridZone rows (shared reference data).
 */
async function privateZones(deps: ServiceDeps, zone: string | null): Promise<string[]> {
  const { rows } = await deps.pool.query<{ id: string }>(
    zone === null
      ? `SELECT id FROM "GridZone" ORDER BY id`
      : `SELECT id FROM "GridZone" WHERE id = $1`,
    zone === null ? [] : [zone],
  );
  if (zone !== null && rows.length === 0)
    throw new GridLoadRequestError("zone", `${zone} is not a known grid zone`);
  return rows.map((r) => r.id);
}

async function insertLoad(
  deps: ServiceDeps,
  spec: LoadSpec,
  files: string[],
  status: "queued" | "running",
): Promise<string> {
  const { rows } = await deps.pool.query<{ id: string }>(
    `INSERT INTO "GridIntensityLoad"
       (id, "organizationId", actor, status, files, zone, source, "deleteFiles", attempts)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      spec.organizationId,
      spec.actor,
      status,
      files,
      spec.zone,
      spec.source,
      spec.deleteFiles,
      status === "running" ? 1 : 0,
    ],
  );
  return (rows[0] as { id: string }).id;
}

async function finishLoad(
  deps: ServiceDeps,
  loadId: string,
  loaded: GridLoadFilesResult,
  reestimatedRuns: number,
): Promise<void> {
  const from = loaded.files.flatMap((f) => (f.fromHourUtc ? [f.fromHourUtc.getTime()] : []));
  const to = loaded.files.flatMap((f) => (f.toHourUtc ? [f.toHourUtc.getTime()] : []));
  await deps.pool.query(
    `UPDATE "GridIntensityLoad"
     SET status = 'succeeded', "finishedAt" = now(), error = NULL, "fromHourUtc" = $2, "toHourUtc" = $3,
         "rowsRead" = $4, inserted = $5, updated = $6, unchanged = $7, rejected = $8, "reestimatedRuns" = $9
     WHERE id = $1`,
    [
      loadId,
      from.length > 0 ? new Date(Math.min(...from)) : null,
      to.length > 0 ? new Date(Math.max(...to)) : null,
      loaded.rowsRead,
      loaded.inserted,
      loaded.updated,
      loaded.unchanged,
      loaded.rejectedCount,
      reestimatedRuns,
    ],
  );
}

/** Input errors: retrying cannot help. */
const isPermanent = (error: unknown): boolean =>
  error instanceof GridCsvHeaderError ||
  error instanceof GridCsvFormatError ||
  error instanceof GridLoadRequestError ||
  (error as { code?: string }).code === "ENOENT";

/**
 * Record a failed attempt: finally failed (input error, or the last attempt) or back to
 * "queued" for the job's retry. @returns whether the failure is final.
 */
async function failLoad(
  deps: ServiceDeps,
  loadId: string,
  attempts: number,
  error: unknown,
): Promise<boolean> {
  const final = isPermanent(error) || attempts >= LOAD_ATTEMPTS;
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  await deps.pool
    .query(
      `UPDATE "GridIntensityLoad"
       SET status = $2, error = $3, "finishedAt" = CASE WHEN $2 = 'failed' THEN now() END
       WHERE id = $1`,
      [loadId, final ? "failed" : "queued", message],
    )
    .catch((e: unknown) =>
      deps.log.warn({ err: e, loadId }, "recording a failed grid load failed"),
    );
  return final;
}

async function removeFiles(deps: ServiceDeps, files: readonly string[]): Promise<void> {
  for (const file of files) {
    await rm(file, { force: true }).catch((error: unknown) =>
      deps.log.warn({ err: error, file }, "removing an uploaded grid-intensity file failed"),
    );
  }
}

/** Run one load (already recorded as `loadId`, attempt `attempts`) and record its outcome. */
async function runLoad(
  deps: ServiceDeps,
  loadId: string,
  attempts: number,
  spec: LoadSpec,
  inputs: GridCsvInput[],
  onProgress?: (fileIndex: number, rowsRead: number) => void,
): Promise<GridLoadSummary> {
  const paths = inputs.flatMap((i) => ("path" in i ? [i.path] : []));
  let summary: GridLoadSummary;
  try {
    const zones = spec.organizationId === null ? undefined : await privateZones(deps, spec.zone);
    const loaded = await loadGridIntensityFiles(deps.pool, inputs, {
      source: spec.source,
      ...(onProgress ? { onProgress } : {}),
      ...(spec.organizationId === null ? {} : { organizationId: spec.organizationId, zones }),
    });
    const { runIds, enqueued } = await reestimateChangedRuns(
      deps,
      loaded.files,
      spec.organizationId,
    );
    await finishLoad(deps, loadId, loaded, runIds.length);
    summary = {
      files: loaded.files.map((r, i) => summarizeFile(inputs[i] as GridCsvInput, r)),
      rowsRead: loaded.rowsRead,
      inserted: loaded.inserted,
      updated: loaded.updated,
      rejectedCount: loaded.rejectedCount,
      reestimatedRuns: runIds.length,
      enqueued,
      loadIds: [loadId],
    };
  } catch (error) {
    const final = await failLoad(deps, loadId, attempts, error);
    if (final && spec.deleteFiles) await removeFiles(deps, paths);
    throw error;
  }
  if (spec.deleteFiles) await removeFiles(deps, paths);
  return summary;
}

/**
 * The operator's load of the SHARED series: load `inputs` (creating missing zones) and
 * re-estimate every organization's fallback runs the new hours now cover; recorded in
 * GridIntensityLoad with organizationId null.
 * @param options.actor GridIntensityLoad.actor (default "cli")
 * @param options.source recorded in GridIntensityHour.source (default "electricitymaps-csv")
 * @param options.onProgress (file index, rows read) once each file's COPY is done
 * @throws GridCsvHeaderError / GridCsvFormatError naming the file; nothing is written then.
 */
export async function loadSharedGridIntensity(
  deps: ServiceDeps,
  inputs: GridCsvInput[],
  options: {
    actor?: string;
    source?: string;
    onProgress?: (fileIndex: number, rowsRead: number) => void;
  } = {},
): Promise<GridLoadSummary> {
  const spec: LoadSpec = {
    organizationId: null,
    actor: options.actor ?? CLI_ACTOR,
    zone: null,
    source: options.source ?? "electricitymaps-csv",
    deleteFiles: false,
  };
  const loadId = await insertLoad(deps, spec, inputs.map(inputName), "running");
  return runLoad(deps, loadId, LOAD_ATTEMPTS, spec, inputs, options.onProgress);
}

export interface PrivateLoadOptions {
  /** The organization whose private series is loaded. */
  organizationId: string;
  /** GridIntensityLoad.actor: the API key id, or "cli". */
  actor: string;
  /** The only zone the files may write (it must exist); default: any known zone. */
  zone?: string | null;
  /** Recorded in GridIntensityHour.source (default "organization-upload"). */
  source?: string;
  /** Delete the files once the load succeeded or failed (uploads). */
  deleteFiles?: boolean;
}

function privateSpec(options: PrivateLoadOptions): LoadSpec {
  if (!uuidPattern.test(options.organizationId))
    throw new GridLoadRequestError("organizationId", "must be a UUID");
  return {
    organizationId: options.organizationId,
    actor: options.actor,
    zone: options.zone ?? null,
    source: options.source ?? ORGANIZATION_UPLOAD_SOURCE,
    deleteFiles: options.deleteFiles ?? false,
  };
}

/**
 * Load `inputs` into `organizationId`'s PRIVATE series now: rows of zones that are unknown (or
 * other than `zone`) are rejected, no zone is created, and only that organization's runs the
 * hours change are re-estimated (its fallback runs now covered and its hourly-priced runs in the
 * loaded hours, which the private series now prices). Recorded in GridIntensityLoad.
 * @throws GridLoadRequestError (unknown zone), GridCsvHeaderError / GridCsvFormatError; nothing
 *   is written then.
 */
export async function loadPrivateGridIntensity(
  deps: ServiceDeps,
  inputs: GridCsvInput[],
  options: PrivateLoadOptions,
): Promise<GridLoadSummary> {
  const spec = privateSpec(options);
  const loadId = await insertLoad(deps, spec, inputs.map(inputName), "running");
  return runLoad(deps, loadId, LOAD_ATTEMPTS, spec, inputs);
}

/**
 * Record a queued private load of the file at absolute `path` (readable by the worker) and
 * enqueue the worker's `load-grid-intensity` job for it. If enqueueing fails, the request is
 * marked failed (and the file deleted when `deleteFiles`).
 * @returns the GridIntensityLoad id and the job id.
 * @throws GridLoadRequestError (unknown zone) before anything is recorded.
 */
export async function queuePrivateGridIntensityLoad(
  deps: ServiceDeps,
  path: string,
  options: PrivateLoadOptions,
): Promise<{ loadId: string; jobId: string }> {
  const spec = privateSpec(options);
  if (spec.zone !== null) await privateZones(deps, spec.zone);
  const loadId = await insertLoad(deps, spec, [path], "queued");
  try {
    const jobId = await enqueueLoadGridIntensity(deps.queues, { path });
    return { loadId, jobId };
  } catch (error) {
    await failLoad(deps, loadId, LOAD_ATTEMPTS, error);
    if (spec.deleteFiles) await removeFiles(deps, [path]);
    throw error;
  }
}

interface QueuedLoad {
  id: string;
  organization_id: string | null;
  actor: string;
  zone: string | null;
  source: string;
  delete_files: boolean;
  attempts: number;
}

/** Claim the oldest queued (or interrupted) request for `path`, counting an attempt. */
async function claimQueuedLoad(deps: ServiceDeps, path: string): Promise<QueuedLoad | undefined> {
  const { rows } = await deps.pool.query<QueuedLoad>(
    `UPDATE "GridIntensityLoad" l SET status = 'running', attempts = l.attempts + 1
     WHERE l.id = (
       SELECT id FROM "GridIntensityLoad"
       WHERE status IN ('queued', 'running') AND files = ARRAY[$1]::text[] AND attempts < $2
       ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING l.id, l."organizationId" AS organization_id, l.actor, l.zone, l.source,
               l."deleteFiles" AS delete_files, l.attempts`,
    [path, LOAD_ATTEMPTS],
  );
  return rows[0];
}

/** Whether an organization's load request ever named `path` (then it never loads as shared). */
async function namedByPrivateRequest(deps: ServiceDeps, path: string): Promise<boolean> {
  const { rowCount } = await deps.pool.query(
    `SELECT 1 FROM "GridIntensityLoad"
     WHERE "organizationId" IS NOT NULL AND files = ARRAY[$1]::text[] LIMIT 1`,
    [path],
  );
  return (rowCount ?? 0) > 0;
}

/** GridIntensityLoad.actor of shared loads enqueued straight on the queue (operator tooling). */
export const QUEUE_ACTOR = "worker:load-grid-intensity";

/**
 * The worker's `load-grid-intensity` job. For each input's path:
 * - run every queued GridIntensityLoad request naming it (oldest first), each into the series
 *   its row names (the API's private loads: the row, written before the job was enqueued, is the
 *   authority, not the payload);
 * - a path no organization's request ever named is an operator load of the SHARED series
 *   (enqueueing needs the queue's Redis credentials, which no organization holds), audited with
 *   actor "worker:load-grid-intensity" and `options.source`;
 * - a path an organization's request named whose requests are all done (a retry or duplicate
 *   job) loads nothing: an organization's file never reaches the shared series.
 * @throws the first failing load's error after recording it (the job retries; a final failure
 *   deletes an upload).
 */
export async function loadGridIntensity(
  deps: ServiceDeps,
  inputs: GridCsvInput[],
  options: { source?: string } = {},
): Promise<GridLoadSummary> {
  const total = emptySummary();
  const add = (s: GridLoadSummary) => {
    total.files.push(...s.files);
    total.rowsRead += s.rowsRead;
    total.inserted += s.inserted;
    total.updated += s.updated;
    total.rejectedCount += s.rejectedCount;
    total.reestimatedRuns += s.reestimatedRuns;
    total.enqueued &&= s.enqueued;
    total.loadIds.push(...s.loadIds);
  };
  for (const input of inputs) {
    if (!("path" in input)) throw new TypeError("load-grid-intensity jobs load files by path");
    let ran = 0;
    for (;;) {
      const request = await claimQueuedLoad(deps, input.path);
      if (!request) break;
      const spec: LoadSpec = {
        organizationId: request.organization_id,
        actor: request.actor,
        zone: request.zone,
        source: request.source,
        deleteFiles: request.delete_files,
      };
      add(await runLoad(deps, request.id, request.attempts, spec, [input]));
      ran++;
    }
    if (ran > 0) continue;
    if (await namedByPrivateRequest(deps, input.path)) {
      deps.log.warn(
        { file: input.path },
        "an organization's grid-intensity file with no queued request; nothing loaded",
      );
      continue;
    }
    add(
      await loadSharedGridIntensity(deps, [input], {
        actor: QUEUE_ACTOR,
        ...(options.source ? { source: options.source } : {}),
      }),
    );
  }
  return total;
}
