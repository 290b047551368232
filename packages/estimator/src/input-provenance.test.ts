import { describe, expect, it } from "vitest";
import { disclosureFields, INPUT_PROVENANCE_FIELDS, parseDisclosure } from "./disclosure.js";
import { DisclosureValidationError } from "./errors.js";
import { estimateNormalized } from "./estimate.js";
import { normalizeDisclosure } from "./normalize.js";

const run = {
  baseModel: "BERT base",
  startTime: "2023-07-15T10:00:00-04:00",
  reservedDurationHours: 1,
  measuredEnergyKwh: 0.5,
  gridZone: "CA-QC",
  gpuModel: "Tesla V100-PCIE-32GB",
  gpuCount: 1,
};
const fromRegion = {
  field: "gridZone",
  rule: "codecarbon-region-zone",
  source: "CodeCarbon region quebec -> CA-QC",
} as const;

describe("inputProvenance (the submitter's derivations)", () => {
  it("lists every disclosure field but the method and itself", () => {
    expect([...INPUT_PROVENANCE_FIELDS].sort()).toEqual(
      disclosureFields.filter((f) => f !== "method" && f !== "inputProvenance").sort(),
    );
  });

  it("turns a derived field's provenance from disclosed into the submitter's rule", () => {
    const plain = normalizeDisclosure(parseDisclosure(run));
    expect(plain.provenance.gridZone).toEqual({ status: "disclosed" });
    const derived = normalizeDisclosure(
      parseDisclosure({
        ...run,
        inputProvenance: [
          fromRegion,
          { field: "startTime", rule: "codecarbon-local-time-zone", source: "America/Toronto" },
        ],
      }),
    );
    expect(derived.provenance.gridZone).toEqual({
      status: "imputed",
      rule: fromRegion.rule,
      source: fromRegion.source,
      value: "CA-QC",
    });
    // the value is the canonical one used: 10:00-04:00 = 14:00Z
    expect(derived.provenance.startTime).toMatchObject({
      status: "imputed",
      rule: "codecarbon-local-time-zone",
      value: "2023-07-15T14:00:00.000Z",
    });
    expect(derived.provenance.gpuModel).toEqual({ status: "disclosed" });
    // the figures do not move: only the provenance says where the inputs came from
    expect(estimateNormalized(derived, null).totalCarbonKgCo2e).toBe(
      estimateNormalized(plain, null).totalCarbonKgCo2e,
    );
  });

  it("rejects an entry for a field that is not disclosed, or twice, naming it", () => {
    const parse = (inputProvenance: unknown[]) => () =>
      parseDisclosure({ ...run, inputProvenance });
    expect(parse([{ ...fromRegion, field: "cloudRegion" }])).toThrow(
      /inputProvenance\.0\.field: "cloudRegion" is not disclosed/,
    );
    expect(parse([fromRegion, fromRegion])).toThrow(
      /inputProvenance\.1\.field: "gridZone" appears more than once/,
    );
    expect(parse([{ ...fromRegion, field: "method" }])).toThrow(DisclosureValidationError);
    expect(parse([{ ...fromRegion, rule: "" }])).toThrow(/inputProvenance\.0\.rule/);
  });
});
