import { describe, expect, it } from "vitest";
import { previousMonth } from "./period.js";

describe("previousMonth", () => {
  it("is the month before the firing instant in the scheduler's timezone", () => {
    // 2024-08-01T00:00 in Paris is 2024-07-31T22:00Z: the month before August is July.
    expect(previousMonth(new Date("2024-07-31T22:00:00Z"), "Europe/Paris")).toBe("2024-07");
    // The same instant in UTC is still July 31st: the month before is June.
    expect(previousMonth(new Date("2024-07-31T22:00:00Z"), "UTC")).toBe("2024-06");
  });

  it("wraps January to December of the previous year", () => {
    expect(previousMonth(new Date("2025-01-01T00:00:00Z"), "UTC")).toBe("2024-12");
  });
});
