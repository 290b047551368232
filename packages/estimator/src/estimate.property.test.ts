/**
 * Property-based tests (fast-check) of the estimate: non-negativity, monotonicity in hours, GPUs
 * and intensity, provenance completeness, bounds ordering, determinism.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDisclosure, type RunDisclosure } from "./disclosure.js";
import { estimateNormalized } from "./estimate.js";
import { normalizeDisclosure } from "./normalize.js";
import type { SuppliedIntensity } from "./types.js";

/** normalizeDisclosure then estimateNormalized, the pipeline every caller runs. */
const estimate = (d: RunDisclosure, intensity: SuppliedIntensity | null = null) =>
  estimateNormalized(normalizeDisclosure(d), intensity);

const gpuModels = ["A100 80GB", "H100", "A100", "L40S", "T4", "V100"];
const regions = ["us-west-2", "us-east-1", "eu-west-3", "eu-north-1", "ap-northeast-1"];

/** Any valid disclosure, from complete to minimal (every optional field may be missing). */
const disclosureArb: fc.Arbitrary<RunDisclosure> = fc
  .record(
    {
      baseModel: fc.constantFrom("Llama 2", "Mistral 7B", "BERT", "Llama 3"),
      gpuModel: fc.constantFrom(...gpuModels),
      gpuCount: fc.integer({ min: 1, max: 512 }),
      serverCount: fc.integer({ min: 1, max: 64 }),
      cloudProvider: fc.constant("aws" as const),
      cloudRegion: fc.constantFrom(...regions),
      reservedDurationHours: fc.double({ min: 0.01, max: 5000, noNaN: true }),
      tokensIncludingPadding: fc.integer({ min: 1, max: 2_000_000_000 }),
      gpuUtilizationFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      cpuUtilizationFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      startTime: fc
        .date({
          min: new Date("2020-01-01T00:00:00Z"),
          max: new Date("2025-12-31T00:00:00Z"),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString()),
      useLifeDays: fc.double({ min: 0.5, max: 2000, noNaN: true }),
      inferencesPerDay: fc.double({ min: 1, max: 1e9, noNaN: true }),
    },
    { requiredKeys: ["baseModel", "reservedDurationHours"] },
  )
  .map((raw) => parseDisclosure(raw));

const intensityArb: fc.Arbitrary<SuppliedIntensity | null> = fc.option(
  fc.record({
    startHourIntensityGPerKwh: fc.double({ min: 0, max: 1500, noNaN: true }),
    meanIntensityGPerKwh: fc.double({ min: 0, max: 1500, noNaN: true }),
    hourUtc: fc.constant("2024-01-01T00:00:00.000Z"),
    signal: fc.constant("life-cycle" as const),
  }),
);

const quantities = [
  "itEnergyKwh",
  "facilityEnergyKwh",
  "operationalCarbonKgCo2e",
  "operationalCarbonMeanKgCo2e",
  "embodiedCarbonKgCo2e",
  "totalCarbonKgCo2e",
  "onsiteWaterLiters",
  "offsiteWaterLiters",
  "embodiedWaterLiters",
  "totalWaterLiters",
] as const;

describe("estimate properties", () => {
  it("energy, carbon and water are finite and never negative; bounds enclose the point", () => {
    fc.assert(
      fc.property(disclosureArb, intensityArb, (d, intensity) => {
        const e = estimate(d, intensity);
        for (const q of quantities) {
          expect(Number.isFinite(e[q])).toBe(true);
          expect(e[q]).toBeGreaterThanOrEqual(0);
        }
        for (const b of Object.values(e.bounds)) {
          expect(b.low).toBeGreaterThanOrEqual(0);
        }
        const eps = 1e-9;
        expect(e.bounds.facilityEnergyKwh.low).toBeLessThanOrEqual(e.facilityEnergyKwh * (1 + eps));
        expect(e.bounds.facilityEnergyKwh.high).toBeGreaterThanOrEqual(
          e.facilityEnergyKwh * (1 - eps),
        );
        expect(e.bounds.totalCarbonKgCo2e.low).toBeLessThanOrEqual(e.totalCarbonKgCo2e * (1 + eps));
        expect(e.bounds.totalCarbonKgCo2e.high).toBeGreaterThanOrEqual(
          e.totalCarbonKgCo2e * (1 - eps),
        );
        expect(e.bounds.totalWaterLiters.low).toBeLessThanOrEqual(e.totalWaterLiters * (1 + eps));
        expect(e.bounds.totalWaterLiters.high).toBeGreaterThanOrEqual(
          e.totalWaterLiters * (1 - eps),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("is monotone in hours, GPUs and intensity", () => {
    fc.assert(
      fc.property(
        disclosureArb,
        intensityArb,
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 64 }),
        (d, intensity, factor, extraGpus) => {
          const base = estimate(d, intensity);
          const hours = estimate(
            { ...d, reservedDurationHours: (d.reservedDurationHours ?? 1) * factor },
            intensity,
          );
          const gpus = estimate(
            {
              ...d,
              gpuCount: base.inputs.gpuCount + extraGpus,
              serverCount: base.inputs.serverCount,
            },
            intensity,
          );
          const rel = (a: number) => a * (1 - 1e-12);
          for (const q of ["facilityEnergyKwh", "totalCarbonKgCo2e", "totalWaterLiters"] as const) {
            expect(hours[q]).toBeGreaterThanOrEqual(rel(base[q]));
            expect(gpus[q]).toBeGreaterThanOrEqual(rel(base[q]));
          }
          if (intensity) {
            const higher = estimate(d, {
              ...intensity,
              startHourIntensityGPerKwh: intensity.startHourIntensityGPerKwh * factor,
              meanIntensityGPerKwh: intensity.meanIntensityGPerKwh * factor,
            });
            expect(higher.totalCarbonKgCo2e).toBeGreaterThanOrEqual(rel(base.totalCarbonKgCo2e));
            expect(higher.operationalCarbonMeanKgCo2e).toBeGreaterThanOrEqual(
              rel(base.operationalCarbonMeanKgCo2e),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("every imputed field carries a rule, a source and a value; disclosed fields are marked disclosed", () => {
    fc.assert(
      fc.property(disclosureArb, (d) => {
        const { inputs } = estimate(d);
        for (const [field, p] of Object.entries(inputs.provenance)) {
          if (p.status === "imputed") {
            expect(p.rule, field).toMatch(/^[a-z0-9-]+$/);
            expect(p.source.length, field).toBeGreaterThan(0);
            expect(p.value, field).toBeDefined();
          }
        }
        for (const field of Object.keys(d)) {
          const p = inputs.provenance[field];
          // an ambiguous GPU name ("A100", "V100") is disclosed but resolved to its family's
          // default variant, and says so (gpu-names.ts, rule "gpu-family-default")
          if (field === "gpuModel" && p?.status === "imputed") {
            expect(p.rule).toBe("gpu-family-default");
            continue;
          }
          // servers of the default class too few to hold the GPUs are raised (cluster.ts)
          if (field === "serverCount" && p?.status === "imputed") {
            expect(p.rule).toBe("servers-hold-gpus");
            expect(inputs.gpuCount).toBeGreaterThan((d.serverCount ?? 0) * 8);
            continue;
          }
          expect(p, field).toEqual({ status: "disclosed" });
        }
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(disclosureArb, intensityArb, (d, intensity) => {
        expect(estimate(d, intensity)).toEqual(estimate(structuredClone(d), intensity));
      }),
      { numRuns: 200 },
    );
  });
});
