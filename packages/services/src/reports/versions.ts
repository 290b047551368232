/**
 * Report versions, the pure part (docs/adr/0095-report-versions-and-restatements.md): the
 * fingerprint that tells whether a regeneration changed anything, the figure diff between two
 * versions, and the causes of a restatement, derived from what changed:
 *
 * - per run (the estimate of a run in one version vs the next): "new-runs", "runs-removed",
 *   "grid-data" (the intensity source, series or mean intensity changed: late or new grid
 *   data), "method-change" (another methodology version), "disclosure-change" (the provenance of
 *   the inputs changed: the disclosure or the chain rule), else "re-estimation";
 * - "market-based-inputs" when the organization changed instruments, residual-mix factors or its
 *   shift window since the previous version and Scope 2 figures changed (or, without any run
 *   change, whenever Scope 2 figures changed);
 * - without a run change: "usage-data" (reported inference counts changed the chain figures),
 *   "report-model" (the report's own model version changed), else "other".
 */
import { createHash } from "node:crypto";
import type { EstimateChangeRow, GridLoadSince } from "@finetrace/db";
import type { FigureRow, FigureValue } from "./figures.js";

/** SHA-256 (hex) of the figure rows: equal for equal figures, whatever the generation time. */
export function reportFingerprint(rows: readonly FigureRow[]): string {
  return createHash("sha256").update(JSON.stringify(rows)).digest("hex");
}

/** One figure that differs between two versions (null on the side where it is absent). */
export interface FigureChange {
  section: string;
  key: string;
  figure: string;
  unit: string;
  previous: FigureValue;
  current: FigureValue;
}

const identity = (r: FigureRow) => `${r.section}\u0000${r.key}\u0000${r.figure}`;

/** Figures added, removed or changed from `previous` to `current`, in `current`'s order then removed ones. */
export function diffFigures(
  previous: readonly FigureRow[],
  current: readonly FigureRow[],
): FigureChange[] {
  const before = new Map(previous.map((r) => [identity(r), r]));
  const changes: FigureChange[] = [];
  for (const r of current) {
    const id = identity(r);
    const p = before.get(id);
    before.delete(id);
    if (p && p.value === r.value) continue;
    changes.push({ ...pick(r), previous: p ? p.value : null, current: r.value });
  }
  for (const p of before.values()) changes.push({ ...pick(p), previous: p.value, current: null });
  return changes;
}

const pick = ({ section, key, figure, unit }: FigureRow) => ({ section, key, figure, unit });

export type RunChangeKind = "added" | "removed" | "re-estimated";

/** A run whose estimate differs between the two versions, named by its externalId. */
export interface RunChange {
  runId: string;
  externalId: string | null;
  change: RunChangeKind;
  causes: string[];
  previousEstimateId: string | null;
  estimateId: string | null;
  previousTotalCarbonKgCo2e: string | null;
  totalCarbonKgCo2e: string | null;
}

/**
 * A re-estimation that changed nothing the report sums: same inputs (provenance), method and
 * intensity, same total carbon (e.g. a run re-submitted unchanged). Left out of a diff's runs.
 */
export function isNoOpReestimation(row: EstimateChangeRow): boolean {
  return (
    row.previousEstimateId !== null &&
    row.estimateId !== null &&
    row.previousTotalCarbonKgCo2e === row.totalCarbonKgCo2e &&
    row.previousMethodologyVersion === row.methodologyVersion &&
    row.previousIntensitySource === row.intensitySource &&
    row.previousIntensitySeries === row.intensitySeries &&
    row.previousMeanIntensityGPerKwh === row.meanIntensityGPerKwh &&
    row.previousProvenanceHash === row.provenanceHash
  );
}

