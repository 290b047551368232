/**
 * Keeps the documentation of the configuration true: the README's configuration table and
 * `.env.example` list every environment variable of every process, and every default they state
 * as a literal equals the schema's default.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { apiEnvSchema } from "./api.js";
import { commonEnvSchema } from "./common.js";
import { loadConfig } from "./load.js";
import { workerEnvSchema } from "./worker.js";

const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
const envExample = readFileSync(new URL("../../../.env.example", import.meta.url), "utf8");

/** `NAME=value` lines of .env.example; commented `# NAME=value` lines count as listed, no value. */
function envExampleEntries(): Map<string, string | null> {
  const entries = new Map<string, string | null>();
  for (const line of envExample.split("\n")) {
    const m = /^(#\s*)?([A-Z][A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) entries.set(m[2] as string, m[1] ? null : (m[3] as string));
  }
  return entries;
}

/** Default of every variable, as text (lists joined with commas); undefined when none. */
function defaultsAsText(schema: (typeof schemas)[keyof typeof schemas]): Map<string, string> {
  const defaults = loadConfig(schema, {}) as Record<string, unknown>;
  const text = new Map<string, string>();
  for (const [key, value] of Object.entries(defaults)) {
    if (value !== undefined) text.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  return text;
}

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
    const defaults = defaultsAsText(schema);
    const wrong = Object.keys(schema.shape).flatMap((key) => {
      const stated = rows.get(key);
      const actual = defaults.get(key);
      if (stated === null || stated === undefined || actual === undefined) return [];
      return stated === actual ? [] : [`${key}: README says ${stated}, schema ${actual}`];
    });
    expect(wrong).toEqual([]);
  });
});

describe(".env.example", () => {
  const entries = envExampleEntries();

  it.each(Object.entries(schemas))("lists every variable of the %s schema", (_name, schema) => {
    expect(Object.keys(schema.shape).filter((key) => !entries.has(key))).toEqual([]);
  });

  it.each(Object.entries(schemas))("shows the %s schema's defaults", (_name, schema) => {
    const defaults = defaultsAsText(schema);
    const wrong = Object.keys(schema.shape).flatMap((key) => {
      const shown = entries.get(key);
      const actual = defaults.get(key) ?? "";
      if (shown === null || shown === undefined) return [];
      return shown === actual ? [] : [`${key}: .env.example shows ${shown}, schema ${actual}`];
    });
    expect(wrong).toEqual([]);
  });
});
