import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { hfCardMetadata, hfCardYaml } from "./hf-card.js";

const input = {
  totalCarbonKgCo2e: 12.80456,
  methodologyVersion: "1.0.0",
  method: "finetrace",
  gridZone: "US-CAL-CISO",
  cloudProvider: "aws",
  cloudRegion: "us-west-1",
  gpuModel: "A100-SXM4-80GB",
  gpuCount: 4,
};

describe("hfCardMetadata", () => {
  it("gives emissions in grams with the location and hardware", () => {
    // 12.80456 kgCO2e * 1000 = 12,804.56 g -> rounded to 0.1 g = 12,804.6.
    expect(hfCardMetadata(input).co2_eq_emissions).toMatchObject({
      emissions: 12804.6,
      training_type: "fine-tuning",
      geographical_location: "AWS us-west-1 (grid zone US-CAL-CISO)",
      hardware_used: "4 x A100-SXM4-80GB",
    });
  });

  it("names measured energy in the source and falls back to the zone for the location", () => {
    const card = hfCardMetadata({ ...input, method: "measured", cloudProvider: null });
    expect(card.co2_eq_emissions.source).toMatch(/measured energy/);
    expect(card.co2_eq_emissions.geographical_location).toBe("grid zone US-CAL-CISO");
  });

  it("renders YAML that parses back to the same metadata", () => {
    expect(parse(hfCardYaml(input))).toEqual(hfCardMetadata(input));
  });
});
