/**
 * The committed resolver types must match the SDL: regenerate in memory and compare.
 * On failure run `npm run codegen -w apps/api` and commit src/generated/graphql.ts.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "@graphql-codegen/cli";
import { describe, expect, it } from "vitest";
import config from "../codegen.js";

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("generated resolver types", () => {
  it("are up to date with src/schema/*.graphql", async () => {
    const previous = process.cwd();
    process.chdir(apiDir);
    try {
      const outputs = (await generate({ ...config, silent: true }, false)) as {
        filename: string;
        content: string;
      }[];
      expect(outputs).toHaveLength(1);
      const [output] = outputs;
      const committed = readFileSync(path.join(apiDir, output?.filename ?? ""), "utf8");
      expect(output?.content === committed, "run `npm run codegen -w apps/api`").toBe(true);
    } finally {
      process.chdir(previous);
    }
  }, 30_000);
});
