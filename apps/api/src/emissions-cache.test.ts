import type { EmissionsAggregate } from "@finetrace/db";
import { describe, expect, it } from "vitest";
import { EmissionsCache } from "./emissions-cache.js";

const input = (organizationId: string) => ({
  organizationId,
  fromUtc: new Date("2024-01-01T00:00:00Z"),
  toUtc: new Date("2025-01-01T00:00:00Z"),
  groupBy: ["MONTH"] as const,
  timezone: "UTC",
});
const answer = (servedBy: "ROLLUP" | "RAW", n: number) =>
  ({ groups: [], total: { runCount: n }, servedBy }) as unknown as EmissionsAggregate;

describe("EmissionsCache", () => {
  it("stores rollup answers only while listening, and forgets an organization's", async () => {
    const cache = new EmissionsCache(60);
    let calls = 0;
    const compute = async () => answer("ROLLUP", ++calls);
    await cache.get(input("o1"), compute);
    await cache.get(input("o1"), compute);
    expect(calls).toBe(2); // not listening: never stored
    cache.resume();
    expect((await cache.get(input("o1"), compute)).total.runCount).toBe(3);
    expect((await cache.get(input("o1"), compute)).total.runCount).toBe(3); // hit
    expect((await cache.get(input("o2"), compute)).total.runCount).toBe(4);
    cache.forgetOrganization("o1");
    expect((await cache.get(input("o1"), compute)).total.runCount).toBe(5);
    expect((await cache.get(input("o2"), compute)).total.runCount).toBe(4); // o2 kept
    cache.suspend();
    expect((await cache.get(input("o2"), compute)).total.runCount).toBe(6);
  });

  it("does not store an answer computed across a change, nor a raw-scan answer", async () => {
    const cache = new EmissionsCache(60);
    cache.resume();
    let n = 0;
    // The change is notified while the aggregation runs: its answer may predate the change.
    await cache.get(input("o1"), async () => {
      cache.forgetOrganization("o1");
      return answer("ROLLUP", ++n);
    });
    expect((await cache.get(input("o1"), async () => answer("ROLLUP", ++n))).total.runCount).toBe(
      2,
    );
    const raw = async () => answer("RAW", ++n);
    await cache.get(input("o3"), raw);
    expect((await cache.get(input("o3"), raw)).total.runCount).toBe(4);
  });
});
