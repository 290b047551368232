/**
 * Benchmark: 50 concurrent dashboard clients for 30 s against a real API server while 50,000
 * runs are submitted (`submitRuns`, 1,000 per call) and estimated (`estimateRunBatch`, the
 * worker's use case, 2,000 runs per batch), on a database holding BENCH_BASE_RUNS estimated runs
 * (bench-data.ts, 4 organizations). Each client loops over the mix: `emissions` MONTH over a
 * year, `emissions` GRID_ZONE x GPU_MODEL over a year, `runs(first: 50)` with a zone filter,
 * `runs(first: 50)` unfiltered, and one run with its current estimate. Reported: requests/s,
 * p50 / p99 per query and overall, errors, and the raw SQL scan of the MONTH query (psql) in the
 * same run. The clients (bench/dashboard-clients.ts) and the writer (bench/dashboard-writer.ts)
 * run in child processes of their own. Loopback only; bounded by BENCH_SECONDS and the 50,000
 * submissions.
 *
 *   npm run bench:dashboard -w apps/api   (env: BENCH_BASE_RUNS, BENCH_CLIENTS, BENCH_SECONDS,
 *   BENCH_SUBMIT_RUNS, BENCH_EMISSIONS_CACHE_SECONDS, BENCH_RATE: a comma-separated list of
 *   phases, each 0 = closed loop or R = paced arrivals at R requests/s in total, latency counted
 *   from each request's scheduled time; default 0; each phase has its own writer;
 *   BENCH_WARMUP_SECONDS: unmeasured warm-up first, default 10; BENCH_WRITER_SPREAD_SECONDS:
 *   the writer's calls spread evenly over that many seconds of each phase, default 0 = as fast
 *   as it can, a burst at the start of the phase)
 */
import { execFileSync, spawn } from "node:child_process";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { apiEnvSchema, loadConfig } from "@finetrace/config";
import {
  createApiKey,
  createOrganization,
  createPool,
  createPrismaClient,
  emissionsParams,
  emissionsSql,
} from "@finetrace/db";
import { createTestDatabase } from "@finetrace/db/testing";
import { createQueues } from "@finetrace/services";
import { startApiServer } from "../src/server.js";
import { generateEstimatedRuns } from "./bench-data.js";

const BASE_RUNS = Number(process.env.BENCH_BASE_RUNS ?? 1_000_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const SUBMIT = Number(process.env.BENCH_SUBMIT_RUNS ?? 50_000);
/**
 * Unmeasured warm-up before the phases, seconds (0: none): the first phase's clients and a writer
 * of SUBMIT / 10 runs against the fresh server, so the phases measure a running server (JIT-compiled
 * API, connection pools and plan caches filled), not its first seconds. Reported apart.
 */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
/**
 * Arrival models, one phase each on the same database (bench/dashboard-clients.ts): requests/s
 * in total for paced arrivals, 0 for the closed loop; e.g. BENCH_RATE=0,330.
 */
const RATES = (process.env.BENCH_RATE ?? "0").split(",").map(Number);
/** The writer's calls spread evenly over this many seconds of a phase; 0: as fast as it can. */
const WRITER_SPREAD_SECONDS = Number(process.env.BENCH_WRITER_SPREAD_SECONDS ?? 0);
const FROM = "2024-01-01T00:00:00Z";
const TO = "2025-01-01T00:00:00Z";

const pct = (s: number[], p: number) =>
  s.length === 0
    ? 0
    : (s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number);
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n: s.length, p50Ms: r(pct(s, 50)), p99Ms: r(pct(s, 99)) };
};

