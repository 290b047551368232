import { referenceData } from "@finetrace/estimator";
import { describe, expect, it } from "vitest";
import {
  cloudKernel,
  codeCarbonGpuModel,
  codeCarbonRowToDisclosure,
  isCodeCarbonHeader,
  parseCodeCarbonGpu,
} from "./codecarbon.js";
import {
  gridZoneOfRegion,
  mappedGridZones,
  regionKey,
  resolveLocalTime,
} from "./codecarbon-location.js";

const row = {
  timestamp: "2024-07-15T14:02:11",
  project_name: "llama2-lora-support",
  run_id: "0c2e1a8e",
  duration: "21600.0",
  energy_consumed: "8.8878",
  country_iso_code: "USA",
  region: "california",
  cloud_provider: "aws",
  cloud_region: "us-west-1",
  on_cloud: "Y",
  gpu_count: "4",
  gpu_model: "4 x NVIDIA A100-SXM4-80GB",
  pue: "1.0",
  emissions: "2.03",
};

function convert(r: Record<string, string>, options = {}) {
  const result = codeCarbonRowToDisclosure(r, 0, options);
  if (!("record" in result)) throw new Error(JSON.stringify(result.issues));
  return result.record;
}

describe("codeCarbonRowToDisclosure", () => {
  it("turns a row into a measured run that ends at the timestamp, in California time and CAISO", () => {
    const record = convert({ ...row, on_cloud: "N" });
    // 14:02:11 PDT (-07:00, July) = 21:02:11Z; minus 21,600 s (6 h) = start 15:02:11Z.
    expect(record).toEqual({
      externalId: "0c2e1a8e",
      input: {
        baseModel: "llama2-lora-support",
        startTime: "2024-07-15T15:02:11.000Z",
        reservedDurationHours: 6,
        measuredEnergyKwh: 8.8878,
        gpuCount: 4,
        gpuModel: "NVIDIA A100-SXM4-80GB",
        serverCount: 1, // one machine's log: its 4 GPUs share one host
        countryCode: "US",
        gridZone: "US-CAL-CISO",
        // what the reader derived, for the estimate's provenance (not "disclosed")
        inputProvenance: [
          { field: "baseModel", rule: "codecarbon-project-name", source: expect.any(String) },
          {
            field: "startTime",
            rule: "codecarbon-local-time-zone",
            source: expect.stringContaining("timestamp - duration at America/Los_Angeles, -07:00"),
          },
          {
            field: "gridZone",
            rule: "codecarbon-region-zone",
            source: expect.stringContaining('"california" -> US-CAL-CISO'),
          },
          { field: "serverCount", rule: "codecarbon-one-host", source: expect.any(String) },
        ],
      },
      gridZoneProvenance: {
        status: "imputed",
        rule: "codecarbon-region-zone",
        region: "california",
        gridZone: "US-CAL-CISO",
        source: expect.stringContaining("about 80 % of California"),
      },
      startTimeProvenance: {
        status: "imputed",
        rule: "codecarbon-local-time-zone",
        timeZone: "America/Los_Angeles",
        offset: "-07:00",
        source: expect.stringContaining("IANA"),
      },
    });
  });

  it("reads a cloud row's naive timestamp as UTC (the VM's clock) and keeps its region", () => {
    const record = convert(row);
    // on_cloud Y: 14:02:11 read as 14:02:11Z; minus 6 h = start 08:02:11Z.
    expect(record.input).toMatchObject({
      startTime: "2024-07-15T08:02:11.000Z",
      cloudProvider: "aws",
      cloudRegion: "us-west-1",
    });
    expect(record.startTimeProvenance).toMatchObject({
      rule: "codecarbon-cloud-utc-clock",
      timeZone: "UTC",
      offset: "+00:00",
    });
    // The option still wins: 14:02:11-07:00 = 21:02:11Z, start 15:02:11Z.
    expect(convert(row, { utcOffset: "-07:00" }).input.startTime).toBe("2024-07-15T15:02:11.000Z");
  });

  it("reads a cloud notebook's or Codespace's clock as UTC though on_cloud is N (its kernel says)", () => {
    // MLOps_WhereIsWally on Colab: "2023-10-18T09:15:10", region oregon, os Linux-5.15.120+; the
    // commit that added the row is at 11:11:47Z, so the clock was UTC, not Oregon's -07:00.
    const colab = convert({
      ...row,
      on_cloud: "N",
      cloud_provider: "",
      cloud_region: "",
      timestamp: "2023-10-18T09:15:10",
      duration: "3600",
      os: "Linux-5.15.120+-x86_64-with-glibc2.35",
    });
    // 09:15:10Z - 1 h = 08:15:10Z (read as Oregon time it was 15:15:10Z)
    expect(colab.input.startTime).toBe("2023-10-18T08:15:10.000Z");
    expect(colab.startTimeProvenance).toMatchObject({
      rule: "codecarbon-cloud-kernel-utc-clock",
      source: expect.stringContaining("Container-Optimized OS"),
    });
    expect(cloudKernel("Linux-5.15.0-1073-azure-x86_64-with-glibc2.31")).toMatch(/azure/);
    expect(cloudKernel("Linux-6.8.0-1019-gcp-x86_64-with-glibc2.35")).toMatch(/gcp/);
    // a desktop's and Debian's kernels are not cloud kernels
    expect(cloudKernel("Linux-6.8.0-53-generic-x86_64-with-glibc2.39")).toBeUndefined();
    expect(cloudKernel("Linux-6.12.43+deb13-amd64-x86_64-with-glibc2.41")).toBeUndefined();
    expect(cloudKernel("Linux-6.1.21-v8+-aarch64-with-glibc2.36")).toBeUndefined(); // Raspberry Pi
  });

  it("maps Quebec to the CA-QC zone off the cloud", () => {
    const record = convert({
      ...row,
      country_iso_code: "CAN",
      region: "Québec",
      on_cloud: "N",
      cloud_provider: "",
    });
    expect(record.input.gridZone).toBe("CA-QC");
    expect(record.input.countryCode).toBe("CA");
    expect(record.input.cloudProvider).toBeUndefined();
    expect(record.gridZoneProvenance).toMatchObject({
      rule: "codecarbon-region-zone",
      region: "Québec",
    });
  });

  it("maps a split US state to the balancing authority serving >= 80 % of its load", () => {
    const record = convert({ ...row, on_cloud: "N", cloud_provider: "", region: "texas" });
    expect(record.input.gridZone).toBe("US-TEX-ERCO");
    expect(record.gridZoneProvenance?.source).toMatch(/at least 80 %.*ERCOT serves about 90 %/);
    // A USPS code as some CodeCarbon-format writers put it: California -> CAISO (about 80 %).
    const coded = convert({ ...row, on_cloud: "N", cloud_provider: "", region: "CA" });
    expect(coded.input.gridZone).toBe("US-CAL-CISO");
    expect(coded.startTimeProvenance?.timeZone).toBe("America/Los_Angeles");
  });

  it("keeps the country for a US state with no balancing authority serving 80 % of it", () => {
    const record = convert({ ...row, on_cloud: "N", cloud_provider: "", region: "illinois" });
    expect(record.input.gridZone).toBeUndefined(); // ComEd (PJM) north, Ameren (MISO) south
    expect(record.input.countryCode).toBe("US");
  });

  it("infers CEST (+02:00) for a Danish summer run and CET (+01:00) in winter", () => {
    const danish = { ...row, country_iso_code: "DNK", region: "capital region", on_cloud: "N" };
    // 2023-07-15 10:00 Copenhagen (CEST, +02:00) = 08:00Z; duration 3600 s -> start 07:00Z.
    const summer = convert({ ...danish, timestamp: "2023-07-15T10:00:00", duration: "3600" });
    expect(summer.input.startTime).toBe("2023-07-15T07:00:00.000Z");
    expect(summer.startTimeProvenance).toMatchObject({
      timeZone: "Europe/Copenhagen",
      offset: "+02:00",
    });
    expect(summer.input.gridZone).toBe("DK-DK2");
    // 2023-01-15 10:00 (CET, +01:00) = 09:00Z -> start 08:00Z.
    const winter = convert({ ...danish, timestamp: "2023-01-15T10:00:00", duration: "3600" });
    expect(winter.input.startTime).toBe("2023-01-15T08:00:00.000Z");
    expect(winter.startTimeProvenance?.offset).toBe("+01:00");
  });

  it("resolves Copenhagen 2023-07-15 10:00 local to 08:00Z", () => {
    const local = resolveLocalTime("2023-07-15T10:00:00", "DK", "");
    expect(local).toEqual({
      epochMs: Date.parse("2023-07-15T08:00:00Z"),
      timeZone: "Europe/Copenhagen",
      offset: "+02:00",
      basis: "country",
    });
  });

  it("takes the capital's zone where the country spans several offsets and the region is not listed", () => {
    // Galicia (mainland Spain, not listed): Madrid, CEST +02:00 on 2024-05-10; 12:00 local = 10:00Z.
    const galicia = resolveLocalTime("2024-05-10T12:00:00", "ES", "galicia");
    expect(galicia).toEqual({
      epochMs: Date.parse("2024-05-10T10:00:00Z"),
      timeZone: "Europe/Madrid",
      offset: "+02:00",
      basis: "capital",
      spannedOffsets: ["+01:00", "+02:00"], // Canary Islands WEST +01:00, mainland CEST +02:00
    });
    // The Canary Islands are listed: WEST +01:00, 12:00 local = 11:00Z.
    expect(resolveLocalTime("2024-05-10T12:00:00", "ES", "Canarias")).toMatchObject({
      timeZone: "Atlantic/Canary",
      offset: "+01:00",
      basis: "region",
    });
    // Minas Gerais is listed at Brasília time (-03:00), Amazonas at -04:00; an empty region in
    // Brazil takes the capital's -03:00.
    expect(resolveLocalTime("2024-05-10T12:00:00", "BR", "minas gerais")).toMatchObject({
      timeZone: "America/Sao_Paulo",
      offset: "-03:00",
      basis: "region",
    });
    expect(resolveLocalTime("2024-05-10T12:00:00", "BR", "")).toMatchObject({
      timeZone: "America/Sao_Paulo",
      basis: "capital",
    });
    expect(resolveLocalTime("2024-05-10T12:00:00", "BR", "Amazonas")).toMatchObject({
      epochMs: Date.parse("2024-05-10T16:00:00Z"),
      offset: "-04:00",
      basis: "region",
    });
    // An empty region in Canada: Ottawa's zone, EDT -04:00 in May.
    expect(resolveLocalTime("2024-05-10T12:00:00", "CA", "")).toMatchObject({
      timeZone: "America/Toronto",
      offset: "-04:00",
      basis: "capital",
    });
  });

  it("applies an explicit offset, and keeps an offset written in the timestamp", () => {
    const explicit = convert(
      { ...row, cloud_provider: "", country_iso_code: "FRA", duration: "7200" },
      { utcOffset: "+02:00", baseModel: "Llama 2" },
    );
    // 14:02:11+02:00 = 12:02:11Z, minus 2 h = 10:02:11Z.
    expect(explicit.input.startTime).toBe("2024-07-15T10:02:11.000Z");
    expect(explicit.input.baseModel).toBe("Llama 2");
    expect(explicit.input.countryCode).toBe("FR");
    expect(explicit.startTimeProvenance).toMatchObject({
      rule: "codecarbon-utc-offset-option",
      offset: "+02:00",
    });
    const written = convert({ ...row, timestamp: "2024-07-15T14:02:11.250000+00:00" });
    expect(written.input.startTime).toBe("2024-07-15T08:02:11.250Z");
    expect(written.startTimeProvenance).toBeUndefined();
  });

  it("reads utilization percentages, wue and water where present", () => {
    const record = convert({
      ...row,
      cpu_utilization_percent: "12.5",
      gpu_utilization_percent: "87",
      water_consumed: "4.4439",
      wue: "0",
    });
    expect(record.input.cpuUtilizationFraction).toBe(0.125);
    expect(record.input.gpuUtilizationFraction).toBe(0.87);
    // wue 0 means "not set" in CodeCarbon: 4.4439 L / 8.8878 kWh = 0.5 L/kWh.
    expect(record.input.wueLitersPerKwh).toBeCloseTo(0.5, 12);
    expect(convert({ ...row, wue: "1.8" }).input.wueLitersPerKwh).toBe(1.8);
  });

  it("names each bad column and produces no record", () => {
    const result = codeCarbonRowToDisclosure(
      { ...row, energy_consumed: "abc", duration: "0", gpu_utilization_percent: "140" },
      7,
    );
    expect("issues" in result && result.issues.map((i) => i.path).sort()).toEqual([
      "duration",
      "energy_consumed",
      "gpu_utilization_percent",
    ]);
    expect("issues" in result && result.issues.every((i) => i.index === 7)).toBe(true);
  });

  it("reports a line broken by concurrent writers once, not as a bad column each", () => {
    // Spain-AI's log: fragments such as "38,..." left between rows; timestamp, duration and
    // energy all fail to read
    const broken = codeCarbonRowToDisclosure(
      { ...row, timestamp: "38", duration: "piedmont", energy_consumed: "Italy" },
      270,
    );
    expect("issues" in broken && broken.issues).toEqual([
      {
        index: 270,
        path: "",
        message: expect.stringMatching(
          /^is not a CodeCarbon row: its timestamp \("38"\) and duration and energy_consumed/,
        ),
      },
    ]);
    // Cappetti99's: a timestamp fragment and a region where the energy was
    const cut = codeCarbonRowToDisclosure(
      { ...row, timestamp: "3_173700", energy_consumed: "piedmont" },
      3878,
    );
    expect("issues" in cut && cut.issues.map((i) => [i.path, i.message.slice(0, 26)])).toEqual([
      ["", "is not a CodeCarbon row: i"],
    ]);
    // a bad timestamp alone is the row's own fault, named as such
    const date = codeCarbonRowToDisclosure({ ...row, timestamp: "15/07/2024 14:02" }, 1);
    expect("issues" in date && date.issues.map((i) => i.path)).toEqual(["timestamp"]);
  });

  it("says when the capital's zone was assumed, with the offsets the country spans", () => {
    const record = convert({ ...row, region: "", on_cloud: "N", cloud_provider: "" });
    // US, no region: Washington's zone, EDT -04:00 in July; 14:02:11 local = 18:02:11Z, - 6 h.
    expect(record.input.startTime).toBe("2024-07-15T12:02:11.000Z");
    expect(record.startTimeProvenance).toMatchObject({
      rule: "codecarbon-capital-time-zone",
      timeZone: "America/New_York",
      offset: "-04:00",
      spannedOffsets: expect.arrayContaining(["-10:00", "-07:00", "-04:00"]),
    });
  });

  it("asks for an offset where there is no country or no capital to assume", () => {
    const result = codeCarbonRowToDisclosure(
      { ...row, country_iso_code: "", on_cloud: "N", cloud_provider: "" },
      2,
    );
    expect("issues" in result && result.issues[0]).toMatchObject({
      index: 2,
      path: "timestamp",
      message: expect.stringContaining("--codecarbon-utc-offset"),
    });
    expect(resolveLocalTime("2024-01-10T12:00:00", "AQ", "")).toEqual({
      error: expect.stringContaining("AQ spans UTC offsets"),
    });
  });

  it("names a timestamp a spreadsheet rewrote, as written, with the form CodeCarbon writes", () => {
    const result = codeCarbonRowToDisclosure({ ...row, timestamp: "12/08/2026 19:37" }, 0);
    expect("issues" in result && result.issues[0]).toMatchObject({
      path: "timestamp",
      message: expect.stringMatching(/^"12\/08\/2026 19:37" is not an ISO 8601 date-time/),
    });
  });

  it("sums the energy parts when energy_consumed is empty, and says so", () => {
    const parts = {
      ...row,
      energy_consumed: "",
      cpu_energy: "",
      gpu_energy: "0.25",
      ram_energy: "0.125",
    };
    const record = convert(parts);
    // 0.25 + 0.125 = 0.375 kWh (exact in binary).
    expect(record.input.measuredEnergyKwh).toBe(0.375);
    expect(record.measuredEnergyProvenance).toEqual({
      status: "imputed",
      rule: "codecarbon-energy-parts",
      columns: ["gpu_energy", "ram_energy"],
      source: expect.stringContaining("energy_consumed is empty"),
    });
    expect(convert(row).measuredEnergyProvenance).toBeUndefined();
  });

  it("estimates a row whose only energy part is RAM (no CPU or GPU read) from its hardware", () => {
    // CodeCarbon 3.0 on an Intel Mac (khalidsabban, DeveshKumar): energy_consumed, cpu_energy and
    // gpu_energy empty, ram_energy 0.0001878 kWh over 86 s. RAM energy is CodeCarbon's model.
    const ramOnly = {
      ...row,
      on_cloud: "N",
      gpu_model: "",
      gpu_count: "",
      gpu_power: "",
      energy_consumed: "",
      cpu_energy: "",
      gpu_energy: "",
      ram_energy: "0.0001878",
    };
    const r = convert(ramOnly);
    expect(r.input.measuredEnergyKwh).toBeUndefined();
    expect(r.measuredEnergyProvenance).toMatchObject({
      rule: "codecarbon-no-energy-measured",
      columns: ["ram_energy"],
      source: expect.stringContaining("so are cpu_energy and gpu_energy"),
    });
    // a GPU row without gpu_energy: the sum would miss its largest part
    const noGpu = convert({ ...row, energy_consumed: "", gpu_energy: "", cpu_energy: "0.1" });
    expect(noGpu.input.measuredEnergyKwh).toBeUndefined();
    expect(noGpu.measuredEnergyProvenance?.source).toMatch(/so is gpu_energy/);
  });

  it("estimates a row whose energy columns are all 0 from its hardware, and says so", () => {
    // CodeCarbon 2.5 on WSL2 wrote 0.0 for energy_consumed and every part over a 92 s task.
    const zero = convert({ ...row, on_cloud: "N", energy_consumed: "0.0", gpu_energy: "0.0" });
    expect(zero.input.measuredEnergyKwh).toBeUndefined();
    // The rest of the disclosure stands: 14:02:11 PDT - 6 h = 15:02:11Z, 4 x A100, 6 h.
    expect(zero.input).toMatchObject({
      startTime: "2024-07-15T15:02:11.000Z",
      reservedDurationHours: 6,
      gpuModel: "NVIDIA A100-SXM4-80GB",
      gpuCount: 4,
    });
    expect(zero.measuredEnergyProvenance).toEqual({
      status: "imputed",
      rule: "codecarbon-no-energy-measured",
      columns: ["energy_consumed", "gpu_energy"],
      source: expect.stringContaining("estimated from its GPU, count and duration"),
    });
    // Not an inputProvenance entry: measuredEnergyKwh is not disclosed.
    expect(zero.input.inputProvenance?.map((e) => e.field)).not.toContain("measuredEnergyKwh");
    // energy_consumed empty and the parts written 0: the same.
    const parts = { ...row, energy_consumed: "", gpu_energy: "0", ram_energy: "0" };
    expect(convert(parts).measuredEnergyProvenance?.columns).toEqual(["gpu_energy", "ram_energy"]);
    // Without GPU columns (a pre-2.0 log) there is nothing to estimate from: an error.
    const { gpu_count: _, gpu_model: __, ...legacy } = { ...row, energy_consumed: "0" };
    const rejected = codeCarbonRowToDisclosure(legacy, 0);
    expect("issues" in rejected && rejected.issues[0]?.path).toBe("energy_consumed");
    // A part above 0 means something was read: energy_consumed 0 is then an error too.
    const partial = codeCarbonRowToDisclosure({ ...row, energy_consumed: "0", gpu_energy: "1" }, 0);
    expect("issues" in partial && partial.issues[0]?.path).toBe("energy_consumed");
    expect(convert(row).measuredEnergyProvenance).toBeUndefined();
  });

  it("reads a gpu_model that names the CPU as no GPU (CodeCarbon 3.0.2 on an Intel Mac)", () => {
    const cpu = "Intel(R) Core(TM) i5-7360U CPU @ 2.30GHz";
    const mac = { ...row, on_cloud: "N", gpu_count: "1", gpu_model: cpu, cpu_model: cpu };
    const record = convert({ ...mac, gpu_energy: "" });
    // No GPU: a CPU-only run on a laptop (i5-7360U: U suffix, mobile).
    expect(record.input).toMatchObject({ gpuCount: 0, serverModel: "laptop" });
    expect(record.input.gpuModel).toBeUndefined();
    expect(record.hostProvenance?.source).toContain("gpu_model names a CPU");
    // An Apple SoC written in both columns stays the GPU as written (not imputed).
    const m1 = convert({ ...mac, gpu_model: "Apple M1", cpu_model: "Apple M1" });
    expect(m1.input).toMatchObject({ gpuModel: "Apple M1", gpuCount: 1 });
    expect(m1.gpuModelProvenance).toBeUndefined();
    // Two workstation cards in one log row are one machine: serverCount 1, said so.
    const two = convert({ ...mac, gpu_count: "2", gpu_model: "2 x Quadro P4000" });
    expect(two.input).toMatchObject({ gpuModel: "Quadro P4000", gpuCount: 2, serverCount: 1 });
    expect(two.input.inputProvenance).toContainEqual(
      expect.objectContaining({ field: "serverCount", rule: "codecarbon-one-host" }),
    );
    // A real GPU name beside the same CPU stays the GPU.
    expect(convert({ ...mac, gpu_model: "1 x NVIDIA GeForce RTX 3060" }).input.gpuModel).toBe(
      "NVIDIA GeForce RTX 3060",
    );
  });

  it.each([
    "Windows-10-10.0.26100-SP0",
    "Linux-5.15.153.1-microsoft-standard-WSL2-x86_64-with-glibc2.35",
    "macOS-13.7.6-x86_64-i386-64bit",
    "Darwin-23.1.0-arm64-arm-64bit",
  ])("takes os %s off the cloud for a personal computer: PUE 1, on-site WUE 0", (os) => {
    const record = convert({ ...row, on_cloud: "N", os, gpu_model: "1 x NVIDIA GeForce RTX 3090" });
    expect(record.input).toMatchObject({ pue: 1, wueLitersPerKwh: 0 });
    expect(record.input.inputProvenance).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "pue", rule: "codecarbon-personal-os" }),
        expect.objectContaining({ field: "wueLitersPerKwh", rule: "codecarbon-personal-os" }),
      ]),
    );
  });

  it("keeps the facility averages on Linux, on the cloud, and a user-set pue or wue", () => {
    const windows = { ...row, os: "Windows-11-10.0.22631-SP0" };
    const linux = convert({ ...row, on_cloud: "N", os: "Linux-6.8.0-47-generic-x86_64" });
    expect(linux.input.pue).toBeUndefined();
    expect(linux.input.wueLitersPerKwh).toBeUndefined();
    const cloud = convert(windows); // on_cloud Y (an Azure Windows VM)
    expect(cloud.input.pue).toBeUndefined();
    const set = convert({ ...windows, on_cloud: "N", pue: "1.3", wue: "0.5" });
    expect(set.input).toMatchObject({ pue: 1.3, wueLitersPerKwh: 0.5 });
    expect(set.input.inputProvenance?.map((e) => e.rule)).not.toContain("codecarbon-personal-os");
    // A user-set PUE alone describes a facility too: WUE is not derived from os either.
    const pueOnly = convert({ ...windows, on_cloud: "N", pue: "1.12" });
    expect(pueOnly.input).toMatchObject({ pue: 1.12 });
    expect(pueOnly.input.wueLitersPerKwh).toBeUndefined();
  });

  it("takes an Apple M-series cpu_model for the GPU of a row without one, and says so", () => {
    const mac = { ...row, gpu_model: "", gpu_count: "", cpu_model: "Apple M2 Pro" };
    const record = convert(mac);
    expect(record.input).toMatchObject({ gpuModel: "Apple M2 Pro", gpuCount: 1 });
    expect(record.gpuModelProvenance).toMatchObject({
      rule: "codecarbon-soc-from-cpu-model",
      value: "Apple M2 Pro",
    });
    // A logged GPU is never replaced.
    expect(convert({ ...row, cpu_model: "Apple M1" }).input.gpuModel).toBe("NVIDIA A100-SXM4-80GB");
    // The estimate says the SoC and its count were the reader's, not the log's.
    const derived = (record.input.inputProvenance ?? []).map((e) => [e.field, e.rule]);
    expect(derived).toContainEqual(["gpuModel", "codecarbon-soc-from-cpu-model"]);
    expect(derived).toContainEqual(["gpuCount", "codecarbon-soc-from-cpu-model"]);
  });

  it("lists the host class, the CPU-only count and a water-derived WUE as derived", () => {
    const laptop = convert({
      ...row,
      on_cloud: "N",
      gpu_model: "",
      gpu_count: "0",
      gpu_energy: "0.0",
      cpu_model: "Intel(R) Core(TM) i7-10750H CPU @ 2.60GHz",
      // 0.5 L over 0.25 kWh: 2 L/kWh, within the WUE range, no wue column value
      energy_consumed: "0.25",
      water_consumed: "0.5",
      wue: "0.0",
    });
    const derived = Object.fromEntries(
      (laptop.input.inputProvenance ?? []).map((e) => [e.field, e.rule]),
    );
    expect(laptop.input).toMatchObject({ gpuCount: 0, serverModel: "laptop", wueLitersPerKwh: 2 });
    expect(derived).toMatchObject({
      gpuCount: "codecarbon-cpu-only",
      serverModel: "codecarbon-cpu-only",
      wueLitersPerKwh: "codecarbon-water-ratio",
    });
    // a base model passed on the command line is the user's, not derived
    const named = convert(row, { baseModel: "Llama 2" });
    expect(named.input.inputProvenance?.map((e) => e.field)).not.toContain("baseModel");
  });

  it("makes a row without a GPU on another CPU a CPU-only run (gpuCount 0), and says so", () => {
    const cpu = {
      ...row,
      on_cloud: "N",
      gpu_model: "",
      gpu_count: "",
      gpu_energy: "0.0",
      gpu_power: "0.0",
    };
    const server = convert({ ...cpu, cpu_model: "AMD EPYC 7R13 Processor" });
    expect(server.input.gpuCount).toBe(0);
    expect(server.input.gpuModel).toBeUndefined();
    expect(server.input.serverModel).toBeUndefined(); // the estimator's reference CPU server
    expect(server.gpuModelProvenance).toBeUndefined();
    expect(server.hostProvenance).toEqual({
      status: "imputed",
      rule: "codecarbon-cpu-only",
      cpuModel: "AMD EPYC 7R13 Processor",
      source: expect.stringContaining("CodeCarbon found no GPU"),
    });
    // gpu_count "0" is the same; client CPUs get their host class from the model number.
    const hosts = [
      ["Intel(R) Core(TM) i7-10750H CPU @ 2.60GHz", "laptop"],
      ["11th Gen Intel(R) Core(TM) i7-1165G7 @ 2.80GHz", "laptop"],
      ["Intel(R) Core(TM) Ultra 7 155H", "laptop"],
      ["AMD Ryzen 7 PRO 4750U with Radeon Graphics", "laptop"],
      ["AMD Ryzen AI 9 HX 370 w/ Radeon 890M", "laptop"],
      ["AMD Ryzen 9 5900X 12-Core Processor", "desktop"],
      ["12th Gen Intel(R) Core(TM) i9-12900K", "desktop"],
      // a 2020 MacBook Pro: Apple's NG7 suffix is a mobile part
      ["Intel(R) Core(TM) i7-1068NG7 CPU @ 2.30GHz", "laptop"],
      ["Intel(R) Xeon(R) CPU @ 2.20GHz", undefined],
      // "64-Core" is a server part's core count, not Intel Core
      ["AMD EPYC 7702 64-Core Processor", undefined],
      ["AMD EPYC 9554P 64-Core Processor", undefined],
    ] as const;
    for (const [cpuModel, serverModel] of hosts) {
      const r = convert({ ...cpu, gpu_count: "0", cpu_model: cpuModel });
      expect([cpuModel, r.input.gpuCount, r.input.serverModel]).toEqual([cpuModel, 0, serverModel]);
      expect(r.hostProvenance?.serverModel).toBe(serverModel);
    }
    // On the cloud a client CPU name is a VM's vCPUs (nipreps' GCP row): a server, not a laptop.
    const vm = convert({
      ...cpu,
      gpu_count: "0",
      cpu_model: "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz",
      on_cloud: "Y",
    });
    expect([vm.input.gpuCount, vm.input.serverModel]).toEqual([0, undefined]);
    // Measured GPU energy without a GPU name is a GPU run (the year's GPU), not CPU-only; nor is
    // a file without any GPU column (pre-2.0 layouts).
    expect(convert({ ...cpu, gpu_energy: "0.4" }).input.gpuCount).toBeUndefined();
    const { gpu_model: _m, gpu_count: _c, ...noGpuNameColumns } = cpu;
    const { gpu_energy: _e, gpu_power: _p, ...noGpuColumns } = noGpuNameColumns;
    expect(convert(noGpuColumns).input.gpuCount).toBeUndefined();
    expect(convert(noGpuColumns).hostProvenance).toBeUndefined();
    // 3.2.0-3.2.8 drop the all-empty gpu_count / gpu_model columns of a CPU machine's file, and
    // keep gpu_energy 0: still CPU-only.
    expect(convert(noGpuNameColumns).input.gpuCount).toBe(0);
  });

  it("names a task-mode row's run by run_id and task_name, so the tasks of one run stay apart", () => {
    // CodeCarbon 3.3.0 task mode: one row per task, every row with the run's run_id
    expect(convert({ ...row, task_name: "rollout_0" }).externalId).toBe("0c2e1a8e/rollout_0");
    expect(convert({ ...row, task_name: "" }).externalId).toBe("0c2e1a8e");
    const { run_id: _r, ...noRunId } = row;
    expect(convert({ ...noRunId, experiment_id: "e-1" }).externalId).toBe("e-1");
  });

  it("accepts an alpha-2 country_iso_code as some logs write it", () => {
    // a user-set country_iso_code="ID" is written verbatim; Indonesia spans 3 offsets, so the
    // capital's (Jakarta, +07:00) is assumed: 2024-07-15T14:02:11+07:00 = 07:02:11Z, minus 6 h
    const r = convert({
      ...row,
      on_cloud: "N",
      cloud_provider: "",
      country_iso_code: "ID",
      region: "",
    });
    expect(r.input.countryCode).toBe("ID");
    expect(r.input.startTime).toBe("2024-07-15T01:02:11.000Z");
    expect(codeCarbonRowToDisclosure({ ...row, country_iso_code: "XZ" }, 0)).toMatchObject({
      issues: [{ path: "country_iso_code", message: expect.stringContaining("alpha-2") }],
    });
  });

  it("uses a pue the user set, and leaves a water ratio that is no WUE", () => {
    expect(convert({ ...row, pue: "1.22" }).input.pue).toBe(1.22);
    expect(convert({ ...row, pue: "1.0" }).input.pue).toBeUndefined();
    // CodeCarbon's own fixture: 0.1 L over 0.000574 kWh = 174 L/kWh (> 20): not a WUE, not used.
    const fixture = convert({
      ...row,
      energy_consumed: "0.000574",
      water_consumed: "0.1",
      wue: "0.0",
    });
    expect(fixture.input.wueLitersPerKwh).toBeUndefined();
  });
});

