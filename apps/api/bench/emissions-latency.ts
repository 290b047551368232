/**
 * Benchmark: `emissions(groupBy: [MONTH])` for one organization over one year, p50 / p99 over
 * HTTP against a real API server (served by the EmissionsRollup, docs/adr/0080), versus the raw
 * scan (`emissionsSql(["MONTH"])`, what the API ran before the rollup) in psql (`\timing`), in
 * the same run, on the same database. The rollup is built from the generated estimates with
 * `rebuildEmissionsRollup` (the generator bypasses the estimate writer).
 *
 * Data: 1,000,000 ESTIMATED runs (runs + current estimates; the 10 % in chains disclose their
 * inferences per day, the others use the imputed default) generated in SQL with
 * generate_series, 4 organizations round-robin, evenly over 730 days from 2023-01-01 (one run
 * every 63 s).
 * The measured organization has 250,000 runs, ~125,000 of them in 2024.
 *
 * `npm run bench -w apps/api` (env: BENCH_RUNS, BENCH_ITERATIONS). Prints a JSON summary and
 * the EXPLAIN of the raw SQL; results go to BENCHMARKS.md.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { apiEnvSchema, loadConfig } from "@finetrace/config";
import {
  createApiKey,
  createOrganization,
  createPool,
  createPrismaClient,
  emissionsParams,
  emissionsSql,
  runsPageSql,
} from "@finetrace/db";
import { createTestDatabase } from "@finetrace/db/testing";
import { startApiServer } from "../src/server.js";
import { generateEstimatedRuns } from "./bench-data.js";
import { startSampler } from "./sampler-client.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = 20;
/** Measurements per leg before switching to the other leg. */
const ROUND = 10;
const FROM = "2024-01-01T00:00:00Z";
const TO = "2025-01-01T00:00:00Z";

function percentile(sortedMs: number[], p: number): number {
  const i = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, i)] as number;
}

function summary(samplesMs: number[]) {
  const s = [...samplesMs].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { n: s.length, p50Ms: round(percentile(s, 50)), p99Ms: round(percentile(s, 99)) };
}

/** Inline the query's parameters as SQL literals for psql. */
function literalSql(sql: string, params: unknown[]): string {
  const quote = (v: unknown) =>
    `'${(v instanceof Date ? v.toISOString() : String(v)).replaceAll("'", "''")}'`;
  return sql.replace(/\$(\d+)/g, (_, n: string) => quote(params[Number(n) - 1]));
}

