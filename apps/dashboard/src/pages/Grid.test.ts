import { describe, expect, it } from "vitest";
import { extremes } from "./Grid";

const hour = (iso: string, v: number) => ({ timeUtc: iso, lifecycleIntensityGPerKwh: v });

describe("cleanest and dirtiest hours", () => {
  it("orders hours and finds the hour of day with the lowest mean", () => {
    const points = [
      hour("2024-07-01T00:00:00Z", 300),
      hour("2024-07-01T12:00:00Z", 100),
      hour("2024-07-02T00:00:00Z", 200),
      hour("2024-07-02T12:00:00Z", 400),
    ];
    const x = extremes(points, 2);
    expect(x.cleanest.map((p) => p.lifecycleIntensityGPerKwh)).toEqual([100, 200]);
    expect(x.dirtiest.map((p) => p.lifecycleIntensityGPerKwh)).toEqual([400, 300]);
    // 00:00 mean (300 + 200) / 2 = 250; 12:00 mean (100 + 400) / 2 = 250: a tie keeps the
    // earlier hour; make 12:00 cleaner by one hour more:
    const y = extremes([...points, hour("2024-07-03T12:00:00Z", 10)], 2);
    // 12:00 mean (100 + 400 + 10) / 3 = 170 < 250.
    expect(y.cleanestHourOfDay).toBe(12);
    expect(y.cleanestHourOfDayMean).toBeCloseTo(170, 9);
  });
});
