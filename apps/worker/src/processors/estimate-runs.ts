/**
 * `estimate-runs`: one batch of run ids -> one transaction.
 *
 * 1. lock the batch's runs that are still PENDING (one SELECT, with org settings and each
 *    chained run's successor start), skipping runs another batch holds;
 * 2. normalize each disclosure (pure);
 * 3. look up the start-hour and mean grid intensity of every run (one query for the batch);
 * 4. estimate each run (pure); a run whose disclosure cannot be normalized or estimated is
 *    marked FAILED with the estimator's `field: problem` message, the others still land;
 * 5. retire the previous current estimates (re-estimations only), write all estimates (COPY +
 *    one INSERT, provenance documents content-addressed), mark runs ESTIMATED / FAILED, and
 *    commit.
 * Re-running the job (retry, duplicate, overlapping batch) estimates nothing twice: runs that are
 * no longer PENDING or are locked are skipped.
 */
import {
  type ClaimedRun,
  claimPendingRuns,
  type EstimateRow,
  estimateToRow,
  lookupIntensities,
  markRunsFailed,
  storeEstimates,
} from "@finetrace/db";
import {
  EstimatorInputError,
  estimateNormalized,
  type NormalizedRun,
  normalizeDisclosure,
  runHourWindow,
} from "@finetrace/estimator";
import type { EstimateRunsPayload } from "@finetrace/jobs";
import type { JobContext, WorkerDeps } from "../context.js";

export interface EstimateBatchResult {
  estimated: number;
  failed: number;
  /** Ids of the payload that were not PENDING (already estimated) or locked by another batch. */
  skipped: number;
  /** Wall time of each phase, ms (logged; BENCHMARKS.md breaks the batch latency down). */
  timingsMs: { claim: number; estimate: number; intensity: number; write: number };
}

function failureReason(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export async function processEstimateRuns(
  payload: EstimateRunsPayload,
  { pool, metrics }: WorkerDeps,
  { log }: JobContext,
): Promise<EstimateBatchResult> {
  const client = await pool.connect();
  const t0 = performance.now();
  try {
    await client.query("BEGIN");
    const claimed = await claimPendingRuns(client, payload.runIds);
    const t1 = performance.now();

    const failures: { runId: string; reason: string }[] = [];
    const fail = (run: ClaimedRun, error: unknown) => {
      if (!(error instanceof EstimatorInputError)) {
        log.error({ err: error, runId: run.runId }, "unexpected error while estimating a run");
      }
      failures.push({ runId: run.runId, reason: failureReason(error) });
    };
    const normalized: { run: ClaimedRun; inputs: NormalizedRun }[] = [];
    for (const run of claimed) {
      try {
        normalized.push({
          run,
          inputs: normalizeDisclosure(run.disclosure, { organization: run.organization }),
        });
      } catch (error) {
        fail(run, error);
      }
    }
    const t2 = performance.now();
    const intensities = await lookupIntensities(
      pool,
      normalized.map(({ run, inputs }) => {
        const window = runHourWindow(inputs);
        return {
          key: run.runId,
          zone: inputs.gridZone,
          startUtc: new Date(window.startHourUtc),
          endUtc: new Date(window.endHourUtcExclusive),
        };
      }),
    );
    const t3 = performance.now();
    const rows: EstimateRow[] = [];
    const previousEstimateIds: string[] = [];
    for (const { run, inputs } of normalized) {
      try {
        const estimate = estimateNormalized(
          inputs,
          intensities.get(run.runId) ?? null,
          run.nextRunStartUtc ? { nextRunStartUtc: run.nextRunStartUtc } : {},
        );
        rows.push(estimateToRow(run.runId, run.organizationId, estimate));
        if (run.currentEstimateId) previousEstimateIds.push(run.currentEstimateId);
      } catch (error) {
        fail(run, error);
      }
    }
    const t4 = performance.now();
    await storeEstimates(client, rows, previousEstimateIds);
    await markRunsFailed(client, failures);
    await client.query("COMMIT");
    const t5 = performance.now();

    const result: EstimateBatchResult = {
      estimated: rows.length,
      failed: failures.length,
      skipped: payload.runIds.length - claimed.length,
      timingsMs: {
        claim: Math.round(t1 - t0),
        estimate: Math.round(t2 - t1 + (t4 - t3)),
        intensity: Math.round(t3 - t2),
        write: Math.round(t5 - t4),
      },
    };
    metrics.runs.inc({ outcome: "estimated" }, result.estimated);
    metrics.runs.inc({ outcome: "failed" }, result.failed);
    metrics.runs.inc({ outcome: "skipped" }, result.skipped);
    log.info({ reason: payload.reason, runs: payload.runIds.length, ...result }, "batch estimated");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