describe("CodeCarbon header, GPU names, region table", () => {
  it("recognises CodeCarbon by its required columns, in any order and padding", () => {
    expect(
      isCodeCarbonHeader([
        "task_name",
        " timestamp  ",
        "project_name",
        "duration",
        "emissions",
        "energy_consumed",
      ]),
    ).toBe(true);
    expect(isCodeCarbonHeader(["externalId", "baseModel", "duration"])).toBe(false);
  });
  it("splits the count prefix", () => {
    expect(parseCodeCarbonGpu("1 x Tesla V100-PCIE-32GB")).toEqual({
      count: 1,
      model: "Tesla V100-PCIE-32GB",
    });
    expect(parseCodeCarbonGpu("Apple M1")).toEqual({ count: undefined, model: "Apple M1" });
    expect(codeCarbonGpuModel("")).toBeUndefined();
  });
  it.each([
    ["IN", "Maharashtra", "IN-WE"],
    ["IN", "tamil nadu", "IN-SO"],
    ["JP", "Tokyo", "JP-TK"],
    ["JP", "osaka", "JP-KN"],
    ["IT", "tuscany", "IT-CNO"],
    ["IT", "emilia-romagna", "IT-NO"],
    ["IT", "lazio", "IT-CSO"],
    ["NO", "trøndelag", "NO-NO3"],
    ["MY", "kuala lumpur", "MY-WM"],
    ["BR", "minas gerais", "BR-CS"],
    ["BR", "rio grande do sul", "BR-S"],
    ["US", "New York", "US-NY-NYIS"],
    ["US", "california", "US-CAL-CISO"],
    ["US", "tennessee", "US-TEN-TVA"],
    ["US", "virginia", "US-MIDA-PJM"],
    ["US", "VA", "US-MIDA-PJM"],
  ])("maps %s region %s to %s", (country, region, zone) => {
    expect(gridZoneOfRegion(country, region)?.gridZone).toBe(zone);
  });

  it("leaves regions that straddle two zones to the country", () => {
    expect(gridZoneOfRegion("JP", "shizuoka")).toBeUndefined(); // Tokyo / Chubu at the Fuji
    expect(gridZoneOfRegion("NO", "vestland")).toBeUndefined();
  });

  it("normalises region names and maps only to zones that exist", () => {
    expect(regionKey("Île-de-France")).toBe("ile-de-france");
    const zones = new Set(referenceData.gridZones.map((z) => z.id));
    expect(mappedGridZones().filter((z) => !zones.has(z))).toEqual([]);
  });
});
