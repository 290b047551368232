/**
 * Regenerates `packages/estimator/data/*.json` from the raw public files in `/work/shared/data/`
 * (override with REFERENCE_DATA_DIR) joined with the curated rows of `./curated.ts`.
 *
 *   npm run build:reference -w packages/estimator
 *
 * The only place in the repo that reads the raw files; the estimator and its tests read the JSON.
 * Re-runnable and deterministic: same inputs, byte-identical outputs.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import countries from "i18n-iso-countries";
import { buildGpuCatalogue, fail, num, round } from "./build-gpus.js";
import {
  cpuOnlyServer,
  curatedBaseModels,
  curatedGpus,
  curatedManagedServices,
  curatedRegions,
  curatedServers,
  defaultServerByFormFactor,
  defaultServerByGpu,
  fallbackServer,
  gpuIdleFractionOfTdp,
  gpuOfYear,
  mlco2ZoneRenames,
  personalComputerServers,
  regionZoneSource,
  scope3EwifLitersPerKwh,
} from "./curated.js";
import { epochRowExtras } from "./curated-gpus.js";

const RAW = process.env.REFERENCE_DATA_DIR ?? "/work/shared/data";
const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "data");

type Row = Record<string, string>;
const text = (p: string) => readFileSync(join(RAW, p), "utf8");
const json = (p: string) => JSON.parse(text(p));
/** CSV with a header row; `skipFirst` drops Green Algorithms' notes row above the header. */
function csv(p: string, skipFirst = false): Row[] {
  return parse(text(p), {
    columns: (h: string[]) => h.map((c) => c.trim()),
    bom: true,
    from_line: skipFirst ? 2 : 1,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  });
}
function write(name: string, value: unknown) {
  writeFileSync(join(OUT, name), `${JSON.stringify(value, null, 2)}\n`);
  console.log(`wrote data/${name}`);
}

// ---------- hardware ----------
const mlco2Gpus = csv("hardware_power/mlco2_impact_gpus.csv");
const gaGpus = csv("hardware_power/greenalgorithms_TDP_gpu.csv", true);
const codecarbonCpus = csv("hardware_power/codecarbon_cpu_power.csv");
const ccfAwsUse = csv("hardware_power/ccf_coefficients-aws-use.csv");
const ccfAwsEmbodied = csv("hardware_power/ccf_coefficients-aws-embodied.csv");
const gaReference = csv("hardware_power/greenalgorithms_referenceValues.csv", true);

const epochHardware = csv("hardware_power/epoch_ml_hardware.csv");
const { gpus, skippedEpochRows } = buildGpuCatalogue(
  curatedGpus,
  {
    epoch: epochHardware,
    mlco2: mlco2Gpus,
    greenAlgorithms: gaGpus,
    idleFraction: gpuIdleFractionOfTdp,
  },
  epochRowExtras,
);
console.log(
  `GPU catalogue: ${gpus.length} entries (${curatedGpus.length} curated); ${skippedEpochRows.length} Epoch rows without TDP, memory or FLOP/s left out`,
);
const gpuIds = new Set(gpus.map((g) => g.id));

