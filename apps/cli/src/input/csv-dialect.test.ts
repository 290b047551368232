import type { CastingContext } from "csv-parse";
import { describe, expect, it } from "vitest";
import { csvDelimiter, csvDialect, decimalPoint } from "./csv-dialect.js";

const cell = { header: false } as CastingContext;

describe("csvDelimiter", () => {
  it("takes the most frequent of ',', ';' and tab in the header", () => {
    expect(csvDelimiter("timestamp,project_name,run_id")).toBe(",");
    expect(csvDelimiter("timestamp;project_name;run_id")).toBe(";");
    expect(csvDelimiter("timestamp\tproject_name\trun_id")).toBe("\t");
    // a one-column header, or a tie: ","
    expect(csvDelimiter("baseModel")).toBe(",");
    expect(csvDelimiter("a,b;c")).toBe(",");
  });
});

describe("decimalPoint", () => {
  it("reads a number with one decimal comma with a point", () => {
    expect(decimalPoint("0,0012", cell)).toBe("0.0012");
    expect(decimalPoint("-3,7011", cell)).toBe("-3.7011");
    expect(decimalPoint("5,14787354818382e-05", cell)).toBe("5.14787354818382e-05");
  });

  it("leaves other cells, and header cells, as written", () => {
    for (const v of ["1,2,3", "A100, 80GB", "12", "v1,beta", "2024-01-01T00:00:00"])
      expect(decimalPoint(v, cell)).toBe(v);
    expect(decimalPoint("0,5", { header: true } as CastingContext)).toBe("0,5");
  });
});

describe("csvDialect", () => {
  it("casts decimal commas only when the cells are not separated by commas", () => {
    expect(csvDialect("a,b,c")).toEqual({ delimiter: "," });
    expect(csvDialect("\uFEFFa;b;c")).toMatchObject({ delimiter: ";", cast: decimalPoint });
  });
});
