import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { OrganizationModel, ApiKeyModel, ViewerModel, RunModel, EstimateModel, GridZoneModel, ReportModel, ReportVersionModel, ReportDiffModel, ReportRunChangeModel, ReportFigureChangeModel, ReportGridLoadModel, EmissionsResultModel } from '../mappers.js';
import type { ApiContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** RFC 3339 instant with an offset, e.g. 2024-07-06T17:01:00Z (graphql-scalars). */
  DateTime: { input: Date; output: Date; }
  /** Any JSON value (graphql-scalars). */
  JSON: { input: unknown; output: unknown; }
  /** Calendar date YYYY-MM-DD (graphql-scalars LocalDate). */
  LocalDate: { input: string; output: string; }
  /** Integer >= 0 (graphql-scalars). */
  NonNegativeInt: { input: number; output: number; }
  /** Integer within +/- 2^53 - 1, e.g. token counts above 2^31 (graphql-scalars). */
  SafeInt: { input: number; output: number; }
  /** IANA time zone, e.g. Europe/Paris (graphql-scalars). */
  TimeZone: { input: string; output: string; }
};

export type ApiKey = {
  __typename?: 'ApiKey';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  lastUsedAt: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  /** First characters of the key, to tell keys apart (not secret). */
  prefix: Scalars['String']['output'];
  revokedAt: Maybe<Scalars['DateTime']['output']>;
  role: ApiKeyRole;
};

export type ApiKeyRole =
  | 'admin'
  | 'ingest'
  | 'read';

export type ContractualInstrument = {
  __typename?: 'ContractualInstrument';
  /** Certificate or contract id (unique per organization; recording it again replaces it). */
  certificateId: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  emissionFactorGPerKwh: Scalars['Float']['output'];
  energyMwh: Scalars['Float']['output'];
  granularity: InstrumentGranularity;
  /** Electricity Maps zone id of the market the instrument was issued for. */
  gridZone: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  kind: ContractualInstrumentKind;
  updatedAt: Scalars['DateTime']['output'];
  validFrom: Scalars['DateTime']['output'];
  /** Exclusive. */
  validTo: Scalars['DateTime']['output'];
};

export type ContractualInstrumentInput = {
  certificateId: Scalars['String']['input'];
  /** 0 to 2000 gCO2e/kWh, as a decimal string. */
  emissionFactorGPerKwh: Scalars['String']['input'];
  /** > 0 MWh, as a decimal string, e.g. "12.5". */
  energyMwh: Scalars['String']['input'];
  gridZone: Scalars['String']['input'];
  kind: ContractualInstrumentKind;
  /** A whole UTC hour. */
  validFrom: Scalars['DateTime']['input'];
  /** A whole UTC hour after validFrom, within the same calendar year. */
  validTo: Scalars['DateTime']['input'];
};

/** Kind of contractual instrument (GHG Protocol Scope 2 Guidance, Table 6.3). */
export type ContractualInstrumentKind =
  /** Guarantee of Origin (EU energy attribute certificate) */
  | 'GO'
  /** International REC */
  | 'I_REC'
  /** Power purchase agreement (with its attributes) */
  | 'PPA'
  /** Renewable Energy Certificate (North America) */
  | 'REC'
  /** Supplier-specific emission factor */
  | 'SUPPLIER_SPECIFIC';

export type CreatedApiKey = {
  __typename?: 'CreatedApiKey';
  apiKey: ApiKey;
  /** The secret key. Shown only in this response; store it now. */
  key: Scalars['String']['output'];
};

/** Sums over the current estimates of the runs that started in the period. */
export type EmissionsFigures = {
  __typename?: 'EmissionsFigures';
  /** Carbon-free energy (hourly CFE%) / facility energy, 0..1; null when the energy is 0. */
  carbonFreeEnergyShare: Maybe<Scalars['Float']['output']>;
  embodiedCarbonKgCo2e: Scalars['Float']['output'];
  embodiedWaterLiters: Scalars['Float']['output'];
  energyHighKwh: Scalars['Float']['output'];
  /** Facility energy (IT energy x PUE), kWh. */
  energyKwh: Scalars['Float']['output'];
  /**
   * 90 % range of the facility energy, kWh: the sums of the runs' 5th and 95th percentile bounds
   * (METHODOLOGY.md s.9). A sum of per-run bounds assumes the runs' errors are fully correlated
   * (the same imputed PUE, utilization, intensity): the widest, conservative range of the total.
   */
  energyLowKwh: Scalars['Float']['output'];
  /** Imputed inputs / all inputs over these runs (0..1): the data-quality share. */
  imputedShare: Scalars['Float']['output'];
  itEnergyKwh: Scalars['Float']['output'];
  /**
   * Market-based Scope 2 carbon of the facility energy, kgCO2e (GHG Protocol Scope 2 Guidance:
   * contractual instruments, then the residual mix; METHODOLOGY.md s.10). `operationalCarbonKgCo2e`
   * is the location-based figure. Embodied carbon is Scope 3, in neither.
   */
  marketBasedCarbonKgCo2e: Scalars['Float']['output'];
  /** Facility energy - renewable energy, MWh (hours without RE% count as non-renewable). */
  nonRenewableEnergyMwh: Scalars['Float']['output'];
  offsiteWaterLiters: Scalars['Float']['output'];
  onsiteWaterLiters: Scalars['Float']['output'];
  operationalCarbonKgCo2e: Scalars['Float']['output'];
  /** Per-inference figures over the runs whose disclosure gave inferences per day (use data). */
  perInference: Maybe<PerInferenceFigures>;
  /** Facility energy x the hourly renewable share (RE%) of the grid, MWh. */
  renewableEnergyMwh: Scalars['Float']['output'];
  runCount: Scalars['Int']['output'];
  /** Runs whose shift window is covered by hourly data (they have a shift saving). */
  shiftCoveredRuns: Scalars['Int']['output'];
  /** Retrospective carbon-aware shift: kgCO2e the covered runs would have saved at their best start. */
  shiftSavingKgCo2e: Scalars['Float']['output'];
  /** Runs without a shift saving (hourly data does not cover their window). */
  shiftUncoveredRuns: Scalars['Int']['output'];
  totalCarbonHighKgCo2e: Scalars['Float']['output'];
  totalCarbonKgCo2e: Scalars['Float']['output'];
  /** 90 % range of the total carbon, kgCO2e (sums of the runs' bounds, as energyLowKwh). */
  totalCarbonLowKgCo2e: Scalars['Float']['output'];
  totalWaterHighLiters: Scalars['Float']['output'];
  totalWaterLiters: Scalars['Float']['output'];
  /** 90 % range of the total water, L (sums of the runs' bounds, as energyLowKwh). */
  totalWaterLowLiters: Scalars['Float']['output'];
};

export type EmissionsGroup = {
  __typename?: 'EmissionsGroup';
  figures: EmissionsFigures;
  key: EmissionsKey;
};

/** Dimensions of `emissions`. Time buckets are cut in the organization's reporting time zone. */
export type EmissionsGroupBy =
  | 'BASE_MODEL'
  /** Continuous fine-tuning chain; null key for runs outside a chain. */
  | 'CHAIN'
  /** YYYY-MM-DD */
  | 'DAY'
  | 'GPU_MODEL'
  | 'GRID_ZONE'
  /** YYYY-MM */
  | 'MONTH'
  /** ISO week, e.g. 2024-W07 */
  | 'WEEK';

/** The value of each requested dimension for one group; dimensions not requested are null. */
export type EmissionsKey = {
  __typename?: 'EmissionsKey';
  baseModel: Maybe<Scalars['String']['output']>;
  chainId: Maybe<Scalars['String']['output']>;
  day: Maybe<Scalars['String']['output']>;
  gpuModel: Maybe<Scalars['String']['output']>;
  gridZone: Maybe<Scalars['String']['output']>;
  month: Maybe<Scalars['String']['output']>;
  week: Maybe<Scalars['String']['output']>;
};

/**
 * ROLLUP: the pre-aggregated daily/monthly UTC sums, kept in the transaction that writes the
 * estimates (never stale), plus or minus the estimates of the buckets' edge hours in the same
 * statement. RAW: a scan of the estimates, for what whole UTC hours cannot cut (a time zone with a
 * non-whole-hour offset at a bucket boundary, e.g. Asia/Kolkata, or a period not on whole hours)
 * and for periods with no whole UTC day inside.
 */
