#!/usr/bin/env node
/**
 * Benchmark of the streaming `finetrace estimate --json` (BENCHMARKS.md, "Streaming offline
 * estimate"): generate N disclosures as JSONL (deterministic: mulberry32, seed 20261201; no
 * chains), then time `node bin/finetrace.js estimate <file> --json --threads T > /dev/null` in a
 * child process under `/usr/bin/time -v`, which reports its wall time, CPU time and peak RSS
 * (of the whole process: main thread and workers), once per thread count, side by side, with
 * the 1-minute load average before each run (the host is shared).
 *
 * Usage: `npm run bench -w apps/cli [-- 100000 300000 1000000] [--threads=1,2]` (default sizes:
 * 100k, 300k, 1M; default threads: 1 and `os.availableParallelism()`).
 * Files go to $TMPDIR/finetrace-bench/ and are reused when already generated.
 * Targets (issue "Real inputs" item 7): 1M rows <= 15 s and <= 300 MB RSS, time linear in rows.
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, renameSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../bin/finetrace.js", import.meta.url));
const args = process.argv.slice(2);
const sizes = args.filter((a) => !a.startsWith("--")).map(Number);
const rows = sizes.length > 0 ? sizes : [100_000, 300_000, 1_000_000];
const threadsArg = args.find((a) => a.startsWith("--threads="));
const threadCounts = threadsArg
  ? threadsArg.slice("--threads=".length).split(",").map(Number)
  : [...new Set([1, availableParallelism()])];

/** mulberry32 PRNG (public domain, Tommy Ettinger): deterministic across Node versions. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Values the estimator's reference data knows (examples/, packages/estimator/data/).
const zones = ["US-CAL-CISO", "US-MIDA-PJM", "DE", "FR", "GB", "SE", "US-NW-PACW", "CA-QC"];
const gpus = ["A100 SXM4 80 GB", "H100 SXM5 80GB", "V100 SXM2 32 GB", "A100 PCIe 40 GB"];
const methods = ["full", "lora", "qlora"];

function disclosure(random, i) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const startMs = Date.UTC(2023, 0, 1) + Math.floor(random() * 2 * 8760) * 3_600_000;
  const record = {
    externalId: `bench-${i}`,
    baseModel: "Llama 2",
    fineTuningMethod: pick(methods),
    startTime: new Date(startMs).toISOString(),
    reservedDurationHours: 1 + Math.floor(random() * 12),
    gpuModel: pick(gpus),
    gpuCount: 1 + Math.floor(random() * 8),
    gridZone: pick(zones),
    gpuUtilizationFraction: Math.round(random() * 100) / 100,
    inferencesPerDay: 100 + Math.floor(random() * 10_000),
  };
  if (random() < 0.25) record.measuredEnergyKwh = Math.round(random() * 100_000) / 1000 + 0.1;
  return record;
}

async function generate(n) {
  const dir = join(tmpdir(), "finetrace-bench");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `disclosures-${n}.jsonl`);
  if (existsSync(file)) return file;
  const random = mulberry32(20261201);
  const out = createWriteStream(`${file}.part`);
  for (let i = 0; i < n; i++) {
    if (!out.write(`${JSON.stringify(disclosure(random, i))}\n`)) {
      await new Promise((resolve) => out.once("drain", resolve));
    }
  }
  await new Promise((resolve) => out.end(resolve));
  renameSync(`${file}.part`, file);
  return file;
}

/**
 * Run the CLI on `file` with `threads` and stdout to /dev/null; wall seconds, CPU seconds (user
 * + system) and peak RSS (MiB: time -v reports KiB) from time -v.
 */
function measure(file, threads) {
  const started = process.hrtime.bigint();
  const result = spawnSync(
    "/usr/bin/time",
    ["-v", process.execPath, bin, "estimate", file, "--json", "--threads", String(threads)],
    { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", maxBuffer: 1 << 26 },
  );
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1]);
  const seconds = (name) =>
    Number(new RegExp(`${name} time \\(seconds\\): ([\\d.]+)`).exec(result.stderr)?.[1]);
  const cpuS = seconds("User") + seconds("System");
  if (result.status !== 0) {
    throw new Error(`estimate exited ${result.status}: ${result.stderr.slice(-2000)}`);
  }
  return { wallS, cpuS, peakRssMb: rssKb / 1024 };
}

console.log(`machine: ${cpus().length} CPUs, ${cpus()[0]?.model ?? "?"}, Node ${process.version}`);
console.log("rows\tthreads\twall s\tcpu s\tpeak RSS MiB\tus/row\tload1 before");
for (const n of rows) {
  const file = await generate(n);
  for (const threads of threadCounts) {
    const load = loadavg()[0].toFixed(2);
    const { wallS, cpuS, peakRssMb } = measure(file, threads);
    console.log(
      `${n}\t${threads}\t${wallS.toFixed(2)}\t${cpuS.toFixed(2)}\t${peakRssMb.toFixed(0)}\t${((wallS / n) * 1e6).toFixed(1)}\t${load}`,
    );
  }
}
