/**
 * Validation of the estimator's energy and its 90 % intervals against measured runs
 * (`measured-runs.csv`, README.md here; method and results in docs/VALIDATION.md).
 *
 *   npx tsx packages/estimator/validation/validate.ts [--write]
 *
 * For every measured run it builds the disclosure a user would have (GPU name as logged, GPU
 * count, reserved hours = the logged duration, country when known; never the measured energy),
 * estimates it, and compares the estimate with the measurement, like with like:
 * - "it": the estimate's IT energy vs the logged total (CodeCarbon: GPU + CPU + RAM); for rows
 *   whose measurement is GPU-only (`energy_scope=gpu`, Dodge et al. 2022) the estimate's GPU part.
 * - "gpu": the estimate's GPU part, gpus x (P_idle + u x (TDP - P_idle)) x hours, vs the measured
 *   GPU energy (NVML / Azure telemetry: the only part of a CodeCarbon total that is measured).
 * PUE is disclosed as 1 so `bounds.facilityEnergyKwh` is the interval of IT energy.
 *
 * Calibration (`calibration` split only): the GPU utilization u* at which the source-weighted
 * median of ln(measured / estimated) is 0, and the source-weighted 5th / 95th percentiles of that
 * log ratio at the default, with utilization imputed and disclosed (src/uncertainty.ts holds the
 * values; this script says when they are stale). Evaluation (`holdout` split): coverage of the
 * 90 % interval, median width high / low, median absolute error and median error (bias).
 * Statistics are given weighted by source (each source weighs 1, shared by its rows) and by row.
 * Second holdout (`measured-runs-holdout2.csv`, split `holdout2`, gathered 2026-12-08 after the
 * power model and its spreads were fixed), when that file exists: its rows get the same exclusion
 * rules, the same disclosure and the same evaluation as the holdout, with the spreads already in
 * src/uncertainty.ts; they never enter the calibration, and every figure of the other splits is
 * the same with or without the file (results.json gains keys only).
 * `--write` writes validation/results.json.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import countries from "i18n-iso-countries";
import { defaultGpuUtilizationFraction } from "../src/constants.js";
import { parseDisclosure } from "../src/disclosure.js";
import { estimateNormalized } from "../src/estimate.js";
import { lookupGpuName } from "../src/gpu-names.js";
import { normalizeDisclosure } from "../src/normalize.js";
import { clusterItPowerWatts } from "../src/power.js";
import { findCountry, getGpuById, getServerById } from "../src/reference.js";
import type { NormalizedRun } from "../src/types.js";
import { ENERGY_MODEL_SPREAD, Z90 } from "../src/uncertainty.js";

const here = dirname(fileURLToPath(import.meta.url));
type Row = Record<string, string>;
const rows: Row[] = parse(readFileSync(join(here, "measured-runs.csv"), "utf8"), {
  columns: true,
  skip_empty_lines: true,
});
/** The second holdout: evaluation only (empty when the file is absent). */
const holdout2File = join(here, "measured-runs-holdout2.csv");
const rows2: Row[] = existsSync(holdout2File)
  ? parse(readFileSync(holdout2File, "utf8"), { columns: true, skip_empty_lines: true })
  : [];

// ---------------------------------------------------------------- exclusion rules
/**
 * Exclusion rules, applied in this order (the first that matches names the row's reason):
 * 1. gpu-unresolved: `lookupGpuName` does not resolve the logged name.
 * 2. mixed-gpu-host: CodeCarbon concatenated two different GPUs ("1 x A1 x B"): one catalogue model
 *    and one count cannot describe the host.
 * 3. apple-soc: Apple M-series, measured with powermetrics (GPU die only) while the catalogue's
 *    "TDP" of a SoC is the whole system's maximum power: not like with like.
 * 4. gpu-energy-invalid: measured GPU energy missing or <= 0 (NVML counter reset / wrap).
 * 5. non-gpu-workload (logged utilization): CodeCarbon 3.2 logged a mean GPU utilization < 5 %:
 *    the job ran on the CPU (scikit-learn benchmarks, CPU training) with a GPU present.
 * 6. below-gpu-idle-floor: the measured mean GPU power per GPU is below the catalogue's idle power
 *    (0.116 x TDP), the floor of the power model: the GPU idled or slept while the CPU worked. This
 *    rule looks at the measurement, so it is reported separately and the evaluation is also
 *    given with these rows kept ("incl. idle-floor rows").
 */
