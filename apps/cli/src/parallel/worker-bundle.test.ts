import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estimateWorkerBundle } from "./worker-bundle.js";

describe("estimate worker bundle cache", () => {
  const saved = process.env.XDG_CACHE_HOME;
  beforeAll(() => {
    process.env.XDG_CACHE_HOME = mkdtempSync(join(tmpdir(), "finetrace-bundle-test-"));
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
  });

  it("builds once, reuses the bundle while its sources are unchanged, rebuilds when one changes", () => {
    const bundle = fileURLToPath(estimateWorkerBundle());
    expect(readFileSync(bundle, "utf8")).toContain("estimateChunk");
    const manifest = join(bundle, "..", "manifest.json");
    const { inputs } = JSON.parse(readFileSync(manifest, "utf8"));
    // the worker's sources, the estimator's among them, are listed with their stamps
    expect(Object.keys(inputs).some((p) => p.endsWith("packages/estimator/src/estimate.ts"))).toBe(
      true,
    );
    const built = statSync(bundle).mtimeMs;
    expect(fileURLToPath(estimateWorkerBundle())).toBe(bundle);
    expect(statSync(bundle).mtimeMs).toBe(built); // reused, not rebuilt
    // a source whose stamp no longer matches (edited since) makes the next call rebuild
    const [first] = Object.keys(inputs);
    writeFileSync(manifest, JSON.stringify({ inputs: { ...inputs, [first as string]: "0:0" } }));
    estimateWorkerBundle();
    expect(JSON.parse(readFileSync(manifest, "utf8")).inputs[first as string]).not.toBe("0:0");
  });
});
