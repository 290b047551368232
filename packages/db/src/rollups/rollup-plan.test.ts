import { describe, expect, it } from "vitest";
import { planRollupRanges } from "./rollup-plan.js";

const d = (s: string) => new Date(s);
const iso = (ranges: ReturnType<typeof planRollupRanges>) =>
  ranges?.map((r) => `${r.grain} ${r.fromUtc.toISOString()} ${r.toUtc.toISOString()}`);

describe("planRollupRanges", () => {
  it("covers a UTC year by 12 months in one range", () => {
    expect(iso(planRollupRanges(d("2024-01-01T00:00Z"), d("2025-01-01T00:00Z"), []))).toEqual([
      "month 2024-01-01T00:00:00.000Z 2025-01-01T00:00:00.000Z",
    ]);
  });

  it("covers Paris' March 2024 (23:00Z Feb 29 to 22:00Z Mar 31, DST) by 1 h + 30 days + 22 h", () => {
    expect(iso(planRollupRanges(d("2024-02-29T23:00Z"), d("2024-03-31T22:00Z"), []))).toEqual([
      "hour 2024-02-29T23:00:00.000Z 2024-03-01T00:00:00.000Z",
      "day 2024-03-01T00:00:00.000Z 2024-03-31T00:00:00.000Z",
      "hour 2024-03-31T00:00:00.000Z 2024-03-31T22:00:00.000Z",
    ]);
  });

  it("cuts at bucket boundaries: a UTC month is not used across a boundary inside it", () => {
    // A Paris month boundary at 2024-03-31T22:00Z inside [Mar 1, May 1) UTC.
    expect(
      iso(
        planRollupRanges(d("2024-03-01T00:00Z"), d("2024-05-01T00:00Z"), [d("2024-03-31T22:00Z")]),
      ),
    ).toEqual([
      "day 2024-03-01T00:00:00.000Z 2024-03-31T00:00:00.000Z",
      "hour 2024-03-31T00:00:00.000Z 2024-04-01T00:00:00.000Z",
      "month 2024-04-01T00:00:00.000Z 2024-05-01T00:00:00.000Z",
    ]);
  });

  it("returns null when a cut or an end is not on a whole UTC hour (Asia/Kolkata midnights)", () => {
    expect(
      planRollupRanges(d("2024-01-01T00:00Z"), d("2024-03-01T00:00Z"), [d("2024-01-31T18:30Z")]),
    ).toBeNull();
    expect(planRollupRanges(d("2024-01-01T00:00Z"), d("2024-01-01T10:15Z"), [])).toBeNull();
  });
});
