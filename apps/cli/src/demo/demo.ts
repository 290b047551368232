/**
 * `npm run demo` / `finetrace demo [--serve]`: the whole product on the shipped data.
 *
 * 1. migrate the database (DATABASE_URL; created if missing);
 * 2. COPY the 15 shipped hourly grid-intensity files (idempotent upsert);
 * 3. create the demo organization (slug `demo`, idempotent) and a fresh admin API key, revoking
 *    the previous demo keys (so one demo key is valid at a time);
 * 4. start the GraphQL API (random port unless API_PORT is set; the dashboard at / when built)
 *    and the worker in this process;
 * 5. submit every example disclosure through `submitRuns`, the chain's daily inference counts
 *    through `recordInferenceUsage`;
 * 6. wait until no run is PENDING, request the monthly reports of every month with runs and wait
 *    until they are READY; write July 2024 as CSV, HTML and PDF to `demo-output/`;
 * 7. print per run and per month figures (each month checked against the sum of its runs), the
 *    GraphQL URL, a curl example, the dashboard URL and the key to sign in with; stop (or keep
 *    serving with `--serve`).
 * Re-running is safe: runs are keyed by externalId, grid hours and reports are upserted.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startApiServer } from "@finetrace/api";
import { apiEnvSchema, loadConfig, workerEnvSchema } from "@finetrace/config";
import { migrate } from "@finetrace/db";
import { createApiKey, createOrganization } from "@finetrace/services";
import { startWorker } from "@finetrace/worker";
import { loadGridFiles } from "../commands/grid.js";
import { dashboardUrl, withDashboardDir } from "../commands/serve.js";
import { cliEnv, withPrisma } from "../context.js";
import { isInferenceUsageHeader, readInferenceUsageCsv } from "../input/inference-usage.js";
import { readDisclosureFile } from "../input/read-disclosures.js";
import type { Io } from "../program.js";
import {
  type DemoReport,
  type DemoRun,
  fetchAllRuns,
  type GraphQLClient,
  graphqlClient,
  RECORD_USAGE,
  REPORT,
  REQUEST_REPORT,
  SUBMIT_RUNS,
} from "./graphql.js";
import { fetchScope2, recordDemoScope2Inputs, scope2Table } from "./scope2.js";
import { checkReports, curlExample, monthsTable, monthsWithRuns, runsTable } from "./summary.js";

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const examplesDir = join(repoRoot, "examples");
const gridDir = join(repoRoot, "data", "electricitymaps-hourly");

/** Example files submitted by the demo, relative to examples/. */
export const demoDisclosureFiles = [
  "llama2-seed.json",
  "bedrock-seed.json",
  "strubell-2019-table3.csv",
  "bloom-2022.json",
  "codecarbon/emissions.csv",
  "demo/support-bot-daily-2024-07.jsonl",
];
export const demoUsageFile = "demo/inference-usage-2024-07.csv";
export const demoOrganization = { slug: "demo", name: "Finetrace Demo" };
/** The month whose report is written out as CSV, HTML and PDF. */
export const demoReportMonth = "2024-07";

const pollEveryMs = 250;
const waitLimitMs = 90_000;

