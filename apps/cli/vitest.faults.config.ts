import { defineConfig } from "vitest/config";

/** `npm run test:faults`: the fault suite alone, one file at a time (it restarts Postgres). */
export default defineConfig({
  test: {
    include: ["src/faults/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