/** Run `sql` `times` times in one psql session with \timing; returns each duration in ms. */
function psqlTimings(databaseUrl: string, sql: string, times: number): number[] {
  const dir = mkdtempSync(path.join(tmpdir(), "ft-bench-"));
  try {
    const file = path.join(dir, "bench.sql");
    writeFileSync(file, `\\timing on\n${`${sql};\n`.repeat(times)}`);
    const out = execFileSync("psql", ["-X", "-q", "-o", "/dev/null", "-f", file, databaseUrl], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    return [...out.matchAll(/Time: ([\d.]+) ms/g)].map((m) => Number(m[1]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const db = await createTestDatabase();
// No statement bound: generating 10,000,000 runs in one INSERT takes longer than the pools'
// default 5-minute statement_timeout (packages/db client.ts).
const pool = createPool(db.databaseUrl, { statement_timeout: 0 });
const prisma = createPrismaClient(db.databaseUrl);
try {
  const orgs = [];
  for (const slug of ["bench-a", "bench-b", "bench-c", "bench-d"]) {
    orgs.push((await createOrganization(prisma, { slug, name: slug })).id);
  }
  const target = orgs[0] as string;
  const key = (await createApiKey(prisma, { organizationId: target, role: "read", name: "bench" }))
    .key;

  const { generateSeconds, rollupSeconds } = await generateEstimatedRuns(pool, orgs, RUNS);
  let t = performance.now();
  const rollupRows = (
    await pool.query<{ grain: string; n: number }>(
      `SELECT grain::text, count(*)::int AS n FROM "EmissionsRollup" WHERE "organizationId" = $1
       GROUP BY grain ORDER BY grain`,
      [target],
    )
  ).rows;
  t = performance.now();
  await pool.query(`VACUUM ANALYZE "FineTuneRun"`);
  await pool.query(`VACUUM ANALYZE "Estimate"`);
  await pool.query(`VACUUM ANALYZE "EmissionsRollup"`);
  const vacuumSeconds = (performance.now() - t) / 1000;

  const input = {
    organizationId: target,
    fromUtc: new Date(FROM),
    toUtc: new Date(TO),
    groupBy: ["MONTH"] as const,
    timezone: "UTC",
  };
  const rawSql = literalSql(emissionsSql(input.groupBy), emissionsParams(input));
  const explain = execFileSync(
    "psql",
    ["-X", "-q", "-c", `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${rawSql}`, db.databaseUrl],
    { encoding: "utf8" },
  );

  const env = loadConfig(apiEnvSchema, {
    DATABASE_URL: db.databaseUrl,
    API_PORT: "0",
    LOG_LEVEL: "silent",
    NODE_ENV: "production",
    API_RATE_LIMIT_POINTS: "100000",
    // The rollup's own latency: no answer cache on the measured server (a second server measures
    // the cache, docs/adr/0084-emissions-cache.md).
    API_EMISSIONS_CACHE_SECONDS: "0",
    FINETRACE_QUEUE_PREFIX: `ft-bench-${process.pid}`,
  });
  const server = await startApiServer(env);
  const keyB = (
    await createApiKey(prisma, { organizationId: orgs[1] as string, role: "read", name: "bench" })
  ).key;

  // Clients in processes of their own (bench/http-sampler.ts): B's (and every measured) request,
  // and A's three abusive connections.
  const sampler = startSampler();
  const abuser = startSampler();
  const samples = async (url: string, bearer: string, payload: string, n: number) =>
    (await sampler.sample(url, bearer, payload, n)).samples;

  /**
   * runs(first: 50) over HTTP vs its SQL (runsPageSql) in psql; then organization B's emissions
   * MONTH alone and while 3 connections of organization A send 20 aliased year-long emissions
   * fields each in a loop (the issue's abusive request).
   */
  const extraLegs = async (url: string) => {
    const runsBody = JSON.stringify({
      query: "{ runs(first: 50) { edges { cursor node { id externalId status } } } }",
    });
    const page = runsPageSql({ organizationId: target, first: 50 });
    const runsSql = literalSql(page.sql, page.params);
    await samples(url, key, runsBody, WARMUP);
    const runsHttp: number[] = [];
    const runsPsql: number[] = [];
    for (let round = 0; round < ITERATIONS / ROUND; round++) {
      runsPsql.push(...psqlTimings(db.databaseUrl, runsSql, ROUND));
      runsHttp.push(...(await samples(url, key, runsBody, ROUND)));
    }
    const abusive = JSON.stringify({
      query: `query($from: DateTime!, $to: DateTime!) { ${Array.from(
        { length: 20 },
        (_, i) =>
          `e${i}: emissions(period: { from: $from, to: $to }, groupBy: [MONTH]) { total { runCount } }`,
      ).join(" ")} }`,
      variables: { from: FROM, to: TO },
    });
    // The neighbours leg runs on a server with a production-like budget: 3,000 points a minute
    // per key (B's 2 x 110 requests x 10 points fit; A's 200-point requests exhaust it).
    const fair = await startApiServer({ ...env, API_RATE_LIMIT_POINTS: 3000 });
    const fairUrl = fair.url;
    const n = ITERATIONS / 2;
    let abusiveRequests = 0;
    let alone: number[];
    let contended: number[];
    let seconds: number;
    try {
      await samples(fairUrl, keyB, body, 10);
      const t1 = performance.now();
      alone = await samples(fairUrl, keyB, body, n);
      // A's loops run for as long as B's alone leg took, plus a margin: B's contended samples
      // all fall inside them.
      const loopMs = Math.max(2000, 3 * (performance.now() - t1));
      const loops = abuser.loop(fairUrl, key, abusive, 3, loopMs);
      await new Promise((resolve) => setTimeout(resolve, 200));
      contended = await samples(fairUrl, keyB, body, n);
      abusiveRequests = await loops;
      seconds = loopMs / 1000;
    } finally {
      await fair.close();
    }
    const a = summary(alone);
    const c = summary(contended);
    return {
      runsFirst50: {
        organizationRuns: RUNS / 4,
        http: summary(runsHttp),
        psql: summary(runsPsql),
      },
      abusiveNeighbours: {
        organizationBAlone: a,
        organizationBWith3AbusiveConnectionsOfA: c,
        p50Ratio: Math.round((c.p50Ms / a.p50Ms) * 100) / 100,
        rateLimitPointsPerKeyPerMinute: 3000,
        abusiveRequestsPerSecond: Math.round((abusiveRequests / seconds) * 10) / 10,
      },
    };
  };
  const query = `query($from: DateTime!, $to: DateTime!) {
    emissions(period: { from: $from, to: $to }, groupBy: [MONTH]) {
      servedBy groups { key { month } figures { runCount energyKwh totalCarbonKgCo2e totalWaterLiters imputedShare } }
      total { runCount energyKwh totalCarbonKgCo2e totalWaterLiters } } }`;
  const body = JSON.stringify({ query, variables: { from: FROM, to: TO } });
  /** A round of `n` emissions requests; records servedBy and the run count answered. */
  const httpRound = async (n: number) => {
    const { samples: ms, last } = await sampler.sample(server.url, key, body, n);
    const json = last as { data: { emissions: { servedBy: string; total: { runCount: number } } } };
    servedBy = json.data.emissions.servedBy;
    httpRunCount = json.data.emissions.total.runCount;
    return ms;
  };
  let httpRunCount = 0;
  let servedBy = "";
  let extra: Awaited<ReturnType<typeof extraLegs>> | undefined;
  let overhead: Awaited<ReturnType<typeof overheadLegs>> | undefined;
  let cached: ReturnType<typeof summary> | undefined;

  /**
   * The API's fixed cost per request: `{ __typename }` (authentication, rate-limit charge, the
   * GraphQL pipeline, no resolver I/O) vs a plain Node HTTP server answering the same JSON, both
   * from the same client process.
   */
  const overheadLegs = async (url: string) => {
    const plain = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.setHeader("content-type", "application/json");
        res.end('{"data":{"__typename":"Query"}}');
      });
    });
    await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
    const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/graphql`;
    const typename = JSON.stringify({ query: "{ __typename }" });
    try {
      await samples(url, key, typename, WARMUP);
      await samples(plainUrl, key, typename, WARMUP);
      const api: number[] = [];
      const baseline: number[] = [];
      for (let round = 0; round < ITERATIONS / ROUND; round++) {
        api.push(...(await samples(url, key, typename, ROUND)));
        baseline.push(...(await samples(plainUrl, key, typename, ROUND)));
      }
      return { typenameHttp: summary(api), plainNodeHttp: summary(baseline) };
    } finally {
      plain.close();
    }
  };
  const httpSamples: number[] = [];
  const psql: number[] = [];
  try {
    await httpRound(WARMUP);
    psqlTimings(db.databaseUrl, rawSql, WARMUP);
    // Interleave rounds of 10 so that drift in machine load hits both legs alike (and the HTTP
    // connection never idles past the server's keep-alive timeout).
    for (let round = 0; round < ITERATIONS / ROUND; round++) {
      psql.push(...psqlTimings(db.databaseUrl, rawSql, ROUND));
      httpSamples.push(...(await httpRound(ROUND)));
    }
    extra = await extraLegs(server.url);
    overhead = await overheadLegs(server.url);
    // The same emissions question on a server with the answer cache on (its default lifetime).
    const cachedServer = await startApiServer({ ...env, API_EMISSIONS_CACHE_SECONDS: 60 });
    try {
      await samples(cachedServer.url, key, body, WARMUP);
      cached = summary(await samples(cachedServer.url, key, body, ITERATIONS));
    } finally {
      await cachedServer.close();
    }
  } finally {
    sampler.close();
    abuser.close();
    await server.close();
  }
  const httpStats = summary(httpSamples);
  const psqlStats = summary(psql);
  console.log(
    JSON.stringify(
      {
        runs: RUNS,
        measuredOrganizationRunsInPeriod: httpRunCount,
        generateSeconds: Math.round(generateSeconds),
        rollupBuildSeconds: Math.round(rollupSeconds),
        measuredOrganizationRollupRows: rollupRows,
        servedBy,
        vacuumAnalyzeSeconds: Math.round(vacuumSeconds),
        http: httpStats,
        psql: psqlStats,
        httpP50OverRawP50: Math.round((httpStats.p50Ms / psqlStats.p50Ms) * 100) / 100,
        httpP99OverRawP99: Math.round((httpStats.p99Ms / psqlStats.p99Ms) * 100) / 100,
        ...extra,
        ...overhead,
        emissionsWithAnswerCache: cached,
        machine: { cpus: cpus().length, loadavg: loadavg().map((x) => Math.round(x * 100) / 100) },
      },
      null,
      2,
    ),
  );
  console.log(explain);
} finally {
  await prisma.$disconnect();
  await pool.end();
  await db.drop();
}