type Exclusion =
  | "gpu-unresolved"
  | "mixed-gpu-host"
  | "apple-soc"
  | "gpu-energy-invalid"
  | "non-gpu-workload"
  | "below-gpu-idle-floor";

function num(s: string | undefined): number | null {
  if (s === undefined || s.trim() === "") return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function exclusionOf(r: Row): Exclusion | null {
  const name = r.gpu_model_raw ?? "";
  const hit = lookupGpuName(name);
  if (!hit.ok) return "gpu-unresolved";
  if (hit.provenance.status === "imputed" && hit.provenance.rule === "gpu-mixed-host")
    return "mixed-gpu-host";
  if (hit.gpu.formFactor === "soc" || r.gpu_energy_method === "apple_powermetrics")
    return "apple-soc";
  const gpuKwh = num(r.gpu_energy_kwh);
  if (gpuKwh === null || gpuKwh <= 0) return "gpu-energy-invalid";
  const u = num(r.gpu_utilization_fraction);
  if (u !== null && u < 0.05) return "non-gpu-workload";
  const count = num(r.gpu_count) ?? hit.count ?? 1;
  const hours = num(r.duration_hours) ?? 0;
  const wattsPerGpu = (gpuKwh * 1000) / hours / count;
  if (wattsPerGpu < hit.gpu.idlePowerWatts) return "below-gpu-idle-floor";
  return null;
}

// ---------------------------------------------------------------- disclosure and estimate
function countryOf(r: Row): string | undefined {
  const iso3 = r.country_iso_code?.trim();
  if (!iso3) return undefined;
  const iso2 = countries.alpha3ToAlpha2(iso3);
  return iso2 && findCountry(iso2) ? iso2 : undefined;
}

function startOf(r: Row, hours: number): string {
  const ts = r.timestamp?.trim();
  const endMs = ts ? Date.parse(`${ts.slice(0, 19)}Z`) : Number.NaN;
  const end = Number.isNaN(endMs) ? Date.UTC(2022, 0, 1) : endMs;
  return new Date(end - hours * 3_600_000).toISOString();
}

interface Compared {
  row: Row;
  source: string;
  split: string;
  exclusion: Exclusion | null;
  utilizationLogged: boolean;
  /** Measured energy compared with the estimate's IT energy (or GPU part for GPU-scope rows). */
  measuredKwh: number;
  measuredGpuKwh: number;
  /** Estimate with utilization imputed, then with the logged utilization disclosed (or null). */
  imputed: Estimated;
  disclosed: Estimated | null;
}

interface Estimated {
  /** IT energy (or GPU part for GPU-scope rows), kWh, and its 90 % interval. */
  kwh: number;
  low: number;
  high: number;
  gpuKwh: number;
  gpuLow: number;
  gpuHigh: number;
  /** IT energy at u = 0 and u = 1 (GPU-scope rows: GPU part), for the calibration of u. */
  at0: number;
  at1: number;
  gpuAt0: number;
  gpuAt1: number;
}

function gpuPartKwh(run: NormalizedRun, u: number): number {
  const gpu = getGpuById(run.gpuModel);
  if (!gpu) throw new Error(run.gpuModel);
  return (
    (run.gpuCount *
      (gpu.idlePowerWatts + u * (gpu.tdpWatts - gpu.idlePowerWatts)) *
      run.reservedDurationHours) /
    1000
  );
}

function itKwhAt(run: NormalizedRun, u: number): number {
  const gpu = getGpuById(run.gpuModel);
  const server = getServerById(run.serverModel);
  if (!gpu || !server) throw new Error(run.gpuModel);
  const watts = clusterItPowerWatts({
    gpu,
    server,
    gpuCount: run.gpuCount,
    serverCount: run.serverCount,
    cpuCount: run.cpuCount,
    gpuUtilizationFraction: u,
    cpuUtilizationFraction: run.cpuUtilizationFraction,
  });
  return (watts * run.reservedDurationHours) / 1000;
}

function estimateRow(r: Row, utilization: number | null, gpuScope: boolean): Estimated {
  const hours = num(r.duration_hours) as number;
  const raw: Record<string, unknown> = {
    baseModel: r.project_name?.trim() || "unknown",
    gpuModel: r.gpu_model_raw,
    reservedDurationHours: hours,
    startTime: startOf(r, hours),
    pue: 1,
  };
  const gpuCount = num(r.gpu_count);
  if (gpuCount !== null) raw.gpuCount = gpuCount;
  const country = countryOf(r);
  if (country) raw.countryCode = country;
  if (utilization !== null) raw.gpuUtilizationFraction = utilization;
  const run = normalizeDisclosure(parseDisclosure(raw));
  const e = estimateNormalized(run, null);
  const b = e.bounds.facilityEnergyKwh;
  const gpuKwh = gpuPartKwh(run, run.gpuUtilizationFraction);
  const lowF = b.low / e.itEnergyKwh;
  const highF = b.high / e.itEnergyKwh;
  const kwh = gpuScope ? gpuKwh : e.itEnergyKwh;
  return {
    kwh,
    low: kwh * lowF,
    high: kwh * highF,
    gpuKwh,
    gpuLow: gpuKwh * lowF,
    gpuHigh: gpuKwh * highF,
    at0: gpuScope ? gpuPartKwh(run, 0) : itKwhAt(run, 0),
    at1: gpuScope ? gpuPartKwh(run, 1) : itKwhAt(run, 1),
    gpuAt0: gpuPartKwh(run, 0),
    gpuAt1: gpuPartKwh(run, 1),
  };
}

function compare(r: Row, exclusion: Exclusion | null): Compared {
  const gpuScope = r.energy_scope === "gpu";
  const u = num(r.gpu_utilization_fraction);
  return {
    row: r,
    source: r.source_id as string,
    split: r.split as string,
    exclusion,
    utilizationLogged: u !== null,
    measuredKwh: num(r.energy_kwh) as number,
    measuredGpuKwh: num(r.gpu_energy_kwh) as number,
    imputed: estimateRow(r, null, gpuScope),
    disclosed: u !== null ? estimateRow(r, Math.min(1, u), gpuScope) : null,
  };
}

const compared: Compared[] = [];
const exclusionCounts = new Map<
  string,
  { rows: number; calibration: number; holdout: number; holdout2?: number }
>();
for (const r of rows) {
  const exclusion = exclusionOf(r);
  const key = exclusion ?? "kept";
  const c = exclusionCounts.get(key) ?? { rows: 0, calibration: 0, holdout: 0 };
  c.rows++;
  if (r.split === "holdout") c.holdout++;
  else c.calibration++;
  exclusionCounts.set(key, c);
  if (exclusion !== null && exclusion !== "below-gpu-idle-floor") continue;
  compared.push(compare(r, exclusion));
}

// Second holdout: same rules, same disclosure; counted in its own column ("rows" stays the rows
// of measured-runs.csv) and kept apart from `compared`, so nothing above or below changes.
const compared2: Compared[] = [];
const exclusionsHoldout2BySource = new Map<string, Record<string, number>>();
for (const r of rows2) {
  const exclusion = exclusionOf(r);
  const key = exclusion ?? "kept";
  const c = exclusionCounts.get(key) ?? { rows: 0, calibration: 0, holdout: 0 };
  c.holdout2 = (c.holdout2 ?? 0) + 1;
  exclusionCounts.set(key, c);
  const bySource = exclusionsHoldout2BySource.get(r.source_id as string) ?? {};
  bySource[key] = (bySource[key] ?? 0) + 1;
  exclusionsHoldout2BySource.set(r.source_id as string, bySource);
  if (exclusion !== null && exclusion !== "below-gpu-idle-floor") continue;
  compared2.push(compare(r, exclusion));
}
if (rows2.length > 0) for (const c of exclusionCounts.values()) c.holdout2 ??= 0;

// ---------------------------------------------------------------- weighted statistics
interface Point {
  value: number;
  weight: number;
}

/** Weights: "source" (each source sums to 1) or "row" (each row 1). */
type Weighting = "source" | "row";

function weighted<T extends { source: string }>(
  items: T[],
  w: Weighting,
  value: (t: T) => number,
): Point[] {
  const perSource = new Map<string, number>();
  for (const t of items) perSource.set(t.source, (perSource.get(t.source) ?? 0) + 1);
  return items.map((t) => ({
    value: value(t),
    weight: w === "row" ? 1 : 1 / (perSource.get(t.source) as number),
  }));
}

/** Weighted quantile (lower: the smallest value whose cumulative weight reaches q). */
function quantile(points: Point[], q: number): number {
  const sorted = [...points].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, p) => s + p.weight, 0);
  let acc = 0;
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i] as Point;
    const next = acc + p.weight;
    if (next >= q * total - 1e-12) {
      // interpolate between this and the next value at the weight midpoints
      const nextPoint = sorted[i + 1];
      if (nextPoint && Math.abs(next - q * total) < 1e-12) return (p.value + nextPoint.value) / 2;
      return p.value;
    }
    acc = next;
  }
  return (sorted[sorted.length - 1] as Point).value;
}

