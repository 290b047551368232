/**
 * Use case "estimate a batch": one batch of run ids -> one transaction.
 *
 * 1. lock the batch's runs that are still PENDING (one SELECT, with org settings), skipping runs
 *    another batch holds, and read their chains' members for the chain rule;
 * 2. normalize each disclosure (pure);
 * 3. look up the start-hour and mean grid intensity of every run (one query for the batch);
 * 4. estimate each run (pure); a run whose disclosure cannot be normalized or estimated is
 *    marked FAILED with the estimator's `field: problem` message, the others still land;
 * 5. retire the previous current estimates (re-estimations only), write all estimates (COPY +
 *    one INSERT, provenance documents content-addressed), mark runs ESTIMATED / FAILED, commit.
 * Re-running a batch (retry, duplicate, overlapping batch) estimates nothing twice: runs that are
 * no longer PENDING or are locked are skipped. Called by the worker's `estimate-runs` job.
 */
import {
  type ClaimedRun,
  claimPendingRuns,
  type EstimateRow,
  estimateToRow,
  lookupIntensities,
  markRunsFailed,
  storeEstimates,
  withTransaction,
} from "@finetrace/db";
import {
  EstimatorInputError,
  estimateNormalized,
  type NormalizedRun,
  normalizeDisclosure,
  runHourWindow,
} from "@finetrace/estimator";
import type pg from "pg";
import type { ServiceDeps } from "../deps.js";
import { successorStartsOfClaimed } from "./chain-successors.js";

export interface EstimateBatchResult {
  estimated: number;
  failed: number;
  /** Ids of the batch that were not PENDING (already estimated) or locked by another batch. */
  skipped: number;
  /** Wall time of each phase, ms (logged; BENCHMARKS.md breaks the batch latency down). */
  timingsMs: { claim: number; estimate: number; intensity: number; write: number };
}

interface Normalized {
  run: ClaimedRun;
  inputs: NormalizedRun;
  window: { startUtc: Date; endUtc: Date };
}

/** Collects runs that cannot be estimated, with their `field: problem` reason. */
class Failures {
  readonly list: { runId: string; reason: string }[] = [];
  constructor(private readonly log: ServiceDeps["log"]) {}
  add(run: ClaimedRun, error: unknown): void {
    if (!(error instanceof EstimatorInputError)) {
      this.log.error({ err: error, runId: run.runId }, "unexpected error while estimating a run");
    }
    this.list.push({
      runId: run.runId,
      reason: error instanceof Error ? error.message : String(error),
    });
  }
}

function normalizeAll(claimed: readonly ClaimedRun[], failures: Failures): Normalized[] {
  const out: Normalized[] = [];
  for (const run of claimed) {
    try {
      const inputs = normalizeDisclosure(run.disclosure, { organization: run.organization });
      const w = runHourWindow(inputs);
      out.push({
        run,
        inputs,
        window: { startUtc: new Date(w.startHourUtc), endUtc: new Date(w.endHourUtcExclusive) },
      });
    } catch (error) {
      failures.add(run, error);
    }
  }
  return out;
}

function estimateAll(
  normalized: readonly Normalized[],
  intensities: Awaited<ReturnType<typeof lookupIntensities>>,
  successors: Map<string, string>,
  failures: Failures,
): { rows: EstimateRow[]; previousEstimateIds: string[] } {
  const rows: EstimateRow[] = [];
  const previousEstimateIds: string[] = [];
  for (const { run, inputs } of normalized) {
    try {
      const nextRunStartUtc = successors.get(run.runId);
      const estimate = estimateNormalized(
        inputs,
        intensities.get(run.runId) ?? null,
        nextRunStartUtc ? { nextRunStartUtc } : {},
      );
      rows.push(estimateToRow(run.runId, run.organizationId, estimate));
      if (run.currentEstimateId) previousEstimateIds.push(run.currentEstimateId);
    } catch (error) {
      failures.add(run, error);
    }
  }
  return { rows, previousEstimateIds };
}

