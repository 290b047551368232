import type { EstimateChangeRow } from "@finetrace/db";
import { describe, expect, it } from "vitest";
import type { FigureRow } from "./figures.js";
import { reportFigureRows } from "./figures.js";
import { fixtureReport } from "./report.fixture.js";
import {
  diffFigures,
  isNoOpReestimation,
  reportFingerprint,
  runChange,
  versionCauses,
} from "./versions.js";

const row = (section: string, key: string, figure: string, value: string): FigureRow => ({
  section,
  key,
  figure,
  unit: "kgCO2e",
  value,
});

const reestimated: EstimateChangeRow = {
  runId: "r1",
  externalId: "ft-1",
  previousEstimateId: "e1",
  estimateId: "e2",
  previousTotalCarbonKgCo2e: "5.000000000",
  totalCarbonKgCo2e: "4.000000000",
  previousMethodologyVersion: "finetrace-2026.12.0",
  methodologyVersion: "finetrace-2026.12.0",
  previousIntensitySource: "annual_zone",
  intensitySource: "hourly",
  previousIntensitySeries: null,
  intensitySeries: "shared",
  previousMeanIntensityGPerKwh: "56.000000",
  meanIntensityGPerKwh: "44.500000",
  previousProvenanceHash: "h",
  provenanceHash: "h",
};

describe("report versions", () => {
  it("fingerprint: equal figures, equal hash; one changed digit, another hash", () => {
    const a = reportFigureRows(fixtureReport());
    const b = reportFigureRows({ ...fixtureReport(), generatedAt: "2030-01-01T00:00:00.000Z" });
    expect(reportFingerprint(a)).toBe(reportFingerprint(b));
    const changed = fixtureReport();
    changed.totals = { ...changed.totals, totalCarbonKgCo2e: "12.800000001" };
    expect(reportFingerprint(reportFigureRows(changed))).not.toBe(reportFingerprint(a));
  });

  it("diff: changed, added and removed figures with both values", () => {
    const previous = [row("total", "", "c", "1.0"), row("day", "2024-07-01", "c", "1.0")];
    const current = [row("total", "", "c", "1.5"), row("day", "2024-07-02", "c", "0.5")];
    expect(diffFigures(previous, current)).toEqual([
      { section: "total", key: "", figure: "c", unit: "kgCO2e", previous: "1.0", current: "1.5" },
      {
        section: "day",
        key: "2024-07-02",
        figure: "c",
        unit: "kgCO2e",
        previous: null,
        current: "0.5",
      },
      {
        section: "day",
        key: "2024-07-01",
        figure: "c",
        unit: "kgCO2e",
        previous: "1.0",
        current: null,
      },
    ]);
    expect(diffFigures(previous, previous)).toEqual([]);
  });

  it("a run priced by new hourly data is a grid-data change, named by its externalId", () => {
    const change = runChange(reestimated);
    expect(change).toMatchObject({
      externalId: "ft-1",
      change: "re-estimated",
      causes: ["grid-data"],
    });
    expect(runChange({ ...reestimated, previousEstimateId: null }).causes).toEqual(["new-runs"]);
    expect(
      runChange({
        ...reestimated,
        intensitySource: "annual_zone",
        intensitySeries: null,
        meanIntensityGPerKwh: "56.000000",
        methodologyVersion: "finetrace-2027.01.0",
      }).causes,
    ).toEqual(["method-change"]);
  });

  it("causes without a run change: market-based inputs, usage data", () => {
    const scope2 = [
      { section: "scope2", key: "", figure: "m", unit: "kgCO2e", previous: "1", current: "0.5" },
    ];
    expect(
      versionCauses({ runs: [], figures: scope2, previousModelVersion: 2, modelVersion: 2 }),
    ).toEqual(["market-based-inputs"]);
    const chain = [{ ...scope2[0], section: "chain" }] as typeof scope2;
    expect(
      versionCauses({ runs: [], figures: chain, previousModelVersion: 2, modelVersion: 2 }),
    ).toEqual(["usage-data"]);
    expect(
      versionCauses({
        runs: [runChange(reestimated)],
        figures: scope2,
        previousModelVersion: 1,
        modelVersion: 2,
      }),
    ).toEqual(["grid-data", "report-model"]);
  });

  it("a re-estimation with the same inputs and figures is not a change; new instruments are a cause", () => {
    expect(isNoOpReestimation(reestimated)).toBe(false);
    const same = {
      ...reestimated,
      totalCarbonKgCo2e: "5.000000000",
      intensitySource: "annual_zone",
      intensitySeries: null,
      meanIntensityGPerKwh: "56.000000",
    };
    expect(isNoOpReestimation(same)).toBe(true);
    expect(isNoOpReestimation({ ...same, estimateId: null })).toBe(false);
    const scope2 = [
      { section: "scope2", key: "", figure: "m", unit: "kgCO2e", previous: "1", current: "0.5" },
    ];
    // A grid-data re-estimation and new instruments in the same period: both causes.
    expect(
      versionCauses({
        runs: [runChange(reestimated)],
        figures: scope2,
        previousModelVersion: 2,
        modelVersion: 2,
        scope2InputsChanged: true,
      }),
    ).toEqual(["grid-data", "market-based-inputs"]);
  });
});
