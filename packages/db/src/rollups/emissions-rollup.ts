/**
 * Upkeep of `EmissionsRollup` (docs/adr/0080-emissions-rollup.md): per organization, grain
 * (UTC day, month), bucket and dimension (base model, grid zone, GPU model, chain, method,
 * intensity source), the sums of every summable quantity and the counts the imputed share and the
 * per-inference figures need, over the CURRENT estimates.
 *
 * `rollupDeltaSql` adds (+1) or removes (-1) estimates; `storeEstimates` runs it in the
 * transaction that inserts the new estimates and retires the old ones, so the rollup equals the
 * raw sums in every snapshot. `rebuildEmissionsRollup` recomputes an organization's rows from
 * the raw estimates (bulk loads that write Estimate rows directly: fixtures, benchmarks).
 *
 * Quantity columns are DERIVED from `summableQuantities` and `scope2Quantities` (one list each): a
 * quantity added there needs a rollup column of the same scale (the test
 * `emissions-rollup.int.test.ts` fails otherwise). Scope 2 columns change after the estimate is
 * written: `writeScope2Results` applies their delta in its own transaction.
 */
import { scope2Quantities, summableQuantities } from "@finetrace/estimator";
import type pg from "pg";
import { ROLLUP_CHANGE_CHANNEL } from "../change-notifications.js";

export const ROLLUP_TABLE = `"EmissionsRollup"`;

/**
 * Estimate columns of the runs' 90 % bounds (5th / 95th percentiles, docs/adr/0012) whose sums
 * the aggregates report as ranges.
 */
export const BOUND_COLUMNS = [
  "facilityEnergyLowKwh",
  "facilityEnergyHighKwh",
  "totalCarbonLowKgCo2e",
  "totalCarbonHighKgCo2e",
  "totalWaterLowLiters",
  "totalWaterHighLiters",
] as const;

/** Key columns of a rollup row, in primary-key order. */
export const ROLLUP_KEY_COLUMNS = [
  "organizationId",
  "grain",
  "bucketUtc",
  "baseModel",
  "gridZone",
  "gpuModel",
  "chainKey",
  "method",
  "intensitySource",
] as const;

/**
 * Grains, each the `date_trunc` field of its buckets (cut in UTC). No hour grain: the hours at a
 * requested bucket's edges are read from the estimates (rollups/rollup-plan.ts).
 */
export const ROLLUP_GRAINS = ["day", "month"] as const;
export type RollupGrain = (typeof ROLLUP_GRAINS)[number];

/**
 * A run "has use data" when its disclosure gave inferences per day (METHODOLOGY.md s.1); the
 * same predicate as the raw aggregation (`e` is the estimate).
 */
export const HAS_USE_DATA = `e."inferencesPerDayDisclosed" AND e."useLifeDays" > 0 AND e."inferencesPerDay" > 0`;

/**
 * Counter and sum columns of a rollup row, with the expression over one estimate `e` whose sum
 * (times the row's sign) it holds.
 */
export const ROLLUP_VALUE_COLUMNS: readonly (readonly [column: string, perEstimate: string])[] = [
  ["runCount", "1"],
  ...summableQuantities.map((q) => [q, `e."${q}"`] as const),
  ["imputedFieldCount", `e."imputedFieldCount"`],
  ["provenanceFieldCount", `e."provenanceFieldCount"`],
  ["useRunCount", `CASE WHEN ${HAS_USE_DATA} THEN 1 ELSE 0 END`],
  [
    "useProjectedInferences",
    `CASE WHEN ${HAS_USE_DATA} THEN e."useLifeDays" * e."inferencesPerDay" ELSE 0 END`,
  ],
  ["useFacilityEnergyKwh", `CASE WHEN ${HAS_USE_DATA} THEN e."facilityEnergyKwh" ELSE 0 END`],
  ["useTotalCarbonKgCo2e", `CASE WHEN ${HAS_USE_DATA} THEN e."totalCarbonKgCo2e" ELSE 0 END`],
  ["useTotalWaterLiters", `CASE WHEN ${HAS_USE_DATA} THEN e."totalWaterLiters" ELSE 0 END`],
  ...BOUND_COLUMNS.map((c) => [c, `e."${c}"`] as const),
  // Scope 2 results (docs/adr/0090-market-based-scope2.md) are written after the estimate, by
  // `writeScope2Results`, which applies its own delta: NULL until then, counted apart.
  ["scope2RunCount", `CASE WHEN e."marketBasedCarbonKgCo2e" IS NULL THEN 0 ELSE 1 END`],
  ["shiftCoveredRuns", `CASE WHEN e."shiftSavingKgCo2e" IS NULL THEN 0 ELSE 1 END`],
  ...scope2Quantities.map((q) => [q, `coalesce(e."${q}", 0)`] as const),
];

/** Estimate columns the delta reads from its source (besides the sign). */
export const ROLLUP_SOURCE_COLUMNS = [
  "organizationId",
  "startTimeUtc",
  "baseModel",
  "gridZone",
  "gpuModel",
  "chainId",
  "method",
  "intensitySource",
  ...summableQuantities,
  "imputedFieldCount",
  "provenanceFieldCount",
  "inferencesPerDayDisclosed",
  "useLifeDays",
  "inferencesPerDay",
  ...BOUND_COLUMNS,
  ...scope2Quantities,
] as const;

/** Dimension columns of a rollup key (after organization, grain and bucket). */
const DIMENSION_KEYS = ROLLUP_KEY_COLUMNS.slice(3).map((c) => `"${c}"`);

