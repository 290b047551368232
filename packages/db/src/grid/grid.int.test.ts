/**
 * Acceptance (issue 3): load every shipped Electricity Maps file into a fresh database, look up
 * 100,000 random runs in one call, and check lookups against values read straight from the CSVs.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "../client.js";
import { createTestDatabase, type TestDatabase } from "../testing/index.js";
import { type GridLoadResult, loadGridIntensityCsv } from "./load.js";
import { type IntensityRequest, lookupIntensities } from "./lookup.js";

const dataDir = fileURLToPath(new URL("../../../../data/electricitymaps-hourly/", import.meta.url));
const files = readdirSync(dataDir)
  .filter((f) => f.endsWith(".csv.gz"))
  .sort();
const hourMs = 3_600_000;

/** Straight from the CSVs: `${zone}|${hourMs}` -> [life-cycle, direct] gCO2e/kWh (rows with both values). */
function readCsvValues(): Map<string, [number, number]> {
  const values = new Map<string, [number, number]>();
  for (const file of files) {
    const [header = [], ...rows] = parse(gunzipSync(readFileSync(dataDir + file)), {
      bom: true,
    }) as string[][];
    const lca = header.findIndex((h) => /\((LCA|Life cycle)\)$/i.test(h));
    const direct = header.findIndex((h) => /\(direct\)$/i.test(h));
    for (const row of rows) {
      if (!row[lca] || !row[direct]) continue;
      const hour = Date.parse(`${row[0]?.replace(" ", "T")}Z`);
      values.set(`${row[3]}|${hour}`, [Number(row[lca]), Number(row[direct])]);
    }
  }
  return values;
}

let db: TestDatabase;
let pool: pg.Pool;
const results = new Map<string, GridLoadResult>();

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.databaseUrl);
  for (const file of files)
    results.set(file, await loadGridIntensityCsv(pool, { path: dataDir + file }));
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

const count = async () =>
  Number(
    (await pool.query<{ n: string }>('SELECT count(*) AS n FROM "GridIntensityHour"')).rows[0]?.n,
  );

describe("loading the 15 shipped Electricity Maps files", () => {
  it("reads 131,544 rows and stores all but PACW's 24 empty hours", async () => {
    expect(files).toHaveLength(15);
    const all = [...results.values()];
    expect(all.reduce((n, r) => n + r.rowsRead, 0)).toBe(131_544);
    expect(all.reduce((n, r) => n + r.inserted, 0)).toBe(131_544 - 24);
    expect(await count()).toBe(131_520);
  });

  it("reports PACW's 24 empty values with their line numbers, skipped, not stored as 0", async () => {
    const pacw = results.get("US-NW-PACW_2023_hourly.csv.gz");
    expect(pacw?.rejected).toHaveLength(24);
    // Line 5961 is 2023-09-06 07:00 UTC (header = line 1, 2023-01-01 00:00 = line 2: 2 + 248 days * 24 + 7).
    expect(pacw?.rejected[0]).toEqual({
      line: 5961,
      reason: "life-cycle and direct carbon intensity are empty",
    });
    expect(pacw?.zones).toEqual(["US-NW-PACW"]);
    expect(pacw?.fromHourUtc?.toISOString()).toBe("2023-01-01T00:00:00.000Z");
    expect(pacw?.toHourUtc?.toISOString()).toBe("2023-12-31T23:00:00.000Z");
    const stored = await pool.query(
      `SELECT 1 FROM "GridIntensityHour" WHERE "zoneId" = 'US-NW-PACW' AND "hourUtc" = '2023-09-06T07:00:00Z'`,
    );
    expect(stored.rowCount).toBe(0);
  });

  it("creates the zones of both header layouts", async () => {
    const zones = await pool.query<{ id: string; countryCode: string; name: string }>(
      `SELECT id, "countryCode", name FROM "GridZone" WHERE id IN ('DE', 'US-NW-PACW') ORDER BY id`,
    );
    expect(zones.rows).toEqual([
      expect.objectContaining({ id: "DE", countryCode: "DE" }),
      expect.objectContaining({ id: "US-NW-PACW", countryCode: "US" }),
    ]);
  });

  it("loading the same file twice leaves the same row count", async () => {
    const again = await loadGridIntensityCsv(pool, {
      path: `${dataDir}US-NW-PACW_2023_hourly.csv.gz`,
    });
    expect(again).toMatchObject({ rowsRead: 8760, inserted: 0, updated: 0, unchanged: 8736 });
    expect(again.rejected).toHaveLength(24);
    expect(await count()).toBe(131_520);
  });
});

