/** PDF rendering of a monthly report with PDFKit (built-in Helvetica, A4). */
import PDFDocument from "pdfkit";
import type { MonthlyReport, ReportGroup } from "./model.js";
import { formatQuantity } from "./render-html.js";

export async function renderReportPdf(report: MonthlyReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 50,
    info: {
      Title: `Finetrace report ${report.period} - ${report.organization.name}`,
      Author: "Finetrace",
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const t = report.totals;
  doc.fontSize(18).text(`Fine-tuning footprint, ${report.period}`);
  doc
    .moveDown(0.3)
    .fontSize(10)
    .text(
      `${report.organization.name} (${report.organization.slug}); month cut in ${report.organization.reportingTimezone}: ${report.fromUtc} to ${report.toUtc}.`,
    );
  doc.moveDown().fontSize(13).text("Totals");
  doc.fontSize(10);
  const lines: [string, string][] = [
    ["Runs", String(t.runCount)],
    ["Facility energy (kWh)", formatQuantity(t.facilityEnergyKwh)],
    ["Operational carbon (kgCO2e)", formatQuantity(t.operationalCarbonKgCo2e)],
    ["Embodied carbon (kgCO2e)", formatQuantity(t.embodiedCarbonKgCo2e)],
    ["Total carbon (kgCO2e)", formatQuantity(t.totalCarbonKgCo2e)],
    ["Total water (L)", formatQuantity(t.totalWaterLiters)],
    ["Imputed inputs (share)", `${formatQuantity(Number(report.imputedShare) * 100, 1)} %`],
  ];
  for (const [label, value] of lines) doc.text(`${label}: ${value}`);

  const section = (title: string, groups: ReportGroup[]) => {
    if (groups.length === 0) return;
    doc.moveDown().fontSize(13).text(title);
    doc.fontSize(9);
    for (const g of groups) {
      doc.text(
        `${g.key}: ${g.figures.runCount} runs, ${formatQuantity(g.figures.facilityEnergyKwh)} kWh, ${formatQuantity(g.figures.totalCarbonKgCo2e)} kgCO2e, ${formatQuantity(g.figures.totalWaterLiters)} L`,
      );
    }
  };
  section("By base model", report.byBaseModel);
  section("By grid zone", report.byGridZone);
  section("By GPU model", report.byGpuModel);
  section("By day", report.byDay);
  if (report.chains.length > 0) {
    doc.moveDown().fontSize(13).text("Per-inference figures of continuous fine-tuning chains");
    doc.fontSize(9);
    for (const c of report.chains) {
      doc.text(
        `${c.chainId}: ${c.runCount} runs, ${formatQuantity(c.totalCarbonKgCo2e)} kgCO2e; projected ${formatQuantity(c.projectedCarbonPerInferenceGCo2e, 4)} gCO2e/inference, re-projected with ${formatQuantity(c.actualInferences, 0)} reported inferences: ${formatQuantity(c.reprojectedCarbonPerInferenceGCo2e, 4)} gCO2e and ${formatQuantity(c.reprojectedWaterPerInferenceMilliliters, 4)} mL per inference`,
      );
    }
  }
  doc.end();
  return done;
}
