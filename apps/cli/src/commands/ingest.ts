/**
 * `finetrace ingest <file> --org <slug>`: the CLI adapter of the "submit runs" use case (store
 * disclosures as PENDING runs in one transaction, idempotent on externalId, and queue their
 * estimation); or, for a `modelKey,day,inferenceCount` CSV, of "record inference usage". Invalid records are reported by record and field and not
 * written; the valid ones land unless `--all-or-nothing`.
 */
import { readFile } from "node:fs/promises";
import { recordInferenceUsage, submitRuns } from "@finetrace/services";
import { cliEnv, organizationBySlug, withPool, withPrisma, withUseCases } from "../context.js";
import { type RecordIssue, UsageError } from "../errors.js";
import { isInferenceUsageHeader, readInferenceUsageCsv } from "../input/inference-usage.js";
import { readDisclosureFile } from "../input/read-disclosures.js";
import type { Io } from "../program.js";

export interface IngestOptions {
  org: string;
  allOrNothing?: boolean;
  codecarbonUtcOffset?: string;
  baseModel?: string;
  json?: boolean;
}

export interface IngestSummary {
  organization: string;
  accepted: { index: number; externalId: string; runId: string }[];
  reestimated: number;
  estimateJobs: number;
  /** False when the estimate jobs could not be queued (the runs stay PENDING). */
  enqueued: boolean;
  issues: RecordIssue[];
}

function failIfIssues(file: string, issues: RecordIssue[], written: number): void {
  if (issues.length === 0) return;
  const records = new Set(issues.map((i) => i.index)).size;
  throw new UsageError(
    `${file}: ${records} record(s) rejected, ${written} written`,
    [...issues].sort((a, b) => a.index - b.index),
  );
}

async function organizationId(slug: string): Promise<string> {
  return withPrisma(cliEnv(), async (prisma) => (await organizationBySlug(prisma, slug)).id);
}

async function ingestUsage(io: Io, file: string, text: string, options: IngestOptions) {
  const items = readInferenceUsageCsv(text);
  const orgId = await organizationId(options.org);
  const { recorded, issues: allIssues } = await withPool(cliEnv(), (pool) =>
    recordInferenceUsage(pool, orgId, items, { allOrNothing: options.allOrNothing }),
  );
  io.out(
    options.json
      ? JSON.stringify(
          { organization: options.org, inferenceUsageDays: recorded.length, issues: allIssues },
          null,
          2,
        )
      : `${options.org}: recorded ${recorded.length} day(s) of inference usage`,
  );
  failIfIssues(file, allIssues, recorded.length);
}

export async function ingestCommand(io: Io, file: string, options: IngestOptions): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
  if (/\.[ct]sv$/i.test(file) && isInferenceUsageHeader(text)) {
    await ingestUsage(io, file, text, options);
    return;
  }

  const read = await readDisclosureFile(file, {
    utcOffset: options.codecarbonUtcOffset,
    baseModel: options.baseModel,
  });
  if (read.issues.length > 0 && options.allOrNothing) failIfIssues(file, read.issues, 0);
  const orgId = await organizationId(options.org);
  const result = await withUseCases(cliEnv(), (deps) =>
    submitRuns(deps, {
      organizationId: orgId,
      items: read.records.map((r) => ({
        index: r.index,
        externalId: r.externalId,
        disclosure: r.disclosure,
      })),
      allOrNothing: options.allOrNothing,
    }),
  );
  const issues = [...read.issues, ...result.issues];
  const summary: IngestSummary = {
    organization: options.org,
    accepted: result.accepted,
    reestimated: result.reestimatedRunIds.length,
    estimateJobs: result.estimateJobs,
    enqueued: result.enqueued,
    issues,
  };
  io.out(
    options.json
      ? JSON.stringify(summary, null, 2)
      : `${options.org}: ${result.accepted.length} run(s) stored as PENDING, ${summary.reestimated} earlier chain run(s) to re-estimate, ${summary.estimateJobs} estimate job(s) queued`,
  );
  if (!result.enqueued) {
    io.err("warning: could not reach Redis; the worker's reconciler will estimate the runs");
  }
  failIfIssues(file, issues, result.accepted.length);
}
