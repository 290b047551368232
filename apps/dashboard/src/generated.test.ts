/**
 * The committed client types (src/generated/) must match the API's SDL and the documents of
 * src/: regenerate in memory and compare. On failure run `npm run codegen -w apps/dashboard`
 * and commit src/generated/.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "@graphql-codegen/cli";
import { describe, expect, it } from "vitest";
import config from "../codegen.js";

const dashboardDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("generated client types", () => {
  it("are up to date with apps/api/src/schema/*.graphql and the documents", async () => {
    const previous = process.cwd();
    process.chdir(dashboardDir);
    try {
      const outputs = (await generate({ ...config, silent: true }, false)) as {
        filename: string;
        content: string;
      }[];
      expect(outputs.map((o) => path.basename(o.filename)).sort()).toEqual([
        "gql.ts",
        "graphql.ts",
        "index.ts",
      ]);
      const stale = outputs
        .filter((o) => readFileSync(path.join(dashboardDir, o.filename), "utf8") !== o.content)
        .map((o) => o.filename);
      expect(stale, "run `npm run codegen -w apps/dashboard`").toEqual([]);
    } finally {
      process.chdir(previous);
    }
  }, 60_000);
});
