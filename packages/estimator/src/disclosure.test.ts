import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalUtcTimestamp,
  isoTimestampWithOffset,
  parseDisclosure,
  parseIsoTimestampMs,
  runDisclosureSchema,
} from "./disclosure.js";
import { DisclosureValidationError } from "./errors.js";
import { normalizeDisclosure } from "./normalize.js";

const valid = (s: string) => isoTimestampWithOffset.safeParse(s).success;

describe("isoTimestampWithOffset: strict calendar check", () => {
  it.each([
    ["2024-02-30T00:00:00Z", "February 30 (Date.parse rolls it to March 1)"],
    ["2023-02-29T12:00:00Z", "February 29 of a common year"],
    ["1900-02-29T00:00:00Z", "1900 is not a leap year (divisible by 100, not by 400)"],
    ["2024-04-31T00:00:00Z", "April has 30 days"],
    ["2024-13-01T00:00:00Z", "month 13"],
    ["2024-00-10T00:00:00Z", "month 00"],
    ["2024-01-00T00:00:00Z", "day 00"],
    ["2024-01-01T24:00:00Z", "hour 24 (Date.parse reads it as the next day)"],
    ["2024-01-01T00:60:00Z", "minute 60"],
    ["2024-01-01T00:00:60Z", "second 60"],
    ["0000-01-01T00:00:00Z", "year 0000"],
    ["2024-01-01T00:00:00+24:00", "offset hour 24"],
    ["2024-01-01T00:00:00+05:60", "offset minute 60"],
    ["0001-01-01T00:00:00+01:00", "UTC instant in year 0000"],
    ["9999-12-31T23:00:00-05:00", "UTC instant in year 10000"],
    ["2024-07-06T17:01:00", "no offset (naive)"],
    ["2024-07-06 17:01:00", "no offset, space-separated (naive)"],
    ["2024-07-06T17:01:00+2", "a one-digit offset hour"],
    ["2024-07-06", "a date without a time"],
  ])("rejects %s (%s)", (s) => {
    expect(valid(s)).toBe(false);
    expect(parseIsoTimestampMs(s)).toBeNaN();
  });

  it.each([
    "2024-02-29T12:00:00Z",
    "2000-02-29T00:00:00Z",
    "2024-12-31T23:59:59.999Z",
    "2024-07-01T02:00:00+0200",
    "2024-07-01t00:00:00z",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
  ])("accepts %s", (s) => {
    expect(valid(s)).toBe(true);
  });

  it("accepts the RFC 3339 space and an hour-only offset, as Postgres prints timestamptz", () => {
    // 10:00 at +02 = 08:00 UTC; "2024-07-01 08:00:00+00" is Postgres's text of that instant
    expect(parseIsoTimestampMs("2024-07-01 10:00:00+02")).toBe(Date.UTC(2024, 6, 1, 8));
    expect(parseIsoTimestampMs("2024-07-01 08:00:00+00")).toBe(Date.UTC(2024, 6, 1, 8));
    expect(parseIsoTimestampMs("2024-07-01 08:00:00.5Z")).toBe(Date.UTC(2024, 6, 1, 8, 0, 0, 500));
    // 03:30 at -05 = 08:30 UTC
    expect(parseIsoTimestampMs("2024-07-01T03:30-05")).toBe(Date.UTC(2024, 6, 1, 8, 30));
  });

  it("agrees with Date.parse on every valid timestamp with offset", () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, "0");
    const arb = fc
      .record({
        ms: fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }),
        offsetMinutes: fc.integer({ min: -14 * 60, max: 14 * 60 }),
        fraction: fc.constantFrom("", ".5", ".123", ".1239"),
      })
      .map(({ ms, offsetMinutes, fraction }) => {
        // the wall time at that offset, written with the offset
        const wall = new Date(ms + offsetMinutes * 60_000);
        const sign = offsetMinutes < 0 ? "-" : "+";
        const abs = Math.abs(offsetMinutes);
        return `${wall.toISOString().slice(0, 19)}${fraction}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
      });
    fc.assert(
      fc.property(arb, (s) => {
        expect(parseIsoTimestampMs(s)).toBe(Date.parse(s));
      }),
      { numRuns: 500 },
    );
  });
});

describe("startTime is canonical UTC", () => {
  const parse = (startTime: string) =>
    parseDisclosure({ baseModel: "Llama 2", startTime }).startTime;

  it("converts every offset to new Date(ms).toISOString()", () => {
    // 02:00 at +02:00 = 00:00 UTC
    expect(parse("2024-07-01T02:00:00+02:00")).toBe("2024-07-01T00:00:00.000Z");
    expect(parse("2024-07-01T02:00:00+0200")).toBe("2024-07-01T00:00:00.000Z");
    expect(parse("2024-07-01T00:00:00Z")).toBe("2024-07-01T00:00:00.000Z");
    // 17:01 at -07:00 = 00:01 UTC the next day
    expect(parse("2024-07-06T17:01:00-07:00")).toBe("2024-07-07T00:01:00.000Z");
    // seconds may be omitted; a fraction is truncated to milliseconds (as Date.parse does)
    expect(parse("2024-07-01T00:00Z")).toBe("2024-07-01T00:00:00.000Z");
    expect(parse("2024-07-01T00:00:00.1239z")).toBe("2024-07-01T00:00:00.123Z");
  });

  it("a disclosure read from a file equals the same one read back from Postgres (timestamptz -> toISOString)", () => {
    const fromFile = parseDisclosure({
      baseModel: "Llama 2",
      startTime: "2024-07-01T02:00:00+02:00",
    });
    const stored = new Date(Date.parse("2024-07-01T02:00:00+02:00")); // what timestamptz keeps
    const fromDb = parseDisclosure({ baseModel: "Llama 2", startTime: stored.toISOString() });
    expect(fromFile).toEqual(fromDb);
    expect(parseDisclosure(fromFile)).toEqual(fromFile); // idempotent
  });

  it("normalization uses it unchanged as startTimeUtc", () => {
    const d = parseDisclosure({
      baseModel: "Llama 2",
      startTime: "2024-12-31T23:30:00-01:00",
      reservedDurationHours: 1,
    });
    // 23:30 at -01:00 = 00:30 UTC on 2025-01-01: the year of the run is 2025
    expect(d.startTime).toBe("2025-01-01T00:30:00.000Z");
    expect(normalizeDisclosure(d).startTimeUtc).toBe(d.startTime);
  });

  it("keeps a canonical UTC string as written and writes every other form canonically", () => {
    const startOf = (startTime: string) =>
      parseDisclosure({ baseModel: "Llama 2", startTime }).startTime;
    expect(startOf("2024-07-01T00:00:00.000Z")).toBe("2024-07-01T00:00:00.000Z");
    // Same length and separators but lower-case t/z (ISO 8601 allows them): upper-cased.
    expect(startOf("2024-07-01t00:00:00.000z")).toBe("2024-07-01T00:00:00.000Z");
    // Microseconds are truncated to milliseconds; a space for "T"; "+00:00" for "Z".
    expect(startOf("2024-07-01T00:00:00.123456Z")).toBe("2024-07-01T00:00:00.123Z");
    expect(startOf("2024-07-01 00:00:00.000+00:00")).toBe("2024-07-01T00:00:00.000Z");
    // 24 characters but an offset, not "Z": 01:30+01:30 = 00:00Z.
    expect(startOf("2024-07-01T01:30:00+01:30")).toBe("2024-07-01T00:00:00.000Z");
    // A canonical-looking string on an impossible date is still rejected.
    expect(() => startOf("2024-02-30T00:00:00.000Z")).toThrow(DisclosureValidationError);
  });

  it("an impossible date fails validation on the startTime field", () => {
    expect(() => parse("2024-02-30T00:00:00Z")).toThrow(DisclosureValidationError);
    try {
      parse("2024-02-30T00:00:00Z");
    } catch (e) {
      expect((e as DisclosureValidationError).issues.map((i) => i.path)).toEqual(["startTime"]);
    }
  });

  it("says once what is wrong: the written form of a naive time, the calendar of a bad date", () => {
    const issuesOf = (startTime: string) => {
      try {
        parse(startTime);
      } catch (e) {
        return (e as DisclosureValidationError).issues.map((i) => `${i.path}: ${i.message}`);
      }
      return [];
    };
    expect(issuesOf("2024-07-06T17:01:00")).toEqual([
      expect.stringMatching(/^startTime: must be an ISO 8601 timestamp with an offset.*ambiguous/),
    ]);
    expect(issuesOf("2024-02-30T00:00:00Z")).toEqual([
      expect.stringMatching(/^startTime: is not a valid calendar date\/time/),
    ]);
    // a model card's date: the message says the hour is missing and how to write it
    expect(issuesOf("2022-03-11")).toEqual([
      expect.stringMatching(
        /^startTime: "2022-03-11" is a date without a time of day: .* \(e\.g\. 2022-03-11T00:00:00Z\)/,
      ),
    ]);
    expect(issuesOf("2024-05")).toEqual([expect.stringMatching(/e\.g\. 2024-05-01T00:00:00Z/)]);
  });

  it("canonicalUtcTimestamp throws RangeError on an invalid timestamp", () => {
    expect(() => canonicalUtcTimestamp("2024-02-30T00:00:00Z")).toThrow(RangeError);
  });
});

describe("numericDisclosureFields", () => {
  it("lists exactly the number-valued fields of the schema", async () => {
    const { numericDisclosureFields } = await import("./disclosure.js");
    expect([...numericDisclosureFields].sort()).toEqual(
      [
        "baseModelParameterCount",
        "cpuUtilizationFraction",
        "gpuCount",
        "gpuHours",
        "gpuUtilizationFraction",
        "inferencesPerDay",
        "measuredEnergyKwh",
        "pue",
        "reservedDurationHours",
        "serverCount",
        "tokensIncludingPadding",
        "useLifeDays",
        "wueLitersPerKwh",
      ].sort(),
    );
  });
});

describe("storable upper bounds", () => {
  const base = { baseModel: "Llama 2", startTime: "2024-07-01T00:00:00Z" };
  const issue = (fields: Record<string, unknown>) => {
    const r = runDisclosureSchema.safeParse({ ...base, ...fields });
    return r.success ? null : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("rejects each number above its bound with the field named, accepts the bound itself", () => {
    expect(issue({ useLifeDays: 1e10 })).toEqual(["useLifeDays: must be at most 36,500 (days)"]);
    expect(issue({ useLifeDays: 36_500 })).toBeNull();
    expect(issue({ reservedDurationHours: 1e10 })?.[0]).toBe(
      "reservedDurationHours: must be at most 876,000 (hours); a total of GPU-hours (GPUs x hours) goes in gpuHours",
    );
    expect(issue({ gpuCount: 2 ** 31 })?.[0]).toMatch(/^gpuCount: must be at most 10,000,000/);
    expect(issue({ tokensIncludingPadding: 2e15 })?.[0]).toMatch(/^tokensIncludingPadding:/);
    expect(issue({ inferencesPerDay: 1e14 })?.[0]).toMatch(/^inferencesPerDay:/);
    expect(issue({ measuredEnergyKwh: 1e10 })?.[0]).toMatch(/^measuredEnergyKwh:/);
    expect(issue({ gpuHours: 2e10 })).toEqual([
      "gpuHours: must be at most 10,000,000,000 (GPU-hours)",
    ]);
  });

  it("rejects a reservation ending after year 9999", () => {
    // 9999-01-01 + 876,000 h (100 years) ends in 10099: not storable.
    expect(issue({ startTime: "9999-01-01T00:00:00Z", reservedDurationHours: 876_000 })).toEqual([
      "reservedDurationHours: ends after 9999-12-31T23:59:59Z when added to startTime",
    ]);
    // 9999-12-31T00:00Z + 23 h ends at 23:00 the same day: fine.
    expect(issue({ startTime: "9999-12-31T00:00:00Z", reservedDurationHours: 23 })).toBeNull();
  });
});

describe("provider and country as model cards write them", () => {
  const disclose = (fields: Record<string, unknown>) =>
    parseDisclosure({ baseModel: "Llama 2", ...fields });

  it.each([
    ["AWS", "aws"],
    ["Amazon Web Services", "aws"],
    ["  google   cloud ", "gcp"],
    ["GCP", "gcp"],
    ["Microsoft Azure", "azure"],
    ["azure", "azure"],
  ])("cloudProvider %j is stored as %s", (written, id) => {
    expect(disclose({ cloudProvider: written }).cloudProvider).toBe(id);
  });

  it("rejects another provider, naming the field and the accepted ids", () => {
    expect(() => disclose({ cloudProvider: "IBM Cloud" })).toThrow(
      /cloudProvider: unknown provider "IBM Cloud": must be aws, gcp or azure/,
    );
  });

  it.each([
    ["fr", "FR"],
    ["France", "FR"],
    ["USA", "US"],
    ["United States", "US"],
    ["UK", "GB"], // not an ISO 3166-1 code; the CLDR English alias of GB
    ["Singapore", "SG"],
    ["DNK", "DK"], // alpha-3, as CodeCarbon writes country_iso_code
  ])("countryCode %j is stored as %s", (written, code) => {
    expect(disclose({ countryCode: written }).countryCode).toBe(code);
  });

  it("rejects a name or code ISO 3166-1 does not know, naming the field", () => {
    for (const written of ["Narnia", "XX", "Korea"]) {
      expect(() => disclose({ countryCode: written })).toThrow(
        new RegExp(`countryCode: unknown country "${written}": must be an ISO 3166-1 alpha-2 code`),
      );
    }
  });
});
