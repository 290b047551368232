/**
 * Scope 2 method, pure (no I/O): a run's facility energy split over the UTC hours it spans,
 * market-based allocation of contractual instruments (GHG Protocol Scope 2 Guidance, 2015,
 * ch. 6 and 7), renewable / carbon-free energy from hourly RE% / CFE%, and the retrospective
 * carbon-aware shift. METHODOLOGY.md s.10; docs/adr/0090-market-based-scope2.md.
 *
 * Energies are kWh, intensities and emission factors gCO2e/kWh, carbon kgCO2e, instants epoch
 * milliseconds (UTC). Floats: the results are rounded to NUMERIC(28, 9) when stored.
 */

const HOUR_MS = 3_600_000;
/** Remaining energies below this (kWh, a micro-watt-hour) count as zero: float subtraction dust. */
const EPSILON_KWH = 1e-9;

/** How an instrument's period matches consumption (the Guidance's "vintage" criterion). */
export type InstrumentGranularity = "HOURLY" | "MONTHLY" | "ANNUAL";

/** Order in which matching instruments are used: the most time-specific first. */
const GRANULARITY_RANK: Record<InstrumentGranularity, number> = {
  HOURLY: 0,
  MONTHLY: 1,
  ANNUAL: 2,
};

/**
 * Granularity of a validity period [fromMs, toMs) on whole UTC hours: exactly one hour ->
 * HOURLY; within one calendar month (UTC) -> MONTHLY; within one calendar year (UTC) -> ANNUAL;
 * null otherwise (not on whole hours, empty, or spanning calendar years: such an instrument is
 * rejected at input).
 */
export function instrumentGranularity(fromMs: number, toMs: number): InstrumentGranularity | null {
  if (!(toMs > fromMs) || fromMs % HOUR_MS !== 0 || toMs % HOUR_MS !== 0) return null;
  if (toMs - fromMs === HOUR_MS) return "HOURLY";
  const from = new Date(fromMs);
  const y = from.getUTCFullYear();
  if (toMs <= Date.UTC(y, from.getUTCMonth() + 1, 1)) return "MONTHLY";
  if (toMs <= Date.UTC(y + 1, 0, 1)) return "ANNUAL";
  return null;
}

/** One run as Scope 2 sees it. */
export interface Scope2Run {
  runId: string;
  /** Electricity Maps zone id (the market). */
  zone: string;
  startMs: number;
  durationHours: number;
  facilityEnergyKwh: number;
  /** The estimate's location-based operational carbon, kgCO2e (facility energy x intensity). */
  locationCarbonKgCo2e: number;
}

/** The part of a run's facility energy consumed in one UTC hour. */
export interface HourSlice {
  runId: string;
  zone: string;
  /** Hour start, UTC. */
  hourMs: number;
  energyKwh: number;
}

/**
 * Split a run's facility energy over the UTC hours it spans, in proportion to the time spent in
 * each (power assumed constant over the run): a run from 10:30 lasting 2 h puts 1/4 in 10:00,
 * 1/2 in 11:00, 1/4 in 12:00. A run of zero duration puts everything in its start hour.
 */
export function hourSlices(run: Scope2Run): HourSlice[] {
  const slices: HourSlice[] = [];
  forEachHour(run, (hourMs, share) =>
    slices.push({
      runId: run.runId,
      zone: run.zone,
      hourMs,
      energyKwh: run.facilityEnergyKwh * share,
    }),
  );
  return slices;
}

/** Calls `visit(hour start, share of the run's time in that hour)` for each hour, allocation-free. */
function forEachHour(run: Scope2Run, visit: (hourMs: number, share: number) => void): void {
  const first = Math.floor(run.startMs / HOUR_MS) * HOUR_MS;
  const durationMs = run.durationHours * HOUR_MS;
  if (!(durationMs > 0)) {
    visit(first, 1);
    return;
  }
  const endMs = run.startMs + durationMs;
  for (let h = first; h < endMs; h += HOUR_MS)
    visit(h, (Math.min(endMs, h + HOUR_MS) - Math.max(run.startMs, h)) / durationMs);
}

/** A contractual instrument (EAC, PPA, supplier-specific factor) as the allocation uses it. */
export interface Scope2Instrument {
  id: string;
  /** Zone (market) of issue: only consumption in this zone may use it. */
  zone: string;
  validFromMs: number;
  /** Exclusive. */
  validToMs: number;
  /** Volume, kWh (the instrument's MWh x 1000). */
  energyKwh: number;
  emissionFactorGPerKwh: number;
  /** Deterministic tie-break after granularity and end of validity (e.g. the certificate id). */
  sortKey: string;
}

/** Residual-mix factor of one zone and calendar year (UTC), gCO2e/kWh. */
export interface ResidualMix {
  zone: string;
  year: number;
  emissionFactorGPerKwh: number;
}

