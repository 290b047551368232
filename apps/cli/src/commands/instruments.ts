/**
 * `finetrace instruments import <csv> --organization <slug>` and
 * `finetrace residual-mix import <csv> --organization <slug>`: read the CSV (csv-parse), hand
 * the records to the Scope 2 use cases (packages/services/src/scope2/instruments.ts: one home for
 * the rules; all or nothing) and recompute the organization's Scope 2 results in the same call.
 *
 * Instruments CSV columns: kind,gridZone,validFrom,validTo,energyMwh,emissionFactorGPerKwh,certificateId
 * (kind GO | REC | I-REC | PPA | SUPPLIER_SPECIFIC; validFrom/validTo ISO 8601 whole UTC hours,
 * validTo exclusive). Residual-mix CSV columns: gridZone,year,emissionFactorGPerKwh,source.
 */
import { readFile } from "node:fs/promises";
import { recordInstruments, recordResidualMixFactors, Scope2InputError } from "@finetrace/services";
import { parse as parseCsv } from "csv-parse/sync";
import { cliEnv, organizationBySlug, withPool, withPrisma } from "../context.js";
import { UsageError } from "../errors.js";
import type { Io } from "../program.js";

export const instrumentColumns = [
  "kind",
  "gridZone",
  "validFrom",
  "validTo",
  "energyMwh",
  "emissionFactorGPerKwh",
  "certificateId",
] as const;
export const residualMixColumns = ["gridZone", "year", "emissionFactorGPerKwh", "source"] as const;

/**
 * The CSV's records, checked for the required columns (`source` of residual mixes is optional).
 * @throws UsageError naming the file when it is unreadable, not CSV, or lacks a column.
 */
export async function readRecords(
  file: string,
  required: readonly string[],
): Promise<Record<string, string>[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new UsageError(`${file}: cannot read`);
  }
  let records: Record<string, string>[];
  try {
    records = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new UsageError(`${file}: not valid CSV (${(error as Error).message})`);
  }
  const header = Object.keys(records[0] ?? {});
  const missing = required.filter((c) => !header.includes(c));
  if (records.length > 0 && missing.length > 0)
    throw new UsageError(`${file}: missing column(s) ${missing.join(", ")}`);
  return records;
}

/** A use case's field error as the file's line: `instruments[3].energyMwh` -> line 5 energyMwh. */
function asLineError(file: string, error: unknown): never {
  if (!(error instanceof Scope2InputError)) throw error;
  const m = /^\w+\[(\d+)\]\.?(.*)$/.exec(error.field);
  const where = m ? `line ${Number(m[1]) + 2}${m[2] ? ` ${m[2]}` : ""}` : error.field;
  throw new UsageError(`${file}: ${where}: ${error.problem} (nothing was recorded)`);
}

async function organizationId(slug: string): Promise<string> {
  return withPrisma(cliEnv(), async (prisma) => (await organizationBySlug(prisma, slug)).id).catch(
    (error) => {
      if (!(error instanceof UsageError)) throw error;
      throw new UsageError(error.message.replace(/^--org:/, "--organization:"));
    },
  );
}

export async function instrumentsImportCommand(
  io: Io,
  file: string,
  options: { organization: string; json?: boolean },
): Promise<void> {
  const records = await readRecords(file, instrumentColumns);
  const orgId = await organizationId(options.organization);
  const items = records.map((r) => ({
    kind: r.kind,
    gridZone: r.gridZone,
    validFromUtc: r.validFrom,
    validToUtc: r.validTo,
    energyMwh: r.energyMwh,
    emissionFactorGPerKwh: r.emissionFactorGPerKwh,
    certificateId: r.certificateId,
  }));
  const stored = await withPool(cliEnv(), (pool) =>
    recordInstruments(pool, orgId, items, { now: true }).catch((e) => asLineError(file, e)),
  );
  if (options.json)
    io.out(JSON.stringify({ organization: options.organization, instruments: stored }));
  else
    io.out(
      `${stored.length} instrument(s) recorded for ${options.organization}; Scope 2 results recomputed`,
    );
}

export async function residualMixImportCommand(
  io: Io,
  file: string,
  options: { organization: string; json?: boolean },
): Promise<void> {
  const records = await readRecords(file, residualMixColumns.slice(0, 3));
  const orgId = await organizationId(options.organization);
  const items = records.map((r) => ({
    gridZone: r.gridZone,
    year: r.year,
    emissionFactorGPerKwh: r.emissionFactorGPerKwh,
    source: r.source,
  }));
  const stored = await withPool(cliEnv(), (pool) =>
    recordResidualMixFactors(pool, orgId, items, { now: true }).catch((e) => asLineError(file, e)),
  );
  if (options.json) io.out(JSON.stringify({ organization: options.organization, factors: stored }));
  else
    io.out(
      `${stored.length} residual-mix factor(s) recorded for ${options.organization}; Scope 2 results recomputed`,
    );
}
