import { describe, expect, it } from "vitest";
import { parseDisclosure } from "./disclosure.js";
import {
  DisclosureValidationError,
  InsufficientDataError,
  UnknownReferenceError,
} from "./errors.js";
import { estimateNormalized } from "./estimate.js";
import { normalizeDisclosure } from "./normalize.js";

describe("seed Bedrock example (Llama 2, US West (Oregon), 2024-07-06 17:01, 48,123 tokens)", () => {
  // The seed gives "July 6, 2024 17:01" without an offset; we read it as Oregon local time (PDT, -07:00).
  const d = parseDisclosure({
    baseModel: "Llama 2",
    managedService: "AWS Bedrock",
    cloudRegion: "US West (Oregon)",
    startTime: "2024-07-06T17:01:00-07:00",
    tokensIncludingPadding: 48_123,
  });
  const run = normalizeDisclosure(d);
  const rule = (field: string) => {
    const p = run.provenance[field];
    return p?.status === "imputed" ? p.rule : p?.status;
  };

  it("imputes every missing field with its rule", () => {
    expect({
      cloudProvider: rule("cloudProvider"),
      gridZone: rule("gridZone"),
      countryCode: rule("countryCode"),
      gpuModel: rule("gpuModel"),
      serverModel: rule("serverModel"),
      gpuCount: rule("gpuCount"),
      serverCount: rule("serverCount"),
      pue: rule("pue"),
      wueLitersPerKwh: rule("wueLitersPerKwh"),
      ewifLitersPerKwh: rule("ewifLitersPerKwh"),
      fineTuningMethod: rule("fineTuningMethod"),
      baseModelParameterCount: rule("baseModelParameterCount"),
      reservedDurationHours: rule("reservedDurationHours"),
      gpuUtilizationFraction: rule("gpuUtilizationFraction"),
      cpuUtilizationFraction: rule("cpuUtilizationFraction"),
      useLifeDays: rule("useLifeDays"),
      inferencesPerDay: rule("inferencesPerDay"),
    }).toEqual({
      cloudProvider: "provider-of-managed-service",
      gridZone: "zone-of-cloud-region",
      countryCode: "country-of-cloud-region",
      gpuModel: "managed-service-instance",
      serverModel: "managed-service-instance",
      gpuCount: "managed-service-instance",
      serverCount: "managed-service-instance",
      pue: "pue-of-cloud-region",
      wueLitersPerKwh: "wue-of-cloud-region",
      ewifLitersPerKwh: "ewif-of-country",
      fineTuningMethod: "method-full-fine-tuning",
      baseModelParameterCount: "parameters-of-base-model",
      reservedDurationHours: "time-from-tokens",
      gpuUtilizationFraction: "utilization-default",
      cpuUtilizationFraction: "utilization-default",
      useLifeDays: "use-life-default",
      inferencesPerDay: "inferences-default",
    });
    for (const field of [
      "baseModel",
      "managedService",
      "cloudRegion",
      "startTime",
      "tokensIncludingPadding",
    ]) {
      expect(run.provenance[field]).toEqual({ status: "disclosed" });
    }
    for (const p of Object.values(run.provenance)) {
      if (p.status === "imputed") expect(p.source.length).toBeGreaterThan(0);
    }
  });

  it("predicts the time from tokens on the assumed p4d.24xlarge", () => {
    expect(run).toMatchObject({
      gpuModel: "A100-SXM4-40GB",
      gpuCount: 8,
      serverModel: "aws-p4d.24xlarge",
      gridZone: "US-NW-BPAT",
    });
    expect(run.startTimeUtc).toBe("2024-07-07T00:01:00.000Z");
    // FLOPs = 6 x 7e9 x 48,123 = 2.021166e15; hours = 2.021166e15 / (8 x 312e12 x 0.30) / 3600 = 0.00074978 h (2.7 s)
    expect(run.reservedDurationHours).toBeCloseTo(0.00074978, 7);
  });

  it("estimates with the 2024 annual average of US-NW-BPAT (no hourly file for 2024)", () => {
    const e = estimateNormalized(normalizeDisclosure(d), null);
    expect(e.intensity).toMatchObject({ source: "annual-zone", startHourIntensityGPerKwh: 109 });
    expect(e.bounds.facilityEnergyKwh.low).toBeLessThan(e.facilityEnergyKwh);
    expect(e.bounds.facilityEnergyKwh.high).toBeGreaterThan(e.facilityEnergyKwh);
  });
});

