import { describe, expect, it } from "vitest";
import { planRollupRanges } from "./rollup-plan.js";

const d = (s: string) => new Date(s);
const t = (x: Date) => x.toISOString().slice(0, 16);
/** The plan as text: "month 2024-01-01T00:00..2025-01-01T00:00 @anchor", "-raw ... @anchor". */
const text = (plan: ReturnType<typeof planRollupRanges>) =>
  plan && {
    rollup: plan.rollup.map(
      (r) => `${r.grain} ${t(r.fromUtc)}..${t(r.toUtc)}${r.anchorUtc ? ` @${t(r.anchorUtc)}` : ""}`,
    ),
    raw: plan.raw.map(
      (r) => `${r.sign > 0 ? "+" : "-"}raw ${t(r.fromUtc)}..${t(r.toUtc)} @${t(r.anchorUtc)}`,
    ),
  };

describe("planRollupRanges", () => {
  it("covers a UTC year by 12 months in one range, no estimates read", () => {
    expect(text(planRollupRanges(d("2024-01-01T00:00Z"), d("2025-01-01T00:00Z"), []))).toEqual({
      rollup: ["month 2024-01-01T00:00..2025-01-01T00:00"],
      raw: [],
    });
  });

  it("covers Paris' March 2024 (23:00Z Feb 29 to 22:00Z Mar 31, DST) by +1 h, a month, -2 h", () => {
    // Head: 1 h of Feb 29 added (vs Feb 29's day minus 23 h). Tail: the 22 h of Mar 31 are the
    // UTC day minus its last 2 h (22:00-24:00Z), so the whole UTC month of March serves. The
    // month row starts inside the piece: no anchor.
    expect(text(planRollupRanges(d("2024-02-29T23:00Z"), d("2024-03-31T22:00Z"), []))).toEqual({
      rollup: ["month 2024-03-01T00:00..2024-04-01T00:00"],
      raw: [
        "+raw 2024-02-29T23:00..2024-03-01T00:00 @2024-02-29T23:00",
        "-raw 2024-03-31T22:00..2024-04-01T00:00 @2024-02-29T23:00",
      ],
    });
  });

  it("serves Paris days (23:00Z to 23:00Z in winter) by +1 h, the UTC day, -1 h", () => {
    // 2024-01-02 in Paris = [Jan 1 23:00Z, Jan 2 23:00Z); 2024-01-03 = [Jan 2 23:00Z, Jan 3 23:00Z).
    expect(
      text(
        planRollupRanges(d("2024-01-01T23:00Z"), d("2024-01-03T23:00Z"), [d("2024-01-02T23:00Z")]),
      ),
    ).toEqual({
      // The two UTC days start inside their pieces: one merged range, no anchor.
      rollup: ["day 2024-01-02T00:00..2024-01-04T00:00"],
      raw: [
        "+raw 2024-01-01T23:00..2024-01-02T00:00 @2024-01-01T23:00",
        "-raw 2024-01-02T23:00..2024-01-03T00:00 @2024-01-01T23:00",
        "+raw 2024-01-02T23:00..2024-01-03T00:00 @2024-01-02T23:00",
        "-raw 2024-01-03T23:00..2024-01-04T00:00 @2024-01-02T23:00",
      ],
    });
  });

  it("anchors a day that starts before its piece (UTC-5: New York, 05:00Z to 05:00Z)", () => {
    // [Jan 1 05:00Z, Jan 2 05:00Z): head = the UTC day Jan 1 minus its first 5 h (vs +19 h);
    // that day row starts at 00:00Z, before the piece (the previous New York day): anchored.
    expect(text(planRollupRanges(d("2024-01-01T05:00Z"), d("2024-01-02T05:00Z"), []))).toEqual({
      rollup: ["day 2024-01-01T00:00..2024-01-02T00:00 @2024-01-01T05:00"],
      raw: [
        "-raw 2024-01-01T00:00..2024-01-01T05:00 @2024-01-01T05:00",
        "+raw 2024-01-02T00:00..2024-01-02T05:00 @2024-01-01T05:00",
      ],
    });
  });

  it("inside one UTC day takes the cheaper side: hours, or the day minus the rest", () => {
    // 3 h: the estimates of the 3 hours (vs the day minus 21 h).
    expect(text(planRollupRanges(d("2024-01-01T10:00Z"), d("2024-01-01T13:00Z"), []))).toEqual({
      rollup: [],
      raw: ["+raw 2024-01-01T10:00..2024-01-01T13:00 @2024-01-01T10:00"],
    });
    // 22 h: the day minus 1 h before and 1 h after.
    expect(text(planRollupRanges(d("2024-01-01T01:00Z"), d("2024-01-01T23:00Z"), []))).toEqual({
      rollup: ["day 2024-01-01T00:00..2024-01-02T00:00 @2024-01-01T01:00"],
      raw: [
        "-raw 2024-01-01T00:00..2024-01-01T01:00 @2024-01-01T01:00",
        "-raw 2024-01-01T23:00..2024-01-02T00:00 @2024-01-01T01:00",
      ],
    });
  });

  it("cuts at bucket boundaries: a UTC month is not used across a boundary inside it", () => {
    // A Paris month boundary at 2024-03-31T22:00Z inside [Mar 1, May 1) UTC: March's piece is
    // the UTC month minus 2 h; April's is +2 h and the UTC month of April.
    expect(
      text(
        planRollupRanges(d("2024-03-01T00:00Z"), d("2024-05-01T00:00Z"), [d("2024-03-31T22:00Z")]),
      ),
    ).toEqual({
      rollup: ["month 2024-03-01T00:00..2024-05-01T00:00"],
      raw: [
        "-raw 2024-03-31T22:00..2024-04-01T00:00 @2024-03-01T00:00",
        "+raw 2024-03-31T22:00..2024-04-01T00:00 @2024-03-31T22:00",
      ],
    });
  });

  it("returns null when a cut or an end is not on a whole UTC hour (Asia/Kolkata midnights)", () => {
    expect(
      planRollupRanges(d("2024-01-01T00:00Z"), d("2024-03-01T00:00Z"), [d("2024-01-31T18:30Z")]),
    ).toBeNull();
    expect(planRollupRanges(d("2024-01-01T00:00Z"), d("2024-01-01T10:15Z"), [])).toBeNull();
  });
});
