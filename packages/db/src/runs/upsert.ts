/**
 * Run intake: store validated disclosures as PENDING runs, idempotently.
 *
 * One call = one transaction: every item lands or none does. Resubmitting an
 * (organizationId, externalId) updates the stored disclosure and puts the run back to PENDING
 * (a new estimate will be written; older ones stay as history). Continuous fine-tuning chains
 * are linked here: each run of a chain points at the previous run of the same chain (by start
 * time), and the runs whose successor changed are returned so the caller re-estimates them (the
 * use life of a chained run is the interval to the next run, METHODOLOGY.md s.7); they are put
 * back to PENDING in the same transaction.
 */
import type { RunDisclosure } from "@finetrace/estimator";
import type pg from "pg";

/** One run to store: the submitter's id and its validated disclosure. */
export interface RunSubmission {
  externalId: string;
  disclosure: RunDisclosure;
}

export interface UpsertRunsResult {
  /** Ids of the stored runs, in input order. */
  runIds: string[];
  /** Earlier runs of the same chains whose next run changed: re-estimate them too. */
  reestimateRunIds: string[];
}

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
    super(`items[${index}].externalId: must be 1 to 200 characters`);
    this.name = "InvalidExternalIdError";
  }
}

/** Disclosure fields stored as columns, with the Postgres array type used to pass them. */
const COLUMNS = [
  ["baseModel", "text"],
  ["baseModelParameterCount", "bigint"],
  ["fineTuningMethod", "text"],
  ["startTime", "timestamptz"],
  ["reservedDurationHours", "float8"],
  ["gpuUtilizationFraction", "float8"],
  ["cpuUtilizationFraction", "float8"],
  ["tokensIncludingPadding", "bigint"],
  ["measuredEnergyKwh", "float8"],
  ["managedService", "text"],
  ["cloudProvider", "text"],
  ["cloudRegion", "text"],
  ["gridZone", "text"],
  ["countryCode", "text"],
  ["gpuModel", "text"],
  ["serverModel", "text"],
  ["gpuCount", "int4"],
  ["serverCount", "int4"],
  ["pue", "float8"],
  ["wueLitersPerKwh", "float8"],
  ["useLifeDays", "float8"],
  ["inferencesPerDay", "float8"],
  ["chainId", "text"],
] as const satisfies readonly (readonly [keyof RunDisclosure, string])[];

const insertSql = (() => {
  const cols = COLUMNS.map(([name]) => `"${name}"`).join(", ");
  const params = COLUMNS.map(([, type], i) => `$${i + 3}::${type}[]`).join(", ");
  const updates = COLUMNS.map(([name]) => `"${name}" = EXCLUDED."${name}"`).join(", ");
  return `
    INSERT INTO "FineTuneRun" ("id", "organizationId", "externalId", "status", "updatedAt", ${cols})
    SELECT gen_random_uuid(), $1::uuid, u."externalId", 'PENDING', now(), ${COLUMNS.map(([name]) => `u."${name}"`).join(", ")}
    FROM unnest($2::text[], ${params}) AS u("externalId", ${cols})
    ON CONFLICT ("organizationId", "externalId") DO UPDATE
      SET ${updates}, "status" = 'PENDING', "failureReason" = NULL, "updatedAt" = now()
    RETURNING "id", "externalId"`;
})();

/**
 * Links every run of the given chains to its predecessor (ordered by start time, then
 * externalId) and returns the predecessors whose successor changed.
 */
const linkChainsSql = `
  WITH ordered AS (
    SELECT "id",
           lag("id") OVER (PARTITION BY "chainId" ORDER BY "startTime" NULLS LAST, "externalId") AS prev
    FROM "FineTuneRun"
    WHERE "organizationId" = $1::uuid AND "chainId" = ANY($2::text[])
  ), changed AS (
    UPDATE "FineTuneRun" r SET "previousRunId" = o.prev
    FROM ordered o
    WHERE r."id" = o."id" AND r."previousRunId" IS DISTINCT FROM o.prev
    RETURNING r."id", o.prev
  )
  SELECT DISTINCT prev AS "id" FROM changed WHERE prev IS NOT NULL`;

const columnValue = (d: RunDisclosure, name: keyof RunDisclosure): unknown => {
  const v = d[name];
  if (v === undefined) return null;
  if (
    typeof v === "number" &&
    (name === "baseModelParameterCount" || name === "tokensIncludingPadding")
  ) {
    return String(v);
  }
  return v;
};

/**
 * Store runs as PENDING in one transaction (insert or update on (organizationId, externalId)).
 *
 * @param pool a pg pool on the Finetrace database
 * @param organizationId the owning organization (uuid)
 * @param items validated disclosures (see `parseDisclosure`) with their externalId
 * @returns run ids in input order, and earlier chain runs to re-estimate
 * @throws DuplicateExternalIdError / InvalidExternalIdError before anything is written
 */
export async function upsertRunDisclosures(
  pool: pg.Pool,
  organizationId: string,
  items: readonly RunSubmission[],
): Promise<UpsertRunsResult> {
  if (items.length === 0) return { runIds: [], reestimateRunIds: [] };
  const seen = new Map<string, number[]>();
  items.forEach((item, index) => {
    if (item.externalId.length === 0 || item.externalId.length > 200)
      throw new InvalidExternalIdError(index);
    const list = seen.get(item.externalId);
    if (list) list.push(index);
    else seen.set(item.externalId, [index]);
  });
  for (const [externalId, indexes] of seen) {
    if (indexes.length > 1) throw new DuplicateExternalIdError(externalId, indexes);
  }

  const params: unknown[] = [organizationId, items.map((i) => i.externalId)];
  for (const [name] of COLUMNS) params.push(items.map((i) => columnValue(i.disclosure, name)));
  const chainIds = [
    ...new Set(items.flatMap((i) => (i.disclosure.chainId ? [i.disclosure.chainId] : []))),
  ];

  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const inserted = await client.query<{ id: string; externalId: string }>(insertSql, params);
    const idByExternalId = new Map(inserted.rows.map((r) => [r.externalId, r.id]));
    let reestimateRunIds: string[] = [];
    if (chainIds.length > 0) {
      const linked = await client.query<{ id: string }>(linkChainsSql, [organizationId, chainIds]);
      const submitted = new Set(idByExternalId.values());
      reestimateRunIds = linked.rows.map((r) => r.id).filter((id) => !submitted.has(id));
      if (reestimateRunIds.length > 0) {
        // Back to PENDING in the same transaction, so the reconciler re-estimates them even if
        // the caller's enqueue is lost.
        await client.query(
          `UPDATE "FineTuneRun" SET "status" = 'PENDING', "updatedAt" = now() WHERE "id" = ANY($1::uuid[])`,
          [reestimateRunIds],
        );
      }
    }
    await client.query("COMMIT");
    return {
      runIds: items.map((i) => idByExternalId.get(i.externalId) as string),
      reestimateRunIds,
    };
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}
