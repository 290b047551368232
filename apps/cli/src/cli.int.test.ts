/**
 * Spawns the real `finetrace` executable (bin/finetrace.js). `estimate` is run with database
 * and Redis URLs that point at closed ports: it must not need either.
 */
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/finetrace.js", import.meta.url));
const examples = fileURLToPath(new URL("../../../examples/", import.meta.url));
const offline = {
  ...process.env,
  DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none",
  REDIS_URL: "redis://127.0.0.1:1",
};

function finetrace(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: offline }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** `finetrace estimate --json` NDJSON, regrouped: summary, estimate lines, issue lines. */
interface EstimateJson {
  format: string;
  estimates: {
    run: string;
    totalCarbonKgCo2e: number;
    intensity: { startHourIntensityGPerKwh: number; source: string };
    amortization: {
      useLifeDays: number;
      inferencesPerDay: number;
      carbonPerInferenceGCo2e: number;
    };
  }[];
  issues: unknown[];
}

function parseNdjson(stdout: string): EstimateJson {
  const lines = stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  const summary = lines.find((l) => l.type === "summary");
  return {
    format: summary?.format,
    estimates: lines.filter((l) => l.type === "estimate"),
    issues: lines.filter((l) => l.type === "issue"),
  };
}

describe("finetrace estimate (offline)", () => {
  it("estimates the 31-day demo chain at the shipped hourly intensity", async () => {
    const { code, stdout } = await finetrace([
      "estimate",
      `${examples}demo/support-bot-daily-2024-07.jsonl`,
      "--json",
    ]);
    expect(code).toBe(0);
    const result = parseNdjson(stdout);
    expect(result.format).toBe("jsonl");
    expect(result.estimates).toHaveLength(31);
    const first = result.estimates[0];
    // 2024-07-01T01:00-07:00 = 08:00Z; US-CAL-CISO life-cycle intensity at 08:00Z = 244.37 g/kWh.
    expect(first?.run).toBe("support-bot-daily-2024-07-01");
    expect(first?.intensity.source).toBe("hourly");
    expect(first?.intensity.startHourIntensityGPerKwh).toBeCloseTo(244.37, 6);
    // Daily chain: use life 1 day (next run 24 h later) x 1000 inferences/day = 1000 inferences,
    // so gCO2e per inference = kgCO2e * 1000 g/kg / 1000 = the kgCO2e figure itself.
    expect(first?.amortization.useLifeDays).toBeCloseTo(1, 9);
    expect(first?.amortization.carbonPerInferenceGCo2e).toBeCloseTo(
      first?.totalCarbonKgCo2e ?? -1,
      9,
    );
  });

  it("prints a table with the provenance of imputed inputs", async () => {
    const { code, stdout } = await finetrace(["estimate", `${examples}llama2-seed.json`]);
    expect(code).toBe(0);
    expect(stdout).toContain("scope3-seed-llama2");
    expect(stdout).toContain("Imputed inputs (provenance)");
    // The seed gives no start time: imputed from Llama 2's publish date (2023-07-18) - 12 h.
    expect(stdout).toContain("2023-07-17T12:00:00.000Z");
  });

  it("exits 2 naming the record and field of bad input, after estimating the good records", async () => {
    const dir = await mkdtemp(join(tmpdir(), "finetrace-cli-"));
    const file = join(dir, "runs.jsonl");
    await writeFile(
      file,
      '{"externalId":"ok","baseModel":"Llama 2","gpuModel":"A100 80GB","gpuCount":4,"reservedDurationHours":2,"startTime":"2024-07-01T00:00:00Z","gridZone":"US-CAL-CISO"}\n{"externalId":"bad","baseModel":"Llama 2","gpuUtilizationFraction":47}\n',
    );
    const { code, stdout, stderr } = await finetrace(["estimate", file, "--json"]);
    expect(code).toBe(2);
    expect(parseNdjson(stdout).estimates.map((e) => e.run)).toEqual(["ok"]);
    expect(stderr).toMatch(/record 2 gpuUtilizationFraction: must be a fraction/);
  });
});

describe("finetrace usage", () => {
  it("exits 0 for --help and 2 for an unknown command or a missing file", async () => {
    expect((await finetrace(["--help"])).code).toBe(0);
    expect((await finetrace(["estimate", "--help"])).stdout).toContain("--json");
    expect((await finetrace(["frobnicate"])).code).toBe(2);
    const missing = await finetrace(["estimate", "/nonexistent/runs.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read");
  });
});
