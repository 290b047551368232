/**
 * Auth, roles, limits, /healthz and /metrics over real HTTP against a real server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, gql, type Harness, startHarness, type TestOrg } from "./test/harness.js";

let h: Harness;
let org: TestOrg;

beforeAll(async () => {
  h = await startHarness({ API_MAX_BODY_BYTES: "200000", API_MAX_PAGE_SIZE: "50" });
  org = await h.createOrg("acme");
});

afterAll(async () => {
  await h?.close();
});

const ORG = "{ organization { slug } }";

describe("authentication", () => {
  it("answers a valid key with its organization", async () => {
    const r = await gql(h.server.url, org.keys.read, ORG);
    expect(r.status).toBe(200);
    expect(r.data).toEqual({ organization: { slug: "acme" } });
  });

  it.each([
    ["no key", null],
    ["an unknown key", "ft_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["a malformed key", "hello"],
  ])("rejects %s with a clean UNAUTHENTICATED 401", async (_what, key) => {
    const r = await gql(h.server.url, key, ORG);
    expect(r.status).toBe(401);
    expect(codes(r)).toEqual(["UNAUTHENTICATED"]);
    expect(r.data).toBeNull();
  });

  it("rejects a key once revoked", async () => {
    const created = await gql<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      h.server.url,
      org.keys.admin,
      `mutation { createApiKey(name: "temp", role: read) { key apiKey { id prefix role } } }`,
    );
    const { key, apiKey } = created.data?.createApiKey ?? { key: "", apiKey: { id: "" } };
    expect((await gql(h.server.url, key, ORG)).status).toBe(200);
    const revoked = await gql(
      h.server.url,
      org.keys.admin,
      `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`,
      { id: apiKey.id },
    );
    expect(revoked.errors).toEqual([]);
    const after = await gql(h.server.url, key, ORG);
    expect(after.status).toBe(401);
    expect(codes(after)).toEqual(["UNAUTHENTICATED"]);
  });
});

describe("GET queries", () => {
  const get = (headers: Record<string, string>) =>
    fetch(`${h.server.url}?query=${encodeURIComponent(ORG)}`, { headers });

  it("answers a GET query that carries its key (urql, scripts), like a POST", async () => {
    const res = await get({ authorization: `Bearer ${org.keys.read}` });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { organization: { slug: "acme" } } });
  });

  it("answers a GET with no key 401, as a POST (nothing runs without a key, so no CSRF either)", async () => {
    const res = await get({});
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="finetrace"');
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(["UNAUTHENTICATED"]);
  });

  it("writes its own error answers in the media type the client accepts (GraphQL over HTTP)", async () => {
    // Apollo Client 4 reads a non-2xx body as GraphQL only as application/graphql-response+json
    const accept = "application/graphql-response+json, application/json;q=0.9";
    const noKey = await get({ accept });
    expect(noKey.status).toBe(401);
    expect(noKey.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
    const malformed = await fetch(h.server.url, {
      method: "POST",
      headers: {
        accept,
        "content-type": "application/json",
        authorization: `Bearer ${org.keys.read}`,
      },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
    expect(await malformed.json()).toMatchObject({
      errors: [{ extensions: { code: "BAD_REQUEST" } }],
    });
  });

  it("never runs a mutation over GET", async () => {
    const res = await fetch(
      `${h.server.url}?query=${encodeURIComponent('mutation { revokeApiKey(id: "x") { id } }')}`,
      { headers: { authorization: `Bearer ${org.keys.admin}` } },
    );
    expect(res.status).toBe(405);
  });
});

describe("roles", () => {
  const submit = `mutation { submitRuns(input: [{ externalId: "r", baseModel: "m" }]) { acceptedCount } }`;
  const createKey = `mutation { createApiKey(name: "x", role: read) { key } }`;

  it("lets read keys query but not submit", async () => {
    const r = await gql(h.server.url, org.keys.read, submit);
    expect(codes(r)).toEqual(["FORBIDDEN"]);
    expect(await h.prisma.fineTuneRun.count()).toBe(0);
  });

  it("lets ingest keys submit but not manage keys or settings", async () => {
    expect(codes(await gql(h.server.url, org.keys.ingest, createKey))).toEqual(["FORBIDDEN"]);
    const settings = await gql(
      h.server.url,
      org.keys.ingest,
      `mutation { updateOrganizationSettings(input: { pueOverride: 1.2 }) { id } }`,
    );
    expect(codes(settings)).toEqual(["FORBIDDEN"]);
    const keys = await gql(h.server.url, org.keys.ingest, "{ organization { apiKeys { id } } }");
    expect(codes(keys)).toEqual(["FORBIDDEN"]);
  });

  it("lets admin keys change settings, validating each field", async () => {
    const ok = await gql(
      h.server.url,
      org.keys.admin,
      `mutation { updateOrganizationSettings(input: { pueOverride: 1.15, reportingTimezone: "Europe/Paris" }) {
        settings { pueOverride wueLitersPerKwhOverride reportingTimezone } } }`,
    );
    expect(ok.data).toEqual({
      updateOrganizationSettings: {
        settings: {
          pueOverride: 1.15,
          wueLitersPerKwhOverride: null,
          reportingTimezone: "Europe/Paris",
        },
      },
    });
    const bad = await gql(
      h.server.url,
      org.keys.admin,
      `mutation { updateOrganizationSettings(input: { pueOverride: 0.9 }) { id } }`,
    );
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
    expect(bad.errors[0]?.message).toContain("input.pueOverride");
  });
});

describe("limits", () => {
  it("rejects a depth-20 query before running it", async () => {
    // run { previousRun { previousRun { ... } } } nested 20 levels.
    let selection = "id";
    for (let i = 0; i < 19; i++) selection = `previousRun { ${selection} }`;
    const r = await gql(
      h.server.url,
      org.keys.read,
      `{ run(id: "00000000-0000-0000-0000-000000000000") { ${selection} } }`,
    );
    expect(r.status).toBe(400);
    // Nesting 20 levels also multiplies the cost (x1.5 per level), so either limit may answer.
    expect(r.errors.map((e) => e.message).join(" ")).toMatch(
      /(depth limit of 10|cost limit of 5000) exceeded/i,
    );
  });

  it("names the depth limit for a cheap but deep query", async () => {
    let selection = "id";
    for (let i = 0; i < 10; i++) selection = `previousRun { ${selection} }`;
    const r = await gql(
      h.server.url,
      org.keys.read,
      `{ run(id: "00000000-0000-0000-0000-000000000000") { ${selection} } }`,
    );
    expect(r.status).toBe(400);
    expect(r.errors[0]?.message).toMatch(/depth limit of 10 exceeded, found 12/i);
  });

  it("caps page sizes", async () => {
    const r = await gql(h.server.url, org.keys.read, "{ runs(first: 51) { edges { cursor } } }");
    expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors[0]?.message).toContain("first: must be between 1 and 50");
  });

  it("caps the request body size with 413", async () => {
    const r = await gql(h.server.url, org.keys.read, ORG, { padding: "x".repeat(250_000) });
    expect(r.status).toBe(413);
    expect(codes(r)).toEqual(["PAYLOAD_TOO_LARGE"]);
  });

  it("allows introspection outside production", async () => {
    const r = await gql(h.server.url, org.keys.read, "{ __schema { queryType { name } } }");
    expect(r.data).toEqual({ __schema: { queryType: { name: "Query" } } });
  });
});

describe("operations endpoints", () => {
  it("reports Postgres and Redis healthy on /healthz", async () => {
    const res = await fetch(h.server.url.replace("/graphql", "/healthz"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", postgres: "ok", redis: "ok" });
  });

  it("exposes Prometheus metrics, including GraphQL operations already served", async () => {
    const res = await fetch(h.server.url.replace("/graphql", "/metrics"));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(
      /finetrace_api_graphql_operation_duration_seconds_count\{[^}]*field="organization"/,
    );
    expect(text).toMatch(/finetrace_api_graphql_errors_total\{code="BAD_USER_INPUT"\} [1-9]/);
    expect(text).toMatch(
      /finetrace_api_http_request_duration_seconds_count\{method="POST",route="\/graphql",status="401"\} [1-9]/,
    );
  });
});
