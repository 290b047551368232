/**
 * `finetrace estimate` through a pipe: the whole output arrives (the process waits for stdout to
 * drain before exiting), every NDJSON line parses, bad records go to stderr as
 * `record N field: problem` with exit code 2 while the good ones are still printed; CSV and the
 * paged table.
 */
import { spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/finetrace.js", import.meta.url));
const examples = fileURLToPath(new URL("../../../examples/", import.meta.url));

/** Spawn the CLI with stdout and stderr as pipes, read slowly (a chunk every few ms). */
function piped(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => {
      out.push(chunk);
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 2);
    });
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("close", (code) =>
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
  });
}

const lines = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

describe("finetrace estimate through a pipe", () => {
  it("--json: every line arrives and parses (31 estimates + summary)", async () => {
    const { code, stdout } = await piped([
      "estimate",
      `${examples}demo/support-bot-daily-2024-07.jsonl`,
      "--json",
    ]);
    expect(code).toBe(0);
    const parsed = lines(stdout);
    expect(parsed).toHaveLength(32);
    expect(parsed.filter((l) => l.type === "estimate")).toHaveLength(31);
    const summary = parsed.at(-1);
    expect(summary).toMatchObject({ type: "summary", records: 31, estimated: 31, rejected: 0 });
    const sum = parsed
      .filter((l) => l.type === "estimate")
      .reduce((s, l) => s + l.totalCarbonKgCo2e, 0);
    expect(summary.totals.totalCarbonKgCo2e).toBeCloseTo(sum, 9);
  });

  it("--json with bad records: exit 2, issues on stderr, good records still printed", async () => {
    const dir = await mkdtemp(join(tmpdir(), "finetrace-pipe-"));
    const file = join(dir, "runs.jsonl");
    const good =
      '{"externalId":"ok-N","baseModel":"Llama 2","gpuModel":"A100 80GB","gpuCount":4,"reservedDurationHours":2,"startTime":"2024-07-01T00:00:00Z","gridZone":"US-CAL-CISO"}';
    const body = [
      good.replace("N", "1"),
      '{"externalId":"bad","baseModel":"Llama 2","gpuUtilizationFraction":47}',
      "{not json",
      good.replace("N", "2"),
    ];
    await writeFile(file, `${body.join("\n")}\n`);
    const { code, stdout, stderr } = await piped(["estimate", file, "--json"]);
    expect(code).toBe(2);
    const parsed = lines(stdout);
    expect(parsed.filter((l) => l.type === "estimate").map((l) => l.run)).toEqual(["ok-1", "ok-2"]);
    expect(parsed.filter((l) => l.type === "issue").map((l) => [l.record, l.path])).toEqual([
      [2, "gpuUtilizationFraction"],
      [3, ""],
    ]);
    expect(parsed.at(-1)).toMatchObject({ records: 4, estimated: 2, rejected: 2 });
    expect(stderr).toMatch(/record 2 gpuUtilizationFraction: must be a fraction/);
    expect(stderr).toMatch(/record 3: line 3: not valid JSON/);
  });

  it("--csv: a header with units and one row per run", async () => {
    const { code, stdout } = await piped([
      "estimate",
      `${examples}codecarbon/emissions.csv`,
      "--csv",
    ]);
    expect(code).toBe(0);
    const rows: Record<string, string>[] = parse(stdout, { columns: true });
    expect(rows).toHaveLength(2);
    // Measured energy passes through exactly (emissions.csv row 1: 8.8878 kWh).
    expect(rows[0]?.measured_energy_kwh).toBe("8.8878");
    // Row 1 ran on AWS: its naive timestamp 21:02:11 is the VM's UTC clock, minus 6 h.
    expect(rows[0]?.start_time_offset_rule).toBe("codecarbon-cloud-utc-clock");
    expect(rows[0]?.start_time_utc).toBe("2024-07-15T15:02:11.000Z");
    expect(rows[1]?.start_time_offset_rule).toBe("codecarbon-local-time-zone");
    expect(Object.keys(rows[0] ?? {})).toContain("total_carbon_kgco2e");
  });

  it("table mode prints counts and totals and pages the detail with --limit", async () => {
    const { code, stdout } = await piped([
      "estimate",
      `${examples}demo/support-bot-daily-2024-07.jsonl`,
      "--limit",
      "3",
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/estimated\s+│ 31/);
    expect(stdout).toContain("First 3 of 31 run(s)");
    expect(stdout).toContain("support-bot-daily-2024-07-03");
    expect(stdout).not.toContain("support-bot-daily-2024-07-04");
  });
});
