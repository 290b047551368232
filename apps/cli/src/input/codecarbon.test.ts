import { describe, expect, it } from "vitest";
import { codeCarbonGpuModel, codeCarbonRowToDisclosure, isCodeCarbonHeader } from "./codecarbon.js";

const row = {
  timestamp: "2024-07-15T14:02:11",
  project_name: "llama2-lora-support",
  run_id: "0c2e1a8e",
  duration: "21600.0",
  energy_consumed: "8.8878",
  country_iso_code: "USA",
  cloud_provider: "aws",
  cloud_region: "us-west-1",
  gpu_count: "4",
  gpu_model: "4 x NVIDIA A100-SXM4-80GB",
  pue: "1.0",
  emissions: "2.03",
};

describe("codeCarbonRowToDisclosure", () => {
  it("turns a row into a measured run that ends at the timestamp", () => {
    const result = codeCarbonRowToDisclosure(row, 0);
    if (!("record" in result)) throw new Error(JSON.stringify(result.issues));
    // end 14:02:11Z minus 21,600 s (6 h) = start 08:02:11Z; 21,600 / 3600 = 6 h reserved.
    expect(result.record).toEqual({
      externalId: "0c2e1a8e",
      input: {
        baseModel: "llama2-lora-support",
        startTime: "2024-07-15T08:02:11.000Z",
        reservedDurationHours: 6,
        measuredEnergyKwh: 8.8878,
        gpuCount: 4,
        gpuModel: "NVIDIA A100-SXM4-80GB",
        cloudProvider: "aws",
        cloudRegion: "us-west-1",
        countryCode: "US",
      },
    });
  });

  it("applies the offset of naive timestamps and the base-model override", () => {
    const result = codeCarbonRowToDisclosure(
      { ...row, cloud_provider: "", country_iso_code: "FRA", duration: "7200" },
      3,
      { utcOffset: "+02:00", baseModel: "Llama 2" },
    );
    if (!("record" in result)) throw new Error("expected a record");
    // 14:02:11+02:00 = 12:02:11Z, minus 2 h = 10:02:11Z.
    expect(result.record.input.startTime).toBe("2024-07-15T10:02:11.000Z");
    expect(result.record.input.baseModel).toBe("Llama 2");
    expect(result.record.input.countryCode).toBe("FR");
    expect(result.record.input.cloudProvider).toBeUndefined();
  });

  it("names each bad column and produces no record", () => {
    const result = codeCarbonRowToDisclosure(
      { ...row, energy_consumed: "abc", duration: "0", run_id: "" },
      7,
    );
    expect("issues" in result && result.issues.map((i) => i.path).sort()).toEqual([
      "duration",
      "energy_consumed",
      "run_id",
    ]);
    expect("issues" in result && result.issues.every((i) => i.index === 7)).toBe(true);
  });
});

describe("CodeCarbon header and GPU names", () => {
  it("recognises the documented header only", () => {
    expect(
      isCodeCarbonHeader([
        "timestamp",
        "run_id",
        "duration",
        "energy_consumed",
        "codecarbon_version",
      ]),
    ).toBe(true);
    expect(isCodeCarbonHeader(["externalId", "baseModel", "duration"])).toBe(false);
  });
  it("strips the count prefix", () => {
    expect(codeCarbonGpuModel("1 x NVIDIA RTX A5000")).toBe("NVIDIA RTX A5000");
    expect(codeCarbonGpuModel("")).toBeUndefined();
  });
});
