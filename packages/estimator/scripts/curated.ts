/**
 * Hand-curated reference rows that no file in `/work/shared/data/` provides, each with its source.
 * `build-reference-data.ts` joins them with the raw public files and writes `data/*.json`.
 * Keep every value here sourced: a constant without a source is a bug (COMMON.md).
 */

export { type CuratedGpu, curatedGpus, type FormFactor } from "./curated-gpus.js";

/**
 * GPU idle power as a fraction of TDP. Teads' AWS EC2 carbon dataset (Benjamin Davy, 2021, the
 * data behind Cloud Carbon Footprint) measures p4d.24xlarge GPUs at 0 % load: 371.6 W for 8 A100
 * (400 W TDP) -> 46.45 W each -> 0.116 of TDP. Applied to every GPU for lack of per-model data.
 */
export const gpuIdleFractionOfTdp = {
  value: 371.6 / 8 / 400,
  source:
    "Teads AWS EC2 carbon dataset (Davy 2021): p4d.24xlarge GPU power at 0 % load 371.6 W / 8 A100 / 400 W TDP",
};

/** A server (or cloud instance) model. CPU TDPs come from codecarbon cpu_power.csv by cpuModel. */
export interface CuratedServer {
  id: string;
  name: string;
  aliases: string[];
  gpusPerServer: number;
  defaultGpuModel: string;
  cpuModel: string;
  cpuSockets: number;
  /** Hardware threads (vCPUs) of the whole server. */
  vcpuCount: number;
  /**
   * Microarchitecture row in ccf_coefficients-aws-use.csv for per-vCPU idle watts; null for a host
   * whose CPU is inside the GPU's package (Apple silicon: idle and CPU power are the SoC's).
   */
  ccfArchitecture: string | null;
  memoryGb: number;
  /** Embodied emissions of the server without GPUs. */
  embodiedCarbonKgCo2e: { value: number; source: string } | { ccfAwsInstance: string };
  source: string;
}

const HPE_APOLLO_EMBODIED = {
  value: 2500,
  source:
    "HPE product carbon footprint for a similar server (Scope3 training.mdx; METHODOLOGY.md s.5)",
};
const HPE_APOLLO_PROXY_EMBODIED = {
  value: 2500,
  source:
    "no published product carbon footprint: HPE Apollo 6500 value (2500 kgCO2e, METHODOLOGY.md s.5) used as proxy",
};

const BOAVIZTA_FACTORS =
  "Boavizta boaviztapi data/factors.yml @1ab707f (NegaOctet / ADEME Base Impacts via Boavizta)";

/**
 * Single-GPU hosts (METHODOLOGY.md s.3a): a desktop workstation (consumer and workstation cards),
 * a laptop (laptop GPUs) and an Apple-silicon laptop (integrated SoC). Embodied values are
 * Boavizta's user-terminal factors; CPU TDP and idle come from the same tables as the servers.
 */
export const singleGpuHosts: CuratedServer[] = [
  {
    id: "workstation-1gpu",
    name: "Desktop workstation, 1 GPU",
    aliases: ["workstation", "desktop"],
    gpusPerServer: 1,
    defaultGpuModel: "RTX-3090",
    cpuModel: "AMD Ryzen 9 5900X",
    cpuSockets: 1,
    vcpuCount: 24,
    ccfArchitecture: "EPYC 3rd Gen",
    memoryGb: 32,
    embodiedCarbonKgCo2e: {
      value: 277,
      source: `${BOAVIZTA_FACTORS}: DESKTOP gwp pro 277 kgCO2e embodied (no monitor)`,
    },
    source:
      "Finetrace reference desktop (METHODOLOGY.md s.3a): 1 GPU, AMD Ryzen 9 5900X (12 cores, SMT2 = 24 threads, Zen 3: CCF EPYC 3rd Gen per-vCPU idle as proxy), 32 GB RAM",
  },
  {
    id: "laptop-1gpu",
    name: "Laptop, 1 discrete GPU",
    aliases: ["laptop"],
    gpusPerServer: 1,
    defaultGpuModel: "RTX-3060-Laptop",
    cpuModel: "Intel Core i7-11800H",
    cpuSockets: 1,
    vcpuCount: 16,
    ccfArchitecture: "Ice Lake",
    memoryGb: 16,
    embodiedCarbonKgCo2e: {
      value: 181,
      source: `${BOAVIZTA_FACTORS}: LAPTOP gwp pro 181 kgCO2e embodied`,
    },
    source:
      "Finetrace reference laptop (METHODOLOGY.md s.3a): 1 discrete GPU, Intel Core i7-11800H (8 cores, 16 threads, Tiger Lake-H: CCF Ice Lake per-vCPU idle as proxy), 16 GB RAM",
  },
  {
    id: "apple-silicon-laptop",
    name: "Apple silicon laptop (integrated SoC)",
    aliases: ["MacBook", "MacBook Pro", "MacBook Air"],
    gpusPerServer: 1,
    defaultGpuModel: "Apple-M1",
    cpuModel: "Apple silicon (CPU inside the SoC package)",
    cpuSockets: 0,
    vcpuCount: 0,
    ccfArchitecture: null,
    memoryGb: 0,
    embodiedCarbonKgCo2e: {
      value: 181,
      source: `${BOAVIZTA_FACTORS}: LAPTOP gwp pro 181 kgCO2e embodied (the SoC is counted here, not per GPU)`,
    },
    source:
      "Finetrace reference Apple laptop (METHODOLOGY.md s.3a): CPU, GPU and unified memory are one package whose power is the GPU entry's board power, so host idle, CPU and memory terms are 0",
  },
];

/** Host class by GPU form factor, for runs without a disclosed server (METHODOLOGY.md s.3a). */
export const defaultServerByFormFactor: Record<string, string> = {
  consumer: "workstation-1gpu",
  workstation: "workstation-1gpu",
  laptop: "laptop-1gpu",
  soc: "apple-silicon-laptop",
};

/**
 * Hosts that are personal computers, not data-center servers (METHODOLOGY.md s.2, s.6): a laptop
 * and an Apple-silicon laptop. Without a disclosed PUE / WUE, an organization setting or a cloud
 * location, their PUE is 1 (Green Algorithms calculator, platform "Personal computer": PUE 1,
 * GreenAlgorithms/green-algorithms-tool blueprints/form/form_blueprint.py) and their on-site WUE 0.
 * The desktop workstation is not here: consumer and workstation cards also fill GPU-cloud racks.
 */
export const personalComputerServers: string[] = ["laptop-1gpu", "apple-silicon-laptop"];