const db = await createTestDatabase();
const pool = createPool(db.databaseUrl, { max: 6 });
const prisma = createPrismaClient(db.databaseUrl);
const prefix = `ft-bench-dash-${process.pid}`;
const queues = createQueues({
  connection: { url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" },
  prefix,
});
try {
  const orgs: string[] = [];
  for (const slug of ["bench-a", "bench-b", "bench-c", "bench-d"]) {
    orgs.push((await createOrganization(prisma, { slug, name: slug })).id);
  }
  const target = orgs[0] as string;
  const key = (await createApiKey(prisma, { organizationId: target, role: "read", name: "b" })).key;
  const generated = await generateEstimatedRuns(pool, orgs, BASE_RUNS);
  await pool.query(`VACUUM ANALYZE "FineTuneRun"`);
  await pool.query(`VACUUM ANALYZE "Estimate"`);
  await pool.query(`VACUUM ANALYZE "EmissionsRollup"`);
  const someRun = (
    await pool.query<{ id: string }>(
      `SELECT "id" FROM "FineTuneRun" WHERE "organizationId" = $1 ORDER BY "submittedAt" DESC LIMIT 1`,
      [target],
    )
  ).rows[0]?.id;

  const env = loadConfig(apiEnvSchema, {
    DATABASE_URL: db.databaseUrl,
    API_PORT: "0",
    LOG_LEVEL: "silent",
    NODE_ENV: "production",
    API_RATE_LIMIT_POINTS: "10000000",
    // 50 clients of one organization: let them all execute (the default caps one tenant at 4).
    API_ORG_MAX_CONCURRENT: String(CLIENTS),
    // The answer cache (docs/adr/0084) as deployed; BENCH_EMISSIONS_CACHE_SECONDS=0 measures
    // the rollup alone.
    API_EMISSIONS_CACHE_SECONDS: process.env.BENCH_EMISSIONS_CACHE_SECONDS ?? "60",
    FINETRACE_QUEUE_PREFIX: prefix,
  });
  const server = await startApiServer(env, { queues });
  const period = `period: { from: "${FROM}", to: "${TO}" }`;
  const mix: Record<string, string> = {
    emissionsMonth: `{ emissions(${period}, groupBy: [MONTH]) { servedBy groups { key { month } figures { runCount energyKwh totalCarbonKgCo2e } } total { runCount } } }`,
    emissionsZoneGpu: `{ emissions(${period}, groupBy: [GRID_ZONE, GPU_MODEL]) { servedBy groups { key { gridZone gpuModel } figures { runCount totalCarbonKgCo2e } } } }`,
    runsZone: `{ runs(first: 50, filter: { gridZone: "DE" }) { edges { node { id externalId status } } } }`,
    runs: `{ runs(first: 50) { edges { cursor node { id externalId status } } } }`,
    runWithEstimate: `{ run(id: "${someRun}") { id status currentEstimate { totalCarbonKgCo2e facilityEnergyKwh } } }`,
  };
  const names = Object.keys(mix);

  /** Run bench/<script> in a child process (tsx) with `env`; its one JSON line of stdout. */
  const child = <T>(script: string, env: Record<string, string>) =>
    new Promise<T>((resolve, reject) => {
      const proc = spawn(process.execPath, ["--import", "tsx", `bench/${script}`], {
        cwd: path.join(import.meta.dirname, ".."),
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "inherit"],
      });
      let out = "";
      proc.stdout.on("data", (d) => {
        out += String(d);
      });
      proc.on("error", reject);
      proc.on("exit", (code) =>
        code === 0
          ? resolve(JSON.parse(out.trim()))
          : reject(new Error(`${script} exited ${code}`)),
      );
    });

  /** One phase: the clients at `rate` (0: closed loop) beside a writer of `submit` runs. */
  const runPhase = async (rate: number, seconds = SECONDS, submit = SUBMIT) => {
    const deadlineMs = Date.now() + seconds * 1000;
    // Intake + estimation of SUBMIT runs of the measured organization, during the load, in a
    // child process (bench/dashboard-writer.ts), as the worker is a process of its own.
    const writer = child<{ submitted: number; estimated: number; seconds: number }>(
      "dashboard-writer.ts",
      {
        DATABASE_URL: db.databaseUrl,
        FINETRACE_QUEUE_PREFIX: prefix,
        BENCH_ORGANIZATION_ID: target,
        BENCH_SUBMIT_RUNS: String(submit),
        BENCH_DEADLINE_MS: String(deadlineMs),
        BENCH_WRITER_SPREAD_SECONDS: String(Math.min(WRITER_SPREAD_SECONDS, seconds)),
      },
    );
    // The 50 clients in a process of their own (bench/dashboard-clients.ts): in this process
    // they would share the API server's event loop.
    const load = child<{
      seconds: number;
      samples: Record<string, number[]>;
      errors: number;
      firstErrors: string[];
    }>("dashboard-clients.ts", {
      BENCH_URL: server.url,
      BENCH_KEY: key,
      BENCH_CLIENTS: String(CLIENTS),
      BENCH_RATE: String(rate),
      BENCH_MIX: JSON.stringify(mix),
      BENCH_DEADLINE_MS: String(deadlineMs),
    });

    const [result, { submitted, estimated, seconds: writerSeconds }] = await Promise.all([
      load,
      writer,
    ]);
    const { samples, errors, firstErrors } = result;
    const all = Object.values(samples).flat();
    return {
      arrivals: rate > 0 ? `paced, ${rate} requests/s in total` : "closed loop",
      seconds: Math.round(result.seconds * 10) / 10,
      requests: all.length,
      requestsPerSecond: Math.round(all.length / result.seconds),
      errors,
      firstErrors,
      overall: stats(all),
      perQuery: Object.fromEntries(names.map((n) => [n, stats(samples[n] ?? [])])),
      submitted,
      estimated,
      writerSeconds,
      loadavgAfter: loadavg().map((x) => Math.round(x * 100) / 100),
    };
  };
  const warmup =
    WARMUP_SECONDS > 0
      ? await runPhase(RATES[0] ?? 0, WARMUP_SECONDS, Math.ceil(SUBMIT / 10))
      : null;
  const phases = [];
  for (const rate of RATES) phases.push(await runPhase(rate));
  await server.close();

  const input = {
    organizationId: target,
    fromUtc: new Date(FROM),
    toUtc: new Date(TO),
    groupBy: ["MONTH"] as const,
    timezone: "UTC",
  };
  const rawSql = emissionsSql(input.groupBy).replace(/\$(\d+)/g, (_, n: string) => {
    const v = emissionsParams(input)[Number(n) - 1];
    return `'${v instanceof Date ? v.toISOString() : String(v)}'`;
  });
  const out = execFileSync(
    "psql",
    [
      "-X",
      "-q",
      "-o",
      "/dev/null",
      "-c",
      "\\timing on",
      "-c",
      rawSql,
      "-c",
      rawSql,
      "-c",
      rawSql,
      db.databaseUrl,
    ],
    { encoding: "utf8" },
  );
  const rawMs = [...out.matchAll(/Time: ([\d.]+) ms/g)].map((m) => Number(m[1]));

  console.log(
    JSON.stringify(
      {
        baseRuns: BASE_RUNS,
        emissionsCacheSeconds: env.API_EMISSIONS_CACHE_SECONDS,
        generateSeconds: Math.round(generated.generateSeconds),
        clients: CLIENTS,
        warmup: warmup && {
          seconds: WARMUP_SECONDS,
          arrivals: warmup.arrivals,
          requestsPerSecond: warmup.requestsPerSecond,
          overall: warmup.overall,
          errors: warmup.errors,
          submitted: warmup.submitted,
        },
        phases,
        rawMonthScanAfterLoadMs: rawMs,
        machine: { cpus: cpus().length, loadavg: loadavg().map((x) => Math.round(x * 100) / 100) },
      },
      null,
      2,
    ),
  );
} finally {
  await queues.obliterate();
  await queues.close();
  await prisma.$disconnect();
  await pool.end();
  await db.drop();
}
