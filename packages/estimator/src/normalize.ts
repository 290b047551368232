/**
 * Normalization of a run disclosure (METHODOLOGY.md s.2; Scope3 fine_tuning.mdx table): every
 * missing field is filled by a named rule, and `provenance[field]` says whether the value was
 * disclosed or imputed (rule, source, value).
 *
 * Order matters: location -> year -> hardware -> cluster size -> PUE/WUE -> duration -> start.
 *
 * Errors:
 * - `UnknownReferenceError` for an unknown gpuModel, serverModel, cloudRegion, gridZone,
 *   countryCode, managedService (the field is named).
 * - `InsufficientDataError` when no duration, no tokens and no measured energy are disclosed;
 *   when time must be predicted from tokens but the parameter count is unknown; when the start
 *   time is missing and the base model's publish date is unknown.
 */
import {
  defaultCpuUtilizationFraction,
  defaultGpuUtilizationFraction,
  defaultInferencesPerDay,
  defaultUseLifeDays,
  modelFlopsUtilization,
  modelFlopsUtilizationSource,
  utilizationSource,
} from "./constants.js";
import type { CloudProvider, FineTuningMethod, RunDisclosure } from "./disclosure.js";
import { InsufficientDataError, UnknownReferenceError } from "./errors.js";
import { clusterItPowerWatts } from "./power.js";
import {
  type BaseModel,
  type CloudRegion,
  type Country,
  findBaseModel,
  findCloudRegion,
  findCountry,
  findGpu,
  findGridZone,
  findManagedService,
  findServer,
  type GpuSpec,
  type GridZone,
  getGpuById,
  getServerById,
  gpuOfYear,
  type ManagedService,
  referenceData,
  type ServerSpec,
} from "./reference.js";
import { hoursFromTokens } from "./time.js";
import { toUtc } from "./time-utc.js";
import type { NormalizedRun, OrganizationSettings, Provenance } from "./types.js";

const DISCLOSED: Provenance = Object.freeze({ status: "disclosed" });
const MS_PER_HOUR = 3_600_000;
const defaults = referenceData.locationDefaults;

function imputed(rule: string, source: string, value: string | number | boolean): Provenance {
  return { status: "imputed", rule, source, value };
}

/**
 * Provenance records that depend only on a reference row are built once and shared (frozen):
 * the hot path then allocates nothing for them.
 */
function perRow<K extends object>(make: (row: K) => Provenance): (row: K) => Provenance {
  const cache = new WeakMap<K, Provenance>();
  return (row) => {
    let p = cache.get(row);
    if (!p) {
      p = Object.freeze(make(row));
      cache.set(row, p);
    }
    return p;
  };
}
const constant = (rule: string, source: string, value: string | number | boolean) =>
  Object.freeze(imputed(rule, source, value));

