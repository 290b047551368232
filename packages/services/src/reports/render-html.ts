/**
 * Self-contained HTML rendering of a monthly report: the blocks of `layout.ts` as headings,
 * paragraphs and tables, the charts as inline SVG (no scripts, no external resources, inline
 * CSS, escaped text). Print CSS breaks pages where the PDF does.
 */
import { type Block, reportBlocks } from "./layout.js";
import type { MonthlyReport } from "./model.js";
import type { ReportDiff } from "./versions.js";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const esc = (value: unknown) => String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

function block(b: Block): string {
  switch (b.kind) {
    case "title":
      return `<h1>${esc(b.text)}</h1>`;
    case "heading":
      return `<h2>${esc(b.text)}</h2>`;
    case "paragraph":
      return `<p>${esc(b.text)}</p>`;
    case "table":
      return `<table><thead><tr>${b.columns.map((c) => `<th>${esc(c)}</th>`).join("")}</tr></thead>
<tbody>
${b.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("\n")}
</tbody></table>`;
    case "chart":
      // ECharts' SSR output: an SVG document with no script and no external reference.
      return `<figure id="${esc(b.chart.id)}"><figcaption>${esc(b.chart.title)}</figcaption>
${b.chart.svg}
</figure>`;
    case "pageBreak":
      return `<hr class="page-break">`;
  }
}

const CSS = `body{font-family:Helvetica,Arial,sans-serif;margin:2rem;color:#222;max-width:60rem}
table{border-collapse:collapse;margin-bottom:1.5rem}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:right}
td:first-child,th:first-child{text-align:left}th{background:#f2f4f7}figure{margin:1rem 0}figcaption{font-weight:bold;margin-bottom:.3rem}
hr.page-break{border:0;border-top:1px dashed #ccc;margin:2rem 0}@media print{hr.page-break{break-after:page;border:0}}`;

export function renderReportHtml(report: MonthlyReport, diff: ReportDiff | null = null): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Finetrace report ${esc(report.period)} v${report.version} – ${esc(report.organization.name)}</title>
<meta name="finetrace-report-version" content="${report.version}">
<meta name="finetrace-generated-at" content="${esc(report.generatedAt)}">
<style>${CSS}</style>
</head><body>
${reportBlocks(report, diff).map(block).join("\n")}
</body></html>
`;
}
