/**
 * The demo's printed summary: per run kWh, kgCO2e, L and per-inference figures; per month
 * totals from the stored reports, each checked against the sum of its runs.
 */
import Table from "cli-table3";
import { formatNumber, formatQuantity } from "../output/estimate-table.js";
import type { DemoReport, DemoRun } from "./graphql.js";

/** "2024-07" of an ISO instant, in UTC (the demo organization reports in UTC). */
export function monthOf(isoUtc: string): string {
  return isoUtc.slice(0, 7);
}

/** Months that have estimated runs, ascending. */
export function monthsWithRuns(runs: DemoRun[]): string[] {
  return [
    ...new Set(
      runs.flatMap((r) =>
        r.currentEstimate ? [monthOf(r.currentEstimate.inputs.startTimeUtc)] : [],
      ),
    ),
  ].sort();
}

export interface MonthCheck {
  period: string;
  runCount: number;
  reportTotalCarbonKgCo2e: number;
  sumOfRunsCarbonKgCo2e: number;
  /** |report - sum| <= 1e-6 kgCO2e (1 mg); the report sums exact NUMERICs, runs are read as floats. */
  matches: boolean;
}

/** Compare each report's total carbon with the sum of the estimated runs of its month. */
export function checkReports(runs: DemoRun[], reports: DemoReport[]): MonthCheck[] {
  return reports.map((report) => {
    const monthRuns = runs.filter(
      (r) => r.currentEstimate && monthOf(r.currentEstimate.inputs.startTimeUtc) === report.period,
    );
    const sum = monthRuns.reduce((s, r) => s + (r.currentEstimate?.totalCarbonKgCo2e ?? 0), 0);
    return {
      period: report.period,
      runCount: monthRuns.length,
      reportTotalCarbonKgCo2e: report.totalCarbonKgCo2e,
      sumOfRunsCarbonKgCo2e: sum,
      matches:
        report.runCount === monthRuns.length && Math.abs(report.totalCarbonKgCo2e - sum) <= 1e-6,
    };
  });
}

const plain = { head: [] as string[], border: [] as string[] };

export function runsTable(runs: DemoRun[]): string {
  const table = new Table({
    head: [
      "run",
      "status",
      "start (UTC)",
      "zone",
      "kWh",
      "kgCO2e",
      "water L",
      "gCO2e/inference",
      "mL/inference",
    ],
    style: plain,
  });
  for (const run of [...runs].sort((a, b) => a.externalId.localeCompare(b.externalId))) {
    const e = run.currentEstimate;
    table.push(
      e
        ? [
            run.externalId,
            `${run.status} (${e.method}, ${e.intensity.source})`,
            e.inputs.startTimeUtc.slice(0, 16),
            e.inputs.gridZone,
            formatQuantity(e.facilityEnergyKwh),
            formatQuantity(e.totalCarbonKgCo2e),
            formatQuantity(e.totalWaterLiters),
            formatQuantity(e.carbonPerInferenceGCo2e),
            formatQuantity(e.waterPerInferenceMilliliters),
          ]
        : [
            run.externalId,
            `${run.status}${run.failureReason ? `: ${run.failureReason}` : ""}`,
            "",
            "",
            "",
            "",
            "",
            "",
            "",
          ],
    );
  }
  return table.toString();
}

export function monthsTable(reports: DemoReport[], checks: MonthCheck[]): string {
  const table = new Table({
    head: ["month", "report", "runs", "kWh", "kgCO2e", "water L", "= sum of runs"],
    style: plain,
  });
  for (const report of reports) {
    const check = checks.find((c) => c.period === report.period);
    table.push([
      report.period,
      report.status,
      String(report.runCount),
      formatNumber(report.energyKwh),
      formatNumber(report.totalCarbonKgCo2e, 3),
      formatNumber(report.totalWaterLiters),
      check?.matches
        ? "yes"
        : `NO (runs sum ${formatNumber(check?.sumOfRunsCarbonKgCo2e ?? 0, 6)})`,
    ]);
  }
  return table.toString();
}

/** A ready-to-paste curl command for the `emissions` query of July 2024 grouped by day. */
export function curlExample(url: string, apiKey: string): string {
  const query =
    'query { emissions(period: {from: "2024-07-01T00:00:00Z", to: "2024-08-01T00:00:00Z"}, groupBy: [DAY]) { total { runCount energyKwh totalCarbonKgCo2e totalWaterLiters perInference { carbonPerInferenceGCo2e } } groups { key { day } figures { totalCarbonKgCo2e } } } }';
  return [
    `curl -s ${url} \\`,
    "  -H 'content-type: application/json' \\",
    `  -H 'authorization: Bearer ${apiKey}' \\`,
    `  -d '${JSON.stringify({ query })}'`,
  ].join("\n");
}
