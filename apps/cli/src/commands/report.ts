/**
 * `finetrace report --org <slug> --month YYYY-MM [--format csv|html|pdf|json] [--output file]`:
 * (re)generate a month's report in this process (`generateMonthlyReport`, the same code as the
 * worker's `monthly-report` job; it replaces the stored report of that month) and print or save
 * it. Needs Postgres only: no Redis, no running worker.
 */
import { writeFile } from "node:fs/promises";
import { generateMonthlyReport } from "@finetrace/services";
import { cliEnv, organizationBySlug, withPool, withPrisma } from "../context.js";
import { UsageError } from "../errors.js";
import type { Io } from "../program.js";

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

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
    const { reportId } = await withPool(env, (pool) =>
      generateMonthlyReport(pool, { organizationId: org.id, period: options.month }),
    );
    return prisma.report.findUniqueOrThrow({ where: { id: reportId } });
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
