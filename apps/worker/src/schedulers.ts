/**
 * The worker's BullMQ job schedulers:
 * - `monthly-report`: cron (WORKER_MONTHLY_REPORT_CRON, default 1st of the month 00:00) in
 *   WORKER_MONTHLY_REPORT_TIMEZONE; fires the fan-out job;
 * - `reconcile-pending-runs`: every WORKER_RECONCILE_EVERY_SECONDS;
 * - `fetch-grid-intensity-<zone>`: every WORKER_FETCH_GRID_INTENSITY_EVERY_MINUTES per zone, only
 *   when WORKER_FETCH_GRID_INTENSITY is on (schedulers of zones no longer configured are removed).
 *
 * Redis holds no durable state here: if it is flushed the schedulers vanish with it, so the worker
 * re-checks them on a timer (`ensureSchedulers`) and re-creates the missing ones.
 */
import type { WorkerEnv } from "@finetrace/config";
import { JOB_NAMES, type Queues, SCHEDULER_IDS } from "@finetrace/jobs";

/** Scheduler ids of the fetch schedulers start with this. */
const FETCH_PREFIX = SCHEDULER_IDS.fetchGridIntensity("");

type SchedulerEnv = Pick<
  WorkerEnv,
  | "WORKER_MONTHLY_REPORT_CRON"
  | "WORKER_MONTHLY_REPORT_TIMEZONE"
  | "WORKER_RECONCILE_EVERY_SECONDS"
  | "WORKER_FETCH_GRID_INTENSITY"
  | "WORKER_FETCH_GRID_INTENSITY_ZONES"
  | "WORKER_FETCH_GRID_INTENSITY_EVERY_MINUTES"
>;

/** Create or update every scheduler the configuration asks for; remove stale fetch schedulers. */
export async function upsertSchedulers(queues: Queues, env: SchedulerEnv): Promise<void> {
  await queues.monthlyReport.upsertJobScheduler(
    SCHEDULER_IDS.monthlyReport,
    { pattern: env.WORKER_MONTHLY_REPORT_CRON, tz: env.WORKER_MONTHLY_REPORT_TIMEZONE },
    { name: JOB_NAMES.monthlyReport.fanOut, data: {} },
  );
  await queues.reconcile.upsertJobScheduler(
    SCHEDULER_IDS.reconcile,
    { every: env.WORKER_RECONCILE_EVERY_SECONDS * 1000 },
    { name: JOB_NAMES.reconcile.reconcile, data: {} },
  );
  const zones = env.WORKER_FETCH_GRID_INTENSITY ? env.WORKER_FETCH_GRID_INTENSITY_ZONES : [];
  for (const zone of zones) {
    await queues.fetchGridIntensity.upsertJobScheduler(
      SCHEDULER_IDS.fetchGridIntensity(zone),
      { every: env.WORKER_FETCH_GRID_INTENSITY_EVERY_MINUTES * 60_000 },
      { name: JOB_NAMES.fetchGridIntensity.fetch, data: { zone } },
    );
  }
  const wanted = new Set(zones.map(SCHEDULER_IDS.fetchGridIntensity));
  for (const scheduler of await queues.fetchGridIntensity.getJobSchedulers()) {
    const id = scheduler.key;
    if (id.startsWith(FETCH_PREFIX) && !wanted.has(id)) {
      await queues.fetchGridIntensity.removeJobScheduler(id);
    }
  }
}

/**
 * Re-create the schedulers if any is missing (Redis flushed or restarted without persistence).
 * @returns true when schedulers had to be re-created.
 */
export async function ensureSchedulers(queues: Queues, env: SchedulerEnv): Promise<boolean> {
  const present = await Promise.all([
    queues.monthlyReport.getJobScheduler(SCHEDULER_IDS.monthlyReport),
    queues.reconcile.getJobScheduler(SCHEDULER_IDS.reconcile),
    ...(env.WORKER_FETCH_GRID_INTENSITY ? env.WORKER_FETCH_GRID_INTENSITY_ZONES : []).map((zone) =>
      queues.fetchGridIntensity.getJobScheduler(SCHEDULER_IDS.fetchGridIntensity(zone)),
    ),
  ]);
  if (present.every((s) => s !== undefined)) return false;
  await upsertSchedulers(queues, env);
  return true;
}