export const curatedServers: CuratedServer[] = [
  {
    id: "hpe-apollo-6500-gen10-plus",
    name: "HPE Apollo 6500 Gen10 Plus",
    aliases: ["HPE Apollo 6500 Gen10 Plus", "HPE Apollo 6500", "Apollo 6500 Gen10 Plus"],
    gpusPerServer: 8,
    defaultGpuModel: "A100-SXM4-80GB",
    cpuModel: "AMD EPYC 7543",
    cpuSockets: 2,
    vcpuCount: 128,
    ccfArchitecture: "EPYC 3rd Gen",
    memoryGb: 512,
    embodiedCarbonKgCo2e: HPE_APOLLO_EMBODIED,
    source:
      "Luccioni, Viguier, Ligozat 2022 (BLOOM, Jean Zay nodes): 8 A100 80GB, 2 AMD EPYC 7543 (32 cores, SMT2), 512 GB RAM",
  },
  {
    id: "nvidia-dgx-a100",
    name: "NVIDIA DGX A100",
    aliases: ["DGX A100", "NVIDIA DGX A100", "HGX A100"],
    gpusPerServer: 8,
    defaultGpuModel: "A100-SXM4-80GB",
    cpuModel: "AMD EPYC 7742",
    cpuSockets: 2,
    vcpuCount: 256,
    ccfArchitecture: "EPYC 2nd Gen",
    memoryGb: 2048,
    embodiedCarbonKgCo2e: HPE_APOLLO_PROXY_EMBODIED,
    source:
      "NVIDIA DGX A100 datasheet (640GB model): 8 A100 80GB, 2 AMD EPYC 7742 (64 cores), 2 TB RAM",
  },
  {
    id: "nvidia-dgx-h100",
    name: "NVIDIA DGX H100",
    aliases: ["DGX H100", "NVIDIA DGX H100", "HGX H100"],
    gpusPerServer: 8,
    defaultGpuModel: "H100-SXM5-80GB",
    cpuModel: "Intel Xeon Platinum 8480+",
    cpuSockets: 2,
    vcpuCount: 224,
    ccfArchitecture: "Sapphire Rapids",
    memoryGb: 2048,
    embodiedCarbonKgCo2e: HPE_APOLLO_PROXY_EMBODIED,
    source: "NVIDIA DGX H100 datasheet: 8 H100 SXM5, 2 Xeon Platinum 8480C (56 cores), 2 TB RAM",
  },
  {
    id: "aws-p4d.24xlarge",
    name: "AWS p4d.24xlarge",
    aliases: ["p4d.24xlarge", "p4d"],
    gpusPerServer: 8,
    defaultGpuModel: "A100-SXM4-40GB",
    cpuModel: "Intel Xeon Platinum 8275CL",
    cpuSockets: 2,
    vcpuCount: 96,
    ccfArchitecture: "Cascade Lake",
    memoryGb: 1152,
    embodiedCarbonKgCo2e: { ccfAwsInstance: "p4d.24xlarge" },
    source:
      "AWS EC2 P4 instance page: 8 A100 40GB, 96 vCPUs (2 Xeon Platinum 8275CL), 1152 GiB RAM",
  },
  {
    id: "aws-p5.48xlarge",
    name: "AWS p5.48xlarge",
    aliases: ["p5.48xlarge", "p5"],
    gpusPerServer: 8,
    defaultGpuModel: "H100-SXM5-80GB",
    cpuModel: "AMD EPYC 7R13",
    cpuSockets: 2,
    vcpuCount: 192,
    ccfArchitecture: "EPYC 3rd Gen",
    memoryGb: 2048,
    embodiedCarbonKgCo2e: HPE_APOLLO_PROXY_EMBODIED,
    source: "AWS EC2 P5 instance page: 8 H100 80GB, 192 vCPUs (2 AMD EPYC 7R13), 2 TiB RAM",
  },
  ...singleGpuHosts,
  {
    id: "cpu-server-2s",
    name: "CPU-only server, 2 sockets (no GPU)",
    aliases: ["CPU-only server", "CPU server"],
    gpusPerServer: 0,
    defaultGpuModel: "none",
    cpuModel: "Intel Xeon Platinum 8175M",
    cpuSockets: 2,
    vcpuCount: 96,
    ccfArchitecture: "Skylake",
    memoryGb: 384,
    embodiedCarbonKgCo2e: { ccfAwsInstance: "m5.metal" },
    source:
      "AWS EC2 M5 instance page: m5.metal, 96 vCPUs (2 Intel Xeon Platinum 8175M, Skylake), 384 GiB RAM, no GPU (METHODOLOGY.md s.3a: reference host of a CPU-only run)",
  },
];

/**
 * Server assumed when the server model is missing, by GPU (METHODOLOGY.md s.2). Consumer,
 * workstation, laptop and SoC GPUs get their single-GPU host (`defaultServerByFormFactor`); other
 * GPUs not listed (V100, T4, L4, L40S, H100 NVL, A100 PCIe, P100...) have no server configuration
 * in the data and get `fallbackServer` (provenance rule "server-fallback").
 */
export const defaultServerByGpu: Record<string, string> = {
  "A100-SXM4-80GB": "hpe-apollo-6500-gen10-plus",
  "A100-SXM4-40GB": "aws-p4d.24xlarge",
  "H100-SXM5-80GB": "nvidia-dgx-h100",
};
/**
 * Fallback for any other GPU: the reference server of METHODOLOGY.md s.5 (BLOOM's node), whose
 * 2500 kgCO2e is the methodology's default EC_server. A generic stand-in, not the GPU's server.
 */
export const fallbackServer = "hpe-apollo-6500-gen10-plus";
/**
 * Host of a CPU-only run (gpuCount 0) without a disclosed server (METHODOLOGY.md s.3a): a
 * general-purpose 2-socket cloud server (AWS m5.metal), charged whole.
 */
export const cpuOnlyServer = "cpu-server-2s";

/** Most common datacenter GPU by year (METHODOLOGY.md s.2 table; Scope3 fine_tuning.mdx "2022 is Nvidia A100"). */
export const gpuOfYear: {
  fromYear: number;
  toYear: number | null;
  gpuModel: string;
  source: string;
}[] = [
  {
    fromYear: 2017,
    toYear: 2019,
    gpuModel: "V100-SXM2-32GB",
    source:
      "V100 (2017) was the datacenter training GPU before the A100 (2020); Strubell et al. 2019 used V100/P100",
  },
  {
    fromYear: 2020,
    toYear: 2023,
    gpuModel: "A100-SXM4-80GB",
    source:
      "METHODOLOGY.md s.2: 2020-2022 A100, 2023 A100 (Scope3 fine_tuning.mdx: 2022 is Nvidia A100)",
  },
  {
    fromYear: 2024,
    toYear: null,
    gpuModel: "H100-SXM5-80GB",
    source: "METHODOLOGY.md s.2: 2024+ H100",
  },
];

