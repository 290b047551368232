import { describe, expect, it } from "vitest";
import { validateUsageItems } from "./record-inference-usage.js";

describe("validateUsageItems", () => {
  it("names the bad field of each bad item and keeps the good ones", () => {
    const { valid, issues } = validateUsageItems([
      { index: 0, modelKey: "bot", day: "2024-07-01", inferenceCount: "10" },
      { index: 1, modelKey: "bot", day: "2024-13-01", inferenceCount: "-5" },
      { index: 2, modelKey: "", day: "2024-07-02", inferenceCount: 3 },
      { index: 3, modelKey: "bot", day: "2024-07-01", inferenceCount: 4 },
    ]);
    expect(valid).toEqual([{ modelKey: "bot", day: "2024-07-01", inferenceCount: "10" }]);
    expect(issues.map((i) => [i.index, i.path])).toEqual([
      [1, "day"],
      [1, "inferenceCount"],
      [2, "modelKey"],
      [3, ""],
    ]);
  });

  it("accepts counts as numbers, bigints and digit strings; rejects fractions", () => {
    const { valid, issues } = validateUsageItems([
      { index: 0, modelKey: "a", day: "2024-07-01", inferenceCount: 7 },
      { index: 1, modelKey: "b", day: "2024-07-01", inferenceCount: 12_000_000_000n },
      { index: 2, modelKey: "c", day: "2024-07-01", inferenceCount: 1.5 },
    ]);
    expect(valid.map((v) => v.inferenceCount)).toEqual(["7", "12000000000"]);
    expect(issues.map((i) => i.index)).toEqual([2]);
  });
});
