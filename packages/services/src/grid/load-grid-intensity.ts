/**
 * Use case "load grid intensity": COPY Electricity Maps hourly CSVs into the time-series table
 * in one transaction (`loadGridIntensityFiles`: a bad file aborts all, named in the error), then
 * put back to PENDING the runs whose current estimate used an annual fallback for hours that now
 * have hourly data, and enqueue their re-estimation. Called by `finetrace grid load`, the
 * worker's `load-grid-intensity` job and the Electricity Maps pull.
 *
 * If enqueueing fails after the load (Redis down), the runs stay PENDING in Postgres and the
 * worker's reconciler re-enqueues them: the load still succeeds (`enqueued: false`).
 */
import {
  type GridCsvInput,
  type GridLoadResult,
  loadGridIntensityFiles,
  markFallbackRunsForReestimation,
} from "@finetrace/db";
import type { ServiceDeps } from "../deps.js";
import { enqueueEstimateRuns } from "../jobs/definitions/estimate-runs.js";

/** Rejected rows kept per file in a summary (a bad file can have ~10^5). */
const REJECTED_SHOWN = 20;

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
  /** Runs sent back to estimation because hourly data now covers their start hour. */
  reestimatedRuns: number;
  /** False when the re-estimation could not be enqueued (the reconciler will pick it up). */
  enqueued: boolean;
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

/** Mark and enqueue the fallback runs the loaded hours change. @returns how many. */
async function reestimateFallbackRuns(
  deps: ServiceDeps,
  results: readonly GridLoadResult[],
): Promise<{ runIds: string[]; enqueued: boolean }> {
  const runIds = new Set<string>();
  for (const r of results) {
    if (!r.fromHourUtc || !r.toHourUtc || r.zones.length === 0) continue;
    const ids = await markFallbackRunsForReestimation(deps.pool, {
      zones: r.zones,
      fromHourUtc: r.fromHourUtc,
      toHourUtc: r.toHourUtc,
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

/**
 * Load `inputs` and re-estimate what the new hours change.
 * @param options.source recorded in GridIntensityHour.source (default: the loader's)
 * @param options.onProgress (file index, rows read) once each file's COPY is done
 * @throws GridCsvHeaderError / GridCsvFormatError naming the file; nothing is written then.
 */
export async function loadGridIntensity(
  deps: ServiceDeps,
  inputs: GridCsvInput[],
  options: { source?: string; onProgress?: (fileIndex: number, rowsRead: number) => void } = {},
): Promise<GridLoadSummary> {
  const loaded = await loadGridIntensityFiles(deps.pool, inputs, options);
  const { runIds, enqueued } = await reestimateFallbackRuns(deps, loaded.files);
  return {
    files: loaded.files.map((r, i) => summarizeFile(inputs[i] as GridCsvInput, r)),
    rowsRead: loaded.rowsRead,
    inserted: loaded.inserted,
    updated: loaded.updated,
    rejectedCount: loaded.rejectedCount,
    reestimatedRuns: runIds.length,
    enqueued,
  };
}
