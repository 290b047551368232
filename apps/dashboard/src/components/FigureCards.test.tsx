// @vitest-environment happy-dom
import { cleanup, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it } from "vitest";
import type { OverviewFiguresFragment } from "../generated/graphql";
import { cardSpecs, FigureCards } from "./FigureCards";

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
    expect(carbon.textContent).toContain("operational 139.1 + embodied 28.79 kgCO2e");
    expect(screen.getByTestId("card-energy").textContent).toContain("461.2 kWh");
    expect(screen.getByTestId("card-imputed").textContent).toContain("40.1%");
    const links = screen.getAllByRole("link");
    expect(links).toHaveLength(cardSpecs.length);
    for (const link of links) expect(link.getAttribute("href")).toBe("/runs?from=a&to=b");
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
