/**
 * Estimator throughput: normalize + estimate for 1,000,000 already-parsed disclosures on one
 * core (single thread, no worker threads).
 *
 *   npm run bench -w packages/estimator
 *
 * What the timed loop measures: for each disclosure, `normalizeDisclosure` (reference lookups,
 * every imputation rule, provenance record) then `estimateNormalized` (energy, carbon, water,
 * amortization, bounds). Parsing (zod) is excluded: the worker parses once at ingestion. The
 * disclosures are generated before timing from a fixed seed and cycle through complete, partial
 * (cloud region, tokens, managed service) and minimal variants; half get a supplied hourly
 * intensity, half use the annual fallback; a quarter of the start times are written with a
 * -07:00 offset (parsing, untimed, stores every start in canonical UTC).
 * One warm-up pass of 100,000 precedes the timed pass. Reports wall-clock and CPU-time rates.
 */
import {
  estimateNormalized,
  normalizeDisclosure,
  parseDisclosure,
  type RunDisclosure,
  type SuppliedIntensity,
} from "../src/index.js";

const N = 1_000_000;
let seed = 42;
/** Deterministic PRNG (mulberry32) so every run benchmarks the same inputs. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const regions = [
  "us-west-2",
  "us-east-1",
  "eu-west-3",
  "eu-central-1",
  "eu-north-1",
  "ap-northeast-1",
];
const gpus = ["A100 80GB", "H100", "A100", "L40S", "V100"];
function makeDisclosure(i: number): RunDisclosure {
  const hours = 0.5 + random() * 48;
  const startMs =
    Date.UTC(2023, 0, 1) +
    Math.floor(random() * 700) * 86_400_000 +
    Math.floor(random() * 24) * 3_600_000;
  // a quarter of the start times are written with a -07:00 offset (parseDisclosure makes them UTC)
  const start =
    i % 4 === 0
      ? new Date(startMs - 7 * 3_600_000).toISOString().replace(".000Z", "-07:00")
      : new Date(startMs).toISOString();
  switch (i % 4) {
    case 0:
      return parseDisclosure({
        baseModel: "Llama 2",
        gpuModel: gpus[i % gpus.length],
        serverModel: "HPE Apollo 6500 Gen10 Plus",
        gpuCount: 1 + Math.floor(random() * 16),
        cloudProvider: "aws",
        cloudRegion: regions[i % regions.length],
        reservedDurationHours: hours,
        gpuUtilizationFraction: random(),
        cpuUtilizationFraction: random(),
        startTime: start,
        useLifeDays: 30,
        inferencesPerDay: 5000,
      });
    case 1:
      return parseDisclosure({
        baseModel: "Mistral 7B",
        countryCode: "FR",
        tokensIncludingPadding: 1 + Math.floor(random() * 1e8),
        startTime: start,
      });
    case 2:
      return parseDisclosure({
        baseModel: "Llama 2",
        managedService: "aws-bedrock",
        cloudRegion: "us-west-2",
        tokensIncludingPadding: 1 + Math.floor(random() * 1e7),
        startTime: start,
      });
    default:
      return parseDisclosure({ baseModel: "Llama 3", reservedDurationHours: hours });
  }
}

const disclosures = Array.from({ length: N }, (_, i) => makeDisclosure(i));
const intensity: SuppliedIntensity = {
  startHourIntensityGPerKwh: 210,
  meanIntensityGPerKwh: 190,
  hourUtc: "2024-01-01T00:00:00.000Z",
  signal: "life-cycle",
};

let sink = 0;
/** Wall seconds and CPU seconds (user + system) of this process for one pass. */
function pass(count: number): { wallSeconds: number; cpuSeconds: number } {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const d = disclosures[i] as RunDisclosure;
    const e = estimateNormalized(normalizeDisclosure(d), i % 2 === 0 ? intensity : null);
    sink += e.totalCarbonKgCo2e;
  }
  const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return { wallSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

pass(100_000);
const { wallSeconds, cpuSeconds } = pass(N);
console.log(
  JSON.stringify({
    disclosures: N,
    wallSeconds: Number(wallSeconds.toFixed(3)),
    estimatesPerSecond: Math.round(N / wallSeconds),
    // CPU time of this process (includes GC threads): the rate per busy core, robust to other
    // processes competing for the CPU
    cpuSeconds: Number(cpuSeconds.toFixed(3)),
    estimatesPerCpuSecond: Math.round(N / cpuSeconds),
    node: process.version,
    checksumKgCo2e: Number(sink.toFixed(3)),
  }),
);
