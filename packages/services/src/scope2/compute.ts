/**
 * Use case: compute an organization's Scope 2 results and store them on its current estimates
 * (market-based carbon, energy covered by instruments, renewable and carbon-free energy, shift
 * saving) with the instrument allocations. The whole organization at once: the allocation of a
 * pool (e.g. an annual REC) to one run depends on the runs before it. Called by the job
 * `compute-scope2` (debounced per organization), by `ensureScope2Current` (reports, the CLI and
 * the demo) and after instrument imports. METHODOLOGY.md s.10, docs/adr/0090-market-based-scope2.md.
 */
import {
  type InstrumentRow,
  listInstruments,
  listResidualMixFactors,
  type Scope2EstimateRow,
  type Scope2HourRow,
  type Scope2ResultRow,
  scope2Estimates,
  scope2Hours,
  scope2Settings,
  scope2Staleness,
  withTransaction,
  writeScope2Results,
} from "@finetrace/db";
import {
  allocateMarketBased,
  bestShift,
  type HourShares,
  renewableEnergy,
  type Scope2Run,
} from "@finetrace/estimator";
import type pg from "pg";

const HOUR_MS = 3_600_000;
/** Runs between event-loop turns in the per-run loop (~10 ms of work each, measured 20k in 0.16 s). */
const YIELD_EVERY_RUNS = 2_000;

/** What one computation did. */
export interface Scope2ComputeSummary {
  organizationId: string;
  estimates: number;
  instruments: number;
  /** Runs with a shift result (hourly data over their whole window). */
  shiftCoveredRuns: number;
  computedAt: Date;
}

/** Thrown when the organization does not exist. */
export class Scope2OrganizationNotFoundError extends Error {
  constructor(readonly organizationId: string) {
    super(`organization ${organizationId} not found`);
    this.name = "Scope2OrganizationNotFoundError";
  }
}

const toRun = (e: Scope2EstimateRow): Scope2Run => ({
  runId: e.runId,
  zone: e.gridZone,
  startMs: e.startTimeUtc.getTime(),
  durationHours: e.reservedDurationHours,
  facilityEnergyKwh: e.facilityEnergyKwh,
  locationCarbonKgCo2e: e.operationalCarbonKgCo2e,
});

/** Per zone, the hours any run's shift window or duration reaches: [min start - W, max end + W). */
function hourRanges(runs: readonly Scope2Run[], windowHours: number) {
  const byZone = new Map<string, { from: number; to: number }>();
  for (const r of runs) {
    const from = Math.floor(r.startMs / HOUR_MS) * HOUR_MS - windowHours * HOUR_MS;
    const to = r.startMs + (Math.max(r.durationHours, 0) + windowHours + 1) * HOUR_MS;
    const range = byZone.get(r.zone);
    byZone.set(
      r.zone,
      range ? { from: Math.min(range.from, from), to: Math.max(range.to, to) } : { from, to },
    );
  }
  return [...byZone].map(([zone, r]) => ({
    zone,
    fromUtc: new Date(r.from),
    toUtc: new Date(r.to),
  }));
}

/** zone -> hour (ms) -> row. */
function indexHours(rows: readonly Scope2HourRow[]) {
  const byZone = new Map<string, Map<number, Scope2HourRow>>();
  for (const row of rows) {
    const zone = byZone.get(row.zoneId) ?? new Map<number, Scope2HourRow>();
    byZone.set(row.zoneId, zone);
    zone.set(row.hourUtc.getTime(), row);
  }
  return byZone;
}

const toInstrument = (i: InstrumentRow) => ({
  id: i.id,
  zone: i.gridZone,
  validFromMs: i.validFromUtc.getTime(),
  validToMs: i.validToUtc.getTime(),
  energyKwh: Number(i.energyMwh) * 1000,
  emissionFactorGPerKwh: Number(i.emissionFactorGPerKwh),
  sortKey: i.certificateId,
});

