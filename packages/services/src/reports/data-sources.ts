/**
 * Data sources and licenses named in every report's appendix: where the figures' reference data
 * and hourly grid intensity come from, under which license, with the attribution each license
 * asks for (packages/estimator/data/README.md "Attribution and share-alike";
 * /work/shared/data/README.md for the hourly files).
 */
export const REPORT_DATA_SOURCES: readonly {
  name: string;
  use: string;
  license: string;
  attribution: string;
}[] = Object.freeze([
  {
    name: "Electricity Maps",
    use: "hourly grid carbon intensity (life-cycle gCO2e/kWh), RE% and CFE% per zone; annual zone and country intensities",
    license: "ODbL 1.0",
    attribution:
      "Contains Electricity Maps data (electricitymaps.com), licensed under the Open Database License (ODbL 1.0); databases derived from it are shared under ODbL 1.0",
  },
  {
    name: "Ember",
    use: "annual country intensity where Electricity Maps has no yearly value",
    license: "CC BY-SA 4.0",
    attribution: "Ember, Yearly electricity data (CC BY-SA 4.0), via co2.js",
  },
  {
    name: "Epoch AI",
    use: "GPU catalogue (TDP, peak FLOP/s, memory, release year)",
    license: "CC BY 4.0",
    attribution:
      "Epoch AI, 'Data on Machine Learning Hardware', https://epoch.ai/data/machine-learning-hardware",
  },
  {
    name: "Green Algorithms",
    use: "PUE defaults, memory power, GPU TDP",
    license: "CC BY 4.0",
    attribution: "Lannelongue, Grealey & Inouye 2021, Green Algorithms project",
  },
  {
    name: "mlco2/impact, CodeCarbon, Green Software Foundation water-cloud plugin",
    use: "GPU and CPU power, WUE per cloud region, water per generation source",
    license: "MIT",
    attribution:
      "mlco2/impact, mlco2/codecarbon, Green-Software-Foundation/if-plugins contributors",
  },
  {
    name: "Cloud Carbon Footprint coefficients, co2.js",
    use: "per-vCPU power and server embodied carbon; yearly intensities",
    license: "Apache-2.0",
    attribution: "cloud-carbon-footprint/ccf-coefficients; thegreenwebfoundation/co2.js",
  },
]);