/** Cloud regions: provider region id -> Electricity Maps zone and country. */
export interface CuratedRegion {
  provider: "aws" | "gcp" | "azure";
  region: string;
  name: string;
  gridZone: string;
  countryCode: string;
  /** Azure geography for the provider WUE table (cloud_provider_wue.json). */
  azureGeography?: "Americas" | "Asia Pacific" | "EMEA";
  /** Row name in greenalgorithms_cloudProviders_datacenters.csv when it differs from `region`. */
  greenAlgorithmsName?: string;
}

export const regionZoneSource =
  "Finetrace mapping of the provider's published region location to the Electricity Maps zone of its balancing authority / bidding zone";

export const curatedRegions: CuratedRegion[] = [
  // AWS (https://aws.amazon.com/about-aws/global-infrastructure/regions_az/)
  {
    provider: "aws",
    region: "us-east-1",
    name: "US East (N. Virginia)",
    gridZone: "US-MIDA-PJM",
    countryCode: "US",
  },
  {
    provider: "aws",
    region: "us-east-2",
    name: "US East (Ohio)",
    gridZone: "US-MIDA-PJM",
    countryCode: "US",
  },
  {
    provider: "aws",
    region: "us-west-1",
    name: "US West (N. California)",
    gridZone: "US-CAL-CISO",
    countryCode: "US",
  },
  {
    provider: "aws",
    region: "us-west-2",
    name: "US West (Oregon)",
    gridZone: "US-NW-BPAT",
    countryCode: "US",
  },
  {
    provider: "aws",
    region: "ca-central-1",
    name: "Canada (Central)",
    gridZone: "CA-QC",
    countryCode: "CA",
  },
  {
    provider: "aws",
    region: "eu-west-1",
    name: "Europe (Ireland)",
    gridZone: "IE",
    countryCode: "IE",
  },
  {
    provider: "aws",
    region: "eu-west-2",
    name: "Europe (London)",
    gridZone: "GB",
    countryCode: "GB",
  },
  {
    provider: "aws",
    region: "eu-west-3",
    name: "Europe (Paris)",
    gridZone: "FR",
    countryCode: "FR",
  },
  {
    provider: "aws",
    region: "eu-central-1",
    name: "Europe (Frankfurt)",
    gridZone: "DE",
    countryCode: "DE",
  },
  {
    provider: "aws",
    region: "eu-north-1",
    name: "Europe (Stockholm)",
    gridZone: "SE",
    countryCode: "SE",
  },
  {
    provider: "aws",
    region: "ap-northeast-1",
    name: "Asia Pacific (Tokyo)",
    gridZone: "JP-TK",
    countryCode: "JP",
  },
  {
    provider: "aws",
    region: "ap-southeast-1",
    name: "Asia Pacific (Singapore)",
    gridZone: "SG",
    countryCode: "SG",
  },
  {
    provider: "aws",
    region: "ap-southeast-2",
    name: "Asia Pacific (Sydney)",
    gridZone: "AU-NSW",
    countryCode: "AU",
  },
  {
    provider: "aws",
    region: "ap-south-1",
    name: "Asia Pacific (Mumbai)",
    gridZone: "IN-WE",
    countryCode: "IN",
  },
  {
    provider: "aws",
    region: "sa-east-1",
    name: "South America (Sao Paulo)",
    gridZone: "BR-CS",
    countryCode: "BR",
  },
  // AWS regions added 2026-12-08 (same page): each region's location, the zone of its grid
  {
    provider: "aws",
    region: "us-gov-east-1",
    name: "AWS GovCloud (US-East)",
    gridZone: "US-MIDA-PJM",
    countryCode: "US",
  },
  {
    provider: "aws",
    region: "us-gov-west-1",
    name: "AWS GovCloud (US-West)",
    gridZone: "US-NW-BPAT",
    countryCode: "US",
  },
  {
    provider: "aws",
    region: "ca-west-1",
    name: "Canada West (Calgary)",
    gridZone: "CA-AB",
    countryCode: "CA",
  },
  {
    provider: "aws",
    region: "mx-central-1",
    name: "Mexico (Central)",
    gridZone: "MX",
    countryCode: "MX",
  },
  {
    provider: "aws",
    region: "af-south-1",
    name: "Africa (Cape Town)",
    gridZone: "ZA",
    countryCode: "ZA",
  },
  {
    provider: "aws",
    region: "ap-east-1",
    name: "Asia Pacific (Hong Kong)",
    gridZone: "HK",
    countryCode: "HK",
  },
  {
    provider: "aws",
    region: "ap-south-2",
    name: "Asia Pacific (Hyderabad)",
    gridZone: "IN-SO",
    countryCode: "IN",
  },
  {
    provider: "aws",
    region: "ap-southeast-3",
    name: "Asia Pacific (Jakarta)",
    gridZone: "ID",
    countryCode: "ID",
  },
  {
    provider: "aws",
    region: "ap-southeast-4",
    name: "Asia Pacific (Melbourne)",
    gridZone: "AU-VIC",
    countryCode: "AU",
  },
  {
    provider: "aws",
    region: "ap-southeast-5",
    name: "Asia Pacific (Malaysia)",
    gridZone: "MY-WM",
    countryCode: "MY",
  },
  {
    provider: "aws",
    region: "ap-southeast-7",
    name: "Asia Pacific (Thailand)",
    gridZone: "TH",
    countryCode: "TH",
  },
  {
    provider: "aws",
    region: "ap-northeast-2",
    name: "Asia Pacific (Seoul)",
    gridZone: "KR",
    countryCode: "KR",
  },
  {
    provider: "aws",
    region: "ap-northeast-3",
    name: "Asia Pacific (Osaka)",
    gridZone: "JP-KN",
    countryCode: "JP",
  },
  {
    provider: "aws",
    region: "eu-central-2",
    name: "Europe (Zurich)",
    gridZone: "CH",
    countryCode: "CH",
  },
  {
    provider: "aws",
    region: "eu-south-1",
    name: "Europe (Milan)",
    gridZone: "IT-NO",
    countryCode: "IT",
  },
  {
    provider: "aws",
    region: "eu-south-2",
    name: "Europe (Spain)",
    gridZone: "ES",
    countryCode: "ES",
  },
  {
    provider: "aws",
    region: "il-central-1",
    name: "Israel (Tel Aviv)",
    gridZone: "IL",
    countryCode: "IL",
  },
  {
    provider: "aws",
    region: "me-south-1",
    name: "Middle East (Bahrain)",
    gridZone: "BH",
    countryCode: "BH",
  },
  {
    provider: "aws",
    region: "me-central-1",
    name: "Middle East (UAE)",
    gridZone: "AE",
    countryCode: "AE",
  },
  // GCP (https://cloud.google.com/about/locations)
  {
    provider: "gcp",
    region: "us-central1",
    name: "Iowa",
    gridZone: "US-MIDW-MISO",
    countryCode: "US",
  },
  {
    provider: "gcp",
    region: "us-east1",
    name: "South Carolina",
    gridZone: "US-CAR-SCEG",
    countryCode: "US",
  },
  {
    provider: "gcp",
    region: "us-east4",
    name: "Northern Virginia",
    gridZone: "US-MIDA-PJM",
    countryCode: "US",
  },
  {
    provider: "gcp",
    region: "us-west1",
    name: "Oregon",
    gridZone: "US-NW-BPAT",
    countryCode: "US",
  },
  {
    provider: "gcp",
    region: "us-west2",
    name: "Los Angeles",
    gridZone: "US-CAL-LDWP",
    countryCode: "US",
  },
  {
    provider: "gcp",
    region: "northamerica-northeast1",
    name: "Montreal",
    gridZone: "CA-QC",
    countryCode: "CA",
  },
  { provider: "gcp", region: "europe-west1", name: "Belgium", gridZone: "BE", countryCode: "BE" },
  { provider: "gcp", region: "europe-west2", name: "London", gridZone: "GB", countryCode: "GB" },
  { provider: "gcp", region: "europe-west3", name: "Frankfurt", gridZone: "DE", countryCode: "DE" },
  {
    provider: "gcp",
    region: "europe-west4",
    name: "Netherlands",
    gridZone: "NL",
    countryCode: "NL",
  },
  { provider: "gcp", region: "europe-west9", name: "Paris", gridZone: "FR", countryCode: "FR" },
  { provider: "gcp", region: "europe-north1", name: "Finland", gridZone: "FI", countryCode: "FI" },
  {
    provider: "gcp",
    region: "asia-northeast1",
    name: "Tokyo",
    gridZone: "JP-TK",
    countryCode: "JP",
  },
  {
    provider: "gcp",
    region: "asia-southeast1",
    name: "Singapore",
    gridZone: "SG",
    countryCode: "SG",
  },
  { provider: "gcp", region: "asia-south1", name: "Mumbai", gridZone: "IN-WE", countryCode: "IN" },
  {
    provider: "gcp",
    region: "australia-southeast1",
    name: "Sydney",
    gridZone: "AU-NSW",
    countryCode: "AU",
  },
  // GCP regions added 2026-12-08 (same page; us-central2 = Pryor, Oklahoma: GRDA, in SPP)
  {
    provider: "gcp",
    region: "us-central2",
    name: "Oklahoma",
    gridZone: "US-CENT-SWPP",
    countryCode: "US",
  },
  {
    provider: "gcp",
    region: "us-east5",
    name: "Columbus",
    gridZone: "US-MIDA-PJM",
    countryCode: "US",
  },
  {
    provider: "gcp",
    region: "us-south1",
    name: "Dallas",
    gridZone: "US-TEX-ERCO",
    countryCode: "US",
  },
  {
    provider: "gcp",
    region: "us-west3",
    name: "Salt Lake City",
    gridZone: "US-NW-PACE",
    countryCode: "US",
  },
  {
    provider: "gcp",
    region: "us-west4",
    name: "Las Vegas",
    gridZone: "US-NW-NEVP",
    countryCode: "US",
  },
  {
    provider: "gcp",
    region: "northamerica-northeast2",
    name: "Toronto",
    gridZone: "CA-ON",
    countryCode: "CA",
  },
  {
    provider: "gcp",
    region: "northamerica-south1",
    name: "Querétaro",
    gridZone: "MX",
    countryCode: "MX",
  },
  {
    provider: "gcp",
    region: "southamerica-east1",
    name: "São Paulo",
    gridZone: "BR-CS",
    countryCode: "BR",
  },
  {
    provider: "gcp",
    region: "southamerica-west1",
    name: "Santiago",
    gridZone: "CL-SEN",
    countryCode: "CL",
  },
  {
    provider: "gcp",
    region: "europe-central2",
    name: "Warsaw",
    gridZone: "PL",
    countryCode: "PL",
  },
  {
    provider: "gcp",
    region: "europe-north2",
    name: "Stockholm",
    gridZone: "SE",
    countryCode: "SE",
  },
  {
    provider: "gcp",
    region: "europe-southwest1",
    name: "Madrid",
    gridZone: "ES",
    countryCode: "ES",
  },
  {
    provider: "gcp",
    region: "europe-west6",
    name: "Zurich",
    gridZone: "CH",
    countryCode: "CH",
  },
  {
    provider: "gcp",
    region: "europe-west8",
    name: "Milan",
    gridZone: "IT-NO",
    countryCode: "IT",
  },
  {
    provider: "gcp",
    region: "europe-west10",
    name: "Berlin",
    gridZone: "DE",
    countryCode: "DE",
  },
  {
    provider: "gcp",
    region: "europe-west12",
    name: "Turin",
    gridZone: "IT-NO",
    countryCode: "IT",
  },
  {
    provider: "gcp",
    region: "me-central1",
    name: "Doha",
    gridZone: "QA",
    countryCode: "QA",
  },
  {
    provider: "gcp",
    region: "me-central2",
    name: "Dammam",
    gridZone: "SA",
    countryCode: "SA",
  },
  {
    provider: "gcp",
    region: "me-west1",
    name: "Tel Aviv",
    gridZone: "IL",
    countryCode: "IL",
  },
  {
    provider: "gcp",
    region: "africa-south1",
    name: "Johannesburg",
    gridZone: "ZA",
    countryCode: "ZA",
  },
  {
    provider: "gcp",
    region: "asia-east1",
    name: "Taiwan",
    gridZone: "TW",
    countryCode: "TW",
  },
  {
    provider: "gcp",
    region: "asia-east2",
    name: "Hong Kong",
    gridZone: "HK",
    countryCode: "HK",
  },
  {
    provider: "gcp",
    region: "asia-northeast2",
    name: "Osaka",
    gridZone: "JP-KN",
    countryCode: "JP",
  },
  {
    provider: "gcp",
    region: "asia-northeast3",
    name: "Seoul",
    gridZone: "KR",
    countryCode: "KR",
  },
  {
    provider: "gcp",
    region: "asia-south2",
    name: "Delhi",
    gridZone: "IN-NO",
    countryCode: "IN",
  },
  {
    provider: "gcp",
    region: "asia-southeast2",
    name: "Jakarta",
    gridZone: "ID",
    countryCode: "ID",
  },
  {
    provider: "gcp",
    region: "australia-southeast2",
    name: "Melbourne",
    gridZone: "AU-VIC",
    countryCode: "AU",
  },
  // Azure (https://azure.microsoft.com/explore/global-infrastructure/geographies/)
  {
    provider: "azure",
    region: "eastus",
    name: "East US",
    gridZone: "US-MIDA-PJM",
    countryCode: "US",
    azureGeography: "Americas",
  },
  {
    provider: "azure",
    region: "eastus2",
    name: "East US 2",
    gridZone: "US-MIDA-PJM",
    countryCode: "US",
    azureGeography: "Americas",
  },
  {
    provider: "azure",
    region: "centralus",
    name: "Central US",
    gridZone: "US-MIDW-MISO",
    countryCode: "US",
    azureGeography: "Americas",
  },
  {
    provider: "azure",
    region: "southcentralus",
    name: "South Central US",
    gridZone: "US-TEX-ERCO",
    countryCode: "US",
    azureGeography: "Americas",
  },
  {
    provider: "azure",
    region: "westus",
    name: "West US",
    gridZone: "US-CAL-CISO",
    countryCode: "US",
    azureGeography: "Americas",
  },
  {
    provider: "azure",
    region: "westus2",
    name: "West US 2",
    gridZone: "US-NW-GCPD",
    countryCode: "US",
    azureGeography: "Americas",
  },
  {
    provider: "azure",
    region: "westus3",
    name: "West US 3",
    gridZone: "US-SW-SRP",
    countryCode: "US",
    azureGeography: "Americas",
  },
  {
    provider: "azure",
    region: "canadacentral",
    name: "Canada Central",
    gridZone: "CA-ON",
    countryCode: "CA",
    azureGeography: "Americas",
  },
  {
    provider: "azure",
    region: "northeurope",
    name: "North Europe",
    gridZone: "IE",
    countryCode: "IE",
    azureGeography: "EMEA",
  },
  {
    provider: "azure",
    region: "westeurope",
    name: "West Europe",
    gridZone: "NL",
    countryCode: "NL",
    azureGeography: "EMEA",
  },
  {
    provider: "azure",
    region: "uksouth",
    name: "UK South",
    gridZone: "GB",
    countryCode: "GB",
    azureGeography: "EMEA",
  },
  {
    provider: "azure",
    region: "francecentral",
    name: "France Central",
    gridZone: "FR",
    countryCode: "FR",
    azureGeography: "EMEA",
  },
  {
    provider: "azure",
    region: "germanywestcentral",
    name: "Germany West Central",
    gridZone: "DE",
    countryCode: "DE",
    azureGeography: "EMEA",
    greenAlgorithmsName: "Germany West Central (Public)",
  },
  {
    provider: "azure",
    region: "swedencentral",
    name: "Sweden Central",
    gridZone: "SE",
    countryCode: "SE",
    azureGeography: "EMEA",
  },
  {
    provider: "azure",
    region: "japaneast",
    name: "Japan East",
    gridZone: "JP-TK",
    countryCode: "JP",
    azureGeography: "Asia Pacific",
  },
  {
    provider: "azure",
    region: "southeastasia",
    name: "Southeast Asia",
    gridZone: "SG",
    countryCode: "SG",
    azureGeography: "Asia Pacific",
  },
  {
    provider: "azure",
    region: "australiaeast",
    name: "Australia East",
    gridZone: "AU-NSW",
    countryCode: "AU",
    azureGeography: "Asia Pacific",
  },
  // Azure regions added 2026-12-08 (https://datacenters.microsoft.com/globe/explore; West
  // Central US = Cheyenne, Wyoming: WACM; North Central US = Chicago: PJM's ComEd zone)
  {
    provider: "azure",
    region: "northcentralus",
    name: "North Central US",
    gridZone: "US-MIDA-PJM",
    countryCode: "US",
    azureGeography: "Americas",
  },
  {
    provider: "azure",
    region: "westcentralus",
    name: "West Central US",
    gridZone: "US-NW-WACM",
    countryCode: "US",
    azureGeography: "Americas",
  },
  {
    provider: "azure",
    region: "canadaeast",
    name: "Canada East",
    gridZone: "CA-QC",
    countryCode: "CA",
    azureGeography: "Americas",
  },
  {
    provider: "azure",
    region: "brazilsouth",
    name: "Brazil South",
    gridZone: "BR-CS",
    countryCode: "BR",
    azureGeography: "Americas",
  },
  {
    provider: "azure",
    region: "mexicocentral",
    name: "Mexico Central",
    gridZone: "MX",
    countryCode: "MX",
    azureGeography: "Americas",
  },
  {
    provider: "azure",
    region: "ukwest",
    name: "UK West",
    gridZone: "GB",
    countryCode: "GB",
    azureGeography: "EMEA",
  },
  {
    provider: "azure",
    region: "francesouth",
    name: "France South",
    gridZone: "FR",
    countryCode: "FR",
    azureGeography: "EMEA",
  },
  {
    provider: "azure",
    region: "switzerlandnorth",
    name: "Switzerland North",
    gridZone: "CH",
    countryCode: "CH",
    azureGeography: "EMEA",
  },
  {
    provider: "azure",
    region: "norwayeast",
    name: "Norway East",
    gridZone: "NO-NO1",
    countryCode: "NO",
    azureGeography: "EMEA",
  },
  {
    provider: "azure",
    region: "polandcentral",
    name: "Poland Central",
    gridZone: "PL",
    countryCode: "PL",
    azureGeography: "EMEA",
  },
  {
    provider: "azure",
    region: "italynorth",
    name: "Italy North",
    gridZone: "IT-NO",
    countryCode: "IT",
    azureGeography: "EMEA",
  },
  {
    provider: "azure",
    region: "spaincentral",
    name: "Spain Central",
    gridZone: "ES",
    countryCode: "ES",
    azureGeography: "EMEA",
  },
  {
    provider: "azure",
    region: "uaenorth",
    name: "UAE North",
    gridZone: "AE",
    countryCode: "AE",
    azureGeography: "EMEA",
  },
  {
    provider: "azure",
    region: "qatarcentral",
    name: "Qatar Central",
    gridZone: "QA",
    countryCode: "QA",
    azureGeography: "EMEA",
  },
  {
    provider: "azure",
    region: "israelcentral",
    name: "Israel Central",
    gridZone: "IL",
    countryCode: "IL",
    azureGeography: "EMEA",
  },
  {
    provider: "azure",
    region: "southafricanorth",
    name: "South Africa North",
    gridZone: "ZA",
    countryCode: "ZA",
    azureGeography: "EMEA",
  },
  {
    provider: "azure",
    region: "centralindia",
    name: "Central India",
    gridZone: "IN-WE",
    countryCode: "IN",
    azureGeography: "Asia Pacific",
  },
  {
    provider: "azure",
    region: "southindia",
    name: "South India",
    gridZone: "IN-SO",
    countryCode: "IN",
    azureGeography: "Asia Pacific",
  },
  {
    provider: "azure",
    region: "westindia",
    name: "West India",
    gridZone: "IN-WE",
    countryCode: "IN",
    azureGeography: "Asia Pacific",
  },
  {
    provider: "azure",
    region: "japanwest",
    name: "Japan West",
    gridZone: "JP-KN",
    countryCode: "JP",
    azureGeography: "Asia Pacific",
  },
  {
    provider: "azure",
    region: "koreacentral",
    name: "Korea Central",
    gridZone: "KR",
    countryCode: "KR",
    azureGeography: "Asia Pacific",
  },
  {
    provider: "azure",
    region: "koreasouth",
    name: "Korea South",
    gridZone: "KR",
    countryCode: "KR",
    azureGeography: "Asia Pacific",
  },
  {
    provider: "azure",
    region: "eastasia",
    name: "East Asia",
    gridZone: "HK",
    countryCode: "HK",
    azureGeography: "Asia Pacific",
  },
  {
    provider: "azure",
    region: "australiasoutheast",
    name: "Australia Southeast",
    gridZone: "AU-VIC",
    countryCode: "AU",
    azureGeography: "Asia Pacific",
  },
  {
    provider: "azure",
    region: "australiacentral",
    name: "Australia Central",
    gridZone: "AU-NSW",
    countryCode: "AU",
    azureGeography: "Asia Pacific",
  },
];