/** Market-based result of one run. */
export interface MarketBasedRun {
  runId: string;
  marketBasedCarbonKgCo2e: number;
  /** Facility energy covered by instruments, kWh. */
  instrumentEnergyKwh: number;
  /** Some uncovered energy had no residual-mix factor and was priced location-based. */
  residualMixUnavailable: boolean;
  /** Instrument id -> kWh of it applied to this run. */
  allocations: Map<string, number>;
}

/**
 * Market-based Scope 2 of a set of runs (one organization's), by the Guidance's hierarchy:
 * 1. contractual instruments matched to consumption in the same zone whose validity contains the
 *    consumption hour; each instrument's volume is used once (no double counting), hour slices in
 *    chronological order (hour, then run id), and for each slice the matching instruments in
 *    order: HOURLY, MONTHLY, ANNUAL (most time-specific first), then earliest end of validity,
 *    then `sortKey`;
 * 2. energy left uncovered at the residual-mix factor of its zone and the hour's UTC year;
 * 3. where there is none, at the run's own location-based factor (its location-based carbon x
 *    uncovered share), flagged `residualMixUnavailable` (the Guidance's hierarchy ends with grid-average factors
 *    where no residual mix is available; the report discloses it).
 * Deterministic: the same inputs in any order give the same result.
 * @returns one result per run (input order) and the kWh used of each instrument.
 */
export function allocateMarketBased(
  runs: readonly Scope2Run[],
  instruments: readonly Scope2Instrument[],
  residualMixes: readonly ResidualMix[],
): { runs: MarketBasedRun[]; instrumentUseKwh: Map<string, number> } {
  const ordered = instruments
    .map((i) => ({ ...i, rank: rankOf(i), remaining: i.energyKwh }))
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        a.validToMs - b.validToMs ||
        (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0),
    );
  const residual = new Map(residualMixes.map((r) => [`${r.zone}\u0000${r.year}`, r]));
  const results: MarketBasedRun[] = runs.map((r) => ({
    runId: r.runId,
    marketBasedCarbonKgCo2e: 0,
    instrumentEnergyKwh: 0,
    residualMixUnavailable: false,
    allocations: new Map(),
  }));
  // Rank of each run id (string order), so the chronological sort compares numbers.
  const rank = new Map(
    runs
      .map((r) => r.runId)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((id, i) => [id, i]),
  );
  const slices: { run: number; zone: string; hourMs: number; energyKwh: number; rank: number }[] =
    [];
  runs.forEach((r, run) => {
    const runRank = rank.get(r.runId) as number;
    forEachHour(r, (hourMs, share) =>
      slices.push({
        run,
        zone: r.zone,
        hourMs,
        energyKwh: r.facilityEnergyKwh * share,
        rank: runRank,
      }),
    );
  });
  slices.sort((a, b) => a.hourMs - b.hourMs || a.rank - b.rank);
  const byZone = new Map<string, typeof ordered>();
  for (const i of ordered) byZone.set(i.zone, [...(byZone.get(i.zone) ?? []), i]);
  for (const slice of slices) {
    const result = results[slice.run] as MarketBasedRun;
    const run = runs[slice.run] as Scope2Run;
    let need = slice.energyKwh;
    for (const i of byZone.get(slice.zone) ?? []) {
      if (need <= EPSILON_KWH) break;
      if (i.remaining <= EPSILON_KWH) continue;
      if (slice.hourMs < i.validFromMs || slice.hourMs >= i.validToMs) continue;
      const used = Math.min(need, i.remaining);
      i.remaining -= used;
      need -= used;
      result.instrumentEnergyKwh += used;
      result.marketBasedCarbonKgCo2e += (used * i.emissionFactorGPerKwh) / 1000;
      result.allocations.set(i.id, (result.allocations.get(i.id) ?? 0) + used);
    }
    if (need <= EPSILON_KWH) continue;
    const year = new Date(slice.hourMs).getUTCFullYear();
    const mix = residual.get(`${slice.zone}\u0000${year}`);
    if (mix) {
      result.marketBasedCarbonKgCo2e += (need * mix.emissionFactorGPerKwh) / 1000;
    } else {
      result.residualMixUnavailable = true;
      result.marketBasedCarbonKgCo2e +=
        run.facilityEnergyKwh > 0 ? (run.locationCarbonKgCo2e * need) / run.facilityEnergyKwh : 0;
    }
  }
  const instrumentUseKwh = new Map(ordered.map((i) => [i.id, i.energyKwh - i.remaining]));
  return { runs: results, instrumentUseKwh };
}

function rankOf(i: Scope2Instrument): number {
  const g = instrumentGranularity(i.validFromMs, i.validToMs);
  return g === null ? GRANULARITY_RANK.ANNUAL : GRANULARITY_RANK[g];
}

