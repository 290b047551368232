import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  test: {
    // Component tests choose happy-dom per file; the end-to-end suite (e2e/) runs in Node and
    // drives Chromium against the real API, worker and Postgres: it needs minutes on a loaded
    // 2-core machine, not vitest's 5 s default.
    include: ["src/**/*.test.{ts,tsx}", "e2e/**/*.test.ts"],
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