describe("lookupIntensities against the CSV values", () => {
  const at = (iso: string) => new Date(iso);

  it("matches a dozen runs read straight from the CSVs", async () => {
    const requests: IntensityRequest[] = [
      // DE 00:00-03:00: start 186.14; mean (186.14 + 186.03 + 195.82) / 3 = 189.33
      {
        key: "de-first-hours",
        zone: "DE",
        startUtc: at("2023-01-01T00:00:00Z"),
        endUtc: at("2023-01-01T03:00:00Z"),
      },
      // Start mid-hour floors to 01:00: start 186.03; mean (186.03 + 195.82) / 2 = 190.925
      {
        key: "de-mid-hour",
        zone: "DE",
        startUtc: at("2023-01-01T01:40:00Z"),
        endUtc: at("2023-01-01T02:10:00Z"),
      },
      // US DST change 2023-03-12 02:00 PST -> 03:00 PDT (10:00 UTC); UTC hours 08..11:
      // start 312.76; mean (312.76 + 312.56 + 310.87 + 310.61) / 4 = 311.7
      {
        key: "ciso-dst",
        zone: "US-CAL-CISO",
        startUtc: at("2023-03-12T08:30:00Z"),
        endUtc: at("2023-03-12T11:05:00Z"),
      },
      // Last hour of 2023 into 2024 (two files): start 96.3; mean (96.3 + 96.45 + 94.22) / 3 = 95.6566...
      {
        key: "gb-new-year",
        zone: "GB",
        startUtc: at("2023-12-31T23:30:00Z"),
        endUtc: at("2024-01-01T01:30:00Z"),
      },
      // PACW 06:00-09:00 spans the empty 07:00 and 08:00: only 06:00 is stored, mean = start = 316.27
      {
        key: "pacw-gap",
        zone: "US-NW-PACW",
        startUtc: at("2023-09-06T06:00:00Z"),
        endUtc: at("2023-09-06T09:00:00Z"),
      },
      // Starting in an empty hour: absent (caller falls back to the annual average)
      {
        key: "pacw-empty-start",
        zone: "US-NW-PACW",
        startUtc: at("2023-09-06T07:10:00Z"),
        endUtc: at("2023-09-06T12:00:00Z"),
      },
      {
        key: "unknown-zone",
        zone: "XX",
        startUtc: at("2023-06-01T00:00:00Z"),
        endUtc: at("2023-06-01T02:00:00Z"),
      },
      {
        key: "before-data",
        zone: "FR",
        startUtc: at("2022-12-31T23:00:00Z"),
        endUtc: at("2023-01-01T02:00:00Z"),
      },
      // Zero-length run at 02:00: mean falls back to the start hour, 195.82
      {
        key: "de-instant",
        zone: "DE",
        startUtc: at("2023-01-01T02:00:00Z"),
        endUtc: at("2023-01-01T02:00:00Z"),
      },
      // EU DST change 2023-03-26 01:00 UTC; FR 00:00..03:00 UTC (checked against the CSV map below)
      {
        key: "fr-dst",
        zone: "FR",
        startUtc: at("2023-03-26T00:00:00Z"),
        endUtc: at("2023-03-26T04:00:00Z"),
      },
      {
        key: "se-week",
        zone: "SE",
        startUtc: at("2024-06-10T12:00:00Z"),
        endUtc: at("2024-06-17T12:00:00Z"),
      },
      {
        key: "pjm-leap-day",
        zone: "US-MIDA-PJM",
        startUtc: at("2024-02-29T22:00:00Z"),
        endUtc: at("2024-03-01T02:00:00Z"),
      },
    ];
    const found = await lookupIntensities(pool, requests);
    expect(found.get("de-first-hours")?.startHourIntensityGPerKwh).toBeCloseTo(186.14, 9);
    expect(found.get("de-first-hours")?.meanIntensityGPerKwh).toBeCloseTo(189.33, 9);
    expect(found.get("de-first-hours")?.hourUtc).toBe("2023-01-01T00:00:00.000Z");
    expect(found.get("de-first-hours")?.signal).toBe("life-cycle");
    expect(found.get("de-mid-hour")?.startHourIntensityGPerKwh).toBeCloseTo(186.03, 9);
    expect(found.get("de-mid-hour")?.meanIntensityGPerKwh).toBeCloseTo(190.925, 9);
    expect(found.get("ciso-dst")?.startHourIntensityGPerKwh).toBeCloseTo(312.76, 9);
    expect(found.get("ciso-dst")?.meanIntensityGPerKwh).toBeCloseTo(311.7, 9);
    expect(found.get("gb-new-year")?.startHourIntensityGPerKwh).toBeCloseTo(96.3, 9);
    expect(found.get("gb-new-year")?.meanIntensityGPerKwh).toBeCloseTo(
      (96.3 + 96.45 + 94.22) / 3,
      9,
    );
    expect(found.get("gb-new-year")?.hourUtc).toBe("2023-12-31T23:00:00.000Z");
    expect(found.get("pacw-gap")?.meanIntensityGPerKwh).toBeCloseTo(316.27, 9);
    expect(found.get("de-instant")?.meanIntensityGPerKwh).toBeCloseTo(195.82, 9);
    expect(found.has("pacw-empty-start")).toBe(false);
    expect(found.has("unknown-zone")).toBe(false);
    expect(found.has("before-data")).toBe(false);

    const csv = readCsvValues();
    for (const key of ["fr-dst", "se-week", "pjm-leap-day"]) {
      const r = requests.find((q) => q.key === key);
      if (!r) throw new Error(key);
      const hours = [];
      for (let h = r.startUtc.getTime(); h < r.endUtc.getTime(); h += hourMs)
        hours.push(csv.get(`${r.zone}|${h}`)?.[0]);
      const present = hours.filter((v) => v !== undefined);
      expect(found.get(key)?.startHourIntensityGPerKwh).toBeCloseTo(hours[0] ?? Number.NaN, 9);
      expect(found.get(key)?.meanIntensityGPerKwh).toBeCloseTo(
        present.reduce((a, b) => a + b, 0) / present.length,
        9,
      );
    }
  });

  it("returns the direct signal when asked", async () => {
    const found = await lookupIntensities(
      pool,
      [
        {
          key: "de",
          zone: "DE",
          startUtc: at("2023-01-01T00:00:00Z"),
          endUtc: at("2023-01-01T02:00:00Z"),
        },
      ],
      { signal: "direct" },
    );
    // (142.01 + 141.99) / 2 = 142
    expect(found.get("de")).toEqual({
      startHourIntensityGPerKwh: 142.01,
      meanIntensityGPerKwh: expect.closeTo(142, 9),
      hourUtc: "2023-01-01T00:00:00.000Z",
      signal: "direct",
      series: "shared",
      source: "electricitymaps-csv",
      privateHourCount: 0,
    });
  });

  it("answers 100,000 random runs in one call, each equal to the CSV values", async () => {
    const csv = readCsvValues();
    const zones = [
      "DE",
      "FR",
      "GB",
      "SE",
      "US-CAL-CISO",
      "US-MIDA-PJM",
      "US-NW-BPAT",
      "US-NW-PACW",
      "US-NW-PGE",
    ];
    const from = Date.parse("2023-01-01T00:00:00Z");
    const span = Date.parse("2024-12-31T00:00:00Z") - from;
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const requests: IntensityRequest[] = Array.from({ length: 100_000 }, (_, i) => {
      const start = from + Math.floor(random() * span);
      const zone = zones[Math.floor(random() * zones.length)] ?? "DE";
      return {
        key: `r${i}`,
        zone,
        startUtc: new Date(start),
        endUtc: new Date(start + random() * 72 * hourMs),
      };
    });
    const found = await lookupIntensities(pool, requests);

    let expectedFound = 0;
    let maxError = 0;
    for (const r of requests) {
      const startHour = Math.floor(r.startUtc.getTime() / hourMs) * hourMs;
      const start = csv.get(`${r.zone}|${startHour}`)?.[0];
      const got = found.get(r.key);
      if (start === undefined) {
        expect(got).toBeUndefined();
        continue;
      }
      expectedFound++;
      let sum = 0;
      let n = 0;
      for (let h = startHour; h < r.endUtc.getTime(); h += hourMs) {
        const v = csv.get(`${r.zone}|${h}`)?.[0];
        if (v !== undefined) {
          sum += v;
          n++;
        }
      }
      const mean = n > 0 ? sum / n : start;
      maxError = Math.max(
        maxError,
        Math.abs((got?.startHourIntensityGPerKwh ?? Number.NaN) - start),
      );
      maxError = Math.max(maxError, Math.abs((got?.meanIntensityGPerKwh ?? Number.NaN) - mean));
    }
    // SE/FR/... 2024 data ends 2024-12-31 23:00 and 2023-only zones have no 2024 hours: many keys are absent.
    expect(found.size).toBe(expectedFound);
    expect(expectedFound).toBeGreaterThan(60_000);
    expect(maxError).toBeLessThan(1e-9);
  }, 60_000);
});
