import { describe, expect, it } from "vitest";
import { InvalidJobPayloadError, parseJobPayload } from "./payloads.js";

const RUN_ID = "0b6f1b9e-3a53-4c0e-9d43-2f1c5a3e8b71";

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidJobPayloadError);
    return (e as InvalidJobPayloadError).issues;
  }
  throw new Error("expected InvalidJobPayloadError");
}

describe("parseJobPayload", () => {
  it("accepts a valid estimate batch", () => {
    const payload = parseJobPayload("estimateRuns", "estimate", {
      runIds: [RUN_ID],
      reason: "submitted",
    });
    expect(payload.runIds).toEqual([RUN_ID]);
  });

  it("names the bad run id by its index", () => {
    const issues = issuesOf(() =>
      parseJobPayload("estimateRuns", "estimate", {
        runIds: [RUN_ID, "run-2"],
        reason: "submitted",
      }),
    );
    expect(issues).toEqual([{ path: "runIds.1", message: "must be a run id (uuid)" }]);
  });

  it("rejects empty batches, unknown reasons and extra fields", () => {
    const issues = issuesOf(() =>
      parseJobPayload("estimateRuns", "estimate", { runIds: [], reason: "because", extra: 1 }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(["", "reason", "runIds"]);
  });

  it("rejects a batch above the per-job maximum (10,000 ids)", () => {
    const runIds = Array.from({ length: 10_001 }, () => RUN_ID);
    const issues = issuesOf(() =>
      parseJobPayload("estimateRuns", "estimate", { runIds, reason: "reconcile" }),
    );
    expect(issues).toEqual([{ path: "runIds", message: "must hold at most 10000 run ids" }]);
  });

  it("checks report periods as YYYY-MM with a real month", () => {
    expect(
      parseJobPayload("monthlyReport", "organization", {
        organizationId: RUN_ID,
        period: "2024-07",
      }),
    ).toEqual({ organizationId: RUN_ID, period: "2024-07" });
    const issues = issuesOf(() =>
      parseJobPayload("monthlyReport", "organization", {
        organizationId: RUN_ID,
        period: "2024-13",
      }),
    );
    expect(issues[0]?.path).toBe("period");
  });

  it("requires an absolute path for grid-intensity loads", () => {
    const issues = issuesOf(() =>
      parseJobPayload("loadGridIntensity", "load", { path: "data/x.csv" }),
    );
    expect(issues).toEqual([{ path: "path", message: "must be an absolute path" }]);
  });

  it("checks Electricity Maps zone ids", () => {
    expect(parseJobPayload("fetchGridIntensity", "fetch", { zone: "US-CAL-CISO" }).zone).toBe(
      "US-CAL-CISO",
    );
    expect(
      issuesOf(() => parseJobPayload("fetchGridIntensity", "fetch", { zone: "de" }))[0]?.path,
    ).toBe("zone");
  });

  it("rejects an unknown job name", () => {
    const issues = issuesOf(() => parseJobPayload("reconcile", "sweep" as "reconcile", {}));
    expect(issues[0]?.message).toContain('unknown job "sweep"');
  });
});
