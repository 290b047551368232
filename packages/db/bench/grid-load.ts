/**
 * Bench: grid-intensity loader, all 15 shipped .csv.gz files in one call
 * (loadGridIntensityFiles), vs `psql \copy` of the same files into a bare table (no keys, no
 * checks), same database server, same run; also one call per file (loadGridIntensityCsv x 15).
 *
 * Each round uses fresh databases (template clones) and runs both sides interleaved (the side
 * that goes first alternates by round), so both see the same machine load. Both sides include
 * connecting and disconnecting: the loader times creating its pg.Pool, the load(s) and
 * `pool.end()`; psql runs all 15 `\copy ... from program 'gzip -dc ...'` in one session, timed
 * from spawning psql to its exit (so it also includes starting the psql process; that overhead
 * alone, `psql -c ''`, is printed). One warm-up round is run first and not counted. The loader's reload of the same files (all unchanged) is timed
 * the same way, after its first load. Figures are medians over the rounds.
 * Usage: npm run bench -w packages/db
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { createPool } from "../src/client.js";
import { loadGridIntensityCsv, loadGridIntensityFiles } from "../src/grid/load.js";
import { createTestDatabase } from "../src/testing/index.js";

const dataDir = fileURLToPath(new URL("../../../data/electricitymaps-hourly/", import.meta.url));
const files = readdirSync(dataDir)
  .filter((f) => f.endsWith(".csv.gz"))
  .sort();
const rounds = 7;
/** Rounds run first and not counted (connection, plan and file caches warm up on both sides). */
const warmUpRounds = 1;
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** Load every file with a new pool, in one call or one call per file; returns [ms, rows read]. */
async function timeLoader(databaseUrl: string, oneCall: boolean): Promise<[number, number]> {
  const t0 = performance.now();
  const pool = createPool(databaseUrl, { max: 1 });
  pool.on("error", () => undefined); // an idle client ended by the database drop
  let rows = 0;
  if (oneCall) {
    rows = (
      await loadGridIntensityFiles(
        pool,
        files.map((f) => ({ path: dataDir + f })),
      )
    ).rowsRead;
  } else {
    for (const f of files)
      rows += (await loadGridIntensityCsv(pool, { path: dataDir + f })).rowsRead;
  }
  await pool.end();
  return [performance.now() - t0, rows];
}

function timePsql(databaseUrl: string, script: string): number {
  const t0 = performance.now();
  execFileSync("psql", ["-q", "-X", "-v", "ON_ERROR_STOP=1", databaseUrl], { input: script });
  return performance.now() - t0;
}

const copyScript = [
  "CREATE TABLE bare (dt timestamptz, country text, zone_name text, zone_id text, direct float8, lca float8, cfe float8, re float8, src text, est boolean, method text);",
  ...files.map(
    (f) => `\\copy bare from program 'gzip -dc ${dataDir}${f}' with (format csv, header true)`,
  ),
].join("\n");

console.log(`load average at start: ${load()}`);
const loaderFirst: number[] = [];
const loaderReload: number[] = [];
const perFileFirst: number[] = [];
const psqlCopy: number[] = [];
const psqlStart: number[] = [];
let rows = 0;
for (let round = 1 - warmUpRounds; round <= rounds; round++) {
  const db = await createTestDatabase();
  const perFileDb = await createTestDatabase();
  try {
    let copyMs = 0;
    let startMs = 0;
    const runPsql = () => {
      copyMs = timePsql(db.databaseUrl, copyScript);
      startMs = timePsql(db.databaseUrl, "");
    };
    if (round % 2 === 0) runPsql();
    const [firstMs, rowsRead] = await timeLoader(db.databaseUrl, true);
    const [reloadMs] = await timeLoader(db.databaseUrl, true);
    if (round % 2 !== 0) runPsql();
    const [perFileMs] = await timeLoader(perFileDb.databaseUrl, false);
    rows = rowsRead;
    const counted = round >= 1;
    if (counted) {
      loaderFirst.push(firstMs);
      loaderReload.push(reloadMs);
      perFileFirst.push(perFileMs);
      psqlCopy.push(copyMs);
      psqlStart.push(startMs);
    }
    console.log(
      `${counted ? `round ${round}` : "warm-up"}: loader ${firstMs.toFixed(0)} ms, reload ${reloadMs.toFixed(0)} ms, per-file calls ${perFileMs.toFixed(0)} ms, psql \\copy ${copyMs.toFixed(0)} ms (load ${load()})`,
    );
  } finally {
    await db.drop();
    await perFileDb.drop();
  }
}

const rate = (ms: number) => Math.round(rows / (ms / 1000));
const loaderMs = median(loaderFirst);
const reloadMs = median(loaderReload);
const copyMs = median(psqlCopy);
console.log(
  `files: ${files.length}, rows: ${rows}, rounds: ${rounds} (medians), load average at end: ${load()}`,
);
console.log(`loader, one call, empty table:   ${loaderMs.toFixed(0)} ms  ${rate(loaderMs)} rows/s`);
console.log(`loader, one call, reload (same): ${reloadMs.toFixed(0)} ms  ${rate(reloadMs)} rows/s`);
const perFileMs = median(perFileFirst);
console.log(
  `loader, 15 calls, empty table:   ${perFileMs.toFixed(0)} ms  ${rate(perFileMs)} rows/s`,
);
console.log(`psql \\copy, bare table: ${copyMs.toFixed(0)} ms  ${rate(copyMs)} rows/s`);
console.log(
  `  of which psql start + connect + exit (psql -c ''): ${median(psqlStart).toFixed(0)} ms`,
);
console.log(
  `loader / \\copy throughput: ${(copyMs / loaderMs).toFixed(2)}x (median of per-round ratios: ${median(psqlCopy.map((c, i) => c / (loaderFirst[i] ?? Number.NaN))).toFixed(2)}x)`,
);
