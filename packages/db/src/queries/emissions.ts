/**
 * Emissions aggregation shared by the GraphQL `emissions` query (apps/api) and the monthly
 * reports (apps/worker): one SQL statement over the current estimates of an organization's runs
 * whose start time falls in [fromUtc, toUtc), grouped by any of the dimensions below, with the
 * grand total in the same statement (GROUPING SETS).
 *
 * Quantities are NUMERIC sums returned as decimal strings (pg's text form of NUMERIC), exact and
 * independent of row order (docs/adr/0002-numeric-quantities.md), so a report total equals
 * `SELECT sum(...)` over the same runs to the last digit. Served from the pre-aggregated
 * `EmissionsRollup` (docs/adr/0080-emissions-rollup.md: UTC days and months, plus or minus the
 * estimates of the edge hours) whenever whole UTC hours can cut the requested buckets, otherwise
 * by a scan of the index `Estimate(organizationId, isCurrent, startTimeUtc)`; `servedBy` says
 * which.
 *
 * Time buckets are cut in `timezone` (IANA), e.g. a run that starts 2024-07-31T23:30Z is in
 * "2024-08" for Europe/Paris and in "2024-07" for UTC.
 */

import { createHash } from "node:crypto";
import {
  type Scope2Quantity,
  type SummableQuantity,
  scope2Quantities,
  summableQuantities,
} from "@finetrace/estimator";
import type pg from "pg";
import {
  BOUND_COLUMNS,
  HAS_USE_DATA,
  ROLLUP_SOURCE_COLUMNS,
  ROLLUP_TABLE,
  ROLLUP_VALUE_COLUMNS,
} from "../rollups/emissions-rollup.js";
import { planRollupRanges, type RollupPlan } from "../rollups/rollup-plan.js";

/** Dimensions an aggregation can be grouped by. */
export const emissionsDimensions = [
  "MONTH",
  "WEEK",
  "DAY",
  "BASE_MODEL",
  "GRID_ZONE",
  "GPU_MODEL",
  "CHAIN",
] as const;
export type EmissionsDimension = (typeof emissionsDimensions)[number];

/** Column expressions of the relation an aggregation reads (raw estimates or the rollup). */
interface SourceSql {
  /** The instant time buckets are cut from. */
  time: string;
  /** The parameter holding the time zone. */
  timezone: string;
  baseModel: string;
  gridZone: string;
  gpuModel: string;
  chainId: string;
}

const RAW_SOURCE: SourceSql = {
  time: `e."startTimeUtc"`,
  timezone: "$4",
  baseModel: `e."baseModel"`,
  gridZone: `e."gridZone"`,
  gpuModel: `e."gpuModel"`,
  chainId: `e."chainId"`,
};

/**
 * Rollup rows and signed edge estimates (`rollupSourceSql`): each lies in one requested bucket,
 * at the instant `t` (its bucket start, its start time, or its piece's anchor).
 */
const ROLLUP_SOURCE: SourceSql = {
  time: `r.t`,
  timezone: "$10",
  baseModel: `r."baseModel"`,
  gridZone: `r."gridZone"`,
  gpuModel: `r."gpuModel"`,
  chainId: `r."chainId"`,
};

/**
 * Output key of each dimension, the expression grouped by, and how the key is rendered. Time
 * buckets group on a timestamp (`date_trunc` of the start time in the time zone) and are
 * formatted after aggregation: sorting timestamps is cheaper than sorting text.
 */
const DIMENSION_SQL: Record<
  EmissionsDimension,
  { key: keyof EmissionsKey; group: (s: SourceSql) => string; render: (group: string) => string }