async function waitFor<T>(what: string, check: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + waitLimitMs;
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    if (Date.now() > deadline)
      throw new Error(`demo: timed out after ${waitLimitMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollEveryMs));
  }
}

async function submitExamples(client: GraphQLClient, io: Io): Promise<number> {
  let submitted = 0;
  for (const file of demoDisclosureFiles) {
    const read = await readDisclosureFile(join(examplesDir, file));
    if (read.issues.length > 0) {
      throw new Error(`demo: ${file} has invalid records: ${JSON.stringify(read.issues)}`);
    }
    const input = read.records.map((r) => ({ externalId: r.externalId, ...r.disclosure }));
    const { submitRuns } = await client<{
      submitRuns: { acceptedCount: number; rejectedCount: number; errors: unknown[] };
    }>("SubmitRuns", SUBMIT_RUNS, { input });
    if (submitRuns.rejectedCount > 0) {
      throw new Error(
        `demo: ${file}: the API rejected ${submitRuns.rejectedCount} run(s): ${JSON.stringify(submitRuns.errors)}`,
      );
    }
    io.err(`  submitted ${file}: ${submitRuns.acceptedCount} run(s)`);
    submitted += submitRuns.acceptedCount;
  }
  const usageText = await readFile(join(examplesDir, demoUsageFile), "utf8");
  if (!isInferenceUsageHeader(usageText.split("\n")[0] ?? ""))
    throw new Error(`demo: ${demoUsageFile}: not a usage CSV`);
  const usage = readInferenceUsageCsv(usageText);
  await client("RecordUsage", RECORD_USAGE, {
    input: usage.map((r) => ({
      modelKey: r.modelKey,
      day: r.day,
      inferenceCount: Number(r.inferenceCount),
    })),
  });
  io.err(`  recorded ${demoUsageFile}: ${usage.length} day(s) of inference counts`);
  return submitted;
}

async function produceReports(client: GraphQLClient, months: string[]): Promise<DemoReport[]> {
  for (const period of months) await client("RequestReport", REQUEST_REPORT, { period });
  const reports: DemoReport[] = [];
  for (const period of months) {
    reports.push(
      await waitFor(`the ${period} report`, async () => {
        const { report } = await client<{ report: DemoReport }>("Report", REPORT, { period });
        if (report.status === "FAILED")
          throw new Error(`demo: report ${period} failed: ${report.failureReason}`);
        return report.status === "READY" ? report : null;
      }),
    );
  }
  return reports;
}

async function writeReportFiles(report: DemoReport, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const base = join(outDir, `finetrace-report-${report.period}`);
  const files: [string, string | Buffer | null][] = [
    [`${base}.csv`, report.csv],
    [`${base}.html`, report.html],
    [`${base}.pdf`, report.pdf ? Buffer.from(report.pdf, "base64") : null],
  ];
  const written: string[] = [];
  for (const [path, content] of files) {
    if (content === null)
      throw new Error(`demo: report ${report.period} has no ${path.split(".").pop()} rendering`);
    await writeFile(path, content);
    written.push(path);
  }
  return written;
}

export async function demoCommand(
  io: Io,
  options: { serve?: boolean; json?: boolean },
): Promise<void> {
  const started = Date.now();
  // Quiet logs unless the user asked for a level.
  const baseEnv = withDashboardDir(
    { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
    io,
  );
  const env = cliEnv();

  io.err("1/6 migrating the database");
  await migrate(env.DATABASE_URL);

  const gridFiles = (await readdir(gridDir)).filter((f) => f.endsWith(".csv.gz")).sort();
  io.err(`2/6 loading ${gridFiles.length} hourly grid-intensity files (Electricity Maps, ODbL)`);
  const loaded = await loadGridFiles(
    env,
    gridFiles.map((f) => join(gridDir, f)),
  );
  io.err(`  ${loaded.rowsRead} hourly rows (${loaded.inserted} new)`);

  io.err(`3/6 organization "${demoOrganization.slug}" and its API key`);
  const { apiKey, organizationId } = await withPrisma(env, async (prisma) => {
    const org =
      (await prisma.organization.findUnique({ where: { slug: demoOrganization.slug } })) ??
      (await createOrganization(prisma, demoOrganization));
    await prisma.apiKey.updateMany({
      where: { organizationId: org.id, name: "demo", revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const created = await createApiKey(prisma, {
      organizationId: org.id,
      role: "admin",
      name: "demo",
    });
    return { apiKey: created.key, organizationId: org.id };
  });

  io.err("4/6 starting the GraphQL API and the worker in this process");
  const api = await startApiServer(
    loadConfig(apiEnvSchema, { ...baseEnv, API_PORT: process.env.API_PORT ?? "0" }),
  );
  const worker = await startWorker(
    loadConfig(workerEnvSchema, {
      ...baseEnv,
      WORKER_METRICS_PORT: process.env.WORKER_METRICS_PORT ?? "0",
    }),
  );
  let keepServing = false;
  try {
    const client = graphqlClient(api.url, apiKey);
    io.err(`5/6 submitting the examples through ${api.url}`);
    const submitted = await submitExamples(client, io);
    const runs: DemoRun[] = await waitFor("the worker to estimate every run", async () => {
      const all = await fetchAllRuns(client);
      return all.some((r) => r.status === "PENDING") ? null : all;
    });
    const failed = runs.filter((r) => r.status === "FAILED");
    await recordDemoScope2Inputs(client);

    const months = monthsWithRuns(runs);
    io.err(`6/6 monthly reports: ${months.join(", ")}`);
    const reports = await produceReports(client, months);
    const july = reports.find((r) => r.period === demoReportMonth);
    if (!july) throw new Error(`demo: no report for ${demoReportMonth}`);
    const outDir = resolve(process.cwd(), "demo-output");
    const written = await writeReportFiles(july, outDir);
    const checks = checkReports(runs, reports);
    const scope2 = await fetchScope2(client, demoReportMonth);
    const dashboard = dashboardUrl(api.url, baseEnv);
    const seconds = (Date.now() - started) / 1000;

    if (options.json) {
      io.out(
        JSON.stringify(
          {
            organizationId,
            graphqlUrl: api.url,
            dashboardUrl: dashboard,
            apiKey,
            submitted,
            runs,
            reports: reports.map(({ csv, html, pdf, ...r }) => r),
            checks,
            scope2: { period: demoReportMonth, ...scope2 },
            files: written,
            seconds,
          },
          null,
          2,
        ),
      );
    } else {
      io.out(
        `\nRuns (${runs.length}; kWh = facility energy, kgCO2e and L = operational + embodied):`,
      );
      io.out(runsTable(runs));
      io.out("\nMonthly reports (total carbon checked against the sum of the month's runs):");
      io.out(monthsTable(reports, checks));
      io.out(
        `\nScope 2, ${demoReportMonth} (operational carbon; market-based with the demo's illustrative instruments; shift = best start within the window):`,
      );
      io.out(scope2Table(demoReportMonth, scope2));
      io.out(`\nJuly 2024 report: ${written.map((f) => basename(f)).join(", ")} in ${outDir}`);
      io.out(
        `\nGraphQL API: ${api.url}  (organization "${demoOrganization.slug}", admin key below)`,
      );
      io.out(curlExample(api.url, apiKey));
      if (dashboard) {
        io.out(
          `\nDashboard: ${dashboard}  (open it in a browser, sign in with the admin key: ${apiKey})`,
        );
      }
      io.out(
        `\nDone in ${seconds.toFixed(1)} s.${options.serve ? " Serving until Ctrl+C." : " Run `npm run demo -- --serve` to keep the API up."}`,
      );
    }
    if (failed.length > 0) {
      throw new Error(
        `demo: ${failed.length} run(s) failed to estimate: ${failed.map((r) => `${r.externalId} (${r.failureReason})`).join("; ")}`,
      );
    }
    if (checks.some((c) => !c.matches))
      throw new Error("demo: a monthly report total differs from the sum of its runs");
    keepServing = options.serve === true;
  } finally {
    if (keepServing) {
      await new Promise<void>((resolveStop) => {
        const stop = () => resolveStop();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    }
    await worker.close();
    await api.close();
  }
}
