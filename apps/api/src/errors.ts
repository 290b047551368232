/**
 * GraphQL errors the API returns, each with a stable `extensions.code` clients can switch on.
 */
import { GraphQLError } from "graphql";

/** No key, a malformed, unknown or revoked key (indistinguishable on purpose). HTTP 401. */
export function unauthenticated(): GraphQLError {
  return new GraphQLError(
    "a valid API key is required: send `Authorization: Bearer <key>` (the key may be missing, unknown or revoked)",
    { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } },
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
