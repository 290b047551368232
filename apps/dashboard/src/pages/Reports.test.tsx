// @vitest-environment happy-dom
/**
 * The Reports page per role, over a urql client that answers from fixed results (no API): a
 * read key gets no mutation control, an ingest key a Regenerate button per report.
 */
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { type Client, Provider } from "urql";
import { afterEach, describe, expect, it } from "vitest";
import { fromValue } from "wonka";
import { SessionProvider } from "../session";
import Reports, { diffSummary, renderingBlob, renderingFilename } from "./Reports";

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

const reports = {
  reports: {
    __typename: "ReportConnection",
    edges: [
      {
        __typename: "ReportEdge",
        node: {
          __typename: "Report",
          id: "r1",
          period: "2024-07",
          status: "READY",
          generatedAt: "2024-08-01T00:05:00.000Z",
          failureReason: null,
          runCount: 34,
          totalCarbonKgCo2e: 167.84,
          marketBasedCarbonKgCo2e: 101.37,
          energyKwh: 461.2,
          totalWaterLiters: 1536.3,
          version: 2,
          trigger: "restatement",
          causes: ["grid-data"],
        },
      },
    ],
  },
};

const version = (n: number, diff: unknown) => ({
  __typename: "ReportVersion",
  version: n,
  generatedAt: n === 1 ? "2024-08-01T00:05:00.000Z" : "2024-08-03T09:30:00.000Z",
  trigger: n === 1 ? "scheduled" : "restatement",
  causes: n === 1 ? ["initial"] : ["grid-data"],
  runCount: 34,
  locationBasedCarbonKgCo2e: 139.05,
  marketBasedCarbonKgCo2e: 101.37,
  embodiedCarbonKgCo2e: 28.79,
  totalCarbonKgCo2e: 167.84,
  diff,
});

const versions = {
  report: {
    __typename: "Report",
    id: "r1",
    versions: [
      version(1, null),
      version(2, {
        __typename: "ReportDiff",
        fromVersion: 1,
        causes: ["grid-data"],
        runs: [
          { __typename: "ReportRunChange", runId: "a", change: "re-estimated" },
          { __typename: "ReportRunChange", runId: "b", change: "re-estimated" },
        ],
        figures: [{ __typename: "ReportFigureChange", figure: "totalCarbonKgCo2e" }],
      }),
    ],
  },
};

function operationName(op: { query: { definitions: readonly { name?: { value: string } }[] } }) {
  return op.query.definitions[0]?.name?.value;
}

function renderAs(role: "read" | "ingest") {
  sessionStorage.setItem("finetrace.apiKey", "ft_test");
  sessionStorage.setItem("finetrace.viewer", JSON.stringify({ role, organizationName: "Acme" }));
  const client = {
    executeQuery: (op: Parameters<typeof operationName>[0]) =>
      fromValue({
        operation: op,
        data: operationName(op) === "ReportVersions" ? versions : reports,
        stale: false,
        hasNext: false,
      }),
    executeMutation: () => fromValue({ data: null, stale: false, hasNext: false }),
  } as unknown as Client;
  render(
    <MemoryRouter>
      <SessionProvider>
        <Provider value={client}>
          <Reports />
        </Provider>
      </SessionProvider>
    </MemoryRouter>,
  );
}

describe("Reports", () => {
  it("gives a read key downloads but no mutation control", () => {
    renderAs("read");
    expect(screen.getByRole("button", { name: "Download the 2024-07 report as PDF" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /regenerate/i })).toBeNull();
    expect(document.querySelectorAll("[data-mutation]")).toHaveLength(0);
  });

  it("gives an ingest key a Regenerate button", () => {
    renderAs("ingest");
    expect(screen.getByRole("button", { name: "Regenerate the 2024-07 report" })).toBeTruthy();
  });

  it("shows the newest version with its trigger and causes, and both Scope 2 figures", () => {
    renderAs("read");
    const row = document.querySelector("tr[data-period='2024-07']");
    expect(row?.querySelector("[data-testid=report-version]")?.textContent).toBe(
      "v2 (restatement)",
    );
    expect(row?.textContent).toContain("grid-data");
    expect(row?.textContent).toContain("101.4");
    expect(row?.textContent).toContain("167.8");
  });

  it("lists a report's versions, newest first, with their diff and downloads", async () => {
    renderAs("read");
    const details = document.querySelector("details[data-period='2024-07']") as HTMLDetailsElement;
    expect(details.querySelector("summary")?.textContent).toBe("2024-07: 2 versions");
    details.open = true;
    fireEvent(details, new Event("toggle"));
    const table = await waitFor(() => screen.getByTestId("versions-2024-07"));
    const rows = [...table.querySelectorAll("tbody tr")];
    expect(rows.map((r) => r.getAttribute("data-version"))).toEqual(["2", "1"]);
    expect(rows[0]?.querySelector("[data-testid=diff-summary]")?.textContent).toBe(
      "from v1: 2 runs changed (2 re-estimated), 1 figure",
    );
    expect(rows[1]?.querySelector("[data-testid=diff-summary]")?.textContent).toBe("first version");
    expect(rows[0]?.textContent).toContain("Aug 3, 2024, 09:30 UTC");
    expect(
      screen.getByRole("button", { name: "Download the 2024-07 report version 1 as PDF" }),
    ).toBeTruthy();
  });

  it("summarizes a diff by kind of change and names version files", () => {
    const diff = {
      fromVersion: 2,
      causes: ["new-runs", "re-estimation"],
      runs: [{ change: "added" }, { change: "re-estimated" }, { change: "added" }],
      figures: [{}, {}, {}, {}],
    };
    expect(diffSummary(diff)).toBe("from v2: 3 runs changed (2 added, 1 re-estimated), 4 figures");
    expect(diffSummary({ ...diff, runs: [], figures: [] })).toBe(
      "from v2: 0 runs changed, 0 figures",
    );
    expect(renderingFilename("2024-07", "pdf")).toBe("finetrace-report-2024-07.pdf");
    expect(renderingFilename("2024-07", "csv", 3)).toBe("finetrace-report-2024-07-v3.csv");
  });

  it("decodes the base64 PDF into its bytes", async () => {
    // "JVBERi0=" is base64 of "%PDF-" (5 bytes).
    const blob = renderingBlob("pdf", "JVBERi0=", "application/pdf");
    expect(blob.size).toBe(5);
    expect(new TextDecoder().decode(await blob.arrayBuffer())).toBe("%PDF-");
  });
});
