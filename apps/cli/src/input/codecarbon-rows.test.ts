/**
 * CodeCarbon logs as CodeCarbon 3.x appends them: cumulative flush snapshots of one run, and
 * (3.2.9+) appended rows without their empty columns. The fixture
 * `fixtures/codecarbon-append/flush-3.3-offline-append.csv` has the shape an
 * `OfflineEmissionsTracker(country_iso_code="FRA")` writes: the first row with every column
 * (`region`, `longitude`, `latitude` empty), the appended ones 35 of 38 fields; run a1d4... was
 * flushed twice before stop(), run b2e5... once stopped.
 */
import { fileURLToPath } from "node:url";
import { normalizeDisclosure, type RunDisclosure } from "@finetrace/estimator";
import { describe, expect, it } from "vitest";
import type { CodeCarbonNotes } from "./codecarbon.js";
import { alignCodeCarbonRow } from "./codecarbon-align.js";
import { CodeCarbonRows } from "./codecarbon-rows.js";
import { parseDisclosureText, readDisclosureFile } from "./read-disclosures.js";

const fixture = fileURLToPath(
  new URL("./fixtures/codecarbon-append/flush-3.3-offline-append.csv", import.meta.url),
);

describe("a CodeCarbon 3.3 log with flush snapshots and short appended rows", () => {
  it("reads one record per run: the last snapshot, its energy exactly as written", async () => {
    const { records, issues } = await readDisclosureFile(fixture);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.externalId)).toEqual([
      "a1d4c0de-1111-4111-8111-000000000001",
      "b2e5d1ef-2222-4222-8222-000000000002",
    ]);
    const [a, b] = records;
    // Run a: three rows 1800 / 4500 / 5400 s, 0.1881 / 0.4701 / 0.6123 kWh: the run is the last
    // (0.6123 kWh over 1.5 h), not their sum (1.2705 kWh over 3.25 h).
    expect(a?.disclosure.measuredEnergyKwh).toBe(0.6123);
    expect(a?.disclosure.reservedDurationHours).toBeCloseTo(5400 / 3600, 12);
    // Ended 16:30 Paris summer time (+02:00) = 14:30Z; 5400 s earlier = 13:00Z.
    expect(a?.disclosure.startTime).toBe("2026-09-14T13:00:00.000Z");
    expect(a?.notes?.snapshotProvenance).toMatchObject({
      rule: "codecarbon-flush-snapshots",
      rows: 3,
      firstRecord: 1,
    });
    // Its last row was short: region, longitude and latitude were left out, and the values
    // after them still land under their own columns (GPU, utilization, country).
    expect(a?.notes?.rowAlignmentProvenance).toMatchObject({
      rule: "codecarbon-row-realigned",
      omittedColumns: ["region", "longitude", "latitude"],
    });
    expect(a?.disclosure).toMatchObject({
      gpuModel: "NVIDIA GeForce RTX 4090",
      gpuCount: 1,
      gpuUtilizationFraction: 0.91,
      cpuUtilizationFraction: 0.125,
      countryCode: "FR",
    });
    // Run b: one short row, 0.2 kWh over 1800 s; ended 18:00+02:00 = 16:00Z -> 15:30Z.
    expect(b?.disclosure.measuredEnergyKwh).toBe(0.2);
    expect(b?.disclosure.startTime).toBe("2026-09-14T15:30:00.000Z");
    expect(b?.notes?.snapshotProvenance).toBeUndefined();
    expect(b?.disclosure.gpuUtilizationFraction).toBe(0.76);
  });

  it("says in the estimate's provenance what the reader derived", async () => {
    const { records } = await readDisclosureFile(fixture);
    const run = normalizeDisclosure(records[0]?.disclosure as RunDisclosure);
    // France has one offset: the naive timestamp was read at Europe/Paris (+02:00)
    expect(run.provenance.startTime).toMatchObject({
      status: "imputed",
      rule: "codecarbon-local-time-zone",
    });
    expect(run.provenance.baseModel).toMatchObject({ rule: "codecarbon-project-name" });
    expect(run.provenance.measuredEnergyKwh).toEqual({ status: "disclosed" });
    expect(run.provenance.gpuModel).toEqual({ status: "disclosed" });
  });

  it("imputes a 2.x task-mode run's span as its reserved time, and says so", () => {
    const text = [
      "timestamp,project_name,run_id,duration,emissions,energy_consumed,country_iso_code,region",
      "2024-05-01T10:00:00,asr,r1,600,0.01,0.1,NOR,oslo",
      "2024-05-01T11:00:00,asr,r1,300,0.02,0.2,NOR,oslo",
    ].join("\n");
    const { records } = parseDisclosureText("emissions.csv", text);
    // 09:50 to 11:00 local = 4,200 s
    expect(records[0]?.disclosure.reservedDurationHours).toBeCloseTo(4200 / 3600, 12);
    const run = normalizeDisclosure(records[0]?.disclosure as RunDisclosure);
    expect(run.provenance.reservedDurationHours).toMatchObject({ rule: "codecarbon-run-span" });
    expect(run.provenance.gridZone).toMatchObject({
      rule: "codecarbon-region-zone",
      value: "NO-NO1",
    });
  });

  it("reads the same from text as from the stream", async () => {
    const { readFile } = await import("node:fs/promises");
    const whole = parseDisclosureText(fixture, await readFile(fixture, "utf8"));
    const streamed = await readDisclosureFile(fixture);
    expect(whole.records).toEqual(streamed.records);
  });
});

