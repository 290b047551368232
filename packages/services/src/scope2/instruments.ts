/**
 * Use cases "record contractual instruments" and "record residual-mix factors" (GraphQL
 * `recordInstruments` / `recordResidualMixFactors` / `deleteInstrument` / `setShiftWindowHours`,
 * `finetrace instruments import` / `finetrace residual-mix import`): validate, store in one
 * statement, then bring the Scope 2 results up to date, either now (same call: the CLI) or through
 * the debounced `compute-scope2` job (the API). One home for the rules.
 */
import {
  deleteInstrument,
  type InstrumentRow,
  knownGridZones,
  type ResidualMixRow,
  setShiftWindowHours,
  upsertInstruments,
  upsertResidualMixFactors,
} from "@finetrace/db";
import { instrumentGranularity, storableText } from "@finetrace/estimator";
import type { Queues } from "@finetrace/jobs";
import type pg from "pg";
import { z } from "zod";
import { enqueueComputeScope2 } from "../jobs/definitions/compute-scope2.js";
import { computeScope2 } from "./compute.js";

/** Largest batch one call accepts, as for `submitRuns`. */
export const MAX_SCOPE2_ITEMS = 10_000;
/**
 * Largest emission factor accepted, gCO2e/kWh: above any grid or fuel (lignite power plants emit
 * ~1,100-1,200 gCO2e/kWh life-cycle, IPCC AR5 WG3 Annex III Table A.III.2), so a larger value is a
 * unit mistake (e.g. kg/MWh x 1000).
 */
export const MAX_EMISSION_FACTOR_G_PER_KWH = 2_000;
/** Largest instrument volume, MWh: 100 TWh, above any single contract. */
export const MAX_INSTRUMENT_MWH = 100_000_000;
/** Longest shift window, hours either side (three days). */
export const MAX_SHIFT_WINDOW_HOURS = 72;

/** Instrument kinds (Prisma enum ContractualInstrumentKind); "I-REC" is accepted for I_REC. */
export const instrumentKinds = ["GO", "REC", "I_REC", "PPA", "SUPPLIER_SPECIFIC"] as const;
export type InstrumentKind = (typeof instrumentKinds)[number];

/** A bad input: `field` names it (e.g. `instruments[2].energyMwh`); nothing was written. */
export class Scope2InputError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = "Scope2InputError";
  }
}

const HOUR_MS = 3_600_000;
const decimal = /^\d{1,12}(\.\d{1,9})?$/;

const decimalText = (what: string) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => (typeof v === "number" ? String(v) : v.trim()))
    .refine((v) => decimal.test(v), `must be a decimal number of ${what}, e.g. 12.5`);

const instant = z
  .union([z.date(), z.string()])
  .transform((v) => (typeof v === "string" ? new Date(v.trim()) : v))
  .refine(
    (d) => !Number.isNaN(d.getTime()),
    "must be an ISO 8601 instant, e.g. 2024-07-01T00:00:00Z",
  )
  .refine((d) => d.getTime() % HOUR_MS === 0, "must be a whole UTC hour");

const instrumentSchema = z.object({
  kind: z
    .string()
    .transform((k) => k.trim().toUpperCase().replace("-", "_"))
    .refine((k): k is InstrumentKind => (instrumentKinds as readonly string[]).includes(k), {
      message: `must be one of ${instrumentKinds.join(", ")}`,
    }),
  gridZone: z.string().trim().min(1, "must not be empty"),
  validFromUtc: instant,
  validToUtc: instant,
  energyMwh: decimalText("MWh").refine(
    (v) => Number(v) > 0 && Number(v) <= MAX_INSTRUMENT_MWH,
    `must be > 0 and at most ${MAX_INSTRUMENT_MWH} MWh`,
  ),
  emissionFactorGPerKwh: decimalText("gCO2e/kWh").refine(
    (v) => Number(v) <= MAX_EMISSION_FACTOR_G_PER_KWH,
    `must be at most ${MAX_EMISSION_FACTOR_G_PER_KWH} gCO2e/kWh`,
  ),
  certificateId: storableText(200),
});

/** An instrument as given by a caller (strings or numbers; validated here). */
export interface InstrumentItem {
  kind: unknown;
  gridZone: unknown;
  validFromUtc: unknown;
  validToUtc: unknown;
  energyMwh: unknown;
  emissionFactorGPerKwh: unknown;
  certificateId: unknown;
}

const residualSchema = z.object({
  gridZone: z.string().trim().min(1, "must not be empty"),
  year: z.coerce
    .number()
    .int("must be a calendar year, e.g. 2024")
    .min(2000, "must be 2000 or later")
    .max(2100, "must be 2100 or earlier"),
  emissionFactorGPerKwh: decimalText("gCO2e/kWh").refine(
    (v) => Number(v) <= MAX_EMISSION_FACTOR_G_PER_KWH,
    `must be at most ${MAX_EMISSION_FACTOR_G_PER_KWH} gCO2e/kWh`,
  ),
  source: z
    .string()
    .trim()
    .max(200, "must be at most 200 characters")
    .nullish()
    .transform((s) => (s ? s : null)),
});

/** A residual-mix factor as given by a caller. */
export interface ResidualMixItem {
  gridZone: unknown;
  year: unknown;
  emissionFactorGPerKwh: unknown;
  source?: unknown;
}

/** How the Scope 2 results are brought up to date after a change. */
export type Scope2Refresh = { now: true } | { queues: Pick<Queues, "of"> };

function firstIssue(prefix: string, error: z.ZodError): Scope2InputError {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join(".");
  return new Scope2InputError(path ? `${prefix}.${path}` : prefix, issue?.message ?? "is invalid");
}