> = {
  MONTH: {
    key: "month",
    group: (s) => `date_trunc('month', ${s.time} AT TIME ZONE ${s.timezone})`,
    render: (g) => `to_char(${g}, 'YYYY-MM')`,
  },
  WEEK: {
    key: "week",
    group: (s) => `date_trunc('week', ${s.time} AT TIME ZONE ${s.timezone})`,
    render: (g) => `to_char(${g}, 'IYYY-"W"IW')`,
  },
  DAY: {
    key: "day",
    group: (s) => `date_trunc('day', ${s.time} AT TIME ZONE ${s.timezone})`,
    render: (g) => `to_char(${g}, 'YYYY-MM-DD')`,
  },
  BASE_MODEL: { key: "baseModel", group: (s) => s.baseModel, render: (g) => g },
  GRID_ZONE: { key: "gridZone", group: (s) => s.gridZone, render: (g) => g },
  GPU_MODEL: { key: "gpuModel", group: (s) => s.gpuModel, render: (g) => g },
  CHAIN: { key: "chainId", group: (s) => s.chainId, render: (g) => g },
};

/** `date_trunc` unit of each time dimension (the rollup's bucket boundaries). */
const TIME_UNITS: Partial<Record<EmissionsDimension, string>> = {
  MONTH: "month",
  WEEK: "week",
  DAY: "day",
};

/** The value of each grouped dimension; null for dimensions not grouped (and runs outside a chain). */
export interface EmissionsKey {
  /** "YYYY-MM" in the reporting time zone. */
  month: string | null;
  /** ISO week "IYYY-Www" in the reporting time zone. */
  week: string | null;
  /** "YYYY-MM-DD" in the reporting time zone. */
  day: string | null;
  baseModel: string | null;
  gridZone: string | null;
  gpuModel: string | null;
  chainId: string | null;
}

/**
 * Sums over a set of current estimates: every summable quantity (kWh, kgCO2e, L) as a decimal
 * string, the exact NUMERIC sum.
 */
export interface EmissionsFigures extends Record<SummableQuantity, string> {
  runCount: number;
  /** Sum of imputed input fields; divided by `provenanceFieldCount` it is the imputed share. */
  imputedFieldCount: number;
  provenanceFieldCount: number;
  /** Runs whose disclosure gave inferences per day (use data), and their sums. */
  useData: {
    runCount: number;
    /** Sum of use life days x inferences per day. */
    projectedInferences: string;
    facilityEnergyKwh: string;
    totalCarbonKgCo2e: string;
    totalWaterLiters: string;
  };
}

/**
 * Sums of the Scope 2 columns (market-based carbon kgCO2e, renewable and carbon-free energy kWh,
 * shift saving kgCO2e; decimal strings) and the shift coverage: runs with a shift result, runs
 * without (not covered by hourly data, or not computed yet). docs/adr/0090-market-based-scope2.md.
 */
export interface Scope2Figures extends Record<Scope2Quantity, string> {
  shiftCoveredRuns: number;
  shiftUncoveredRuns: number;
}

/** A sum of per-run bounds (decimal strings). */
export interface BoundSums {
  low: string;
  high: string;
}

/**
 * 90 % ranges: sums of the runs' 5th and 95th percentile bounds (docs/adr/0012). A sum of per-run
 * bounds is the 90 % range of the total only when the runs' errors are fully correlated (the same
 * imputed PUE, utilization, intensity): the conservative (widest) reading.
 */
export interface RangeFigures {
  facilityEnergyKwh: BoundSums;
  totalCarbonKgCo2e: BoundSums;
  totalWaterLiters: BoundSums;
}

export interface EmissionsGroupRow {
  key: EmissionsKey;
  figures: EmissionsFigures;
  scope2: Scope2Figures;
  ranges: RangeFigures;
}

export interface AggregateEmissionsInput {
  organizationId: string;
  /** Inclusive start instant. */
  fromUtc: Date;
  /** Exclusive end instant. */
  toUtc: Date;
  /** Dimensions, in output order; duplicates are ignored. Empty = total only. */
  groupBy: readonly EmissionsDimension[];
  /** IANA time zone of the MONTH / WEEK / DAY buckets, e.g. "UTC", "Europe/Paris". */
  timezone: string;
  /** "raw" forces the scan of the estimates (benchmarks, tests); default: the rollup if it can. */
  path?: "auto" | "raw";
}