/** Managed fine-tuning services: the instance assumed and the regions offered. */
export const curatedManagedServices = [
  {
    id: "aws-bedrock",
    name: "Amazon Bedrock (model customization)",
    aliases: ["aws-bedrock", "AWS Bedrock", "Amazon Bedrock", "bedrock"],
    provider: "aws" as const,
    serverModel: "aws-p4d.24xlarge",
    gpuModel: "A100-SXM4-40GB",
    gpuCount: 8,
    serverCount: 1,
    regions: ["us-east-1", "us-west-2"],
    source:
      "Finetrace assumption (METHODOLOGY.md s.2): one p4d.24xlarge (8x A100 40GB), the AWS instance for A100 training; Bedrock model customization is offered in us-east-1 and us-west-2 (AWS Bedrock docs, 'Supported Regions for model customization')",
  },
];

/**
 * Base models: parameter count and publish date (for the start-time rule of METHODOLOGY.md s.2).
 * When a family name ("Llama 2") is disclosed without a size, the smallest size is used and flagged.
 */
export const curatedBaseModels = [
  {
    id: "llama-2-7b",
    name: "Llama 2 7B",
    aliases: ["Llama 2", "Llama-2", "llama2", "meta-llama/Llama-2-7b-hf", "Llama-2-7b"],
    parameterCount: 7_000_000_000,
    publishedDate: "2023-07-18",
    source:
      "Touvron et al. 2023, Llama 2 (arXiv:2307.09288), released 2023-07-18; family name maps to the 7B size",
  },
  {
    id: "llama-2-13b",
    name: "Llama 2 13B",
    aliases: ["meta-llama/Llama-2-13b-hf", "Llama-2-13b"],
    parameterCount: 13_000_000_000,
    publishedDate: "2023-07-18",
    source: "Touvron et al. 2023 (arXiv:2307.09288)",
  },
  {
    id: "llama-2-70b",
    name: "Llama 2 70B",
    aliases: ["meta-llama/Llama-2-70b-hf", "Llama-2-70b"],
    parameterCount: 70_000_000_000,
    publishedDate: "2023-07-18",
    source: "Touvron et al. 2023 (arXiv:2307.09288)",
  },
  {
    id: "llama-3-8b",
    name: "Llama 3 8B",
    aliases: ["Llama 3", "Llama-3", "meta-llama/Meta-Llama-3-8B", "Meta-Llama-3-8B"],
    parameterCount: 8_000_000_000,
    publishedDate: "2024-04-18",
    source: "Meta Llama 3 model card, released 2024-04-18; family name maps to 8B",
  },
  {
    id: "llama-3-70b",
    name: "Llama 3 70B",
    aliases: ["meta-llama/Meta-Llama-3-70B", "Meta-Llama-3-70B"],
    parameterCount: 70_000_000_000,
    publishedDate: "2024-04-18",
    source: "Meta Llama 3 model card",
  },
  {
    id: "llama-3.1-8b",
    name: "Llama 3.1 8B",
    aliases: ["Llama 3.1", "meta-llama/Llama-3.1-8B", "Meta-Llama-3.1-8B"],
    parameterCount: 8_000_000_000,
    publishedDate: "2024-07-23",
    source: "Meta Llama 3.1 model card, released 2024-07-23",
  },
  {
    id: "mistral-7b",
    name: "Mistral 7B",
    aliases: [
      "Mistral",
      "mistralai/Mistral-7B-v0.1",
      "Mistral-7B-v0.1",
      "mistralai/Mistral-7B-Instruct-v0.1",
    ],
    parameterCount: 7_300_000_000,
    publishedDate: "2023-09-27",
    source:
      "Jiang et al. 2023, Mistral 7B (arXiv:2310.06825); 7.3B parameters, released 2023-09-27",
  },
  {
    id: "gemma-7b",
    name: "Gemma 7B",
    aliases: ["Gemma", "google/gemma-7b"],
    parameterCount: 8_540_000_000,
    publishedDate: "2024-02-21",
    source:
      "Gemma Team 2024 (arXiv:2403.08295): 8.54B parameters incl. embeddings, released 2024-02-21",
  },
  {
    id: "bert-base",
    name: "BERT base",
    aliases: ["BERT", "bert-base-uncased", "bert-base-cased", "google-bert/bert-base-uncased"],
    parameterCount: 110_000_000,
    publishedDate: "2018-10-11",
    source: "Devlin et al. 2019, BERT (arXiv:1810.04805 v1 2018-10-11): 110M parameters",
  },
  {
    id: "bert-large",
    name: "BERT large",
    aliases: ["bert-large-uncased", "bert-large-cased"],
    parameterCount: 340_000_000,
    publishedDate: "2018-10-11",
    source: "Devlin et al. 2019 (arXiv:1810.04805): 340M parameters",
  },
  {
    id: "distilbert-base",
    name: "DistilBERT base",
    aliases: ["DistilBERT", "distilbert-base-uncased"],
    parameterCount: 66_000_000,
    publishedDate: "2019-10-02",
    source: "Sanh et al. 2019 (arXiv:1910.01108 v1 2019-10-02): 66M parameters",
  },
  {
    id: "roberta-base",
    name: "RoBERTa base",
    aliases: ["RoBERTa", "roberta-base", "FacebookAI/roberta-base"],
    parameterCount: 125_000_000,
    publishedDate: "2019-07-26",
    source: "Liu et al. 2019 (arXiv:1907.11692 v1 2019-07-26): 125M parameters",
  },
  {
    id: "gpt-2",
    name: "GPT-2 small",
    aliases: ["GPT-2", "gpt2", "openai-community/gpt2"],
    parameterCount: 124_000_000,
    publishedDate: "2019-02-14",
    source:
      "Radford et al. 2019, released 2019-02-14; 124M parameters (Hugging Face gpt2 model card)",
  },
  {
    id: "t5-base",
    name: "T5 base",
    aliases: ["T5", "t5-base", "google-t5/t5-base"],
    parameterCount: 220_000_000,
    publishedDate: "2019-10-23",
    source: "Raffel et al. 2020 (arXiv:1910.10683 v1 2019-10-23): 220M parameters",
  },
  {
    id: "phi-3-mini",
    name: "Phi-3 mini",
    aliases: ["Phi-3", "microsoft/Phi-3-mini-4k-instruct"],
    parameterCount: 3_800_000_000,
    publishedDate: "2024-04-23",
    source: "Abdin et al. 2024 (arXiv:2404.14219): 3.8B parameters, released 2024-04-23",
  },
  ...moreBaseModels(),
];