async function estimateInTransaction(
  client: pg.PoolClient,
  { pool, log }: ServiceDeps,
  runIds: readonly string[],
): Promise<EstimateBatchResult> {
  const t0 = performance.now();
  const claimed = await claimPendingRuns(client, runIds);
  const successors = await successorStartsOfClaimed(client, claimed);
  const t1 = performance.now();
  const failures = new Failures(log);
  const normalized = normalizeAll(claimed, failures);
  const t2 = performance.now();
  const intensities = await lookupIntensities(
    pool,
    normalized.map(({ run, inputs, window }) => ({
      key: run.runId,
      zone: inputs.gridZone,
      // An organization's private hourly series, where it has one, prices its runs (ADR 0060).
      organizationId: run.organizationId,
      ...window,
    })),
  );
  const t3 = performance.now();
  const { rows, previousEstimateIds } = estimateAll(normalized, intensities, successors, failures);
  const t4 = performance.now();
  await storeEstimates(client, rows, previousEstimateIds);
  await markRunsFailed(client, failures.list);
  return {
    estimated: rows.length,
    failed: failures.list.length,
    skipped: runIds.length - claimed.length,
    timingsMs: {
      claim: Math.round(t1 - t0),
      estimate: Math.round(t2 - t1 + (t4 - t3)),
      intensity: Math.round(t3 - t2),
      write: Math.round(performance.now() - t4),
    },
  };
}

/**
 * Errors caused by a stored value rather than the infrastructure: SQLSTATE class 22 (data
 * exception, e.g. 22003 numeric field overflow, 22008 datetime out of range) and 23 (integrity
 * constraint). Retrying the same batch cannot fix them, so the batch is split to find the run.
 */
function isDataError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("22") || code.startsWith("23"));
}

const sum = (a: EstimateBatchResult, b: EstimateBatchResult): EstimateBatchResult => ({
  estimated: a.estimated + b.estimated,
  failed: a.failed + b.failed,
  skipped: a.skipped + b.skipped,
  timingsMs: {
    claim: a.timingsMs.claim + b.timingsMs.claim,
    estimate: a.timingsMs.estimate + b.timingsMs.estimate,
    intensity: a.timingsMs.intensity + b.timingsMs.intensity,
    write: a.timingsMs.write + b.timingsMs.write,
  },
});

/** Mark one run FAILED (if still PENDING) with the reason its estimate could not be stored. */
async function failUnstorable(
  deps: ServiceDeps,
  runId: string,
  error: Error,
): Promise<EstimateBatchResult> {
  const reason = `estimate could not be stored: ${error.message}`;
  await withTransaction(deps.pool, (client) => markRunsFailed(client, [{ runId, reason }]));
  deps.log.warn({ runId, reason }, "run marked FAILED: its estimate is not storable");
  return {
    estimated: 0,
    failed: 1,
    skipped: 0,
    timingsMs: { claim: 0, estimate: 0, intensity: 0, write: 0 },
  };
}

/**
 * Estimate the PENDING runs among `runIds` (see the module doc). A batch whose write fails on a
 * stored value (a poison run: `isDataError`) is split in halves, each estimated in its own
 * transaction, down to the single run, which is marked FAILED with the database's reason: the
 * rest of the batch lands in the same job (at most 2 log2(n) extra transactions per poison run),
 * and one organization's bad run never holds back another's runs batched with it.
 * @throws on infrastructure errors (connection lost, deadlock): nothing of the batch is written
 *   then and the job retries it.
 */
export async function estimateRunBatch(
  deps: ServiceDeps,
  runIds: readonly string[],
): Promise<EstimateBatchResult> {
  try {
    return await withTransaction(deps.pool, (client) =>
      estimateInTransaction(client, deps, runIds),
    );
  } catch (error) {
    if (!isDataError(error)) throw error;
    if (runIds.length === 1) return failUnstorable(deps, runIds[0] as string, error);
    const half = Math.ceil(runIds.length / 2);
    const first = await estimateRunBatch(deps, runIds.slice(0, half));
    return sum(first, await estimateRunBatch(deps, runIds.slice(half)));
  }
}
