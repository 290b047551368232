import { describe, expect, it } from "vitest";
import { daysOfMonth, previousMonth, shiftMonth } from "./period.js";

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

describe("shiftMonth and daysOfMonth", () => {
  it("moves across year ends and lists every calendar day", () => {
    expect(shiftMonth("2024-01", -1)).toBe("2023-12");
    // 11 months before July 2024 is August 2023 (the chains' 12-month trend starts there).
    expect(shiftMonth("2024-07", -11)).toBe("2023-08");
    expect(shiftMonth("2024-12", 1)).toBe("2025-01");
    // 2024 is a leap year: 29 days in February.
    expect(daysOfMonth("2024-02")).toHaveLength(29);
    expect(daysOfMonth("2024-07").at(-1)).toBe("2024-07-31");
  });
});
