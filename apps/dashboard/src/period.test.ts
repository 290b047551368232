import { describe, expect, it } from "vitest";
import { bucketPeriod } from "./buckets";
import { defaultBucket, periodFromSearch, periodOfKind } from "./period";

const search = (s: string) => new URLSearchParams(s);

describe("periods from the URL", () => {
  it("cuts a month, a quarter and a year in UTC, end exclusive", () => {
    expect(periodFromSearch(search("period=month&month=2024-07"), "2000-01")).toMatchObject({
      kind: "month",
      from: "2024-07-01T00:00:00.000Z",
      to: "2024-08-01T00:00:00.000Z",
    });
    // Q4 runs October to December: [2024-10-01, 2025-01-01).
    expect(periodFromSearch(search("period=quarter&quarter=2024-Q4"), "2000-01")).toMatchObject({
      from: "2024-10-01T00:00:00.000Z",
      to: "2025-01-01T00:00:00.000Z",
    });
    expect(periodFromSearch(search("period=year&year=2024"), "2000-01")).toMatchObject({
      from: "2024-01-01T00:00:00.000Z",
      to: "2025-01-01T00:00:00.000Z",
    });
  });

  it("takes custom dates with an inclusive end day", () => {
    expect(
      periodFromSearch(search("period=custom&from=2024-07-05&to=2024-07-07"), "2000-01"),
    ).toMatchObject({ from: "2024-07-05T00:00:00.000Z", to: "2024-07-08T00:00:00.000Z" });
  });

  it("falls back to the given month on a missing or bad choice", () => {
    for (const bad of [
      "",
      "period=month&month=2024-13",
      "period=custom&from=2024-07-09&to=2024-07-01",
    ]) {
      expect(periodFromSearch(search(bad), "2024-07").from, bad).toBe("2024-07-01T00:00:00.000Z");
    }
  });

  it("switches kind around the current period's start", () => {
    expect(periodOfKind("quarter", "2024-08-01T00:00:00.000Z").search).toEqual({
      period: "quarter",
      quarter: "2024-Q3",
    });
    // July has 31 days.
    expect(periodOfKind("custom", "2024-07-01T00:00:00.000Z").search).toEqual({
      period: "custom",
      from: "2024-07-01",
      to: "2024-07-31",
    });
    expect([defaultBucket("month"), defaultBucket("quarter"), defaultBucket("year")]).toEqual([
      "DAY",
      "WEEK",
      "MONTH",
    ]);
  });
});

describe("trend buckets back to instants", () => {
  it("maps days, months and ISO weeks", () => {
    expect(bucketPeriod("2024-07-05")).toEqual({
      from: "2024-07-05T00:00:00.000Z",
      to: "2024-07-06T00:00:00.000Z",
    });
    expect(bucketPeriod("2024-12")?.to).toBe("2025-01-01T00:00:00.000Z");
    // 4 Jan 2024 is a Thursday, so ISO week 1 starts Monday 1 Jan; week 27 starts 26 weeks
    // later, Monday 1 July 2024.
    expect(bucketPeriod("2024-W27")).toEqual({
      from: "2024-07-01T00:00:00.000Z",
      to: "2024-07-08T00:00:00.000Z",
    });
    // 4 Jan 2021 is a Monday: week 1 of 2021 starts that day (2020 had a week 53).
    expect(bucketPeriod("2021-W01")?.from).toBe("2021-01-04T00:00:00.000Z");
    expect(bucketPeriod("July")).toBeNull();
  });
});
