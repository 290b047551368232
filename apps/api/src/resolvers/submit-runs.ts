/**
 * `submitRuns`: validate every item with the estimator's disclosure schema, store the valid ones
 * as PENDING in one transaction (idempotent on externalId), then enqueue their estimation.
 * Postgres is the source of truth: if enqueueing fails after the commit, the runs stay PENDING
 * and the worker's reconciler picks them up, so the call still succeeds.
 */
import { upsertRunDisclosures } from "@finetrace/db";
import { type RunDisclosure, runDisclosureSchema } from "@finetrace/estimator";
import { enqueueEstimateRuns } from "@finetrace/jobs";
import type { ApiContext } from "../context.js";
import { badInput } from "../errors.js";
import type { ItemError, RunDisclosureInput, SubmitRunsPayload } from "../generated/graphql.js";

/** Largest batch one call accepts (issue 5: "up to 10,000 per call"). */
export const MAX_RUNS_PER_SUBMISSION = 10_000;
/** Longest externalId, as enforced by the run store (packages/db runs/upsert.ts). */
const MAX_EXTERNAL_ID_LENGTH = 200;

interface ValidItem {
  index: number;
  externalId: string;
  disclosure: RunDisclosure;
}

/** Validate one item; GraphQL nulls mean "not disclosed" and are dropped before zod. */
function validateItem(
  item: RunDisclosureInput,
  index: number,
  firstIndexByExternalId: Map<string, number>,
): { ok: true; item: ValidItem } | { ok: false; errors: ItemError[] } {
  const { externalId, ...fields } = item;
  const errors: ItemError[] = [];
  const first = firstIndexByExternalId.get(externalId);
  if (externalId.trim().length === 0 || externalId.length > MAX_EXTERNAL_ID_LENGTH) {
    errors.push({ index, path: "externalId", message: "must be 1 to 200 characters, not blank" });
  } else if (first !== undefined) {
    errors.push({
      index,
      path: "externalId",
      message: `duplicates item ${first} of this batch (one externalId per run)`,
    });
  } else {
    firstIndexByExternalId.set(externalId, index);
  }
  const disclosed = Object.fromEntries(Object.entries(fields).filter(([, v]) => v != null));
  const parsed = runDisclosureSchema.safeParse(disclosed);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      errors.push({ index, path: issue.path.map(String).join("."), message: issue.message });
    }
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, item: { index, externalId, disclosure: parsed.data } };
}

/**
 * @throws GraphQLError BAD_USER_INPUT (field `input`) above 10,000 items; nothing is written.
 */
export async function submitRuns(
  input: RunDisclosureInput[],
  allOrNothing: boolean,
  { principal, services }: ApiContext,
): Promise<SubmitRunsPayload> {
  if (input.length > MAX_RUNS_PER_SUBMISSION) {
    throw badInput(
      "input",
      `at most ${MAX_RUNS_PER_SUBMISSION} runs per call (got ${input.length}); split the batch`,
    );
  }
  const errors: ItemError[] = [];
  const valid: ValidItem[] = [];
  const firstIndexByExternalId = new Map<string, number>();
  input.forEach((item, index) => {
    const result = validateItem(item, index, firstIndexByExternalId);
    if (result.ok) valid.push(result.item);
    else errors.push(...result.errors);
  });
  const rejectedCount = new Set(errors.map((e) => e.index)).size;
  if (valid.length === 0 || (allOrNothing && errors.length > 0)) {
    return { accepted: [], errors, acceptedCount: 0, rejectedCount };
  }

  const { runIds, reestimateRunIds } = await upsertRunDisclosures(
    services.pool,
    principal.organizationId,
    valid.map(({ externalId, disclosure }) => ({ externalId, disclosure })),
  );
  const batchSize = services.env.API_ESTIMATE_BATCH_SIZE;
  try {
    await enqueueEstimateRuns(services.queues, runIds, { batchSize, reason: "submitted" });
    if (reestimateRunIds.length > 0) {
      await enqueueEstimateRuns(services.queues, reestimateRunIds, {
        batchSize,
        reason: "chain-successor",
      });
    }
  } catch (error) {
    services.logger.warn(
      { err: error, runCount: runIds.length },
      "enqueueing estimation failed; the runs stay PENDING for the reconciler",
    );
  }
  return {
    accepted: valid.map((v, i) => ({
      index: v.index,
      externalId: v.externalId,
      runId: runIds[i] as string,
    })),
    errors,
    acceptedCount: valid.length,
    rejectedCount,
  };
}
