/**
 * Organizations and their API keys.
 *
 * A key is `ft_` + 32 random bytes in base64url (43 characters): 256 bits, so a SHA-256 digest
 * is a safe lookup key (no salt or slow hash needed for high-entropy secrets; OWASP Password
 * Storage Cheat Sheet, "API keys"). Only the SHA-256 hex digest and the first characters
 * (`prefix`, to tell keys apart in listings) are stored; the key is returned once, at creation.
 */
import { createHash, randomBytes } from "node:crypto";
import type { ApiKeyRole, PrismaClient } from "./generated/prisma/client.js";

/** Every key starts with this, so secret scanners and humans recognise a Finetrace key. */
export const API_KEY_PREFIX = "ft_";
/** Characters of the key kept as its non-secret `prefix` ("ft_" + 8). */
const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;

/** SHA-256 hex digest of a key, as stored in `ApiKey.hashedKey`. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Thrown for a missing organization, or a key that is not the organization's. */
export class OrganizationNotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = "OrganizationNotFoundError";
  }
}

/** Thrown when organization input breaks a rule; `field` names the input field. */
export class OrganizationInputError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = "OrganizationInputError";
  }
}

/**
 * Longest organization name, characters: legal names run to about 100; 200 leaves room while
 * keeping listings, reports and logs from carrying megabyte names.
 */
export const MAX_ORGANIZATION_NAME_LENGTH = 200;
/**
 * Longest API key name, characters: a key name is a label ("ci-ingest", "grafana read-only");
 * 100 is plenty and stops a request from storing a megabyte label.
 */
export const MAX_API_KEY_NAME_LENGTH = 100;

/** Length in characters (code points), as a person counts them. */
const characters = (s: string) => [...s].length;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function isIanaTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Create an organization.
 * @param input.slug lowercase letters, digits and dashes, 1-63 characters, unique.
 * @param input.reportingTimezone IANA zone (default "UTC").
 * @param input.name 1-200 characters (MAX_ORGANIZATION_NAME_LENGTH) once trimmed.
 * @throws OrganizationInputError for a bad slug, an empty or too long name or an unknown time
 *   zone (nothing written).
 * @throws Prisma `P2002` when the slug is taken.
 */
export async function createOrganization(
  prisma: PrismaClient,
  input: { slug: string; name: string; reportingTimezone?: string },
) {
  if (!SLUG.test(input.slug)) {
    throw new OrganizationInputError(
      "slug",
      "must be 1-63 lowercase letters, digits or dashes, not starting or ending with a dash",
    );
  }
  const name = input.name.trim();
  if (name.length === 0) throw new OrganizationInputError("name", "must not be empty");
  if (characters(name) > MAX_ORGANIZATION_NAME_LENGTH) {
    throw new OrganizationInputError(
      "name",
      `must be at most ${MAX_ORGANIZATION_NAME_LENGTH} characters (got ${characters(name)})`,
    );
  }
  const reportingTimezone = input.reportingTimezone ?? "UTC";
  if (!isIanaTimeZone(reportingTimezone)) {
    throw new OrganizationInputError(
      "reportingTimezone",
      `"${reportingTimezone}" is not an IANA time zone`,
    );
  }
  return prisma.organization.create({ data: { slug: input.slug, name, reportingTimezone } });
}

/** A newly created key. `key` is the secret: it is not stored and cannot be shown again. */
export interface CreatedApiKey {
  id: string;
  key: string;
  prefix: string;
}

/**
 * Create an API key for an organization.
 * @param input.name 1-100 characters (MAX_API_KEY_NAME_LENGTH) once trimmed.
 * @throws OrganizationInputError for an empty or too long name (nothing written).
 * @throws OrganizationNotFoundError when the organization does not exist.
 */
export async function createApiKey(
  prisma: PrismaClient,
  input: { organizationId: string; role: ApiKeyRole; name: string },
): Promise<CreatedApiKey> {
  const name = input.name.trim();
  if (name.length === 0) throw new OrganizationInputError("name", "must not be empty");
  if (characters(name) > MAX_API_KEY_NAME_LENGTH) {
    throw new OrganizationInputError(
      "name",
      `must be at most ${MAX_API_KEY_NAME_LENGTH} characters (got ${characters(name)})`,
    );
  }
  const org = await prisma.organization.findUnique({
    where: { id: input.organizationId },
    select: { id: true },
  });
  if (!org) throw new OrganizationNotFoundError(`organization ${input.organizationId}`);
  const key = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  const prefix = key.slice(0, SHOWN_PREFIX_LENGTH);
  const row = await prisma.apiKey.create({
    data: {
      organizationId: org.id,
      name,
      role: input.role,
      prefix,
      hashedKey: hashApiKey(key),
    },
    select: { id: true },
  });
  return { id: row.id, key, prefix };
}

/** Who a valid key acts for. */
export interface ApiKeyPrincipal {
  keyId: string;
  organizationId: string;
  role: ApiKeyRole;
  /** The organization's IANA reporting time zone (Organization.reportingTimezone), e.g. "UTC". */
  reportingTimezone: string;
}

/**
 * Resolve a presented key. Returns null for a malformed, unknown or revoked key (callers answer
 * all three the same way, so a caller cannot tell which). Records `lastUsedAt` at most once a
 * minute per key.
 */
export async function authenticateApiKey(
  prisma: PrismaClient,
  key: string,
): Promise<ApiKeyPrincipal | null> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
  const row = await prisma.apiKey.findUnique({
    where: { hashedKey: hashApiKey(key) },
    select: {
      id: true,
      organizationId: true,
      role: true,
      revokedAt: true,
      lastUsedAt: true,
      organization: { select: { reportingTimezone: true } },
    },
  });
  if (!row || row.revokedAt !== null) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    // Best effort: a failed timestamp update must not fail an authenticated request. Awaited, so
    // no query outlives the request (and a client closed after it).
    await prisma.apiKey
      .update({ where: { id: row.id }, data: { lastUsedAt: now } })
      .catch(() => undefined);
  }
  return {
    keyId: row.id,
    organizationId: row.organizationId,
    role: row.role,
    reportingTimezone: row.organization.reportingTimezone,
  };
}

/**
 * Revoke a key of an organization (idempotent: revoking twice keeps the first time).
 * @throws OrganizationNotFoundError when the key does not exist in that organization.
 */
export async function revokeApiKey(
  prisma: PrismaClient,
  input: { organizationId: string; keyId: string },
) {
  if (!UUID.test(input.keyId)) throw new OrganizationNotFoundError(`API key ${input.keyId}`);
  await prisma.apiKey.updateMany({
    where: { id: input.keyId, organizationId: input.organizationId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  const row = await prisma.apiKey.findFirst({
    where: { id: input.keyId, organizationId: input.organizationId },
  });
  if (!row) throw new OrganizationNotFoundError(`API key ${input.keyId}`);
  return row;
}
