import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Integration tests spawn the CLI, the API and the worker against real Postgres and Redis;
    // on a loaded 2-core machine one of them can take longer than vitest's 5 s default.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The fault suite restarts Postgres: it runs alone, with `npm run test:faults`.
    exclude: [...configDefaults.exclude, "src/faults/**"],
  },
});