function mean(points: Point[]): number {
  const total = points.reduce((s, p) => s + p.weight, 0);
  return points.reduce((s, p) => s + p.value * p.weight, 0) / total;
}

// ---------------------------------------------------------------- calibration
type Pick = "it" | "gpu";
const estOf = (e: Estimated, pick: Pick) =>
  pick === "it"
    ? { kwh: e.kwh, low: e.low, high: e.high, at0: e.at0, at1: e.at1 }
    : { kwh: e.gpuKwh, low: e.gpuLow, high: e.gpuHigh, at0: e.gpuAt0, at1: e.gpuAt1 };
const measOf = (c: Compared, pick: Pick) => (pick === "it" ? c.measuredKwh : c.measuredGpuKwh);

/** The u at which the weighted median of ln(measured / E(u)) is 0 (bisection; E linear in u). */
function calibratedUtilization(items: Compared[], pick: Pick, w: Weighting): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    const med = quantile(
      weighted(items, w, (c) => {
        const e = estOf(c.imputed, pick);
        return Math.log(measOf(c, pick) / (e.at0 + mid * (e.at1 - e.at0)));
      }),
      0.5,
    );
    if (med > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function logRatios(items: Compared[], pick: Pick, w: Weighting, which: "imputed" | "disclosed") {
  const use = items.filter((c) => which === "imputed" || c.disclosed !== null);
  return weighted(use, w, (c) => {
    const e = estOf(which === "imputed" ? c.imputed : (c.disclosed as Estimated), pick);
    return Math.log(measOf(c, pick) / e.kwh);
  });
}

function spreadSummary(points: Point[]) {
  return {
    n: points.length,
    medianLogRatio: quantile(points, 0.5),
    p05LogRatio: quantile(points, 0.05),
    p95LogRatio: quantile(points, 0.95),
  };
}

// ---------------------------------------------------------------- evaluation
function evaluate(items: Compared[], pick: Pick, w: Weighting, which: "imputed" | "disclosed") {
  const use = items.filter((c) => which === "imputed" || c.disclosed !== null);
  const e = (c: Compared) =>
    estOf(which === "imputed" ? c.imputed : (c.disclosed as Estimated), pick);
  const err = weighted(use, w, (c) => e(c).kwh / measOf(c, pick) - 1);
  const cover = weighted(use, w, (c) => {
    const m = measOf(c, pick);
    const x = e(c);
    return x.low <= m && m <= x.high ? 1 : 0;
  });
  const below = weighted(use, w, (c) => (measOf(c, pick) < e(c).low ? 1 : 0));
  const width = weighted(use, w, (c) => e(c).high / e(c).low);
  const absErr = err.map((p) => ({ value: Math.abs(p.value), weight: p.weight }));
  return {
    rows: use.length,
    sources: new Set(use.map((c) => c.source)).size,
    coverage90: mean(cover),
    measuredBelowLow: mean(below),
    medianWidthHighOverLow: quantile(width, 0.5),
    medianAbsError: quantile(absErr, 0.5),
    p90AbsError: quantile(absErr, 0.9),
    medianError: quantile(err, 0.5),
    meanLogRatio: mean(weighted(use, w, (c) => Math.log(measOf(c, pick) / e(c).kwh))),
  };
}

const kept = compared.filter((c) => c.exclusion === null);
const cal = kept.filter((c) => c.split === "calibration");
const hold = kept.filter((c) => c.split === "holdout");
const holdWithIdle = compared.filter((c) => c.split === "holdout");
const calWithIdle = compared.filter((c) => c.split === "calibration");

const weightings: Weighting[] = ["source", "row"];
const picks: Pick[] = ["it", "gpu"];
const calibration: Record<string, unknown> = {};
for (const pick of picks)
  for (const w of weightings) {
    calibration[`${pick}/${w}`] = {
      calibratedGpuUtilization: calibratedUtilization(cal, pick, w),
      imputed: spreadSummary(logRatios(cal, pick, w, "imputed")),
      disclosed: spreadSummary(logRatios(cal, pick, w, "disclosed")),
      imputedInclIdleFloorRows: spreadSummary(logRatios(calWithIdle, pick, w, "imputed")),
    };
  }

/** Bootstrap over calibration sources (1000 resamples, fixed seed): 90 % range of u* and spreads. */
function bootstrap(pick: Pick) {
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  const sources = [...new Set(cal.map((c) => c.source))];
  const bySource = new Map(sources.map((s) => [s, cal.filter((c) => c.source === s)]));
  const us: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const sample: Compared[] = [];
    for (let k = 0; k < sources.length; k++) {
      const s = sources[Math.floor(rand() * sources.length)] as string;
      // relabel so a source drawn twice counts as two sources
      for (const c of bySource.get(s) as Compared[]) sample.push({ ...c, source: `${s}#${k}` });
    }
    us.push(calibratedUtilization(sample, pick, "source"));
  }
  us.sort((a, b) => a - b);
  return { u05: us[50], u50: us[500], u95: us[950] };
}
calibration.bootstrapGpuSource = bootstrap("gpu");