/**
 * Base models people fine-tune most (Hugging Face hub: the bases of most fine-tuned models),
 * each size with its parameter count and first release date from its paper or model card. A
 * family name without a size ("Qwen2.5", "Code Llama") is an alias of the smallest size, as for
 * Llama 2 above. Counts are as the source gives them (e.g. Qwen2.5 7B: 7.61B, embeddings included).
 */
function moreBaseModels() {
  type Size = [size: string, parameterCount: number, aliases: string[]];
  const family = (
    family: string,
    idPrefix: string,
    publishedDate: string,
    citation: string,
    sizes: Size[],
    // false where the family name is already an alias of an entry above (Llama 3.1 -> 8B)
    familyAlias = true,
  ) =>
    sizes.map(([size, parameterCount, aliases], i) => {
      const isFamily = familyAlias && i === 0;
      return {
        id: `${idPrefix}-${size.toLowerCase()}`,
        name: `${family} ${size}`,
        aliases: isFamily ? [family, ...aliases] : aliases,
        parameterCount,
        publishedDate,
        source: `${citation}: ${size} = ${(parameterCount / 1e9).toPrecision(3)}B parameters, released ${publishedDate}${isFamily ? `; family name maps to ${size}` : ""}`,
      };
    });
  return [
    ...family(
      "LLaMA",
      "llama-1",
      "2023-02-27",
      "Touvron et al. 2023, LLaMA (arXiv:2302.13971 v1), Table 2",
      [
        ["7B", 6_700_000_000, ["huggyllama/llama-7b"]],
        ["13B", 13_000_000_000, ["huggyllama/llama-13b"]],
        ["33B", 32_500_000_000, ["huggyllama/llama-30b"]],
        ["65B", 65_200_000_000, ["huggyllama/llama-65b"]],
      ],
    ),
    ...family(
      "Llama 3.1",
      "llama-3.1",
      "2024-07-23",
      "Meta Llama 3.1 model card",
      [
        ["70B", 70_000_000_000, ["meta-llama/Llama-3.1-70B", "Meta-Llama-3.1-70B"]],
        ["405B", 405_000_000_000, ["meta-llama/Llama-3.1-405B", "Meta-Llama-3.1-405B"]],
      ],
      false,
    ),
    ...family("Llama 3.2", "llama-3.2", "2024-09-25", "Meta Llama 3.2 model card", [
      ["1B", 1_230_000_000, ["meta-llama/Llama-3.2-1B"]],
      ["3B", 3_210_000_000, ["meta-llama/Llama-3.2-3B"]],
    ]),
    ...family("Llama 3.3", "llama-3.3", "2024-12-06", "Meta Llama 3.3 model card", [
      ["70B", 70_000_000_000, ["meta-llama/Llama-3.3-70B-Instruct"]],
    ]),
    ...family(
      "Code Llama",
      "code-llama",
      "2023-08-24",
      "Rozière et al. 2023, Code Llama (arXiv:2308.12950)",
      [
        ["7B", 7_000_000_000, ["codellama/CodeLlama-7b-hf"]],
        ["13B", 13_000_000_000, ["codellama/CodeLlama-13b-hf"]],
        ["34B", 34_000_000_000, ["codellama/CodeLlama-34b-hf"]],
      ],
    ),
    ...family(
      "Gemma 2",
      "gemma-2",
      "2024-06-27",
      "Gemma Team 2024, Gemma 2 (arXiv:2408.00118), Table 2 (embedding + non-embedding)",
      [
        ["9B", 9_240_000_000, ["google/gemma-2-9b"]],
        ["27B", 27_200_000_000, ["google/gemma-2-27b"]],
      ],
    ),
    ...family(
      "Qwen2.5",
      "qwen2.5",
      "2024-09-19",
      "Qwen Team 2024, Qwen2.5 (arXiv:2412.15115), Table 1; released with the Qwen2.5 blog post",
      [
        ["0.5B", 490_000_000, ["Qwen/Qwen2.5-0.5B"]],
        ["1.5B", 1_540_000_000, ["Qwen/Qwen2.5-1.5B"]],
        ["3B", 3_090_000_000, ["Qwen/Qwen2.5-3B"]],
        ["7B", 7_610_000_000, ["Qwen/Qwen2.5-7B"]],
        ["14B", 14_700_000_000, ["Qwen/Qwen2.5-14B"]],
        ["32B", 32_500_000_000, ["Qwen/Qwen2.5-32B"]],
        ["72B", 72_700_000_000, ["Qwen/Qwen2.5-72B"]],
      ],
    ),
    ...family(
      "Phi-2",
      "phi-2",
      "2023-12-12",
      'Microsoft Research blog, "Phi-2: The surprising power of small language models"',
      [["2.7B", 2_700_000_000, ["microsoft/phi-2"]]],
    ).map((m) => ({ ...m, name: "Phi-2" })),
    ...family(
      "TinyLlama",
      "tinyllama",
      "2024-01-04",
      "Zhang et al. 2024, TinyLlama (arXiv:2401.02385 v1)",
      [["1.1B", 1_100_000_000, ["TinyLlama/TinyLlama-1.1B-intermediate-step-1431k-3T"]]],
    ),
    ...family(
      "T5",
      "t5",
      "2019-10-23",
      "Raffel et al. 2019, T5 (arXiv:1910.10683 v1), s.3.7",
      [
        ["small", 60_000_000, ["t5-small", "google-t5/t5-small"]],
        ["large", 770_000_000, ["t5-large", "google-t5/t5-large"]],
        ["3B", 3_000_000_000, ["t5-3b", "google-t5/t5-3b"]],
        ["11B", 11_000_000_000, ["t5-11b", "google-t5/t5-11b"]],
      ],
      false,
    ),
    ...family(
      "Flan-T5",
      "flan-t5",
      "2022-10-20",
      "Chung et al. 2022, Scaling Instruction-Finetuned Language Models (arXiv:2210.11416 v1)",
      [
        ["small", 80_000_000, ["google/flan-t5-small"]],
        ["base", 250_000_000, ["google/flan-t5-base"]],
        ["large", 780_000_000, ["google/flan-t5-large"]],
        ["XL", 3_000_000_000, ["google/flan-t5-xl"]],
        ["XXL", 11_000_000_000, ["google/flan-t5-xxl"]],
      ],
    ),
    ...family("BART", "bart", "2019-10-29", "Lewis et al. 2019, BART (arXiv:1910.13461 v1)", [
      ["base", 140_000_000, ["facebook/bart-base"]],
      ["large", 400_000_000, ["facebook/bart-large"]],
    ]),
    ...family(
      "RoBERTa",
      "roberta",
      "2019-07-26",
      "Liu et al. 2019, RoBERTa (arXiv:1907.11692 v1)",
      [["large", 355_000_000, ["roberta-large", "FacebookAI/roberta-large"]]],
      false,
    ),
    ...family(
      "XLM-RoBERTa",
      "xlm-roberta",
      "2019-11-05",
      "Conneau et al. 2019, XLM-R (arXiv:1911.02116 v1), Table 7",
      [
        ["base", 270_000_000, ["xlm-roberta-base", "FacebookAI/xlm-roberta-base"]],
        ["large", 550_000_000, ["xlm-roberta-large", "FacebookAI/xlm-roberta-large"]],
      ],
    ),
    ...family(
      "DeBERTa-v3",
      "deberta-v3",
      "2021-11-18",
      "He et al. 2021, DeBERTaV3 (arXiv:2111.09543 v1): backbone + embedding",
      [
        ["base", 184_000_000, ["microsoft/deberta-v3-base"]],
        ["large", 435_000_000, ["microsoft/deberta-v3-large"]],
      ],
    ),
    ...family("OPT", "opt", "2022-05-02", "Zhang et al. 2022, OPT (arXiv:2205.01068 v1), Table 1", [
      ["125M", 125_000_000, ["facebook/opt-125m"]],
      ["350M", 350_000_000, ["facebook/opt-350m"]],
      ["1.3B", 1_300_000_000, ["facebook/opt-1.3b"]],
      ["2.7B", 2_700_000_000, ["facebook/opt-2.7b"]],
      ["6.7B", 6_700_000_000, ["facebook/opt-6.7b"]],
      ["13B", 13_000_000_000, ["facebook/opt-13b"]],
      ["30B", 30_000_000_000, ["facebook/opt-30b"]],
      ["66B", 66_000_000_000, ["facebook/opt-66b"]],
      ["175B", 175_000_000_000, ["facebook/opt-175b", "OPT-175B"]],
    ]),
    ...family(
      "BLOOM",
      "bloom",
      "2022-07-12",
      "BigScience Workshop 2022, BLOOM (arXiv:2211.05100), Table 3; the 176B model card",
      [["176B", 176_247_271_424, ["bigscience/bloom"]]],
    ),
    ...family(
      "ViT",
      "vit",
      "2020-10-22",
      "Dosovitskiy et al. 2020, An Image is Worth 16x16 Words (arXiv:2010.11929 v1), Table 1",
      [
        ["base", 86_000_000, ["google/vit-base-patch16-224", "vit-base-patch16-224"]],
        ["large", 307_000_000, ["google/vit-large-patch16-224"]],
        ["huge", 632_000_000, ["google/vit-huge-patch14-224-in21k", "ViT Huge"]],
      ],
    ),
    ...family(
      "ResNet",
      "resnet",
      "2015-12-10",
      "He et al. 2015, Deep Residual Learning (arXiv:1512.03385 v1); 25.6M parameters (torchvision)",
      [["50", 25_600_000, ["microsoft/resnet-50", "resnet50", "ResNet-50"]]],
    ),
    ...family(
      "StarCoder",
      "starcoder",
      "2023-05-04",
      "Li et al. 2023, StarCoder (arXiv:2305.06161 v1); StarCoderBase is the same 15.5B model before its Python fine-tune",
      [["15.5B", 15_500_000_000, ["bigcode/starcoder", "bigcode/starcoderbase", "StarCoderBase"]]],
    ),
    ...family(
      "StarCoder2",
      "starcoder2",
      "2024-02-28",
      "Lozhkov et al. 2024, StarCoder 2 (arXiv:2402.19173 v1)",
      [
        ["3B", 3_000_000_000, ["bigcode/starcoder2-3b"]],
        ["7B", 7_000_000_000, ["bigcode/starcoder2-7b"]],
        ["15B", 15_000_000_000, ["bigcode/starcoder2-15b"]],
      ],
    ),
    ...family(
      "Whisper",
      "whisper",
      "2022-09-21",
      "Radford et al. 2022, Whisper (arXiv:2212.04356), Table 1; released 2022-09-21",
      [
        ["tiny", 39_000_000, ["openai/whisper-tiny"]],
        ["base", 74_000_000, ["openai/whisper-base"]],
        ["small", 244_000_000, ["openai/whisper-small"]],
        ["medium", 769_000_000, ["openai/whisper-medium"]],
        ["large", 1_550_000_000, ["openai/whisper-large"]],
      ],
    ),
  ];
}

