import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Integration tests drive real Redis, Postgres and the CLI / worker.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
