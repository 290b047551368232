import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { isInferenceUsageHeader, parseInferenceUsageCsv } from "./inference-usage.js";

const example = new URL("../../../../examples/demo/inference-usage-2024-07.csv", import.meta.url);

describe("parseInferenceUsageCsv", () => {
  it("reads the demo's 31 days, 1000 a day on average over whole weeks", async () => {
    const text = await readFile(example, "utf8");
    expect(isInferenceUsageHeader(text.split("\n")[0] ?? "")).toBe(true);
    const { rows, issues } = parseInferenceUsageCsv(text);
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(31);
    // July 1-28, 2024 = 4 whole weeks: 4 * (5 * 1150 + 2 * 625) = 4 * 7000 = 28,000.
    const firstFourWeeks = rows.slice(0, 28).reduce((sum, r) => sum + r.inferenceCount, 0n);
    expect(firstFourWeeks).toBe(28_000n);
    expect(rows[5]?.day.toISOString()).toBe("2024-07-06T00:00:00.000Z");
    expect(rows[5]?.inferenceCount).toBe(625n);
  });

  it("names the bad column of each bad row and keeps the good rows", () => {
    const { rows, issues } = parseInferenceUsageCsv(
      "modelKey,day,inferenceCount\nbot,2024-07-01,10\nbot,2024-13-01,-5\n,2024-07-02,3\n",
    );
    expect(rows).toHaveLength(1);
    expect(issues.map((i) => [i.index, i.path])).toEqual([
      [1, "day"],
      [1, "inferenceCount"],
      [2, "modelKey"],
    ]);
  });

  it("recognises only the usage header", () => {
    expect(isInferenceUsageHeader("day,modelKey,inferenceCount")).toBe(true);
    expect(isInferenceUsageHeader("externalId,baseModel")).toBe(false);
  });
});
