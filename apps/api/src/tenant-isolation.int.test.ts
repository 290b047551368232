/**
 * Tenant isolation, table-driven over the whole schema: for every Query and Mutation field, an
 * admin key of organization B, given organization A's ids and keys, neither sees nor changes A's
 * data. A completeness check fails when a field is added to the schema without a row here.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { insertEstimatedRuns } from "@finetrace/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchema } from "./schema.js";
import {
  codes,
  type GqlResponse,
  gql,
  type Harness,
  startHarness,
  type TestOrg,
} from "./test/harness.js";

let h: Harness;
let importDir: string;
let a: TestOrg;
let b: TestOrg;
let aRunId: string;
let aKeyId: string;
let aInstrumentId: string;

/** Everything of A that B could read or change, as A sees it. */
async function snapshotOfA() {
  const [runs, estimates, reports, usage, org, keys, instruments, residualMixes] =
    await Promise.all([
      h.prisma.fineTuneRun.findMany({ where: { organizationId: a.id }, orderBy: { id: "asc" } }),
      h.prisma.estimate.findMany({ where: { organizationId: a.id }, orderBy: { id: "asc" } }),
      h.prisma.report.findMany({ where: { organizationId: a.id } }),
      h.prisma.inferenceUsage.findMany({ where: { organizationId: a.id } }),
      h.prisma.organization.findUniqueOrThrow({ where: { id: a.id } }),
      h.prisma.apiKey.findMany({
        where: { organizationId: a.id },
        select: { id: true, revokedAt: true, role: true },
        orderBy: { id: "asc" },
      }),
      h.prisma.contractualInstrument.findMany({ where: { organizationId: a.id } }),
      h.prisma.residualMixFactor.findMany({ where: { organizationId: a.id } }),
    ]);
  const all = { runs, estimates, reports, usage, org, keys, instruments, residualMixes };
  return JSON.stringify(all, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

/**
 * True when the response mentions any of A's identifiers or names, other than those B itself
 * sent (an error may echo the id it was asked for).
 */
function leaksA(r: GqlResponse, request: string): boolean {
  const text = JSON.stringify(r);
  return [a.id, aRunId, aKeyId, aInstrumentId, "a-run-1", "org-a", "a-model", "a-chain"].some(
    (s) => text.includes(s) && !request.includes(s),
  );
}

interface Case {
  op: string;
  variables?: () => Record<string, unknown>;
  /** Extra assertions on B's response, beyond "no A data in it, A unchanged". */
  expect?: (r: GqlResponse) => void;
}

const notFound = (r: GqlResponse) => expect(codes(r)).toEqual(["NOT_FOUND"]);

const CASES: Record<string, Case> = {
  "Query.organization": {
    op: "{ organization { id slug settings { reportingTimezone } } }",
    expect: (r) => expect(r.data).toMatchObject({ organization: { slug: "org-b" } }),
  },
  "Query.viewer": {
    op: "{ viewer { role organization { slug } } }",
    expect: (r) => expect(r.data).toMatchObject({ viewer: { organization: { slug: "org-b" } } }),
  },
  "Query.runs": {
    op: "{ runs(first: 50) { edges { node { id externalId } } } }",
    expect: (r) => expect(r.data).toEqual({ runs: { edges: [] } }),
  },
  "Query.run": {
    op: "query($id: ID!) { run(id: $id) { id externalId } }",
    variables: () => ({ id: aRunId }),
    expect: notFound,
  },
  "Query.emissions": {
    op: `{ emissions(period: { from: "2024-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z" }, groupBy: [MONTH, CHAIN, BASE_MODEL]) {
      groups { key { month chainId baseModel } } total { runCount totalCarbonKgCo2e } } }`,
    expect: (r) =>
      expect(r.data).toEqual({
        emissions: { groups: [], total: { runCount: 0, totalCarbonKgCo2e: 0 } },
      }),
  },
  "Query.gridIntensity": {
    // Shared reference data: no organization's data in it.
    op: `{ gridIntensity(zone: "FR", from: "2024-01-01T00:00:00Z", to: "2024-01-02T00:00:00Z") { timeUtc } }`,
    expect: (r) => expect(r.errors).toEqual([]),
  },
  "Query.gridZones": {
    op: "{ gridZones { id } }",
    expect: (r) => expect(r.errors).toEqual([]),
  },
  "Query.reports": {
    op: "{ reports { edges { node { id period } } } }",
    expect: (r) => expect(r.data).toEqual({ reports: { edges: [] } }),
  },
  "Query.report": {
    op: `{ report(period: "2024-07") { id csv } }`,
    expect: notFound,
  },
  "Mutation.updateOrganizationSettings": {
    op: `mutation { updateOrganizationSettings(input: { pueOverride: 1.5 }) { slug settings { pueOverride } } }`,
    expect: (r) =>
      expect(r.data).toEqual({
        updateOrganizationSettings: { slug: "org-b", settings: { pueOverride: 1.5 } },
      }),
  },
  "Mutation.createApiKey": {
    op: `mutation { createApiKey(name: "b2", role: admin) { key } }`,
    expect: (r) => expect(r.errors).toEqual([]),
  },
  "Mutation.revokeApiKey": {
    op: "mutation($id: ID!) { revokeApiKey(id: $id) { id } }",
    variables: () => ({ id: aKeyId }),
    expect: notFound,
  },
  "Mutation.submitRuns": {
    // Same externalId as A's run: B gets its own run, A's is untouched.
    op: `mutation { submitRuns(input: [{ externalId: "a-run-1", baseModel: "b-model" }]) { acceptedCount accepted { runId } } }`,
    expect: (r) => {
      expect(r.data).toMatchObject({ submitRuns: { acceptedCount: 1 } });
      expect(JSON.stringify(r.data)).not.toContain(aRunId);
    },
  },
  "Mutation.recordInferenceUsage": {
    op: `mutation { recordInferenceUsage(input: [{ modelKey: "a-chain", day: "2024-07-10", inferenceCount: 1 }]) { inferenceCount } }`,
    expect: (r) => expect(r.data).toEqual({ recordInferenceUsage: [{ inferenceCount: 1 }] }),
  },
  "Mutation.requestReport": {
    op: `mutation { requestReport(period: "2024-07") { period status csv } }`,
    expect: (r) =>
      expect(r.data).toEqual({
        requestReport: { period: "2024-07", status: "PENDING", csv: null },
      }),
  },
  "Query.instruments": {
    op: "{ instruments { id certificateId } }",
    expect: (r) => expect(r.data).toEqual({ instruments: [] }),
  },
  "Query.residualMixFactors": {
    op: "{ residualMixFactors { gridZone year } }",
    expect: (r) => expect(r.data).toEqual({ residualMixFactors: [] }),
  },
  "Query.shiftWindowHours": {
    op: "{ shiftWindowHours }",
    expect: (r) => expect(r.data).toEqual({ shiftWindowHours: 12 }),
  },
  "Mutation.recordInstruments": {
    // The same certificate id as A's: B records its own instrument; A's is untouched.
    op: `mutation { recordInstruments(instruments: [{ kind: GO, gridZone: "FR", validFrom: "2024-01-01T00:00:00Z",
      validTo: "2025-01-01T00:00:00Z", energyMwh: "1", emissionFactorGPerKwh: "0", certificateId: "GO-A-1" }]) { certificateId } }`,
    expect: (r) => expect(r.data).toEqual({ recordInstruments: [{ certificateId: "GO-A-1" }] }),
  },
  "Mutation.deleteInstrument": {
    op: "mutation ($id: ID!) { deleteInstrument(id: $id) }",
    variables: () => ({ id: aInstrumentId }),
    expect: (r) => expect(codes(r)).toEqual(["BAD_USER_INPUT"]),
  },
  "Mutation.recordResidualMixFactors": {
    op: `mutation { recordResidualMixFactors(factors: [{ gridZone: "FR", year: 2024, emissionFactorGPerKwh: "50" }]) { year } }`,
    expect: (r) => expect(r.data).toEqual({ recordResidualMixFactors: [{ year: 2024 }] }),
  },
  "Mutation.setShiftWindowHours": {
    op: "mutation { setShiftWindowHours(hours: 6) }",
    expect: (r) => expect(r.data).toEqual({ setShiftWindowHours: 6 }),
  },
  "Mutation.loadGridIntensity": {
    // Shared reference data, admin only; queues a load, touches no organization's data.
    op: `mutation { loadGridIntensity(input: { path: "fr.csv" }) { path } }`,
    expect: (r) => expect(r.data).toEqual({ loadGridIntensity: { path: "fr.csv" } }),
  },
};

beforeAll(async () => {
  importDir = await mkdtemp(path.join(tmpdir(), "ft-grid-"));
  await writeFile(path.join(importDir, "fr.csv"), "Datetime (UTC),Zone id\n");
  h = await startHarness({ GRID_INTENSITY_IMPORT_DIR: importDir });
  a = await h.createOrg("org-a");
  b = await h.createOrg("org-b");
  [aRunId] = (await insertEstimatedRuns(h.pool, a.id, [
    {
      externalId: "a-run-1",
      startTimeUtc: "2024-07-10T12:00:00Z",
      baseModel: "a-model",
      chainId: "a-chain",
    },
  ])) as [string];
  aKeyId = (await h.prisma.apiKey.findFirstOrThrow({ where: { organizationId: a.id } })).id;
  aInstrumentId = (
    await h.prisma.contractualInstrument.create({
      data: {
        organizationId: a.id,
        kind: "GO",
        gridZone: "FR",
        validFromUtc: new Date("2024-01-01T00:00:00Z"),
        validToUtc: new Date("2025-01-01T00:00:00Z"),
        energyMwh: "1",
        emissionFactorGPerKwh: "0",
        certificateId: "GO-A-1",
      },
    })
  ).id;
  await h.prisma.residualMixFactor.create({
    data: { organizationId: a.id, gridZone: "FR", year: 2024, emissionFactorGPerKwh: "400" },
  });
  await h.prisma.report.create({
    data: {
      organizationId: a.id,
      period: "2024-07",
      status: "READY",
      runCount: 1,
      csv: "a-model,1",
    },
  });
  await h.prisma.inferenceUsage.create({
    data: {
      organizationId: a.id,
      modelKey: "a-chain",
      day: new Date("2024-07-10"),
      inferenceCount: 99n,
    },
  });
});

afterAll(async () => {
  await h?.close();
  if (importDir) await rm(importDir, { recursive: true, force: true });
});

describe("tenant isolation", () => {
  it("has a case for every Query and Mutation field", () => {
    const schema = buildSchema();
    const fields = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((f) => `Query.${f}`),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((f) => `Mutation.${f}`),
    ].sort();
    expect(Object.keys(CASES).sort()).toEqual(fields);
  });

  it.each(Object.entries(CASES))("%s: B never sees or changes A's data", async (_name, c) => {
    const before = await snapshotOfA();
    const variables = c.variables?.();
    const r = await gql(h.server.url, b.keys.admin, c.op, variables);
    expect(leaksA(r, c.op + JSON.stringify(variables ?? {}))).toBe(false);
    c.expect?.(r);
    expect(await snapshotOfA()).toBe(before);
    // A still sees its own run.
    const own = await gql(
      h.server.url,
      a.keys.read,
      "query($id: ID!) { run(id: $id) { externalId } }",
      {
        id: aRunId,
      },
    );
    expect(own.data).toEqual({ run: { externalId: "a-run-1" } });
  });
});
