/**
 * The cost of an operation (`operationCost`) and the per-organization concurrency cap
 * (`OrganizationConcurrency`), in process.
 */
import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { OrganizationConcurrency, operationCost } from "./limits.js";

function cost(source: string, variables: Record<string, unknown> = {}): number {
  const doc = parse(source);
  const op = doc.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of doc.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return operationCost(op, fragments, variables, { emissions: 10, maxPageSize: 200 });
}

const E = `emissions(period: { from: "2024-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z" }) { total { runCount } }`;

describe("operationCost", () => {
  it("charges each aliased emissions field, page sizes per 50 rows, 1 per other field", () => {
    expect(cost("{ organization { slug } }")).toBe(1);
    // 20 aliases x 10 = 200.
    expect(cost(`{ ${Array.from({ length: 20 }, (_, i) => `a${i}: ${E}`).join(" ")} }`)).toBe(200);
    // ceil(200 / 50) = 4; ceil(24 / 50) = 1 (reports' default page); + organization 1 = 6.
    expect(
      cost(
        "{ runs(first: 200) { edges { cursor } } reports { edges { cursor } } organization { id } }",
      ),
    ).toBe(6);
    // first from a variable: ceil(120 / 50) = 3.
    expect(cost("query($n: Int!) { runs(first: $n) { edges { cursor } } }", { n: 120 })).toBe(3);
    // a first above the page limit is rejected by the field: charged as 200 rows, ceil(200/50) = 4
    // (as asked, 100000 would be 2,000 points: the whole 600-point budget of the key, and more)
    expect(cost("query($n: Int!) { runs(first: $n) { edges { cursor } } }", { n: 100000 })).toBe(4);
    expect(cost("{ reports(first: 30000) { edges { cursor } } }")).toBe(4);
  });

  it("counts fields behind fragments once per spread (a fragment spread twice counts once)", () => {
    expect(cost(`{ ...F ... on Query { b: ${E} } ...F } fragment F on Query { a: ${E} }`)).toBe(20);
  });
});

describe("OrganizationConcurrency", () => {
  it("runs maxConcurrent at once, queues maxQueued, refuses beyond with RATE_LIMITED", async () => {
    const c = new OrganizationConcurrency(1, 1);
    const first = await c.acquire("org-a");
    let secondGranted = false;
    const second = c.acquire("org-a").then((release) => {
      secondGranted = true;
      return release;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(secondGranted).toBe(false);
    // One running, one waiting: a third is refused with a retry hint.
    await expect(c.acquire("org-a")).rejects.toMatchObject({
      extensions: { code: "RATE_LIMITED", retryAfterSeconds: 1 },
    });
    // Another organization is not affected.
    const other = await c.acquire("org-b");
    other();
    first();
    const releaseSecond = await second;
    expect(secondGranted).toBe(true);
    releaseSecond();
    // Slots free again: acquired at once.
    (await c.acquire("org-a"))();
  });
});
