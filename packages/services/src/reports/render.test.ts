import type { EmissionsFigures } from "@finetrace/db";
import { describe, expect, it } from "vitest";
import type { MonthlyReport } from "./model.js";
import { renderReportCsv } from "./render-csv.js";
import { renderReportHtml } from "./render-html.js";
import { renderReportPdf } from "./render-pdf.js";

const figures = (runCount: number, carbon: string): EmissionsFigures => ({
  runCount,
  itEnergyKwh: "10.000000000",
  facilityEnergyKwh: "12.000000000",
  operationalCarbonKgCo2e: carbon,
  embodiedCarbonKgCo2e: "0.500000000",
  totalCarbonKgCo2e: carbon,
  onsiteWaterLiters: "18.000000000",
  offsiteWaterLiters: "37.560000000",
  embodiedWaterLiters: "0.100000000",
  totalWaterLiters: "55.660000000",
  imputedFieldCount: 3,
  provenanceFieldCount: 12,
  useData: {
    runCount,
    projectedInferences: "1000.000000",
    facilityEnergyKwh: "12.000000000",
    totalCarbonKgCo2e: carbon,
    totalWaterLiters: "55.660000000",
  },
});

const report: MonthlyReport = {
  organization: { id: "o", slug: "acme", name: "Acme <Labs>", reportingTimezone: "Europe/Paris" },
  period: "2024-07",
  fromUtc: "2024-06-30T22:00:00.000Z",
  toUtc: "2024-07-31T22:00:00.000Z",
  generatedAt: "2024-08-01T00:00:05.000Z",
  totals: figures(2, "12.800000000"),
  imputedShare: "0.250000000",
  byBaseModel: [{ key: "Llama 2", figures: figures(2, "12.800000000") }],
  byGridZone: [{ key: "FR", figures: figures(2, "12.800000000") }],
  byGpuModel: [{ key: "A100-SXM4-80GB", figures: figures(2, "12.800000000") }],
  byDay: [
    { key: "2024-07-01", figures: figures(1, "6.400000000") },
    { key: "2024-07-02", figures: figures(1, "6.400000000") },
  ],
  chains: [
    {
      chainId: "support-bot-daily",
      runCount: 2,
      totalCarbonKgCo2e: "12.800000000",
      totalWaterLiters: "18.300000000",
      projectedInferences: 2000,
      actualInferences: 1000,
      reportedDays: 1,
      // 12.8 kgCO2e x 1000 g/kg / 2000 inferences = 6.4 gCO2e per inference
      projectedCarbonPerInferenceGCo2e: 6.4,
      projectedWaterPerInferenceMilliliters: 9.15,
      reprojectedCarbonPerInferenceGCo2e: 12.8,
      reprojectedWaterPerInferenceMilliliters: 18.3,
    },
  ],
};

describe("report renderings", () => {
  it("CSV: one total row, one row per group and per chain, exact decimal strings", () => {
    const lines = renderReportCsv(report).trim().split("\n");
    // header + total + 1 base model + 1 zone + 1 GPU + 2 days + 1 chain = 8 lines
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatch(/^period,section,key,runCount,facilityEnergyKwh,/);
    expect(lines[1]).toBe(
      "2024-07,total,,2,12.000000000,12.800000000,0.500000000,12.800000000,18.000000000,37.560000000,0.100000000,55.660000000,0.250000000,,,,,,",
    );
    expect(lines[7]).toContain("chain,support-bot-daily,2,");
    expect(lines[7]?.endsWith(",2000,1000,6.4,12.8,9.15,18.3")).toBe(true);
  });

  it("HTML: escapes text and shows the imputed share as a percentage", () => {
    const html = renderReportHtml(report);
    expect(html).toContain("Acme &lt;Labs&gt;");
    expect(html).not.toContain("Acme <Labs>");
    // 0.25 -> 25 %
    expect(html).toContain("<tr><th>Imputed inputs (share)</th><td>25 %</td></tr>");
    expect(html).toContain("<td>support-bot-daily</td>");
  });

  it("PDF: a well-formed PDF document", async () => {
    const pdf = await renderReportPdf(report);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.subarray(-6).toString("latin1")).toContain("%%EOF");
    expect(pdf.length).toBeGreaterThan(1000);
  });
});
