/**
 * `finetrace report --org <slug> --month YYYY-MM [--at-version n] [--format csv|html|pdf|json]
 * [--output file]`: generate a month's report in this process (`generateMonthlyReport`, the same
 * code as the worker's `monthly-report` job: a new immutable version when the figures changed,
 * none otherwise) and print or save the newest version; with `--at-version`, print that stored
 * version without generating. Needs Postgres only: no Redis, no running worker.
 */
import { writeFile } from "node:fs/promises";
import { getReportVersion } from "@finetrace/db";
import { generateMonthlyReport, type MonthlyReport } from "@finetrace/services";
import { cliEnv, organizationBySlug, withPool, withPrisma } from "../context.js";
import { UsageError } from "../errors.js";
import type { Io } from "../program.js";

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface ReportOptions {
  org: string;
  month: string;
  atVersion?: string;
  format: "csv" | "html" | "pdf" | "json";
  output?: string;
}

function parseVersion(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^[1-9]\d{0,8}$/.test(value)) {
    throw new UsageError(`--at-version: "${value}" must be a version number 1, 2, ...`);
  }
  return Number(value);
}

export async function reportCommand(io: Io, options: ReportOptions): Promise<void> {
  if (!monthPattern.test(options.month)) {
    throw new UsageError(`--month: "${options.month}" must be a month YYYY-MM, e.g. 2024-07`);
  }
  const atVersion = parseVersion(options.atVersion);
  if (options.format === "pdf" && !options.output && process.stdout.isTTY) {
    throw new UsageError("--format pdf: pass --output <file> (or redirect stdout to a file)");
  }
  const env = cliEnv();
  const org = await withPrisma(env, (prisma) => organizationBySlug(prisma, options.org));
  const period = options.month;
  const { version, generated } = await withPool(env, async (pool) => {
    const generated =
      atVersion === null
        ? await generateMonthlyReport(pool, { organizationId: org.id, period, trigger: "cli" })
        : null;
    const stored = await getReportVersion(pool, {
      organizationId: org.id,
      period,
      version: atVersion,
    });
    return { version: stored, generated };
  });
  if (!version) {
    throw new UsageError(
      `--at-version: report ${period} of ${options.org} has no version ${atVersion}`,
    );
  }

  let content: string | Buffer;
  switch (options.format) {
    case "csv":
      content = version.csv;
      break;
    case "html":
      content = version.html;
      break;
    case "pdf":
      content = version.pdf;
      break;
    case "json": {
      const { csv, html, pdf, ...rest } = version;
      const totals = (version.model as MonthlyReport).totals;
      const head = {
        period,
        version: version.version,
        created: generated?.created ?? false,
        runCount: totals.runCount,
        totalCarbonKgCo2e: totals.totalCarbonKgCo2e,
      };
      content = `${JSON.stringify({ ...head, ...rest }, null, 2)}\n`;
      break;
    }
  }
  if (options.output) {
    await writeFile(options.output, content);
    io.err(
      `report ${period} version ${version.version} (${options.format}) written to ${options.output}${generated && !generated.created ? " (unchanged: no new version)" : ""}`,
    );
  } else {
    process.stdout.write(content);
  }
}
