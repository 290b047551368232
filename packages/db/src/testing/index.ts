export {
  createTestDatabase,
  ensureTemplateDatabase,
  type TestDatabase,
  templateDatabaseName,
} from "./template.js";
