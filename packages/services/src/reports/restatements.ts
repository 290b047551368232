/**
 * Restatements: when runs of a month that already has a report are (re-)estimated (late or new
 * grid data re-prices fallback runs, a method change, a changed disclosure, a late run), that
 * month's report is regenerated; if its figures changed, a new version records the diff and its
 * causes (docs/adr/0095-report-versions-and-restatements.md). Called by the `estimate-runs` job
 * after each batch; the regeneration is the `monthly-report` job, enqueued with a delay so a
 * grid load that re-estimates a month in many batches yields one new version, not one per batch.
 */
import { reportedMonthsOfRuns, reportedMonthsOverlapping } from "@finetrace/db";
import type { ServiceDeps } from "../deps.js";
import { enqueueMonthlyReport } from "../jobs/definitions/monthly-report.js";

/**
 * Debounce window of a restatement, ms: the regeneration runs this long after the first
 * re-estimated batch of its month (later batches within it join the same job). Set from the
 * re-estimation of a 10^5-run month (tens of seconds, BENCHMARKS.md) rather than measured.
 */
export const RESTATEMENT_DELAY_MS = 60_000;

/**
 * Enqueue the regeneration of every reported (organization, month) that holds the current
 * estimate of one of `runIds`.
 * @returns the months enqueued.
 * @throws when Postgres or Redis fails (the estimate job then retries: its batch is already
 *   committed and is skipped, and the restatement is enqueued again).
 */
export async function enqueueReportRestatements(
  deps: Pick<ServiceDeps, "pool" | "queues">,
  runIds: readonly string[],
  options: { delayMs?: number } = {},
): Promise<{ organizationId: string; period: string }[]> {
  return enqueueMonths(deps, await reportedMonthsOfRuns(deps.pool, runIds), options);
}

/**
 * Enqueue the regeneration of `organizationId`'s reported months that overlap
 * [fromUtc, toUtc): for changes of market-based inputs (an instrument's validity period, a
 * residual-mix factor's year), which re-estimate no run.
 * @returns the months enqueued. @throws when Postgres or Redis fails.
 */
export async function enqueueReportRestatementsOverlapping(
  deps: Pick<ServiceDeps, "pool" | "queues">,
  range: { organizationId: string; fromUtc: Date; toUtc: Date },
  options: { delayMs?: number } = {},
): Promise<{ organizationId: string; period: string }[]> {
  return enqueueMonths(deps, await reportedMonthsOverlapping(deps.pool, range), options);
}

async function enqueueMonths(
  deps: Pick<ServiceDeps, "queues">,
  months: { organizationId: string; period: string }[],
  options: { delayMs?: number },
): Promise<{ organizationId: string; period: string }[]> {
  for (const m of months) {
    await enqueueMonthlyReport(
      deps.queues,
      { ...m, trigger: "restatement" },
      { delayMs: options.delayMs ?? RESTATEMENT_DELAY_MS },
    );
  }
  return months;
}
