/**
 * The worker's BullMQ job schedulers, taken from the job definitions that declare `schedules`
 * (monthly report fan-out on a cron, the reconciler on an interval, one Electricity Maps pull
 * per configured zone). Schedulers of a definition's prefix that the configuration no longer
 * wants are removed.
 *
 * Redis holds no durable state here: if it is flushed the schedulers vanish with it, so the worker
 * re-checks them on a timer (`ensureSchedulers`) and re-creates the missing ones.
 */
import type { WorkerEnv } from "@finetrace/config";
import { type FinetraceQueues, jobDefinitions } from "@finetrace/services";

const scheduled = Object.values(jobDefinitions).filter((d) => d.schedules !== undefined);

/** Create or update every scheduler the configuration asks for; remove stale ones. */
export async function upsertSchedulers(queues: FinetraceQueues, env: WorkerEnv): Promise<void> {
  for (const def of scheduled) {
    const queue = queues.of(def);
    const wanted = def.schedules?.wanted(env) ?? [];
    for (const s of wanted) {
      await queue.upsertJobScheduler(s.id, s.repeat, { name: def.name, data: s.data });
    }
    const ids = new Set(wanted.map((s) => s.id));
    for (const existing of await queue.getJobSchedulers()) {
      if (existing.key.startsWith(def.schedules?.prefix ?? "\u0000") && !ids.has(existing.key)) {
        await queue.removeJobScheduler(existing.key);
      }
    }
  }
}

/**
 * Re-create the schedulers if any is missing (Redis flushed or restarted without persistence).
 * @returns true when schedulers had to be re-created.
 */
export async function ensureSchedulers(queues: FinetraceQueues, env: WorkerEnv): Promise<boolean> {
  const present = await Promise.all(
    scheduled.flatMap((def) =>
      (def.schedules?.wanted(env) ?? []).map((s) => queues.of(def).getJobScheduler(s.id)),
    ),
  );
  if (present.every((s) => s !== undefined)) return false;
  await upsertSchedulers(queues, env);
  return true;
}
