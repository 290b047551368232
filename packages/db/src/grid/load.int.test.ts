import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "../client.js";
import { createTestDatabase, type TestDatabase } from "../testing/index.js";
import { GridCsvHeaderError } from "./csv-header.js";
import { GridCsvFormatError, loadGridIntensityCsv, loadGridIntensityFiles } from "./load.js";

const oldHeader =
  "Datetime (UTC),Country,Zone Name,Zone Id,Carbon Intensity gCO₂eq/kWh (direct),Carbon Intensity gCO₂eq/kWh (LCA),Low Carbon Percentage,Renewable Percentage,Data Source,Data Estimated,Data Estimation Method";
const newHeader =
  "Datetime (UTC),Country,Zone name,Zone id,Carbon intensity gCO₂eq/kWh (direct),Carbon intensity gCO₂eq/kWh (Life cycle),Carbon-free energy percentage (CFE%),Renewable energy percentage (RE%),Data source,Data estimated,Data estimation method";
const csv = (...lines: string[]) => Readable.from([`${lines.join("\n")}\n`]);

let db: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.databaseUrl);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

const stored = async (zone: string) =>
  (
    await pool.query<{ hour: string; lca: number; direct: number; est: boolean }>(
      `SELECT to_char("hourUtc" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24') AS hour, "lifecycleIntensityGPerKwh" AS lca,
              "directIntensityGPerKwh" AS direct, "isEstimated" AS est
       FROM "GridIntensityHour" WHERE "zoneId" = $1 ORDER BY "hourUtc"`,
      [zone],
    )
  ).rows;

