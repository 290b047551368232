/**
 * Emissions aggregation shared by the GraphQL `emissions` query (apps/api) and the monthly
 * reports (apps/worker): one SQL statement over the current estimates of an organization's runs
 * whose start time falls in [fromUtc, toUtc), grouped by any of the dimensions below, with the
 * grand total in the same statement (GROUPING SETS).
 *
 * Quantities are NUMERIC sums returned as decimal strings (pg's text form of NUMERIC), exact and
 * independent of row order (docs/adr/0002-numeric-quantities.md), so a report total equals
 * `SELECT sum(...)` over the same runs to the last digit. Served by the index
 * `Estimate(organizationId, isCurrent, startTimeUtc)`.
 *
 * Time buckets are cut in `timezone` (IANA), e.g. a run that starts 2024-07-31T23:30Z is in
 * "2024-08" for Europe/Paris and in "2024-07" for UTC.
 */
import {
  type Scope2Quantity,
  type SummableQuantity,
  scope2Quantities,
  summableQuantities,
} from "@finetrace/estimator";
import type pg from "pg";

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

/**
 * Output key of each dimension, the expression grouped by, and how the key is rendered. Time
 * buckets group on a timestamp (`date_trunc` of the start time in `timezone`, $4) and are
 * formatted after aggregation: sorting timestamps is cheaper than sorting text.
 */
const DIMENSION_SQL: Record<
  EmissionsDimension,
  { key: keyof EmissionsKey; group: string; render: (group: string) => string }
