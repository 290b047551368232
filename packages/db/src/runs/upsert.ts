/**
 * Run intake, the SQL half (the use case is `submitRuns` in packages/services): store validated
 * disclosures as PENDING runs, idempotently on (organizationId, externalId), and the chain
 * primitives the use case composes in the same transaction.
 *
 * Resubmitting an (organizationId, externalId) updates the stored disclosure and puts the run
 * back to PENDING (a new estimate will be written; older ones stay as history). Which earlier
 * runs of a chain must be re-estimated is decided by the estimator's chain rule
 * (`chainSuccessorStarts`), not here.
 */
import type { RunDisclosure } from "@finetrace/estimator";
import type pg from "pg";
import {
  DISCLOSURE_COLUMN_TYPES,
  DISCLOSURE_COLUMNS,
  toColumnValue,
} from "./disclosure-columns.js";

/** One run to store: the submitter's id and its validated disclosure. */
export interface RunSubmission {
  externalId: string;
  disclosure: RunDisclosure;
}

/** Longest externalId the run store accepts (characters). */
export const MAX_EXTERNAL_ID_LENGTH = 200;

/** Two items of one batch share an externalId (the batch is ambiguous; nothing is written). */
export class DuplicateExternalIdError extends Error {
  constructor(
    readonly externalId: string,
    readonly indexes: number[],
  ) {
    super(
      `externalId: "${externalId}" appears more than once in the batch (items ${indexes.join(", ")})`,
    );
    this.name = "DuplicateExternalIdError";
  }
}

/** An externalId that is empty or longer than 200 characters. */
export class InvalidExternalIdError extends Error {
  constructor(readonly index: number) {
    super(`items[${index}].externalId: must be 1 to ${MAX_EXTERNAL_ID_LENGTH} characters`);
    this.name = "InvalidExternalIdError";
  }
}

const insertSql = (() => {
  const cols = DISCLOSURE_COLUMNS.map((name) => `"${name}"`).join(", ");
  const params = DISCLOSURE_COLUMNS.map(
    (name, i) => `$${i + 3}::${DISCLOSURE_COLUMN_TYPES[name]}[]`,
  ).join(", ");
  const updates = DISCLOSURE_COLUMNS.map((name) => `"${name}" = EXCLUDED."${name}"`).join(", ");
  return `
    INSERT INTO "FineTuneRun" ("id", "organizationId", "externalId", "status", "updatedAt", ${cols})
    SELECT gen_random_uuid(), $1::uuid, u."externalId", 'PENDING', now(), ${DISCLOSURE_COLUMNS.map((name) => `u."${name}"`).join(", ")}
    FROM unnest($2::text[], ${params}) AS u("externalId", ${cols})
    ON CONFLICT ("organizationId", "externalId") DO UPDATE
      SET ${updates}, "status" = 'PENDING', "failureReason" = NULL, "updatedAt" = now()
    RETURNING "id", "externalId"`;
})();

function checkExternalIds(items: readonly RunSubmission[]): void {
  const seen = new Map<string, number[]>();
  items.forEach((item, index) => {
    if (item.externalId.length === 0 || item.externalId.length > MAX_EXTERNAL_ID_LENGTH)
      throw new InvalidExternalIdError(index);
    const list = seen.get(item.externalId);
    if (list) list.push(index);
    else seen.set(item.externalId, [index]);
  });
  for (const [externalId, indexes] of seen) {
    if (indexes.length > 1) throw new DuplicateExternalIdError(externalId, indexes);
  }
}

/**
 * Insert or update runs as PENDING on `client` (inside the caller's transaction).
 * @returns run ids in input order.
 * @throws DuplicateExternalIdError / InvalidExternalIdError before anything is written.
 */
export async function insertRunDisclosures(
  client: pg.ClientBase,
  organizationId: string,
  items: readonly RunSubmission[],
): Promise<string[]> {
  if (items.length === 0) return [];
  checkExternalIds(items);
  const params: unknown[] = [organizationId, items.map((i) => i.externalId)];
  for (const name of DISCLOSURE_COLUMNS) {
    params.push(items.map((i) => toColumnValue(i.disclosure, name)));
  }
  const { rows } = await client.query<{ id: string; externalId: string }>(insertSql, params);
  const idByExternalId = new Map(rows.map((r) => [r.externalId, r.id]));
  return items.map((i) => idByExternalId.get(i.externalId) as string);
}

/** One run of a chain as the chain rule needs it. */
export interface StoredChainMember {
  runId: string;
  organizationId: string;
  externalId: string;
  chainId: string;
  /** Disclosed start (ISO 8601 UTC), or null. */
  startTime: string | null;
}

/**
 * Every run of the given (organization, chain) pairs.
 * @param chains pairs of organization id and chain id (duplicates allowed).
 */
export async function readChainMembers(
  client: pg.ClientBase,
  chains: readonly { organizationId: string; chainId: string }[],
): Promise<StoredChainMember[]> {
  if (chains.length === 0) return [];
  const { rows } = await client.query<{
    id: string;
    organizationId: string;
    externalId: string;
    chainId: string;
    startTime: Date | null;
  }>(
    `SELECT r."id", r."organizationId", r."externalId", r."chainId", r."startTime"
     FROM (SELECT DISTINCT * FROM unnest($1::uuid[], $2::text[]) AS c(org, chain)) c
     JOIN "FineTuneRun" r ON r."organizationId" = c.org AND r."chainId" = c.chain`,
    [chains.map((c) => c.organizationId), chains.map((c) => c.chainId)],
  );
  return rows.map((r) => ({
    runId: r.id,
    organizationId: r.organizationId,
    externalId: r.externalId,
    chainId: r.chainId,
    startTime: r.startTime ? r.startTime.toISOString() : null,
  }));
}

/** Set `previousRunId` (navigation link of a chain) where it changed. */
export async function setPreviousRunIds(
  client: pg.ClientBase,
  links: readonly { runId: string; previousRunId: string | null }[],
): Promise<void> {
  if (links.length === 0) return;
  await client.query(
    `UPDATE "FineTuneRun" r SET "previousRunId" = l.prev
     FROM unnest($1::uuid[], $2::uuid[]) AS l(id, prev)
     WHERE r."id" = l.id AND r."previousRunId" IS DISTINCT FROM l.prev`,
    [links.map((l) => l.runId), links.map((l) => l.previousRunId)],
  );
}

/** Put runs back to PENDING (they will be re-estimated; the reconciler finds them too). */
export async function markRunsPending(
  client: pg.ClientBase,
  runIds: readonly string[],
): Promise<void> {
  if (runIds.length === 0) return;
  await client.query(
    `UPDATE "FineTuneRun" SET "status" = 'PENDING', "updatedAt" = now() WHERE "id" = ANY($1::uuid[])`,
    [runIds],
  );
}

/** Chain ids the stored runs with these externalIds currently belong to. */
export async function readChainsOfExternalIds(
  client: pg.ClientBase,
  organizationId: string,
  externalIds: readonly string[],
): Promise<string[]> {
  if (externalIds.length === 0) return [];
  const { rows } = await client.query<{ chainId: string }>(
    `SELECT DISTINCT "chainId" FROM "FineTuneRun"
     WHERE "organizationId" = $1::uuid AND "externalId" = ANY($2::text[]) AND "chainId" IS NOT NULL`,
    [organizationId, externalIds],
  );
  return rows.map((r) => r.chainId);
}
