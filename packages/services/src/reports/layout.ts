/**
 * The report's document, independent of the output format: a list of blocks (headings,
 * paragraphs, tables with units in their headers, charts) built once from the model and the
 * restatement diff, and drawn by `render-html.ts` and `render-pdf.ts`, so both show the same
 * content in the same order. Numbers are formatted for reading here (the CSV keeps the exact
 * decimal strings).
 */
import { type ReportChart, reportCharts } from "./charts.js";
import type { MonthlyReport, PeriodTotals, ReportGroup } from "./model.js";
import type { ReportDiff } from "./versions.js";

export type Block =
  | { kind: "title"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "table"; columns: string[]; rows: string[][] }
  | { kind: "chart"; chart: ReportChart }
  /** A new page in the PDF; a section boundary in the HTML. */
  | { kind: "pageBreak" };

/** A decimal string or number shown with at most `digits` decimals (display only); null: "–". */
export function formatQuantity(value: string | number | null, digits = 3): string {
  if (value === null) return "–";
  const n = typeof value === "number" ? value : Number(value);
  return n.toLocaleString("en-US", { maximumFractionDigits: digits });
}

/** A 0..1 share as a percentage with one decimal. */
export const formatShare = (share: string | number | null): string =>
  share === null ? "–" : `${formatQuantity(Number(share) * 100, 1)} %`;

const mwh = (kwh: string | number) => formatQuantity(Number(kwh) / 1000, 6);

/** Relative change from `previous` to `current`, as a signed percentage ("–" from zero). */
function change(current: string | number, previous: string | number | null): string {
  const p = Number(previous);
  if (previous === null || p === 0) return "–";
  const pct = ((Number(current) - p) / p) * 100;
  return `${pct >= 0 ? "+" : ""}${formatQuantity(pct, 1)} %`;
}

/** The headline figures against the previous month and the year to date. */
function headline(report: MonthlyReport): Block[] {
  const t = report.totals;
  const r = report.ranges;
  const prev = report.previousMonth;
  const ytd = report.yearToDate;
  type Figure = keyof Omit<PeriodTotals, "label">;
  const row = (
    label: string,
    figure: Figure,
    current: string | number,
    format: (v: string | number) => string,
    range?: { low: string; high: string },
  ) => [
    label,
    format(current),
    range ? `${format(range.low)} – ${format(range.high)}` : "",
    format(prev[figure]),
    change(current, prev[figure]),
    format(ytd[figure]),
  ];
  const fq = (v: string | number) => formatQuantity(v);
  return [
    { kind: "heading", text: "Headline figures" },
    {
      kind: "table",
      columns: [
        "Figure (unit)",
        "This month",
        "90 % range (sum of run bounds)",
        `Previous month (${prev.label})`,
        "Change",
        `Year to date (${ytd.label})`,
      ],
      rows: [
        row("Runs (count)", "runCount", t.runCount, String),
        row(
          "Facility energy (MWh)",
          "facilityEnergyKwh",
          t.facilityEnergyKwh,
          mwh,
          r.facilityEnergyKwh,
        ),
        row(
          "Scope 2 location-based (kgCO2e)",
          "locationBasedCarbonKgCo2e",
          t.operationalCarbonKgCo2e,
          fq,
        ),
        row(
          "Scope 2 market-based (kgCO2e)",
          "marketBasedCarbonKgCo2e",
          report.scope2.marketBasedCarbonKgCo2e,
          fq,
        ),
        row("Embodied, Scope 3 (kgCO2e)", "embodiedCarbonKgCo2e", t.embodiedCarbonKgCo2e, fq),
        row(
          "Total carbon, location-based + embodied (kgCO2e)",
          "totalCarbonKgCo2e",
          t.totalCarbonKgCo2e,
          fq,
          r.totalCarbonKgCo2e,
        ),
        row("Total water (L)", "totalWaterLiters", t.totalWaterLiters, fq, r.totalWaterLiters),
      ],
    },
    {
      kind: "paragraph",
      text: "90 % ranges are the sums of each run's 5th and 95th percentile bounds (METHODOLOGY.md s.9): the widest reading, exact only when the runs' errors are fully correlated.",
    },
  ];
}

