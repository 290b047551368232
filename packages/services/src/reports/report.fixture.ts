/**
 * A small hand-made report model for the rendering and version tests: two runs in July 2024,
 * one zone, one chain, one instrument; every figure chosen so the tests can work them out.
 */
import type { EmissionsFigures } from "@finetrace/db";
import { REPORT_DATA_SOURCES } from "./data-sources.js";
import { type MonthlyReport, REPORT_MODEL_VERSION } from "./model.js";

export const figures = (runCount: number, carbon: string): EmissionsFigures => ({
  runCount,
  itEnergyKwh: "10.000000000",
  facilityEnergyKwh: "12.000000000",
  operationalCarbonKgCo2e: "12.300000000",
  embodiedCarbonKgCo2e: "0.500000000",
  totalCarbonKgCo2e: carbon,
  onsiteWaterLiters: "18.000000000",
  offsiteWaterLiters: "37.560000000",
  embodiedWaterLiters: "0.100000000",
  totalWaterLiters: "55.660000000",
  imputedFieldCount: 3,
  provenanceFieldCount: 12,
  useData: {
    runCount,
    projectedInferences: "1000.000000",
    facilityEnergyKwh: "12.000000000",
    totalCarbonKgCo2e: carbon,
    totalWaterLiters: "55.660000000",
  },
});

export function fixtureReport(): MonthlyReport {
  return {
    modelVersion: REPORT_MODEL_VERSION,
    organization: { id: "o", slug: "acme", name: "Acme <Labs>", reportingTimezone: "Europe/Paris" },
    period: "2024-07",
    fromUtc: "2024-06-30T22:00:00.000Z",
    toUtc: "2024-07-31T22:00:00.000Z",
    version: 2,
    generatedAt: "2024-08-01T00:00:05.000Z",
    // operational 12.3 + embodied 0.5 = 12.8 kgCO2e
    totals: figures(2, "12.800000000"),
    ranges: {
      facilityEnergyKwh: { low: "6.000000000", high: "24.000000000" },
      totalCarbonKgCo2e: { low: "6.400000000", high: "25.600000000" },
      totalWaterLiters: { low: "27.830000000", high: "111.320000000" },
    },
    imputedShare: "0.250000000",
    scope2: {
      locationBasedCarbonKgCo2e: "12.300000000",
      // 4 kWh covered by a PPA at 0 g/kWh, 8 kWh at the residual mix 500 g/kWh: 4.0 kgCO2e
      marketBasedCarbonKgCo2e: "4.000000000",
      residualMixUnavailable: false,
      energyCoveredByInstrumentsMwh: "0.004000000",
      renewableEnergyMwh: "0.003000000",
      nonRenewableEnergyMwh: "0.009000000",
      carbonFreeEnergyShare: "0.400000000",
      shift: {
        windowHours: 12,
        savingKgCo2e: "1.500000000",
        coveredRuns: 1,
        uncoveredRuns: 1,
        bestSavings: [
          {
            runId: "r1",
            externalId: "ft-1",
            actualStartUtc: "2024-07-01T10:00:00.000Z",
            bestStartUtc: "2024-07-01T03:00:00.000Z",
            savingKgCo2e: "1.500000000",
          },
        ],
      },
      instrumentsUsed: [
        {
          instrumentId: "i1",
          kind: "PPA",
          gridZone: "FR",
          certificateId: "PPA-2024-FR-1",
          granularity: "HOURLY",
          energyUsedMwh: "0.004000000",
          emissionFactorGPerKwh: "0.000000",
        },
      ],
    },
    previousMonth: {
      label: "2024-06",
      runCount: 1,
      facilityEnergyKwh: "6.000000000",
      locationBasedCarbonKgCo2e: "9.500000000",
      marketBasedCarbonKgCo2e: "9.500000000",
      embodiedCarbonKgCo2e: "0.500000000",
      // 12.8 vs 10.0: +28 %
      totalCarbonKgCo2e: "10.000000000",
      totalWaterLiters: "20.000000000",
    },
    yearToDate: {
      label: "2024-01..2024-07",
      runCount: 3,
      facilityEnergyKwh: "18.000000000",
      locationBasedCarbonKgCo2e: "21.800000000",
      marketBasedCarbonKgCo2e: "13.500000000",
      embodiedCarbonKgCo2e: "1.000000000",
      totalCarbonKgCo2e: "22.800000000",
      totalWaterLiters: "75.660000000",
    },
    byBaseModel: [{ key: "Llama 2", figures: figures(2, "12.800000000") }],
    byGridZone: [{ key: "FR", figures: figures(2, "12.800000000") }],
    byGpuModel: [{ key: "A100-SXM4-80GB", figures: figures(2, "12.800000000") }],
    byDay: [
      { key: "2024-07-01", figures: figures(1, "6.400000000") },
      { key: "2024-07-02", figures: figures(1, "6.400000000") },
    ],
    chains: [
      {
        chainId: "support-bot-daily",
        runCount: 2,
        totalCarbonKgCo2e: "12.800000000",
        totalWaterLiters: "18.300000000",
        projectedInferences: 2000,
        actualInferences: 1000,
        reportedDays: 1,
        // 12.8 kgCO2e x 1000 g/kg / 2000 inferences = 6.4 gCO2e per inference
        projectedCarbonPerInferenceGCo2e: 6.4,
        projectedWaterPerInferenceMilliliters: 9.15,
        reprojectedCarbonPerInferenceGCo2e: 12.8,
        reprojectedWaterPerInferenceMilliliters: 18.3,
      },
    ],
    chainTrends: [
      {
        chainId: "support-bot-daily",
        points: [
          {
            externalId: "ft-1",
            startUtc: "2024-07-01T10:00:00.000Z",
            carbonPerInferenceGCo2e: "6.4",
          },
          {
            externalId: "ft-2",
            startUtc: "2024-07-02T10:00:00.000Z",
            carbonPerInferenceGCo2e: "6.1",
          },
        ],
      },
    ],
    appendix: {
      methodologies: [
        { methodologyVersion: "finetrace-2026.12.0", method: "finetrace", runCount: 2 },
      ],
      imputationByField: [
        { field: "gpuUtilization", imputedRuns: 2, runs: 2 },
        { field: "pue", imputedRuns: 1, runs: 2 },
      ],
      energyByIntensitySource: [
        { intensitySource: "annual_zone", runCount: 1, facilityEnergyKwh: "3.000000000" },
        { intensitySource: "hourly", runCount: 1, facilityEnergyKwh: "9.000000000" },
      ],
      // 3 kWh of 12 at the annual fallback
      fallbackEnergyShare: "0.250000000",
      gridSources: [
        { gridZone: "FR", series: "shared", source: "electricitymaps-csv", runCount: 1 },
      ],
      dataSources: REPORT_DATA_SOURCES,
    },
  };
}
