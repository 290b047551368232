// @vitest-environment happy-dom
import { cleanup, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it } from "vitest";
import type { OverviewFiguresFragment } from "../generated/graphql";
import { cardSpecs, FigureCards, Scope2Note } from "./FigureCards";

afterEach(cleanup);

const figures: OverviewFiguresFragment = {
  runCount: 34,
  energyKwh: 461.2345,
  itEnergyKwh: 383.7,
  operationalCarbonKgCo2e: 139.05,
  embodiedCarbonKgCo2e: 28.79,
  totalCarbonKgCo2e: 167.84,
  onsiteWaterLiters: 72.47,
  offsiteWaterLiters: 1445,
  embodiedWaterLiters: 18.81,
  totalWaterLiters: 1536.28,
  energyLowKwh: 300.14,
  energyHighKwh: 650.43,
  totalCarbonLowKgCo2e: 98.214,
  totalCarbonHighKgCo2e: 260.71,
  totalWaterLowLiters: 901.2,
  totalWaterHighLiters: 2403.9,
  marketBasedCarbonKgCo2e: 101.37,
  // 461.2345 kWh = 0.4612345 MWh = 0.18449 renewable + 0.2767445 non-renewable.
  renewableEnergyMwh: 0.18449,
  nonRenewableEnergyMwh: 0.2767445,
  carbonFreeEnergyShare: 0.51234,
  shiftSavingKgCo2e: 12.345,
  // 31 + 3 = the 34 runs.
  shiftCoveredRuns: 31,
  shiftUncoveredRuns: 3,
  imputedShare: 0.40125,
  perInference: null,
};

function renderCards(f = figures) {
  render(
    <MemoryRouter>
      <FigureCards figures={f} runsHref="/runs?from=a&to=b" />
    </MemoryRouter>,
  );
}

describe("FigureCards", () => {
  it("shows each figure with its unit and links it to the runs behind it", () => {
    renderCards();
    const carbon = screen.getByTestId("card-carbon");
    expect(carbon.textContent).toContain("167.8 kgCO2e");
    // 139.05 + 28.79 = 167.84: the detail shows both parts, each to 4 significant digits.
    expect(carbon.textContent).toContain(
      "Scope 2 location-based 139.1 + Scope 3 embodied 28.79 kgCO2e",
    );
    expect(screen.getByTestId("card-energy").textContent).toContain("461.2 kWh");
    expect(screen.getByTestId("card-imputed").textContent).toContain("40.1%");
    const links = screen.getAllByRole("link");
    expect(links).toHaveLength(cardSpecs.length);
    for (const link of links) expect(link.getAttribute("href")).toBe("/runs?from=a&to=b");
  });

  it("shows the 90 % ranges of energy, carbon and water with their units", () => {
    renderCards();
    expect(screen.getByTestId("card-carbon").textContent).toContain(
      "90 % range 98.21 – 260.7 kgCO2e",
    );
    expect(screen.getByTestId("card-energy").textContent).toContain("90 % range 300.1 – 650.4 kWh");
    expect(screen.getByTestId("card-water").textContent).toContain("90 % range 901.2 – 2,404 L");
    const range = screen.getByTestId("card-carbon").querySelector(".card-range");
    expect(Number(range?.getAttribute("data-low"))).toBe(98.214);
    expect(Number(range?.getAttribute("data-high"))).toBe(260.71);
  });

  it("puts location- and market-based Scope 2 side by side", () => {
    renderCards();
    const card = screen.getByTestId("card-scope2");
    const location = card.querySelector("[data-part=location]");
    const market = card.querySelector("[data-part=market]");
    expect(location?.textContent).toBe("location-based139.1 kgCO2e");
    expect(market?.textContent).toBe("market-based101.4 kgCO2e");
    expect(Number(market?.getAttribute("data-value"))).toBe(101.37);
    // A card of parts has no main value of its own.
    expect(card.querySelector(".card-value")).toBeNull();
  });

  it("shows the energy mix and the shift saving with the runs it covers", () => {
    renderCards();
    const mix = screen.getByTestId("card-energyMix");
    expect(mix.textContent).toContain("0.1845 MWh");
    expect(mix.textContent).toContain("non-renewable 0.2767 MWh; carbon-free share 51.2%");
    const shift = screen.getByTestId("card-shift");
    expect(shift.textContent).toContain(
      "the runs covered could have emitted 12.35 kgCO2e less at their best start",
    );
    expect(shift.textContent).toContain("31 runs covered by hourly data, 3 not");
  });

  it("shows no carbon-free share without energy", () => {
    renderCards({ ...figures, carbonFreeEnergyShare: null });
    expect(screen.getByTestId("card-energyMix").textContent).toContain(
      "carbon-free share – (no energy)",
    );
  });

  it("notes stale Scope 2 figures, and nothing when they are fresh", () => {
    const { unmount } = render(
      <Scope2Note scope2={{ stale: false, computedAt: "2024-08-01T00:00:00Z" }} />,
    );
    expect(screen.queryByTestId("scope2-stale")).toBeNull();
    unmount();
    render(<Scope2Note scope2={{ stale: true, computedAt: "2024-08-01T00:05:00Z" }} />);
    expect(screen.getByTestId("scope2-stale").textContent).toContain(
      "these are from Aug 1, 2024, 00:05 UTC, and an input changed since.",
    );
  });

  it("says when no run gave inferences per day instead of showing 0", () => {
    renderCards();
    const card = screen.getByTestId("card-carbonPerInference");
    expect(within(card).getByText("–")).toBeTruthy();
    expect(card.textContent).toContain("no run disclosed inferences per day");
  });

  it("shows per-inference figures when the API has them", () => {
    renderCards({
      ...figures,
      perInference: {
        runCount: 31,
        projectedInferences: 31000,
        carbonPerInferenceGCo2e: 5.3312,
        waterPerInferenceMilliliters: 47.92,
      },
    });
    expect(screen.getByTestId("card-carbonPerInference").textContent).toContain("5.331 gCO2e");
    expect(screen.getByTestId("card-waterPerInference").textContent).toContain("47.92 mL");
  });
});
