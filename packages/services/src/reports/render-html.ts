/** Self-contained HTML rendering of a monthly report (no scripts, inline CSS, escaped text). */
import type { MonthlyReport, ReportGroup } from "./model.js";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const esc = (value: unknown) => String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** A decimal string or number shown with at most `digits` decimals (display only). */
export function formatQuantity(value: string | number | null, digits = 3): string {
  if (value === null) return "–";
  const n = typeof value === "number" ? value : Number(value);
  return n.toLocaleString("en-US", { maximumFractionDigits: digits });
}

function groupTable(title: string, groups: ReportGroup[]): string {
  if (groups.length === 0) return "";
  const rows = groups
    .map(
      (g) =>
        `<tr><td>${esc(g.key)}</td><td>${g.figures.runCount}</td><td>${esc(formatQuantity(g.figures.facilityEnergyKwh))}</td><td>${esc(formatQuantity(g.figures.totalCarbonKgCo2e))}</td><td>${esc(formatQuantity(g.figures.totalWaterLiters))}</td></tr>`,
    )
    .join("\n");
  return `<h2>${esc(title)}</h2>
<table><thead><tr><th></th><th>Runs</th><th>Energy (kWh)</th><th>Carbon (kgCO2e)</th><th>Water (L)</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

export function renderReportHtml(report: MonthlyReport): string {
  const t = report.totals;
  const chains = report.chains
    .map(
      (c) =>
        `<tr><td>${esc(c.chainId)}</td><td>${c.runCount}</td><td>${esc(formatQuantity(c.totalCarbonKgCo2e))}</td><td>${esc(formatQuantity(c.projectedInferences, 0))}</td><td>${esc(formatQuantity(c.actualInferences, 0))}</td><td>${esc(formatQuantity(c.projectedCarbonPerInferenceGCo2e, 4))}</td><td>${esc(formatQuantity(c.reprojectedCarbonPerInferenceGCo2e, 4))}</td><td>${esc(formatQuantity(c.reprojectedWaterPerInferenceMilliliters, 4))}</td></tr>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Finetrace report ${esc(report.period)} – ${esc(report.organization.name)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin-bottom:1.5rem}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:right}td:first-child,th:first-child{text-align:left}</style>
</head><body>
<h1>Fine-tuning footprint, ${esc(report.period)}</h1>
<p>${esc(report.organization.name)} (${esc(report.organization.slug)}); month cut in ${esc(report.organization.reportingTimezone)}: ${esc(report.fromUtc)} to ${esc(report.toUtc)}. Generated ${esc(report.generatedAt)}.</p>
<h2>Totals</h2>
<table><tbody>
<tr><th>Runs</th><td>${t.runCount}</td></tr>
<tr><th>Facility energy (kWh)</th><td>${esc(formatQuantity(t.facilityEnergyKwh))}</td></tr>
<tr><th>Operational carbon (kgCO2e)</th><td>${esc(formatQuantity(t.operationalCarbonKgCo2e))}</td></tr>
<tr><th>Embodied carbon (kgCO2e)</th><td>${esc(formatQuantity(t.embodiedCarbonKgCo2e))}</td></tr>
<tr><th>Total carbon (kgCO2e)</th><td>${esc(formatQuantity(t.totalCarbonKgCo2e))}</td></tr>
<tr><th>Total water (L)</th><td>${esc(formatQuantity(t.totalWaterLiters))}</td></tr>
<tr><th>Imputed inputs (share)</th><td>${esc(formatQuantity(Number(report.imputedShare) * 100, 1))} %</td></tr>
</tbody></table>
${groupTable("By base model", report.byBaseModel)}
${groupTable("By grid zone", report.byGridZone)}
${groupTable("By GPU model", report.byGpuModel)}
${groupTable("By day", report.byDay)}
${
  report.chains.length === 0
    ? ""
    : `<h2>Per-inference figures of continuous fine-tuning chains</h2>
<table><thead><tr><th>Chain</th><th>Runs</th><th>Carbon (kgCO2e)</th><th>Projected inferences</th><th>Reported inferences</th><th>Projected gCO2e/inference</th><th>Re-projected gCO2e/inference</th><th>Re-projected mL/inference</th></tr></thead>
<tbody>
${chains}
</tbody></table>`
}
</body></html>
`;
}
