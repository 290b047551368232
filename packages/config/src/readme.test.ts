/**
 * Keeps the README's configuration table true: every environment variable of every process is
 * listed, and every default the README states as a literal equals the schema's default.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { apiEnvSchema } from "./api.js";
import { commonEnvSchema } from "./common.js";
import { loadConfig } from "./load.js";
import { workerEnvSchema } from "./worker.js";

const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");

/** `| \`A\` / \`B\` | \`x\` / \`y\` | meaning |` rows of the Configuration section. */
function configurationRows(): Map<string, string | null> {
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? "";
  const rows = new Map<string, string | null>();
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 4 || !cells[1]?.startsWith("`")) continue;
    const names = [...(cells[1] ?? "").matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1] as string);
    const defaults = (cells[2] ?? "")
      .split(" / ")
      .map((d) => /^`([^`]*)`$/.exec(d.trim())?.[1] ?? null);
    names.forEach((name, i) => {
      rows.set(name, names.length === defaults.length ? (defaults[i] ?? null) : null);
    });
  }
  return rows;
}

const schemas = { common: commonEnvSchema, api: apiEnvSchema, worker: workerEnvSchema };

describe("README configuration table", () => {
  const rows = configurationRows();

  it.each(Object.entries(schemas))("lists every variable of the %s schema", (_name, schema) => {
    const missing = Object.keys(schema.shape).filter((key) => !rows.has(key));
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(schemas))("states the %s schema's literal defaults", (_name, schema) => {
    const defaults = loadConfig(schema, {}) as Record<string, unknown>;
    const wrong = Object.keys(schema.shape).flatMap((key) => {
      const stated = rows.get(key);
      const actual = defaults[key];
      if (stated === null || stated === undefined || actual === undefined) return [];
      const actualText = Array.isArray(actual) ? actual.join(",") : String(actual);
      return stated === actualText ? [] : [`${key}: README says ${stated}, schema ${actualText}`];
    });
    expect(wrong).toEqual([]);
  });
});
