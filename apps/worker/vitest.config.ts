import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Integration tests drive real Redis, Postgres and child worker processes.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