describe("FlushSnapshots grouping (CodeCarbonRows)", () => {
  const header = [
    "task_name",
    "timestamp",
    "project_name",
    "run_id",
    "duration",
    "energy_consumed",
  ];
  const read = (rows: string[][]) => {
    const reader = new CodeCarbonRows();
    const out = [header, ...rows].flatMap((cells) => reader.push(cells));
    return [...out, ...reader.end()];
  };

  it("keeps task rows of one run apart (each task is its own measurement)", () => {
    const out = read([
      ["load", "2024-05-01T10:00:00", "p", "r1", "60", "0.01"],
      ["train", "2024-05-01T11:00:00", "p", "r1", "3600", "0.5"],
    ]);
    expect(out.map((r) => r.index)).toEqual([0, 1]);
  });

  it("never folds rows without a duration (broken rows each keep their issue)", () => {
    const out = read([
      ["", "38", "machine", "N", "", ""],
      ["", "938", "machine", "N", "", ""],
    ]);
    expect(out.map((r) => r.index)).toEqual([0, 1]);
  });

  it("starts a new run when a run_id's energy goes down", () => {
    const out = read([
      ["", "2024-05-01T10:00:00", "p", "r1", "600", "0.2"],
      ["", "2024-05-01T11:00:00", "p", "r1", "900", "0.1"],
    ]);
    expect(out.map((r) => r.index)).toEqual([0, 1]);
  });

  it("folds an earlier snapshot written after a later one (same start): one run, the latest totals", () => {
    // Cappetti99's log: 18:56:30 / 55.33 s (start 18:55:34.67) came before 18:56:21 / 46.2 s
    // (start 18:55:34.80) and 18:57:38 / 123.19 s of the same run
    const out = read([
      ["", "2025-09-23T18:56:30", "p", "r1", "55.33", "0.000351"],
      ["", "2025-09-23T18:56:21", "p", "r1", "46.2", "0.000295"],
      ["", "2025-09-23T18:57:38", "p", "r1", "123.19", "0.000788"],
    ]);
    expect(out).toHaveLength(1);
    const run = out[0] as { index: number; row: Record<string, string>; notes: CodeCarbonNotes };
    expect([run.index, run.row.energy_consumed]).toEqual([2, "0.000788"]);
    expect(run.notes.snapshotProvenance).toMatchObject({ rows: 3 });
    // a later run of the same id (it starts when the other stopped) stays apart
    const two = read([
      ["", "2025-09-23T19:00:00", "p", "r1", "60", "0.0004"],
      ["", "2025-09-23T19:02:00", "p", "r1", "30", "0.0002"],
    ]);
    expect(two.map((r) => r.index)).toEqual([0, 1]);
  });

  it("reads a run_id written as None (str(None)) as no id: those rows never merge", () => {
    const out = read([
      ["", "2025-02-23T17:30:00", "p", "None", "22", "0.0001"],
      ["", "2025-02-23T17:35:00", "p", "None", "30", "0.0002"],
    ]);
    expect(out.map((r) => r.index)).toEqual([0, 1]);
  });

  it("folds 2.x task-mode rows (duration restarts, energy is the run's total) into one span", () => {
    const out = read([
      ["", "2024-05-01T10:00:00", "p", "r1", "600", "0.1"],
      ["", "2024-05-01T10:30:00", "p", "r1", "300", "0.2"],
      ["", "2024-05-01T11:00:00", "p", "r1", "120", "0.25"],
    ]);
    expect(out).toHaveLength(1);
    const run = out[0] as { row: Record<string, string>; notes: CodeCarbonNotes };
    // first start 10:00 - 600 s = 09:50; last end 11:00: 70 min = 4,200 s
    expect(run.row.duration).toBe("4200");
    expect(run.row.energy_consumed).toBe("0.25");
    expect(run.notes.snapshotProvenance).toMatchObject({ rows: 3, durationSeconds: 4200 });
  });

  it("follows interleaved runs and never merges rows without an id", () => {
    const out = read([
      ["", "2024-05-01T10:00:00", "p", "", "600", "0.1"],
      ["", "2024-05-01T11:00:00", "p", "", "900", "0.2"],
      ["", "2024-05-01T12:00:00", "p", "r2", "60", "0.01"],
      ["", "2024-05-01T12:00:30", "p", "r3", "30", "0.02"],
      ["", "2024-05-01T12:01:00", "p", "r2", "120", "0.02"],
      ["", "2024-05-01T12:01:30", "p", "r3", "90", "0.05"],
    ]);
    expect(out.map((r) => r.index).sort()).toEqual([0, 1, 4, 5]);
  });
});