function scope2Blocks(report: MonthlyReport): Block[] {
  const s = report.scope2;
  const shift = s.shift;
  const blocks: Block[] = [
    { kind: "heading", text: "Scope 2: location-based and market-based" },
    {
      kind: "table",
      columns: ["Basis", "Carbon (kgCO2e)", "Note"],
      rows: [
        [
          "Location-based",
          formatQuantity(s.locationBasedCarbonKgCo2e),
          "hourly (else annual) grid intensity of each run's zone",
        ],
        [
          "Market-based",
          formatQuantity(s.marketBasedCarbonKgCo2e),
          s.residualMixUnavailable
            ? "residual mix unavailable for some energy: priced at the location-based factor"
            : "instruments, then residual-mix factors",
        ],
      ],
    },
    {
      kind: "heading",
      text: "Energy: renewable and non-renewable",
    },
    {
      kind: "table",
      columns: ["Energy", "MWh", "Share of facility energy"],
      rows: [
        ["Facility energy", mwh(report.totals.facilityEnergyKwh), "100 %"],
        [
          "Renewable (hourly RE%)",
          formatQuantity(s.renewableEnergyMwh, 6),
          shareOf(s.renewableEnergyMwh, report),
        ],
        [
          "Non-renewable",
          formatQuantity(s.nonRenewableEnergyMwh, 6),
          shareOf(s.nonRenewableEnergyMwh, report),
        ],
        [
          "Covered by contractual instruments",
          formatQuantity(s.energyCoveredByInstrumentsMwh, 6),
          shareOf(s.energyCoveredByInstrumentsMwh, report),
        ],
        ["Carbon-free (hourly CFE%)", "", formatShare(s.carbonFreeEnergyShare)],
      ],
    },
    { kind: "heading", text: "Carbon-aware shift savings (retrospective)" },
    {
      kind: "paragraph",
      text:
        shift.coveredRuns > 0
          ? `Runs of this month could have emitted ${formatQuantity(shift.savingKgCo2e)} kgCO2e less by starting at the lowest-intensity hour within ±${shift.windowHours} h of their actual start (${shift.coveredRuns} runs with hourly data over the whole window; ${shift.uncoveredRuns} runs not covered).`
          : `No run of this month has hourly grid data over its whole ±${shift.windowHours} h window (${shift.uncoveredRuns} runs not covered): no shift saving is computed.`,
    },
  ];
  if (shift.bestSavings.length > 0) {
    blocks.push({
      kind: "table",
      columns: ["Run", "Actual start (UTC)", "Best start (UTC)", "Saving (kgCO2e)"],
      rows: shift.bestSavings.map((r) => [
        r.externalId,
        r.actualStartUtc,
        r.bestStartUtc,
        formatQuantity(r.savingKgCo2e),
      ]),
    });
  }
  return blocks;
}

function shareOf(energyMwh: string, report: MonthlyReport): string {
  const total = Number(report.totals.facilityEnergyKwh) / 1000;
  return total > 0 ? formatShare(Number(energyMwh) / total) : "–";
}

function groupTable(title: string, label: string, groups: readonly ReportGroup[]): Block[] {
  if (groups.length === 0) return [];
  return [
    { kind: "heading", text: title },
    {
      kind: "table",
      columns: [
        label,
        "Runs (count)",
        "Energy (kWh)",
        "Operational (kgCO2e)",
        "Embodied (kgCO2e)",
        "Total carbon (kgCO2e)",
        "Water (L)",
      ],
      rows: groups.map((g) => [
        g.key,
        String(g.figures.runCount),
        formatQuantity(g.figures.facilityEnergyKwh),
        formatQuantity(g.figures.operationalCarbonKgCo2e),
        formatQuantity(g.figures.embodiedCarbonKgCo2e),
        formatQuantity(g.figures.totalCarbonKgCo2e),
        formatQuantity(g.figures.totalWaterLiters),
      ]),
    },
  ];
}

