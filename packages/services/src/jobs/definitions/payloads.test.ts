import { InvalidJobPayloadError, parseJobPayload } from "@finetrace/jobs";
import { describe, expect, it } from "vitest";
import {
  estimateRunsJob,
  fetchGridIntensityJob,
  jobDefinitions,
  loadGridIntensityJob,
  monthlyReportJob,
} from "./index.js";

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

describe("job payloads", () => {
  it("accepts a valid estimate batch and names a bad run id by its index", () => {
    const payload = parseJobPayload(estimateRunsJob, { runIds: [RUN_ID], reason: "submitted" });
    expect(payload.runIds).toEqual([RUN_ID]);
    const issues = issuesOf(() =>
      parseJobPayload(estimateRunsJob, { runIds: [RUN_ID, "run-2"], reason: "submitted" }),
    );
    expect(issues).toEqual([{ path: "runIds.1", message: "must be a run id (uuid)" }]);
  });

  it("rejects empty batches, unknown reasons, extra fields and batches above 10,000 ids", () => {
    const issues = issuesOf(() =>
      parseJobPayload(estimateRunsJob, { runIds: [], reason: "because", extra: 1 }),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(["", "reason", "runIds"]);
    const runIds = Array.from({ length: 10_001 }, () => RUN_ID);
    expect(
      issuesOf(() => parseJobPayload(estimateRunsJob, { runIds, reason: "reconcile" })),
    ).toEqual([{ path: "runIds", message: "must hold at most 10000 run ids" }]);
  });

  it("checks report periods, grid paths and zone ids", () => {
    expect(
      parseJobPayload(monthlyReportJob, { organizationId: RUN_ID, period: "2024-07" }),
    ).toEqual({ organizationId: RUN_ID, period: "2024-07" });
    expect(
      issuesOf(() =>
        parseJobPayload(monthlyReportJob, { organizationId: RUN_ID, period: "2024-13" }),
      )[0]?.path,
    ).toBe("period");
    expect(issuesOf(() => parseJobPayload(loadGridIntensityJob, { path: "data/x.csv" }))).toEqual([
      { path: "path", message: "must be an absolute path" },
    ]);
    expect(parseJobPayload(fetchGridIntensityJob, { zone: "US-CAL-CISO" }).zone).toBe(
      "US-CAL-CISO",
    );
    expect(issuesOf(() => parseJobPayload(fetchGridIntensityJob, { zone: "de" }))[0]?.path).toBe(
      "zone",
    );
  });

  it("gives every job its own name (the queue's name)", () => {
    const names = Object.values(jobDefinitions).map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("estimate-runs");
  });
});
