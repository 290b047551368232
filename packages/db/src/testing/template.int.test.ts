import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../client.js";
import { createTestDatabase, type TestDatabase } from "./index.js";

const created: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(created.map((db) => db.drop()));
});

async function databaseExists(databaseUrl: string): Promise<boolean> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const client = new pg.Client({ connectionString: databaseUrl.replace(/\/[^/]+$/, "/postgres") });
  await client.connect();
  try {
    return (
      ((await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount ?? 0) >
      0
    );
  } finally {
    await client.end();
  }
}

describe("createTestDatabase", () => {
  it("gives each caller its own migrated database, even when called concurrently", async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    if (!a || !b) throw new Error("expected two databases");
    created.push(a, b);
    expect(a.databaseUrl).not.toBe(b.databaseUrl);

    const prismaA = createPrismaClient(a.databaseUrl);
    const prismaB = createPrismaClient(b.databaseUrl);
    try {
      await prismaA.organization.create({ data: { slug: "acme", name: "Acme" } });
      expect(await prismaA.organization.count()).toBe(1);
      expect(await prismaB.organization.count()).toBe(0);
    } finally {
      await Promise.all([prismaA.$disconnect(), prismaB.$disconnect()]);
    }
  });

  it("drop() removes the database", async () => {
    const db = await createTestDatabase();
    expect(await databaseExists(db.databaseUrl)).toBe(true);
    await db.drop();
    expect(await databaseExists(db.databaseUrl)).toBe(false);
  });
});
