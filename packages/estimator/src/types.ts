/**
 * Shapes shared by normalization and estimation. Units are in every numeric name.
 */
import type { summableQuantities } from "./constants.js";
import type { CloudProvider, EstimationMethod, FineTuningMethod } from "./disclosure.js";

/** Where a normalized value came from. */
export type Provenance =
  | { status: "disclosed" }
  | {
      status: "imputed";
      /** Stable machine name of the normalization rule, e.g. "gpu-model-of-year". */
      rule: string;
      /** Human-readable source of the value: dataset, paper or METHODOLOGY.md section. */
      source: string;
      /** The imputed value (as stored in the normalized run). */
      value: string | number | boolean;
    };

/** A disclosure with every field the method needs filled in (METHODOLOGY.md s.2). */
export interface NormalizedRun {
  baseModel: string;
  /** Parameters of the base model (count); null when neither disclosed nor known for the base model. */
  baseModelParameterCount: number | null;
  fineTuningMethod: FineTuningMethod;
  /** Estimation method (METHODOLOGY.md s.8): the disclosed one, else "finetrace". */
  method: EstimationMethod;
  /** UTC start of the reservation, ISO 8601 with `Z`. */
  startTimeUtc: string;
  reservedDurationHours: number;
  gpuUtilizationFraction: number;
  cpuUtilizationFraction: number;
  tokensIncludingPadding: number | null;
  measuredEnergyKwh: number | null;
  managedService: string | null;
  cloudProvider: CloudProvider | null;
  cloudRegion: string | null;
  /** Electricity Maps zone id used for grid carbon intensity. */
  gridZone: string;
  /** ISO 3166-1 alpha-2 country of the datacenter. */
  countryCode: string;
  /** Canonical GPU id from the reference data, e.g. "A100-SXM4-80GB". */
  gpuModel: string;
  serverModel: string;
  gpuCount: number;
  serverCount: number;
  /** CPU sockets in the cluster (count), from the server model. */
  cpuCount: number;
  pue: number;
  wueLitersPerKwh: number;
  /** Electricity water intensity factor of the grid, L per kWh drawn (Li et al. 2023). */
  ewifLitersPerKwh: number;
  useLifeDays: number;
  inferencesPerDay: number;
  chainId: string | null;
  /**
   * Provenance of every disclosure field that has a value here (disclosed or imputed), plus
   * `ewifLitersPerKwh` (always imputed from the country). Optional fields left empty and not
   * needed by the method (e.g. `chainId`, `measuredEnergyKwh`, `method`) have no entry (an absent
   * `method` is "finetrace" by definition, not an imputed fact). With method "strubell2019",
   * `pue` is 1.58 with provenance imputed, rule "strubell2019-pue", whatever was disclosed.
   */
  provenance: Record<string, Provenance>;
}

/**
 * Where an intensity value came from: the supplied hourly series, the annual average of the
 * zone or of the country, or a constant of the estimation method ("method-constant": Strubell
 * 2019's 0.954 lbs CO2e/kWh EPA US average, METHODOLOGY.md s.8).
 */
export type IntensitySource = "hourly" | "annual-zone" | "annual-country" | "method-constant";

/** Grid carbon intensity supplied by the caller for a run (from the hourly time series). */
export interface SuppliedIntensity {
  /** Intensity at floor_to_hour(startTimeUtc), gCO2e/kWh. */
  startHourIntensityGPerKwh: number;
  /** Mean intensity over the hours the run spans, gCO2e/kWh. */
  meanIntensityGPerKwh: number;
  /** The start hour the value belongs to, ISO 8601 UTC. */
  hourUtc: string;
  /** "life-cycle" (Electricity Maps LCA) or "direct". */
  signal: "life-cycle" | "direct";
  /**
   * Which hourly series the start hour came from: the shared one (every organization), or the
   * run's organization's private series (docs/adr/0060-grid-data-tenancy.md). Default "shared".
   */
  series?: IntensitySeries;
}

/** Hourly series of a grid intensity: shared by every organization, or one organization's own. */
export type IntensitySeries = "shared" | "organization";

/** Organization-level overrides of defaults. */
export interface OrganizationSettings {
  pueOverride?: number;
  wueLitersPerKwhOverride?: number;
}

/**
 * The 90 % interval of a quantity (5th and 95th percentiles, ADR 0012); low = high only when
 * nothing that feeds it is imputed or modelled (e.g. a metered run with disclosed PUE, WUE and
 * an hourly intensity).
 */
export interface Bounds {
  low: number;
  high: number;
}

/** The estimate of one run. */
export interface RunEstimate {
  methodologyVersion: string;
  /**
   * "finetrace" (METHODOLOGY.md s.3-7), "measured" (Finetrace with energy from a meter, priced
   * the same way) or "strubell2019" (METHODOLOGY.md s.8, metered or modelled energy).
   */
  method: "finetrace" | "measured" | "strubell2019";
  inputs: NormalizedRun;
  itPowerWatts: number;
  itEnergyKwh: number;
  facilityEnergyKwh: number;
  intensity: {
    startHourIntensityGPerKwh: number;
    meanIntensityGPerKwh: number;
    hourUtc: string | null;
    source: IntensitySource;
    /** "direct" for "method-constant" (EPA eGRID output emission rates are stack emissions). */
    signal: "life-cycle" | "direct";
    /** Hourly series the start hour came from (null for annual fallbacks and method constants). */
    series: IntensitySeries | null;
  };
  /** Operational carbon at the start-hour intensity (the seed's rule), kgCO2e. */
  operationalCarbonKgCo2e: number;
  /** Operational carbon at the mean intensity over the run's hours, kgCO2e. */
  operationalCarbonMeanKgCo2e: number;
  embodiedCarbonKgCo2e: number;
  totalCarbonKgCo2e: number;
  onsiteWaterLiters: number;
  offsiteWaterLiters: number;
  embodiedWaterLiters: number;
  totalWaterLiters: number;
  amortization: {
    useLifeDays: number;
    inferencesPerDay: number;
    totalInferences: number;
    carbonPerInferenceGCo2e: number;
    waterPerInferenceMilliliters: number;
  };
  bounds: {
    facilityEnergyKwh: Bounds;
    totalCarbonKgCo2e: Bounds;
    totalWaterLiters: Bounds;
  };
}

/**
 * The quantities of a `RunEstimate` that add up across runs (energy kWh, carbon kgCO2e, water L):
 * a month's or a fleet's figure is their sum. Intensities, power, per-inference figures and bounds
 * do not add up and are not listed. Used by the aggregation SQL and the estimate writer. Declared
 * once, as the `summableQuantities` list (constants.ts).
 */
export type SummableQuantity = (typeof summableQuantities)[number];