/**
 * What served an aggregation: the pre-aggregated EmissionsRollup, or the raw scan of the
 * estimates (a time zone or period whole UTC hours cannot cut, or one with no whole UTC day).
 */
export type EmissionsPath = "ROLLUP" | "RAW";

export interface EmissionsAggregate {
  /** One row per group, ordered by the dimensions (nulls last). */
  groups: EmissionsGroupRow[];
  /** Every run of the period (equals the sum of the groups). */
  total: EmissionsFigures;
  totalScope2: Scope2Figures;
  totalRanges: RangeFigures;
  servedBy: EmissionsPath;
}

/** Thrown for an input the query cannot run with; `field` names the input field. */
export class EmissionsQueryError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = "EmissionsQueryError";
  }
}

const RAW_FIGURES_SQL = [
  `count(*)::int AS "runCount"`,
  ...summableQuantities.map((c) => `coalesce(sum(e."${c}"), 0)::text AS "${c}"`),
  `coalesce(sum(e."imputedFieldCount"), 0)::int8::text AS "imputedFieldCount"`,
  `coalesce(sum(e."provenanceFieldCount"), 0)::int8::text AS "provenanceFieldCount"`,
  `(count(*) FILTER (WHERE ${HAS_USE_DATA}))::int AS "useRunCount"`,
  `coalesce(sum(e."useLifeDays" * e."inferencesPerDay") FILTER (WHERE ${HAS_USE_DATA}), 0)::text AS "useProjectedInferences"`,
  `coalesce(sum(e."facilityEnergyKwh") FILTER (WHERE ${HAS_USE_DATA}), 0)::text AS "useFacilityEnergyKwh"`,
  `coalesce(sum(e."totalCarbonKgCo2e") FILTER (WHERE ${HAS_USE_DATA}), 0)::text AS "useTotalCarbonKgCo2e"`,
  `coalesce(sum(e."totalWaterLiters") FILTER (WHERE ${HAS_USE_DATA}), 0)::text AS "useTotalWaterLiters"`,
  ...BOUND_COLUMNS.map((c) => `coalesce(sum(e."${c}"), 0)::text AS "${c}"`),
  ...scope2Quantities.map((c) => `coalesce(sum(e."${c}"), 0)::text AS "${c}"`),
  `count(e."shiftSavingKgCo2e")::int AS "shiftCoveredRuns"`,
].join(",\n  ");

/**
 * The same figures from rollup rows. A sum over no run is 0 (as the raw `coalesce(sum, 0)`),
 * otherwise the sum of the rows' sums, whose columns have the scale of the Estimate columns: the
 * text equals the raw sum's to the last digit (also for rows whose estimates were all retired).
 */
const ROLLUP_FIGURES_SQL = [
  `coalesce(sum(r."runCount"), 0)::int AS "runCount"`,
  ...[...summableQuantities, ...BOUND_COLUMNS].map(
    (c) =>
      `(CASE WHEN coalesce(sum(r."runCount"), 0) = 0 THEN 0 ELSE sum(r."${c}") END)::text AS "${c}"`,
  ),
  `coalesce(sum(r."imputedFieldCount"), 0)::int8::text AS "imputedFieldCount"`,
  `coalesce(sum(r."provenanceFieldCount"), 0)::int8::text AS "provenanceFieldCount"`,
  `coalesce(sum(r."useRunCount"), 0)::int AS "useRunCount"`,
  ...[
    "useProjectedInferences",
    "useFacilityEnergyKwh",
    "useTotalCarbonKgCo2e",
    "useTotalWaterLiters",
  ].map(
    (c) =>
      `(CASE WHEN coalesce(sum(r."useRunCount"), 0) = 0 THEN 0 ELSE sum(r."${c}") END)::text AS "${c}"`,
  ),
  // Scope 2 sums: 0 where no estimate of the rows has its Scope 2 result (the raw sum of NULLs),
  // otherwise the sum at the Estimate column's scale; the saving counts only runs with one.
  ...scope2Quantities.map((c) => {
    const counter = c === "shiftSavingKgCo2e" ? "shiftCoveredRuns" : "scope2RunCount";
    return `(CASE WHEN coalesce(sum(r."${counter}"), 0) = 0 THEN 0 ELSE sum(r."${c}") END)::text AS "${c}"`;
  }),
  `coalesce(sum(r."shiftCoveredRuns"), 0)::int AS "shiftCoveredRuns"`,
].join(",\n  ");