describe("other normalization rules", () => {
  it("defaults to one server of the GPU of the year, in the US", () => {
    const run = normalizeDisclosure(
      parseDisclosure({ baseModel: "Llama 3", reservedDurationHours: 5 }),
    );
    // Llama 3 published 2024-04-18 -> 2024 -> H100 -> DGX H100 (8 GPUs), start = publish date - 5 h
    expect(run).toMatchObject({
      gpuModel: "H100-SXM5-80GB",
      serverModel: "nvidia-dgx-h100",
      serverCount: 1,
      gpuCount: 8,
      gridZone: "US",
      countryCode: "US",
      pue: 1.56,
      wueLitersPerKwh: 1.8,
      startTimeUtc: "2024-04-17T19:00:00.000Z",
    });
    expect(run.provenance.gpuModel).toMatchObject({ rule: "gpu-of-year" });
    expect(run.provenance.startTime).toMatchObject({ rule: "publish-date-minus-duration" });
    expect(run.provenance.gridZone).toMatchObject({ rule: "location-default-us" });
  });

  it("derives servers from GPUs and applies organization settings", () => {
    const run = normalizeDisclosure(
      parseDisclosure({
        baseModel: "x",
        gpuModel: "H100",
        gpuCount: 12,
        countryCode: "se",
        reservedDurationHours: 1,
        startTime: "2024-01-01T00:00:00Z",
      }),
      { organization: { pueOverride: 1.3 } },
    );
    expect(run.serverCount).toBe(2); // ceil(12 / 8)
    expect(run.pue).toBe(1.3);
    expect(run.provenance.pue).toMatchObject({ rule: "organization-setting" });
    expect(run.gridZone).toBe("SE");
  });
});

describe("cloud region lookup", () => {
  it("tells AWS us-west-2 (Oregon) from GCP us-west2 (Los Angeles) without a provider", () => {
    const base = {
      baseModel: "Llama 2",
      reservedDurationHours: 1,
      startTime: "2024-01-01T00:00:00Z",
    };
    expect(
      normalizeDisclosure(parseDisclosure({ ...base, cloudRegion: "us-west-2" })),
    ).toMatchObject({ cloudProvider: "aws", gridZone: "US-NW-BPAT" });
    expect(
      normalizeDisclosure(parseDisclosure({ ...base, cloudRegion: "us-west2" })),
    ).toMatchObject({ cloudProvider: "gcp", gridZone: "US-CAL-LDWP" });
  });
});