const providerOfService = perRow((s: ManagedService) =>
  imputed("provider-of-managed-service", s.source, s.provider),
);
const providerOfRegion = perRow((r: CloudRegion) =>
  imputed("provider-of-cloud-region", r.source.gridZone ?? "", r.provider),
);
const zoneOfRegion = perRow((r: CloudRegion) =>
  imputed("zone-of-cloud-region", r.source.gridZone ?? "", r.gridZone),
);
const countryOfRegion = perRow((r: CloudRegion) =>
  imputed("country-of-cloud-region", r.source.gridZone ?? "", r.countryCode),
);
const countryOfZone = perRow((z: GridZone) =>
  imputed("country-of-grid-zone", z.source, z.countryCode),
);
const zoneOfCountry = perRow((c: Country) => imputed("zone-of-country", c.intensitySource, c.code));
const ewifOfCountry = perRow((c: Country) =>
  imputed("ewif-of-country", c.ewifSource, c.ewifLitersPerKwh),
);
const pueOfRegion = perRow((r: CloudRegion) =>
  imputed("pue-of-cloud-region", r.source.pue ?? "", r.pue),
);
const wueOfRegion = perRow((r: CloudRegion) =>
  imputed("wue-of-cloud-region", r.source.wue ?? "", r.wueLitersPerKwh),
);
const serviceGpu = perRow((s: ManagedService) =>
  imputed("managed-service-instance", s.source, s.gpuModel),
);
const serviceServer = perRow((s: ManagedService) =>
  imputed("managed-service-instance", s.source, s.serverModel),
);
const serviceGpuCount = perRow((s: ManagedService) =>
  imputed("managed-service-instance", s.source, s.gpuCount),
);
const serviceServerCount = perRow((s: ManagedService) =>
  imputed("managed-service-instance", s.source, s.serverCount),
);
const gpuOfServer = perRow((s: ServerSpec) =>
  imputed("gpu-of-server", s.source.configuration ?? s.name, s.defaultGpuModel),
);
const serverOfGpu = perRow((s: ServerSpec) =>
  imputed(
    "server-of-gpu",
    "METHODOLOGY.md s.2: most common server for the GPU (8-GPU HGX/DGX class)",
    s.id,
  ),
);
const serverFallback = perRow((s: ServerSpec) =>
  imputed(
    "server-fallback",
    `no server configuration for this GPU in the reference data: the reference server of METHODOLOGY.md s.5 (${s.name}, EC_server ${s.embodiedCarbonKgCo2e} kgCO2e) stands in`,
    s.id,
  ),
);
const gpusOfOneServer = perRow((s: ServerSpec) =>
  imputed(
    "gpus-of-servers",
    `1 x ${s.gpusPerServer} GPUs per ${s.name} (${s.source.configuration})`,
    s.gpusPerServer,
  ),
);
const parametersOfBaseModel = perRow((m: BaseModel) =>
  imputed("parameters-of-base-model", m.source, m.parameterCount),
);
const timeFromTokensSource = new Map<GpuSpec, string>();
function timeFromTokensSourceOf(gpu: GpuSpec): string {
  let source = timeFromTokensSource.get(gpu);
  if (source === undefined) {
    source = `METHODOLOGY.md s.4: k * N * tokens / (gpus * ${gpu.peakTflops16Dense} TFLOPS * MFU ${modelFlopsUtilization.value}); ${modelFlopsUtilizationSource}`;
    timeFromTokensSource.set(gpu, source);
  }
  return source;
}
const gpuOfYearCache = new Map<number, { gpu: GpuSpec; provenance: Provenance }>();
function gpuForYear(year: number): { gpu: GpuSpec; provenance: Provenance } {
  let hit = gpuOfYearCache.get(year);
  if (!hit) {
    const row = gpuOfYear(year);
    const gpu = getGpuById(row.gpuModel) as GpuSpec;
    hit = { gpu, provenance: constant("gpu-of-year", `${row.source} (year ${year})`, gpu.id) };
    gpuOfYearCache.set(year, hit);
  }
  return hit;
}
const pueOfProvider = Object.fromEntries(
  Object.entries(defaults.providerPue).map(([p, v]) => [
    p,
    constant("pue-of-provider", v.source, v.value),
  ]),
) as Record<CloudProvider, Provenance>;
const wueOfProvider = Object.fromEntries(
  Object.entries(defaults.providerWueLitersPerKwh).map(([p, v]) => [
    p,
    constant("wue-of-provider", v.source, v.value),
  ]),
) as Record<CloudProvider, Provenance>;
const PUE_INDUSTRY = constant(
  "pue-industry-average",
  defaults.industryPue.source,
  defaults.industryPue.value,
);
const WUE_US = constant("wue-us-average", defaults.usWue.source, defaults.usWue.value);
const COUNTRY_US = constant(
  "location-default-us",
  defaults.defaultCountry.source,
  defaults.defaultCountry.value,
);
const ZONE_US = constant(
  "location-default-us",
  defaults.defaultUsZone.source,
  defaults.defaultUsZone.value,
);
const ONE_SERVER = constant(
  "cluster-one-server",
  "Scope3 fine_tuning.mdx: assume 1 server for fine-tuning",
  1,
);
const METHOD_FULL = constant(
  "method-full-fine-tuning",
  "METHODOLOGY.md s.4: k = 6 for full fine-tuning (the conservative choice)",
  "full",
);
const GPU_UTILIZATION = constant(
  "utilization-default",
  utilizationSource,
  defaultGpuUtilizationFraction,
);
const CPU_UTILIZATION = constant(
  "utilization-default",
  utilizationSource,
  defaultCpuUtilizationFraction,
);
const USE_LIFE = constant(
  "use-life-default",
  "Scope3 training.mdx amortization example: a model lifecycle of about a year",
  defaultUseLifeDays,
);
const INFERENCES = constant(
  "inferences-default",
  "Scope3 fine_tuning.mdx example: 1000 inferences a day",
  defaultInferencesPerDay,
);