describe("alignCodeCarbonRow", () => {
  const asJson = (row: Record<string, string>) => JSON.stringify(row);

  it("maps full and longer rows by position", () => {
    const a = alignCodeCarbonRow(["duration", "region"], ["5", "quebec", "extra"], asJson);
    expect(a).toEqual({ ok: true, row: { duration: "5", region: "quebec" }, omittedColumns: [] });
  });

  it("reads a row short of trailing hand-added columns by position", () => {
    const a = alignCodeCarbonRow(["duration", "dataset", null], ["5"], asJson);
    expect(a).toEqual({ ok: true, row: { duration: "5" }, omittedColumns: [] });
  });

  it("prefers leaving out the coordinates over the CPU fields", () => {
    // Two fields for four columns: omitting longitude + latitude (rank 1 + 1) beats omitting
    // cpu_count + cpu_model (3 + 3), which would also fit the types.
    const columns = ["cpu_count", "cpu_model", "longitude", "latitude"];
    const a = alignCodeCarbonRow(columns, ["16", ""], asJson);
    expect(a).toMatchObject({ ok: true, omittedColumns: ["longitude", "latitude"] });
  });

  it("names the problem when equally likely alignments read differently", () => {
    const a = alignCodeCarbonRow(["longitude", "latitude"], ["45.5"], asJson);
    expect(a).toEqual({
      ok: false,
      message: expect.stringMatching(
        /1 fields for the header's 2 columns.*2 alignments fit and read differently \(longitude, latitude vary\)/,
      ),
    });
  });

  it("calls a row with under half the header's columns a stray line", () => {
    // A log ending in a line "0" (seen in a public repository): 1 field under 6 columns.
    const columns = ["timestamp", "project_name", "run_id", "duration", "emissions", "gpu_model"];
    expect(alignCodeCarbonRow(columns, ["0"], asJson)).toEqual({
      ok: false,
      message: "has 1 of the header's 6 columns: not a CodeCarbon row (a stray or cut line)",
    });
  });

  it("names the problem when no alignment fits the value types", () => {
    // `duration` is never left out, so "France" would have to sit under a numeric column.
    const a = alignCodeCarbonRow(
      ["duration", "emissions", "country_name"],
      ["0.1", "France"],
      asJson,
    );
    expect(a).toEqual({ ok: false, message: expect.stringContaining("no alignment fits") });
  });
});