const servers = curatedServers.map((s) => {
  // cpuSockets 0: the CPU is inside the GPU's package (Apple silicon), no CPU / idle rows
  const cpu =
    s.cpuSockets === 0
      ? { TDP: "0" }
      : (codecarbonCpus.find((r) => r.Name === s.cpuModel) ??
        fail(`codecarbon cpu_power.csv has no "${s.cpuModel}"`));
  const arch =
    s.ccfArchitecture === null
      ? { "Min Watts": "0" }
      : (ccfAwsUse.find((r) => r.Architecture === s.ccfArchitecture) ??
        fail(`CCF aws-use has no "${s.ccfArchitecture}"`));
  const idleWattsPerVcpu = num(arch["Min Watts"]) ?? fail(`${s.ccfArchitecture}: no Min Watts`);
  // a CPU-only server (0 GPU slots) names "none" (NO_ACCELERATOR in src/reference.ts)
  const gpuOk =
    s.gpusPerServer === 0 ? s.defaultGpuModel === "none" : gpuIds.has(s.defaultGpuModel);
  if (!gpuOk) fail(`${s.id}: unknown GPU ${s.defaultGpuModel}`);
  let embodied: { value: number; source: string };
  if ("ccfAwsInstance" in s.embodiedCarbonKgCo2e) {
    const inst = s.embodiedCarbonKgCo2e.ccfAwsInstance;
    const row =
      ccfAwsEmbodied.find((r) => r.type === inst) ?? fail(`CCF aws-embodied has no ${inst}`);
    const total = num(row.total) ?? fail(`${inst}: no total`);
    const gpusPart = num(row.additional_gpus) ?? 0;
    embodied = {
      value: round(total - gpusPart, 2),
      source: `CCF coefficients aws-embodied.csv ${inst}: total ${total} minus additional_gpus ${gpusPart} kgCO2e (GPUs are counted per GPU) (Apache-2.0)`,
    };
  } else {
    embodied = s.embodiedCarbonKgCo2e;
  }
  return {
    id: s.id,
    name: s.name,
    aliases: s.aliases,
    gpusPerServer: s.gpusPerServer,
    defaultGpuModel: s.defaultGpuModel,
    cpuModel: s.cpuModel,
    cpuSockets: s.cpuSockets,
    cpuTdpWatts: num(cpu.TDP) ?? fail(`${s.cpuModel}: no TDP`),
    vcpuCount: s.vcpuCount,
    idlePowerExGpuWatts: round(idleWattsPerVcpu * s.vcpuCount, 2),
    memoryGb: s.memoryGb,
    embodiedCarbonKgCo2e: embodied.value,
    source: {
      configuration: s.source,
      cpuTdp:
        s.cpuSockets === 0
          ? "0 W: the CPU is inside the SoC package, whose power is the GPU entry's board power"
          : `codecarbon cpu_power.csv row "${s.cpuModel}" (MIT)`,
      idlePower:
        s.ccfArchitecture === null
          ? "0 W: idle power is the SoC package's (the GPU entry's idle power)"
          : `CCF coefficients aws-use.csv ${s.ccfArchitecture}: ${round(idleWattsPerVcpu)} W per vCPU at idle x ${s.vcpuCount} vCPUs (SPECpower, Apache-2.0)`,
      embodiedCarbon: embodied.source,
    },
  };
});
for (const [gpu, server] of Object.entries(defaultServerByGpu)) {
  if (!gpuIds.has(gpu) || !servers.some((s) => s.id === server)) fail(`defaultServerByGpu ${gpu}`);
}
for (const server of personalComputerServers) {
  if (!servers.some((s) => s.id === server)) fail(`personalComputerServers ${server}`);
}
for (const [form, server] of Object.entries(defaultServerByFormFactor)) {
  if (!servers.some((s) => s.id === server)) fail(`defaultServerByFormFactor ${form}`);
}
if (!servers.some((s) => s.id === cpuOnlyServer && s.gpusPerServer === 0)) fail("cpuOnlyServer");
const memoryRow = gaReference.find((r) => r.variable === "memoryPower") ?? fail("memoryPower");
write("hardware.json", {
  gpus,
  servers,
  defaultServerByGpu,
  defaultServerByFormFactor,
  personalComputerServers,
  fallbackServer,
  cpuOnlyServer,
  gpuOfYear,
  memoryPowerWattsPerGb: {
    value: num(memoryRow.value),
    source: "Green Algorithms referenceValues.csv memoryPower (CC BY 4.0)",
  },
});

// ---------- grid zones (Electricity Maps yearly, via co2js) ----------
const YEARS = [2021, 2022, 2023, 2024, 2025] as const;
/** Latest complete calendar year in the release: the zone's headline annual figure. */
const HEADLINE_YEAR = 2024;
type EmYearly = Record<
  string,
  { zone: { zoneName: string; countryName?: string }; carbonIntensity: { value: number } }
>;
const emYearly = Object.fromEntries(
  YEARS.map((y) => [
    y,
    json(`country_intensity/co2js_electricitymaps_yearly_${y}.json`) as EmYearly,
  ]),
) as Record<number, EmYearly>;

