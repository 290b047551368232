/** The queues of every Finetrace job (one per definition), keyed like `jobDefinitions`. */
import { createQueues as createJobQueues, type Queues, type QueuesOptions } from "@finetrace/jobs";
import { type JobKey, jobDefinitions } from "./definitions/index.js";

export type FinetraceQueues = Queues<JobKey>;

/** Create the queues (connections open lazily; call `close()` when done). */
export function createQueues(options: QueuesOptions): FinetraceQueues {
  return createJobQueues(jobDefinitions, options);
}
