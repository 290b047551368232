/**
 * Job `monthly-report-fan-out`, fired by a cron scheduler (WORKER_MONTHLY_REPORT_CRON in
 * WORKER_MONTHLY_REPORT_TIMEZONE, default 00:00 on the 1st): one `monthly-report` job per
 * organization for the month before the firing time, or for `period` when given.
 */
import { listOrganizationIds } from "@finetrace/db";
import {
  defineJob,
  enqueue,
  type JobContext,
  type Queues,
  retriedWithBackoff,
} from "@finetrace/jobs";
import { z } from "zod";
import { previousMonth, reportPeriodSchema } from "../../reports/period.js";
import type { JobDeps } from "../deps.js";
import { enqueueMonthlyReport } from "./monthly-report.js";

export const monthlyReportFanOutPayload = z
  .object({
    /** Month to report; absent = the month before the scheduler fired (cron run). */
    period: reportPeriodSchema.optional(),
  })
  .strict();
export type MonthlyReportFanOutPayload = z.infer<typeof monthlyReportFanOutPayload>;

export const monthlyReportFanOutJob = defineJob({
  name: "monthly-report-fan-out",
  payload: monthlyReportFanOutPayload,
  options: retriedWithBackoff(5, 10_000),
  schedules: {
    prefix: "monthly-report",
    wanted: (env: JobDeps["env"]) => [
      {
        id: "monthly-report",
        repeat: { pattern: env.WORKER_MONTHLY_REPORT_CRON, tz: env.WORKER_MONTHLY_REPORT_TIMEZONE },
        data: {},
      },
    ],
  },
  handle: async (payload, { deps, job, log }: JobContext<JobDeps>) => {
    // A scheduled job is created ahead of time with a delay: timestamp + delay = firing time.
    const firedAt = new Date(job.timestamp + (job.opts.delay ?? 0));
    const period =
      payload.period ?? previousMonth(firedAt, deps.env.WORKER_MONTHLY_REPORT_TIMEZONE);
    const organizationIds = await listOrganizationIds(deps.pool);
    for (const organizationId of organizationIds) {
      await enqueueMonthlyReport(deps.queues, { organizationId, period, trigger: "scheduled" });
    }
    log.info({ period, organizations: organizationIds.length }, "monthly reports enqueued");
    return { period, organizations: organizationIds.length };
  },
});

/** Enqueue a fan-out now (for `period`, or the month before now). @returns the job id. */
export async function enqueueMonthlyReportFanOut(
  queues: Pick<Queues, "of">,
  payload: { period?: string } = {},
): Promise<string> {
  const [id] = await enqueue(queues, monthlyReportFanOutJob, [payload]);
  return id as string;
}
