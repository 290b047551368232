import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { parseDisclosureText, readDisclosureFile } from "./read-disclosures.js";

const examples = fileURLToPath(new URL("../../../../examples/", import.meta.url));

describe("readDisclosureFile on the shipped examples", () => {
  it("reads the seed's Llama 2 JSON object with its externalId", async () => {
    const { format, records, issues } = await readDisclosureFile(`${examples}llama2-seed.json`);
    expect(format).toBe("json");
    expect(issues).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]?.externalId).toBe("scope3-seed-llama2");
    expect(records[0]?.disclosure).toMatchObject({
      gpuCount: 4,
      reservedDurationHours: 12,
      gpuUtilizationFraction: 0.47,
      cpuUtilizationFraction: 0.12,
    });
  });

  it("reads Strubell's Table 3 CSV with numbers typed and empty cells left out", async () => {
    const { format, records, issues } = await readDisclosureFile(
      `${examples}strubell-2019-table3.csv`,
    );
    expect(format).toBe("csv");
    expect(issues).toEqual([]);
    expect(records.map((r) => r.externalId)).toEqual([
      "strubell-2019-t2t-base",
      "strubell-2019-t2t-big",
      "strubell-2019-elmo",
      "strubell-2019-bert-base-v100",
      "strubell-2019-nas",
    ]);
    // T2T base: 1415.78 W * 12 h / 1000 = 16.98936 kWh.
    expect(records[0]?.disclosure.measuredEnergyKwh).toBeCloseTo(16.98936, 6);
    expect(records[3]?.disclosure.gpuCount).toBe(64);
    expect(records[2]?.disclosure.baseModelParameterCount).toBeUndefined();
  });

  it("reads the 31 runs of the demo chain (JSONL)", async () => {
    const { format, records } = await readDisclosureFile(
      `${examples}demo/support-bot-daily-2024-07.jsonl`,
    );
    expect(format).toBe("jsonl");
    expect(records).toHaveLength(31);
    expect(new Set(records.map((r) => r.disclosure.chainId))).toEqual(
      new Set(["support-bot-daily"]),
    );
  });

  it("recognises CodeCarbon's emissions.csv and keeps the measured energy", async () => {
    const { format, records, issues } = await readDisclosureFile(
      `${examples}codecarbon/emissions.csv`,
    );
    expect(format).toBe("codecarbon");
    expect(issues).toEqual([]);
    // 112.5 W CPU + 1180 W GPU + 188.8 W RAM over 6 h = 1481.3 W * 6 h = 8.8878 kWh.
    expect(records[0]?.disclosure.measuredEnergyKwh).toBeCloseTo(8.8878, 6);
    expect(records[1]?.disclosure.countryCode).toBe("FR");
  });
});

describe("parseDisclosureText errors", () => {
  it("reports each bad field by record and keeps the good records", () => {
    const text = [
      "externalId,baseModel,gpuCount,gpuUtilizationFraction",
      "a,Llama 2,4,0.47",
      "b,Llama 2,four,1.5",
    ].join("\n");
    const { records, issues } = parseDisclosureText("runs.csv", text);
    expect(records.map((r) => r.externalId)).toEqual(["a"]);
    expect(issues.map((i) => [i.index, i.path]).sort()).toEqual([
      [1, "gpuCount"],
      [1, "gpuUtilizationFraction"],
    ]);
  });

  it("rejects naive timestamps and unknown fields by name", () => {
    const { issues } = parseDisclosureText(
      "runs.jsonl",
      '{"baseModel":"x","startTime":"2024-07-01T01:00:00"}\n{"baseModel":"y","gpus":4}\n',
    );
    expect(issues.map((i) => i.index)).toEqual([0, 1]);
    expect(issues[0]?.path).toBe("startTime");
    expect(issues[1]?.message).toMatch(/gpus/);
  });

  it("reads spreadsheet spellings of the header (snake case, spaces, any case)", () => {
    const text = [
      "External ID,base_model,GPU Model,gpu-count,reserved_duration_hours,Start Time",
      "a,Llama 2,A100,4,12,2024-07-01T00:00:00Z",
    ].join("\n");
    const { records, issues } = parseDisclosureText("runs.csv", text);
    expect(issues).toEqual([]);
    expect(records[0]?.externalId).toBe("a");
    expect(records[0]?.disclosure).toMatchObject({
      baseModel: "Llama 2",
      gpuModel: "A100",
      gpuCount: 4, // typed as a number: the header resolved to the numeric field
      reservedDurationHours: 12,
      startTime: "2024-07-01T00:00:00.000Z",
    });
    // a header naming no field is kept as written and reported; a missing base model is named
    const bad = parseDisclosureText("runs.csv", "gpu_model,owner\nA100,me\n").issues;
    expect(bad.map((i) => [i.path, i.message])).toEqual([
      ["baseModel", "is required"],
      ["", expect.stringContaining('"owner"')],
    ]);
  });

  it("reads a spreadsheet's ';' CSV with decimal commas, and a tab-separated one", () => {
    // Excel in a decimal-comma locale saves "12,5" for 12.5 with ";" between cells
    const semicolon = [
      "externalId;baseModel;gpuModel;gpuCount;reservedDurationHours;gpuUtilizationFraction;startTime",
      "eu-1;Llama 2;A100;4;12,5;0,47;2024-07-01T00:00:00Z",
    ].join("\r\n");
    const tab = semicolon.replaceAll(";", "\t").replace("12,5", "12.5").replace("0,47", "0.47");
    for (const [file, text] of [
      ["runs.csv", semicolon],
      ["runs.csv", tab],
      ["runs.tsv", tab],
    ] as const) {
      const { format, records, issues } = parseDisclosureText(file, text);
      expect(format).toBe("csv");
      expect(issues).toEqual([]);
      expect(records[0]?.externalId).toBe("eu-1");
      expect(records[0]?.disclosure).toMatchObject({
        gpuCount: 4,
        reservedDurationHours: 12.5,
        gpuUtilizationFraction: 0.47,
      });
    }
  });

  it("recognises a CodeCarbon log saved with ';' and decimal commas, same numbers", () => {
    const header =
      "timestamp,project_name,run_id,duration,emissions,energy_consumed,country_iso_code,region";
    const row = "2024-01-01T00:00:00,proj,run-1,94.5,0.0124,0.031,FRA,ile-de-france";
    const comma = parseDisclosureText("emissions.csv", `${header}\n${row}\n`);
    const excel = parseDisclosureText(
      "emissions.csv",
      `${header.replaceAll(",", ";")}\n${row.replaceAll(",", ";").replace("94.5", "94,5").replace("0.0124", "0,0124").replace("0.031", "0,031")}\n`,
    );
    expect(excel.format).toBe("codecarbon");
    expect(excel.issues).toEqual([]);
    expect(excel.records[0]?.disclosure).toEqual(comma.records[0]?.disclosure);
    // energy_consumed 0,031 kWh -> 0.031; duration 94,5 s -> 94.5 / 3600 h
    expect(excel.records[0]?.disclosure).toMatchObject({ measuredEnergyKwh: 0.031 });
    expect(excel.records[0]?.disclosure.reservedDurationHours).toBeCloseTo(94.5 / 3600, 12);
  });

  it("refuses unknown extensions and broken JSON as usage errors", () => {
    expect(() => parseDisclosureText("runs.txt", "{}")).toThrow(UsageError);
    expect(() => parseDisclosureText("runs.json", "{")).toThrow(/not valid JSON/);
  });
});