const TIME_DIMENSIONS: readonly EmissionsDimension[] = ["MONTH", "WEEK", "DAY"];

/** Parameters of `emissionsSql(groupBy)`: $4 (the time zone) only when a time bucket is grouped. */
export function emissionsParams(input: AggregateEmissionsInput): unknown[] {
  const params: unknown[] = [input.organizationId, input.fromUtc, input.toUtc];
  if (input.groupBy.some((d) => TIME_DIMENSIONS.includes(d))) params.push(input.timezone);
  return params;
}

/** SELECT ... GROUP BY GROUPING SETS over `from` (a FROM ... WHERE clause) of one source. */
function groupedSql(
  groupBy: readonly EmissionsDimension[],
  source: SourceSql,
  figures: string,
  from: string,
  having = "",
): string {
  const dims = [...new Set(groupBy)].map((d) => DIMENSION_SQL[d]);
  if (dims.length === 0) return `SELECT true AS "isTotal", ${figures}\n${from}`;
  const exprs = dims.map((d) => d.group(source)).join(", ");
  const keyCols = dims.map((d) => `${d.render(d.group(source))} AS "${d.key}"`).join(", ");
  return `SELECT ${keyCols}, GROUPING(${exprs}) <> 0 AS "isTotal",
  ${figures}
${from}
GROUP BY GROUPING SETS ((${exprs}), ())${having.replaceAll("$GROUPING", `GROUPING(${exprs})`)}
ORDER BY "isTotal", ${dims.map((d) => `${d.group(source)} NULLS LAST`).join(", ")}`;
}

/**
 * The raw SQL text (a scan of the current estimates) for a list of dimensions, parameters from
 * `emissionsParams` (exported for EXPLAIN and the benchmark's raw-SQL leg).
 */
export function emissionsSql(groupBy: readonly EmissionsDimension[]): string {
  return groupedSql(
    groupBy,
    RAW_SOURCE,
    RAW_FIGURES_SQL,
    `FROM "Estimate" e
WHERE e."organizationId" = $1::uuid AND e."isCurrent" AND e."startTimeUtc" >= $2 AND e."startTimeUtc" < $3`,
  );
}

/**
 * The relation the rollup query aggregates (alias `r`): the rollup rows of the plan's ranges
 * ($2 grains, $3 starts, $4 ends, $5 anchors) and the signed current estimates of its edge hours
 * ($6 starts, $7 ends, $8 signs, $9 anchors), with the rollup's value columns. Each range is an
 * index range scan of its own (`LATERAL ... OFFSET 0`: the planner cannot estimate a range bound
 * from an array and would otherwise scan the organization's whole rollup).
 */
