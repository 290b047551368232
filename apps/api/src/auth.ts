/**
 * Bearer API-key authentication and role checks.
 */
import type { ApiKeyPrincipal } from "@finetrace/db";
import { forbidden } from "./errors.js";

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