/** Options of `normalizeDisclosure`. */
export interface NormalizeOptions {
  /** Organization-level PUE / WUE overrides (used when the disclosure has none). */
  organization?: OrganizationSettings;
}

interface Location {
  gridZone: string;
  countryCode: string;
  cloudProvider: CloudProvider | null;
  cloudRegion: CloudRegion | null;
}

function resolveLocation(
  d: RunDisclosure,
  service: ManagedService | undefined,
  prov: Record<string, Provenance>,
): Location {
  const provider = d.cloudProvider ?? service?.provider;
  let region: CloudRegion | null = null;
  if (d.cloudRegion !== undefined) {
    region = findCloudRegion(provider, d.cloudRegion) ?? null;
    if (!region) {
      throw new UnknownReferenceError(
        "cloudRegion",
        d.cloudRegion,
        provider
          ? `not a known ${provider} region; known: ${referenceData.cloudRegions
              .filter((r) => r.provider === provider)
              .map((r) => r.region)
              .join(", ")}`
          : "give cloudProvider too, or a region id known to exactly one provider",
      );
    }
    if (service && !service.regions.includes(region.region)) {
      throw new UnknownReferenceError(
        "cloudRegion",
        d.cloudRegion,
        `${service.id} is offered in ${service.regions.join(", ")}`,
      );
    }
  }
  if (d.cloudProvider !== undefined) prov.cloudProvider = DISCLOSED;
  else if (service) prov.cloudProvider = providerOfService(service);
  else if (region) prov.cloudProvider = providerOfRegion(region);
  if (d.cloudRegion !== undefined) prov.cloudRegion = DISCLOSED;

  let country: Country | undefined;
  if (d.countryCode !== undefined) {
    country = findCountry(d.countryCode);
    if (!country)
      throw new UnknownReferenceError(
        "countryCode",
        d.countryCode,
        "no annual grid intensity for this country",
      );
  }

  if (d.gridZone !== undefined) {
    const zone = findGridZone(d.gridZone);
    if (!zone)
      throw new UnknownReferenceError(
        "gridZone",
        d.gridZone,
        "not an Electricity Maps zone id such as US-NW-PACW or DE",
      );
    prov.gridZone = DISCLOSED;
    const countryCode = country?.code ?? zone.countryCode;
    prov.countryCode = country ? DISCLOSED : countryOfZone(zone);
    return {
      gridZone: zone.id,
      countryCode,
      cloudProvider: region?.provider ?? provider ?? null,
      cloudRegion: region,
    };
  }
  if (region) {
    prov.gridZone = zoneOfRegion(region);
    prov.countryCode = country ? DISCLOSED : countryOfRegion(region);
    return {
      gridZone: region.gridZone,
      countryCode: country?.code ?? region.countryCode,
      cloudProvider: region.provider,
      cloudRegion: region,
    };
  }
  if (service) {
    throw new InsufficientDataError(
      "cloudRegion",
      `${service.id} needs the region the job ran in (one of ${service.regions.join(", ")})`,
    );
  }
  if (country) {
    prov.gridZone = zoneOfCountry(country);
    prov.countryCode = DISCLOSED;
    return {
      gridZone: country.code,
      countryCode: country.code,
      cloudProvider: provider ?? null,
      cloudRegion: null,
    };
  }
  prov.countryCode = COUNTRY_US;
  prov.gridZone = ZONE_US;
  return {
    gridZone: defaults.defaultUsZone.value,
    countryCode: defaults.defaultCountry.value,
    cloudProvider: provider ?? null,
    cloudRegion: null,
  };
}

