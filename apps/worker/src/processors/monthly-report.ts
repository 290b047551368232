/**
 * `monthly-report`:
 * - `fan-out` (fired by the cron job scheduler): one `organization` job per organization for the
 *   month before the firing time (in the scheduler's timezone), or for `period` when given;
 * - `organization`: generate and store one organization's report of a month
 *   (`generateMonthlyReport`, ../reports/generate.ts); re-running replaces it.
 */
import { listOrganizationIds } from "@finetrace/db";
import {
  enqueueMonthlyReport,
  type MonthlyReportFanOutPayload,
  type MonthlyReportPayload,
} from "@finetrace/jobs";
import type { JobContext, WorkerDeps } from "../context.js";
import { type GeneratedReport, generateMonthlyReport } from "../reports/generate.js";

/** "YYYY-MM" of the month before the one containing `instant` in `timezone`. */
export function previousMonth(instant: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    year: "numeric",
    month: "numeric",
  }).formatToParts(instant);
  const year = Number(parts.find((p) => p.type === "year")?.value);
  const month = Number(parts.find((p) => p.type === "month")?.value);
  const prevYear = month === 1 ? year - 1 : year;
  const prevMonth = month === 1 ? 12 : month - 1;
  return `${prevYear}-${String(prevMonth).padStart(2, "0")}`;
}

export async function processMonthlyReportFanOut(
  payload: MonthlyReportFanOutPayload,
  { env, pool, queues }: WorkerDeps,
  { job, log }: JobContext,
): Promise<{ period: string; organizations: number }> {
  // A scheduled job is created ahead of time with a delay: timestamp + delay = its firing time.
  const firedAt = new Date(job.timestamp + (job.opts.delay ?? 0));
  const period = payload.period ?? previousMonth(firedAt, env.WORKER_MONTHLY_REPORT_TIMEZONE);
  const organizationIds = await listOrganizationIds(pool);
  for (const organizationId of organizationIds) {
    await enqueueMonthlyReport(queues, { organizationId, period });
  }
  log.info({ period, organizations: organizationIds.length }, "monthly reports enqueued");
  return { period, organizations: organizationIds.length };
}

export async function processMonthlyReport(
  payload: MonthlyReportPayload,
  { pool }: WorkerDeps,
  { log }: JobContext,
): Promise<GeneratedReport> {
  const result = await generateMonthlyReport(pool, payload);
  log.info({ ...payload, ...result }, "monthly report stored");
  return result;
}