/** Why one run's estimate changed (see the module doc). */
export function runChange(row: EstimateChangeRow): RunChange {
  const change: RunChangeKind =
    row.previousEstimateId === null
      ? "added"
      : row.estimateId === null
        ? "removed"
        : "re-estimated";
  const causes: string[] = [];
  if (change === "added") causes.push("new-runs");
  else if (change === "removed") causes.push("runs-removed");
  else {
    if (
      row.previousIntensitySource !== row.intensitySource ||
      row.previousIntensitySeries !== row.intensitySeries ||
      Number(row.previousMeanIntensityGPerKwh) !== Number(row.meanIntensityGPerKwh)
    ) {
      causes.push("grid-data");
    }
    if (row.previousMethodologyVersion !== row.methodologyVersion) causes.push("method-change");
    if (row.previousProvenanceHash !== row.provenanceHash) causes.push("disclosure-change");
    if (causes.length === 0) causes.push("re-estimation");
  }
  return {
    runId: row.runId,
    externalId: row.externalId,
    change,
    causes,
    previousEstimateId: row.previousEstimateId,
    estimateId: row.estimateId,
    previousTotalCarbonKgCo2e: row.previousTotalCarbonKgCo2e,
    totalCarbonKgCo2e: row.totalCarbonKgCo2e,
  };
}

/** Figure sections of the Scope 2 summary (market-based, renewable, shift, instruments). */
const SCOPE2_SECTIONS = ["scope2", "shift", "instrument", "shiftRun"];

/** Figure sections a run change explains on its own. */
const RUN_SECTIONS = new Set(["total", "range90", "baseModel", "gridZone", "gpuModel", "day"]);

/** The causes of version n + 1 (sorted, unique), from its run and figure changes. */
export function versionCauses({
  runs,
  figures,
  previousModelVersion,
  modelVersion,
  scope2InputsChanged = false,
}: {
  runs: readonly RunChange[];
  figures: readonly FigureChange[];
  previousModelVersion: number | null;
  modelVersion: number;
  /** The organization changed instruments, residual-mix factors or its shift window since. */
  scope2InputsChanged?: boolean;
}): string[] {
  const causes = new Set(runs.flatMap((r) => r.causes));
  if (previousModelVersion !== modelVersion) causes.add("report-model");
  if (scope2InputsChanged && figures.some((f) => SCOPE2_SECTIONS.includes(f.section))) {
    causes.add("market-based-inputs");
  }
  if (runs.length === 0) {
    const sections = new Set(figures.map((f) => f.section));
    if (SCOPE2_SECTIONS.some((s) => sections.has(s))) {
      causes.add("market-based-inputs");
    }
    if (sections.has("chain")) causes.add("usage-data");
    if (causes.size === 0 && [...sections].some((s) => !RUN_SECTIONS.has(s))) causes.add("other");
  }
  if (causes.size === 0) causes.add("other");
  return [...causes].sort();
}

/** The machine-readable diff of version `toVersion` against `fromVersion` (stored as JSON). */
export interface ReportDiff {
  fromVersion: number;
  toVersion: number;
  previousGeneratedAt: string;
  causes: string[];
  /** Grid loads finished since the previous version whose hours overlap the month. */
  gridLoads: {
    id: string;
    series: string;
    finishedAt: string;
    fromHourUtc: string | null;
    toHourUtc: string | null;
  }[];
  runs: RunChange[];
  figures: FigureChange[];
}

/** Assemble the diff (grid loads kept only when some run's cause is grid data). */
export function buildDiff(input: {
  fromVersion: number;
  previousGeneratedAt: Date;
  runs: RunChange[];
  figures: FigureChange[];
  causes: string[];
  gridLoads: readonly GridLoadSince[];
}): ReportDiff {
  const gridCaused = input.causes.includes("grid-data");
  return {
    fromVersion: input.fromVersion,
    toVersion: input.fromVersion + 1,
    previousGeneratedAt: input.previousGeneratedAt.toISOString(),
    causes: input.causes,
    gridLoads: gridCaused
      ? input.gridLoads.map((l) => ({
          id: l.id,
          series: l.series,
          finishedAt: l.finishedAt.toISOString(),
          fromHourUtc: l.fromHourUtc?.toISOString() ?? null,
          toHourUtc: l.toHourUtc?.toISOString() ?? null,
        }))
      : [],
    runs: input.runs,
    figures: input.figures,
  };
}
