/**
 * The demo's Scope 2 inputs and output: a few contractual instruments and a residual-mix factor
 * for the demo organization's July 2024 runs (US-CAL-CISO, the support bot's daily fine-tunes),
 * recorded through the GraphQL mutations, so its report and output show market-based carbon
 * next to location-based, renewable energy and the carbon-aware shift savings.
 *
 * The volumes, factors and certificate ids are ILLUSTRATIVE demo values, not published figures or
 * real certificates.
 */
import Table from "cli-table3";
import { formatNumber } from "../output/estimate-table.js";
import type { GraphQLClient } from "./graphql.js";

export const demoInstruments = [
  {
    // A monthly bundle of RECs for the zone: covers part of July's consumption at 0 g/kWh.
    kind: "REC",
    gridZone: "US-CAL-CISO",
    validFrom: "2024-07-01T00:00:00Z",
    validTo: "2024-08-01T00:00:00Z",
    energyMwh: "0.05",
    emissionFactorGPerKwh: "0",
    certificateId: "DEMO-REC-CISO-2024-07",
  },
  {
    // An hourly PPA volume (solar) in the middle of the 2024-07-10 run.
    kind: "PPA",
    gridZone: "US-CAL-CISO",
    validFrom: "2024-07-10T18:00:00Z",
    validTo: "2024-07-10T19:00:00Z",
    energyMwh: "0.002",
    emissionFactorGPerKwh: "0",
    certificateId: "DEMO-PPA-CISO-2024-07-10T18",
  },
];

export const demoResidualMixFactors = [
  {
    gridZone: "US-CAL-CISO",
    year: 2024,
    emissionFactorGPerKwh: "320",
    source: "illustrative demo value (not a published residual mix)",
  },
];

const RECORD_INSTRUMENTS = /* GraphQL */ `
  mutation RecordInstruments($instruments: [ContractualInstrumentInput!]!) {
    recordInstruments(instruments: $instruments) { id }
  }
`;

const RECORD_RESIDUAL_MIX = /* GraphQL */ `
  mutation RecordResidualMix($factors: [ResidualMixFactorInput!]!) {
    recordResidualMixFactors(factors: $factors) { year }
  }
`;

const SCOPE2_EMISSIONS = /* GraphQL */ `
  query Scope2Emissions($from: DateTime!, $to: DateTime!) {
    emissions(period: { from: $from, to: $to }) {
      total {
        runCount operationalCarbonKgCo2e marketBasedCarbonKgCo2e renewableEnergyMwh
        nonRenewableEnergyMwh carbonFreeEnergyShare shiftSavingKgCo2e shiftCoveredRuns shiftUncoveredRuns
      }
      scope2 { stale computedAt }
    }
  }
`;

export interface DemoScope2 {
  runCount: number;
  operationalCarbonKgCo2e: number;
  marketBasedCarbonKgCo2e: number;
  renewableEnergyMwh: number;
  nonRenewableEnergyMwh: number;
  carbonFreeEnergyShare: number | null;
  shiftSavingKgCo2e: number;
  shiftCoveredRuns: number;
  shiftUncoveredRuns: number;
}

/** Record the demo's instruments and residual-mix factor (idempotent: replaced by id / zone-year). */
export async function recordDemoScope2Inputs(client: GraphQLClient): Promise<void> {
  await client("RecordInstruments", RECORD_INSTRUMENTS, { instruments: demoInstruments });
  await client("RecordResidualMix", RECORD_RESIDUAL_MIX, { factors: demoResidualMixFactors });
}

/** The month's Scope 2 figures from `emissions` (read after the reports, which recompute them). */
export async function fetchScope2(client: GraphQLClient, period: string): Promise<DemoScope2> {
  const from = new Date(`${period}-01T00:00:00Z`);
  const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  const { emissions } = await client<{ emissions: { total: DemoScope2 } }>(
    "Scope2Emissions",
    SCOPE2_EMISSIONS,
    { from: from.toISOString(), to: to.toISOString() },
  );
  return emissions.total;
}

/** One row: location- vs market-based carbon, renewable MWh, CFE share, shift savings. */
export function scope2Table(period: string, s: DemoScope2): string {
  const table = new Table({
    head: [
      "month",
      "location-based kgCO2e",
      "market-based kgCO2e",
      "renewable MWh",
      "non-renewable MWh",
      "CFE share",
      "shift saving kgCO2e (runs covered / not)",
    ],
    style: { head: [], border: [] },
  });
  table.push([
    period,
    formatNumber(s.operationalCarbonKgCo2e, 3),
    formatNumber(s.marketBasedCarbonKgCo2e, 3),
    formatNumber(s.renewableEnergyMwh, 4),
    formatNumber(s.nonRenewableEnergyMwh, 4),
    s.carbonFreeEnergyShare === null ? "n/a" : formatNumber(s.carbonFreeEnergyShare, 3),
    `${formatNumber(s.shiftSavingKgCo2e, 3)} (${s.shiftCoveredRuns} / ${s.shiftUncoveredRuns})`,
  ]);
  return table.toString();
}