describe("loadGridIntensityCsv", () => {
  it("loads a gzip stream of the older (LCA) layout, then counts changed hours as updated", async () => {
    const first = await loadGridIntensityCsv(pool, {
      name: "x.csv.gz",
      stream: Readable.from([
        gzipSync(
          `${oldHeader}\n2023-01-01 00:00:00,USA,Test Zone,US-TEST-A,100.5,120.25,0,0,eia.gov,false,\n2023-01-01 01:00:00,USA,Test Zone,US-TEST-A,101,121,0,0,eia.gov,true,\n`,
        ),
      ]),
    });
    expect(first).toMatchObject({
      rowsRead: 2,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      rejected: [],
      zones: ["US-TEST-A"],
    });
    expect(await stored("US-TEST-A")).toEqual([
      { hour: "2023-01-01 00", lca: 120.25, direct: 100.5, est: false },
      { hour: "2023-01-01 01", lca: 121, direct: 101, est: true },
    ]);

    const second = await loadGridIntensityCsv(pool, {
      stream: csv(
        oldHeader,
        "2023-01-01 01:00:00,USA,Test Zone,US-TEST-A,101,130,0,0,eia.gov,false,",
        "2023-01-01 00:00:00,USA,Test Zone,US-TEST-A,100.5,120.25,0,0,eia.gov,false,",
      ),
    });
    expect(second).toMatchObject({ rowsRead: 2, inserted: 0, updated: 1, unchanged: 1 });
    expect((await stored("US-TEST-A"))[1]).toEqual({
      hour: "2023-01-01 01",
      lca: 130,
      direct: 101,
      est: false,
    });
  });

  it("stores RE% and CFE% of both layouts (fast insert, update and text paths) and rejects shares outside 0-100", async () => {
    const shares = async (zone: string) =>
      (
        await pool.query<{ re: number | null; cfe: number | null }>(
          `SELECT "renewablePercentage" AS re, "carbonFreePercentage" AS cfe FROM "GridIntensityHour"
           WHERE "zoneId" = $1 ORDER BY "hourUtc"`,
          [zone],
        )
      ).rows;
    // Older layout: Low Carbon Percentage (CFE) is column 7, Renewable Percentage column 8.
    await loadGridIntensityCsv(pool, {
      stream: csv(
        oldHeader,
        "2023-03-01 00:00:00,USA,Z,US-TEST-RE,10,20,60.88,55.87,s,false,",
        "2023-03-01 01:00:00,USA,Z,US-TEST-RE,10,20,,,s,false,",
      ),
    });
    expect(await shares("US-TEST-RE")).toEqual([
      { re: 55.87, cfe: 60.88 },
      { re: null, cfe: null },
    ]);
    // 2025 layout: CFE% column 7, RE% column 8; an update changes only the shares.
    const update = await loadGridIntensityCsv(pool, {
      stream: csv(
        newHeader,
        "2023-03-01 00:00:00,USA,Z,US-TEST-RE,10,20,96.55,35.07,s,false,",
        "2023-03-01 02:00:00,USA,Z,US-TEST-RE,10,20,101,35,s,false,",
        "2023-03-01 03:00:00,USA,Z,US-TEST-RE,10,20,50,-1,s,false,",
      ),
    });
    expect(update.updated).toBe(1);
    expect(update.rejected).toEqual([
      { line: 3, reason: "carbon-free percentage 101 is not between 0 and 100" },
      { line: 4, reason: "renewable percentage -1 is not between 0 and 100" },
    ]);
    expect((await shares("US-TEST-RE"))[0]).toEqual({ re: 35.07, cfe: 96.55 });
    // Text path (a value COPY cannot cast): the shares are checked with patterns.
    const text = await loadGridIntensityCsv(pool, {
      stream: csv(
        newHeader,
        "2023-03-02 00:00:00,USA,Z,US-TEST-RE,10,20,40,x,s,false,",
        "2023-03-02 01:00:00,USA,Z,US-TEST-RE,10,20,40,30.5,s,false,",
      ),
    });
    expect(text.rejected).toEqual([
      { line: 2, reason: "renewable percentage 'x' is not between 0 and 100" },
    ]);
    expect((await shares("US-TEST-RE")).at(-1)).toEqual({ re: 30.5, cfe: 40 });
  });

  it("reports every kind of bad row with its line number and loads the good ones", async () => {
    const result = await loadGridIntensityCsv(pool, {
      stream: csv(
        oldHeader,
        "2023-02-01 00:00:00,USA,Z,US-TEST-B,10,20,0,0,s,false,", // line 2: good
        "2023-02-01 01:00:00,USA,Z,US-TEST-B,abc,20,0,0,s,false,", // line 3: not a number
        "2023-02-30 00:00:00,USA,Z,US-TEST-B,10,20,0,0,s,false,", // line 4: no such date
        "2023-02-01 02:30:00,USA,Z,US-TEST-B,10,20,0,0,s,false,", // line 5: not an hour start
        "2023-02-01 03:00:00,USA,Z,us-bad,10,20,0,0,s,false,", // line 6: bad zone id
        "2023-02-01 04:00:00,USA,Z,US-TEST-B,10,,0,0,s,false,", // line 7: empty life-cycle
        "2023-02-01 00:00:00,USA,Z,US-TEST-B,11,21,0,0,s,false,", // line 8: repeats line 2
        "2023-02-01 05:00:00,USA,Z,US-TEST-B,-1,20,0,0,s,false,", // line 9: negative
        "2023-02-01 06:00:00,USA,Z,US-TEST-B,12,22,0,0,s,maybe,", // line 10: bad flag
        "2023-02-01 07:00:00,USA,Z,US-TEST-B,13,23,0,0,s,true,", // line 11: good
      ),
    });
    expect(result.rejected).toEqual([
      { line: 3, reason: `direct carbon intensity 'abc' is not a non-negative number (gCO2e/kWh)` },
      { line: 4, reason: `Datetime (UTC) '2023-02-30 00:00:00' is not a calendar date` },
      {
        line: 5,
        reason: `Datetime (UTC) '2023-02-01 02:30:00' is not an hour start like 2023-01-01 00:00:00`,
      },
      { line: 6, reason: `Zone id 'us-bad' is not an Electricity Maps zone id such as US-NW-PACW` },
      { line: 7, reason: "life-cycle carbon intensity is empty" },
      { line: 8, reason: "hour 2023-02-01 00:00 of US-TEST-B repeats line 2" },
      { line: 9, reason: `direct carbon intensity '-1' is not a non-negative number (gCO2e/kWh)` },
      { line: 10, reason: `Data estimated 'maybe' is not true or false` },
    ]);
    expect(result).toMatchObject({ rowsRead: 10, inserted: 2 });
    expect((await stored("US-TEST-B")).map((r) => [r.hour, r.lca])).toEqual([
      ["2023-02-01 00", 20],
      ["2023-02-01 07", 23],
    ]);
  });

  it("rejects bad rows of a file whose values all cast (typed COPY path) with their line numbers", async () => {
    const result = await loadGridIntensityCsv(pool, {
      stream: csv(
        newHeader,
        "2023-04-01 00:00:00,X,Zone E,US-TEST-E,10,20,0,0,s,false,", // line 2: good
        "2023-04-01 01:30:00,X,Zone E,US-TEST-E,10,20,0,0,s,false,", // line 3: not an hour start
        "2023-04-01 02:00:00,X,Zone E,us-bad-e,10,20,0,0,s,false,", // line 4: bad zone id
        "2023-04-01 03:00:00,X,Zone E,US-TEST-E,,,0,0,s,false,", // line 5: both intensities empty
        "2023-04-01 04:00:00,X,Zone E,US-TEST-E,-5,20,0,0,s,false,", // line 6: negative
        "2023-04-01 00:00:00,X,Zone E,US-TEST-E,11,21,0,0,s,false,", // line 7: repeats line 2
        "2023-04-01 05:00:00,X,Zone E,US-TEST-E,12,22,0,0,s,true,", // line 8: good
      ),
    });
    expect(result.rejected).toEqual([
      { line: 3, reason: "Datetime (UTC) 2023-04-01 01:30:00+00 is not an hour start" },
      {
        line: 4,
        reason: `Zone id 'us-bad-e' is not an Electricity Maps zone id such as US-NW-PACW`,
      },
      { line: 5, reason: "life-cycle and direct carbon intensity are empty" },
      { line: 6, reason: "direct carbon intensity -5 is not a non-negative number (gCO2e/kWh)" },
      { line: 7, reason: "hour 2023-04-01 00:00 of US-TEST-E repeats line 2" },
    ]);
    // 7 data rows - 5 rejected = 2 inserted; the valid hours span 00:00..05:00.
    expect(result).toMatchObject({
      rowsRead: 7,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      zones: ["US-TEST-E"],
    });
    expect(result.fromHourUtc?.toISOString()).toBe("2023-04-01T00:00:00.000Z");
    expect(result.toHourUtc?.toISOString()).toBe("2023-04-01T05:00:00.000Z");
    expect(await stored("US-TEST-E")).toEqual([
      { hour: "2023-04-01 00", lca: 20, direct: 10, est: false },
      { hour: "2023-04-01 05", lca: 22, direct: 12, est: true },
    ]);
    const badZone = await pool.query(`SELECT 1 FROM "GridZone" WHERE id = 'us-bad-e'`);
    expect(badZone.rowCount).toBe(0);
  });

  it("first load without repeated hours (insert-only path): rejects bad rows by line, stores the rest", async () => {
    // Zone US-TEST-P already has a stored hour outside this file's range (2023-05-31 23:00), so the
    // stored-row probe finds nothing in 2023-06-01 00:00..03:00 and the insert-only path runs.
    await loadGridIntensityCsv(pool, {
      stream: csv(newHeader, "2023-05-31 23:00:00,X,Zone P,US-TEST-P,1,2,0,0,s,false,"),
    });
    const result = await loadGridIntensityCsv(pool, {
      stream: csv(
        newHeader,
        "2023-06-01 03:00:00,X,Zone P,US-TEST-P,13,23,0,0,s,true,", // line 2: good (hours need not be sorted)
        "2023-06-01 01:00:00,X,Zone P,US-TEST-P,,21,0,0,s,false,", // line 3: direct intensity empty
        "2023-06-01 00:00:00,X,Zone P,US-TEST-P,10,20,0,0,s,false,", // line 4: good
        "2023-06-01 02:00:00,X,Zone P,US-TEST-P,12,NaN,0,0,s,false,", // line 5: NaN life-cycle
      ),
    });
    expect(result.rejected).toEqual([
      { line: 3, reason: "direct carbon intensity is empty" },
      {
        line: 5,
        reason: "life-cycle carbon intensity NaN is not a non-negative number (gCO2e/kWh)",
      },
    ]);
    // 4 data rows - 2 rejected = 2 inserted; the valid hours span 00:00..03:00.
    expect(result).toMatchObject({
      rowsRead: 4,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      zones: ["US-TEST-P"],
    });
    expect(result.fromHourUtc?.toISOString()).toBe("2023-06-01T00:00:00.000Z");
    expect(result.toHourUtc?.toISOString()).toBe("2023-06-01T03:00:00.000Z");
    expect(await stored("US-TEST-P")).toEqual([
      { hour: "2023-05-31 23", lca: 2, direct: 1, est: false },
      { hour: "2023-06-01 00", lca: 20, direct: 10, est: false },
      { hour: "2023-06-01 03", lca: 23, direct: 13, est: true },
    ]);
    const zone = await pool.query(`SELECT name FROM "GridZone" WHERE id = 'US-TEST-P'`);
    expect(zone.rows).toEqual([{ name: "Zone P" }]);
  });

  it("loads a file holding two zones, and a file of only bad rows, in one call", async () => {
    const result = await loadGridIntensityFiles(pool, [
      {
        stream: csv(
          newHeader,
          "2023-07-01 00:00:00,X,Zone Q,US-TEST-Q,10,20,0,0,s,false,", // line 2
          "2023-07-01 00:00:00,X,Zone R,US-TEST-R,11,21,0,0,s,false,", // line 3: same hour, other zone
        ),
        name: "kl.csv",
      },
      {
        stream: csv(newHeader, "2023-07-01 00:00:00,X,Zone S,US-TEST-S,,,0,0,s,false,"),
        name: "m.csv",
      },
    ]);
    expect(result.files.map((f) => [f.inserted, f.zones, f.rejected.length])).toEqual([
      [2, ["US-TEST-Q", "US-TEST-R"], 0],
      [0, [], 1],
    ]);
    expect(result.files[1]?.fromHourUtc).toBeNull();
    expect(await stored("US-TEST-R")).toEqual([
      { hour: "2023-07-01 00", lca: 21, direct: 11, est: false },
    ]);
  });

  it("rejects a header without the needed columns and writes nothing", async () => {
    await expect(
      loadGridIntensityCsv(pool, {
        stream: csv("Datetime (UTC),Zone id,Value", "2023-01-01 00:00:00,US-TEST-C,1"),
      }),
    ).rejects.toThrow(GridCsvHeaderError);
    expect(await stored("US-TEST-C")).toEqual([]);
  });

  it("rejects a malformed body (a row with extra columns) and writes nothing", async () => {
    const load = loadGridIntensityCsv(pool, {
      stream: csv(
        oldHeader,
        "2023-03-01 00:00:00,USA,Z,US-TEST-D,10,20,0,0,s,false,",
        "2023-03-01 01:00:00,USA,Z,US-TEST-D,10,20,0,0,s,false,,extra",
      ),
    });
    await expect(load).rejects.toThrow(GridCsvFormatError);
    await expect(load).rejects.toThrow(/line 3/);
    expect(await stored("US-TEST-D")).toEqual([]);
  });
});