function checkCount(field: string, n: number) {
  if (n === 0) throw new Scope2InputError(field, "must hold at least one item");
  if (n > MAX_SCOPE2_ITEMS)
    throw new Scope2InputError(field, `must hold at most ${MAX_SCOPE2_ITEMS} items, got ${n}`);
}

async function checkZones(pool: pg.Pool, field: (i: number) => string, zones: readonly string[]) {
  const known = new Set(await knownGridZones(pool, [...new Set(zones)]));
  zones.forEach((zone, i) => {
    if (!known.has(zone))
      throw new Scope2InputError(
        field(i),
        `${zone} is not a known grid zone (e.g. FR, US-NW-PACW)`,
      );
  });
}

async function refresh(pool: pg.Pool, organizationId: string, how: Scope2Refresh) {
  if ("now" in how) await computeScope2(pool, organizationId);
  else await enqueueComputeScope2(how.queues, [organizationId]);
}

/**
 * Validate and store (insert, or replace by certificate id) an organization's instruments, all or
 * nothing, then refresh its Scope 2 results. Rules: kind one of `instrumentKinds`; a known grid
 * zone; validity on whole UTC hours, end after start, within one calendar year (granularity
 * HOURLY, MONTHLY or ANNUAL, `instrumentGranularity`); energy > 0 MWh; emission factor 0 ..
 * MAX_EMISSION_FACTOR_G_PER_KWH; certificate id 1..200 characters, once per call.
 * @throws Scope2InputError naming the first bad field (`instruments[i].field`); nothing written.
 */
export async function recordInstruments(
  pool: pg.Pool,
  organizationId: string,
  items: readonly InstrumentItem[],
  how: Scope2Refresh,
): Promise<InstrumentRow[]> {
  checkCount("instruments", items.length);
  const seen = new Map<string, number>();
  const valid = items.map((item, i) => {
    const parsed = instrumentSchema.safeParse(item);
    if (!parsed.success) throw firstIssue(`instruments[${i}]`, parsed.error);
    const v = parsed.data;
    const from = v.validFromUtc.getTime();
    const to = v.validToUtc.getTime();
    if (to <= from)
      throw new Scope2InputError(`instruments[${i}].validToUtc`, "must be after validFromUtc");
    if (instrumentGranularity(from, to) === null)
      throw new Scope2InputError(
        `instruments[${i}].validToUtc`,
        "the validity must lie within one calendar year (UTC); split longer instruments by year",
      );
    const first = seen.get(v.certificateId);
    if (first !== undefined)
      throw new Scope2InputError(
        `instruments[${i}].certificateId`,
        `repeats instruments[${first}]`,
      );
    seen.set(v.certificateId, i);
    return v;
  });
  await checkZones(
    pool,
    (i) => `instruments[${i}].gridZone`,
    valid.map((v) => v.gridZone),
  );
  const stored = await upsertInstruments(pool, organizationId, valid);
  await refresh(pool, organizationId, how);
  return stored;
}

/**
 * Validate and store (insert, or replace by zone and year) residual-mix factors, all or nothing,
 * then refresh the Scope 2 results. Rules: a known grid zone; year 2000..2100; factor 0 ..
 * MAX_EMISSION_FACTOR_G_PER_KWH; source at most 200 characters; one item per zone and year.
 * @throws Scope2InputError naming the first bad field (`factors[i].field`); nothing written.
 */
export async function recordResidualMixFactors(
  pool: pg.Pool,
  organizationId: string,
  items: readonly ResidualMixItem[],
  how: Scope2Refresh,
): Promise<ResidualMixRow[]> {
  checkCount("factors", items.length);
  const seen = new Map<string, number>();
  const valid = items.map((item, i) => {
    const parsed = residualSchema.safeParse(item);
    if (!parsed.success) throw firstIssue(`factors[${i}]`, parsed.error);
    const key = `${parsed.data.gridZone}\u0000${parsed.data.year}`;
    const first = seen.get(key);
    if (first !== undefined)
      throw new Scope2InputError(`factors[${i}].year`, `same zone and year as factors[${first}]`);
    seen.set(key, i);
    return parsed.data;
  });
  await checkZones(
    pool,
    (i) => `factors[${i}].gridZone`,
    valid.map((v) => v.gridZone),
  );
  const stored = await upsertResidualMixFactors(pool, organizationId, valid);
  await refresh(pool, organizationId, how);
  return stored;
}

/**
 * Delete one of the organization's instruments, then refresh its Scope 2 results.
 * @throws Scope2InputError (field `id`) when the organization has no such instrument.
 */
export async function removeInstrument(
  pool: pg.Pool,
  organizationId: string,
  instrumentId: string,
  how: Scope2Refresh,
): Promise<void> {
  if (
    !z.uuid().safeParse(instrumentId).success ||
    !(await deleteInstrument(pool, organizationId, instrumentId))
  )
    throw new Scope2InputError("id", "is not an instrument of this organization");
  await refresh(pool, organizationId, how);
}

/**
 * Set the organization's carbon-aware shift window (whole hours either side of a run's start,
 * 0..MAX_SHIFT_WINDOW_HOURS), then refresh its Scope 2 results.
 * @throws Scope2InputError (field `windowHours`).
 */
export async function updateShiftWindow(
  pool: pg.Pool,
  organizationId: string,
  windowHours: number,
  how: Scope2Refresh,
): Promise<void> {
  if (!Number.isInteger(windowHours) || windowHours < 0 || windowHours > MAX_SHIFT_WINDOW_HOURS)
    throw new Scope2InputError(
      "windowHours",
      `must be a whole number of hours from 0 to ${MAX_SHIFT_WINDOW_HOURS}`,
    );
  await setShiftWindowHours(pool, organizationId, windowHours);
  await refresh(pool, organizationId, how);
}