const rollupSourceSql = () => {
  const values = ROLLUP_VALUE_COLUMNS.map(([c]) => `x."${c}"`).join(", ");
  const signed = ROLLUP_VALUE_COLUMNS.map(([c, expr]) => `q.sign * (${expr}) AS "${c}"`);
  return `(
  SELECT coalesce(p.anchor, x."bucketUtc") AS t, x."baseModel", x."gridZone", x."gpuModel",
    NULLIF(x."chainKey", '') AS "chainId", ${values}
  FROM unnest($2::"RollupGrain"[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[])
    AS p(grain, lo, hi, anchor)
  CROSS JOIN LATERAL (
    SELECT * FROM ${ROLLUP_TABLE} x
    WHERE x."organizationId" = $1::uuid AND x."grain" = p.grain
      AND x."bucketUtc" >= p.lo AND x."bucketUtc" < p.hi OFFSET 0) x
  UNION ALL
  SELECT q.anchor, e."baseModel", e."gridZone", e."gpuModel", e."chainId",
    ${signed.join(",\n    ")}
  FROM unnest($6::timestamptz[], $7::timestamptz[], $8::int[], $9::timestamptz[])
    AS q(lo, hi, sign, anchor)
  CROSS JOIN LATERAL (
    SELECT ${ROLLUP_SOURCE_COLUMNS.map((c) => `e."${c}"`).join(", ")} FROM "Estimate" e
    WHERE e."organizationId" = $1::uuid AND e."isCurrent"
      AND e."startTimeUtc" >= q.lo AND e."startTimeUtc" < q.hi OFFSET 0) e
) r`;
};

/**
 * The rollup SQL for a list of dimensions: $1 organization, $2..$9 the plan (`rollupSourceSql`),
 * $10 the time zone when a time bucket is grouped. Groups whose rows hold no current run (all
 * retired) are left out, as the raw scan never sees them.
 */
export function emissionsRollupSql(groupBy: readonly EmissionsDimension[]): string {
  return groupedSql(
    groupBy,
    ROLLUP_SOURCE,
    ROLLUP_FIGURES_SQL,
    `FROM ${rollupSourceSql()}`,
    `\nHAVING $GROUPING <> 0 OR sum(r."runCount") > 0`,
  );
}

/** Instants strictly inside the period where a bucket of a grouped time dimension starts. */
const BOUNDARIES_SQL = `
  SELECT DISTINCT gs AT TIME ZONE $3 AS b
  FROM unnest($4::text[]) AS u(unit),
  LATERAL generate_series(date_trunc(u.unit, $1::timestamptz AT TIME ZONE $3),
                          $2::timestamptz AT TIME ZONE $3, ('1 ' || u.unit)::interval) AS gs`;

type Row = Record<string, string | number | boolean | null>;

function toFigures(r: Row): EmissionsFigures {
  const s = (k: string) => String(r[k]);
  return {
    runCount: Number(r.runCount),
    itEnergyKwh: s("itEnergyKwh"),
    facilityEnergyKwh: s("facilityEnergyKwh"),
    operationalCarbonKgCo2e: s("operationalCarbonKgCo2e"),
    embodiedCarbonKgCo2e: s("embodiedCarbonKgCo2e"),
    totalCarbonKgCo2e: s("totalCarbonKgCo2e"),
    onsiteWaterLiters: s("onsiteWaterLiters"),
    offsiteWaterLiters: s("offsiteWaterLiters"),
    embodiedWaterLiters: s("embodiedWaterLiters"),
    totalWaterLiters: s("totalWaterLiters"),
    imputedFieldCount: Number(r.imputedFieldCount),
    provenanceFieldCount: Number(r.provenanceFieldCount),
    useData: {
      runCount: Number(r.useRunCount),
      projectedInferences: s("useProjectedInferences"),
      facilityEnergyKwh: s("useFacilityEnergyKwh"),
      totalCarbonKgCo2e: s("useTotalCarbonKgCo2e"),
      totalWaterLiters: s("useTotalWaterLiters"),
    },
  };
}