export type EmissionsPath =
  | 'RAW'
  | 'ROLLUP';

export type EmissionsResult = {
  __typename?: 'EmissionsResult';
  from: Scalars['DateTime']['output'];
  groupBy: Array<EmissionsGroupBy>;
  /** Ordered by the requested dimensions. */
  groups: Array<EmissionsGroup>;
  /** Whether the Scope 2 figures (market-based, renewable, shift) are up to date. */
  scope2: Scope2Status;
  /** What served the figures (both give the same exact sums; docs/adr/0080-emissions-rollup.md). */
  servedBy: EmissionsPath;
  timezone: Scalars['TimeZone']['output'];
  to: Scalars['DateTime']['output'];
  /** All runs of the period (equal to the sum of the groups). */
  total: EmissionsFigures;
};

export type Estimate = {
  __typename?: 'Estimate';
  /** Amortized over use life x inferences per day (METHODOLOGY.md section 7). */
  carbonPerInferenceGCo2e: Scalars['Float']['output'];
  createdAt: Scalars['DateTime']['output'];
  embodiedCarbonKgCo2e: Scalars['Float']['output'];
  embodiedWaterLiters: Scalars['Float']['output'];
  facilityEnergyHighKwh: Scalars['Float']['output'];
  facilityEnergyKwh: Scalars['Float']['output'];
  facilityEnergyLowKwh: Scalars['Float']['output'];
  id: Scalars['ID']['output'];
  imputedFieldCount: Scalars['Int']['output'];
  /** Only the imputed inputs, each with its rule. */
  imputedFields: Array<FieldProvenance>;
  inputs: EstimateInputs;
  intensity: IntensityUsed;
  isCurrent: Scalars['Boolean']['output'];
  itEnergyKwh: Scalars['Float']['output'];
  itPowerWatts: Scalars['Float']['output'];
  /** finetrace (power model) or measured (metered energy). */
  method: Scalars['String']['output'];
  methodologyVersion: Scalars['String']['output'];
  offsiteWaterLiters: Scalars['Float']['output'];
  onsiteWaterLiters: Scalars['Float']['output'];
  operationalCarbonKgCo2e: Scalars['Float']['output'];
  /** Operational carbon with the mean intensity over the run's hours. */
  operationalCarbonMeanKgCo2e: Scalars['Float']['output'];
  /** Every input with how it was obtained. */
  provenance: Array<FieldProvenance>;
  provenanceFieldCount: Scalars['Int']['output'];
  totalCarbonHighKgCo2e: Scalars['Float']['output'];
  totalCarbonKgCo2e: Scalars['Float']['output'];
  totalCarbonLowKgCo2e: Scalars['Float']['output'];
  totalWaterHighLiters: Scalars['Float']['output'];
  totalWaterLiters: Scalars['Float']['output'];
  totalWaterLowLiters: Scalars['Float']['output'];
  waterPerInferenceMilliliters: Scalars['Float']['output'];
};

/** The normalized inputs an estimate used. */
export type EstimateInputs = {
  __typename?: 'EstimateInputs';
  baseModel: Scalars['String']['output'];
  chainId: Maybe<Scalars['String']['output']>;
  gpuCount: Scalars['Int']['output'];
  gpuModel: Scalars['String']['output'];
  gridZone: Scalars['String']['output'];
  inferencesPerDay: Scalars['Float']['output'];
  reservedDurationHours: Scalars['Float']['output'];
  serverCount: Scalars['Int']['output'];
  startTimeUtc: Scalars['DateTime']['output'];
  useLifeDays: Scalars['Float']['output'];
};

/** How a run is estimated (METHODOLOGY.md): Finetrace's method, or Strubell et al. 2019 reproduced. */
export type EstimationMethod =
  | 'finetrace'
  /** Strubell, Ganesh, McCallum 2019 eq. 1-2: PUE 1.58, 0.954 lbs CO2e/kWh, no embodied emissions. */
  | 'strubell2019';

/** How one input of the estimate was obtained. */
export type FieldProvenance = {
  __typename?: 'FieldProvenance';
  /** Disclosure field, e.g. gpuModel. */
  field: Scalars['String']['output'];
  /** True when the value was not disclosed and a rule supplied it. */
  imputed: Scalars['Boolean']['output'];
  /** The normalization rule applied (METHODOLOGY.md section 2), null when disclosed. */
  rule: Maybe<Scalars['String']['output']>;
  /** Dataset, paper or METHODOLOGY.md section the imputed value comes from; null when disclosed. */
  source: Maybe<Scalars['String']['output']>;
  /** The imputed value; null when disclosed (see the run's disclosure). */
  value: Maybe<Scalars['JSON']['output']>;
};

export type GridIntensityPoint = {
  __typename?: 'GridIntensityPoint';
  /** Direct intensity, gCO2e/kWh (mean over the bucket). */
  directIntensityGPerKwh: Scalars['Float']['output'];
  /** Hours flagged as estimated by the data source. */
  estimatedHourCount: Scalars['Int']['output'];
  /** Hours with data in the bucket (1 for HOUR). */
  hourCount: Scalars['Int']['output'];
  /** Life-cycle intensity, gCO2e/kWh (mean over the bucket). */
  lifecycleIntensityGPerKwh: Scalars['Float']['output'];
  source: Scalars['String']['output'];
  /** Start of the hour or UTC day. */
  timeUtc: Scalars['DateTime']['output'];
};

/**
 * Which hourly series: the SHARED one (loaded by the operator, prices every organization's runs) or
 * the caller's organization's PRIVATE one (uploaded with loadGridIntensity, prices only its runs,
 * preferred hour by hour over the shared one).
 */
export type GridSeries =
  | 'ORGANIZATION'
  | 'SHARED';

export type GridZone = {
  __typename?: 'GridZone';
  /** Annual average life-cycle intensity, gCO2e/kWh (fallback when no hourly value exists). */
  annualIntensityGPerKwh: Maybe<Scalars['Float']['output']>;
  annualIntensityYear: Maybe<Scalars['Int']['output']>;
  /** ISO 3166-1 alpha-2. */
  countryCode: Scalars['String']['output'];
  /** Electricity Maps zone id, e.g. US-NW-PACW. */
  id: Scalars['String']['output'];
  name: Scalars['String']['output'];
};

export type InferenceUsage = {
  __typename?: 'InferenceUsage';
  day: Scalars['LocalDate']['output'];
  inferenceCount: Scalars['SafeInt']['output'];
  modelKey: Scalars['String']['output'];
};

export type InferenceUsageInput = {
  day: Scalars['LocalDate']['input'];
  inferenceCount: Scalars['NonNegativeInt']['input'];
  /** Chain id, or the run's externalId for a one-off fine-tune. */
  modelKey: Scalars['String']['input'];
};

/**
 * A disclosed field that the submitter derived (e.g. a CodeCarbon reader mapping the log's region to
 * a grid zone): the estimate's provenance reports it as imputed with this rule and source.
 */
export type InputProvenance = {
  __typename?: 'InputProvenance';
  /** A disclosure field name, e.g. gridZone. */
  field: Scalars['String']['output'];
  rule: Scalars['String']['output'];
  source: Scalars['String']['output'];
};

/** A disclosed field that the submitter derived, with the rule and source of the derivation. */
export type InputProvenanceInput = {
  /** A disclosure field name (gridZone, startTime, ...); the field must be disclosed, at most once. */
  field: Scalars['String']['input'];
  /** Stable machine name of the derivation, e.g. codecarbon-region-zone (at most 100 characters). */
  rule: Scalars['String']['input'];
  /** Where the derived value comes from (at most 1,000 characters). */
  source: Scalars['String']['input'];
};

/** How an instrument's validity matches consumption: one hour, within a month, within a year. */
export type InstrumentGranularity =
  | 'ANNUAL'
  | 'HOURLY'
  | 'MONTHLY';

export type IntensityResolution =
  /** UTC days; values are means over the day's hours. */
  | 'DAY'
  | 'HOUR';

export type IntensitySource =
  /** Fallback: the country's annual average. */
  | 'annual_country'
  /** Fallback: the zone's annual average. */
  | 'annual_zone'
  /** The zone's hourly series at the run's start hour. */
  | 'hourly'
  /** A constant of the selected method (Strubell et al. 2019: 0.954 lbs CO2e/kWh, US average). */
  | 'method_constant';