function chainBlocks(report: MonthlyReport): Block[] {
  if (report.chains.length === 0) return [];
  return [
    { kind: "heading", text: "Per-inference figures of continuous fine-tuning chains" },
    {
      kind: "table",
      columns: [
        "Chain",
        "Runs (count)",
        "Carbon (kgCO2e)",
        "Projected inferences (count)",
        "Reported inferences (count)",
        "Projected (gCO2e/inference)",
        "Re-projected (gCO2e/inference)",
        "Re-projected (mL/inference)",
      ],
      rows: report.chains.map((c) => [
        c.chainId,
        String(c.runCount),
        formatQuantity(c.totalCarbonKgCo2e),
        formatQuantity(c.projectedInferences, 0),
        formatQuantity(c.actualInferences, 0),
        formatQuantity(c.projectedCarbonPerInferenceGCo2e, 4),
        formatQuantity(c.reprojectedCarbonPerInferenceGCo2e, 4),
        formatQuantity(c.reprojectedWaterPerInferenceMilliliters, 4),
      ]),
    },
  ];
}

/** The restatement: what changed since the previous version and why. */
function restatementBlocks(report: MonthlyReport, diff: ReportDiff | null): Block[] {
  if (!diff) return [];
  const blocks: Block[] = [
    {
      kind: "heading",
      text: `Restatement: version ${diff.toVersion} replaces version ${diff.fromVersion}`,
    },
    {
      kind: "paragraph",
      text: `Version ${diff.fromVersion} (generated ${diff.previousGeneratedAt}) stays retrievable unchanged. Causes: ${diff.causes.join(", ")}. ${diff.runs.length} runs changed; ${diff.figures.length} figures changed.${diff.gridLoads.length > 0 ? ` Grid loads since version ${diff.fromVersion}: ${diff.gridLoads.map((l) => `${l.id} (${l.series} series, hours ${l.fromHourUtc} to ${l.toHourUtc})`).join("; ")}.` : ""}`,
    },
  ];
  if (diff.runs.length > 0) {
    blocks.push({
      kind: "table",
      columns: ["Run", "Change", "Causes", "Before (kgCO2e)", "After (kgCO2e)"],
      rows: diff.runs.map((r) => [
        r.externalId ?? r.runId,
        r.change,
        r.causes.join(", "),
        formatQuantity(r.previousTotalCarbonKgCo2e),
        formatQuantity(r.totalCarbonKgCo2e),
      ]),
    });
  }
  const totals = diff.figures.filter((f) => f.section === "total" || f.section === "scope2");
  if (totals.length > 0) {
    blocks.push({
      kind: "table",
      columns: ["Figure", "Unit", `Version ${diff.fromVersion}`, `Version ${diff.toVersion}`],
      rows: totals.map((f) => [
        `${f.section}.${f.figure}`,
        f.unit,
        String(f.previous ?? "–"),
        String(f.current ?? "–"),
      ]),
    });
  }
  return report.version > 1 ? blocks : [];
}

const METHOD_SUMMARY =
  "Energy = IT power (GPU power at the modelled utilization + server share + memory) x reserved hours, x PUE for facility energy; operational carbon = facility energy x grid carbon intensity of the run's zone (hourly life-cycle intensity over the run where loaded, else the zone's or country's annual value); embodied carbon = the hardware's embodied emissions amortized over its use life, pro rata of the run's hours; water = on-site (WUE) + off-site (electricity water intensity) + embodied. Every missing input is imputed with its provenance; 90 % intervals per run follow METHODOLOGY.md s.9. Market-based Scope 2 follows the GHG Protocol Scope 2 Guidance (instruments in the same market and period, then residual mix).";