/** EWIF (L/kWh) defaults named by METHODOLOGY.md s.6 (Scope3 water defaults). */
export const scope3EwifLitersPerKwh: Record<string, number> = {
  US: 3.13,
  FR: 3.67,
  DE: 1.95,
  GB: 2.33,
  IE: 1.48,
  JP: 2.31,
  IN: 3.44,
};

/**
 * Zone keys of the mlco2/impact snapshot of electricityMap yearly averages (2021-10-27) that
 * Electricity Maps has since renamed, -> today's zone id. Only renames of the same area and system
 * operator, as the snapshot's own `Zone Name` column says (AUS-* states -> ISO 3166-2 AU-*; the
 * US ISOs/RTOs -> their EIA-930 balancing-authority ids). Left out: keys whose area changed
 * (US-CA = the State of California, not CAISO; NZ-NZN/NZ-NZS, now one NZ zone; IN-* states, now
 * regional grids) and keys without a same-operator successor.
 */
export const mlco2ZoneRenames: Record<string, string> = {
  "AUS-NSW": "AU-NSW", // "New South Wales"
  "AUS-QLD": "AU-QLD", // "Queensland"
  "AUS-SA": "AU-SA", // "South Australia"
  "AUS-TAS": "AU-TAS", // "Tasmania"
  "AUS-VIC": "AU-VIC", // "Victoria"
  "AUS-WA": "AU-WA", // "Western Australia"
  "US-BPA": "US-NW-BPAT", // "BPA": Bonneville Power Administration
  "US-MISO": "US-MIDW-MISO", // "MISO": Midcontinent ISO
  "US-NEISO": "US-NE-ISNE", // "New England": ISO New England
  "US-NY": "US-NY-NYIS", // "New York": NYISO
  "US-PJM": "US-MIDA-PJM", // "PJM": PJM Interconnection
  "US-SPP": "US-CENT-SWPP", // "SPP": Southwest Power Pool
  "US-TX": "US-TEX-ERCO", // "ERCOT"
};