function toRanges(r: Row): RangeFigures {
  const s = (k: string) => String(r[k]);
  return {
    facilityEnergyKwh: { low: s("facilityEnergyLowKwh"), high: s("facilityEnergyHighKwh") },
    totalCarbonKgCo2e: { low: s("totalCarbonLowKgCo2e"), high: s("totalCarbonHighKgCo2e") },
    totalWaterLiters: { low: s("totalWaterLowLiters"), high: s("totalWaterHighLiters") },
  };
}

function toScope2(r: Row): Scope2Figures {
  const s = (k: string) => String(r[k]);
  return {
    marketBasedCarbonKgCo2e: s("marketBasedCarbonKgCo2e"),
    renewableEnergyKwh: s("renewableEnergyKwh"),
    carbonFreeEnergyKwh: s("carbonFreeEnergyKwh"),
    shiftSavingKgCo2e: s("shiftSavingKgCo2e"),
    shiftCoveredRuns: Number(r.shiftCoveredRuns),
    shiftUncoveredRuns: Number(r.runCount) - Number(r.shiftCoveredRuns),
  };
}

const NO_KEY: EmissionsKey = {
  month: null,
  week: null,
  day: null,
  baseModel: null,
  gridZone: null,
  gpuModel: null,
  chainId: null,
};

const DAY_MS = 86_400_000;

/**
 * Bucket starts strictly inside [from, to) in UTC, without a query: UTC midnights, Mondays
 * (ISO weeks, as `date_trunc('week')`) and first days of months.
 */
function utcBoundaries(from: Date, to: Date, units: readonly string[]): Date[] {
  const out: Date[] = [];
  const first = Math.floor(from.getTime() / DAY_MS) * DAY_MS + DAY_MS;
  for (let day = first; day < to.getTime(); day += DAY_MS) {
    const d = new Date(day);
    if (
      units.includes("day") ||
      (units.includes("week") && d.getUTCDay() === 1) ||
      (units.includes("month") && d.getUTCDate() === 1)
    ) {
      out.push(d);
    }
  }
  return out;
}

const isTimezoneError = (e: unknown) =>
  // 22023 invalid_parameter_value: "time zone ... not recognized".
  (e as { code?: string }).code === "22023";

/**
 * The rollup plan serving `input` (`planRollupRanges`), or null when it must be served raw
 * (forced, or a cut not on a whole UTC hour).
 */
async function rollupPlan(
  pool: pg.Pool | pg.PoolClient,
  input: AggregateEmissionsInput,
): Promise<RollupPlan | null> {
  if (input.path === "raw") return null;
  const units = [...new Set(input.groupBy)].flatMap((d) => TIME_UNITS[d] ?? []);
  let boundaries: Date[] = [];
  if (units.length > 0 && input.timezone === "UTC") {
    boundaries = utcBoundaries(input.fromUtc, input.toUtc, units);
  } else if (units.length > 0) {
    const { rows } = await pool.query<{ b: Date }>(BOUNDARIES_SQL, [
      input.fromUtc,
      input.toUtc,
      input.timezone,
      units,
    ]);
    boundaries = rows
      .map((r) => r.b)
      .filter((b) => b.getTime() > input.fromUtc.getTime() && b < input.toUtc);
  }
  return planRollupRanges(input.fromUtc, input.toUtc, boundaries);
}

/** Statement names by rollup SQL text (one per groupBy combination used). */
const rollupStatementNames = new Map<string, string>();

/**
 * The rollup query as a named (prepared) statement: each pooled connection parses and plans it
 * once and then reuses the plan (Postgres' plan cache), which saves ~1.4 ms of planning per
 * call on the 40-column aggregation (measured, BENCHMARKS.md). Needs session-level statements:
 * behind a transaction-mode pooler (PgBouncer < 1.21) set its prepared-statement support.
 */
