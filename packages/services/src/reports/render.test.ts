import { describe, expect, it } from "vitest";
import { reportCharts } from "./charts.js";
import { kwhToMwh, reportFigureRows, unitOf } from "./figures.js";
import { reportBlocks } from "./layout.js";
import { renderReportCsv } from "./render-csv.js";
import { renderReportHtml } from "./render-html.js";
import { renderReportPdf } from "./render-pdf.js";
import { fixtureReport } from "./report.fixture.js";
import { rasterizePdf } from "./testing/pdf-pages.js";

const report = fixtureReport();
const csvLines = () => renderReportCsv(report).trim().split("\n");

describe("report figures and CSV", () => {
  it("kWh -> MWh moves the decimal point exactly", () => {
    expect(kwhToMwh("12.000000000")).toBe("0.012");
    expect(kwhToMwh("1234.5")).toBe("1.2345");
    expect(kwhToMwh("0")).toBe("0");
    expect(kwhToMwh("-2500")).toBe("-2.5");
  });

  it("names the unit each figure's name states", () => {
    expect(unitOf("facilityEnergyKwh")).toBe("kWh");
    expect(unitOf("renewableEnergyMwh")).toBe("MWh");
    expect(unitOf("marketBasedCarbonKgCo2e")).toBe("kgCO2e");
    expect(unitOf("emissionFactorGPerKwh")).toBe("gCO2e/kWh");
    expect(unitOf("carbonPerInferenceGCo2e")).toBe("gCO2e");
    expect(unitOf("reprojectedWaterPerInferenceMilliliters")).toBe("mL");
    expect(unitOf("carbonFreeEnergyShare")).toBe("share");
  });

  it("CSV: one row per figure with period, version, generation time, section, key, unit", () => {
    const lines = csvLines();
    expect(lines[0]).toBe("period,version,generatedAt,section,key,figure,unit,value");
    const prefix = "2024-07,2,2024-08-01T00:00:05.000Z";
    expect(lines).toContain(`${prefix},total,,totalCarbonKgCo2e,kgCO2e,12.800000000`);
    expect(lines).toContain(`${prefix},range90,totalCarbonKgCo2e,low,kgCO2e,6.400000000`);
    expect(lines).toContain(`${prefix},scope2,,marketBasedCarbonKgCo2e,kgCO2e,4.000000000`);
    // 12 kWh = 0.012 MWh
    expect(lines).toContain(`${prefix},scope2,,facilityEnergyMwh,MWh,0.012`);
    expect(lines).toContain(`${prefix},shift,,savingKgCo2e,kgCO2e,1.500000000`);
    expect(lines).toContain(`${prefix},instrument,PPA-2024-FR-1,energyUsedMwh,MWh,0.004000000`);
    expect(lines).toContain(
      `${prefix},chain,support-bot-daily,projectedCarbonPerInferenceGCo2e,gCO2e,6.4`,
    );
    // gpuUtilization imputed in 2 of 2 runs, pue in 1 of 2
    expect(lines).toContain(`${prefix},imputation,pue,imputedShare,share,0.500000000`);
    expect(lines).toContain(`${prefix},intensitySource,,fallbackEnergyShare,share,0.250000000`);
    expect(lines.some((l) => l.includes("dataSource,Electricity Maps,license,,ODbL 1.0"))).toBe(
      true,
    );
  });

  it("CSV has every figure: one row per figure row, none without a unit where the name has one", () => {
    const rows = reportFigureRows(report);
    expect(csvLines()).toHaveLength(rows.length + 1);
    // 2 days x (runCount + 9 summable quantities + 2 provenance counts + 5 use-data figures) = 34
    expect(rows.filter((r) => r.section === "day")).toHaveLength(34);
  });

  it("the figure rows do not depend on the version or generation time", () => {
    const again = { ...report, version: 7, generatedAt: "2025-01-01T00:00:00.000Z" };
    expect(reportFigureRows(again)).toEqual(reportFigureRows(report));
  });
});

describe("report layout and HTML", () => {
  it("headline: this month, previous month and the change, year to date", () => {
    const table = reportBlocks(report, null).find(
      (b) => b.kind === "table" && b.columns[0] === "Figure (unit)",
    );
    if (table?.kind !== "table") throw new Error("no headline table");
    const total = table.rows.find((r) => r[0]?.startsWith("Total carbon"));
    // 12.8 kgCO2e vs 10.0 the month before: (12.8 - 10) / 10 = +28 %; year to date 22.8
    expect(total).toEqual([
      "Total carbon, location-based + embodied (kgCO2e)",
      "12.8",
      "6.4 – 25.6",
      "10",
      "+28 %",
      "22.8",
    ]);
    const market = table.rows.find((r) => r[0]?.startsWith("Scope 2 market-based"));
    // 4.0 vs 9.5: (4 - 9.5) / 9.5 = -57.9 %
    expect(market?.slice(1)).toEqual(["4", "", "9.5", "-57.9 %", "13.5"]);
    const energy = table.rows.find((r) => r[0] === "Facility energy (MWh)");
    expect(energy?.slice(1, 3)).toEqual(["0.012", "0.006 – 0.024"]);
  });

  it("HTML: escapes text, carries the version, embeds the charts as inline SVG", () => {
    const html = renderReportHtml(report);
    expect(html).toContain("Acme &lt;Labs&gt;");
    expect(html).not.toContain("Acme <Labs>");
    expect(html).toContain('<meta name="finetrace-report-version" content="2">');
    expect(html).toContain("Version 2, generated 2024-08-01T00:00:05.000Z");
    // 3 kWh renewable of 12 = 25 %
    expect(html).toContain("<td>Renewable (hourly RE%)</td><td>0.003</td><td>25 %</td>");
    expect(html).toContain("could have emitted 1.5 kgCO2e less");
    expect(html).not.toContain("<script");
    const charts = reportCharts(report);
    expect(charts.map((c) => c.id)).toEqual([
      "scope2-bases",
      "daily-carbon",
      "by-zone",
      "by-gpu",
      "by-base-model",
      "chain-trends",
      "shift-savings",
    ]);
    expect(html.match(/<svg /g)).toHaveLength(charts.length);
  });

  it("daily chart: one bar slot per day of the month (31 in July)", () => {
    const daily = reportCharts(report).find((c) => c.id === "daily-carbon");
    expect(daily?.svg.match(/>31</g)?.length).toBeGreaterThanOrEqual(1);
  });
});

describe("report PDF", () => {
  it("A4 pages, none blank, with the version in the document info", async () => {
    const pdf = await renderReportPdf(report);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toContain("(Finetrace report 2024-07 v2 - Acme <Labs>)");
    const pages = await rasterizePdf(pdf, 50);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const p of pages) {
      // A4 = 595.28 x 841.89 pt; at 50 dpi 595.28 / 72 x 50 = 413.4 and 584.6 px
      expect(Math.abs(p.widthPx - 413.4)).toBeLessThan(1);
      expect(Math.abs(p.heightPx - 584.6)).toBeLessThan(1);
      expect(p.inkShare).toBeGreaterThan(0.005);
    }
  });
});