/** The grid carbon intensity an estimate used. */
export type IntensityUsed = {
  __typename?: 'IntensityUsed';
  /** Hour (UTC) of the hourly value; null for annual fallbacks. */
  hourUtc: Maybe<Scalars['DateTime']['output']>;
  /** Mean intensity over the hours the run spans, gCO2e/kWh. */
  meanIntensityGPerKwh: Scalars['Float']['output'];
  /** Hourly series of the start hour: SHARED, or ORGANIZATION (your own private series); null for annual fallbacks and method constants. */
  series: Maybe<GridSeries>;
  /** Signal, e.g. life-cycle average. */
  signal: Scalars['String']['output'];
  source: IntensitySource;
  /** Intensity at the run's start hour (the method's rule), gCO2e/kWh. */
  startHourIntensityGPerKwh: Scalars['Float']['output'];
};

/** A rejected item of a batch. */
export type ItemError = {
  __typename?: 'ItemError';
  /** Position of the item in the input list (0-based). */
  index: Scalars['Int']['output'];
  message: Scalars['String']['output'];
  /** Field path inside the item, e.g. gpuUtilizationFraction; empty for the whole item. */
  path: Scalars['String']['output'];
};

export type LoadGridIntensityInput = {
  /** Uploaded CSV content (Electricity Maps hourly layout), at most the request body cap; deleted once loaded. */
  csv?: InputMaybe<Scalars['String']['input']>;
  /** A CSV file (Electricity Maps hourly layout) relative to the server's GRID_INTENSITY_IMPORT_DIR. */
  path?: InputMaybe<Scalars['String']['input']>;
  /** The only zone the file may write (a known grid zone); rows of other zones are rejected. Default: any known zone. */
  zone?: InputMaybe<Scalars['String']['input']>;
};

export type LoadGridIntensityPayload = {
  __typename?: 'LoadGridIntensityPayload';
  /** Queue job id; the worker loads the file into the organization's private series. */
  jobId: Scalars['ID']['output'];
  /** The load's audit record (GridIntensityLoad.id). */
  loadId: Scalars['ID']['output'];
  /** The file, relative to GRID_INTENSITY_IMPORT_DIR, that will be loaded. */
  path: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Create an API key for the caller's organization (admin). */
  createApiKey: CreatedApiKey;
  /** Delete an instrument (admin). BAD_USER_INPUT (field `id`) for an unknown id. */
  deleteInstrument: Scalars['Boolean']['output'];
  /**
   * Queue a load of the caller's organization's PRIVATE hourly series (admin): exactly one of `path`
   * or `csv`. It prices only this organization's runs (preferred over the shared series for the
   * hours it covers) and re-estimates only them. The shared series is loaded by the operator
   * (`finetrace grid load`), never through the API.
   */
  loadGridIntensity: LoadGridIntensityPayload;
  /**
   * Record actual inferences served per day (ingest), used by monthly re-projection of
   * per-inference figures. Upserts on (modelKey, day); at most 10,000 items.
   */
  recordInferenceUsage: Array<InferenceUsage>;
  /**
   * Record contractual instruments (admin): all or nothing, at most 10,000; an existing certificate
   * id is replaced. BAD_USER_INPUT names the field, e.g. `instruments[2].energyMwh`.
   */
  recordInstruments: Array<ContractualInstrument>;
  /** Record residual-mix factors (admin): all or nothing; an existing zone and year is replaced. */
  recordResidualMixFactors: Array<ResidualMixFactor>;
  /** Queue (re)generation of a month's report (ingest). Returns the report, PENDING. */
  requestReport: Report;
  /** Revoke a key of the caller's organization (admin). NOT_FOUND for unknown ids. */
  revokeApiKey: ApiKey;
  /** Set the carbon-aware shift window, 0 to 72 hours (admin). */
  setShiftWindowHours: Scalars['Int']['output'];
  /**
   * Submit up to 10,000 run disclosures (ingest). Valid items are stored PENDING and queued;
   * invalid ones are returned in `errors`. With `allOrNothing: true` one invalid item rejects the
   * batch and nothing is written.
   */
  submitRuns: SubmitRunsPayload;
  /** Change the organization's settings (admin). */
  updateOrganizationSettings: Organization;
};


export type MutationCreateApiKeyArgs = {
  name: Scalars['String']['input'];
  role: ApiKeyRole;
};


export type MutationDeleteInstrumentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationLoadGridIntensityArgs = {
  input: LoadGridIntensityInput;
};


export type MutationRecordInferenceUsageArgs = {
  input: Array<InferenceUsageInput>;
};


export type MutationRecordInstrumentsArgs = {
  instruments: Array<ContractualInstrumentInput>;
};


export type MutationRecordResidualMixFactorsArgs = {
  factors: Array<ResidualMixFactorInput>;
};


