export * from "./change-notifications.js";
export { createPool, createPrismaClient } from "./client.js";
export { databaseName, ensureDatabase, redactUrl, withDatabase } from "./connection.js";
export * from "./generated/prisma/client.js";
export { GridCsvHeaderError } from "./grid/csv-header.js";
export {
  GridCsvFormatError,
  type GridCsvInput,
  type GridLoadFilesOptions,
  type GridLoadFilesResult,
  type GridLoadOptions,
  type GridLoadResult,
  loadGridIntensityCsv,
  loadGridIntensityFiles,
} from "./grid/load.js";
export { type IntensityRequest, IntensityRequestError, lookupIntensities } from "./grid/lookup.js";
export { migrate } from "./migrations/migrate.js";
export * from "./orgs.js";
export * from "./queries/emissions.js";
export * from "./queries/estimates.js";
export * from "./queries/reports.js";
export * from "./queries/runs-page.js";
export {
  ROLLUP_VALUE_COLUMNS,
  rebuildEmissionsRollup,
} from "./rollups/emissions-rollup.js";
export * from "./runs/index.js";
export * from "./scope2/index.js";
export { seedReferenceData } from "./seed.js";
export * from "./transaction.js";
