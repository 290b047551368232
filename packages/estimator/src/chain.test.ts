import { describe, expect, it } from "vitest";
import { amortizePerInference } from "./amortization.js";
import { type ChainMember, chainSuccessorStarts } from "./chain.js";
import { parseDisclosure } from "./disclosure.js";
import { DisclosureValidationError } from "./errors.js";
import { estimateNormalized } from "./estimate.js";
import { normalizeDisclosure } from "./normalize.js";

const member = (key: string, startTime: string | null, chainId: string | null = "daily") => ({
  key,
  chainId,
  startTime,
});
const asObject = (m: Map<string, string>) => Object.fromEntries([...m].sort());

describe("chainSuccessorStarts", () => {
  it("gives each run the start of the next one, whatever the input order; the last has none", () => {
    const out = chainSuccessorStarts([
      member("c", "2024-07-03T02:00:00Z"),
      member("a", "2024-07-01T02:00:00Z"),
      member("b", "2024-07-02T02:00:00Z"),
    ]);
    expect(asObject(out)).toEqual({
      a: "2024-07-02T02:00:00.000Z",
      b: "2024-07-03T02:00:00.000Z",
    });
  });

  it("tie rule: runs with the same start are one step, share the successor, never succeed each other", () => {
    const out = chainSuccessorStarts([
      member("a1", "2024-07-01T00:00:00Z"),
      member("a2", "2024-07-01T00:00:00Z"),
      member("b", "2024-07-02T00:00:00Z"),
      member("c1", "2024-07-03T00:00:00Z"),
      member("c2", "2024-07-03T00:00:00Z"),
    ]);
    // a1, a2 -> b (not each other); b -> c1/c2's start; c1, c2 are the last step: no successor
    expect(asObject(out)).toEqual({
      a1: "2024-07-02T00:00:00.000Z",
      a2: "2024-07-02T00:00:00.000Z",
      b: "2024-07-03T00:00:00.000Z",
    });
  });

  it("a run without a disclosed start has no successor and is nobody's successor", () => {
    const out = chainSuccessorStarts([
      member("a", "2024-07-01T00:00:00Z"),
      member("x", null),
      { key: "y", chainId: "daily", startTime: undefined },
      member("b", "2024-07-03T00:00:00Z"),
    ]);
    // a's successor is b (two days later), not x or y
    expect(asObject(out)).toEqual({ a: "2024-07-03T00:00:00.000Z" });
  });

  it("keeps chains apart and ignores runs without a chain", () => {
    const out = chainSuccessorStarts([
      member("a1", "2024-07-01T00:00:00Z", "a"),
      member("b1", "2024-07-01T12:00:00Z", "b"),
      member("a2", "2024-07-02T00:00:00Z", "a"),
      member("b2", "2024-07-08T12:00:00Z", "b"),
      member("lone", "2024-07-01T06:00:00Z", null),
      { key: "undef", chainId: undefined, startTime: "2024-07-01T03:00:00Z" },
    ]);
    expect(asObject(out)).toEqual({
      a1: "2024-07-02T00:00:00.000Z",
      b1: "2024-07-08T12:00:00.000Z",
    });
  });

  it("compares instants: 02:00+02:00 ties 00:00Z; the successor comes back in canonical UTC", () => {
    const out = chainSuccessorStarts([
      member("z", "2024-07-01T00:00:00Z"),
      member("plus2", "2024-07-01T02:00:00+02:00"),
      member("next", "2024-07-01T18:30:00-05:30"),
    ]);
    // 18:30 at -05:30 = 2024-07-02T00:00:00Z; z and plus2 are the same instant (a tie)
    expect(asObject(out)).toEqual({
      plus2: "2024-07-02T00:00:00.000Z",
      z: "2024-07-02T00:00:00.000Z",
    });
  });

  it("handles a large chain (one sort per chain, O(n log n))", () => {
    // 20,000 hourly runs in 4 interleaved chains, given newest first
    const n = 20_000;
    const t0 = Date.UTC(2024, 0, 1);
    const members: ChainMember[] = [];
    for (let i = n - 1; i >= 0; i--) {
      members.push({
        key: `r${i}`,
        chainId: `c${i % 4}`,
        startTime: new Date(t0 + i * 3_600_000).toISOString(),
      });
    }
    const out = chainSuccessorStarts(members);
    // run i's successor is run i + 4 (same chain), 4 hours later; the last 4 have none
    expect(out.size).toBe(n - 4);
    expect(out.get("r0")).toBe(new Date(t0 + 4 * 3_600_000).toISOString());
    expect(out.has(`r${n - 1}`)).toBe(false);
  });

  it("rejects duplicate keys and invalid start times, naming the member", () => {
    const path = (members: ChainMember[]) => {
      try {
        chainSuccessorStarts(members);
      } catch (e) {
        if (e instanceof DisclosureValidationError) return e.issues[0]?.path;
        throw e;
      }
      return "did not throw";
    };
    expect(path([member("a", "2024-07-01T00:00:00Z"), member("a", null)])).toBe("members[1].key");
    expect(path([member("a", "2024-07-01T00:00:00Z"), member("b", "2024-02-30T00:00:00Z")])).toBe(
      "members[1].startTime",
    );
    expect(path([member("a", "2024-07-01T00:00:00")])).toBe("members[0].startTime");
  });
});