/** p05/p95 of the hourly life-cycle intensity, for zones with hourly files (intensity bounds). */
const hourlyFiles: Record<string, string[]> = {
  DE: ["electricitymaps_eu/DE_2023_hourly.csv", "electricitymaps_eu/DE_2024_hourly.csv"],
  FR: ["electricitymaps_eu/FR_2023_hourly.csv", "electricitymaps_eu/FR_2024_hourly.csv"],
  GB: ["electricitymaps_eu/GB_2023_hourly.csv", "electricitymaps_eu/GB_2024_hourly.csv"],
  SE: ["electricitymaps_eu/SE_2023_hourly.csv", "electricitymaps_eu/SE_2024_hourly.csv"],
  "US-CAL-CISO": [
    "electricitymaps_us/US-CAL-CISO_2023_hourly.csv",
    "electricitymaps_us/US-CAL-CISO_2024_hourly.csv",
  ],
  "US-MIDA-PJM": [
    "electricitymaps_us/US-MIDA-PJM_2023_hourly.csv",
    "electricitymaps_us/US-MIDA-PJM_2024_hourly.csv",
  ],
  "US-NW-PACW": ["electricitymaps_us/US-NW-PACW_2023_hourly.csv"],
  "US-NW-BPAT": ["electricitymaps_us/US-NW-BPAT_2023_hourly.csv"],
  "US-NW-PGE": ["electricitymaps_us/US-NW-PGE_2023_hourly.csv"],
};
function percentile(sorted: number[], p: number): number {
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}
const hourlyRange: Record<
  string,
  { p05GPerKwh: number; p95GPerKwh: number; hours: number; files: string[] }
> = {};
for (const [zone, files] of Object.entries(hourlyFiles)) {
  const values: number[] = [];
  for (const f of files) {
    for (const r of csv(`grid_ci_hourly/${f}`)) {
      const key =
        Object.keys(r).find((k) => /\((LCA|Life cycle)\)/i.test(k)) ??
        fail(`${f}: no life-cycle column`);
      const v = num(r[key]);
      if (v !== null) values.push(v);
    }
  }
  values.sort((a, b) => a - b);
  hourlyRange[zone] = {
    p05GPerKwh: round(percentile(values, 0.05), 2),
    p95GPerKwh: round(percentile(values, 0.95), 2),
    hours: values.length,
    files: files.map((f) => `grid_ci_hourly/${f}`),
  };
}

const zoneIds = Object.keys(emYearly[HEADLINE_YEAR]!).sort();
const CO2JS_SOURCE =
  "Electricity Maps yearly zone averages (via thegreenwebfoundation/co2.js), ODbL 1.0";

/**
 * Earlier years (before the co2.js series) from the mlco2/impact snapshot of electricityMap yearly
 * averages: zone id (today's, after `mlco2ZoneRenames`) -> year -> { value, hours }. A year is kept
 * only when its average covers at least half of that year's hours (`no_hours_with_data`): the
 * snapshot's partial years (2020: January-April, 2021: to September; US zones from July 2018)
 * otherwise price a run at one season. Years the co2.js series has are never taken from here.
 */
const MLCO2_YEARLY =
  "country_intensity/mlco2_impact_electricitymaps_yearly_averages_2021-10-27.csv";
const MIN_YEAR_COVERAGE = 0.5;
const hoursInYear = (y: number) => (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 8784 : 8760);
const earlierYears: Record<string, Record<string, { value: number; hours: number }>> = {};
for (const r of csv(MLCO2_YEARLY)) {
  const zone = mlco2ZoneRenames[r.zone_key!] ?? r.zone_key!;
  const year = Number(r.year);
  const value = num(r.carbon_intensity_avg);
  const hours = num(r.no_hours_with_data) ?? 0;
  if (!zoneIds.includes(zone) || value === null || (YEARS as readonly number[]).includes(year))
    continue;
  if (hours < MIN_YEAR_COVERAGE * hoursInYear(year)) continue;
  earlierYears[zone] ??= {};
  const years = earlierYears[zone];
  // a renamed key and today's key for the same year: today's key wins
  if (years[year] === undefined || r.zone_key === zone)
    years[year] = { value: round(value, 2), hours };
}
for (const [from, to] of Object.entries(mlco2ZoneRenames)) {
  if (!zoneIds.includes(to))
    fail(`mlco2ZoneRenames ${from} -> ${to}: not an Electricity Maps zone`);
}

