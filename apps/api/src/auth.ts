/**
 * Bearer API-key authentication and role checks.
 */
import type { ApiKeyPrincipal } from "@finetrace/db";
import type { RequestHandler } from "express";
import { GraphQLError } from "graphql";
import { forbidden } from "./errors.js";
import { sendGraphqlError } from "./http-errors.js";

export type Role = ApiKeyPrincipal["role"];

/** read < ingest < admin: each role may do everything the previous one may. */
const RANK: Record<Role, number> = { read: 0, ingest: 1, admin: 2 };

/** The key from an `Authorization: Bearer <key>` header, or null when absent or malformed. */
export function bearerKey(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** @throws GraphQLError FORBIDDEN when `principal.role` is below `required`. */
export function requireRole(principal: ApiKeyPrincipal, required: Role): void {
  if (RANK[principal.role] < RANK[required]) throw forbidden(required, principal.role);
}

/**
 * Express middleware before Apollo on /graphql: every operation needs a key, so a request without
 * one is answered here by `refuse` (which records the failed authentication and throws 401
 * UNAUTHENTICATED, or 429 once the address is over its limit), as a request with a bad key is
 * answered, and not with the CSRF refusal that Apollo gives a header-less GET (urql's default,
 * curl). Preflights (OPTIONS) and a GET without an operation (the landing page) pass.
 */
export function requireBearerKey(
  refuse: (req: Parameters<RequestHandler>[0]) => Promise<unknown>,
): RequestHandler {
  return async (req, res, next) => {
    if (req.method === "OPTIONS" || bearerKey(req.headers.authorization)) return next();
    // a GET without an operation is Apollo's landing page (a browser opening /graphql)
    if (
      req.method === "GET" &&
      req.query.query === undefined &&
      req.query.extensions === undefined
    ) {
      return next();
    }
    try {
      await refuse(req);
      next(new Error("refuse() returned for a request without an API key"));
    } catch (e) {
      if (e instanceof GraphQLError) sendGraphqlError(req, res, e, 401);
      else next(e);
    }
  };
}