describe("chain rule in an estimate (METHODOLOGY.md s.7)", () => {
  const base = {
    baseModel: "Llama 2",
    gpuModel: "A100 80GB",
    gpuCount: 1,
    reservedDurationHours: 1,
    chainId: "support-bot-daily",
    inferencesPerDay: 1000,
  };
  const disclosures = [
    parseDisclosure({ ...base, startTime: "2024-07-01T02:00:00Z" }),
    parseDisclosure({ ...base, startTime: "2024-07-02T04:00:00+02:00" }),
    // no start time: imputed from Llama 2's publish date, outside the chain ordering
    parseDisclosure({ ...base, useLifeDays: 7 }),
  ];
  const successors = chainSuccessorStarts(
    disclosures.map((d, i) => ({ key: String(i), chainId: d.chainId, startTime: d.startTime })),
  );
  const estimates = disclosures.map((d, i) => {
    const next = successors.get(String(i));
    return estimateNormalized(normalizeDisclosure(d), null, next ? { nextRunStartUtc: next } : {});
  });

  it("the first run's use life is the interval to the next one: 1 day", () => {
    // 2024-07-02T04:00+02:00 = 2024-07-02T02:00Z; minus 2024-07-01T02:00Z = 24 h = 1 day
    expect(estimates[0]?.amortization.useLifeDays).toBeCloseTo(1, 12);
    expect(estimates[0]?.inputs.provenance.useLifeDays).toMatchObject({ rule: "chain-interval" });
  });

  it("the latest run and the run without a start keep their own use life", () => {
    // latest: default 365 days; no start: its disclosed 7 days
    expect(estimates[1]?.amortization.useLifeDays).toBe(365);
    expect(estimates[2]?.amortization.useLifeDays).toBe(7);
    expect(estimates[2]?.inputs.provenance.useLifeDays).toEqual({ status: "disclosed" });
  });

  it("seed example: a daily fine-tune of 12.8 kgCO2e and 18.3 L, 1000 inferences a day", () => {
    // use life 1 day (the chain interval): 12.8 kg x 1000 / (1000 x 1) = 12.8 g per inference
    const useLifeDays = estimates[0]?.amortization.useLifeDays ?? Number.NaN;
    const r = amortizePerInference({
      totalCarbonKgCo2e: 12.8,
      totalWaterLiters: 18.3,
      inferencesPerDay: 1000,
      useLifeDays,
    });
    expect(r.carbonPerInferenceGCo2e).toBeCloseTo(12.8, 10);
    expect(r.waterPerInferenceMilliliters).toBeCloseTo(18.3, 10);
  });
});
