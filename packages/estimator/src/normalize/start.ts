/**
 * Start-time rules (METHODOLOGY.md s.2): the run's year (drives the GPU-of-the-year rule) and its
 * UTC start. A missing start time is the base model's publish date minus the reserved time
 * (Scope3 fine_tuning.mdx).
 */
import type { RunDisclosure } from "../disclosure.js";
import { InsufficientDataError } from "../errors.js";
import type { BaseModel, GpuSpec } from "../reference.js";
import { toUtc } from "../time-utc.js";
import { DISCLOSED, imputed, type ProvenanceRecord } from "./shared.js";

const MS_PER_HOUR = 3_600_000;

/** The disclosed start in UTC (`toUtc`), or null when not disclosed. */
export type DisclosedStart = { iso: string; year: number } | null;

/** The disclosed start time in canonical UTC with its year, or null. */
export function disclosedStart(d: RunDisclosure): DisclosedStart {
  return d.startTime !== undefined ? toUtc(d.startTime) : null;
}

/**
 * Year of the run: of the disclosed start (UTC), else of the base model's publish date.
 * @throws InsufficientDataError("startTime") when neither is known.
 */
export function resolveYear(
  d: RunDisclosure,
  start: DisclosedStart,
  baseModel: BaseModel | undefined,
): number {
  if (start !== null) return start.year;
  if (baseModel) return Number(baseModel.publishedDate.slice(0, 4));
  throw new InsufficientDataError(
    "startTime",
    `no start time, and the base model "${d.baseModel}" has no known publish date to impute it from; disclose startTime`,
  );
}

/**
 * UTC start of the reservation, ISO 8601 with `Z`: the disclosed one, else the base model's
 * publish date (00:00 UTC) minus `reservedDurationHours`, but never before 1 January of the
 * GPU's release year (a run cannot precede its hardware: the rule is then "bounded by GPU
 * release" in provenance). `baseModel` is known when `start` is null (`resolveYear` threw
 * otherwise).
 */
export function resolveStartTimeUtc(
  start: DisclosedStart,
  baseModel: BaseModel | undefined,
  reservedDurationHours: number,
  gpu: Pick<GpuSpec, "id" | "releaseYear">,
  prov: ProvenanceRecord,
): string {
  if (start !== null) {
    prov.startTime = DISCLOSED;
    return start.iso;
  }
  const published = Date.parse(`${baseModel?.publishedDate}T00:00:00Z`);
  const fromPublishMs = published - reservedDurationHours * MS_PER_HOUR;
  const releaseMs =
    gpu.releaseYear === null ? Number.NEGATIVE_INFINITY : Date.UTC(gpu.releaseYear, 0, 1);
  const source = `Scope3 fine_tuning.mdx: published model date minus total reserved time; ${baseModel?.source}`;
  if (fromPublishMs >= releaseMs) {
    const startTimeUtc = new Date(fromPublishMs).toISOString();
    prov.startTime = imputed("publish-date-minus-duration", source, startTimeUtc);
    return startTimeUtc;
  }
  const startTimeUtc = new Date(releaseMs).toISOString();
  prov.startTime = imputed(
    "publish-date-minus-duration-bounded-by-gpu-release",
    `${source}; bounded below by 1 January of the ${gpu.id}'s release year ${gpu.releaseYear} (catalogue, packages/estimator/data/hardware.json)`,
    startTimeUtc,
  );
  return startTimeUtc;
}
