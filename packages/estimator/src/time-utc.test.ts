import { describe, expect, it } from "vitest";
import { toUtc } from "./time-utc.js";

describe("toUtc", () => {
  it("converts an offset to UTC", () => {
    // 17:01 at -07:00 (PDT) = 00:01 UTC the next day
    expect(toUtc("2024-07-06T17:01:00-07:00")).toEqual({
      iso: "2024-07-07T00:01:00.000Z",
      year: 2024,
    });
    expect(toUtc("2024-12-31T23:30:00-01:00")).toEqual({
      iso: "2025-01-01T00:30:00.000Z",
      year: 2025,
    });
  });
  it("keeps canonical UTC and agrees with Date for every other form", () => {
    for (const s of [
      "2024-07-06T17:01:00.000Z",
      "2024-02-29T12:00:00.000Z",
      "2023-02-29T12:00:00Z",
      "2024-01-05T10:00Z",
    ]) {
      expect(toUtc(s).iso).toBe(new Date(s).toISOString());
    }
  });
});
