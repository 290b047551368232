/**
 * Property: `submitRuns` over arbitrary inputs (NUL characters, lone surrogates, huge and tiny
 * numbers, impossible dates, long strings, values of the wrong JSON type) always answers either
 * accepted items plus per-item errors (HTTP 200, acceptedCount + rejectedCount = items), or a
 * request-level BAD_USER_INPUT (HTTP 400, GraphQL variable coercion) — never
 * INTERNAL_SERVER_ERROR — and never writes a partial call: exactly the accepted items are stored.
 * 1,000 generated calls of 1-4 items each, through the real HTTP API on its own database.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, type Harness, startHarness, type TestOrg } from "./test/harness.js";

let h: Harness;
let org: TestOrg;

beforeAll(async () => {
  // The property sends 1,000 requests in well under a minute: lift the per-key rate limit.
  h = await startHarness({ API_RATE_LIMIT_POINTS: "1000000" });
  org = await h.createOrg("property");
});

afterAll(async () => {
  await h?.close();
});

const SUBMIT = `mutation($input: [RunDisclosureInput!]!) {
  submitRuns(input: $input) { acceptedCount rejectedCount accepted { index externalId } errors { index path } }
}`;

const NUL = "\u0000";
const LONE_HIGH = "\ud800";
const LONE_LOW = "\udfff";
const nasty = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 10 }),
  fc.constantFrom(NUL, `a${NUL}b`, LONE_HIGH, `x${LONE_LOW}`, "\ud83d\ude00", " ", ""),
  fc.string({ minLength: 190, maxLength: 260 }),
);
const number = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(0, -1, 1e-300, 5e-324, 1e300, 1.7976931348623157e308, 2 ** 31, 2 ** 53, 1e10),
);
const timestamp = fc.oneof(
  fc.constantFrom(
    "2024-07-01T10:00:00Z",
    "2024-02-30T00:00:00Z",
    "2023-02-29T12:00:00Z",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:00:00Z",
    "2024-13-01T00:00:00Z",
    "2024-07-01T24:00:00Z",
    "2024-07-01T10:00:00",
    "2024-07-01T10:00:00+25:00",
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  nasty,
);
/** A value of any JSON type, for a field picked at random (GraphQL coerces or rejects it). */
const anyJson = fc.jsonValue({ maxDepth: 2 });

/** A field and a generator of arbitrary values for it. */
const fields = {
  externalId: nasty,
  baseModel: nasty,
  gpuModel: nasty,
  gpuCount: fc.oneof(fc.integer({ min: -5, max: 2 ** 31 - 1 }), anyJson),
  reservedDurationHours: number,
  startTime: timestamp,
  gridZone: nasty,
  useLifeDays: number,
  inferencesPerDay: number,
  gpuUtilizationFraction: number,
  tokensIncludingPadding: fc.oneof(fc.integer({ min: 1 }), number),
  pue: number,
  chainId: nasty,
  measuredEnergyKwh: number,
  fineTuningMethod: anyJson,
} as const;

/** A valid item (so that some items land), to which 0 to 3 fields get arbitrary values. */
const validItem = fc.record({
  externalId: fc.stringMatching(/^[a-z0-9-]{1,24}$/),
  baseModel: fc.constantFrom("Llama 2", "Mistral 7B", "meta-llama/Llama-2-7b-hf"),
  gpuModel: fc.constantFrom("A100", "H100", "V100", "A100 SXM4 80 GB"),
  gpuCount: fc.integer({ min: 1, max: 64 }),
  reservedDurationHours: fc.double({ min: 0.1, max: 500, noNaN: true }),
  startTime: fc
    .date({ min: new Date("2023-01-01"), max: new Date("2025-01-01"), noInvalidDate: true })
    .map((d) => d.toISOString()),
  gridZone: fc.constantFrom("DE", "FR", "US-CAL-CISO"),
});
const mutation = fc.oneof(
  ...Object.entries(fields).map(([key, arb]) => arb.map((value) => ({ [key]: value }))),
);
const item = fc
  .tuple(validItem, fc.array(mutation, { maxLength: 3 }))
  .map(([base, changes]) => Object.assign({}, base, ...changes) as Record<string, unknown>);

describe("submitRuns over arbitrary inputs", () => {
  it("answers accepted items + per-item errors or a 400, never a 500 nor a partial write", async () => {
    let call = 0;
    let accepted = 0;
    let rejected = 0;
    let requestErrors = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 4 }), async (items) => {
        call += 1;
        const prefix = `c${call}:`;
        const input = items.map((i) => ({
          ...i,
          externalId: typeof i.externalId === "string" ? prefix + i.externalId : i.externalId,
        }));
        const r = await gql<{
          submitRuns: {
            acceptedCount: number;
            rejectedCount: number;
            accepted: { externalId: string }[];
          };
        }>(h.server.url, org.keys.ingest, SUBMIT, { input });
        const codes = r.errors.map((e) => e.extensions?.code);
        expect(codes).not.toContain("INTERNAL_SERVER_ERROR");
        const stored = await h.pool.query<{ externalId: string }>(
          `SELECT "externalId" FROM "FineTuneRun" WHERE left("externalId", $2) = $1`,
          [prefix, prefix.length],
        );
        if (r.status === 400) {
          expect(codes.every((c) => c === "BAD_USER_INPUT")).toBe(true);
          expect(stored.rows).toEqual([]);
          requestErrors += 1;
          return;
        }
        expect(r.status).toBe(200);
        const payload = r.data?.submitRuns;
        expect(payload).toBeDefined();
        if (!payload) return;
        expect(payload.acceptedCount + payload.rejectedCount).toBe(items.length);
        expect(stored.rows.map((s) => s.externalId).sort()).toEqual(
          payload.accepted.map((a) => a.externalId).sort(),
        );
        accepted += payload.acceptedCount;
        rejected += payload.rejectedCount;
      }),
      { numRuns: 1000, seed: 20261201 },
    );
    // Printed so a run shows what the generator exercised (all three outcomes must occur).
    console.info(
      `submitRuns property: ${call} calls, ${accepted} items accepted, ${rejected} rejected per item, ${requestErrors} calls rejected at the GraphQL layer`,
    );
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
    expect(requestErrors).toBeGreaterThan(0);
  }, 600_000);
});
