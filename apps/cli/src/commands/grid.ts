/**
 * `finetrace grid load <csv...>`: COPY Electricity Maps hourly files into Postgres in one
 * transaction, with a progress bar per file (full once that file's COPY is done).
 */
import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { basename } from "node:path";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { type GridLoadResult, loadGridIntensityFiles } from "@finetrace/db";
import { MultiBar, Presets } from "cli-progress";
import { cliEnv, withPool } from "../context.js";
import { UsageError } from "../errors.js";
import type { Io } from "../program.js";

/** Data rows of a CSV (lines minus the header), decompressing `.gz`; sizes the progress bar. */
export async function countDataRows(path: string): Promise<number> {
  const file = createReadStream(path);
  const stream: Readable = path.endsWith(".gz") ? file.pipe(createGunzip()) : file;
  let newlines = 0;
  let last = 10;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    for (const byte of chunk) if (byte === 10) newlines++;
    last = chunk.at(-1) ?? last;
  }
  const lines = newlines + (last === 10 ? 0 : 1);
  return Math.max(0, lines - 1);
}

export interface GridFileSummary
  extends Omit<GridLoadResult, "rejected" | "fromHourUtc" | "toHourUtc"> {
  file: string;
  rejectedCount: number;
  /** First rejected rows (line number and reason), at most 5. */
  rejectedSample: GridLoadResult["rejected"];
  fromHourUtc: string | null;
  toHourUtc: string | null;
}

/**
 * Load all files in ONE transaction (loadGridIntensityFiles): if one file is malformed or lacks a
 * column, the error names it and nothing is written for any file.
 * @param onProgress called with (file index, rows read) when that file's COPY is done.
 */
export async function loadGridFiles(
  databaseUrlEnv: ReturnType<typeof cliEnv>,
  files: string[],
  onProgress: (fileIndex: number, rowsRead: number) => void = () => undefined,
): Promise<GridFileSummary[]> {
  return withPool(databaseUrlEnv, async (pool) => {
    const loaded = await loadGridIntensityFiles(
      pool,
      files.map((path) => ({ path })),
      { onProgress },
    );
    return loaded.files.map((result, i) => ({
      file: files[i] ?? "",
      rowsRead: result.rowsRead,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      zones: result.zones,
      rejectedCount: result.rejected.length,
      rejectedSample: result.rejected.slice(0, 5),
      fromHourUtc: result.fromHourUtc?.toISOString() ?? null,
      toHourUtc: result.toHourUtc?.toISOString() ?? null,
    }));
  });
}

export async function gridLoadCommand(
  io: Io,
  files: string[],
  options: { json?: boolean },
): Promise<void> {
  for (const file of files) {
    try {
      await access(file);
    } catch {
      throw new UsageError(`${file}: cannot read`);
    }
  }
  const env = cliEnv();
  const totals = await Promise.all(files.map(countDataRows));
  // Bars go to stderr and only on a terminal (cli-progress prints nothing otherwise).
  const bars = new MultiBar(
    {
      format: " {bar} {percentage}% | {value}/{total} rows | {file}",
      stream: process.stderr,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  const fileBars = files.map((file, i) => bars.create(totals[i] ?? 0, 0, { file: basename(file) }));
  let summaries: GridFileSummary[];
  try {
    summaries = await loadGridFiles(env, files, (i, n) => fileBars[i]?.update(n));
  } finally {
    bars.stop();
  }
  if (options.json) {
    io.out(JSON.stringify(summaries, null, 2));
    return;
  }
  for (const s of summaries) {
    io.out(
      `${basename(s.file)}: ${s.rowsRead} rows, ${s.inserted} inserted, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejectedCount} rejected (${s.zones.join(", ")}, ${s.fromHourUtc} .. ${s.toHourUtc})`,
    );
    for (const r of s.rejectedSample) io.err(`  line ${r.line}: ${r.reason}`);
  }
}
