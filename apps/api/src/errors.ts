/**
 * GraphQL errors the API returns, each with a stable `extensions.code` clients can switch on.
 */
import { GraphQLError } from "graphql";

/** No key, a malformed, unknown or revoked key (indistinguishable on purpose). HTTP 401. */
export function unauthenticated(): GraphQLError {
  return new GraphQLError(
    "a valid API key is required: send `Authorization: Bearer <key>` (the key may be missing, unknown or revoked)",
    {
      extensions: {
        code: "UNAUTHENTICATED",
        // RFC 6750 s.3: a 401 names the scheme the resource expects
        http: { status: 401, headers: new Map([["www-authenticate", 'Bearer realm="finetrace"']]) },
      },
    },
  );
}

/** The key's role does not allow the operation. */
export function forbidden(required: string, role: string): GraphQLError {
  return new GraphQLError(
    `this operation needs an API key with role ${required} (this key: ${role})`,
    {
      extensions: { code: "FORBIDDEN", requiredRole: required },
    },
  );
}

/** Unknown id, or an id of another organization (the two are indistinguishable). */
export function notFound(what: string): GraphQLError {
  return new GraphQLError(`${what} not found`, { extensions: { code: "NOT_FOUND" } });
}

/** An argument breaks a rule; `field` is its path, e.g. `period.to` or `input[3].pue`. */
export function badInput(field: string, problem: string): GraphQLError {
  return new GraphQLError(`${field}: ${problem}`, {
    extensions: { code: "BAD_USER_INPUT", field },
  });
}

/** The key used up its request budget; retry after `retryAfterSeconds`. HTTP 429. */
export function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`rate limit exceeded for this API key; retry in ${retryAfterSeconds} s`, {
    extensions: {
      code: "RATE_LIMITED",
      retryAfterSeconds,
      http: { status: 429, headers: new Map([["retry-after", String(retryAfterSeconds)]]) },
    },
  });
}

/**
 * Seconds a client should wait before retrying after a lost database connection. pg's Pool drops
 * a dead client and opens a fresh one on the next checkout, so a terminated backend is replaced
 * by the next request; a Postgres restart or failover takes a few seconds. 2 s retries soon
 * without piling requests onto a server that is still starting.
 */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** The message of SERVICE_UNAVAILABLE: no database internals, whatever the environment. */
export const SERVICE_UNAVAILABLE_MESSAGE =
  "service temporarily unavailable: a connection to its data store was lost or refused; retry shortly";

/** Postgres (or the network to it) is unavailable; retryable. HTTP 503 with Retry-After. */
export function serviceUnavailable(
  retryAfterSeconds: number = DATABASE_RETRY_AFTER_SECONDS,
): GraphQLError {
  return new GraphQLError(SERVICE_UNAVAILABLE_MESSAGE, {
    extensions: {
      code: "SERVICE_UNAVAILABLE",
      retryAfterSeconds,
      http: { status: 503, headers: new Map([["retry-after", String(retryAfterSeconds)]]) },
    },
  });
}

/** Too many failed authentications from one client address. HTTP 429 with Retry-After. */
export function authFailuresLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(
    `too many failed authentications from this address; retry in ${retryAfterSeconds} s`,
    {
      extensions: {
        code: "RATE_LIMITED",
        retryAfterSeconds,
        http: { status: 429, headers: new Map([["retry-after", String(retryAfterSeconds)]]) },
      },
    },
  );
}

/**
 * The organization has too many operations executing and waiting in this API process
 * (API_ORG_MAX_CONCURRENT + API_ORG_MAX_QUEUED); retry after `retryAfterSeconds`. HTTP 429.
 */
export function concurrencyLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(
    `too many concurrent requests for this organization; retry in ${retryAfterSeconds} s`,
    {
      extensions: {
        code: "RATE_LIMITED",
        retryAfterSeconds,
        http: { status: 429, headers: new Map([["retry-after", String(retryAfterSeconds)]]) },
      },
    },
  );
}

/**
 * A dashboard statement ran past API_STATEMENT_TIMEOUT_MS and was cancelled (the connection and
 * other tenants are unaffected); retry later or narrow the query (shorter period, fewer aliases).
 */
export function statementTimedOut(timeoutMs: number, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(
    `query cancelled after ${timeoutMs} ms (API_STATEMENT_TIMEOUT_MS); retry in ${retryAfterSeconds} s or narrow it`,
    { extensions: { code: "TIMEOUT", retryAfterSeconds } },
  );
}
