/**
 * The Scope 2 section of a monthly report (the contract with packages/services/src/reports):
 * location- and market-based carbon, energy covered by instruments, renewable / non-renewable
 * energy and carbon-free share, the retrospective shift savings, the instruments used, and the
 * same per run. Over the runs whose start falls in [fromUtc, toUtc) (the report's month, as
 * `aggregateEmissions` cuts it). Results are recomputed first when stale (`ensureScope2Current`),
 * then read in one snapshot, so every total equals the sum of the runs' figures to the last
 * digit (NUMERIC sums). Quantities are decimal strings (docs/adr/0002-numeric-quantities.md).
 * METHODOLOGY.md s.10.
 */
import {
  instrumentUse,
  scope2Runs,
  scope2Settings,
  scope2Totals,
  withTransaction,
} from "@finetrace/db";
import { type InstrumentGranularity, instrumentGranularity } from "@finetrace/estimator";
import type pg from "pg";
import { ensureScope2Current, Scope2OrganizationNotFoundError } from "./compute.js";

/** Most runs listed in `shift.bestSavings` (largest savings first). */
export const BEST_SAVINGS_LISTED = 10;

export interface Scope2MonthSummary {
  /** Sum of the runs' location-based operational carbon (today's figure), kgCO2e. */
  locationBasedCarbonKgCo2e: string;
  /** Sum of the runs' market-based carbon (GHG Protocol Scope 2 Guidance), kgCO2e. */
  marketBasedCarbonKgCo2e: string;
  /** Some uncovered energy had no residual-mix factor and was priced location-based. */
  residualMixUnavailable: boolean;
  /** Facility energy covered by contractual instruments, MWh. */
  energyCoveredByInstrumentsMwh: string;
  /** Facility energy x hourly RE%, MWh (hours without RE% count as non-renewable). */
  renewableEnergyMwh: string;
  /** Facility energy - renewable energy, MWh. */
  nonRenewableEnergyMwh: string;
  /** Carbon-free energy / facility energy, 0..1, 9 decimals; null when the month has no energy. */
  carbonFreeEnergyShare: string | null;
  shift: {
    /** The organization's window, hours either side of each run's actual start. */
    windowHours: number;
    /** Sum of the covered runs' savings, kgCO2e. */
    savingKgCo2e: string;
    /** Runs with hourly data over their whole window. */
    coveredRuns: number;
    /** Runs without (no saving computed). */
    uncoveredRuns: number;
    /** The largest savings, at most BEST_SAVINGS_LISTED, largest first (then earliest start). */
    bestSavings: Array<{
      runId: string;
      externalId: string;
      actualStartUtc: string;
      bestStartUtc: string;
      savingKgCo2e: string;
    }>;
  };
  /** Instruments applied to the month's runs, with the energy used by them. */
  instrumentsUsed: Array<{
    instrumentId: string;
    kind: string;
    gridZone: string;
    certificateId: string;
    granularity: InstrumentGranularity;
    energyUsedMwh: string;
    emissionFactorGPerKwh: string;
  }>;
  /** One entry per run of the month, by start then run id. */
  perRun: Array<{
    runId: string;
    marketBasedCarbonKgCo2e: string;
    renewableEnergyKwh: string;
    carbonFreeEnergyKwh: string;
    /** Null when hourly data does not cover the run's window. */
    shiftSavingKgCo2e: string | null;
    bestStartUtc: string | null;
  }>;
  /** When the results read were computed (ISO 8601). */
  computedAt: string | null;
}

/**
 * The Scope 2 summary of an organization's runs started in [fromUtc, toUtc).
 * @throws Scope2OrganizationNotFoundError when the organization does not exist.
 */
export async function scope2MonthSummary(
  pool: pg.Pool,
  organizationId: string,
  range: { fromUtc: Date; toUtc: Date },
): Promise<Scope2MonthSummary> {
  await ensureScope2Current(pool, organizationId);
  const { fromUtc, toUtc } = range;
  return withTransaction(
    pool,
    async (client) => {
      const settings = await scope2Settings(client, organizationId);
      if (!settings) throw new Scope2OrganizationNotFoundError(organizationId);
      const totals = await scope2Totals(client, organizationId, fromUtc, toUtc);
      const runs = await scope2Runs(client, organizationId, fromUtc, toUtc);
      const instruments = await instrumentUse(client, organizationId, fromUtc, toUtc);
      const bestSavings = runs
        .filter((r) => r.shiftSavingKgCo2e !== null && Number(r.shiftSavingKgCo2e) > 0)
        .sort((a, b) => Number(b.shiftSavingKgCo2e) - Number(a.shiftSavingKgCo2e))
        .slice(0, BEST_SAVINGS_LISTED)
        .map((r) => ({
          runId: r.runId,
          externalId: r.externalId,
          actualStartUtc: r.actualStartUtc,
          bestStartUtc: r.bestStartUtc as string,
          savingKgCo2e: r.shiftSavingKgCo2e as string,
        }));
      return {
        locationBasedCarbonKgCo2e: totals.locationBasedCarbonKgCo2e,
        marketBasedCarbonKgCo2e: totals.marketBasedCarbonKgCo2e,
        residualMixUnavailable: totals.residualMixUnavailable,
        energyCoveredByInstrumentsMwh: totals.energyCoveredByInstrumentsMwh,
        renewableEnergyMwh: totals.renewableEnergyMwh,
        nonRenewableEnergyMwh: totals.nonRenewableEnergyMwh,
        carbonFreeEnergyShare: totals.carbonFreeEnergyShare,
        shift: {
          windowHours: settings.shiftWindowHours,
          savingKgCo2e: totals.shiftSavingKgCo2e,
          coveredRuns: totals.shiftCoveredRuns,
          uncoveredRuns: totals.shiftUncoveredRuns,
          bestSavings,
        },
        instrumentsUsed: instruments.map((i) => ({
          instrumentId: i.instrumentId,
          kind: i.kind,
          gridZone: i.gridZone,
          certificateId: i.certificateId,
          granularity:
            instrumentGranularity(i.validFromUtc.getTime(), i.validToUtc.getTime()) ?? "ANNUAL",
          energyUsedMwh: i.energyUsedMwh,
          emissionFactorGPerKwh: i.emissionFactorGPerKwh,
        })),
        perRun: runs.map((r) => ({
          runId: r.runId,
          marketBasedCarbonKgCo2e: r.marketBasedCarbonKgCo2e,
          renewableEnergyKwh: r.renewableEnergyKwh,
          carbonFreeEnergyKwh: r.carbonFreeEnergyKwh,
          shiftSavingKgCo2e: r.shiftSavingKgCo2e,
          bestStartUtc: r.bestStartUtc,
        })),
        computedAt: settings.computedAt?.toISOString() ?? null,
      };
    },
    { mode: "REPEATABLE READ READ ONLY" },
  );
}
