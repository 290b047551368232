export { type GeneratedReport, generateMonthlyReport } from "./reports/generate.js";
export { type StartWorkerOptions, startWorker, type WorkerHandle } from "./start-worker.js";
