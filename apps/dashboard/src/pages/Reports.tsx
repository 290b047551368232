/**
 * Reports: the monthly reports with their status, downloads of each rendering (CSV, HTML,
 * PDF: fetched on demand, saved through a Blob URL), and for ingest and admin keys a request
 * to regenerate. A read key sees no mutation control.
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
          energyKwh
          totalWaterLiters
        }
      }
    }
  }
`);

const RenderingQuery = graphql(`
  query ReportRendering($period: String!, $csv: Boolean!, $html: Boolean!, $pdf: Boolean!) {
    report(period: $period) {
      id
      csv @include(if: $csv)
      html @include(if: $html)
      pdf @include(if: $pdf)
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

function Downloads({ period }: { period: string }) {
  const client = useClient();
  const [problem, setProblem] = useState<string | null>(null);
  async function download(format: Format, type: string) {
    setProblem(null);
    const result = await client
      .query(
        RenderingQuery,
        { period, csv: format === "csv", html: format === "html", pdf: format === "pdf" },
        { requestPolicy: "network-only" },
      )
      .toPromise();
    const content = result.data?.report[format];
    if (result.error || !content) {
      setProblem(result.error?.message ?? `no ${format.toUpperCase()} rendering yet`);
      return;
    }
    save(renderingBlob(format, content, type), `finetrace-report-${period}.${format}`);
  }
  return (
    <span className="downloads">
      {formats.map((f) => (
        <button
          key={f.format}
          type="button"
          onClick={() => download(f.format, f.type)}
          aria-label={`Download the ${period} report as ${f.label}`}
        >
          {f.label}
        </button>
      ))}
      {problem && <span role="alert">{problem}</span>}
    </span>
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
      <ScrollRegion label="Reports">
        <table>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Status</th>
              <th scope="col">Generated (UTC)</th>
              <th scope="col">Runs</th>
              <th scope="col">Carbon (kgCO2e)</th>
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
                <td>
                  {r.status.toLowerCase()}
                  {r.failureReason && `: ${r.failureReason}`}
                </td>
                <td>{r.generatedAt ? formatInstant(r.generatedAt) : "–"}</td>
                <td>{formatCount(r.runCount)}</td>
                <td>{formatQuantity(r.totalCarbonKgCo2e)}</td>
                <td>{formatQuantity(r.energyKwh)}</td>
                <td>{formatQuantity(r.totalWaterLiters)}</td>
                <td>{r.status === "READY" ? <Downloads period={r.period} /> : "–"}</td>
                {mayRequest && (
                  <td>
                    <Regenerate period={r.period} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
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
