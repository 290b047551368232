/**
 * Reports: the monthly reports with their status and newest version, downloads of each rendering
 * (CSV, HTML, PDF: fetched on demand, saved through a Blob URL), and for ingest and admin keys a
 * request to regenerate. A read key sees no mutation control. Each report's versions (generation
 * time, trigger, causes, the diff against the previous version, downloads of that version's
 * renderings through `report(period, version)`) load when their disclosure is opened.
 */
import { useState } from "react";
import { useClient, useMutation, useQuery } from "urql";
import { ScrollRegion } from "../components/ScrollRegion";
import { Empty, ErrorState, Loading } from "../components/States";
import { formatCount, formatInstant, formatQuantity } from "../format";
import { graphql } from "../generated";
import { canRequestReports, useSession } from "../session";

const ReportsQuery = graphql(`
  query Reports {
    reports(first: 48) {
      edges {
        node {
          id
          period
          status
          generatedAt
          failureReason
          runCount
          totalCarbonKgCo2e
          marketBasedCarbonKgCo2e
          energyKwh
          totalWaterLiters
          version
          trigger
          causes
        }
      }
    }
  }
`);

const RenderingQuery = graphql(`
  query ReportRendering(
    $period: String!
    $version: Int
    $csv: Boolean!
    $html: Boolean!
    $pdf: Boolean!
  ) {
    report(period: $period, version: $version) {
      id
      csv @include(if: $csv)
      html @include(if: $html)
      pdf @include(if: $pdf)
    }
  }
`);

const ReportVersionsQuery = graphql(`
  query ReportVersions($period: String!) {
    report(period: $period) {
      id
      versions {
        version
        generatedAt
        trigger
        causes
        runCount
        locationBasedCarbonKgCo2e
        marketBasedCarbonKgCo2e
        embodiedCarbonKgCo2e
        totalCarbonKgCo2e
        diff {
          fromVersion
          causes
          runs {
            runId
            change
          }
          figures {
            figure
          }
        }
      }
    }
  }
`);

const RequestReportMutation = graphql(`
  mutation RequestReport($period: String!) {
    requestReport(period: $period) {
      id
      period
      status
    }
  }
`);

type Format = "csv" | "html" | "pdf";
const formats: { format: Format; label: string; type: string }[] = [
  { format: "csv", label: "CSV", type: "text/csv" },
  { format: "html", label: "HTML", type: "text/html" },
  { format: "pdf", label: "PDF", type: "application/pdf" },
];