const fitted = calibration["gpu/source"] as {
  imputed: { p05LogRatio: number; p95LogRatio: number };
  disclosed: { p05LogRatio: number; p95LogRatio: number };
};
const stale = (a: number, b: number) => Math.abs(a - b) > 0.01;
if (
  stale(ENERGY_MODEL_SPREAD.gpuUtilizationImputed.lo, -fitted.imputed.p05LogRatio) ||
  stale(ENERGY_MODEL_SPREAD.gpuUtilizationImputed.hi, fitted.imputed.p95LogRatio) ||
  stale(ENERGY_MODEL_SPREAD.gpuUtilizationDisclosed.lo, -fitted.disclosed.p05LogRatio) ||
  stale(ENERGY_MODEL_SPREAD.gpuUtilizationDisclosed.hi, fitted.disclosed.p95LogRatio)
)
  console.error(
    "warning: ENERGY_MODEL_SPREAD in src/uncertainty.ts differs from this calibration (gpu/source): update it",
  );

const evaluation: Record<string, unknown> = {};
/** Every comparison and weighting of each named set, into `evaluation["<name> | <pick> | <w>"]`. */
function evaluateSets(sets: readonly (readonly [string, Compared[]])[]): void {
  for (const [name, set] of sets)
    for (const pick of picks)
      for (const w of weightings) {
        evaluation[`${name} | ${pick} | ${w}`] = {
          imputed: evaluate(set, pick, w, "imputed"),
          disclosed: set.some((c) => c.disclosed) ? evaluate(set, pick, w, "disclosed") : null,
        };
      }
}
evaluateSets([
  ["holdout", hold],
  ["holdout incl. idle-floor rows", holdWithIdle],
  ["calibration (in-sample)", cal],
]);

