/**
 * A small pool of worker threads answering jobs in submission order. Each job goes to the
 * worker with the fewest jobs outstanding; each worker answers its jobs in the order received
 * (`{ seq, result }` or `{ seq, error }`); `submit` returns the job's answer. The caller bounds
 * memory by how many answers it leaves unawaited. A worker may also ask the main thread for
 * something (`{ request: { id, body } }`, e.g. a shared data file): `onRequest` answers, and the
 * answer goes back as `{ reply: { id, result } }` or `{ reply: { id, error } }`.
 */
import { type ResourceLimits, type Transferable, Worker } from "node:worker_threads";

interface Pending<Result> {
  resolve(result: Result): void;
  reject(error: Error): void;
}

interface PooledWorker<Result> {
  worker: Worker;
  pending: Map<number, Pending<Result>>;
}

/** A job failed in a worker (its message and the worker's stack). */
export class WorkerJobError extends Error {
  constructor(message: string, workerStack?: string) {
    super(message);
    this.name = "WorkerJobError";
    if (workerStack) this.stack = workerStack;
  }
}

type WorkerMessage<Result> =
  | { seq: number; result?: Result; error?: { message: string; stack?: string } }
  | { request: { id: number; body: unknown } };

export class WorkerPool<Job, Result> {
  private readonly workers: PooledWorker<Result>[] = [];
  private seq = 0;
  private failure: Error | null = null;

  /**
   * @param entry the worker's module (a .js or .cjs file).
   * @param size worker count (>= 1).
   */
  constructor(
    entry: URL,
    size: number,
    workerData: unknown,
    options: {
      resourceLimits?: ResourceLimits;
      onRequest?: (body: unknown) => Promise<unknown>;
    } = {},
  ) {
    const { resourceLimits, onRequest } = options;
    for (let i = 0; i < size; i++) {
      const pooled: PooledWorker<Result> = {
        worker: new Worker(entry, { workerData, resourceLimits }),
        pending: new Map(),
      };
      pooled.worker.on("message", (message: WorkerMessage<Result>) => {
        if ("request" in message) {
          const { id, body } = message.request;
          const answer = onRequest
            ? onRequest(body)
            : Promise.reject(new Error("this pool answers no requests"));
          answer.then(
            (result) => pooled.worker.postMessage({ reply: { id, result } }),
            (error: Error) =>
              pooled.worker.postMessage({ reply: { id, error: { message: error.message } } }),
          );
          return;
        }
        const pending = pooled.pending.get(message.seq);
        if (!pending) return;
        pooled.pending.delete(message.seq);
        if (message.error)
          pending.reject(new WorkerJobError(message.error.message, message.error.stack));
        else pending.resolve(message.result as Result);
      });
      const fail = (error: Error) => {
        this.failure ??= error;
        for (const pending of pooled.pending.values()) pending.reject(error);
        pooled.pending.clear();
      };
      pooled.worker.on("error", fail);
      pooled.worker.on("exit", (code) => {
        if (pooled.pending.size > 0) fail(new Error(`estimate worker exited (code ${code})`));
      });
      this.workers.push(pooled);
    }
  }

  /** Run `job` on the least busy worker; `transfer` lists buffers moved (not copied) to it. */
  submit(job: Job, transfer: Transferable[] = []): Promise<Result> {
    if (this.failure) return Promise.reject(this.failure);
    const target = this.leastBusy();
    const seq = this.seq++;
    return new Promise<Result>((resolve, reject) => {
      target.pending.set(seq, { resolve, reject });
      target.worker.postMessage({ seq, job }, transfer);
    });
  }

  /** Send `message` to the least busy worker, expecting no answer (e.g. a buffer to reuse). */
  post(message: unknown, transfer: Transferable[] = []): void {
    if (this.failure) return;
    this.leastBusy().worker.postMessage(message, transfer);
  }

  private leastBusy(): PooledWorker<Result> {
    let target = this.workers[0] as PooledWorker<Result>;
    for (const pooled of this.workers) {
      if (pooled.pending.size < target.pending.size) target = pooled;
    }
    return target;
  }

  /** Stop every worker (outstanding jobs are abandoned). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}
