/**
 * GraphQL report versions: `report(period)` serves the newest version, `report(period, version)`
 * an older one with its own figures and renderings, `versions` lists them, and version 2's diff
 * names the run that was added (cause new-runs) with the total's change. A version that does not
 * exist is NOT_FOUND, a version below 1 BAD_USER_INPUT naming `version`.
 */
import { estimateRunBatch, generateMonthlyReport, submitRuns } from "@finetrace/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, gql, type Harness, startHarness, type TestOrg } from "./test/harness.js";

let h: Harness;
let org: TestOrg;
const log = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function addRun(externalId: string): Promise<void> {
  const deps = { pool: h.pool, queues: h.queues, log, estimateBatchSize: 10 };
  const { accepted } = await submitRuns(deps, {
    organizationId: org.id,
    items: [
      {
        index: 0,
        externalId,
        disclosure: {
          baseModel: "Llama 2",
          gpuModel: "A100 SXM4 80 GB",
          gpuCount: 4,
          serverCount: 1,
          gridZone: "FR",
          startTime: "2024-07-10T08:00:00Z",
          reservedDurationHours: 2,
        },
      },
    ],
  });
  await estimateRunBatch(
    deps,
    accepted.map((a) => a.runId),
  );
}

beforeAll(async () => {
  h = await startHarness();
  org = await h.createOrg("acme");
  await addRun("run-a");
  await generateMonthlyReport(h.pool, { organizationId: org.id, period: "2024-07" });
  await addRun("run-b");
  await generateMonthlyReport(h.pool, { organizationId: org.id, period: "2024-07" });
});

afterAll(async () => {
  await h?.close();
});

interface ReportView {
  id: string;
  version: number;
  runCount: number;
  totalCarbonKgCo2e: number;
  marketBasedCarbonKgCo2e: number;
  causes: string[];
  csv: string;
  diff: {
    fromVersion: number;
    causes: string[];
    runs: { externalId: string; change: string; causes: string[]; totalCarbonKgCo2e: number }[];
    figures: { section: string; figure: string; unit: string; previous: string; current: string }[];
  } | null;
  versions: { version: number; causes: string[]; runCount: number }[];
}

const FIELDS = `id version runCount totalCarbonKgCo2e marketBasedCarbonKgCo2e causes csv
  diff { fromVersion causes runs { externalId change causes totalCarbonKgCo2e }
         figures { section figure unit previous current } }
  versions { version causes runCount }`;

describe("report versions over GraphQL", () => {
  it("serves the newest version by default and any version on request", async () => {
    const latest = await gql<{ report: ReportView }>(
      h.server.url,
      org.keys.read,
      `{ report(period: "2024-07") { ${FIELDS} } }`,
    );
    const v2 = latest.data?.report as ReportView;
    expect(v2.version).toBe(2);
    expect(v2.runCount).toBe(2);
    expect(v2.causes).toEqual(["new-runs"]);
    expect(v2.versions).toEqual([
      { version: 1, causes: ["initial"], runCount: 1 },
      { version: 2, causes: ["new-runs"], runCount: 2 },
    ]);
    expect(v2.diff?.runs.map((r) => [r.externalId, r.change, r.causes])).toEqual([
      ["run-b", "added", ["new-runs"]],
    ]);

    const older = await gql<{ report: ReportView }>(
      h.server.url,
      org.keys.read,
      `{ report(period: "2024-07", version: 1) { ${FIELDS} } }`,
    );
    const v1 = older.data?.report as ReportView;
    expect(v1).toMatchObject({ version: 1, runCount: 1, causes: ["initial"], diff: null });
    expect(v1.csv.split("\n")[1]).toMatch(/^2024-07,1,/);
    // Version 2 adds run-b's carbon to version 1's total.
    const added = v2.diff?.runs[0]?.totalCarbonKgCo2e ?? 0;
    expect(v2.totalCarbonKgCo2e).toBeCloseTo(v1.totalCarbonKgCo2e + added, 9);
    const total = v2.diff?.figures.find(
      (f) => f.section === "total" && f.figure === "totalCarbonKgCo2e",
    );
    expect(Number(total?.previous)).toBeCloseTo(v1.totalCarbonKgCo2e, 9);
    expect(Number(total?.current)).toBeCloseTo(v2.totalCarbonKgCo2e, 9);
    expect(total?.unit).toBe("kgCO2e");
    // A version asked for has an id of its own: a normalized client cache (Apollo's
    // InMemoryCache keys by __typename + id) would otherwise overwrite the newest with version 1.
    expect(v1.id).toBe(`${v2.id}:v1`);
    const pinned = await gql<{ report: { id: string } }>(
      h.server.url,
      org.keys.read,
      `{ report(period: "2024-07", version: 2) { id } }`,
    );
    expect(pinned.data?.report.id).toBe(`${v2.id}:v2`);
  });

  it("NOT_FOUND for a missing version, BAD_USER_INPUT naming version below 1", async () => {
    const missing = await gql(
      h.server.url,
      org.keys.read,
      `{ report(period: "2024-07", version: 3) { version } }`,
    );
    expect(codes(missing)).toEqual(["NOT_FOUND"]);
    const bad = await gql(
      h.server.url,
      org.keys.read,
      `{ report(period: "2024-07", version: 0) { version } }`,
    );
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
    expect(bad.errors[0]?.extensions?.field).toBe("version");
  });
});
