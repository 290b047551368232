export { type StartWorkerOptions, startWorker, type WorkerHandle } from "./start-worker.js";
