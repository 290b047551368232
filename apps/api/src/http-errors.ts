/**
 * GraphQL error responses written outside Apollo Server (body-parser failures, the token limit,
 * spent keys, a missing key, the last-resort handler), in the media type the client accepts, as
 * Apollo writes its own: `application/graphql-response+json` when the request's Accept header
 * asks for it (GraphQL over HTTP, "Accept" and "application/graphql-response+json"; Apollo Client
 * 4 reads a non-2xx body as GraphQL only in that type), else `application/json`.
 */
import type { Request, Response } from "express";
import { GraphQLError } from "graphql";

const GRAPHQL_RESPONSE = "application/graphql-response+json";
const JSON_TYPE = "application/json";

/**
 * The response media type for `req` (content negotiation by Express's `req.accepts`, in Apollo
 * Server's order: application/json for a missing Accept or one that accepts any type).
 */
export function graphqlMediaType(req: Request): string {
  if (!req.headers.accept) return JSON_TYPE;
  return req.accepts([JSON_TYPE, GRAPHQL_RESPONSE]) || JSON_TYPE;
}

/** The `http` extension Apollo reads from a GraphQLError: status and headers to send. */
interface HttpExtension {
  status?: number;
  headers?: Map<string, string>;
}

/**
 * Answer with `error` as a GraphQL error body ({ errors: [{ message, extensions }] }) and its
 * HTTP status and headers (the error's `extensions.http`, else `status`); the `http` extension
 * itself is not sent, as Apollo does not send it.
 */
export function sendGraphqlError(
  req: Request,
  res: Response,
  error: GraphQLError,
  status = 500,
): void {
  const { http, ...extensions } = error.extensions as { http?: HttpExtension };
  for (const [name, value] of http?.headers ?? []) res.set(name, value);
  res
    .status(http?.status ?? status)
    .type(graphqlMediaType(req))
    .send(JSON.stringify({ errors: [{ message: error.message, extensions }] }));
}

/** A GraphQLError with `code` and any further extensions, for `sendGraphqlError`. */
export function graphqlError(
  message: string,
  code: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}
