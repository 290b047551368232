// @vitest-environment happy-dom
/**
 * The Reports page per role, over a urql client that answers from fixed results (no API): a
 * read key gets no mutation control, an ingest key a Regenerate button per report.
 */
import { cleanup, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { type Client, Provider } from "urql";
import { afterEach, describe, expect, it } from "vitest";
import { fromValue } from "wonka";
import { SessionProvider } from "../session";
import Reports, { renderingBlob } from "./Reports";

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
          energyKwh: 461.2,
          totalWaterLiters: 1536.3,
        },
      },
    ],
  },
};

function renderAs(role: "read" | "ingest") {
  sessionStorage.setItem("finetrace.apiKey", "ft_test");
  sessionStorage.setItem("finetrace.viewer", JSON.stringify({ role, organizationName: "Acme" }));
  const client = {
    executeQuery: () => fromValue({ data: reports, stale: false, hasNext: false }),
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

  it("decodes the base64 PDF into its bytes", async () => {
    // "JVBERi0=" is base64 of "%PDF-" (5 bytes).
    const blob = renderingBlob("pdf", "JVBERi0=", "application/pdf");
    expect(blob.size).toBe(5);
    expect(new TextDecoder().decode(await blob.arrayBuffer())).toBe("%PDF-");
  });
});