// Second holdout, evaluated with the spreads fitted above (src/uncertainty.ts); nothing re-fitted.
const hold2 = compared2.filter((c) => c.exclusion === null);
if (rows2.length > 0) {
  evaluateSets([
    ["holdout2", hold2],
    ["holdout2 incl. idle-floor rows", compared2],
  ]);
}

const perSourceOf = (list: Compared[]) =>
  [...new Set(list.map((c) => c.source))].map((s) => {
    const items = list.filter((c) => c.source === s);
    const lr = items.map((c) => Math.log(c.measuredKwh / c.imputed.kwh)).sort((a, b) => a - b);
    const lrGpu = items
      .map((c) => Math.log(c.measuredGpuKwh / c.imputed.gpuKwh))
      .sort((a, b) => a - b);
    return {
      source: s,
      split: items[0]?.split,
      gpu: [...new Set(items.map((c) => c.row.gpu_model_raw))].join("; "),
      rows: items.length,
      medianRatioIt: Math.exp(lr[Math.floor(lr.length / 2)] as number),
      medianRatioGpu: Math.exp(lrGpu[Math.floor(lrGpu.length / 2)] as number),
      covered: items.filter(
        (c) => c.imputed.low <= c.measuredKwh && c.measuredKwh <= c.imputed.high,
      ).length,
    };
  });
