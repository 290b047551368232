/**
 * Bench: grid-intensity loader (loadGridIntensityCsv) vs `psql \copy` of the same 15 shipped
 * .csv.gz files into a bare table (no keys, no checks), same database server, same run.
 * Each round uses a fresh database (template clone). psql runs all 15 `\copy ... from program
 * 'gzip -dc ...'` in one session; its time includes starting psql and connecting (~10-20 ms).
 * Usage: npm run bench -w packages/db
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { createPool } from "../src/client.js";
import { loadGridIntensityCsv } from "../src/grid/load.js";
import { createTestDatabase } from "../src/testing/index.js";

const dataDir = fileURLToPath(new URL("../../../data/electricitymaps-hourly/", import.meta.url));
const files = readdirSync(dataDir)
  .filter((f) => f.endsWith(".csv.gz"))
  .sort();
const rounds = 3;
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const loaderFirst: number[] = [];
const loaderReload: number[] = [];
const psqlCopy: number[] = [];
let rows = 0;
for (let round = 0; round < rounds; round++) {
  const db = await createTestDatabase();
  const pool = createPool(db.databaseUrl, { max: 1 });
  try {
    for (const times of [loaderFirst, loaderReload]) {
      rows = 0;
      const t0 = performance.now();
      for (const f of files)
        rows += (await loadGridIntensityCsv(pool, { path: dataDir + f })).rowsRead;
      times.push(performance.now() - t0);
    }
    const script = [
      "CREATE TABLE bare (dt timestamptz, country text, zone_name text, zone_id text, direct float8, lca float8, cfe float8, re float8, src text, est boolean, method text);",
      ...files.map(
        (f) => `\\copy bare from program 'gzip -dc ${dataDir}${f}' with (format csv, header true)`,
      ),
    ].join("\n");
    const t0 = performance.now();
    execFileSync("psql", ["-q", "-v", "ON_ERROR_STOP=1", db.databaseUrl], { input: script });
    psqlCopy.push(performance.now() - t0);
  } finally {
    await pool.end();
    await db.drop();
  }
}

const rate = (ms: number) => Math.round(rows / (ms / 1000));
const loaderMs = median(loaderFirst);
const copyMs = median(psqlCopy);
console.log(
  `files: ${files.length}, rows: ${rows}, rounds: ${rounds} (medians), load average: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(`loader, empty table:   ${loaderMs.toFixed(0)} ms  ${rate(loaderMs)} rows/s`);
console.log(
  `loader, reload (same): ${median(loaderReload).toFixed(0)} ms  ${rate(median(loaderReload))} rows/s`,
);
console.log(`psql \\copy, bare table: ${copyMs.toFixed(0)} ms  ${rate(copyMs)} rows/s`);
console.log(`loader / \\copy throughput: ${(copyMs / loaderMs).toFixed(2)}x`);
