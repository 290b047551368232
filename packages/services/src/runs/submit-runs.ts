/**
 * Use case "submit runs" (GraphQL `submitRuns`, `finetrace ingest`): validate every item (its
 * problems are reported per item: index, field path, message; they never stop the other
 * items), store
 * the valid ones as PENDING in one transaction (idempotent on externalId), re-link the chains
 * they belong to, put back to PENDING the earlier runs whose successor changed, then enqueue
 * estimation ("submitted") and re-estimation ("chain-successor").
 *
 * Postgres is the source of truth: if enqueueing fails after the commit (Redis down), the runs
 * stay PENDING and the worker's reconciler picks them up, so the call still succeeds and says so
 * (`enqueued: false`).
 */
import {
  insertRunDisclosures,
  MAX_EXTERNAL_ID_LENGTH,
  markRunsPending,
  type RunSubmission,
  readChainMembers,
  readChainsOfExternalIds,
  setPreviousRunIds,
  withTransaction,
} from "@finetrace/db";
import { runDisclosureSchema, textProblem } from "@finetrace/estimator";
import type pg from "pg";
import type { ServiceDeps } from "../deps.js";
import { enqueueEstimateRuns } from "../jobs/definitions/estimate-runs.js";
import { previousRunLinks, runsWithChangedSuccessor } from "./chain-links.js";

// --- validation (every intake path: GraphQL, CLI) ---

/** One submitted item before validation. */
export interface RunItem {
  /** Position in the caller's input (0-based), echoed in results and issues. */
  index: number;
  externalId: unknown;
  /** The disclosure fields (undefined/null = not disclosed). */
  disclosure: unknown;
}

/** A problem with one item: its index, the field path ("" for the whole item) and what is wrong. */
export interface ItemIssue {
  index: number;
  path: string;
  message: string;
}

export interface ValidRunItem extends RunSubmission {
  index: number;
}

function externalIdIssue(externalId: unknown): string | null {
  if (typeof externalId !== "string" || externalId.trim().length === 0) {
    return "is required (it makes resubmission idempotent): a non-blank string";
  }
  if (externalId.length > MAX_EXTERNAL_ID_LENGTH) {
    return `must be at most ${MAX_EXTERNAL_ID_LENGTH} characters`;
  }
  return textProblem(externalId);
}

/** Drop null/undefined fields: they mean "not disclosed". */
function disclosedFields(disclosure: unknown): unknown {
  if (disclosure === null || typeof disclosure !== "object" || Array.isArray(disclosure)) {
    return disclosure;
  }
  return Object.fromEntries(Object.entries(disclosure).filter(([, v]) => v != null));
}

/**
 * Validate every item; a later item repeating an earlier externalId is rejected (one externalId
 * per run and call).
 * @returns the valid items (disclosures parsed by the estimator's schema) and the issues.
 */
export function validateRunItems(items: readonly RunItem[]): {
  valid: ValidRunItem[];
  issues: ItemIssue[];
} {
  const valid: ValidRunItem[] = [];
  const issues: ItemIssue[] = [];
  const firstIndex = new Map<string, number>();
  for (const { index, externalId, disclosure } of items) {
    const before = issues.length;
    const idProblem = externalIdIssue(externalId);
    if (idProblem) issues.push({ index, path: "externalId", message: idProblem });
    const first = typeof externalId === "string" ? firstIndex.get(externalId) : undefined;
    if (!idProblem && first !== undefined) {
      issues.push({
        index,
        path: "externalId",
        message: `duplicates item ${first} of this batch (one externalId per run)`,
      });
    } else if (!idProblem) {
      firstIndex.set(externalId as string, index);
    }
    const parsed = runDisclosureSchema.safeParse(disclosedFields(disclosure));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({ index, path: issue.path.map(String).join("."), message: issue.message });
      }
    }
    if (issues.length === before && parsed.success) {
      valid.push({ index, externalId: externalId as string, disclosure: parsed.data });
    }
  }
  return { valid, issues };
}

// --- storage and enqueueing ---

export interface SubmitRunsInput {
  organizationId: string;
  items: readonly RunItem[];
  /** Write nothing when any item is invalid. */
  allOrNothing?: boolean;
}

