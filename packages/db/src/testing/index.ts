export {
  type EstimatedRunFixture,
  insertEstimatedRuns,
} from "../queries/estimated-runs.fixture.js";
export { setRollupUpkeepForBenchmark } from "../rollups/upkeep-baseline.js";
export {
  createTestDatabase,
  ensureTemplateDatabase,
  type TestDatabase,
  templateDatabaseName,
} from "./template.js";