function preparedRollupQuery(groupBy: readonly EmissionsDimension[], values: unknown[]) {
  const text = emissionsRollupSql(groupBy);
  let name = rollupStatementNames.get(text);
  if (!name) {
    name = `finetrace_rollup_${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;
    rollupStatementNames.set(text, name);
  }
  return { name, text, values };
}

/** Run the rollup query for `ranges`, or the raw scan when `ranges` is null. */
async function queryAggregate(
  pool: pg.Pool | pg.PoolClient,
  input: AggregateEmissionsInput,
): Promise<{ rows: Row[]; servedBy: EmissionsPath }> {
  const plan = await rollupPlan(pool, input);
  // A period with no whole UTC day inside is all edge hours: the raw scan is as cheap.
  if (!plan || plan.rollup.length === 0) {
    const result = await pool.query<Row>(emissionsSql(input.groupBy), emissionsParams(input));
    return { rows: result.rows, servedBy: "RAW" };
  }
  const params: unknown[] = [
    input.organizationId,
    plan.rollup.map((r) => r.grain),
    plan.rollup.map((r) => r.fromUtc),
    plan.rollup.map((r) => r.toUtc),
    plan.rollup.map((r) => r.anchorUtc),
    plan.raw.map((r) => r.fromUtc),
    plan.raw.map((r) => r.toUtc),
    plan.raw.map((r) => r.sign),
    plan.raw.map((r) => r.anchorUtc),
  ];
  if (input.groupBy.some((d) => TIME_DIMENSIONS.includes(d))) params.push(input.timezone);
  const result = await pool.query<Row>(preparedRollupQuery(input.groupBy, params));
  return { rows: result.rows, servedBy: "ROLLUP" };
}

/**
 * Aggregate the current estimates of one organization over [fromUtc, toUtc): from the rollup
 * (two small queries: the buckets' boundaries, then the rollup rows and edge-hour estimates)
 * when every cut is on a whole UTC hour and a whole UTC day lies inside, otherwise by one scan
 * of the estimates; both give the same decimal strings.
 * @throws EmissionsQueryError when fromUtc is not before toUtc, a date is invalid, or the time
 *   zone is unknown to Postgres.
 */
export async function aggregateEmissions(
  pool: pg.Pool | pg.PoolClient,
  input: AggregateEmissionsInput,
): Promise<EmissionsAggregate> {
  const from = input.fromUtc.getTime();
  const to = input.toUtc.getTime();
  if (Number.isNaN(from)) throw new EmissionsQueryError("fromUtc", "is not a valid date");
  if (Number.isNaN(to)) throw new EmissionsQueryError("toUtc", "is not a valid date");
  if (from >= to) throw new EmissionsQueryError("toUtc", "must be after fromUtc");
  for (const d of input.groupBy) {
    if (!(d in DIMENSION_SQL)) throw new EmissionsQueryError("groupBy", `unknown dimension ${d}`);
  }
  let result: { rows: Row[]; servedBy: EmissionsPath };
  try {
    result = await queryAggregate(pool, input);
  } catch (e) {
    if (isTimezoneError(e)) {
      throw new EmissionsQueryError("timezone", `"${input.timezone}" is not a known time zone`);
    }
    throw e;
  }
  const dims = [...new Set(input.groupBy)].map((d) => DIMENSION_SQL[d].key);
  const groups: EmissionsGroupRow[] = [];
  let total: EmissionsFigures | undefined;
  let totalScope2: Scope2Figures | undefined;
  let totalRanges: RangeFigures | undefined;
  for (const r of result.rows) {
    if (r.isTotal) {
      total = toFigures(r);
      totalScope2 = toScope2(r);
      totalRanges = toRanges(r);
      continue;
    }
    const key = { ...NO_KEY };
    for (const k of dims) key[k] = r[k] === null ? null : String(r[k]);
    groups.push({ key, figures: toFigures(r), scope2: toScope2(r), ranges: toRanges(r) });
  }
  if (!total || !totalScope2 || !totalRanges)
    throw new Error("emissions aggregation returned no total row");
  return { groups, total, totalScope2, totalRanges, servedBy: result.servedBy };
}