export interface SubmitRunsResult {
  accepted: { index: number; externalId: string; runId: string }[];
  issues: ItemIssue[];
  /** Items with at least one issue. */
  rejectedCount: number;
  /** Earlier chain runs put back to PENDING because their successor changed. */
  reestimatedRunIds: string[];
  /** Estimate jobs added (0 when enqueueing failed). */
  estimateJobs: number;
  /** False when enqueueing failed after the commit (the reconciler will pick the runs up). */
  enqueued: boolean;
}

async function storeInTransaction(
  client: pg.PoolClient,
  organizationId: string,
  valid: readonly RunSubmission[],
): Promise<{ runIds: string[]; reestimatedRunIds: string[] }> {
  const chainIds = new Set(
    valid.flatMap((v) => (v.disclosure.chainId ? [v.disclosure.chainId] : [])),
  );
  // Chains a resubmitted run is leaving change too.
  for (const c of await readChainsOfExternalIds(
    client,
    organizationId,
    valid.map((v) => v.externalId),
  ))
    chainIds.add(c);
  const chains = [...chainIds].map((chainId) => ({ organizationId, chainId }));
  const before = await readChainMembers(client, chains);
  const runIds = await insertRunDisclosures(client, organizationId, valid);
  if (chains.length === 0) return { runIds, reestimatedRunIds: [] };
  const after = await readChainMembers(client, chains);
  await setPreviousRunIds(client, previousRunLinks(after));
  const submitted = new Set(runIds);
  const reestimatedRunIds = runsWithChangedSuccessor(before, after).filter(
    (id) => !submitted.has(id),
  );
  // Back to PENDING in the same transaction, so the reconciler re-estimates them even if the
  // enqueue below is lost.
  await markRunsPending(client, reestimatedRunIds);
  return { runIds, reestimatedRunIds };
}

/**
 * Store already validated submissions as PENDING in one transaction and apply the chain rule
 * (the storage half of `submitRuns`, without enqueueing).
 * @returns run ids in input order and the earlier chain runs put back to PENDING.
 * @throws DuplicateExternalIdError / InvalidExternalIdError, database errors; nothing written then.
 */
export function storeRunSubmissions(
  pool: pg.Pool,
  organizationId: string,
  items: readonly RunSubmission[],
): Promise<{ runIds: string[]; reestimatedRunIds: string[] }> {
  return withTransaction(pool, (client) => storeInTransaction(client, organizationId, items));
}

async function enqueueAll(
  deps: ServiceDeps,
  runIds: string[],
  reestimatedRunIds: string[],
): Promise<{ jobs: number; enqueued: boolean }> {
  const batchSize = deps.estimateBatchSize;
  try {
    let jobs = await enqueueEstimateRuns(deps.queues, runIds, { batchSize, reason: "submitted" });
    jobs += await enqueueEstimateRuns(deps.queues, reestimatedRunIds, {
      batchSize,
      reason: "chain-successor",
    });
    return { jobs, enqueued: true };
  } catch (error) {
    deps.log.warn(
      { err: error, runCount: runIds.length + reestimatedRunIds.length },
      "enqueueing estimation failed; the runs stay PENDING for the reconciler",
    );
    return { jobs: 0, enqueued: false };
  }
}

/**
 * Submit runs of one organization.
 * @returns accepted items with their run ids, per-item issues, and what was enqueued.
 * @throws only on database errors (nothing is written then); bad items are issues, not errors.
 */
export async function submitRuns(
  deps: ServiceDeps,
  { organizationId, items, allOrNothing = false }: SubmitRunsInput,
): Promise<SubmitRunsResult> {
  const { valid, issues } = validateRunItems(items);
  const rejectedCount = new Set(issues.map((i) => i.index)).size;
  const none = { accepted: [], issues, rejectedCount, reestimatedRunIds: [], estimateJobs: 0 };
  if (valid.length === 0 || (allOrNothing && issues.length > 0)) return { ...none, enqueued: true };
  const { runIds, reestimatedRunIds } = await storeRunSubmissions(deps.pool, organizationId, valid);
  const { jobs, enqueued } = await enqueueAll(deps, runIds, reestimatedRunIds);
  return {
    accepted: valid.map((v, i) => ({
      index: v.index,
      externalId: v.externalId,
      runId: runIds[i] as string,
    })),
    issues,
    rejectedCount,
    reestimatedRunIds,
    estimateJobs: jobs,
    enqueued,
  };
}
