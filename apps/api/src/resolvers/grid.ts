/**
 * Grid zones, grid-intensity series and grid-intensity loads (docs/adr/0060-grid-data-tenancy.md).
 * The shared hourly series is reference data every organization's runs are priced with: anyone
 * may read it, only the operator (`finetrace grid load`) writes it, never an API key. An
 * organization's admin loads its PRIVATE series (prices only its runs); it and its load records
 * are visible to that organization only.
 */
import { randomUUID } from "node:crypto";
import { mkdir, realpath, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { GridLoadRequestError, queuePrivateGridIntensityLoad } from "@finetrace/services";
import { requireRole } from "../auth.js";
import type { ApiContext } from "../context.js";
import { badInput } from "../errors.js";
import type { GridSeries, LoadGridIntensityInput, Resolvers } from "../generated/graphql.js";
import { toFloatOrNull } from "./convert.js";

/** Longest series one call returns: 400 days (9,600 hourly points). */
export const MAX_INTENSITY_SPAN_DAYS = 400;
const DAY_MS = 86_400_000;
/** Subdirectory of GRID_INTENSITY_IMPORT_DIR where uploaded CSVs are written for the worker. */
const UPLOADS_SUBDIR = "uploads";
/** "organizationId" of the shared series' hours. */
const SHARED_SERIES_ID = "00000000-0000-0000-0000-000000000000";

/** $4: the series' "organizationId" (the nil UUID or the caller's organization). */
const seriesSql = (bucket: "hour" | "day") => `
  SELECT date_trunc('${bucket}', "hourUtc", 'UTC') AS "timeUtc",
         avg("lifecycleIntensityGPerKwh")::float8 AS "lifecycleIntensityGPerKwh",
         avg("directIntensityGPerKwh")::float8 AS "directIntensityGPerKwh",
         count(*)::int AS "hourCount",
         (count(*) FILTER (WHERE "isEstimated"))::int AS "estimatedHourCount",
         CASE WHEN count(DISTINCT "source") = 1 THEN min("source") ELSE 'mixed' END AS "source"
  FROM "GridIntensityHour"
  WHERE "zoneId" = $1 AND "hourUtc" >= $2 AND "hourUtc" < $3 AND "organizationId" = $4
  GROUP BY 1
  ORDER BY 1`;

interface SeriesRow {
  timeUtc: Date;
  lifecycleIntensityGPerKwh: number;
  directIntensityGPerKwh: number;
  hourCount: number;
  estimatedHourCount: number;
  source: string;
}

/** Absolute path of `relative` inside `dir`, refusing anything that escapes it (.., symlinks). */
async function resolveInside(dir: string, relative: string): Promise<string> {
  const root = await realpath(dir);
  const candidate = path.resolve(root, relative);
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    throw badInput("input.path", "no such file in the grid-intensity import directory");
  }
  if (!real.startsWith(root + path.sep)) {
    throw badInput("input.path", "must name a file inside the grid-intensity import directory");
  }
  if (!(await stat(real)).isFile()) throw badInput("input.path", "is not a regular file");
  if (!/\.csv(\.gz)?$/i.test(real)) throw badInput("input.path", "must be a .csv or .csv.gz file");
  return real;
}

const seriesId = (series: GridSeries, { principal }: ApiContext) =>
  series === "ORGANIZATION" ? principal.organizationId : SHARED_SERIES_ID;

/**
 * Queue a load of the caller's organization's private series: the file (or the upload, written
 * under uploads/ and deleted by the worker once loaded or finally failed) is recorded as a queued
 * GridIntensityLoad of that organization, and the worker loads only what that record names.
 */
async function loadGridIntensity(
  input: LoadGridIntensityInput,
  { services, principal }: ApiContext,
): Promise<{ jobId: string; loadId: string; path: string }> {
  const dir = services.env.GRID_INTENSITY_IMPORT_DIR;
  if (!dir) {
    throw badInput(
      "input",
      "grid-intensity loads are disabled: GRID_INTENSITY_IMPORT_DIR is unset",
    );
  }
  const hasPath = input.path != null;
  const hasCsv = input.csv != null;
  if (hasPath === hasCsv) throw badInput("input", "give exactly one of `path` or `csv`");
  const zone = input.zone?.trim() || null;
  let absolute: string;
  if (input.path != null) {
    absolute = await resolveInside(dir, input.path);
  } else {
    const csv = input.csv ?? "";
    if (csv.trim().length === 0) throw badInput("input.csv", "must not be empty");
    const uploads = path.join(await realpath(dir), UPLOADS_SUBDIR);
    await mkdir(uploads, { recursive: true });
    absolute = path.join(uploads, `${randomUUID()}.csv`);
    await writeFile(absolute, csv, { encoding: "utf8", flag: "wx" });
  }
  const relative = path.relative(await realpath(dir), absolute);
  try {
    const { jobId, loadId } = await queuePrivateGridIntensityLoad(services.useCases, absolute, {
      organizationId: principal.organizationId,
      actor: principal.keyId,
      zone,
      deleteFiles: hasCsv,
    });
    return { jobId, loadId, path: relative };
  } catch (error) {
    if (error instanceof GridLoadRequestError) {
      if (hasCsv) await rm(absolute, { force: true });
      throw badInput(`input.${error.field}`, error.message.slice(error.field.length + 2));
    }
    throw error;
  }
}

export const gridResolvers: Resolvers = {
  Query: {
    gridZones: (_root, _args, { services }) =>
      services.prisma.gridZone.findMany({ orderBy: { id: "asc" } }),
    gridIntensity: async (_root, { zone, from, to, resolution, series }, context) => {
      if (from >= to) throw badInput("to", "must be after from");
      if (to.getTime() - from.getTime() > MAX_INTENSITY_SPAN_DAYS * DAY_MS) {
        throw badInput("to", `the series may span at most ${MAX_INTENSITY_SPAN_DAYS} days`);
      }
      const { rows } = await context.services.pool.query<SeriesRow>(
        seriesSql(resolution === "DAY" ? "day" : "hour"),
        [zone, from, to, seriesId(series, context)],
      );
      return rows;
    },
  },
  Mutation: {
    loadGridIntensity: (_root, { input }, context) => {
      requireRole(context.principal, "admin");
      return loadGridIntensity(input, context);
    },
  },
  GridZone: {
    annualIntensityGPerKwh: (z) => toFloatOrNull(z.annualIntensityGPerKwh),
  },
};
