/**
 * `submitRuns` and the other write paths: bad inputs return clear errors and write nothing;
 * valid items land PENDING and are queued; resubmitting an externalId updates, never duplicates.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { codes, gql, type Harness, startHarness, type TestOrg } from "./test/harness.js";

let h: Harness;
let org: TestOrg;

const SUBMIT = `mutation($input: [RunDisclosureInput!]!, $allOrNothing: Boolean! = false) {
  submitRuns(input: $input, allOrNothing: $allOrNothing) {
    acceptedCount rejectedCount accepted { index externalId runId } errors { index path message }
  } }`;

const valid = (externalId: string, extra: Record<string, unknown> = {}) => ({
  externalId,
  baseModel: "meta-llama/Llama-2-7b-hf",
  startTime: "2024-07-06T10:01:00-07:00",
  reservedDurationHours: 12.5,
  gpuModel: "A100",
  gpuCount: 8,
  gpuUtilizationFraction: 0.47,
  cloudProvider: "aws",
  cloudRegion: "us-west-2",
  ...extra,
});

async function waitingJobs(): Promise<number> {
  const counts = await h.queues.estimateRuns.getJobCounts("waiting", "prioritized", "delayed");
  return Object.values(counts).reduce((s, n) => s + n, 0);
}

beforeAll(async () => {
  h = await startHarness();
  org = await h.createOrg("acme");
});

beforeEach(async () => {
  await h.pool.query(`DELETE FROM "FineTuneRun"`);
  await h.queues.estimateRuns.obliterate({ force: true });
});

afterAll(async () => {
  await h?.close();
});

describe("submitRuns: bad input writes nothing", () => {
  it.each([
    ["a string where a number goes", { ...valid("x"), gpuCount: "eight" }, /Int cannot represent/],
    ["a missing required field", { externalId: "x" }, /baseModel.*was not provided/],
  ])("rejects %s at the GraphQL layer", async (_what, item, message) => {
    const r = await gql(h.server.url, org.keys.ingest, SUBMIT, { input: [valid("ok"), item] });
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors[0]?.message).toMatch(message);
    // The path names the item: input[1].
    expect(r.errors[0]?.message).toContain("input[1]");
    expect(await h.prisma.fineTuneRun.count()).toBe(0);
    expect(await waitingJobs()).toBe(0);
  });

  it.each([
    ["a negative duration", { reservedDurationHours: -3 }, "reservedDurationHours", /> 0/],
    ["a naive timestamp", { startTime: "2024-07-06T10:01:00" }, "startTime", /offset/],
    [
      "a utilization above 1",
      { gpuUtilizationFraction: 47 },
      "gpuUtilizationFraction",
      /between 0 and 1/,
    ],
    ["an unknown provider", { cloudProvider: "ibm" }, "cloudProvider", /aws/],
  ])("reports %s with the item index and field path", async (_what, extra, path, message) => {
    const r = await gql<{
      submitRuns: {
        acceptedCount: number;
        errors: { index: number; path: string; message: string }[];
      };
    }>(h.server.url, org.keys.ingest, SUBMIT, { input: [valid("bad", extra)] });
    expect(r.errors).toEqual([]);
    expect(r.data?.submitRuns.acceptedCount).toBe(0);
    expect(r.data?.submitRuns.errors).toEqual([
      { index: 0, path, message: expect.stringMatching(message) },
    ]);
    expect(await h.prisma.fineTuneRun.count()).toBe(0);
    expect(await waitingJobs()).toBe(0);
  });

  it("rejects 10,001 items as a whole", async () => {
    const input = Array.from({ length: 10_001 }, (_, i) => ({
      externalId: `r${i}`,
      baseModel: "m",
    }));
    const r = await gql(h.server.url, org.keys.ingest, SUBMIT, { input });
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors[0]?.message).toContain("at most 10000 runs per call (got 10001)");
    expect(await h.prisma.fineTuneRun.count()).toBe(0);
  });

  it("with allOrNothing, one bad item rejects the batch", async () => {
    const r = await gql<{ submitRuns: { acceptedCount: number; rejectedCount: number } }>(
      h.server.url,
      org.keys.ingest,
      SUBMIT,
      { input: [valid("a"), valid("b", { pue: 0.5 })], allOrNothing: true },
    );
    expect(r.data?.submitRuns).toMatchObject({ acceptedCount: 0, rejectedCount: 1 });
    expect(await h.prisma.fineTuneRun.count()).toBe(0);
  });
});

describe("submitRuns: valid items", () => {
  it("stores valid items PENDING, reports the invalid ones, and enqueues estimation", async () => {
    const r = await gql<{
      submitRuns: {
        acceptedCount: number;
        rejectedCount: number;
        accepted: { index: number; externalId: string; runId: string }[];
        errors: { index: number; path: string }[];
      };
    }>(h.server.url, org.keys.ingest, SUBMIT, {
      input: [valid("a"), valid("b", { gpuCount: -1 }), valid("c"), valid("a")],
    });
    const payload = r.data?.submitRuns;
    expect(payload?.acceptedCount).toBe(2);
    expect(payload?.rejectedCount).toBe(2);
    expect(payload?.accepted.map((x) => [x.index, x.externalId])).toEqual([
      [0, "a"],
      [2, "c"],
    ]);
    expect(payload?.errors.map((e) => [e.index, e.path])).toEqual([
      [1, "gpuCount"],
      [3, "externalId"],
    ]);
    const runs = await h.prisma.fineTuneRun.findMany({ orderBy: { externalId: "asc" } });
    expect(runs.map((x) => [x.externalId, x.status])).toEqual([
      ["a", "PENDING"],
      ["c", "PENDING"],
    ]);
    // 10:01 at UTC-7 is 17:01 UTC.
    expect(runs[0]?.startTime?.toISOString()).toBe("2024-07-06T17:01:00.000Z");
    // Two run ids fit in one job of API_ESTIMATE_BATCH_SIZE (2000).
    expect(await waitingJobs()).toBe(1);
  });

  it("updates on resubmission instead of duplicating", async () => {
    const first = await gql<{ submitRuns: { accepted: { runId: string }[] } }>(
      h.server.url,
      org.keys.ingest,
      SUBMIT,
      { input: [valid("same", { gpuCount: 8 })] },
    );
    const second = await gql<{ submitRuns: { accepted: { runId: string }[] } }>(
      h.server.url,
      org.keys.ingest,
      SUBMIT,
      { input: [valid("same", { gpuCount: 16 })] },
    );
    expect(second.data?.submitRuns.accepted[0]?.runId).toBe(
      first.data?.submitRuns.accepted[0]?.runId,
    );
    const runs = await h.prisma.fineTuneRun.findMany();
    expect(runs).toHaveLength(1);
    expect(runs[0]?.gpuCount).toBe(16);
  });

  it("stores the submitter's derivations of fields and returns them; rejects one for an undisclosed field", async () => {
    const derived = {
      field: "cloudRegion",
      rule: "region-from-hostname",
      source: "the VM hostname ip-10-0-0-1.us-west-2.compute.internal",
    };
    const r = await gql<{
      submitRuns: { accepted: { runId: string }[]; errors: { index: number; path: string }[] };
    }>(h.server.url, org.keys.ingest, SUBMIT, {
      input: [
        valid("derived", { inputProvenance: [derived] }),
        valid("undisclosed", { inputProvenance: [{ ...derived, field: "gridZone" }] }),
      ],
    });
    expect(r.data?.submitRuns.errors).toEqual([
      { index: 1, path: "inputProvenance.0.field", message: '"gridZone" is not disclosed' },
    ]);
    const runId = r.data?.submitRuns.accepted[0]?.runId;
    const read = await gql<{ run: { disclosure: { inputProvenance: unknown[] } } }>(
      h.server.url,
      org.keys.read,
      `query($id: ID!) { run(id: $id) { disclosure { inputProvenance { field rule source } } } }`,
      { id: runId },
    );
    expect(read.data?.run.disclosure.inputProvenance).toEqual([derived]);
  });

  it("stores gpuHours and the names as written in a model card, and returns them as stored", async () => {
    const r = await gql<{
      submitRuns: { accepted: { runId: string }[]; errors: { index: number; message: string }[] };
    }>(h.server.url, org.keys.ingest, SUBMIT, {
      input: [
        valid("card", {
          reservedDurationHours: null,
          gpuCount: 2048,
          gpuHours: 184_320,
          cloudProvider: "AWS",
          cloudRegion: "US-West 2",
          countryCode: "USA",
        }),
        valid("too-many", { gpuHours: 1000 }), // 8 GPUs x 12.5 h = 100 GPU-hours
      ],
    });
    expect(r.data?.submitRuns.errors).toEqual([
      {
        index: 1,
        path: "gpuHours",
        message: expect.stringMatching(
          /does not match gpuCount x reservedDurationHours = 8 x 12.5 = 100/,
        ),
      },
    ]);
    const read = await gql<{ run: { disclosure: Record<string, unknown> } }>(
      h.server.url,
      org.keys.read,
      `query($id: ID!) { run(id: $id) { disclosure {
        gpuHours reservedDurationHours gpuCount cloudProvider cloudRegion countryCode } } }`,
      { id: r.data?.submitRuns.accepted[0]?.runId },
    );
    // the provider and country as their ids; the region as written (it is read case-blind)
    expect(read.data?.run.disclosure).toEqual({
      gpuHours: 184_320,
      reservedDurationHours: null,
      gpuCount: 2048,
      cloudProvider: "aws",
      cloudRegion: "US-West 2",
      countryCode: "US",
    });
  });

  it("pages through runs with cursors and filters", async () => {
    await gql(h.server.url, org.keys.ingest, SUBMIT, {
      input: Array.from({ length: 5 }, (_, i) =>
        valid(`p${i}`, { gridZone: i % 2 ? "FR" : "DE", chainId: i < 2 ? "daily" : null }),
      ),
    });
    const page = async (after: string | null) =>
      gql<{
        runs: {
          edges: { cursor: string; node: { externalId: string } }[];
          pageInfo: {
            hasNextPage: boolean;
            hasPreviousPage: boolean;
            startCursor: string;
            endCursor: string;
          };
        };
      }>(
        h.server.url,
        org.keys.read,
        `query($after: String) { runs(first: 2, after: $after) {
          edges { cursor node { externalId } }
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
        { after },
      );
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const r = await page(after);
      // Relay's page info: the first page has none before it; the cursors are the edges' own
      const info = r.data?.runs.pageInfo;
      expect(info?.hasPreviousPage).toBe(after !== null);
      expect(info?.startCursor).toBe(r.data?.runs.edges[0]?.cursor);
      expect(info?.endCursor).toBe(r.data?.runs.edges.at(-1)?.cursor);
      seen.push(...(r.data?.runs.edges.map((e) => e.node.externalId) ?? []));
      if (!r.data?.runs.pageInfo.hasNextPage) break;
      after = r.data.runs.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual(["p0", "p1", "p2", "p3", "p4"]);
    const fr = await gql<{ runs: { edges: { node: { externalId: string } }[] } }>(
      h.server.url,
      org.keys.read,
      `{ runs(filter: { gridZone: "FR", status: PENDING }) { edges { node { externalId } } } }`,
    );
    expect(fr.data?.runs.edges.map((e) => e.node.externalId).sort()).toEqual(["p1", "p3"]);
    const chain = await gql<{
      runs: {
        edges: { node: { externalId: string; previousRun: { externalId: string } | null } }[];
      };
    }>(
      h.server.url,
      org.keys.read,
      `{ runs(filter: { chainId: "daily" }) { edges { node { externalId previousRun { externalId } } } } }`,
    );
    expect(chain.data?.runs.edges).toHaveLength(2);
    const bad = await gql(
      h.server.url,
      org.keys.read,
      `{ runs(after: "nope") { edges { cursor } } }`,
    );
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("other writes", () => {
  it("records inference usage idempotently and rejects duplicates in a batch", async () => {
    const op = `mutation($input: [InferenceUsageInput!]!) { recordInferenceUsage(input: $input) { modelKey day inferenceCount } }`;
    const r = await gql(h.server.url, org.keys.ingest, op, {
      input: [{ modelKey: "daily", day: "2024-07-01", inferenceCount: 1000 }],
    });
    expect(r.data).toEqual({
      recordInferenceUsage: [{ modelKey: "daily", day: "2024-07-01", inferenceCount: 1000 }],
    });
    await gql(h.server.url, org.keys.ingest, op, {
      input: [{ modelKey: "daily", day: "2024-07-01", inferenceCount: 1200 }],
    });
    const rows = await h.prisma.inferenceUsage.findMany();
    expect(rows.map((x) => Number(x.inferenceCount))).toEqual([1200]);
    const dup = await gql(h.server.url, org.keys.ingest, op, {
      input: [
        { modelKey: "x", day: "2024-07-02", inferenceCount: 1 },
        { modelKey: "x", day: "2024-07-02", inferenceCount: 2 },
      ],
    });
    expect(codes(dup)).toEqual(["BAD_USER_INPUT"]);
    expect(await h.prisma.inferenceUsage.count()).toBe(1);
    const negative = await gql(h.server.url, org.keys.ingest, op, {
      input: [{ modelKey: "x", day: "2024-07-02", inferenceCount: -5 }],
    });
    expect(negative.status).toBe(400);
    expect(await h.prisma.inferenceUsage.count()).toBe(1);
  });

  it("requests a report PENDING and queues it; rejects malformed and future months", async () => {
    const r = await gql(
      h.server.url,
      org.keys.ingest,
      `mutation { requestReport(period: "2024-07") { period status } }`,
    );
    expect(r.data).toEqual({ requestReport: { period: "2024-07", status: "PENDING" } });
    expect(await h.queues.monthlyReport.count()).toBe(1);
    const bad = await gql(
      h.server.url,
      org.keys.ingest,
      `mutation { requestReport(period: "2024-13") { id } }`,
    );
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
    const future = await gql(
      h.server.url,
      org.keys.ingest,
      `mutation { requestReport(period: "2999-01") { id } }`,
    );
    expect(codes(future)).toEqual(["BAD_USER_INPUT"]);
    expect(await h.prisma.report.count()).toBe(1);
  });

  it("refuses grid-intensity loads when no import directory is configured", async () => {
    const r = await gql(
      h.server.url,
      org.keys.admin,
      `mutation { loadGridIntensity(input: { path: "x.csv" }) { jobId } }`,
    );
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors[0]?.message).toContain("GRID_INTENSITY_IMPORT_DIR");
  });
});
