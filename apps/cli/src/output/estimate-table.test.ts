import { describe, expect, it } from "vitest";
import { formatNumber, formatQuantity } from "./estimate-table.js";

describe("number formatting", () => {
  it("keeps small per-inference figures readable", () => {
    expect(formatQuantity(0.000976543)).toBe("0.000977");
    expect(formatQuantity(0)).toBe("0");
  });
  it("uses separators and fixed decimals for larger figures", () => {
    expect(formatQuantity(5.4186)).toBe("5.42");
    expect(formatQuantity(50137.2971)).toBe("50,137.3");
    expect(formatNumber(1234.5, 3)).toBe("1,234.500");
  });
});
