import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "./index.js";
import {
  authenticateApiKey,
  createApiKey,
  createOrganization,
  hashApiKey,
  OrganizationInputError,
  OrganizationNotFoundError,
  revokeApiKey,
} from "./orgs.js";
import { createTestDatabase, type TestDatabase } from "./testing/index.js";

let db: TestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrismaClient(db.databaseUrl);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

describe("organizations and API keys", () => {
  it("creates a key shown once, stores only its SHA-256, and authenticates it", async () => {
    const org = await createOrganization(prisma, {
      slug: "acme",
      name: " Acme ",
      reportingTimezone: "Europe/Paris",
    });
    expect(org.name).toBe("Acme");
    expect(org.reportingTimezone).toBe("Europe/Paris");
    const created = await createApiKey(prisma, {
      organizationId: org.id,
      role: "ingest",
      name: "ci",
    });
    // "ft_" + base64url of 32 bytes (43 characters).
    expect(created.key).toMatch(/^ft_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.key.slice(0, 11));
    const stored = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.hashedKey).toBe(hashApiKey(created.key));
    expect(stored.hashedKey).not.toContain(created.key.slice(3));
    expect(await authenticateApiKey(prisma, created.key)).toEqual({
      keyId: created.id,
      organizationId: org.id,
      role: "ingest",
      reportingTimezone: "Europe/Paris",
    });
    expect(await authenticateApiKey(prisma, `${created.key}x`)).toBeNull();
    expect(await authenticateApiKey(prisma, "not-a-key")).toBeNull();
  });

  it("revokes a key within its organization only", async () => {
    const a = await createOrganization(prisma, { slug: "org-a", name: "A" });
    const b = await createOrganization(prisma, { slug: "org-b", name: "B" });
    const key = await createApiKey(prisma, { organizationId: a.id, role: "read", name: "k" });
    await expect(
      revokeApiKey(prisma, { organizationId: b.id, keyId: key.id }),
    ).rejects.toBeInstanceOf(OrganizationNotFoundError);
    expect(await authenticateApiKey(prisma, key.key)).not.toBeNull();
    const revoked = await revokeApiKey(prisma, { organizationId: a.id, keyId: key.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await authenticateApiKey(prisma, key.key)).toBeNull();
    // Revoking again keeps the first revocation time.
    const again = await revokeApiKey(prisma, { organizationId: a.id, keyId: key.id });
    expect(again.revokedAt).toEqual(revoked.revokedAt);
    await expect(
      revokeApiKey(prisma, { organizationId: a.id, keyId: "nope" }),
    ).rejects.toBeInstanceOf(OrganizationNotFoundError);
  });

  it("rejects bad organization input, naming the field, and writes nothing", async () => {
    const before = await prisma.organization.count();
    await expect(createOrganization(prisma, { slug: "Bad Slug", name: "x" })).rejects.toMatchObject(
      { field: "slug" },
    );
    await expect(
      createOrganization(prisma, { slug: "ok", name: "x", reportingTimezone: "Nowhere/City" }),
    ).rejects.toBeInstanceOf(OrganizationInputError);
    expect(await prisma.organization.count()).toBe(before);
  });
});
