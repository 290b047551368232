/**
 * The overview's cards, one per figure of `EmissionsFigures`. Each card is declared once in
 * `cardSpecs` (label, unit, value, optional range and detail), so a new figure of the API
 * (e.g. market-based carbon) is one more entry. Every card links to the runs behind it.
 */
import { Link } from "react-router";
import { formatCount, formatQuantity, formatRange, formatShare } from "../format";
import type { OverviewFiguresFragment } from "../generated/graphql";

export interface CardSpec {
  id: string;
  label: string;
  /** Shown after the value; "" for counts and shares. */
  unit: string;
  value(f: OverviewFiguresFragment): number | null;
  format?(value: number): string;
  range?(f: OverviewFiguresFragment): [low: number, high: number] | null;
  detail?(f: OverviewFiguresFragment): string | null;
}

export const cardSpecs: CardSpec[] = [
  { id: "runs", label: "Runs", unit: "", value: (f) => f.runCount, format: formatCount },
  {
    id: "energy",
    label: "Facility energy",
    unit: "kWh",
    value: (f) => f.energyKwh,
    detail: (f) => `IT energy ${formatQuantity(f.itEnergyKwh)} kWh`,
  },
  {
    id: "carbon",
    label: "Total carbon (location-based)",
    unit: "kgCO2e",
    value: (f) => f.totalCarbonKgCo2e,
    detail: (f) =>
      `operational ${formatQuantity(f.operationalCarbonKgCo2e)} + embodied ${formatQuantity(f.embodiedCarbonKgCo2e)} kgCO2e`,
  },
  {
    id: "water",
    label: "Water",
    unit: "L",
    value: (f) => f.totalWaterLiters,
    detail: (f) =>
      `on-site ${formatQuantity(f.onsiteWaterLiters)} + off-site ${formatQuantity(f.offsiteWaterLiters)} + embodied ${formatQuantity(f.embodiedWaterLiters)} L`,
  },
  {
    id: "carbonPerInference",
    label: "Carbon per inference",
    unit: "gCO2e",
    value: (f) => f.perInference?.carbonPerInferenceGCo2e ?? null,
    detail: (f) =>
      f.perInference
        ? `over ${formatCount(f.perInference.runCount)} runs with inference data`
        : "no run disclosed inferences per day",
  },
  {
    id: "waterPerInference",
    label: "Water per inference",
    unit: "mL",
    value: (f) => f.perInference?.waterPerInferenceMilliliters ?? null,
    detail: (f) =>
      f.perInference
        ? `${formatQuantity(f.perInference.projectedInferences)} projected inferences`
        : null,
  },
  {
    id: "imputed",
    label: "Imputed share",
    unit: "",
    value: (f) => f.imputedShare,
    format: formatShare,
    detail: () => "of the inputs, supplied by a rule",
  },
];

export function FigureCards({
  figures,
  runsHref,
  specs = cardSpecs,
}: {
  figures: OverviewFiguresFragment;
  /** Where each card links: the runs of the period. */
  runsHref: string;
  specs?: CardSpec[];
}) {
  return (
    <ul className="cards" aria-label="Totals of the period">
      {specs.map((spec) => {
        const value = spec.value(figures);
        const range = spec.range?.(figures);
        const detail = spec.detail?.(figures);
        return (
          <li key={spec.id} className="card" data-testid={`card-${spec.id}`}>
            <Link className="card-link" to={runsHref}>
              <span className="card-label">{spec.label}</span>
              <span className="card-value" data-value={value ?? ""}>
                {value === null ? "–" : (spec.format ?? formatQuantity)(value)}
                {spec.unit && value !== null && <span className="unit"> {spec.unit}</span>}
              </span>
              {range && (
                <span className="card-range">
                  range {formatRange(range[0], range[1], spec.unit)}
                </span>
              )}
              {detail && <span className="card-detail">{detail}</span>}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
