/**
 * Job `monthly-report`: generate one organization's report of one month
 * (`generateMonthlyReport`, the same use case as `finetrace report`), stored as a new version
 * when its figures changed. When it fails for good the failure is recorded on that month's
 * Report row (its versions stay as they are). Deduplicated per (organization, month): a
 * restatement enqueued with a delay (`enqueueReportRestatements`) absorbs every later request
 * for that month until it runs (a debounce of RESTATEMENT_DELAY_MS).
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
import { generateMonthlyReport, reportTriggers } from "../../reports/generate.js";
import { reportPeriodSchema } from "../../reports/period.js";
import type { JobDeps } from "../deps.js";

export const monthlyReportPayload = z
  .object({
    organizationId: z.uuid({ error: "must be an organization id (uuid)" }),
    period: reportPeriodSchema,
    /** What asked for it (ReportVersion.trigger); absent: "requested". */
    trigger: z.enum(reportTriggers).optional(),
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
    log.info(
      { ...payload, ...result },
      result.created ? "report version stored" : "report unchanged",
    );
    return result;
  },
  onFinalFailure: (payload, reason, deps: JobDeps) =>
    markReportFailed(deps.pool, {
      organizationId: payload.organizationId,
      period: payload.period,
      reason,
    }),
});

/**
 * Enqueue (re)building one organization's report for `period` ("YYYY-MM").
 * @param options.delayMs wait this long before running (restatements: a debounce window).
 * @returns the BullMQ job id (the waiting job's id when the same report is already queued).
 * @throws InvalidJobPayloadError naming `organizationId`, `period` or `trigger`.
 */
export async function enqueueMonthlyReport(
  queues: Pick<Queues, "of">,
  payload: MonthlyReportPayload,
  options: { delayMs?: number } = {},
): Promise<string> {
  const [id] = await enqueue(
    queues,
    monthlyReportJob,
    [payload],
    options.delayMs ? { delay: options.delayMs } : {},
  );
  return id as string;
}
