/**
 * One page of the `runs` connection (apps/api): an organization's runs in keyset
 * order (submittedAt desc, id desc) after a cursor, with optional filters. The order is read from
 * the index `FineTuneRun(organizationId, submittedAt, id)` backwards and the filters are checked
 * on the way, so a page never sorts the organization's runs (EXPLAIN in runs-page.int.test.ts).
 * A filter matching few runs reads further down the index; `chainId` pages use the chain index
 * `(organizationId, chainId, startTime)` and sort the chain's runs (a chain has few).
 *
 * Zone, GPU and period match the disclosed value, else the run's current estimate (imputed
 * values), as documented on the GraphQL `RunFilter`.
 */
import type pg from "pg";
import type { FineTuneRun } from "../generated/prisma/client.js";

export interface RunsPageFilter {
  /** Start time (disclosed, else as estimated) in [fromUtc, toUtc). */
  period?: { fromUtc: Date; toUtc: Date };
  status?: "PENDING" | "ESTIMATED" | "FAILED";
  baseModel?: string;
  gridZone?: string;
  gpuModel?: string;
  chainId?: string;
}

export interface RunsPageInput {
  organizationId: string;
  /** Page size + 1 is read (to tell whether a next page exists). */
  first: number;
  /** Keyset cursor: the last row of the previous page. */
  after?: { submittedAt: Date; id: string };
  filter?: RunsPageFilter;
}

/** A page row: the whole run, as Prisma's `FineTuneRun` (BIGINT columns as bigint). */
export type RunsPageRow = FineTuneRun;

/** BIGINT columns of FineTuneRun, which pg returns as text. */
const BIGINT_COLUMNS = ["baseModelParameterCount", "tokensIncludingPadding"] as const;

/** The SQL text and parameters of a page (exported for EXPLAIN). */
export function runsPageSql(input: RunsPageInput): { sql: string; params: unknown[] } {
  const params: unknown[] = [input.organizationId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = [`r."organizationId" = $1::uuid`];
  if (input.after) {
    where.push(
      `(r."submittedAt", r."id") < (${p(input.after.submittedAt)}::timestamptz, ${p(input.after.id)}::uuid)`,
    );
  }
  const f = input.filter ?? {};
  // `cond` on the run's current estimate (at most one: unique index Estimate_one_current_per_run),
  // as a correlated scalar subquery: one index probe per run the scan reaches. (An EXISTS under
  // OR lets the planner hash the subquery, i.e. read every current estimate of every
  // organization for each page: 95 ms at 200,000 estimates.)
  const current = (cond: string) =>
    `coalesce((SELECT ${cond} FROM "Estimate" e WHERE e."runId" = r."id" AND e."isCurrent"), false)`;
  if (f.status) where.push(`r."status" = ${p(f.status)}::"RunStatus"`);
  if (f.baseModel) where.push(`r."baseModel" = ${p(f.baseModel)}`);
  if (f.chainId) where.push(`r."chainId" = ${p(f.chainId)}`);
  if (f.gridZone) {
    const z = p(f.gridZone);
    where.push(
      `(r."gridZone" = ${z} OR (r."gridZone" IS NULL AND ${current(`e."gridZone" = ${z}`)}))`,
    );
  }
  if (f.gpuModel) {
    const g = p(f.gpuModel);
    where.push(
      `(r."gpuModel" = ${g} OR (r."gpuModel" IS NULL AND ${current(`e."gpuModel" = ${g}`)}))`,
    );
  }
  if (f.period) {
    const from = p(f.period.fromUtc);
    const to = p(f.period.toUtc);
    where.push(
      `((r."startTime" >= ${from} AND r."startTime" < ${to}) OR (r."startTime" IS NULL AND ${current(
        `e."startTimeUtc" >= ${from} AND e."startTimeUtc" < ${to}`,
      )}))`,
    );
  }
  const sql = `SELECT r.* FROM "FineTuneRun" r
WHERE ${where.join("\n  AND ")}
ORDER BY r."submittedAt" DESC, r."id" DESC
LIMIT ${p(input.first + 1)}`;
  return { sql, params };
}

/**
 * Up to `first + 1` runs of the page, whole, in page order: one statement, no second lookup by
 * id (the rows come from the same snapshot as the order).
 */
export async function readRunsPage(
  pool: pg.Pool | pg.PoolClient,
  input: RunsPageInput,
): Promise<RunsPageRow[]> {
  const { sql, params } = runsPageSql(input);
  const { rows } = await pool.query<Record<string, unknown>>(sql, params);
  for (const row of rows) {
    for (const c of BIGINT_COLUMNS) if (row[c] !== null) row[c] = BigInt(row[c] as string);
  }
  return rows as unknown as RunsPageRow[];
}
