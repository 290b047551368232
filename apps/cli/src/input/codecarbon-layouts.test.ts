/**
 * One fixture per CodeCarbon header layout seen in public repositories
 * (shared/data/hardware_power/codecarbon_observed_headers.txt, in that file's order): each log is
 * read whole and the measured energy is kept exactly as written.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { normalizeDisclosure } from "@finetrace/estimator";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { parseDisclosureText, readDisclosureFile } from "./read-disclosures.js";

const dir = fileURLToPath(new URL("./fixtures/codecarbon/", import.meta.url));
const layouts = readdirSync(dir).filter((f) => f.endsWith(".csv"));

/** The `energy_consumed` cells of a fixture, read independently of the reader. */
function energyCells(file: string): string[] {
  const rows: string[][] = parse(readFileSync(`${dir}${file}`, "utf8"), {
    relax_column_count: true,
    trim: true,
  });
  const column = (rows[0] ?? []).indexOf("energy_consumed");
  return rows.slice(1).map((r) => r[column] ?? "");
}

describe("CodeCarbon header layouts", () => {
  it("has a fixture for each of the 17 observed header lines", () => {
    expect(layouts).toHaveLength(17);
  });

  it.each(layouts)("%s: every row read, energy_consumed kept exactly", async (file) => {
    const { format, records, issues } = await readDisclosureFile(`${dir}${file}`);
    expect(format).toBe("codecarbon");
    expect(issues).toEqual([]);
    const cells = energyCells(file);
    expect(records).toHaveLength(cells.length);
    expect(records.map((r) => r.disclosure.measuredEnergyKwh)).toEqual(cells.map(Number));
    // 0.301234567891 is the first row's cell verbatim: no rounding on the way.
    expect(records[0]?.disclosure.measuredEnergyKwh).toBe(0.301234567891);
    const hasGpuColumn = readFileSync(`${dir}${file}`, "utf8")
      .split("\n")[0]
      ?.includes("gpu_model");
    for (const r of records) {
      expect(r.disclosure.gpuModel).toBe(hasGpuColumn ? "Tesla V100-PCIE-32GB" : undefined);
      expect(r.disclosure.gridZone).toBe("CA-QC");
      expect(r.notes?.startTimeProvenance?.timeZone).toBe("America/Toronto");
    }
    // Row 1 ended 2023-07-15T10:00 in Quebec (EDT, -04:00) = 14:00Z; 3600 s earlier = 13:00Z.
    expect(records[0]?.disclosure.startTime).toBe("2023-07-15T13:00:00.000Z");
    expect(records[0]?.disclosure.gpuCount).toBe(hasGpuColumn ? 1 : undefined);
  });

  it.each(layouts)(
    "%s saved by a decimal-comma spreadsheet (';', 0,301...): the same records",
    async (file) => {
      // Re-render the fixture as a spreadsheet in a decimal-comma locale saves it: ";" between
      // cells, "0,301234567891" for 0.301234567891 (csv-stringify, not the reader under test).
      const rows: string[][] = parse(readFileSync(`${dir}${file}`, "utf8"), {
        relax_column_count: true,
      });
      const decimal = /^\s*[+-]?\d+\.\d+(?:[eE][+-]?\d+)?\s*$/;
      const excel = rows.map((r, i) =>
        i === 0 ? r : r.map((c) => (decimal.test(c) ? c.replace(".", ",") : c)),
      );
      const text = stringify(excel, { delimiter: ";" });
      const original = await readDisclosureFile(`${dir}${file}`);
      const resaved = parseDisclosureText(file, text);
      expect(resaved.format).toBe("codecarbon");
      expect(resaved.issues).toEqual(original.issues);
      expect(resaved.records).toEqual(original.records);
    },
  );

  it("a pre-2.0 log (no hardware columns) gets the GPUs of its measured power, not a full server", async () => {
    const { records } = await readDisclosureFile(`${dir}layout-06-12col-pre-2.0.csv`);
    const run = normalizeDisclosure((records[0] as (typeof records)[number]).disclosure);
    // 0.301234567891 kWh in 1 h = 301.2 W; the 2023 GPU (A100 SXM4 80GB) with 1/8 of its
    // HPE Apollo 6500 host draws 250.4985 W at the default utilizations: 301.2 / 250.5 = 1.2 -> 1
    expect(run.gpuModel).toBe("A100-SXM4-80GB");
    expect(run.gpuCount).toBe(1);
    expect(run.provenance.gpuCount).toMatchObject({ rule: "gpus-of-measured-power", value: 1 });
  });
});
