import { describe, expect, it } from "vitest";
import { formatCount, formatQuantity, formatRange, formatShare, formatWithUnit } from "./format";

describe("locale formatting", () => {
  it("keeps 4 significant digits, grouped for the locale", () => {
    expect(formatQuantity(167.836114749, "en-US")).toBe("167.8");
    expect(formatQuantity(306707.716748225, "en-US")).toBe("306,700");
    // fr-FR groups with a narrow no-break space (U+202F) and uses a decimal comma.
    expect(formatQuantity(306707.716748225, "fr-FR")).toBe("306\u202f700");
    expect(formatQuantity(5.433568176, "de-DE")).toBe("5,434");
  });

  it("puts the unit after the value and formats shares and counts", () => {
    expect(formatWithUnit(461.2345, "kWh", "en-US")).toBe("461.2 kWh");
    // 0.40125 -> 40.1 % (one decimal).
    expect(formatShare(0.40125, "en-US")).toBe("40.1%");
    expect(formatCount(31000, "en-US")).toBe("31,000");
    expect(formatRange(2.0321, 6.8279, "kgCO2e", "en-US")).toBe("2.032 – 6.828 kgCO2e");
  });
});
