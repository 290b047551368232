/**
 * Job `monthly-report`: generate and store one organization's report of one month
 * (`generateMonthlyReport`, the same use case as `finetrace report`). When it fails for good the
 * failure is recorded on that month's Report row.
 */
import { markReportFailed } from "@finetrace/db";
import {
  defineJob,
  enqueue,
  type JobContext,
  type Queues,
  retriedWithBackoff,
} from "@finetrace/jobs";
import { z } from "zod";
import { generateMonthlyReport } from "../../reports/generate.js";
import { reportPeriodSchema } from "../../reports/period.js";
import type { JobDeps } from "../deps.js";

export const monthlyReportPayload = z
  .object({
    organizationId: z.uuid({ error: "must be an organization id (uuid)" }),
    period: reportPeriodSchema,
  })
  .strict();
export type MonthlyReportPayload = z.infer<typeof monthlyReportPayload>;

export const monthlyReportJob = defineJob({
  name: "monthly-report",
  payload: monthlyReportPayload,
  options: retriedWithBackoff(5, 10_000),
  deduplicationId: (p) => `report-${p.organizationId}-${p.period}`,
  handle: async (payload, { deps, log }: JobContext<JobDeps>) => {
    const result = await generateMonthlyReport(deps.pool, payload);
    log.info({ ...payload, ...result }, "monthly report stored");
    return result;
  },
  onFinalFailure: (payload, reason, deps: JobDeps) =>
    markReportFailed(deps.pool, { ...payload, reason }),
});

/**
 * Enqueue (re)building one organization's report for `period` ("YYYY-MM").
 * @returns the BullMQ job id (the waiting job's id when the same report is already queued).
 * @throws InvalidJobPayloadError naming `organizationId` or `period`.
 */
export async function enqueueMonthlyReport(
  queues: Pick<Queues, "of">,
  payload: { organizationId: string; period: string },
): Promise<string> {
  const [id] = await enqueue(queues, monthlyReportJob, [payload]);
  return id as string;
}
