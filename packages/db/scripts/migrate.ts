/**
 * `npm run db:migrate`: create the database if missing and apply pending migrations.
 * DATABASE_URL defaults to postgresql://postgres@127.0.0.1:5432/finetrace.
 */
import { redactUrl } from "../src/connection.js";
import { migrate } from "../src/migrations/migrate.js";

const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/finetrace";
const { applied } = await migrate(databaseUrl);
console.log(
  applied.length
    ? `applied ${applied.length} migration(s) to ${redactUrl(databaseUrl)}: ${applied.join(", ")}`
    : `${redactUrl(databaseUrl)} is up to date`,
);
