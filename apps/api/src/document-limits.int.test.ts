/**
 * Every document limit (tokens, aliases, depth, cost, directives) answers HTTP 400 with
 * GRAPHQL_VALIDATION_FAILED and a message naming the limit; names of keys and organizations are
 * capped. Over real HTTP against a real server (API_MAX_COST lowered so that a shallow query can
 * exceed it without tripping the other limits first).
 */
import {
  createOrganization,
  MAX_API_KEY_NAME_LENGTH,
  MAX_ORGANIZATION_NAME_LENGTH,
  OrganizationInputError,
} from "@finetrace/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, gql, type Harness, startHarness, type TestOrg } from "./test/harness.js";

let h: Harness;
let org: TestOrg;

beforeAll(async () => {
  h = await startHarness({ API_MAX_COST: "100" });
  org = await h.createOrg("limits");
});

afterAll(async () => {
  await h?.close();
});

const aliases = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: organization { slug }`).join(" ")} }`;

describe("document limits", () => {
  it.each([
    // 1,000 aliases are 6,000 tokens: the token limit answers before the document is parsed.
    ["tokens", aliases(1000), /token limit of 5000 exceeded/i],
    ["aliases", aliases(21), /aliases limit of 20 exceeded, found 21/i],
    [
      "directives",
      `{ ${"__typename @include(if: true) ".repeat(21)} }`,
      /directives limit of 20 exceeded, found 21/i,
    ],
    [
      "depth",
      `{ run(id: "00000000-0000-0000-0000-000000000000") { ${"previousRun { ".repeat(10)}id${" }".repeat(10)} } }`,
      /depth limit of 10 exceeded, found 12/i,
    ],
    ["cost", `{ organization { ${"slug ".repeat(80)} } }`, /cost limit of 100 exceeded/i],
  ])("rejects a document over the %s limit with a 400", async (_limit, query, message) => {
    const r = await gql(h.server.url, org.keys.read, query);
    expect(r.status).toBe(400);
    // A document may break several limits at once (deep nesting also multiplies the cost).
    expect(r.errors.length).toBeGreaterThan(0);
    expect(new Set(codes(r))).toEqual(new Set(["GRAPHQL_VALIDATION_FAILED"]));
    expect(r.errors.map((e) => e.message).join(" ")).toMatch(message);
    // The document parsed: no rejection is worded as a syntax error (graphql-armor's prefix).
    for (const e of r.errors) expect(e.message).not.toMatch(/^Syntax Error/);
    expect(r.data).toBeNull();
  });

  it("says how to bring a large page under the cost limit", async () => {
    // armor multiplies a list's cost by its literal `first`: refused by cost (limit 100 here)
    // before the resolver could name `first`; the message says which argument to change.
    const r = await gql(
      h.server.url,
      org.keys.read,
      "{ runs(first: 100000) { edges { node { id } } } }",
    );
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(r.errors[0]?.message).toMatch(/^Query Cost limit of 100 exceeded, found \d+\. /);
    expect(r.errors[0]?.message).toContain("multiplied by its `first` (at most 200)");
  });

  it("passes a document just under the token limit on to the other limits", async () => {
    // 800 aliases are 4,800 tokens: under the token limit, over the alias limit.
    const r = await gql(h.server.url, org.keys.read, aliases(800));
    expect(r.status).toBe(400);
    expect(r.errors.map((e) => e.message).join(" ")).toMatch(
      /aliases limit of 20 exceeded, found 800/i,
    );
  });

  it("checks the token limit before authentication", async () => {
    const r = await gql(h.server.url, null, aliases(1000));
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });

  it("limits the tokens of GET queries too", async () => {
    // URLs are capped by Node's 16 KB header limit (431); "()" is two tokens of one character
    // each that encodeURIComponent leaves as they are, so 5,200 tokens fit in the URL.
    const url = `${h.server.url}?query=${encodeURIComponent(`{${"()".repeat(2600)}}`)}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${org.keys.read}` } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("reports a syntax error as a 400, not as a token-limit error", async () => {
    const r = await gql(h.server.url, org.keys.read, "{ organization { slug ");
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual(["GRAPHQL_PARSE_FAILED"]);
  });
});

describe("name caps", () => {
  const createKey = `mutation($name: String!) { createApiKey(name: $name, role: read) { apiKey { name } } }`;

  it("rejects a 1 MB API key name as BAD_USER_INPUT naming `name`, storing nothing", async () => {
    const before = await h.prisma.apiKey.count();
    const r = await gql(h.server.url, org.keys.admin, createKey, { name: "k".repeat(1_000_000) });
    expect(r.status).toBe(200);
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors[0]?.extensions?.field).toBe("name");
    expect(r.errors[0]?.message).toContain(`at most ${MAX_API_KEY_NAME_LENGTH} characters`);
    expect(await h.prisma.apiKey.count()).toBe(before);
  });

  it("accepts a key name of exactly the cap", async () => {
    const name = "k".repeat(MAX_API_KEY_NAME_LENGTH);
    const r = await gql(h.server.url, org.keys.admin, createKey, { name });
    expect(r.errors).toEqual([]);
    expect(r.data).toEqual({ createApiKey: { apiKey: { name } } });
  });

  it("caps organization names (the slug is already 1-63 characters)", async () => {
    const tooLong = createOrganization(h.prisma, {
      slug: "long-name",
      name: "n".repeat(MAX_ORGANIZATION_NAME_LENGTH + 1),
    });
    await expect(tooLong).rejects.toBeInstanceOf(OrganizationInputError);
    await expect(tooLong).rejects.toMatchObject({ field: "name" });
    await expect(
      createOrganization(h.prisma, { slug: "x".repeat(64), name: "x" }),
    ).rejects.toMatchObject({ field: "slug" });
    const ok = await createOrganization(h.prisma, {
      slug: "long-name",
      name: "n".repeat(MAX_ORGANIZATION_NAME_LENGTH),
    });
    expect(ok.name).toHaveLength(MAX_ORGANIZATION_NAME_LENGTH);
  });
});
