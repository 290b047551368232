import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { isInferenceUsageHeader, readInferenceUsageCsv } from "./inference-usage.js";

const example = new URL("../../../../examples/demo/inference-usage-2024-07.csv", import.meta.url);

describe("readInferenceUsageCsv", () => {
  it("reads the demo's 31 days, 1000 a day on average over whole weeks", async () => {
    const text = await readFile(example, "utf8");
    expect(isInferenceUsageHeader(text.split("\n")[0] ?? "")).toBe(true);
    const items = readInferenceUsageCsv(text);
    expect(items).toHaveLength(31);
    // July 1-28, 2024 = 4 whole weeks: 4 * (5 * 1150 + 2 * 625) = 4 * 7000 = 28,000.
    const firstFourWeeks = items.slice(0, 28).reduce((sum, r) => sum + Number(r.inferenceCount), 0);
    expect(firstFourWeeks).toBe(28_000);
    expect(items[5]).toEqual({
      index: 5,
      modelKey: "support-bot-daily",
      day: "2024-07-06",
      inferenceCount: "625",
    });
  });

  it("recognises only the usage header", () => {
    expect(isInferenceUsageHeader("day,modelKey,inferenceCount")).toBe(true);
    expect(isInferenceUsageHeader("externalId,baseModel")).toBe(false);
  });

  it("reads a spreadsheet's ';' usage CSV like the comma one", () => {
    expect(isInferenceUsageHeader("\uFEFFmodelKey;day;inferenceCount")).toBe(true);
    const items = readInferenceUsageCsv("modelKey;day;inferenceCount\r\nbot;2024-07-01;625\r\n");
    expect(items).toEqual([
      { index: 0, modelKey: "bot", day: "2024-07-01", inferenceCount: "625" },
    ]);
  });
});
