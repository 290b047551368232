export { createPool, createPrismaClient } from "./client.js";
export { databaseName, ensureDatabase, redactUrl, withDatabase } from "./connection.js";
export * from "./generated/prisma/client.js";
export { migrate } from "./migrations/migrate.js";
export * from "./orgs.js";
export * from "./queries/emissions.js";
export * from "./queries/estimates.js";
export * from "./queries/reports.js";
