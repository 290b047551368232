import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/finetrace.js", import.meta.url));
const example = fileURLToPath(
  new URL("../../../examples/demo/support-bot-daily-2024-07.jsonl", import.meta.url),
);

describe("the CLI bundle (bin/cli-bundle.js)", () => {
  const cache = mkdtempSync(join(tmpdir(), "finetrace-cli-bundle-"));
  const run = (env: Record<string, string> = {}) =>
    execFileSync(process.execPath, [bin, "estimate", example, "--json"], {
      env: { ...process.env, XDG_CACHE_HOME: cache, ...env },
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });

  it("runs from a bundle built once, writes what the sources write, rebuilds on a change", () => {
    const bundled = run();
    const root = join(cache, "finetrace", "cli-bundle");
    const [key] = readdirSync(root);
    const current = join(root, key as string, "current.json");
    const first = JSON.parse(readFileSync(current, "utf8"));
    expect(existsSync(join(root, key as string, first.build, "main.mjs"))).toBe(true);
    const sources = Object.keys(first.inputs);
    expect(sources.some((p) => p.endsWith("apps/cli/src/commands/estimate.ts"))).toBe(true);
    expect(sources.some((p) => p.endsWith("packages/estimator/src/estimate.ts"))).toBe(true);
    // Packages stay in node_modules, imported from there; only their JSON data is bundled (an
    // external JSON import would need the import attribute that the rewritten specifier loses).
    const packageCode = sources.filter((p) => p.includes("node_modules") && !p.endsWith(".json"));
    expect(packageCode).toEqual([]);
    expect(sources).toContainEqual(expect.stringMatching(/i18n-iso-countries\/langs\/en\.json$/));

    // The same bytes as the TypeScript sources run through tsx (10 NDJSON lines and more).
    expect(bundled.split("\n").length).toBeGreaterThan(10);
    expect(run({ FINETRACE_NO_BUNDLE: "1" })).toBe(bundled);

    run();
    expect(JSON.parse(readFileSync(current, "utf8")).build).toBe(first.build); // reused

    // A source whose stamp no longer matches (edited since) makes the next run rebuild.
    const stale = { ...first, inputs: { ...first.inputs, [sources[0] as string]: "0:0" } };
    writeFileSync(current, JSON.stringify(stale));
    expect(run()).toBe(bundled);
    const second = JSON.parse(readFileSync(current, "utf8"));
    expect(second.build).not.toBe(first.build);
    // The builder and its loader count as sources (a new build layout must not look fresh).
    expect(sources.some((p) => p.endsWith("apps/cli/bin/build-cli-bundle.mjs"))).toBe(true);

    // A build missing a file (a partly cleaned cache) is rebuilt, not imported.
    expect(second.files).toContain("main.mjs");
    const chunk = second.files.find((f: string) => f !== "main.mjs");
    rmSync(join(root, key as string, second.build, chunk));
    expect(run()).toBe(bundled);
    expect(JSON.parse(readFileSync(current, "utf8")).build).not.toBe(second.build);
  });

  it("runs the sources when no bundle can be built (the cache root is a file)", () => {
    const file = join(cache, "not-a-directory");
    writeFileSync(file, "");
    expect(run({ XDG_CACHE_HOME: file })).toBe(run({ FINETRACE_NO_BUNDLE: "1" }));
  });
});
