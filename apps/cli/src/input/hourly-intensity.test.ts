import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseHourlyCsv, ShippedHourlyIntensity } from "./hourly-intensity.js";

const shipped = fileURLToPath(new URL("../../../../data/electricitymaps-hourly/", import.meta.url));

describe("ShippedHourlyIntensity", () => {
  const intensity = new ShippedHourlyIntensity(shipped);

  it("prices the first demo run at its start hour and the mean of its 12 hours", async () => {
    // 2024-07-01T01:00-07:00 = 08:00Z; US-CAL-CISO life-cycle (LCA) values 08:00..19:00Z sum to
    // 2251.73 over 12 hours, mean 187.644 gCO2e/kWh; the 08:00Z value is 244.37.
    const result = await intensity.forRun("US-CAL-CISO", "2024-07-01T08:00:00.000Z", 12);
    expect(result?.startHourIntensityGPerKwh).toBeCloseTo(244.37, 6);
    expect(result?.meanIntensityGPerKwh).toBeCloseTo(187.644, 3);
    expect(result?.hourUtc).toBe("2024-07-01T08:00:00.000Z");
    expect(result?.signal).toBe("life-cycle");
  });

  it("floors the start to the hour and skips missing hours in the mean", async () => {
    // US-NW-PACW 2023-09-06: 05:00Z 287.81, 06:00Z 316.27, 07:00Z and 08:00Z empty.
    // Start 05:30Z for 3 h spans 05,06,07,08 -> mean of the two present = 302.04.
    const result = await intensity.forRun("US-NW-PACW", "2023-09-06T05:30:00Z", 3);
    expect(result?.startHourIntensityGPerKwh).toBeCloseTo(287.81, 6);
    expect(result?.meanIntensityGPerKwh).toBeCloseTo(302.04, 6);
  });

  it("returns null when the zone-year is not shipped or the start hour is missing", async () => {
    expect(await intensity.forRun("FR", "2022-03-11T19:42:00Z", 2820)).toBeNull();
    expect(await intensity.forRun("US-NW-PACW", "2023-09-06T07:10:00Z", 1)).toBeNull();
  });
});

describe("parseHourlyCsv", () => {
  it("refuses a file without the life-cycle column", () => {
    expect(() => parseHourlyCsv("Datetime (UTC),x\n2024-01-01 00:00:00,1\n", "x.csv")).toThrow(
      /x\.csv: not an Electricity Maps hourly CSV/,
    );
  });
});