describe("loadGridIntensityFiles", () => {
  // Same columns as newHeader's loader columns, in another order and without the unused ones.
  const permutedHeader =
    "Zone id,Datetime (UTC),Carbon intensity gCO₂eq/kWh (Life cycle),Carbon intensity gCO₂eq/kWh (direct),Zone name,Data estimated";

  it("loads two header layouts in one call and reports each file's bad rows with that file's lines", async () => {
    const a = {
      name: "a.csv.gz",
      stream: Readable.from([
        gzipSync(
          `${oldHeader}\n2023-05-01 00:00:00,USA,Zone F,US-TEST-F,10,20,0,0,s,false,\n2023-05-01 01:00:00,USA,Zone F,US-TEST-F,11,,0,0,s,false,\n`,
        ),
      ]),
    };
    const b = {
      name: "b.csv",
      stream: csv(
        permutedHeader,
        "US-TEST-G,2023-05-01 00:00:00,30,25,Zone G,true", // line 2: good
        "US-TEST-G,2023-05-01 01:00:00,abc,25,Zone G,false", // line 3: cannot cast => text path
        "US-TEST-G,2023-05-01 02:00:00,31,26,Zone G,false", // line 4: good
        "US-TEST-F,2023-05-01 00:00:00,12,13,Zone F,false", // line 5: repeats a.csv.gz line 2
      ),
    };
    const progress = new Map<number, number>();
    const result = await loadGridIntensityFiles(pool, [a, b], {
      onProgress: (i, n) => progress.set(i, n),
    });
    expect([...progress]).toEqual([
      [0, 2],
      [1, 4],
    ]);
    expect(result.files[0]).toMatchObject({
      rowsRead: 2,
      inserted: 1,
      updated: 0,
      unchanged: 0,
      rejected: [{ line: 3, reason: "life-cycle carbon intensity is empty" }],
      zones: ["US-TEST-F"],
    });
    expect(result.files[0]?.toHourUtc?.toISOString()).toBe("2023-05-01T00:00:00.000Z");
    expect(result.files[1]).toMatchObject({
      rowsRead: 4,
      inserted: 2,
      rejected: [
        {
          line: 3,
          reason: `life-cycle carbon intensity 'abc' is not a non-negative number (gCO2e/kWh)`,
        },
        { line: 5, reason: "hour 2023-05-01 00:00 of US-TEST-F repeats line 2 of a.csv.gz" },
      ],
      // US-TEST-F's only row in b.csv was rejected, so b.csv has no US-TEST-F hours.
      zones: ["US-TEST-G"],
    });
    expect(result.files[1]?.fromHourUtc?.toISOString()).toBe("2023-05-01T00:00:00.000Z");
    expect(result.files[1]?.toHourUtc?.toISOString()).toBe("2023-05-01T02:00:00.000Z");
    // Totals: 2 + 4 rows read, 1 + 2 inserted, 1 + 2 rejected.
    expect(result).toMatchObject({
      rowsRead: 6,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      rejectedCount: 3,
    });
    expect(await stored("US-TEST-F")).toEqual([
      { hour: "2023-05-01 00", lca: 20, direct: 10, est: false },
    ]);
    expect(await stored("US-TEST-G")).toEqual([
      { hour: "2023-05-01 00", lca: 30, direct: 25, est: true },
      { hour: "2023-05-01 02", lca: 31, direct: 26, est: false },
    ]);

    // Reload: a.csv's hour unchanged; b.csv's 02:00 changed (lca 31 -> 32), 03:00 new.
    const again = await loadGridIntensityFiles(pool, [
      {
        name: "a.csv",
        stream: csv(oldHeader, "2023-05-01 00:00:00,USA,Zone F,US-TEST-F,10,20,0,0,s,false,"),
      },
      {
        name: "b.csv",
        stream: csv(
          permutedHeader,
          "US-TEST-G,2023-05-01 02:00:00,32,26,Zone G,false",
          "US-TEST-G,2023-05-01 03:00:00,33,27,Zone G,false",
        ),
      },
    ]);
    expect(again.files.map((f) => [f.inserted, f.updated, f.unchanged])).toEqual([
      [0, 0, 1],
      [1, 1, 0],
    ]);
  });

  it("writes nothing for any file when one file is malformed, and names that file", async () => {
    const load = loadGridIntensityFiles(pool, [
      {
        name: "good.csv",
        stream: csv(newHeader, "2023-06-01 00:00:00,X,Zone H,US-TEST-H,10,20,0,0,s,false,"),
      },
      {
        name: "bad.csv",
        stream: csv(
          newHeader,
          "2023-06-01 00:00:00,X,Zone I,US-TEST-I,10,20,0,0,s,false,",
          "2023-06-01 01:00:00,X,Zone I,US-TEST-I,10,20,0,0,s,false,,extra",
        ),
      },
    ]);
    await expect(load).rejects.toThrow(GridCsvFormatError);
    await expect(load).rejects.toThrow(/^bad\.csv: .*line 3/);
    expect(await stored("US-TEST-H")).toEqual([]);
    expect(await stored("US-TEST-I")).toEqual([]);
    const zones = await pool.query(
      `SELECT id FROM "GridZone" WHERE id IN ('US-TEST-H', 'US-TEST-I')`,
    );
    expect(zones.rowCount).toBe(0);
  });

  it("maps rows of files sharing one COPY back to their file and line (no final newline, cast error in a later file)", async () => {
    const result = await loadGridIntensityFiles(pool, [
      {
        name: "k1.csv", // no final newline: one is added before the next file's rows
        stream: Readable.from([
          `${newHeader}\n2023-08-01 00:00:00,X,Zone K,US-TEST-K,10,20,0,0,s,false,\n2023-08-01 01:00:00,X,Zone K,US-TEST-K,11,21,0,0,s,false,`,
        ]),
      },
      {
        name: "k2.csv",
        stream: csv(
          newHeader,
          "2023-08-01 02:00:00,X,Zone K,US-TEST-K,12,22,0,0,s,false,", // line 2: good
          "2023-08-01 01:00:00,X,Zone K,US-TEST-K,13,23,0,0,s,false,", // line 3: repeats k1.csv line 3
        ),
      },
      {
        name: "k3.csv",
        stream: csv(
          newHeader,
          "2023-08-01 03:00:00,X,Zone K,US-TEST-K,14,24,0,0,s,false,", // line 2: good
          "2023-08-01 04:00:00,X,Zone K,US-TEST-K,15,x,0,0,s,false,", // line 3: cannot cast => text path
        ),
      },
    ]);
    // Rows read 2 + 2 + 2; k1: 2 inserted; k2: 1 inserted, line 3 rejected; k3: 1 inserted, line 3 rejected.
    expect(result.files.map((f) => [f.rowsRead, f.inserted, f.rejected])).toEqual([
      [2, 2, []],
      [2, 1, [{ line: 3, reason: "hour 2023-08-01 01:00 of US-TEST-K repeats line 3 of k1.csv" }]],
      [
        2,
        1,
        [
          {
            line: 3,
            reason: `life-cycle carbon intensity 'x' is not a non-negative number (gCO2e/kWh)`,
          },
        ],
      ],
    ]);
    expect((await stored("US-TEST-K")).map((r) => r.lca)).toEqual([20, 21, 22, 24]);
  });

  it("names the file whose header lacks a column and writes nothing", async () => {
    const load = loadGridIntensityFiles(pool, [
      {
        name: "ok.csv",
        stream: csv(newHeader, "2023-07-01 00:00:00,X,Zone J,US-TEST-J,10,20,0,0,s,false,"),
      },
      {
        name: "noheader.csv",
        stream: csv("Datetime (UTC),Zone id,Value", "2023-07-01 00:00:00,US-TEST-J,1"),
      },
    ]);
    await expect(load).rejects.toThrow(GridCsvHeaderError);
    await expect(load).rejects.toThrow(/^noheader\.csv: /);
    expect(await stored("US-TEST-J")).toEqual([]);
  });
});
