/**
 * A run's footprint as Hugging Face model-card metadata, `co2_eq_emissions` (Hugging Face Hub
 * docs, "Displaying carbon emissions for your model"): `emissions` in grams of CO2e, `source`,
 * `training_type` ("pre-training" or "fine-tuning"), `geographical_location`, `hardware_used`.
 */
import { stringify } from "yaml";

/** What the card needs from an estimate (offline `RunEstimate` or a stored `Estimate`). */
export interface HfCardInput {
  /** Operational + embodied carbon of the run, kgCO2e. */
  totalCarbonKgCo2e: number;
  methodologyVersion: string;
  /** "finetrace" (power model) or "measured" (metered energy). */
  method: string;
  gridZone: string;
  cloudProvider: string | null;
  cloudRegion: string | null;
  gpuModel: string;
  gpuCount: number;
}

export interface HfCo2EqEmissions {
  co2_eq_emissions: {
    /** grams of CO2e */
    emissions: number;
    source: string;
    training_type: "fine-tuning";
    geographical_location: string;
    hardware_used: string;
  };
}

/** Build the metadata object. Emissions are rounded to 0.1 g. */
export function hfCardMetadata(input: HfCardInput): HfCo2EqEmissions {
  const energy =
    input.method === "measured"
      ? "measured energy priced at the grid carbon intensity"
      : "estimated energy (power model) priced at the grid carbon intensity";
  const location =
    input.cloudProvider && input.cloudRegion
      ? `${input.cloudProvider.toUpperCase()} ${input.cloudRegion} (grid zone ${input.gridZone})`
      : `grid zone ${input.gridZone}`;
  return {
    co2_eq_emissions: {
      // kgCO2e -> g: x 1000.
      emissions: Math.round(input.totalCarbonKgCo2e * 10_000) / 10,
      source: `Finetrace methodology ${input.methodologyVersion}: ${energy}, plus embodied emissions of the hardware`,
      training_type: "fine-tuning",
      geographical_location: location,
      hardware_used: `${input.gpuCount} x ${input.gpuModel}`,
    },
  };
}

/** The metadata as the YAML block to paste between the `---` lines of a model card. */
export function hfCardYaml(input: HfCardInput): string {
  return stringify(hfCardMetadata(input));
}