/**
 * Compute and store the organization's Scope 2 results in one transaction, serialized per
 * organization (advisory lock). Reads the current estimates, instruments, residual-mix factors
 * and hourly series (the organization's private hours preferred); writes every current
 * estimate's Scope 2 columns, replaces the allocations and stamps `scope2ComputedAt` with the
 * transaction's start time.
 * @throws Scope2OrganizationNotFoundError.
 */
export async function computeScope2(
  pool: pg.Pool,
  organizationId: string,
): Promise<Scope2ComputeSummary> {
  return withTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('scope2:' || $1))`, [organizationId]);
    const settings = await scope2Settings(client, organizationId);
    if (!settings) throw new Scope2OrganizationNotFoundError(organizationId);
    const { rows } = await client.query<{ now: Date }>("SELECT now() AS now");
    const computedAt = (rows[0] as { now: Date }).now;
    // One client: its queries run one after the other.
    const estimates = await scope2Estimates(client, organizationId);
    const instruments = await listInstruments(client, organizationId);
    const residuals = await listResidualMixFactors(client, organizationId);
    const runs = estimates.map(toRun);
    const windowHours = settings.shiftWindowHours;
    const hours = indexHours(
      await scope2Hours(client, organizationId, hourRanges(runs, windowHours)),
    );
    const market = allocateMarketBased(
      runs,
      instruments.map(toInstrument),
      residuals.map((r) => ({
        zone: r.gridZone,
        year: r.year,
        emissionFactorGPerKwh: Number(r.emissionFactorGPerKwh),
      })),
    );
    let shiftCoveredRuns = 0;
    const results: Scope2ResultRow[] = [];
    for (const [index, e] of estimates.entries()) {
      // Give the event loop a turn now and then (a worker renews its job locks there).
      if (index > 0 && index % YIELD_EVERY_RUNS === 0) await new Promise(setImmediate);
      const run = runs[index] as Scope2Run;
      const zone = hours.get(e.gridZone);
      const shares = renewableEnergy(run, (h): HourShares | undefined => zone?.get(h));
      const direct = e.intensitySignal === "direct";
      const shift =
        e.intensitySource === "hourly" && zone
          ? bestShift(run, windowHours, (h) => {
              const row = zone.get(h);
              return row && (direct ? row.directIntensityGPerKwh : row.lifecycleIntensityGPerKwh);
            })
          : null;
      if (shift) shiftCoveredRuns++;
      const m = market.runs[index] as (typeof market.runs)[number];
      results.push({
        estimateId: e.estimateId,
        marketBasedCarbonKgCo2e: m.marketBasedCarbonKgCo2e,
        instrumentEnergyKwh: m.instrumentEnergyKwh,
        residualMixUnavailable: m.residualMixUnavailable,
        ...shares,
        shiftSavingKgCo2e: shift ? shift.savingKgCo2e : null,
        shiftBestStartUtc: shift ? new Date(shift.bestStartMs) : null,
      });
    }
    const allocations = market.runs.flatMap((r) =>
      [...r.allocations].map(([instrumentId, energyKwh]) => ({
        instrumentId,
        runId: r.runId,
        energyKwh,
      })),
    );
    await writeScope2Results(client, organizationId, results, allocations, computedAt);
    return {
      organizationId,
      estimates: estimates.length,
      instruments: instruments.length,
      shiftCoveredRuns,
      computedAt,
    };
  });
}

/**
 * Recompute the organization's Scope 2 results when they are stale (`scope2Staleness`), so a
 * reader (a report, the CLI, the demo) sees results consistent with the current inputs.
 * @returns the computation's summary, or null when the stored results were current.
 */
export async function ensureScope2Current(
  pool: pg.Pool,
  organizationId: string,
): Promise<Scope2ComputeSummary | null> {
  const { stale } = await scope2Staleness(pool, organizationId);
  return stale ? computeScope2(pool, organizationId) : null;
}
