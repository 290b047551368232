/**
 * `finetrace ingest <file> --org <slug>`: store disclosures as PENDING runs (one transaction,
 * idempotent on externalId) and queue their estimation; or, for a `modelKey,day,inferenceCount`
 * CSV, record daily inference counts. Invalid records are reported by record and field and not
 * written; the valid ones land unless `--all-or-nothing`.
 */
import { readFile } from "node:fs/promises";
import { upsertRunDisclosures } from "@finetrace/db";
import { enqueueEstimateRuns } from "@finetrace/jobs";
import { cliEnv, organizationBySlug, withPool, withPrisma, withQueues } from "../context.js";
import { type RecordIssue, UsageError } from "../errors.js";
import { isInferenceUsageHeader, parseInferenceUsageCsv } from "../input/inference-usage.js";
import { readDisclosureFile } from "../input/read-disclosures.js";
import type { Io } from "../program.js";

/** Run ids per estimate job (the queue contract allows up to MAX_RUN_IDS_PER_JOB). */
const estimateBatchSize = 2000;

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

async function ingestUsage(io: Io, file: string, text: string, options: IngestOptions) {
  const { rows, issues } = parseInferenceUsageCsv(text);
  if (issues.length > 0 && options.allOrNothing) failIfIssues(file, issues, 0);
  await withPrisma(cliEnv(), async (prisma) => {
    const org = await organizationBySlug(prisma, options.org);
    await prisma.$transaction(
      rows.map((row) =>
        prisma.inferenceUsage.upsert({
          where: {
            organizationId_modelKey_day: {
              organizationId: org.id,
              modelKey: row.modelKey,
              day: row.day,
            },
          },
          create: { organizationId: org.id, ...row },
          update: { inferenceCount: row.inferenceCount },
        }),
      ),
    );
  });
  io.out(
    options.json
      ? JSON.stringify(
          { organization: options.org, inferenceUsageDays: rows.length, issues },
          null,
          2,
        )
      : `${options.org}: recorded ${rows.length} day(s) of inference usage`,
  );
  failIfIssues(file, issues, rows.length);
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
  const header = text.slice(0, Math.max(0, text.indexOf("\n")) || text.length);
  if (file.toLowerCase().endsWith(".csv") && isInferenceUsageHeader(header)) {
    await ingestUsage(io, file, text, options);
    return;
  }

  const read = await readDisclosureFile(file, {
    utcOffset: options.codecarbonUtcOffset,
    baseModel: options.baseModel,
  });
  const issues = [...read.issues];
  const items = read.records.flatMap((r) => {
    if (r.externalId)
      return [{ index: r.index, externalId: r.externalId, disclosure: r.disclosure }];
    issues.push({
      index: r.index,
      path: "externalId",
      message: "is required to ingest (it makes resubmission idempotent)",
    });
    return [];
  });
  if (issues.length > 0 && options.allOrNothing) failIfIssues(file, issues, 0);

  const env = cliEnv();
  const orgId = await withPrisma(
    env,
    async (prisma) => (await organizationBySlug(prisma, options.org)).id,
  );
  const stored = await withPool(env, (pool) => upsertRunDisclosures(pool, orgId, items));
  const estimateJobs = await withQueues(env, (queues) =>
    enqueueEstimateRuns(queues, [...stored.runIds, ...stored.reestimateRunIds], {
      batchSize: estimateBatchSize,
    }),
  );
  const summary: IngestSummary = {
    organization: options.org,
    accepted: items.map((item, i) => ({
      index: item.index,
      externalId: item.externalId,
      runId: stored.runIds[i] ?? "",
    })),
    reestimated: stored.reestimateRunIds.length,
    estimateJobs,
    issues,
  };
  io.out(
    options.json
      ? JSON.stringify(summary, null, 2)
      : `${options.org}: ${items.length} run(s) stored as PENDING, ${stored.reestimateRunIds.length} earlier chain run(s) to re-estimate, ${estimateJobs} estimate job(s) queued`,
  );
  failIfIssues(file, issues, items.length);
}
