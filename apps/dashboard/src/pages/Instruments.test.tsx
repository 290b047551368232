// @vitest-environment happy-dom
/**
 * The Scope 2 inputs page over a urql client that answers from a fixed result (no API): the
 * demo's two instruments and residual-mix factor, read-only (no form, no mutation control).
 */
import { cleanup, render, screen } from "@testing-library/react";
import { type Client, Provider } from "urql";
import { afterEach, describe, expect, it } from "vitest";
import { fromValue } from "wonka";
import Instruments from "./Instruments";

afterEach(cleanup);

const inputs = {
  instruments: [
    {
      __typename: "ContractualInstrument",
      id: "i1",
      kind: "REC",
      gridZone: "US-CAL-CISO",
      validFrom: "2024-07-01T00:00:00.000Z",
      validTo: "2024-08-01T00:00:00.000Z",
      granularity: "MONTHLY",
      energyMwh: 0.05,
      emissionFactorGPerKwh: 0,
      certificateId: "DEMO-REC-CISO-2024-07",
    },
  ],
  residualMixFactors: [
    {
      __typename: "ResidualMixFactor",
      gridZone: "US-CAL-CISO",
      year: 2024,
      emissionFactorGPerKwh: 320,
      source: "illustrative demo value",
    },
  ],
  shiftWindowHours: 12,
};

function renderWith(data: unknown) {
  const client = {
    executeQuery: (op: unknown) => fromValue({ operation: op, data, stale: false, hasNext: false }),
  } as unknown as Client;
  render(
    <Provider value={client}>
      <Instruments />
    </Provider>,
  );
}

describe("Scope 2 inputs", () => {
  it("lists instruments and residual-mix factors with units, read-only", () => {
    renderWith(inputs);
    const row = document.querySelector("tr[data-certificate='DEMO-REC-CISO-2024-07']");
    expect(row?.textContent).toContain("Renewable Energy Certificate");
    expect(row?.textContent).toContain("Jul 1, 2024, 00:00 UTC");
    expect(row?.textContent).toContain("monthly");
    expect(screen.getByText("Energy (MWh)")).toBeTruthy();
    expect(screen.getByTestId("residual-mix").textContent).toContain("320");
    expect(screen.getByTestId("shift-window").textContent).toContain("12 hours");
    expect(document.querySelectorAll("form, input, [data-mutation]")).toHaveLength(0);
  });

  it("says what the market-based figures use when nothing is recorded", () => {
    renderWith({ instruments: [], residualMixFactors: [], shiftWindowHours: 0 });
    expect(screen.getByText(/use the residual mix alone/)).toBeTruthy();
    expect(screen.getByText(/priced at its location-based/)).toBeTruthy();
  });
});
