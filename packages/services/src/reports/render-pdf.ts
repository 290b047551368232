/**
 * PDF rendering of a monthly report with PDFKit: A4, built-in Helvetica (no font files, no
 * network), the blocks of `layout.ts` as headings, paragraphs and PDFKit tables, the charts'
 * SVG drawn as vector graphics by svg-to-pdfkit. Every page's footer names the report, its
 * version and generation time, and the page number.
 */
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import { type Block, reportBlocks } from "./layout.js";
import type { MonthlyReport } from "./model.js";
import type { ReportDiff } from "./versions.js";

const MARGIN = 50;
type Doc = InstanceType<typeof PDFDocument>;

/** Start a new page when fewer than `height` points are left above the bottom margin. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function drawTable(doc: Doc, b: Extract<Block, { kind: "table" }>): void {
  ensureSpace(doc, 60);
  doc.font("Helvetica").fontSize(b.columns.length > 6 ? 6.5 : 7.5);
  doc.table({
    position: { x: MARGIN },
    maxWidth: doc.page.width - 2 * MARGIN,
    defaultStyle: { border: 0.5, borderColor: "#bbbbbb", padding: 2 },
    data: [
      b.columns.map((text) => ({
        text,
        type: "TH" as const,
        backgroundColor: "#eef1f5",
        font: { src: "Helvetica-Bold" },
      })),
      ...b.rows,
    ],
  });
  doc.moveDown(0.6);
}

function drawChart(doc: Doc, b: Extract<Block, { kind: "chart" }>): void {
  const width = doc.page.width - 2 * MARGIN;
  const height = (b.chart.height * width) / b.chart.width;
  ensureSpace(doc, height + 24);
  doc.font("Helvetica-Bold").fontSize(9).text(b.chart.title, MARGIN);
  const y = doc.y + 2;
  SVGtoPDF(doc, b.chart.svg, MARGIN, y, {
    width,
    height,
    fontCallback: (_family, bold) => (bold ? "Helvetica-Bold" : "Helvetica"),
  });
  doc.x = MARGIN;
  doc.y = y + height + 10;
}

function drawBlock(doc: Doc, b: Block): void {
  switch (b.kind) {
    case "title":
      doc.font("Helvetica-Bold").fontSize(18).text(b.text, MARGIN);
      break;
    case "heading":
      ensureSpace(doc, 80);
      doc.moveDown(0.4).font("Helvetica-Bold").fontSize(12).text(b.text, MARGIN);
      doc.moveDown(0.3);
      break;
    case "paragraph":
      doc.font("Helvetica").fontSize(9).text(b.text, MARGIN);
      doc.moveDown(0.5);
      break;
    case "table":
      drawTable(doc, b);
      break;
    case "chart":
      drawChart(doc, b);
      break;
    case "pageBreak":
      doc.addPage();
      break;
  }
}

function footers(doc: Doc, report: MonthlyReport): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Text below the bottom margin would open a new page: the footer is written without one.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("Helvetica")
      .fontSize(7)
      .fillColor("#666666")
      .text(
        `Finetrace report ${report.period}, ${report.organization.slug}, version ${report.version}, generated ${report.generatedAt}. Page ${i + 1} of ${range.count}.`,
        MARGIN,
        doc.page.height - MARGIN + 15,
        { width: doc.page.width - 2 * MARGIN, lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
}

export async function renderReportPdf(
  report: MonthlyReport,
  diff: ReportDiff | null = null,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `Finetrace report ${report.period} v${report.version} - ${report.organization.name}`,
      Author: "Finetrace",
      Subject: `version ${report.version}, generated ${report.generatedAt}`,
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  for (const b of reportBlocks(report, diff)) drawBlock(doc, b);
  footers(doc, report);
  doc.end();
  return done;
}