const gridZones = zoneIds.map((id) => {
  const rec = emYearly[HEADLINE_YEAR]![id]!;
  const byYear: Record<string, number> = {};
  const early = earlierYears[id] ?? {};
  const earlyYears = Object.keys(early)
    .map(Number)
    .sort((a, b) => a - b);
  for (const y of earlyYears) byYear[y] = early[y]!.value;
  const co2jsYears: number[] = [];
  for (const y of YEARS) {
    const v = emYearly[y]![id]?.carbonIntensity.value;
    if (typeof v === "number" && Number.isFinite(v)) {
      byYear[y] = v;
      co2jsYears.push(y);
    }
  }
  const sources = [
    ...(earlyYears.length > 0
      ? [
          {
            years: earlyYears,
            source: `electricityMap yearly averages of ${earlyYears.map((y) => `${y} (${early[y]!.hours} h)`).join(", ")} via mlco2/impact data/2021-10-27yearly_averages.csv @d0d3ee5 (MIT repository; values Electricity Maps), years covering >= 50 % of their hours`,
          },
        ]
      : []),
    { years: co2jsYears, source: CO2JS_SOURCE },
  ];
  return {
    id,
    countryCode: id.split("-")[0]!,
    name: rec.zone.zoneName,
    annualIntensityGPerKwh: rec.carbonIntensity.value,
    year: HEADLINE_YEAR,
    annualIntensityByYearGPerKwh: byYear,
    annualIntensitySources: sources,
    signal: "life-cycle" as const,
    hourlyIntensityRange: hourlyRange[id] ?? null,
    source: CO2JS_SOURCE,
  };
});
console.log(
  `grid zones: ${gridZones.length}; ${Object.keys(earlierYears).length} with years before ${YEARS[0]} from mlco2/impact (${Object.values(earlierYears).reduce((n, y) => n + Object.keys(y).length, 0)} zone-years)`,
);
for (const zone of Object.keys(hourlyFiles)) {
  if (!zoneIds.includes(zone)) fail(`hourly zone ${zone} has no annual average`);
}
write("grid-zones.json", gridZones);

// ---------- countries: annual intensity + EWIF ----------
type Ember = Record<
  string,
  {
    country_code: string;
    country_or_region: string;
    year: number;
    emissions_intensity_gco2_per_kwh: number;
  }
>;
const ember = json("country_intensity/co2js_ember_average_intensities.json") as Ember;
type Mix = Record<string, Record<string, number | string>>;
const mix = json("country_intensity/codecarbon_global_energy_mix.json") as Mix;
const waterPerSource = json("water/codecarbon_water_consumption_per_source.json") as Record<
  string,
  number | string
>;
const GAL_PER_MWH_TO_L_PER_KWH = 3.785411784 / 1000;
const waterFactor = (k: string) => Number(waterPerSource[k]) * GAL_PER_MWH_TO_L_PER_KWH;
/** Generation (TWh) -> water factor (L/kWh). Hydro: 0 (operational consumption, Macknick factors as used by Ren et al.); sources without a factor: world average. */
const ewifTerms: [string, number][] = [
  ["coal_TWh", waterFactor("coal")],
  ["gas_TWh", waterFactor("natural_gas")],
  ["nuclear_TWh", waterFactor("nuclear")],
  ["solar_TWh", waterFactor("solar")],
  ["wind_TWh", waterFactor("wind")],
  ["hydroelectricity_TWh", 0],
  ["oil_TWh", waterFactor("world_average")],
  ["biofuel_TWh", waterFactor("world_average")],
  ["other_renewable_exc_biofuel_TWh", waterFactor("world_average")],
];
function mixEwif(m: Record<string, number | string>): number | null {
  let litres = 0;
  let twh = 0;
  for (const [k, f] of ewifTerms) {
    const v = Number(m[k] ?? 0);
    if (!Number.isFinite(v)) continue;
    litres += v * f;
    twh += v;
  }
  return twh > 0 ? litres / twh : null;
}

