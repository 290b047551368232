/**
 * `finetrace estimate --threads 2` (worker threads, ADR 0041) writes exactly what the in-process
 * path (`--threads 1`) writes: the same stdout bytes (NDJSON, CSV, table), the same stderr lines
 * and exit code 2 when some records are bad. The fixture spans several 128 KiB chunks and mixes
 * valid records, measured-energy records (CodeCarbon-like, `measuredEnergyKwh`), schema errors,
 * broken JSON, an unknown GPU (an estimator input error), a daily chain whose members fall in
 * different chunks, blank and whitespace-only lines, CRLF line ends and an unterminated last
 * line.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type FinetraceResult, runFinetrace } from "./testing/finetrace-process.js";

const zones = ["US-CAL-CISO", "DE", "FR", "GB", "SE", "CA-QC"];
const gpus = ["A100 SXM4 80 GB", "H100 SXM5 80GB", "V100 SXM2 32 GB"];

/** Record i of the fixture (deterministic) as its JSONL line. */
function line(i: number): string {
  if (i % 97 === 5) return `{"externalId":"bad-${i}","baseModel":"Llama 2","gpuCount":-1}`;
  if (i % 211 === 7) return `{not json ${i}`;
  if (i % 331 === 9)
    return `{"externalId":"unk-${i}","baseModel":"Llama 2","gpuModel":"Quantum Banana 9000"}`;
  const record: Record<string, unknown> = {
    externalId: `run-${i}`,
    baseModel: "Llama 2",
    startTime: new Date(Date.UTC(2023, 0, 1) + ((i * 7919) % 17_000) * 3_600_000).toISOString(),
    reservedDurationHours: 1 + (i % 12),
    gpuModel: gpus[i % gpus.length],
    gpuCount: 1 + (i % 8),
    gridZone: zones[i % zones.length],
  };
  if (i % 4 === 1) record.measuredEnergyKwh = 0.5 + (i % 50) / 10;
  if (i % 300 === 11) {
    // One member of the daily chain every 300 records: starts one day apart.
    record.chainId = "daily";
    record.startTime = new Date(
      Date.UTC(2024, 6, 1) + Math.floor(i / 300) * 86_400_000,
    ).toISOString();
  }
  return JSON.stringify(record);
}

/** 2,400 records (about 640 KB, five chunks) with blank lines, CRLF and no final newline. */
function fixture(): string {
  const lines: string[] = [];
  for (let i = 0; i < 2_400; i++) {
    lines.push(line(i));
    if (i % 150 === 3) lines.push("");
    if (i % 170 === 4) lines.push("   \t");
  }
  return lines
    .map((l, i) => (i % 2 === 0 ? `${l}\r\n` : `${l}\n`))
    .join("")
    .trimEnd();
}

describe("finetrace estimate --threads 2 = --threads 1", () => {
  let file: string;
  beforeAll(async () => {
    file = join(await mkdtemp(join(tmpdir(), "finetrace-threads-")), "runs.jsonl");
    await writeFile(file, fixture());
  });

  const both = async (mode: string[]): Promise<[FinetraceResult, FinetraceResult]> => [
    await runFinetrace(["estimate", file, ...mode, "--threads", "1"], process.env),
    await runFinetrace(["estimate", file, ...mode, "--threads", "2"], process.env),
  ];

  it("--json: same bytes on stdout and stderr, exit code 2, issues and chain intact", async () => {
    const [one, two] = await both(["--json"]);
    expect(one.code).toBe(2);
    expect(two.code).toBe(2);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
    const parsed = two.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const summary = parsed.at(-1);
    // 2,400 records: 25 schema errors (i % 97 = 5), 12 broken lines (i % 211 = 7) and 8 unknown
    // GPUs (i % 331 = 9) are rejected; blank lines are not records.
    expect(summary).toMatchObject({
      type: "summary",
      records: 2_400,
      rejected: 45,
      estimated: 2_355,
    });
    expect(two.stderr).toMatch(/^record 6 gpuCount: must be an integer >= 0$/m);
    expect(two.stderr).toMatch(/^record 8: line \d+: not valid JSON/m);
    expect(two.stderr).toMatch(/^record 10 gpuModel: /m);
    // The daily chain (8 members, one every 300 records, 1 day apart): 1 day of use life each,
    // the last one its own default (no successor).
    const chain = parsed.filter((l) => l.type === "estimate" && l.inputs.chainId === "daily");
    expect(chain).toHaveLength(8);
    for (const member of chain.slice(0, -1)) {
      expect(member.inputs.useLifeDays).toBeCloseTo(1, 9);
      expect(member.inputs.provenance.useLifeDays.rule).toBe("chain-interval");
    }
    expect(chain.at(-1).inputs.provenance.useLifeDays.rule).not.toBe("chain-interval");
    // Measured energy passes through exactly (record 1: 0.5 + 1/10 kWh).
    expect(parsed.find((l) => l.run === "run-1")?.itEnergyKwh).toBe(0.6);
  });

  it("--csv and the table: same bytes", async () => {
    const [csvOne, csvTwo] = await both(["--csv"]);
    expect(csvTwo.stdout).toBe(csvOne.stdout);
    expect(csvTwo.stdout.split("\n").length).toBeGreaterThan(2_355);
    const [tableOne, tableTwo] = await both(["--limit", "3"]);
    expect(tableTwo.code).toBe(2);
    expect(tableTwo.stdout).toBe(tableOne.stdout);
    expect(tableTwo.stderr).toBe(tableOne.stderr);
  });

  it("rejects a thread count that is not 1..64", async () => {
    const result = await runFinetrace(["estimate", file, "--threads", "0"], process.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--threads "0" must be a whole number from 1 to 64');
  });
});
