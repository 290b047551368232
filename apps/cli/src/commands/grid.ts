/**
 * `finetrace grid load <csv...>`: the operator's "load grid intensity" use case (COPY Electricity
 * Maps hourly files into the SHARED series in one transaction, then re-estimate the runs the new
 * hours change), with a progress bar per file (full once that file's COPY is done). The shared
 * series prices every organization's runs, so only this command (database credentials) writes
 * it (docs/adr/0060-grid-data-tenancy.md); `--organization` loads an organization's private
 * series instead. Every load is recorded in GridIntensityLoad (actor "cli").
 */
import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { basename } from "node:path";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import {
  CLI_ACTOR,
  type GridLoadSummary,
  loadPrivateGridIntensity,
  loadSharedGridIntensity,
} from "@finetrace/services";
import { MultiBar, Presets } from "cli-progress";
import { cliEnv, withUseCases } from "../context.js";
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

/**
 * Load all files with the "load grid intensity" use case: ONE transaction (if one file is
 * malformed or lacks a column, the error names it and nothing is written for any file), then
 * the runs that used a fallback for the loaded hours are re-estimated.
 * @param onProgress called with (file index, rows read) when that file's COPY is done.
 */
export function loadGridFiles(
  env: ReturnType<typeof cliEnv>,
  files: string[],
  onProgress: (fileIndex: number, rowsRead: number) => void = () => undefined,
  target: { organization?: string; zone?: string } = {},
): Promise<GridLoadSummary> {
  const inputs = files.map((path) => ({ path }));
  return withUseCases(env, (deps) =>
    target.organization
      ? loadPrivateGridIntensity(deps, inputs, {
          organizationId: target.organization,
          actor: CLI_ACTOR,
          zone: target.zone ?? null,
        })
      : loadSharedGridIntensity(deps, inputs, { onProgress, actor: CLI_ACTOR }),
  );
}

export async function gridLoadCommand(
  io: Io,
  files: string[],
  options: { json?: boolean; organization?: string; zone?: string },
): Promise<void> {
  if (options.zone && !options.organization)
    throw new UsageError("--zone applies to private loads: give --organization too");
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
  let summary: GridLoadSummary;
  try {
    summary = await loadGridFiles(env, files, (i, n) => fileBars[i]?.update(n), options);
  } finally {
    bars.stop();
  }
  if (options.json) {
    io.out(JSON.stringify(summary, null, 2));
    return;
  }
  for (const s of summary.files) {
    io.out(
      `${basename(s.file)}: ${s.rowsRead} rows, ${s.inserted} inserted, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejectedCount} rejected (${s.zones.join(", ")}, ${s.fromHourUtc} .. ${s.toHourUtc})`,
    );
    for (const r of s.rejectedSample.slice(0, 5)) io.err(`  line ${r.line}: ${r.reason}`);
  }
  io.out(`${summary.reestimatedRuns} run(s) priced at a fallback sent back for re-estimation`);
}
