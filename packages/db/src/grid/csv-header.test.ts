import { describe, expect, it } from "vitest";
import { findColumns, GridCsvHeaderError } from "./csv-header.js";

describe("findColumns", () => {
  it("reads the 2025 portal header with the (Life cycle) column", () => {
    const header =
      "Datetime (UTC),Country,Zone name,Zone id,Carbon intensity gCO₂eq/kWh (direct),Carbon intensity gCO₂eq/kWh (Life cycle),Carbon-free energy percentage (CFE%),Renewable energy percentage (RE%),Data source,Data estimated,Data estimation method";
    expect(findColumns(header)).toEqual({
      columnCount: 11,
      datetimeUtc: 0,
      zoneName: 2,
      zoneId: 3,
      directIntensity: 4,
      lifecycleIntensity: 5,
      dataEstimated: 9,
      carbonFreePercentage: 6,
      renewablePercentage: 7,
    });
  });

  it("reads the older header with the (LCA) column, a BOM and CRLF", () => {
    const header =
      "\uFEFFDatetime (UTC),Country,Zone Name,Zone Id,Carbon Intensity gCO₂eq/kWh (direct),Carbon Intensity gCO₂eq/kWh (LCA),Low Carbon Percentage,Renewable Percentage,Data Source,Data Estimated,Data Estimation Method\r\n";
    const columns = findColumns(header);
    expect(columns.datetimeUtc).toBe(0);
    expect(columns.lifecycleIntensity).toBe(5);
    expect(columns.dataEstimated).toBe(9);
    expect(columns.carbonFreePercentage).toBe(6);
    expect(columns.renewablePercentage).toBe(7);
  });

  it("marks absent percentage columns -1 (optional)", () => {
    const columns = findColumns(
      "Datetime (UTC),Zone id,Zone name,Carbon intensity gCO₂eq/kWh (direct),Carbon intensity gCO₂eq/kWh (LCA),Data estimated",
    );
    expect(columns.renewablePercentage).toBe(-1);
    expect(columns.carbonFreePercentage).toBe(-1);
  });

  it("names every missing column", () => {
    try {
      findColumns("Datetime (UTC),Zone id,Carbon intensity gCO₂eq/kWh (direct)");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GridCsvHeaderError);
      expect((error as GridCsvHeaderError).missing).toEqual([
        "Zone name",
        "Carbon intensity gCO₂eq/kWh (Life cycle) or (LCA)",
        "Data estimated",
      ]);
    }
  });
});
