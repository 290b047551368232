/**
 * Write the next migration folder from the change in `prisma/schema.prisma` since the last
 * migration (the schema as of the commit that added the newest migration folder, from git; an
 * empty database for the first one). Introspection-based diffs do not run with the wasm engine
 * (docs/adr/0001-wasm-schema-engine.md), so the diff is datamodel -> datamodel.
 *
 * Usage: npm run db:migration:create -- <name>
 */
import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { DiffTarget } from "@prisma/schema-engine-wasm";
import {
  lockfileContent,
  lockfileName,
  migrationsDir,
  prismaDir,
  readMigrationFolders,
  schemaPath,
} from "../src/migrations/files.js";
import { noExternalObjects, withSchemaEngine } from "../src/migrations/schema-engine.js";

const { positionals } = parseArgs({ allowPositionals: true });
const [name] = positionals;
// The engine needs a connection to start; the datamodel -> datamodel diff does not read it.
const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
if (!name || !/^[a-z0-9_]+$/.test(name))
  throw new Error("migration name must be snake_case [a-z0-9_]");

const repoRoot = path.dirname(prismaDir.replace(/\/$/, ""));
const existing = await readMigrationFolders().catch(() => []);
let from: DiffTarget = { tag: "empty" };
const last = existing.at(-1);
if (last) {
  const git = (args: string[]) => execFileSync("git", args, { cwd: repoRoot, encoding: "utf8" });
  const commit = git(["log", "-1", "--format=%H", "--", `prisma/migrations/${last.name}`]).trim();
  if (!commit) throw new Error(`commit the last migration (${last.name}) before creating the next`);
  const previous = git(["show", `${commit}:prisma/schema.prisma`]);
  from = { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: previous }] };
}
const schema = await readFile(schemaPath, "utf8");
const result = await withSchemaEngine(databaseUrl, [], (engine) =>
  engine.diff({
    from,
    to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
    script: true,
    exitCode: null,
    filters: noExternalObjects,
  }),
);
const sql = result.stdout ?? "";
if (!sql.trim() || sql.includes("This is an empty migration")) {
  console.log("schema.prisma has not changed since the last migration; nothing written");
} else {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), sql);
  await writeFile(path.join(migrationsDir, lockfileName), lockfileContent);
  console.log(`wrote ${path.relative(repoRoot, dir)}/migration.sql`);
}