/** RE% and CFE% of one hour, 0-100 (null: the source gave none). */
export interface HourShares {
  renewablePercentage: number | null;
  carbonFreePercentage: number | null;
}

/**
 * Renewable and carbon-free energy of a run, kWh: each hour slice's energy x that hour's RE% (CFE%)
 * / 100, so hours weigh by the energy consumed in them. Hours without a value (or runs without
 * hourly data) contribute nothing: that energy counts as non-renewable / not carbon-free.
 * @param sharesAt the hour's shares for the run's zone, undefined when the hour is not stored.
 */
export function renewableEnergy(
  run: Scope2Run,
  sharesAt: (hourMs: number) => HourShares | undefined,
): { renewableEnergyKwh: number; carbonFreeEnergyKwh: number } {
  let renewableEnergyKwh = 0;
  let carbonFreeEnergyKwh = 0;
  forEachHour(run, (hourMs, share) => {
    const shares = sharesAt(hourMs);
    const energyKwh = run.facilityEnergyKwh * share;
    if (shares?.renewablePercentage != null)
      renewableEnergyKwh += (energyKwh * shares.renewablePercentage) / 100;
    if (shares?.carbonFreePercentage != null)
      carbonFreeEnergyKwh += (energyKwh * shares.carbonFreePercentage) / 100;
  });
  return { renewableEnergyKwh, carbonFreeEnergyKwh };
}

/** Result of the retrospective shift of one run. */
export interface ShiftResult {
  bestStartMs: number;
  /** Time-weighted mean intensity over the run's duration at its actual start, gCO2e/kWh. */
  actualMeanIntensityGPerKwh: number;
  /** The same at the best start. */
  bestMeanIntensityGPerKwh: number;
  /** Facility energy x best mean / 1000: what the run would have emitted, kgCO2e. */
  bestCarbonKgCo2e: number;
  /** Facility energy x (actual mean - best mean) / 1000, kgCO2e (>= 0). */
  savingKgCo2e: number;
}

/**
 * Carbon-aware shift, retrospective: among the starts actualStart + k hours, k = -W..W, the one
 * minimizing the time-weighted mean intensity over the run's duration (same weights as
 * `hourSlices`); the saving compares like with like, mean at the actual start against mean at
 * the best start (not the start-hour figure of the estimate). Ties keep the start nearest the
 * actual one (earlier first), so a flat series gives k = 0 and a saving of 0.
 * @param intensityAt intensity of an hour of the run's zone (gCO2e/kWh), undefined when missing.
 * @returns null when any hour of [start - W h, end + W h) is missing (the run is "not covered").
 */
export function bestShift(
  run: Scope2Run,
  windowHours: number,
  intensityAt: (hourMs: number) => number | undefined,
): ShiftResult | null {
  // A whole-hour offset keeps the minutes of the start, so the weights of the hours relative to
  // the first hour are the same for every offset: weights[j] is the time share of hour j.
  const firstHour = Math.floor(run.startMs / HOUR_MS) * HOUR_MS;
  const weights: number[] = [];
  forEachHour(run, (_, share) => weights.push(share));
  // Intensities of the hours firstHour - W h .. firstHour + (n - 1 + W) h; any missing: not covered.
  const series: number[] = [];
  for (let i = -windowHours; i < weights.length + windowHours; i++) {
    const ci = intensityAt(firstHour + i * HOUR_MS);
    if (ci === undefined) return null;
    series.push(ci);
  }
  const meanAt = (k: number) => {
    let sum = 0;
    for (let j = 0; j < weights.length; j++)
      sum += (weights[j] as number) * (series[j + k + windowHours] as number);
    return sum;
  };
  const actual = meanAt(0);
  let best = { k: 0, mean: actual };
  for (let distance = 1; distance <= windowHours; distance++) {
    for (const k of [-distance, distance]) {
      const mean = meanAt(k);
      if (mean < best.mean - 1e-12) best = { k, mean };
    }
  }
  return {
    bestStartMs: run.startMs + best.k * HOUR_MS,
    actualMeanIntensityGPerKwh: actual,
    bestMeanIntensityGPerKwh: best.mean,
    bestCarbonKgCo2e: (run.facilityEnergyKwh * best.mean) / 1000,
    savingKgCo2e: (run.facilityEnergyKwh * (actual - best.mean)) / 1000,
  };
}

/**
 * The additive Scope 2 columns of an Estimate (written by the Scope 2 computation, not by the
 * estimator; null until computed, summed as 0): the `emissions` aggregation sums them beside
 * `summableQuantities`.
 */
export const scope2Quantities = [
  "marketBasedCarbonKgCo2e",
  "renewableEnergyKwh",
  "carbonFreeEnergyKwh",
  "shiftSavingKgCo2e",
] as const;
export type Scope2Quantity = (typeof scope2Quantities)[number];