function appendixBlocks(report: MonthlyReport): Block[] {
  const a = report.appendix;
  const s = report.scope2;
  const blocks: Block[] = [
    { kind: "heading", text: "Appendix A. Methodology" },
    { kind: "paragraph", text: METHOD_SUMMARY },
    {
      kind: "table",
      columns: ["Methodology version", "Method", "Runs (count)"],
      rows: a.methodologies.map((m) => [m.methodologyVersion, m.method, String(m.runCount)]),
    },
    { kind: "heading", text: "Appendix B. Data quality" },
    {
      kind: "paragraph",
      text: `Imputed inputs overall: ${formatShare(report.imputedShare)} of provenance fields. Energy priced at a fallback (annual or method) intensity: ${formatShare(a.fallbackEnergyShare)} of facility energy.`,
    },
    {
      kind: "table",
      columns: ["Field", "Runs imputed (count)", "Runs (count)", "Imputed share"],
      rows: a.imputationByField.map((f) => [
        f.field,
        String(f.imputedRuns),
        String(f.runs),
        formatShare(f.runs > 0 ? f.imputedRuns / f.runs : 0),
      ]),
    },
    {
      kind: "table",
      columns: ["Intensity source", "Runs (count)", "Facility energy (kWh)", "Share of energy"],
      rows: a.energyByIntensitySource.map((e) => {
        const total = Number(report.totals.facilityEnergyKwh);
        return [
          e.intensitySource,
          String(e.runCount),
          formatQuantity(e.facilityEnergyKwh),
          total > 0 ? formatShare(Number(e.facilityEnergyKwh) / total) : "–",
        ];
      }),
    },
    { kind: "heading", text: "Appendix C. Contractual instruments used" },
  ];
  blocks.push(
    s.instrumentsUsed.length === 0
      ? {
          kind: "paragraph",
          text: "No contractual instrument was applied to this month's consumption.",
        }
      : {
          kind: "table",
          columns: [
            "Certificate / contract",
            "Kind",
            "Zone",
            "Matching",
            "Energy used (MWh)",
            "Factor (gCO2e/kWh)",
          ],
          rows: s.instrumentsUsed.map((i) => [
            i.certificateId,
            i.kind,
            i.gridZone,
            i.granularity.toLowerCase(),
            formatQuantity(i.energyUsedMwh, 6),
            formatQuantity(i.emissionFactorGPerKwh),
          ]),
        },
  );
  blocks.push({ kind: "heading", text: "Appendix D. Data sources and licenses" });
  if (a.gridSources.length > 0) {
    blocks.push({
      kind: "table",
      columns: ["Zone", "Series", "Hourly source", "Runs priced (count)"],
      rows: a.gridSources.map((g) => [g.gridZone, g.series, g.source, String(g.runCount)]),
    });
  }
  blocks.push({
    kind: "table",
    columns: ["Source", "Used for", "License", "Attribution"],
    rows: a.dataSources.map((d) => [d.name, d.use, d.license, d.attribution]),
  });
  return blocks;
}

/** The report's blocks, in reading order. */
export function reportBlocks(report: MonthlyReport, diff: ReportDiff | null): Block[] {
  const charts = reportCharts(report);
  const chart = (id: string): Block[] => {
    const c = charts.find((x) => x.id === id);
    return c ? [{ kind: "chart", chart: c }] : [];
  };
  const o = report.organization;
  return [
    { kind: "title", text: `Fine-tuning footprint, ${report.period}` },
    {
      kind: "paragraph",
      text: `${o.name} (${o.slug}). Month cut in ${o.reportingTimezone}: ${report.fromUtc} to ${report.toUtc}. Version ${report.version}, generated ${report.generatedAt}.`,
    },
    ...headline(report),
    ...scope2Blocks(report),
    ...chart("scope2-bases"),
    ...chart("shift-savings"),
    { kind: "heading", text: "Charts" },
    ...chart("daily-carbon"),
    ...chart("by-zone"),
    ...chart("by-gpu"),
    ...chart("by-base-model"),
    ...chart("chain-trends"),
    { kind: "pageBreak" },
    ...groupTable("By grid zone", "Grid zone", report.byGridZone),
    ...groupTable("By GPU model", "GPU model", report.byGpuModel),
    ...groupTable("By base model", "Base model", report.byBaseModel),
    ...groupTable("By day", "Day", report.byDay),
    ...chainBlocks(report),
    ...restatementBlocks(report, diff),
    { kind: "pageBreak" },
    ...appendixBlocks(report),
  ];
}
