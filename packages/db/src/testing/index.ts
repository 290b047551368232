export {
  type EstimatedRunFixture,
  insertEstimatedRuns,
} from "../queries/estimated-runs.fixture.js";
export {
  createTestDatabase,
  ensureTemplateDatabase,
  type TestDatabase,
  templateDatabaseName,
} from "./template.js";