/** The bytes of a rendering: PDF arrives base64-encoded (RFC 4648), the others as text. */
export function renderingBlob(format: Format, content: string, type: string): Blob {
  if (format !== "pdf") return new Blob([content], { type });
  const bytes = Uint8Array.from(atob(content), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}

function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file name of a rendering: the newest as `finetrace-report-YYYY-MM.pdf`, a version with `-vN`. */
export function renderingFilename(period: string, format: Format, version?: number): string {
  return `finetrace-report-${period}${version === undefined ? "" : `-v${version}`}.${format}`;
}

function Downloads({ period, version }: { period: string; version?: number }) {
  const client = useClient();
  const [problem, setProblem] = useState<string | null>(null);
  async function download(format: Format, type: string) {
    setProblem(null);
    const result = await client
      .query(
        RenderingQuery,
        {
          period,
          version: version ?? null,
          csv: format === "csv",
          html: format === "html",
          pdf: format === "pdf",
        },
        { requestPolicy: "network-only" },
      )
      .toPromise();
    const content = result.data?.report[format];
    if (result.error || !content) {
      setProblem(result.error?.message ?? `no ${format.toUpperCase()} rendering yet`);
      return;
    }
    save(renderingBlob(format, content, type), renderingFilename(period, format, version));
  }
  return (
    <span className="downloads">
      {formats.map((f) => (
        <button
          key={f.format}
          type="button"
          onClick={() => download(f.format, f.type)}
          aria-label={`Download the ${period} report${version === undefined ? "" : ` version ${version}`} as ${f.label}`}
        >
          {f.label}
        </button>
      ))}
      {problem && <span role="alert">{problem}</span>}
    </span>
  );
}

type Diff = {
  fromVersion: number;
  causes: string[];
  runs: { change: string }[];
  figures: unknown[];
};

/** A diff in a line, e.g. "from v1: 3 runs changed (1 added, 2 re-estimated), 12 figures". */
export function diffSummary(diff: Diff | null | undefined): string {
  if (!diff) return "first version";
  const byChange = new Map<string, number>();
  for (const r of diff.runs) byChange.set(r.change, (byChange.get(r.change) ?? 0) + 1);
  const kinds = [...byChange].map(([change, n]) => `${formatCount(n)} ${change}`).join(", ");
  const runs = `${formatCount(diff.runs.length)} ${diff.runs.length === 1 ? "run" : "runs"} changed`;
  return `from v${diff.fromVersion}: ${runs}${kinds ? ` (${kinds})` : ""}, ${formatCount(
    diff.figures.length,
  )} ${diff.figures.length === 1 ? "figure" : "figures"}`;
}

function Causes({ causes }: { causes: string[] }) {
  if (causes.length === 0) return <>–</>;
  return (
    <span className="causes">
      {causes.map((c) => (
        <span key={c} className="badge">
          {c}
        </span>
      ))}
    </span>
  );
}

function VersionsTable({ period }: { period: string }) {
  const [{ data, fetching, error }] = useQuery({
    query: ReportVersionsQuery,
    variables: { period },
  });
  if (error) return <ErrorState error={error} />;
  if (!data) return fetching ? <Loading what={`the versions of ${period}`} /> : null;
  const versions = [...data.report.versions].reverse();
  if (versions.length === 0) return <Empty>No version generated yet.</Empty>;
  return (
    <ScrollRegion label={`Versions of the ${period} report`}>
      <table className="reports-table stack-table" data-testid={`versions-${period}`}>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Generated (UTC)</th>
            <th scope="col">Trigger</th>
            <th scope="col">Causes</th>
            <th scope="col">Changes</th>
            <th scope="col">Runs</th>
            <th scope="col">Scope 2 location-based (kgCO2e)</th>
            <th scope="col">Scope 2 market-based (kgCO2e)</th>
            <th scope="col">Scope 3 embodied (kgCO2e)</th>
            <th scope="col">Download</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} data-version={v.version}>
              <th scope="row">v{v.version}</th>
              <td data-label="Generated (UTC)">{formatInstant(v.generatedAt)}</td>
              <td data-label="Trigger">{v.trigger}</td>
              <td data-label="Causes">
                <Causes causes={v.causes} />
              </td>
              <td data-label="Changes" data-testid="diff-summary">
                {diffSummary(v.diff)}
              </td>
              <td data-label="Runs">{formatCount(v.runCount)}</td>
              <td data-label="Scope 2 location-based (kgCO2e)">
                {formatQuantity(v.locationBasedCarbonKgCo2e)}
              </td>
              <td data-label="Scope 2 market-based (kgCO2e)">
                {formatQuantity(v.marketBasedCarbonKgCo2e)}
              </td>
              <td data-label="Scope 3 embodied (kgCO2e)">
                {formatQuantity(v.embodiedCarbonKgCo2e)}
              </td>
              <td data-label="Download">
                <Downloads period={period} version={v.version} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** One report's versions, queried when the disclosure is first opened. */
function Versions({ period, version }: { period: string; version: number }) {
  const [opened, setOpened] = useState(false);
  return (
    <details
      className="versions"
      data-period={period}
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
    >
      <summary>
        {period}: {version === 0 ? "no version yet" : `${formatCount(version)} `}
        {version === 1 ? "version" : version > 1 ? "versions" : ""}
      </summary>
      {opened && <VersionsTable period={period} />}
    </details>
  );
}

function Regenerate({ period }: { period: string }) {
  const [{ fetching, error }, request] = useMutation(RequestReportMutation);
  return (
    <>
      <button
        type="button"
        data-mutation="requestReport"
        disabled={fetching}
        onClick={() => request({ period })}
        aria-label={`Regenerate the ${period} report`}
      >
        Regenerate
      </button>
      {error && <span role="alert">{error.message}</span>}
    </>
  );
}

export default function Reports() {
  const { viewer } = useSession();
  const [{ data, fetching, error }, refresh] = useQuery({ query: ReportsQuery });
  const mayRequest = viewer ? canRequestReports(viewer.role) : false;
  let body: React.ReactNode;
  if (error) body = <ErrorState error={error} />;
  else if (!data) body = fetching ? <Loading what="reports" /> : null;
  else if (data.reports.edges.length === 0)
    body = (
      <Empty>No report yet: one is generated each month, or requested with an ingest key.</Empty>
    );
  else
    body = (
      <>
        <ScrollRegion label="Reports">
          <table className="reports-table stack-table">
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Status</th>
                <th scope="col">Generated (UTC)</th>
                <th scope="col">Runs</th>
                <th scope="col">Version</th>
                <th scope="col">Causes</th>
                <th scope="col">Total carbon, location-based (kgCO2e)</th>
                <th scope="col">Scope 2 market-based (kgCO2e)</th>
                <th scope="col">Energy (kWh)</th>
                <th scope="col">Water (L)</th>
                <th scope="col">Download</th>
                {mayRequest && <th scope="col">Regenerate</th>}
              </tr>
            </thead>
            <tbody>
              {data.reports.edges.map(({ node: r }) => (
                <tr key={r.id} data-period={r.period}>
                  <th scope="row">{r.period}</th>
                  <td data-label="Status">
                    {r.status.toLowerCase()}
                    {r.failureReason && `: ${r.failureReason}`}
                  </td>
                  <td data-label="Generated (UTC)">
                    {r.generatedAt ? formatInstant(r.generatedAt) : "–"}
                  </td>
                  <td data-label="Runs">{formatCount(r.runCount)}</td>
                  <td data-label="Version" data-testid="report-version">
                    {r.version === 0 ? "–" : `v${r.version}`}
                    {r.trigger && <span className="source"> ({r.trigger})</span>}
                  </td>
                  <td data-label="Causes">
                    <Causes causes={r.causes} />
                  </td>
                  <td data-label="Total carbon, location-based (kgCO2e)">
                    {formatQuantity(r.totalCarbonKgCo2e)}
                  </td>
                  <td data-label="Scope 2 market-based (kgCO2e)">
                    {r.marketBasedCarbonKgCo2e === null
                      ? "–"
                      : formatQuantity(r.marketBasedCarbonKgCo2e)}
                  </td>
                  <td data-label="Energy (kWh)">{formatQuantity(r.energyKwh)}</td>
                  <td data-label="Water (L)">{formatQuantity(r.totalWaterLiters)}</td>
                  <td data-label="Download">
                    {r.status === "READY" ? <Downloads period={r.period} /> : "–"}
                  </td>
                  {mayRequest && (
                    <td data-label="Regenerate">
                      <Regenerate period={r.period} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        <section aria-labelledby="versions-title">
          <h2 id="versions-title">Versions</h2>
          <p className="help">
            Each generation that changed the figures is an immutable version; open a month for its
            versions, why each differs from the previous one, and its downloads.
          </p>
          {data.reports.edges.map(({ node: r }) => (
            <Versions key={r.id} period={r.period} version={r.version} />
          ))}
        </section>
      </>
    );
  return (
    <>
      <h1>Reports</h1>
      <p>
        Monthly reports, newest first.{" "}
        <button type="button" onClick={() => refresh({ requestPolicy: "network-only" })}>
          Refresh
        </button>
      </p>
      {body}
    </>
  );
}