const perSource = perSourceOf(kept);

/** The second holdout's data and per-source figures (only when measured-runs-holdout2.csv exists). */
const holdout2 =
  rows2.length > 0
    ? {
        holdout2: {
          file: "measured-runs-holdout2.csv",
          gathered: "2026-12-08, after the power model and its 90 % intervals were fixed",
          rows: rows2.length,
          sources: new Set(rows2.map((r) => r.source_id)).size,
          kept: hold2.length,
          keptSources: new Set(hold2.map((c) => c.source)).size,
          exclusionsBySource: Object.fromEntries(exclusionsHoldout2BySource),
          perSource: perSourceOf(hold2).map((p) => {
            const items = hold2.filter((c) => c.source === p.source);
            const disclosed = items.filter((c) => c.disclosed !== null);
            const lr = disclosed
              .map((c) => Math.log(c.measuredGpuKwh / (c.disclosed as Estimated).gpuKwh))
              .sort((a, b) => a - b);
            return {
              ...p,
              coveredGpu: items.filter(
                (c) =>
                  c.imputed.gpuLow <= c.measuredGpuKwh && c.measuredGpuKwh <= c.imputed.gpuHigh,
              ).length,
              rowsUtilizationLogged: disclosed.length,
              medianRatioGpuDisclosed:
                lr.length > 0 ? Math.exp(lr[Math.floor(lr.length / 2)] as number) : null,
              coveredGpuDisclosed: disclosed.filter((c) => {
                const d = c.disclosed as Estimated;
                return d.gpuLow <= c.measuredGpuKwh && c.measuredGpuKwh <= d.gpuHigh;
              }).length,
            };
          }),
          /**
           * For reading only, never used by the estimator: the u at which each out-of-sample set's
           * source-weighted median of ln(measured GPU / estimated GPU) would be 0, to set against
           * the calibration's bootstrap range of u* (calibration.bootstrapGpuSource).
           */
          diagnosticImpliedGpuUtilization: {
            holdout: calibratedUtilization(hold, "gpu", "source"),
            holdout2: calibratedUtilization(hold2, "gpu", "source"),
          },
        },
      }
    : {};

const result = {
  rows: rows.length,
  exclusions: Object.fromEntries(exclusionCounts),
  defaultGpuUtilizationFraction,
  energyModelSpread: ENERGY_MODEL_SPREAD,
  z90: Z90,
  calibration,
  evaluation,
  perSource,
  ...holdout2,
};

console.log(JSON.stringify(result, null, 2));
if (process.argv.includes("--write"))
  writeFileSync(join(here, "results.json"), `${JSON.stringify(result, null, 2)}\n`);
