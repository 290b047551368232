/**
 * `finetrace report --org <slug> --month YYYY-MM [--format csv|html|pdf|json] [--output file]`:
 * (re)generate a month's report through the worker's `monthly-report` job and print it. A worker
 * is started in this process for the job (so the command works without `finetrace serve`); any
 * other running worker may take the job instead, which is equally fine.
 */
import { writeFile } from "node:fs/promises";
import { loadConfig, workerEnvSchema } from "@finetrace/config";
import { enqueueMonthlyReport } from "@finetrace/jobs";
import { startWorker } from "@finetrace/worker";
import { cliEnv, organizationBySlug, withPrisma, withQueues } from "../context.js";
import { UsageError } from "../errors.js";
import type { Io } from "../program.js";

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
const waitLimitMs = 120_000;
const pollEveryMs = 250;

export interface ReportOptions {
  org: string;
  month: string;
  format: "csv" | "html" | "pdf" | "json";
  output?: string;
}

export async function reportCommand(io: Io, options: ReportOptions): Promise<void> {
  if (!monthPattern.test(options.month)) {
    throw new UsageError(`--month: "${options.month}" must be a month YYYY-MM, e.g. 2024-07`);
  }
  if (options.format === "pdf" && !options.output && process.stdout.isTTY) {
    throw new UsageError("--format pdf: pass --output <file> (or redirect stdout to a file)");
  }
  const env = cliEnv();
  const report = await withPrisma(env, async (prisma) => {
    const org = await organizationBySlug(prisma, options.org);
    const requestedAt = new Date();
    const worker = await startWorker(
      loadConfig(workerEnvSchema, {
        ...process.env,
        LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
        WORKER_METRICS_PORT: process.env.WORKER_METRICS_PORT ?? "0",
      }),
    );
    try {
      await withQueues(env, (queues) =>
        enqueueMonthlyReport(queues, { organizationId: org.id, period: options.month }),
      );
      const deadline = Date.now() + waitLimitMs;
      for (;;) {
        const row = await prisma.report.findUnique({
          where: { organizationId_period: { organizationId: org.id, period: options.month } },
        });
        const fresh = row?.generatedAt && row.generatedAt >= requestedAt;
        if (row?.status === "FAILED" && fresh) {
          throw new Error(
            `report ${options.month} failed: ${row.failureReason ?? "unknown reason"}`,
          );
        }
        if (row?.status === "READY" && fresh) return row;
        if (Date.now() > deadline)
          throw new Error(`report ${options.month}: not ready after ${waitLimitMs / 1000} s`);
        await new Promise((r) => setTimeout(r, pollEveryMs));
      }
    } finally {
      await worker.close();
    }
  });

  let content: string | Buffer;
  switch (options.format) {
    case "csv":
      content = report.csv ?? "";
      break;
    case "html":
      content = report.html ?? "";
      break;
    case "pdf":
      content = Buffer.from(report.pdf ?? new Uint8Array());
      break;
    case "json": {
      const { csv, html, pdf, ...rest } = report;
      content = `${JSON.stringify(rest, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`;
      break;
    }
  }
  if (options.output) {
    await writeFile(options.output, content);
    io.err(`report ${options.month} (${options.format}) written to ${options.output}`);
  } else {
    process.stdout.write(content);
  }
}
