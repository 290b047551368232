/**
 * GPU-hours as model cards publish compute (METHODOLOGY.md s.2): hours = gpuHours / gpuCount,
 * GPUs = gpuHours / hours, checked against both when all three are disclosed.
 */
import { describe, expect, it } from "vitest";
import { parseDisclosure } from "./disclosure.js";
import { estimateNormalized } from "./estimate.js";
import { normalizeDisclosure } from "./normalize.js";

const base = {
  baseModel: "Llama 2",
  gpuModel: "A100-SXM4-80GB",
  startTime: "2023-01-01T00:00:00Z",
  countryCode: "US",
};
const run = (fields: Record<string, unknown>) =>
  normalizeDisclosure(parseDisclosure({ ...base, ...fields }));

describe("gpuHours", () => {
  it("gives the hours of the disclosed GPUs: 184,320 GPU-hours (Llama 2 7B card) / 2048 = 90 h", () => {
    const n = run({ gpuHours: 184_320, gpuCount: 2048 });
    expect(n.reservedDurationHours).toBeCloseTo(90, 12);
    expect(n.provenance.reservedDurationHours).toMatchObject({
      rule: "hours-of-gpu-hours",
      source: "gpuHours / gpuCount = 184320 / 2048 (disclosed GPUs)",
    });
    expect(n.provenance.gpuHours).toEqual({ status: "disclosed" });
  });

  it("gives the GPUs of the disclosed hours: 184,320 / 90 h = 2048", () => {
    const n = run({ gpuHours: 184_320, reservedDurationHours: 90 });
    expect([n.gpuCount, n.serverCount]).toEqual([2048, 256]); // 8 per HPE Apollo 6500
    expect(n.provenance.gpuCount).toMatchObject({ rule: "gpus-of-gpu-hours", value: 2048 });
  });

  it("prices the same energy whatever GPU count is imputed (each GPU pays its host share)", () => {
    // 184,320 GPU-hours x 250.4985 W per GPU (212.6185 W GPU + 303.04 / 8 W host, s.3a)
    //   = 46,171.8 kWh IT x PUE 1.56 (industry average) = 72,028.0 kWh
    const alone = estimateNormalized(run({ gpuHours: 184_320 }), null);
    const counted = estimateNormalized(run({ gpuHours: 184_320, gpuCount: 2048 }), null);
    expect(alone.facilityEnergyKwh).toBeCloseTo(184_320 * 0.2504985 * 1.56, 3);
    expect(counted.facilityEnergyKwh).toBeCloseTo(alone.facilityEnergyKwh, 6);
    // without a count: 8 GPUs of one server are assumed, and the hours say so
    expect(run({ gpuHours: 184_320 }).provenance.reservedDurationHours).toMatchObject({
      source: "gpuHours / gpuCount = 184320 / 8 (imputed GPUs)",
    });
  });

  it("rejects GPU-hours that disagree with GPUs x hours, or that no storable hours hold", () => {
    expect(() => run({ gpuHours: 100, gpuCount: 8, reservedDurationHours: 10 })).toThrow(
      /gpuHours: does not match gpuCount x reservedDurationHours = 8 x 10 = 80/,
    );
    // published figures are rounded: 3.3M for 3,311,616 (Llama 2 card) is within 1 %
    expect(run({ gpuHours: 3.3e6, gpuCount: 2048, reservedDurationHours: 1617 }).gpuCount).toBe(
      2048,
    );
    expect(() => run({ gpuHours: 3.3e7, gpuCount: 1 })).toThrow(
      /gpuHours: is 33,000,000 hours on 1 GPU\(s\), more than 876,000/,
    );
    expect(() => run({ gpuHours: 10, gpuCount: 0, gpuModel: undefined })).toThrow(
      /gpuHours: must be absent when gpuCount is 0/,
    );
  });
});