> = {
  MONTH: {
    key: "month",
    group: `date_trunc('month', e."startTimeUtc" AT TIME ZONE $4)`,
    render: (g) => `to_char(${g}, 'YYYY-MM')`,
  },
  WEEK: {
    key: "week",
    group: `date_trunc('week', e."startTimeUtc" AT TIME ZONE $4)`,
    render: (g) => `to_char(${g}, 'IYYY-"W"IW')`,
  },
  DAY: {
    key: "day",
    group: `date_trunc('day', e."startTimeUtc" AT TIME ZONE $4)`,
    render: (g) => `to_char(${g}, 'YYYY-MM-DD')`,
  },
  BASE_MODEL: { key: "baseModel", group: `e."baseModel"`, render: (g) => g },
  GRID_ZONE: { key: "gridZone", group: `e."gridZone"`, render: (g) => g },
  GPU_MODEL: { key: "gpuModel", group: `e."gpuModel"`, render: (g) => g },
  CHAIN: { key: "chainId", group: `e."chainId"`, render: (g) => g },
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

export interface EmissionsGroupRow {
  key: EmissionsKey;
  figures: EmissionsFigures;
  scope2: Scope2Figures;
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
}

export interface EmissionsAggregate {
  /** One row per group, ordered by the dimensions (nulls last). */
  groups: EmissionsGroupRow[];
  /** Every run of the period (equals the sum of the groups). */
  total: EmissionsFigures;
  totalScope2: Scope2Figures;
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

/**
 * A run "has use data" when its disclosure gave inferences per day (METHODOLOGY.md s.1, usage
 * data); the estimator otherwise imputes a default (Scope3's example, 1000 a day), and a
 * per-inference figure built on that default would look like a measurement.
 */
const HAS_USE_DATA = `e."inferencesPerDayDisclosed" AND e."useLifeDays" > 0 AND e."inferencesPerDay" > 0`;

const FIGURES_SQL = [
  `count(*)::int AS "runCount"`,
  ...summableQuantities.map((c) => `coalesce(sum(e."${c}"), 0)::text AS "${c}"`),
  `coalesce(sum(e."imputedFieldCount"), 0)::int8::text AS "imputedFieldCount"`,
  `coalesce(sum(e."provenanceFieldCount"), 0)::int8::text AS "provenanceFieldCount"`,
  `(count(*) FILTER (WHERE ${HAS_USE_DATA}))::int AS "useRunCount"`,
  `coalesce(sum(e."useLifeDays" * e."inferencesPerDay") FILTER (WHERE ${HAS_USE_DATA}), 0)::text AS "useProjectedInferences"`,
  `coalesce(sum(e."facilityEnergyKwh") FILTER (WHERE ${HAS_USE_DATA}), 0)::text AS "useFacilityEnergyKwh"`,
  `coalesce(sum(e."totalCarbonKgCo2e") FILTER (WHERE ${HAS_USE_DATA}), 0)::text AS "useTotalCarbonKgCo2e"`,
  `coalesce(sum(e."totalWaterLiters") FILTER (WHERE ${HAS_USE_DATA}), 0)::text AS "useTotalWaterLiters"`,
  ...scope2Quantities.map((c) => `coalesce(sum(e."${c}"), 0)::text AS "${c}"`),
  `count(e."shiftSavingKgCo2e")::int AS "shiftCoveredRuns"`,
].join(",\n  ");

const TIME_DIMENSIONS: readonly EmissionsDimension[] = ["MONTH", "WEEK", "DAY"];

/** Parameters of `emissionsSql(groupBy)`: $4 (the time zone) only when a time bucket is grouped. */
export function emissionsParams(input: AggregateEmissionsInput): unknown[] {
  const params: unknown[] = [input.organizationId, input.fromUtc, input.toUtc];
  if (input.groupBy.some((d) => TIME_DIMENSIONS.includes(d))) params.push(input.timezone);
  return params;
}

/**
 * The SQL text for a list of dimensions, parameters from `emissionsParams` (exported for
 * EXPLAIN and the benchmark's raw-SQL leg).
 */
export function emissionsSql(groupBy: readonly EmissionsDimension[]): string {
  const dims = [...new Set(groupBy)].map((d) => DIMENSION_SQL[d]);
  const where = `e."organizationId" = $1::uuid AND e."isCurrent" AND e."startTimeUtc" >= $2 AND e."startTimeUtc" < $3`;
  if (dims.length === 0) {
    return `SELECT true AS "isTotal", ${FIGURES_SQL}\nFROM "Estimate" e\nWHERE ${where}`;
  }
  const keyCols = dims.map((d) => `${d.render(d.group)} AS "${d.key}"`).join(", ");
  const exprs = dims.map((d) => d.group).join(", ");
  return `SELECT ${keyCols}, GROUPING(${exprs}) <> 0 AS "isTotal",
  ${FIGURES_SQL}
FROM "Estimate" e
WHERE ${where}
GROUP BY GROUPING SETS ((${exprs}), ())
ORDER BY "isTotal", ${dims.map((d) => `${d.group} NULLS LAST`).join(", ")}`;
}

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

/**
 * Aggregate the current estimates of one organization over [fromUtc, toUtc) in one SQL
 * statement.
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
  let result: pg.QueryResult<Row>;
  try {
    result = await pool.query<Row>(emissionsSql(input.groupBy), emissionsParams(input));
  } catch (e) {
    // 22023 invalid_parameter_value: "time zone ... not recognized".
    if ((e as { code?: string }).code === "22023") {
      throw new EmissionsQueryError("timezone", `"${input.timezone}" is not a known time zone`);
    }
    throw e;
  }
  const dims = [...new Set(input.groupBy)].map((d) => DIMENSION_SQL[d].key);
  const groups: EmissionsGroupRow[] = [];
  let total: EmissionsFigures | undefined;
  let totalScope2: Scope2Figures | undefined;
  for (const r of result.rows) {
    if (r.isTotal) {
      total = toFigures(r);
      totalScope2 = toScope2(r);
      continue;
    }
    const key = { ...NO_KEY };
    for (const k of dims) key[k] = r[k] === null ? null : String(r[k]);
    groups.push({ key, figures: toFigures(r), scope2: toScope2(r) });
  }
  if (!total || !totalScope2) throw new Error("emissions aggregation returned no total row");
  return { groups, total, totalScope2 };
}