/**
 * Fill every missing field of a validated disclosure (see module doc for rules and errors).
 * @returns the completed inputs with `provenance` for every disclosure field.
 */
export function normalizeDisclosure(d: RunDisclosure, options?: NormalizeOptions): NormalizedRun {
  const prov: Record<string, Provenance> = { baseModel: DISCLOSED };
  const org = options?.organization;

  // --- managed service ---
  let service: ManagedService | undefined;
  if (d.managedService !== undefined) {
    service = findManagedService(d.managedService);
    if (!service) {
      throw new UnknownReferenceError(
        "managedService",
        d.managedService,
        `known: ${referenceData.managedServices.map((m) => m.id).join(", ")}`,
      );
    }
    prov.managedService = DISCLOSED;
  }

  const location = resolveLocation(d, service, prov);
  const country = findCountry(location.countryCode);
  if (!country)
    throw new UnknownReferenceError(
      "countryCode",
      location.countryCode,
      "no annual grid intensity or water factor for this country",
    );

  // --- base model, year ---
  const baseModel = findBaseModel(d.baseModel);
  const start = d.startTime !== undefined ? toUtc(d.startTime) : null;
  let year: number;
  if (start !== null) year = start.year;
  else if (baseModel) year = Number(baseModel.publishedDate.slice(0, 4));
  else {
    throw new InsufficientDataError(
      "startTime",
      `no start time, and the base model "${d.baseModel}" has no known publish date to impute it from; disclose startTime`,
    );
  }

  // --- hardware ---
  let server: ServerSpec | undefined;
  if (d.serverModel !== undefined) {
    server = findServer(d.serverModel);
    if (!server)
      throw new UnknownReferenceError(
        "serverModel",
        d.serverModel,
        `known: ${referenceData.servers.map((s) => s.name).join(", ")}`,
      );
  }
  let gpu: GpuSpec;
  if (d.gpuModel !== undefined) {
    const found = findGpu(d.gpuModel);
    if (!found)
      throw new UnknownReferenceError(
        "gpuModel",
        d.gpuModel,
        `known: ${referenceData.gpus.map((g) => g.id).join(", ")}`,
      );
    gpu = found;
    prov.gpuModel = DISCLOSED;
  } else if (service) {
    gpu = getGpuById(service.gpuModel) as GpuSpec;
    prov.gpuModel = serviceGpu(service);
  } else if (server) {
    gpu = getGpuById(server.defaultGpuModel) as GpuSpec;
    prov.gpuModel = gpuOfServer(server);
  } else {
    const hit = gpuForYear(year);
    gpu = hit.gpu;
    prov.gpuModel = hit.provenance;
  }
  if (server) prov.serverModel = DISCLOSED;
  else if (service) {
    server = getServerById(service.serverModel) as ServerSpec;
    prov.serverModel = serviceServer(service);
  } else {
    const mapped = referenceData.defaultServerByGpu[gpu.id];
    server = getServerById(mapped ?? referenceData.fallbackServer) as ServerSpec;
    prov.serverModel = mapped ? serverOfGpu(server) : serverFallback(server);
  }

  // --- cluster size ---
  let gpuCount: number;
  let serverCount: number;
  if (d.serverCount !== undefined) {
    serverCount = d.serverCount;
    prov.serverCount = DISCLOSED;
  } else if (service) {
    serverCount = service.serverCount;
    prov.serverCount = serviceServerCount(service);
  } else if (d.gpuCount !== undefined) {
    serverCount = Math.ceil(d.gpuCount / server.gpusPerServer);
    prov.serverCount = imputed(
      "servers-from-gpus",
      `ceil(gpuCount / ${server.gpusPerServer} GPUs per ${server.name})`,
      serverCount,
    );
  } else {
    serverCount = 1;
    prov.serverCount = ONE_SERVER;
  }
  if (d.gpuCount !== undefined) {
    gpuCount = d.gpuCount;
    prov.gpuCount = DISCLOSED;
  } else if (service && d.serverCount === undefined) {
    gpuCount = service.gpuCount;
    prov.gpuCount = serviceGpuCount(service);
  } else {
    gpuCount = serverCount * server.gpusPerServer;
    prov.gpuCount =
      serverCount === 1
        ? gpusOfOneServer(server)
        : imputed(
            "gpus-of-servers",
            `${serverCount} x ${server.gpusPerServer} GPUs per ${server.name} (${server.source.configuration})`,
            gpuCount,
          );
  }
  const cpuCount = serverCount * server.cpuSockets;

  // --- PUE, WUE ---
  let pue: number;
  if (d.pue !== undefined) {
    pue = d.pue;
    prov.pue = DISCLOSED;
  } else if (org?.pueOverride !== undefined) {
    pue = org.pueOverride;
    prov.pue = imputed("organization-setting", "organization PUE setting", pue);
  } else if (location.cloudRegion) {
    pue = location.cloudRegion.pue;
    prov.pue = pueOfRegion(location.cloudRegion);
  } else if (location.cloudProvider) {
    pue = defaults.providerPue[location.cloudProvider].value;
    prov.pue = pueOfProvider[location.cloudProvider];
  } else {
    pue = defaults.industryPue.value;
    prov.pue = PUE_INDUSTRY;
  }
  let wueLitersPerKwh: number;
  if (d.wueLitersPerKwh !== undefined) {
    wueLitersPerKwh = d.wueLitersPerKwh;
    prov.wueLitersPerKwh = DISCLOSED;
  } else if (org?.wueLitersPerKwhOverride !== undefined) {
    wueLitersPerKwh = org.wueLitersPerKwhOverride;
    prov.wueLitersPerKwh = imputed(
      "organization-setting",
      "organization WUE setting",
      wueLitersPerKwh,
    );
  } else if (location.cloudRegion) {
    wueLitersPerKwh = location.cloudRegion.wueLitersPerKwh;
    prov.wueLitersPerKwh = wueOfRegion(location.cloudRegion);
  } else if (location.cloudProvider) {
    wueLitersPerKwh = defaults.providerWueLitersPerKwh[location.cloudProvider].value;
    prov.wueLitersPerKwh = wueOfProvider[location.cloudProvider];
  } else {
    wueLitersPerKwh = defaults.usWue.value;
    prov.wueLitersPerKwh = WUE_US;
  }
  prov.ewifLitersPerKwh = ewifOfCountry(country);

  // --- model, method ---
  let fineTuningMethod: FineTuningMethod;
  if (d.fineTuningMethod !== undefined) {
    fineTuningMethod = d.fineTuningMethod;
    prov.fineTuningMethod = DISCLOSED;
  } else {
    fineTuningMethod = "full";
    prov.fineTuningMethod = METHOD_FULL;
  }
  let parameterCount: number | null = null;
  if (d.baseModelParameterCount !== undefined) {
    parameterCount = d.baseModelParameterCount;
    prov.baseModelParameterCount = DISCLOSED;
  } else if (baseModel) {
    parameterCount = baseModel.parameterCount;
    prov.baseModelParameterCount = parametersOfBaseModel(baseModel);
  }

  // --- utilization ---
  const gpuUtilizationFraction = d.gpuUtilizationFraction ?? defaultGpuUtilizationFraction;
  prov.gpuUtilizationFraction =
    d.gpuUtilizationFraction !== undefined ? DISCLOSED : GPU_UTILIZATION;
  const cpuUtilizationFraction = d.cpuUtilizationFraction ?? defaultCpuUtilizationFraction;
  prov.cpuUtilizationFraction =
    d.cpuUtilizationFraction !== undefined ? DISCLOSED : CPU_UTILIZATION;

  // --- duration ---
  let reservedDurationHours: number;
  if (d.reservedDurationHours !== undefined) {
    reservedDurationHours = d.reservedDurationHours;
    prov.reservedDurationHours = DISCLOSED;
  } else if (d.tokensIncludingPadding !== undefined) {
    if (parameterCount === null) {
      throw new InsufficientDataError(
        "baseModelParameterCount",
        `needed to predict time from tokens, and "${d.baseModel}" is not a known base model; disclose baseModelParameterCount or reservedDurationHours`,
      );
    }
    reservedDurationHours = hoursFromTokens({
      tokensIncludingPadding: d.tokensIncludingPadding,
      parameterCount,
      fineTuningMethod,
      gpuCount,
      peakTflops16Dense: gpu.peakTflops16Dense,
      modelFlopsUtilization: modelFlopsUtilization.value,
    });
    prov.reservedDurationHours = imputed(
      "time-from-tokens",
      timeFromTokensSourceOf(gpu),
      reservedDurationHours,
    );
  } else if (d.measuredEnergyKwh !== undefined) {
    const watts = clusterItPowerWatts({
      gpu,
      server,
      gpuCount,
      serverCount,
      cpuCount,
      gpuUtilizationFraction,
      cpuUtilizationFraction,
    });
    reservedDurationHours = (d.measuredEnergyKwh * 1000) / watts;
    prov.reservedDurationHours = imputed(
      "time-from-measured-energy",
      "measured IT energy / modelled cluster IT power (METHODOLOGY.md s.3)",
      reservedDurationHours,
    );
  } else {
    throw new InsufficientDataError(
      "reservedDurationHours",
      "cannot estimate: disclose reservedDurationHours, tokensIncludingPadding (with a known base model) or measuredEnergyKwh",
    );
  }

  // --- start time ---
  let startTimeUtc: string;
  if (start !== null) {
    startTimeUtc = start.iso;
    prov.startTime = DISCLOSED;
  } else {
    // baseModel is known here (else the year step threw)
    const published = Date.parse(`${baseModel?.publishedDate}T00:00:00Z`);
    startTimeUtc = new Date(published - reservedDurationHours * MS_PER_HOUR).toISOString();
    prov.startTime = imputed(
      "publish-date-minus-duration",
      `Scope3 fine_tuning.mdx: published model date minus total reserved time; ${baseModel?.source}`,
      startTimeUtc,
    );
  }

  // --- usage ---
  const useLifeDays = d.useLifeDays ?? defaultUseLifeDays;
  prov.useLifeDays = d.useLifeDays !== undefined ? DISCLOSED : USE_LIFE;
  const inferencesPerDay = d.inferencesPerDay ?? defaultInferencesPerDay;
  prov.inferencesPerDay = d.inferencesPerDay !== undefined ? DISCLOSED : INFERENCES;

  if (d.tokensIncludingPadding !== undefined) prov.tokensIncludingPadding = DISCLOSED;
  if (d.measuredEnergyKwh !== undefined) prov.measuredEnergyKwh = DISCLOSED;
  if (d.chainId !== undefined) prov.chainId = DISCLOSED;

  return {
    baseModel: d.baseModel,
    baseModelParameterCount: parameterCount,
    fineTuningMethod,
    startTimeUtc,
    reservedDurationHours,
    gpuUtilizationFraction,
    cpuUtilizationFraction,
    tokensIncludingPadding: d.tokensIncludingPadding ?? null,
    measuredEnergyKwh: d.measuredEnergyKwh ?? null,
    managedService: service?.id ?? null,
    cloudProvider: location.cloudProvider,
    cloudRegion: location.cloudRegion?.region ?? null,
    gridZone: location.gridZone,
    countryCode: location.countryCode,
    gpuModel: gpu.id,
    serverModel: server.id,
    gpuCount,
    serverCount,
    cpuCount,
    pue,
    wueLitersPerKwh,
    ewifLitersPerKwh: country.ewifLitersPerKwh,
    useLifeDays,
    inferencesPerDay,
    chainId: d.chainId ?? null,
    provenance: prov,
  };
}