const countryCodes = new Set<string>();
for (const id of zoneIds) if (/^[A-Z]{2}$/.test(id)) countryCodes.add(id);
for (const e of Object.values(ember)) {
  const a2 = e.country_code ? countries.alpha3ToAlpha2(e.country_code) : undefined;
  if (a2) countryCodes.add(a2);
}
const countryRows = [...countryCodes].sort().map((code) => {
  const a3 = countries.alpha2ToAlpha3(code);
  const em = emYearly[HEADLINE_YEAR]![code];
  const emberRow = a3 ? ember[a3] : undefined;
  const intensity = em
    ? {
        value: em.carbonIntensity.value,
        year: HEADLINE_YEAR,
        source: "Electricity Maps yearly zone average (via co2.js), ODbL 1.0",
      }
    : emberRow
      ? {
          value: emberRow.emissions_intensity_gco2_per_kwh,
          year: emberRow.year,
          source: "Ember yearly electricity data (via co2.js), CC BY-SA 4.0",
        }
      : null;
  const mixRow = a3 ? mix[a3] : undefined;
  const scope3 = scope3EwifLitersPerKwh[code];
  const derived = mixRow ? mixEwif(mixRow) : null;
  const ewif =
    scope3 !== undefined
      ? { value: scope3, source: "Scope3 water defaults (METHODOLOGY.md s.6)" }
      : derived !== null
        ? {
            value: round(derived),
            source: `generation mix ${mixRow?.year} (codecarbon global_energy_mix.json, OWID/Ember) x water per source (Meldrum et al. 2013 via codecarbon; hydro 0; other sources world average)`,
          }
        : {
            value: round(waterFactor("world_average")),
            source: "world average 216.62 gal/MWh (codecarbon water_consumption_per_source.json)",
          };
  return {
    code,
    name: countries.getName(code, "en") ?? em?.zone.zoneName ?? emberRow?.country_or_region ?? code,
    annualIntensityGPerKwh: intensity?.value ?? null,
    year: intensity?.year ?? null,
    intensitySource: intensity?.source ?? null,
    ewifLitersPerKwh: ewif.value,
    ewifSource: ewif.source,
  };
});
const countriesOut = countryRows.filter((c) => c.annualIntensityGPerKwh !== null);
write("countries.json", countriesOut);