describe("errors name the field", () => {
  const base = {
    baseModel: "Llama 2",
    reservedDurationHours: 1,
    startTime: "2024-01-01T00:00:00Z",
  };
  const issuePath = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (
        e instanceof DisclosureValidationError ||
        e instanceof UnknownReferenceError ||
        e instanceof InsufficientDataError
      ) {
        return { type: e.constructor.name, path: e.issues[0]?.path };
      }
      throw e;
    }
    throw new Error("did not throw");
  };

  it("rejects bad values at parse time", () => {
    expect(issuePath(() => parseDisclosure({ ...base, tokensIncludingPadding: -5 }))).toEqual({
      type: "DisclosureValidationError",
      path: "tokensIncludingPadding",
    });
    expect(issuePath(() => parseDisclosure({ ...base, gpuUtilizationFraction: 1.2 }))).toEqual({
      type: "DisclosureValidationError",
      path: "gpuUtilizationFraction",
    });
    expect(issuePath(() => parseDisclosure({ ...base, startTime: "2024-07-06T17:01:00" }))).toEqual(
      { type: "DisclosureValidationError", path: "startTime" },
    );
    expect(issuePath(() => parseDisclosure({ ...base, useLifeDays: 0 }))).toEqual({
      type: "DisclosureValidationError",
      path: "useLifeDays",
    });
    expect(
      issuePath(() => parseDisclosure({ ...base, reservedDurationHours: Number.NaN })),
    ).toEqual({ type: "DisclosureValidationError", path: "reservedDurationHours" });
  });

  it.each([
    // GCP's TPU v4 region: Pryor, Oklahoma (GRDA, in the Southwest Power Pool)
    ["gcp", "us-central2", "US-CENT-SWPP"],
    ["gcp", "us-south1", "US-TEX-ERCO"],
    ["gcp", "europe-west6", "CH"],
    ["aws", "ap-northeast-2", "KR"],
    ["aws", "me-central-1", "AE"],
    ["azure", "westcentralus", "US-NW-WACM"],
    ["azure", "norwayeast", "NO-NO1"],
  ] as const)("prices %s %s in zone %s", (cloudProvider, cloudRegion, zone) => {
    const n = normalizeDisclosure(parseDisclosure({ ...base, cloudProvider, cloudRegion }));
    expect(n.gridZone).toBe(zone);
  });

  it("reads a region id as a model card retypes it, within the provider", () => {
    // the IDEFICS card's "US-West 2" on AWS: us-west-2, in the Bonneville zone
    const n = normalizeDisclosure(
      parseDisclosure({ ...base, cloudProvider: "AWS", cloudRegion: "US-West 2" }),
    );
    expect([n.cloudProvider, n.gridZone]).toEqual(["aws", "US-NW-BPAT"]);
    // without a provider the same text also names GCP's us-west2: still refused as ambiguous
    expect(() =>
      normalizeDisclosure(parseDisclosure({ ...base, cloudRegion: "US-West 2" })),
    ).toThrow(/give cloudProvider too/);
  });

  it("names the three nearest regions of an unknown one", () => {
    try {
      normalizeDisclosure(
        parseDisclosure({ ...base, cloudProvider: "gcp", cloudRegion: "europe-west13" }),
      );
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(
        /not a known gcp region; nearest: europe-west1, europe-west3, europe-west10 \(\d+ gcp regions known\)/,
      );
    }
  });

  it("rejects unknown references and insufficient data at normalization", () => {
    expect(
      issuePath(() => normalizeDisclosure(parseDisclosure({ ...base, gpuModel: "GeForce 256" }))),
    ).toEqual({ type: "UnknownReferenceError", path: "gpuModel" });
    expect(
      issuePath(() =>
        normalizeDisclosure(
          parseDisclosure({ ...base, cloudProvider: "aws", cloudRegion: "mars-1" }),
        ),
      ),
    ).toEqual({ type: "UnknownReferenceError", path: "cloudRegion" });
    expect(
      issuePath(() => normalizeDisclosure(parseDisclosure({ ...base, gridZone: "XX-NOPE" }))),
    ).toEqual({ type: "UnknownReferenceError", path: "gridZone" });
    expect(
      issuePath(() =>
        normalizeDisclosure(parseDisclosure({ ...base, managedService: "acme-tune" })),
      ),
    ).toEqual({ type: "UnknownReferenceError", path: "managedService" });
    expect(
      issuePath(() =>
        normalizeDisclosure(
          parseDisclosure({ baseModel: "Llama 2", startTime: "2024-01-01T00:00:00Z" }),
        ),
      ),
    ).toEqual({ type: "InsufficientDataError", path: "reservedDurationHours" });
    expect(
      issuePath(() =>
        normalizeDisclosure(
          parseDisclosure({
            baseModel: "my-model",
            tokensIncludingPadding: 10,
            startTime: "2024-01-01T00:00:00Z",
          }),
        ),
      ),
    ).toEqual({ type: "InsufficientDataError", path: "baseModelParameterCount" });
  });

  it("rejects a chain whose next run is not after this one (use life of 0 days)", () => {
    expect(
      issuePath(() =>
        estimateNormalized(normalizeDisclosure(parseDisclosure(base)), null, {
          nextRunStartUtc: "2024-01-01T00:00:00Z",
        }),
      ),
    ).toEqual({ type: "DisclosureValidationError", path: "nextRunStartUtc" });
  });
});

describe("imputed durations stay storable", () => {
  it("rejects tokens that predict more than 876,000 hours, naming tokensIncludingPadding", () => {
    // 6 x 1e15 params x 1e15 tokens = 6e30 FLOPs on one GPU: ~10^13 hours, far beyond the bound.
    expect(() =>
      normalizeDisclosure(
        parseDisclosure({
          baseModel: "Llama 2",
          baseModelParameterCount: 1e15,
          tokensIncludingPadding: 1e15,
          gpuModel: "A100 SXM4 80 GB",
          gpuCount: 1,
          startTime: "2024-07-01T00:00:00Z",
        }),
      ),
    ).toThrow(/tokensIncludingPadding: predicts .* hours on 1 GPU\(s\), more than 876,000/);
  });
});

describe("imputed start times are plausible", () => {
  it("never precede the GPU's release: publish date minus 274,120 h is bounded at the release", () => {
    // Llama 2 published 2023-07-18; 274,120 h = 31.3 years earlier is 1992, before the A100
    // (released 2020): the start is bounded to 2020-01-01T00:00Z and provenance says so.
    const run = normalizeDisclosure(
      parseDisclosure({
        baseModel: "Llama 2",
        gpuModel: "A100 SXM4 80 GB",
        gpuCount: 8,
        reservedDurationHours: 274_120,
      }),
    );
    expect(run.startTimeUtc).toBe("2020-01-01T00:00:00.000Z");
    expect(run.provenance.startTime).toMatchObject({
      status: "imputed",
      rule: "publish-date-minus-duration-bounded-by-gpu-release",
    });
    // 12 h before the publish date stays as the rule gives it: 2023-07-17T12:00Z.
    const short = normalizeDisclosure(
      parseDisclosure({
        baseModel: "Llama 2",
        gpuModel: "A100 SXM4 80 GB",
        reservedDurationHours: 12,
      }),
    );
    expect(short.startTimeUtc).toBe("2023-07-17T12:00:00.000Z");
    expect(short.provenance.startTime).toMatchObject({ rule: "publish-date-minus-duration" });
  });
});
