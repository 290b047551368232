/**
 * Prometheus metrics of the worker (prom-client), served as text on `GET /metrics`.
 *
 * - `finetrace_worker_jobs_processed_total{queue}`: jobs that completed.
 * - `finetrace_worker_jobs_failed_total{queue,final}`: failed attempts; `final="true"` when no
 *   attempt is left (the job stays in the failed set for inspection).
 * - `finetrace_worker_job_duration_seconds{queue}`: processing time per job (for
 *   `estimate-runs`, the latency of one batch: load, estimate, write, commit).
 * - `finetrace_worker_runs_total{outcome}`: runs estimated / marked FAILED / skipped (no longer
 *   PENDING, or locked by an overlapping batch).
 * plus prom-client's default process metrics (CPU, memory, event-loop lag).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { bearerMatches } from "@finetrace/config";
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

export interface WorkerMetrics {
  registry: Registry;
  jobsProcessed: Counter<"queue">;
  jobsFailed: Counter<"queue" | "final">;
  jobDurationSeconds: Histogram<"queue">;
  runs: Counter<"outcome">;
}

export function createMetrics(): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "finetrace_worker_" });
  return {
    registry,
    jobsProcessed: new Counter({
      name: "finetrace_worker_jobs_processed_total",
      help: "Jobs completed, by queue.",
      labelNames: ["queue"],
      registers: [registry],
    }),
    jobsFailed: new Counter({
      name: "finetrace_worker_jobs_failed_total",
      help: "Failed job attempts, by queue; final=true when the job will not be retried.",
      labelNames: ["queue", "final"],
      registers: [registry],
    }),
    jobDurationSeconds: new Histogram({
      name: "finetrace_worker_job_duration_seconds",
      help: "Processing time of one job (one batch for estimate-runs), seconds.",
      labelNames: ["queue"],
      // 10 ms .. ~82 s: a 5,000-run batch takes a few hundred ms; a year of one zone's CSV ~1 s.
      buckets: [
        0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
      ],
      registers: [registry],
    }),
    runs: new Counter({
      name: "finetrace_worker_runs_total",
      help: "Runs handled by estimate-runs jobs, by outcome (estimated, failed, skipped).",
      labelNames: ["outcome"],
      registers: [registry],
    }),
  };
}

export interface MetricsServer {
  /** The bound port (useful when started on port 0). */
  port: number;
  close(): Promise<void>;
}

/** Serve `registry` on `http://host:port/metrics`. */
export async function startMetricsServer(
  registry: Registry,
  { host, port, token }: { host: string; port: number; token?: string },
): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found; try GET /metrics\n");
      return;
    }
    if (token && !bearerMatches(req.headers.authorization, token)) {
      res
        .writeHead(401, { "content-type": "text/plain", "www-authenticate": "Bearer" })
        .end("METRICS_TOKEN is set: send Authorization: Bearer <token>\n");
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { "content-type": registry.contentType }).end(text),
      (error: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(String(error)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