// ---------- cloud regions: zone, PUE, WUE ----------
const gaDatacenters = csv("cloud_regions/greenalgorithms_cloudProviders_datacenters.csv", true);
const gaPueDefaults = csv("cloud_regions/greenalgorithms_defaults_PUE.csv", true);
const mlco2Regions = csv("cloud_regions/mlco2_impact_regions.csv");
const providerWue = json("cloud_regions/cloud_provider_wue.json") as {
  provider: string;
  region: string | null;
  WUE: number;
}[];
const providerDefaultPue = (p: string) => {
  const row = gaPueDefaults.find((r) => r.provider === p) ?? fail(`no default PUE for ${p}`);
  return {
    value: num(row.PUE)!,
    source: `Green Algorithms defaults_PUE.csv ${p} (${row.source}) (CC BY 4.0)`,
  };
};
const WUE_PROVIDER = { aws: "AWS", gcp: "GCP", azure: "Azure" } as const;
const cloudRegions = curatedRegions.map((r) => {
  if (!zoneIds.includes(r.gridZone))
    fail(`${r.provider} ${r.region}: zone ${r.gridZone} not in Electricity Maps data`);
  const gaName = r.greenAlgorithmsName ?? (r.provider === "azure" ? r.name : r.region);
  const ga = gaDatacenters.find((d) => d.provider === r.provider && d.Name === gaName);
  const ml = mlco2Regions.find((d) => d.provider === r.provider && d.region === r.region);
  const gaPue = num(ga?.PUE);
  const mlPue = num(ml?.PUE);
  const pue =
    gaPue !== null
      ? {
          value: gaPue,
          source: `Green Algorithms cloudProviders_datacenters.csv ${r.provider} ${gaName} (${ga?.source_PUE}) (CC BY 4.0)`,
        }
      : mlPue !== null
        ? {
            value: mlPue,
            source: `mlco2/impact impact.csv ${r.provider} ${r.region} (${ml?.["PUE source"]}) (MIT)`,
          }
        : providerDefaultPue(r.provider);
  const wueRow =
    providerWue.find(
      (w) => w.provider === WUE_PROVIDER[r.provider] && w.region === (r.azureGeography ?? null),
    ) ??
    providerWue.find((w) => w.provider === WUE_PROVIDER[r.provider] && w.region === null) ??
    fail(`no WUE for ${r.provider}`);
  return {
    provider: r.provider,
    region: r.region,
    name: r.name,
    gridZone: r.gridZone,
    countryCode: r.countryCode,
    pue: pue.value,
    wueLitersPerKwh: wueRow.WUE,
    source: {
      gridZone: regionZoneSource,
      pue: pue.source,
      wue: `cloud_provider_wue.json ${wueRow.provider}${wueRow.region ? ` ${wueRow.region}` : " (global)"}, provider sustainability reports 2022/2023 via Green Software Foundation water-cloud plugin (MIT)`,
    },
  };
});
const unknown = providerDefaultPue("Unknown");
write("cloud-regions.json", cloudRegions);
write("location-defaults.json", {
  providerPue: Object.fromEntries(["aws", "gcp", "azure"].map((p) => [p, providerDefaultPue(p)])),
  providerWueLitersPerKwh: Object.fromEntries(
    (["aws", "gcp", "azure"] as const).map((p) => {
      const w = providerWue.find((x) => x.provider === WUE_PROVIDER[p] && x.region === null)!;
      return [p, { value: w.WUE, source: `cloud_provider_wue.json ${w.provider} (global) (MIT)` }];
    }),
  ),
  industryPue: unknown,
  usWue: {
    value: 1.8,
    source:
      "US average WUE 1.8 L/kWh, LBNL 2016 US Data Center Energy Usage Report (METHODOLOGY.md s.6)",
  },
  personalComputerPue: {
    value: 1,
    source:
      'a personal computer has no facility overhead: PUE 1, as the Green Algorithms calculator sets for platform "Personal computer" (GreenAlgorithms/green-algorithms-tool blueprints/form/form_blueprint.py; Lannelongue et al. 2021, METHODOLOGY.md s.2)',
  },
  personalComputerWueLitersPerKwh: {
    value: 0,
    source:
      "a personal computer has no on-site cooling water: on-site water is data-center cooling (Li, Yang, Islam, Ren 2023, METHODOLOGY.md s.6); off-site water (EWIF) still counts",
  },
  minPublishedPue: {
    value: Math.min(...cloudRegions.map((c) => c.pue)),
    source: "lowest PUE among the cloud regions of cloud-regions.json",
  },
  minPublishedWueLitersPerKwh: {
    value: Math.min(...providerWue.map((w) => w.WUE)),
    source: "lowest WUE in cloud_provider_wue.json",
  },
  defaultCountry: {
    value: "US",
    source: "Scope3 fine_tuning.mdx: use the US as a relatively high-carbon country",
  },
  defaultUsZone: {
    value: "US",
    source:
      "Electricity Maps country aggregate for the United States (no single US zone is representative)",
  },
});

// ---------- models and managed services ----------
for (const m of curatedManagedServices) {
  if (!servers.some((s) => s.id === m.serverModel) || !gpuIds.has(m.gpuModel))
    fail(`${m.id}: hardware`);
  for (const reg of m.regions)
    if (!cloudRegions.some((c) => c.provider === m.provider && c.region === reg))
      fail(`${m.id}: region ${reg}`);
}
write("managed-services.json", curatedManagedServices);
write("base-models.json", curatedBaseModels);
for (const g of gpuOfYear) if (!gpuIds.has(g.gpuModel)) fail(`gpuOfYear ${g.gpuModel}`);