export type MutationRequestReportArgs = {
  period: Scalars['String']['input'];
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetShiftWindowHoursArgs = {
  hours: Scalars['Int']['input'];
};


export type MutationSubmitRunsArgs = {
  allOrNothing?: Scalars['Boolean']['input'];
  input: Array<RunDisclosureInput>;
};


export type MutationUpdateOrganizationSettingsArgs = {
  input: OrganizationSettingsInput;
};

export type Organization = {
  __typename?: 'Organization';
  /** API keys of the organization (admin); keys themselves are never shown again. */
  apiKeys: Array<ApiKey>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  settings: OrganizationSettings;
  slug: Scalars['String']['output'];
};

export type OrganizationSettings = {
  __typename?: 'OrganizationSettings';
  /** Default PUE applied to runs that do not disclose one (dimensionless, >= 1); null = reference data. */
  pueOverride: Maybe<Scalars['Float']['output']>;
  /** Time zone that cuts reporting months and the MONTH / WEEK / DAY buckets of `emissions`. */
  reportingTimezone: Scalars['TimeZone']['output'];
  /** Default WUE, liters of on-site water per kWh of IT energy; null = reference data. */
  wueLitersPerKwhOverride: Maybe<Scalars['Float']['output']>;
};

/** Omitted fields are left unchanged; an explicit null clears an override. */
export type OrganizationSettingsInput = {
  /** 1 to 3. */
  pueOverride?: InputMaybe<Scalars['Float']['input']>;
  reportingTimezone?: InputMaybe<Scalars['TimeZone']['input']>;
  /** 0 to 20 L/kWh. */
  wueLitersPerKwhOverride?: InputMaybe<Scalars['Float']['input']>;
};

/** Relay Cursor Connections Specification page info; pages go forward (`first`, `after`). */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` to read the next page; null when the page is empty. */
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  /** True when the page was read `after` a cursor (pages go forward only). */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the page's first edge; null when the page is empty. */
  startCursor: Maybe<Scalars['String']['output']>;
};

/**
 * Footprint amortized over the projected inferences (use life days x inferences per day) of the
 * runs whose disclosure gave inferences per day (METHODOLOGY.md sections 1 and 7); null when no
 * run has. Runs with the estimator's imputed default are left out.
 */
export type PerInferenceFigures = {
  __typename?: 'PerInferenceFigures';
  carbonPerInferenceGCo2e: Scalars['Float']['output'];
  energyPerInferenceWh: Scalars['Float']['output'];
  projectedInferences: Scalars['Float']['output'];
  runCount: Scalars['Int']['output'];
  waterPerInferenceMilliliters: Scalars['Float']['output'];
};

/** A half-open interval of instants [from, to). */
export type PeriodInput = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};

export type Query = {
  __typename?: 'Query';
  /**
   * Energy, carbon and water of the runs that started in `period`, grouped by the given dimensions
   * (one SQL aggregation in Postgres). Periods longer than 3 years are rejected.
   */
  emissions: EmissionsResult;
  /** Hourly or daily grid carbon intensity of a zone over [from, to), of the shared series or the caller's organization's private one. At most 400 days. */
  gridIntensity: Array<GridIntensityPoint>;
  /** Grid zones with reference data. */
  gridZones: Array<GridZone>;
  /** The organization's contractual instruments, by start of validity. */
  instruments: Array<ContractualInstrument>;
  /** The caller's organization and its settings. */
  organization: Organization;
  /**
   * The report of a month (YYYY-MM) at `version` (default: the newest); NOT_FOUND when none was
   * requested or generated, or the version does not exist.
   */
  report: Report;
  /** Reports, newest period first. */
  reports: ReportConnection;
  /** The organization's residual-mix factors, by zone and year. */
  residualMixFactors: Array<ResidualMixFactor>;
  /** One run; NOT_FOUND when it does not exist in the caller's organization. */
  run: Run;
  /** Runs of the organization, newest submission first. `first` is capped (API_MAX_PAGE_SIZE). */
  runs: RunConnection;
  /** Hours either side of a run's actual start searched for the carbon-aware shift (default 12). */
  shiftWindowHours: Scalars['Int']['output'];
  /** The calling API key: its role and organization (any role). */
  viewer: Viewer;
};


export type QueryEmissionsArgs = {
  groupBy?: Array<EmissionsGroupBy>;
  period: PeriodInput;
  timezone?: InputMaybe<Scalars['TimeZone']['input']>;
};


export type QueryGridIntensityArgs = {
  from: Scalars['DateTime']['input'];
  resolution?: IntensityResolution;
  series?: GridSeries;
  to: Scalars['DateTime']['input'];
  zone: Scalars['String']['input'];
};


export type QueryReportArgs = {
  period: Scalars['String']['input'];
  version?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryReportsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};


export type QueryRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RunFilter>;
  first?: Scalars['Int']['input'];
};

/**
 * A monthly report of the organization, cut in its reporting time zone. Each generation that
 * changed the figures is an immutable version (1, 2, ...); the figures and renderings here are
 * those of the version shown: the newest, unless `report(period, version)` asked for another.
 */
export type Report = {
  __typename?: 'Report';
  /** Breakdowns by base model, zone, GPU and day, and per-chain amortization. */
  breakdown: Maybe<Scalars['JSON']['output']>;
  /** Why the version shown differs from the previous one (initial for version 1), e.g. grid-data, re-estimation, method-change, new-runs, market-based-inputs. */
  causes: Array<Scalars['String']['output']>;
  /** CSV rendering (text/csv). */
  csv: Maybe<Scalars['String']['output']>;
  /** Diff of the version shown against the previous version; null for version 1. */
  diff: Maybe<ReportDiff>;
  embodiedCarbonKgCo2e: Scalars['Float']['output'];
  embodiedWaterLiters: Scalars['Float']['output'];
  energyKwh: Scalars['Float']['output'];
  failureReason: Maybe<Scalars['String']['output']>;
  generatedAt: Maybe<Scalars['DateTime']['output']>;
  /** HTML rendering. */
  html: Maybe<Scalars['String']['output']>;
  /**
   * The month's report: the same id whichever version is newest. A version asked for with
   * `report(period, version)` has an id of its own, "<id>:v<version>", so that a normalized client
   * cache (Apollo Client, urql Graphcache) keeps each version's figures apart from the newest.
   */
  id: Scalars['ID']['output'];
  imputedShare: Scalars['Float']['output'];
  /** Market-based Scope 2 carbon of the version shown, kgCO2e; null while no version was generated. */
  marketBasedCarbonKgCo2e: Maybe<Scalars['Float']['output']>;
  offsiteWaterLiters: Scalars['Float']['output'];
  onsiteWaterLiters: Scalars['Float']['output'];
  operationalCarbonKgCo2e: Scalars['Float']['output'];
  /** PDF rendering, base64-encoded (RFC 4648 section 4). */
  pdf: Maybe<Scalars['String']['output']>;
  /** YYYY-MM */
  period: Scalars['String']['output'];
  runCount: Scalars['Int']['output'];
  status: ReportStatus;
  totalCarbonKgCo2e: Scalars['Float']['output'];
  totalWaterLiters: Scalars['Float']['output'];
  /** What asked for the version shown: requested, scheduled, cli or restatement. */
  trigger: Maybe<Scalars['String']['output']>;
  /** Number of the version shown (1, 2, ...); 0 while no version was generated. */
  version: Scalars['Int']['output'];
  /** Every version of this month, oldest first. */
  versions: Array<ReportVersion>;
};

export type ReportConnection = {
  __typename?: 'ReportConnection';
  edges: Array<ReportEdge>;
  pageInfo: PageInfo;
};

/** What changed from one version of a report to the next, and why (machine-readable). */
export type ReportDiff = {
  __typename?: 'ReportDiff';
  causes: Array<Scalars['String']['output']>;
  /** Every figure that differs (the CSV's section, key, figure and unit). */
  figures: Array<ReportFigureChange>;
  fromVersion: Scalars['Int']['output'];
  /** Grid loads finished since the previous version whose hours overlap the month (grid-data causes). */
  gridLoads: Array<ReportGridLoad>;
  /** Generation time of the previous version. */
  previousGeneratedAt: Scalars['DateTime']['output'];
  /** Runs whose estimate differs between the two versions. */
  runs: Array<ReportRunChange>;
  toVersion: Scalars['Int']['output'];
};

export type ReportEdge = {
  __typename?: 'ReportEdge';
  cursor: Scalars['String']['output'];
  node: Report;
};

export type ReportFigureChange = {
  __typename?: 'ReportFigureChange';
  /** The exact value in this version; null when the figure is gone. */
  current: Maybe<Scalars['String']['output']>;
  figure: Scalars['String']['output'];
  key: Scalars['String']['output'];
  /** The exact value in the previous version (decimal string); null when the figure is new. */
  previous: Maybe<Scalars['String']['output']>;
  section: Scalars['String']['output'];
  unit: Scalars['String']['output'];
};

export type ReportGridLoad = {
  __typename?: 'ReportGridLoad';
  finishedAt: Scalars['DateTime']['output'];
  fromHourUtc: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** shared or organization. */
  series: Scalars['String']['output'];
  toHourUtc: Maybe<Scalars['DateTime']['output']>;
};

export type ReportRunChange = {
  __typename?: 'ReportRunChange';
  causes: Array<Scalars['String']['output']>;
  /** added, removed or re-estimated. */
  change: Scalars['String']['output'];
  externalId: Maybe<Scalars['String']['output']>;
  previousTotalCarbonKgCo2e: Maybe<Scalars['Float']['output']>;
  runId: Scalars['ID']['output'];
  totalCarbonKgCo2e: Maybe<Scalars['Float']['output']>;
};

export type ReportStatus =
  | 'FAILED'
  | 'PENDING'
  | 'READY';

/** One immutable version of a monthly report. */
export type ReportVersion = {
  __typename?: 'ReportVersion';
  causes: Array<Scalars['String']['output']>;
  /** Diff against the previous version; null for version 1. */
  diff: Maybe<ReportDiff>;
  /** Embodied carbon (Scope 3), kgCO2e. */
  embodiedCarbonKgCo2e: Scalars['Float']['output'];
  generatedAt: Scalars['DateTime']['output'];
  /** Location-based Scope 2 (operational carbon), kgCO2e. */
  locationBasedCarbonKgCo2e: Scalars['Float']['output'];
  /** Market-based Scope 2, kgCO2e. */
  marketBasedCarbonKgCo2e: Scalars['Float']['output'];
  runCount: Scalars['Int']['output'];
  /** Location-based operational + embodied carbon, kgCO2e. */
  totalCarbonKgCo2e: Scalars['Float']['output'];
  trigger: Scalars['String']['output'];
  version: Scalars['Int']['output'];
};

/** Residual-mix emission factor of a grid zone and calendar year (e.g. AIB European Residual Mix). */
export type ResidualMixFactor = {
  __typename?: 'ResidualMixFactor';
  emissionFactorGPerKwh: Scalars['Float']['output'];
  gridZone: Scalars['String']['output'];
  source: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  year: Scalars['Int']['output'];
};

export type ResidualMixFactorInput = {
  /** 0 to 2000 gCO2e/kWh, as a decimal string. */
  emissionFactorGPerKwh: Scalars['String']['input'];
  gridZone: Scalars['String']['input'];
  source?: InputMaybe<Scalars['String']['input']>;
  /** 2000 to 2100. */
  year: Scalars['Int']['input'];
};

/** One fine-tuning run as disclosed, with its estimates. */
export type Run = {
  __typename?: 'Run';
  /** The estimate in force; null while PENDING for the first time. */
  currentEstimate: Maybe<Estimate>;
  disclosure: RunDisclosure;
  /** Every estimate of the run, newest first (the current one included). */
  estimateHistory: Array<Estimate>;
  externalId: Scalars['String']['output'];
  failureReason: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Continuous fine-tuning: the previous run of the same chain. */
  previousRun: Maybe<Run>;
  status: RunStatus;
  submittedAt: Scalars['DateTime']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type RunConnection = {
  __typename?: 'RunConnection';
  edges: Array<RunEdge>;
  pageInfo: PageInfo;
};

/** The disclosure as submitted; null = not disclosed (the estimate then imputes it). */
export type RunDisclosure = {
  __typename?: 'RunDisclosure';
  baseModel: Scalars['String']['output'];
  baseModelParameterCount: Maybe<Scalars['SafeInt']['output']>;
  chainId: Maybe<Scalars['String']['output']>;
  cloudProvider: Maybe<Scalars['String']['output']>;
  cloudRegion: Maybe<Scalars['String']['output']>;
  countryCode: Maybe<Scalars['String']['output']>;
  cpuUtilizationFraction: Maybe<Scalars['Float']['output']>;
  fineTuningMethod: Maybe<Scalars['String']['output']>;
  gpuCount: Maybe<Scalars['Int']['output']>;
  gpuHours: Maybe<Scalars['Float']['output']>;
  gpuModel: Maybe<Scalars['String']['output']>;
  gpuUtilizationFraction: Maybe<Scalars['Float']['output']>;
  gridZone: Maybe<Scalars['String']['output']>;
  inferencesPerDay: Maybe<Scalars['Float']['output']>;
  /** Fields the submitter derived rather than knew, with the rule and source of each derivation. */
  inputProvenance: Maybe<Array<InputProvenance>>;
  managedService: Maybe<Scalars['String']['output']>;
  measuredEnergyKwh: Maybe<Scalars['Float']['output']>;
  /** Estimation method; finetrace when absent. */
  method: Maybe<EstimationMethod>;
  pue: Maybe<Scalars['Float']['output']>;
  reservedDurationHours: Maybe<Scalars['Float']['output']>;
  serverCount: Maybe<Scalars['Int']['output']>;
  serverModel: Maybe<Scalars['String']['output']>;
  startTime: Maybe<Scalars['DateTime']['output']>;
  tokensIncludingPadding: Maybe<Scalars['SafeInt']['output']>;
  useLifeDays: Maybe<Scalars['Float']['output']>;
  wueLitersPerKwh: Maybe<Scalars['Float']['output']>;
};

/**
 * One run disclosure. Fields are typed loosely on purpose: domain rules (positive values,
 * fractions 0..1, timestamps with an offset, known enums) are checked per item by the estimator's
 * disclosure schema so that one bad item is reported with its index and field path while the
 * valid items land.
 */
export type RunDisclosureInput = {
  baseModel: Scalars['String']['input'];
  baseModelParameterCount?: InputMaybe<Scalars['SafeInt']['input']>;
  chainId?: InputMaybe<Scalars['String']['input']>;
  /** aws, gcp or azure. */
  cloudProvider?: InputMaybe<Scalars['String']['input']>;
  cloudRegion?: InputMaybe<Scalars['String']['input']>;
  countryCode?: InputMaybe<Scalars['String']['input']>;
  /** 0..1 */
  cpuUtilizationFraction?: InputMaybe<Scalars['Float']['input']>;
  /** The submitter's id; resubmitting it updates the run (never duplicates). */
  externalId: Scalars['String']['input'];
  /** full, lora, qlora, adapter or prompt-tuning. */
  fineTuningMethod?: InputMaybe<Scalars['String']['input']>;
  gpuCount?: InputMaybe<Scalars['Int']['input']>;
  /** GPU-hours as published (GPUs x reserved hours): gives the hours, or with them the GPUs. */
  gpuHours?: InputMaybe<Scalars['Float']['input']>;
  gpuModel?: InputMaybe<Scalars['String']['input']>;
  /** 0..1 */
  gpuUtilizationFraction?: InputMaybe<Scalars['Float']['input']>;
  gridZone?: InputMaybe<Scalars['String']['input']>;
  inferencesPerDay?: InputMaybe<Scalars['Float']['input']>;
  /** Fields you derived rather than knew: the estimate reports them as imputed with your rule. */
  inputProvenance?: InputMaybe<Array<InputProvenanceInput>>;
  managedService?: InputMaybe<Scalars['String']['input']>;
  measuredEnergyKwh?: InputMaybe<Scalars['Float']['input']>;
  /** Estimation method; finetrace when absent. */
  method?: InputMaybe<EstimationMethod>;
  pue?: InputMaybe<Scalars['Float']['input']>;
  reservedDurationHours?: InputMaybe<Scalars['Float']['input']>;
  serverCount?: InputMaybe<Scalars['Int']['input']>;
  serverModel?: InputMaybe<Scalars['String']['input']>;
  /** ISO 8601 with an offset, e.g. 2024-07-06T10:01:00-07:00; naive timestamps are rejected. */
  startTime?: InputMaybe<Scalars['String']['input']>;
  tokensIncludingPadding?: InputMaybe<Scalars['SafeInt']['input']>;
  useLifeDays?: InputMaybe<Scalars['Float']['input']>;
  wueLitersPerKwh?: InputMaybe<Scalars['Float']['input']>;
};

export type RunEdge = {
  __typename?: 'RunEdge';
  cursor: Scalars['String']['output'];
  node: Run;
};

/** Filters of `runs`; all given filters must match. */
export type RunFilter = {
  baseModel?: InputMaybe<Scalars['String']['input']>;
  chainId?: InputMaybe<Scalars['String']['input']>;
  /** GPU model as disclosed, else as imputed by the run's current estimate, e.g. A100-SXM4-40GB. */
  gpuModel?: InputMaybe<Scalars['String']['input']>;
  /** Grid zone as disclosed, else as resolved by the run's current estimate, e.g. US-NW-PACW. */
  gridZone?: InputMaybe<Scalars['String']['input']>;
  /** Runs whose start time (disclosed, else as estimated) falls in the period. */
  period?: InputMaybe<PeriodInput>;
  status?: InputMaybe<RunStatus>;
};

export type RunStatus =
  | 'ESTIMATED'
  | 'FAILED'
  | 'PENDING';

/**
 * Freshness of the Scope 2 figures: they are computed per organization (instruments are allocated
 * across its runs) by a debounced job after estimates, instruments, residual-mix factors, the shift
 * window or grid data change; until it has run they are `stale` (reports recompute first).
 */
export type Scope2Status = {
  __typename?: 'Scope2Status';
  /** When the figures were computed; null when never. */
  computedAt: Maybe<Scalars['DateTime']['output']>;
  /** An input changed after `computedAt`: a recomputation is queued. */
  stale: Scalars['Boolean']['output'];
};

export type SubmitRunsPayload = {
  __typename?: 'SubmitRunsPayload';
  /** Items stored as PENDING and queued for estimation. */
  accepted: Array<SubmittedRun>;
  acceptedCount: Scalars['Int']['output'];
  /** Items rejected, each with its index and field path; nothing of them was written. */
  errors: Array<ItemError>;
  rejectedCount: Scalars['Int']['output'];
};

export type SubmittedRun = {
  __typename?: 'SubmittedRun';
  externalId: Scalars['String']['output'];
  index: Scalars['Int']['output'];
  runId: Scalars['ID']['output'];
};

/** The API key that authenticates the request (dashboards show its role and hide what it may not do). */
export type Viewer = {
  __typename?: 'Viewer';
  /** The key's id, as keyId: what a normalized client cache (Apollo, urql Graphcache) keys it by. */
  id: Scalars['ID']['output'];
  /** ApiKey.id of the key. */
  keyId: Scalars['ID']['output'];
  organization: Organization;
  role: ApiKeyRole;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  ApiKey: ResolverTypeWrapper<ApiKeyModel>;
  ApiKeyRole: ApiKeyRole;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ContractualInstrument: ResolverTypeWrapper<ContractualInstrument>;
  ContractualInstrumentInput: ContractualInstrumentInput;
  ContractualInstrumentKind: ContractualInstrumentKind;
  CreatedApiKey: ResolverTypeWrapper<Omit<CreatedApiKey, 'apiKey'> & { apiKey: ResolversTypes['ApiKey'] }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  EmissionsFigures: ResolverTypeWrapper<EmissionsFigures>;
  EmissionsGroup: ResolverTypeWrapper<EmissionsGroup>;
  EmissionsGroupBy: EmissionsGroupBy;
  EmissionsKey: ResolverTypeWrapper<EmissionsKey>;
  EmissionsPath: EmissionsPath;
  EmissionsResult: ResolverTypeWrapper<EmissionsResultModel>;
  Estimate: ResolverTypeWrapper<EstimateModel>;
  EstimateInputs: ResolverTypeWrapper<EstimateModel>;
  EstimationMethod: EstimationMethod;
  FieldProvenance: ResolverTypeWrapper<FieldProvenance>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  GridIntensityPoint: ResolverTypeWrapper<GridIntensityPoint>;
  GridSeries: GridSeries;
  GridZone: ResolverTypeWrapper<GridZoneModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  InferenceUsage: ResolverTypeWrapper<InferenceUsage>;
  InferenceUsageInput: InferenceUsageInput;
  InputProvenance: ResolverTypeWrapper<InputProvenance>;
  InputProvenanceInput: InputProvenanceInput;
  InstrumentGranularity: InstrumentGranularity;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  IntensityResolution: IntensityResolution;
  IntensitySource: IntensitySource;
  IntensityUsed: ResolverTypeWrapper<EstimateModel>;
  ItemError: ResolverTypeWrapper<ItemError>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LoadGridIntensityInput: LoadGridIntensityInput;
  LoadGridIntensityPayload: ResolverTypeWrapper<LoadGridIntensityPayload>;
  LocalDate: ResolverTypeWrapper<Scalars['LocalDate']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NonNegativeInt: ResolverTypeWrapper<Scalars['NonNegativeInt']['output']>;
  Organization: ResolverTypeWrapper<OrganizationModel>;
  OrganizationSettings: ResolverTypeWrapper<OrganizationModel>;
  OrganizationSettingsInput: OrganizationSettingsInput;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PerInferenceFigures: ResolverTypeWrapper<PerInferenceFigures>;
  PeriodInput: PeriodInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Report: ResolverTypeWrapper<ReportModel>;
  ReportConnection: ResolverTypeWrapper<Omit<ReportConnection, 'edges'> & { edges: Array<ResolversTypes['ReportEdge']> }>;
  ReportDiff: ResolverTypeWrapper<ReportDiffModel>;
  ReportEdge: ResolverTypeWrapper<Omit<ReportEdge, 'node'> & { node: ResolversTypes['Report'] }>;
  ReportFigureChange: ResolverTypeWrapper<ReportFigureChangeModel>;
  ReportGridLoad: ResolverTypeWrapper<ReportGridLoadModel>;
  ReportRunChange: ResolverTypeWrapper<ReportRunChangeModel>;
  ReportStatus: ReportStatus;
  ReportVersion: ResolverTypeWrapper<ReportVersionModel>;
  ResidualMixFactor: ResolverTypeWrapper<ResidualMixFactor>;
  ResidualMixFactorInput: ResidualMixFactorInput;
  Run: ResolverTypeWrapper<RunModel>;
  RunConnection: ResolverTypeWrapper<Omit<RunConnection, 'edges'> & { edges: Array<ResolversTypes['RunEdge']> }>;
  RunDisclosure: ResolverTypeWrapper<RunModel>;
  RunDisclosureInput: RunDisclosureInput;
  RunEdge: ResolverTypeWrapper<Omit<RunEdge, 'node'> & { node: ResolversTypes['Run'] }>;
  RunFilter: RunFilter;
  RunStatus: RunStatus;
  SafeInt: ResolverTypeWrapper<Scalars['SafeInt']['output']>;
  Scope2Status: ResolverTypeWrapper<Scope2Status>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  SubmitRunsPayload: ResolverTypeWrapper<SubmitRunsPayload>;
  SubmittedRun: ResolverTypeWrapper<SubmittedRun>;
  TimeZone: ResolverTypeWrapper<Scalars['TimeZone']['output']>;
  Viewer: ResolverTypeWrapper<ViewerModel>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  ApiKey: ApiKeyModel;
  Boolean: Scalars['Boolean']['output'];
  ContractualInstrument: ContractualInstrument;
  ContractualInstrumentInput: ContractualInstrumentInput;
  CreatedApiKey: Omit<CreatedApiKey, 'apiKey'> & { apiKey: ResolversParentTypes['ApiKey'] };
  DateTime: Scalars['DateTime']['output'];
  EmissionsFigures: EmissionsFigures;
  EmissionsGroup: EmissionsGroup;
  EmissionsKey: EmissionsKey;
  EmissionsResult: EmissionsResultModel;
  Estimate: EstimateModel;
  EstimateInputs: EstimateModel;
  FieldProvenance: FieldProvenance;
  Float: Scalars['Float']['output'];
  GridIntensityPoint: GridIntensityPoint;
  GridZone: GridZoneModel;
  ID: Scalars['ID']['output'];
  InferenceUsage: InferenceUsage;
  InferenceUsageInput: InferenceUsageInput;
  InputProvenance: InputProvenance;
  InputProvenanceInput: InputProvenanceInput;
  Int: Scalars['Int']['output'];
  IntensityUsed: EstimateModel;
  ItemError: ItemError;
  JSON: Scalars['JSON']['output'];
  LoadGridIntensityInput: LoadGridIntensityInput;
  LoadGridIntensityPayload: LoadGridIntensityPayload;
  LocalDate: Scalars['LocalDate']['output'];
  Mutation: Record<PropertyKey, never>;
  NonNegativeInt: Scalars['NonNegativeInt']['output'];
  Organization: OrganizationModel;
  OrganizationSettings: OrganizationModel;
  OrganizationSettingsInput: OrganizationSettingsInput;
  PageInfo: PageInfo;
  PerInferenceFigures: PerInferenceFigures;
  PeriodInput: PeriodInput;
  Query: Record<PropertyKey, never>;
  Report: ReportModel;
  ReportConnection: Omit<ReportConnection, 'edges'> & { edges: Array<ResolversParentTypes['ReportEdge']> };
  ReportDiff: ReportDiffModel;
  ReportEdge: Omit<ReportEdge, 'node'> & { node: ResolversParentTypes['Report'] };
  ReportFigureChange: ReportFigureChangeModel;
  ReportGridLoad: ReportGridLoadModel;
  ReportRunChange: ReportRunChangeModel;
  ReportVersion: ReportVersionModel;
  ResidualMixFactor: ResidualMixFactor;
  ResidualMixFactorInput: ResidualMixFactorInput;
  Run: RunModel;
  RunConnection: Omit<RunConnection, 'edges'> & { edges: Array<ResolversParentTypes['RunEdge']> };
  RunDisclosure: RunModel;
  RunDisclosureInput: RunDisclosureInput;
  RunEdge: Omit<RunEdge, 'node'> & { node: ResolversParentTypes['Run'] };
  RunFilter: RunFilter;
  SafeInt: Scalars['SafeInt']['output'];
  Scope2Status: Scope2Status;
  String: Scalars['String']['output'];
  SubmitRunsPayload: SubmitRunsPayload;
  SubmittedRun: SubmittedRun;
  TimeZone: Scalars['TimeZone']['output'];
  Viewer: ViewerModel;
};

export type ApiKeyResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ApiKey'] = ResolversParentTypes['ApiKey']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['ApiKeyRole'], ParentType, ContextType>;
};

export type ContractualInstrumentResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ContractualInstrument'] = ResolversParentTypes['ContractualInstrument']> = {
  certificateId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  emissionFactorGPerKwh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  energyMwh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  granularity?: Resolver<ResolversTypes['InstrumentGranularity'], ParentType, ContextType>;
  gridZone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ContractualInstrumentKind'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  validFrom?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  validTo?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type CreatedApiKeyResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CreatedApiKey'] = ResolversParentTypes['CreatedApiKey']> = {
  apiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EmissionsFiguresResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['EmissionsFigures'] = ResolversParentTypes['EmissionsFigures']> = {
  carbonFreeEnergyShare?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  embodiedCarbonKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  embodiedWaterLiters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  energyHighKwh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  energyKwh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  energyLowKwh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  imputedShare?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  itEnergyKwh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  marketBasedCarbonKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  nonRenewableEnergyMwh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  offsiteWaterLiters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  onsiteWaterLiters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  operationalCarbonKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  perInference?: Resolver<Maybe<ResolversTypes['PerInferenceFigures']>, ParentType, ContextType>;
  renewableEnergyMwh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  runCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  shiftCoveredRuns?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  shiftSavingKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  shiftUncoveredRuns?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalCarbonHighKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  totalCarbonKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  totalCarbonLowKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  totalWaterHighLiters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  totalWaterLiters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  totalWaterLowLiters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type EmissionsGroupResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['EmissionsGroup'] = ResolversParentTypes['EmissionsGroup']> = {
  figures?: Resolver<ResolversTypes['EmissionsFigures'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['EmissionsKey'], ParentType, ContextType>;
};

export type EmissionsKeyResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['EmissionsKey'] = ResolversParentTypes['EmissionsKey']> = {
  baseModel?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  chainId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  day?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gpuModel?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gridZone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  month?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  week?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type EmissionsResultResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['EmissionsResult'] = ResolversParentTypes['EmissionsResult']> = {
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  groupBy?: Resolver<Array<ResolversTypes['EmissionsGroupBy']>, ParentType, ContextType>;
  groups?: Resolver<Array<ResolversTypes['EmissionsGroup']>, ParentType, ContextType>;
  scope2?: Resolver<ResolversTypes['Scope2Status'], ParentType, ContextType>;
  servedBy?: Resolver<ResolversTypes['EmissionsPath'], ParentType, ContextType>;
  timezone?: Resolver<ResolversTypes['TimeZone'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['EmissionsFigures'], ParentType, ContextType>;
};

export type EstimateResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Estimate'] = ResolversParentTypes['Estimate']> = {
  carbonPerInferenceGCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  embodiedCarbonKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  embodiedWaterLiters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  facilityEnergyHighKwh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  facilityEnergyKwh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  facilityEnergyLowKwh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imputedFieldCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  imputedFields?: Resolver<Array<ResolversTypes['FieldProvenance']>, ParentType, ContextType>;
  inputs?: Resolver<ResolversTypes['EstimateInputs'], ParentType, ContextType>;
  intensity?: Resolver<ResolversTypes['IntensityUsed'], ParentType, ContextType>;
  isCurrent?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  itEnergyKwh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  itPowerWatts?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  methodologyVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  offsiteWaterLiters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  onsiteWaterLiters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  operationalCarbonKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  operationalCarbonMeanKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  provenance?: Resolver<Array<ResolversTypes['FieldProvenance']>, ParentType, ContextType>;
  provenanceFieldCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalCarbonHighKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  totalCarbonKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  totalCarbonLowKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  totalWaterHighLiters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  totalWaterLiters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  totalWaterLowLiters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  waterPerInferenceMilliliters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type EstimateInputsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['EstimateInputs'] = ResolversParentTypes['EstimateInputs']> = {
  baseModel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  chainId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gpuCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  gpuModel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  gridZone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  inferencesPerDay?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  reservedDurationHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  serverCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startTimeUtc?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  useLifeDays?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type FieldProvenanceResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FieldProvenance'] = ResolversParentTypes['FieldProvenance']> = {
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  imputed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  rule?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
};

export type GridIntensityPointResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['GridIntensityPoint'] = ResolversParentTypes['GridIntensityPoint']> = {
  directIntensityGPerKwh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  estimatedHourCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  hourCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lifecycleIntensityGPerKwh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  timeUtc?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type GridZoneResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['GridZone'] = ResolversParentTypes['GridZone']> = {
  annualIntensityGPerKwh?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  annualIntensityYear?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  countryCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type InferenceUsageResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['InferenceUsage'] = ResolversParentTypes['InferenceUsage']> = {
  day?: Resolver<ResolversTypes['LocalDate'], ParentType, ContextType>;
  inferenceCount?: Resolver<ResolversTypes['SafeInt'], ParentType, ContextType>;
  modelKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type InputProvenanceResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['InputProvenance'] = ResolversParentTypes['InputProvenance']> = {
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type IntensityUsedResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['IntensityUsed'] = ResolversParentTypes['IntensityUsed']> = {
  hourUtc?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  meanIntensityGPerKwh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  series?: Resolver<Maybe<ResolversTypes['GridSeries']>, ParentType, ContextType>;
  signal?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['IntensitySource'], ParentType, ContextType>;
  startHourIntensityGPerKwh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type ItemErrorResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ItemError'] = ResolversParentTypes['ItemError']> = {
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LoadGridIntensityPayloadResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['LoadGridIntensityPayload'] = ResolversParentTypes['LoadGridIntensityPayload']> = {
  jobId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  loadId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface LocalDateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['LocalDate'], any> {
  name: 'LocalDate';
}

export type MutationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  createApiKey?: Resolver<ResolversTypes['CreatedApiKey'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'name' | 'role'>>;
  deleteInstrument?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteInstrumentArgs, 'id'>>;
  loadGridIntensity?: Resolver<ResolversTypes['LoadGridIntensityPayload'], ParentType, ContextType, RequireFields<MutationLoadGridIntensityArgs, 'input'>>;
  recordInferenceUsage?: Resolver<Array<ResolversTypes['InferenceUsage']>, ParentType, ContextType, RequireFields<MutationRecordInferenceUsageArgs, 'input'>>;
  recordInstruments?: Resolver<Array<ResolversTypes['ContractualInstrument']>, ParentType, ContextType, RequireFields<MutationRecordInstrumentsArgs, 'instruments'>>;
  recordResidualMixFactors?: Resolver<Array<ResolversTypes['ResidualMixFactor']>, ParentType, ContextType, RequireFields<MutationRecordResidualMixFactorsArgs, 'factors'>>;
  requestReport?: Resolver<ResolversTypes['Report'], ParentType, ContextType, RequireFields<MutationRequestReportArgs, 'period'>>;
  revokeApiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'id'>>;
  setShiftWindowHours?: Resolver<ResolversTypes['Int'], ParentType, ContextType, RequireFields<MutationSetShiftWindowHoursArgs, 'hours'>>;
  submitRuns?: Resolver<ResolversTypes['SubmitRunsPayload'], ParentType, ContextType, RequireFields<MutationSubmitRunsArgs, 'allOrNothing' | 'input'>>;
  updateOrganizationSettings?: Resolver<ResolversTypes['Organization'], ParentType, ContextType, RequireFields<MutationUpdateOrganizationSettingsArgs, 'input'>>;
};

export interface NonNegativeIntScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['NonNegativeInt'], any> {
  name: 'NonNegativeInt';
}

export type OrganizationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Organization'] = ResolversParentTypes['Organization']> = {
  apiKeys?: Resolver<Array<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  settings?: Resolver<ResolversTypes['OrganizationSettings'], ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type OrganizationSettingsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['OrganizationSettings'] = ResolversParentTypes['OrganizationSettings']> = {
  pueOverride?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  reportingTimezone?: Resolver<ResolversTypes['TimeZone'], ParentType, ContextType>;
  wueLitersPerKwhOverride?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PerInferenceFiguresResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PerInferenceFigures'] = ResolversParentTypes['PerInferenceFigures']> = {
  carbonPerInferenceGCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  energyPerInferenceWh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  projectedInferences?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  runCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  waterPerInferenceMilliliters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  emissions?: Resolver<ResolversTypes['EmissionsResult'], ParentType, ContextType, RequireFields<QueryEmissionsArgs, 'groupBy' | 'period'>>;
  gridIntensity?: Resolver<Array<ResolversTypes['GridIntensityPoint']>, ParentType, ContextType, RequireFields<QueryGridIntensityArgs, 'from' | 'resolution' | 'series' | 'to' | 'zone'>>;
  gridZones?: Resolver<Array<ResolversTypes['GridZone']>, ParentType, ContextType>;
  instruments?: Resolver<Array<ResolversTypes['ContractualInstrument']>, ParentType, ContextType>;
  organization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
  report?: Resolver<ResolversTypes['Report'], ParentType, ContextType, RequireFields<QueryReportArgs, 'period'>>;
  reports?: Resolver<ResolversTypes['ReportConnection'], ParentType, ContextType, RequireFields<QueryReportsArgs, 'first'>>;
  residualMixFactors?: Resolver<Array<ResolversTypes['ResidualMixFactor']>, ParentType, ContextType>;
  run?: Resolver<ResolversTypes['Run'], ParentType, ContextType, RequireFields<QueryRunArgs, 'id'>>;
  runs?: Resolver<ResolversTypes['RunConnection'], ParentType, ContextType, RequireFields<QueryRunsArgs, 'first'>>;
  shiftWindowHours?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  viewer?: Resolver<ResolversTypes['Viewer'], ParentType, ContextType>;
};

export type ReportResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Report'] = ResolversParentTypes['Report']> = {
  breakdown?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  causes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  csv?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  diff?: Resolver<Maybe<ResolversTypes['ReportDiff']>, ParentType, ContextType>;
  embodiedCarbonKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  embodiedWaterLiters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  energyKwh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  failureReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  generatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  html?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imputedShare?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  marketBasedCarbonKgCo2e?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  offsiteWaterLiters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  onsiteWaterLiters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  operationalCarbonKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  pdf?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  period?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  runCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ReportStatus'], ParentType, ContextType>;
  totalCarbonKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  totalWaterLiters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  trigger?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  versions?: Resolver<Array<ResolversTypes['ReportVersion']>, ParentType, ContextType>;
};

export type ReportConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ReportConnection'] = ResolversParentTypes['ReportConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ReportEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ReportDiffResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ReportDiff'] = ResolversParentTypes['ReportDiff']> = {
  causes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  figures?: Resolver<Array<ResolversTypes['ReportFigureChange']>, ParentType, ContextType>;
  fromVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  gridLoads?: Resolver<Array<ResolversTypes['ReportGridLoad']>, ParentType, ContextType>;
  previousGeneratedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  runs?: Resolver<Array<ResolversTypes['ReportRunChange']>, ParentType, ContextType>;
  toVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ReportEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ReportEdge'] = ResolversParentTypes['ReportEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Report'], ParentType, ContextType>;
};

export type ReportFigureChangeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ReportFigureChange'] = ResolversParentTypes['ReportFigureChange']> = {
  current?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  figure?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  previous?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  section?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ReportGridLoadResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ReportGridLoad'] = ResolversParentTypes['ReportGridLoad']> = {
  finishedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  fromHourUtc?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  series?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  toHourUtc?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type ReportRunChangeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ReportRunChange'] = ResolversParentTypes['ReportRunChange']> = {
  causes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  change?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  externalId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  previousTotalCarbonKgCo2e?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  runId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  totalCarbonKgCo2e?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type ReportVersionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ReportVersion'] = ResolversParentTypes['ReportVersion']> = {
  causes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  diff?: Resolver<Maybe<ResolversTypes['ReportDiff']>, ParentType, ContextType>;
  embodiedCarbonKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  generatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  locationBasedCarbonKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  marketBasedCarbonKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  runCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalCarbonKgCo2e?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  trigger?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ResidualMixFactorResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ResidualMixFactor'] = ResolversParentTypes['ResidualMixFactor']> = {
  emissionFactorGPerKwh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  gridZone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type RunResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Run'] = ResolversParentTypes['Run']> = {
  currentEstimate?: Resolver<Maybe<ResolversTypes['Estimate']>, ParentType, ContextType>;
  disclosure?: Resolver<ResolversTypes['RunDisclosure'], ParentType, ContextType>;
  estimateHistory?: Resolver<Array<ResolversTypes['Estimate']>, ParentType, ContextType>;
  externalId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  failureReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  previousRun?: Resolver<Maybe<ResolversTypes['Run']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['RunStatus'], ParentType, ContextType>;
  submittedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type RunConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RunConnection'] = ResolversParentTypes['RunConnection']> = {
  edges?: Resolver<Array<ResolversTypes['RunEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type RunDisclosureResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RunDisclosure'] = ResolversParentTypes['RunDisclosure']> = {
  baseModel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  baseModelParameterCount?: Resolver<Maybe<ResolversTypes['SafeInt']>, ParentType, ContextType>;
  chainId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  cloudProvider?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  cloudRegion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  countryCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  cpuUtilizationFraction?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  fineTuningMethod?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gpuCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  gpuHours?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  gpuModel?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gpuUtilizationFraction?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  gridZone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  inferencesPerDay?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  inputProvenance?: Resolver<Maybe<Array<ResolversTypes['InputProvenance']>>, ParentType, ContextType>;
  managedService?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  measuredEnergyKwh?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  method?: Resolver<Maybe<ResolversTypes['EstimationMethod']>, ParentType, ContextType>;
  pue?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  reservedDurationHours?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  serverCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  serverModel?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  startTime?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  tokensIncludingPadding?: Resolver<Maybe<ResolversTypes['SafeInt']>, ParentType, ContextType>;
  useLifeDays?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  wueLitersPerKwh?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type RunEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RunEdge'] = ResolversParentTypes['RunEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Run'], ParentType, ContextType>;
};

export interface SafeIntScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['SafeInt'], any> {
  name: 'SafeInt';
}

export type Scope2StatusResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Scope2Status'] = ResolversParentTypes['Scope2Status']> = {
  computedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  stale?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type SubmitRunsPayloadResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SubmitRunsPayload'] = ResolversParentTypes['SubmitRunsPayload']> = {
  accepted?: Resolver<Array<ResolversTypes['SubmittedRun']>, ParentType, ContextType>;
  acceptedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['ItemError']>, ParentType, ContextType>;
  rejectedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SubmittedRunResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SubmittedRun'] = ResolversParentTypes['SubmittedRun']> = {
  externalId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  runId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface TimeZoneScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['TimeZone'], any> {
  name: 'TimeZone';
}

export type ViewerResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  organization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['ApiKeyRole'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ApiContext> = {
  ApiKey?: ApiKeyResolvers<ContextType>;
  ContractualInstrument?: ContractualInstrumentResolvers<ContextType>;
  CreatedApiKey?: CreatedApiKeyResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  EmissionsFigures?: EmissionsFiguresResolvers<ContextType>;
  EmissionsGroup?: EmissionsGroupResolvers<ContextType>;
  EmissionsKey?: EmissionsKeyResolvers<ContextType>;
  EmissionsResult?: EmissionsResultResolvers<ContextType>;
  Estimate?: EstimateResolvers<ContextType>;
  EstimateInputs?: EstimateInputsResolvers<ContextType>;
  FieldProvenance?: FieldProvenanceResolvers<ContextType>;
  GridIntensityPoint?: GridIntensityPointResolvers<ContextType>;
  GridZone?: GridZoneResolvers<ContextType>;
  InferenceUsage?: InferenceUsageResolvers<ContextType>;
  InputProvenance?: InputProvenanceResolvers<ContextType>;
  IntensityUsed?: IntensityUsedResolvers<ContextType>;
  ItemError?: ItemErrorResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  LoadGridIntensityPayload?: LoadGridIntensityPayloadResolvers<ContextType>;
  LocalDate?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  NonNegativeInt?: GraphQLScalarType;
  Organization?: OrganizationResolvers<ContextType>;
  OrganizationSettings?: OrganizationSettingsResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PerInferenceFigures?: PerInferenceFiguresResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Report?: ReportResolvers<ContextType>;
  ReportConnection?: ReportConnectionResolvers<ContextType>;
  ReportDiff?: ReportDiffResolvers<ContextType>;
  ReportEdge?: ReportEdgeResolvers<ContextType>;
  ReportFigureChange?: ReportFigureChangeResolvers<ContextType>;
  ReportGridLoad?: ReportGridLoadResolvers<ContextType>;
  ReportRunChange?: ReportRunChangeResolvers<ContextType>;
  ReportVersion?: ReportVersionResolvers<ContextType>;
  ResidualMixFactor?: ResidualMixFactorResolvers<ContextType>;
  Run?: RunResolvers<ContextType>;
  RunConnection?: RunConnectionResolvers<ContextType>;
  RunDisclosure?: RunDisclosureResolvers<ContextType>;
  RunEdge?: RunEdgeResolvers<ContextType>;
  SafeInt?: GraphQLScalarType;
  Scope2Status?: Scope2StatusResolvers<ContextType>;
  SubmitRunsPayload?: SubmitRunsPayloadResolvers<ContextType>;
  SubmittedRun?: SubmittedRunResolvers<ContextType>;
  TimeZone?: GraphQLScalarType;
  Viewer?: ViewerResolvers<ContextType>;
};

