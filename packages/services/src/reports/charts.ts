/**
 * The report's charts as SVG, drawn on the server by Apache ECharts 6 in its server-side mode
 * (`echarts.init(null, null, { renderer: "svg", ssr: true })` + `renderToSVGString()`): no
 * browser, no DOM, no network. The same SVG is embedded inline in the HTML and drawn into the
 * PDF (svg-to-pdfkit), so both renderings show the same vector graphics.
 */
import * as echarts from "echarts";
import type { MonthlyReport, ReportGroup } from "./model.js";
import { daysOfMonth } from "./period.js";

export interface ReportChart {
  id: string;
  title: string;
  /** Width and height of the SVG's viewport, px. */
  width: number;
  height: number;
  svg: string;
}

/** Chart width (px): 16 cm at 96 dpi, the text width of an A4 page with 2.5 cm margins. */
const WIDTH = 640;
const FONT = { fontFamily: "Helvetica, Arial, sans-serif", fontSize: 11 };

function render(option: echarts.EChartsOption, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height });
  try {
    chart.setOption({ animation: false, textStyle: FONT, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const num = (v: string | number | null) => (v === null ? 0 : Number(v));

function dailyCarbon(report: MonthlyReport): ReportChart {
  const byKey = new Map(report.byDay.map((d) => [d.key, d.figures]));
  const days = daysOfMonth(report.period);
  const series = (f: "operationalCarbonKgCo2e" | "embodiedCarbonKgCo2e") =>
    days.map((d) => num(byKey.get(d)?.[f] ?? null));
  const height = 280;
  return {
    id: "daily-carbon",
    title: "Daily carbon, operational (Scope 2, location-based) and embodied (Scope 3), kgCO2e",
    width: WIDTH,
    height,
    svg: render(
      {
        legend: { top: 0, textStyle: FONT },
        grid: { left: 60, right: 20, top: 30, bottom: 40 },
        xAxis: {
          type: "category",
          data: days.map((d) => d.slice(8)),
          name: "day of the month",
          nameLocation: "middle",
          nameGap: 25,
        },
        yAxis: { type: "value", name: "kgCO2e" },
        series: [
          {
            name: "operational",
            type: "bar",
            stack: "carbon",
            data: series("operationalCarbonKgCo2e"),
          },
          {
            name: "embodied",
            type: "bar",
            stack: "carbon",
            data: series("embodiedCarbonKgCo2e"),
          },
        ],
      },
      height,
    ),
  };
}

function breakdown(id: string, title: string, groups: readonly ReportGroup[]): ReportChart {
  const sorted = [...groups].sort(
    (a, b) => num(a.figures.totalCarbonKgCo2e) - num(b.figures.totalCarbonKgCo2e),
  );
  const height = Math.max(120, 40 + sorted.length * 26);
  return {
    id,
    title,
    width: WIDTH,
    height,
    svg: render(
      {
        legend: { top: 0, textStyle: FONT },
        grid: { left: 170, right: 30, top: 28, bottom: 24 },
        xAxis: { type: "value", name: "kgCO2e" },
        yAxis: { type: "category", data: sorted.map((g) => g.key) },
        series: [
          {
            name: "operational",
            type: "bar",
            stack: "carbon",
            data: sorted.map((g) => num(g.figures.operationalCarbonKgCo2e)),
          },
          {
            name: "embodied",
            type: "bar",
            stack: "carbon",
            data: sorted.map((g) => num(g.figures.embodiedCarbonKgCo2e)),
          },
        ],
      },
      height,
    ),
  };
}

function scope2Bases(report: MonthlyReport): ReportChart {
  const height = 150;
  const s = report.scope2;
  return {
    id: "scope2-bases",
    title: "Scope 2: location-based vs market-based, kgCO2e",
    width: WIDTH,
    height,
    svg: render(
      {
        grid: { left: 170, right: 30, top: 10, bottom: 30 },
        xAxis: { type: "value", name: "kgCO2e" },
        yAxis: { type: "category", data: ["market-based", "location-based"] },
        series: [
          {
            type: "bar",
            data: [num(s.marketBasedCarbonKgCo2e), num(s.locationBasedCarbonKgCo2e)],
            label: { show: true, position: "right", ...FONT },
          },
        ],
      },
      height,
    ),
  };
}

function chainTrends(report: MonthlyReport): ReportChart | null {
  const chains = report.chainTrends.filter((t) => t.points.length > 0);
  if (chains.length === 0) return null;
  const height = 260;
  return {
    id: "chain-trends",
    title: "Carbon per inference of each chain's runs, 12 months to the report's end, gCO2e",
    width: WIDTH,
    height,
    svg: render(
      {
        legend: { top: 0, textStyle: FONT },
        grid: { left: 60, right: 20, top: 30, bottom: 30 },
        xAxis: { type: "time" },
        yAxis: { type: "value", name: "gCO2e / inference" },
        series: chains.map((t) => ({
          name: t.chainId,
          type: "line",
          data: t.points.map((p) => [p.startUtc, num(p.carbonPerInferenceGCo2e)]),
        })),
      },
      height,
    ),
  };
}

function shiftSavings(report: MonthlyReport): ReportChart | null {
  const best = report.scope2.shift.bestSavings;
  if (best.length === 0) return null;
  const sorted = [...best].reverse();
  const height = Math.max(120, 40 + sorted.length * 24);
  return {
    id: "shift-savings",
    title: `Carbon-aware shift: saving of the best start within ±${report.scope2.shift.windowHours} h, kgCO2e`,
    width: WIDTH,
    height,
    svg: render(
      {
        grid: { left: 170, right: 30, top: 10, bottom: 30 },
        xAxis: { type: "value", name: "kgCO2e" },
        yAxis: { type: "category", data: sorted.map((r) => r.externalId) },
        series: [{ type: "bar", data: sorted.map((r) => num(r.savingKgCo2e)) }],
      },
      height,
    ),
  };
}

/** Every chart of the report, in reading order; charts with no data are left out. */
export function reportCharts(report: MonthlyReport): ReportChart[] {
  const charts: (ReportChart | null)[] = [
    scope2Bases(report),
    dailyCarbon(report),
    breakdown("by-zone", "Carbon by grid zone, kgCO2e", report.byGridZone),
    breakdown("by-gpu", "Carbon by GPU model, kgCO2e", report.byGpuModel),
    breakdown("by-base-model", "Carbon by base model, kgCO2e", report.byBaseModel),
    chainTrends(report),
    shiftSavings(report),
  ];
  return charts.filter((c): c is ReportChart => c !== null);
}
