/**
 * Read side of the Scope 2 results: sums over the current estimates of an organization's runs
 * whose start falls in [fromUtc, toUtc) (the months of `aggregateEmissions`), of the columns the
 * Scope 2 computation writes (packages/services/src/scope2/compute.ts). Quantities are NUMERIC
 * sums returned as decimal strings (exact, docs/adr/0002-numeric-quantities.md).
 */
import type pg from "pg";

/** Totals of the Scope 2 columns over a range; energies in MWh (kWh sums / 1000, exact). */
export interface Scope2Totals {
  runCount: number;
  facilityEnergyMwh: string;
  /** Sum of the location-based operational carbon (the estimate's figure), kgCO2e. */
  locationBasedCarbonKgCo2e: string;
  marketBasedCarbonKgCo2e: string;
  residualMixUnavailable: boolean;
  energyCoveredByInstrumentsMwh: string;
  renewableEnergyMwh: string;
  nonRenewableEnergyMwh: string;
  /** Carbon-free energy / facility energy, 0..1 (9 decimals); null when the energy is 0. */
  carbonFreeEnergyShare: string | null;
  shiftSavingKgCo2e: string;
  /** Runs with a shift result (hourly data covering the whole window). */
  shiftCoveredRuns: number;
  shiftUncoveredRuns: number;
}

/** One run's Scope 2 results (kWh, kgCO2e decimal strings; "0" until computed). */
export interface Scope2RunRow {
  runId: string;
  externalId: string;
  actualStartUtc: string;
  facilityEnergyKwh: string;
  locationBasedCarbonKgCo2e: string;
  marketBasedCarbonKgCo2e: string;
  renewableEnergyKwh: string;
  carbonFreeEnergyKwh: string;
  shiftSavingKgCo2e: string | null;
  bestStartUtc: string | null;
}

/** Energy of one instrument used by the range's runs. */
export interface InstrumentUseRow {
  instrumentId: string;
  kind: string;
  gridZone: string;
  certificateId: string;
  validFromUtc: Date;
  validToUtc: Date;
  energyUsedMwh: string;
  emissionFactorGPerKwh: string;
}

const RANGE = `e."organizationId" = $1::uuid AND e."isCurrent" AND e."startTimeUtc" >= $2 AND e."startTimeUtc" < $3`;

/** Scope 2 totals of the runs started in [fromUtc, toUtc) (one statement). */
export async function scope2Totals(
  db: pg.Pool | pg.PoolClient,
  organizationId: string,
  fromUtc: Date,
  toUtc: Date,
): Promise<Scope2Totals> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS "runCount",
            (coalesce(sum(e."facilityEnergyKwh"), 0) / 1000)::text AS "facilityEnergyMwh",
            coalesce(sum(e."operationalCarbonKgCo2e"), 0)::text AS "locationBasedCarbonKgCo2e",
            coalesce(sum(e."marketBasedCarbonKgCo2e"), 0)::text AS "marketBasedCarbonKgCo2e",
            coalesce(bool_or(e."residualMixUnavailable"), false) AS "residualMixUnavailable",
            (coalesce(sum(e."instrumentEnergyKwh"), 0) / 1000)::text AS "energyCoveredByInstrumentsMwh",
            (coalesce(sum(e."renewableEnergyKwh"), 0) / 1000)::text AS "renewableEnergyMwh",
            ((coalesce(sum(e."facilityEnergyKwh"), 0) - coalesce(sum(e."renewableEnergyKwh"), 0)) / 1000)::text
              AS "nonRenewableEnergyMwh",
            CASE WHEN sum(e."facilityEnergyKwh") > 0
              THEN round(coalesce(sum(e."carbonFreeEnergyKwh"), 0) / sum(e."facilityEnergyKwh"), 9)::text
            END AS "carbonFreeEnergyShare",
            coalesce(sum(e."shiftSavingKgCo2e"), 0)::text AS "shiftSavingKgCo2e",
            count(e."shiftSavingKgCo2e")::int AS "shiftCoveredRuns",
            (count(*) - count(e."shiftSavingKgCo2e"))::int AS "shiftUncoveredRuns"
     FROM "Estimate" e WHERE ${RANGE}`,
    [organizationId, fromUtc, toUtc],
  );
  return rows[0] as Scope2Totals;
}

/** Per-run Scope 2 results of the runs started in [fromUtc, toUtc), by start then run id. */
export async function scope2Runs(
  db: pg.Pool | pg.PoolClient,
  organizationId: string,
  fromUtc: Date,
  toUtc: Date,
): Promise<Scope2RunRow[]> {
  const { rows } = await db.query<Scope2RunRow>(
    `SELECT e."runId" AS "runId", r."externalId" AS "externalId",
            to_char(e."startTimeUtc" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "actualStartUtc",
            e."facilityEnergyKwh"::text AS "facilityEnergyKwh",
            e."operationalCarbonKgCo2e"::text AS "locationBasedCarbonKgCo2e",
            coalesce(e."marketBasedCarbonKgCo2e", 0)::text AS "marketBasedCarbonKgCo2e",
            coalesce(e."renewableEnergyKwh", 0)::text AS "renewableEnergyKwh",
            coalesce(e."carbonFreeEnergyKwh", 0)::text AS "carbonFreeEnergyKwh",
            e."shiftSavingKgCo2e"::text AS "shiftSavingKgCo2e",
            to_char(e."shiftBestStartUtc" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "bestStartUtc"
     FROM "Estimate" e JOIN "FineTuneRun" r ON r.id = e."runId"
     WHERE ${RANGE}
     ORDER BY e."startTimeUtc", e."runId"`,
    [organizationId, fromUtc, toUtc],
  );
  return rows;
}

/** Instruments applied to the runs started in [fromUtc, toUtc), with the energy used (MWh). */
export async function instrumentUse(
  db: pg.Pool | pg.PoolClient,
  organizationId: string,
  fromUtc: Date,
  toUtc: Date,
): Promise<InstrumentUseRow[]> {
  const { rows } = await db.query<InstrumentUseRow>(
    `SELECT i.id AS "instrumentId", i.kind::text AS kind, i."gridZone" AS "gridZone",
            i."certificateId" AS "certificateId", i."validFromUtc" AS "validFromUtc",
            i."validToUtc" AS "validToUtc", (sum(a."energyKwh") / 1000)::text AS "energyUsedMwh",
            i."emissionFactorGPerKwh"::text AS "emissionFactorGPerKwh"
     FROM "Estimate" e
     JOIN "InstrumentAllocation" a ON a."runId" = e."runId" AND a."organizationId" = e."organizationId"
     JOIN "ContractualInstrument" i ON i.id = a."instrumentId"
     WHERE ${RANGE}
     GROUP BY i.id
     ORDER BY i."validFromUtc", i."certificateId"`,
    [organizationId, fromUtc, toUtc],
  );
  return rows;
}