/** The day delta's dimension expressions over one estimate `e`, named as the key columns. */
const DIMENSION_SELECT = [
  `e."baseModel"`,
  `e."gridZone"`,
  `e."gpuModel"`,
  `coalesce(e."chainId", '') AS "chainKey"`,
  `e."method"`,
  `e."intensitySource"`,
];

/**
 * The SQL that applies a delta: `source` is a relation (a CTE name or a parenthesized SELECT)
 * with the columns `ROLLUP_SOURCE_COLUMNS` and `sign` (+1 for an estimate that becomes current,
 * -1 for one retired). `withClause` is empty or a `WITH a AS (...), ...` that defines `source`.
 * `onlyAdded`: every source row has sign +1 (a batch that retires nothing, most estimate
 * writes): the sums skip the per-estimate multiplication by the sign (~20 % of the statement).
 *
 * The delta is summed per UTC day and key once (the signed per-estimate expressions evaluated
 * once per estimate), then the day sums are summed to months (sums of exact NUMERIC sums: the
 * same values as summing the estimates per month). The rows of both grains are upserted in key
 * order, so that concurrent batches lock shared rows in one order (no deadlock).
 */
export function rollupDeltaSql(
  source: string,
  withClause = "",
  { onlyAdded = false }: { onlyAdded?: boolean } = {},
): string {
  const keys = ROLLUP_KEY_COLUMNS.map((c) => `"${c}"`).join(", ");
  const values = ROLLUP_VALUE_COLUMNS.map(([c]) => `"${c}"`).join(", ");
  const sums = ROLLUP_VALUE_COLUMNS.map(([c]) => `sum("${c}") AS "${c}"`).join(", ");
  const signed = ROLLUP_VALUE_COLUMNS.map(
    ([c, x]) => `sum(${onlyAdded ? x : `e.sign * (${x})`}) AS "${c}"`,
  );
  const dimensionPositions = DIMENSION_KEYS.map((_, i) => i + 3).join(", ");
  const positions = ROLLUP_KEY_COLUMNS.map((_, i) => i + 1).join(", ");
  return `${withClause.trim() ? `${withClause},` : "WITH"} rollup_day AS (
  SELECT e."organizationId", date_trunc('day', e."startTimeUtc", 'UTC') AS "bucketUtc",
    ${DIMENSION_SELECT.join(", ")},
    ${signed.join(",\n    ")}
  FROM ${source} e
  GROUP BY 1, 2, ${dimensionPositions}
), rollup_month AS (
  SELECT "organizationId", date_trunc('month', "bucketUtc", 'UTC') AS "bucketUtc",
    ${DIMENSION_KEYS.join(", ")}, ${sums}
  FROM rollup_day
  GROUP BY 1, 2, ${dimensionPositions}
)
INSERT INTO ${ROLLUP_TABLE} AS r (${keys}, ${values})
SELECT "organizationId", grain, "bucketUtc", ${DIMENSION_KEYS.join(", ")}, ${values}
FROM (
  SELECT 'day'::"RollupGrain" AS grain, * FROM rollup_day
  UNION ALL SELECT 'month', * FROM rollup_month
) d
ORDER BY ${positions}
ON CONFLICT (${keys}) DO UPDATE SET
  ${ROLLUP_VALUE_COLUMNS.map(([c]) => `"${c}" = r."${c}" + EXCLUDED."${c}"`).join(",\n  ")}`;
}

/**
 * Tell listeners (the API's emissions cache, docs/adr/0084-emissions-cache.md) that these
 * organizations' rollup rows change in the caller's transaction: one NOTIFY each on
 * `finetrace_rollup_change`, delivered at commit (and dropped on rollback). Every writer of
 * EmissionsRollup calls it after its delta (`storeEstimates`, `writeScope2Results`,
 * `rebuildEmissionsRollup`).
 */
export async function notifyRollupChange(
  client: pg.Pool | pg.ClientBase,
  organizationIds: readonly string[],
): Promise<void> {
  const distinct = [...new Set(organizationIds)];
  if (distinct.length === 0) return;
  await client.query(`SELECT pg_notify($1, o) FROM unnest($2::text[]) AS o`, [
    ROLLUP_CHANGE_CHANNEL,
    distinct,
  ]);
}

/** The delta's source columns, `prefix.`-qualified, for a SELECT list or RETURNING clause. */
export function rollupSourceList(prefix?: string): string {
  return ROLLUP_SOURCE_COLUMNS.map((c) => (prefix ? `${prefix}."${c}"` : `"${c}"`)).join(", ");
}

/**
 * Recompute the rollup rows of one organization from its current estimates (delete, then one
 * grouped insert), in the caller's transaction if `client` is in one. For writers that insert
 * Estimate rows without `storeEstimates` (test fixtures, benchmark data generators).
 */
export async function rebuildEmissionsRollup(
  client: pg.Pool | pg.ClientBase,
  organizationId: string,
): Promise<void> {
  await client.query(`DELETE FROM ${ROLLUP_TABLE} WHERE "organizationId" = $1::uuid`, [
    organizationId,
  ]);
  await client.query(
    rollupDeltaSql(
      `(SELECT ${rollupSourceList()}, 1 AS sign FROM "Estimate"
        WHERE "organizationId" = $1::uuid AND "isCurrent")`,
    ),
    [organizationId],
  );
  await notifyRollupChange(client, [organizationId]);
}
