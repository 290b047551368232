/**
 * The overview's cards, one per figure of `EmissionsFigures`. Each card is declared once in
 * `cardSpecs` (label, unit, value, optional 90 % range, parts shown side by side and detail), so
 * a new figure of the API is one more entry. Every card links to the runs behind it.
 *
 * Scopes (GHG Protocol): `operationalCarbonKgCo2e` is location-based Scope 2,
 * `marketBasedCarbonKgCo2e` market-based Scope 2, embodied carbon is Scope 3.
 */
import { Link } from "react-router";
import { formatCount, formatInstant, formatQuantity, formatRange, formatShare } from "../format";
import type { OverviewFiguresFragment } from "../generated/graphql";

/** One of the figures a card shows side by side (e.g. location- and market-based Scope 2). */
export interface CardPart {
  id: string;
  label: string;
  value: number;
}

export interface CardSpec {
  id: string;
  label: string;
  /** Shown after the value (and after each part); "" for counts and shares. */
  unit: string;
  /** The card's main figure; absent for a card of parts only. */
  value?(f: OverviewFiguresFragment): number | null;
  format?(value: number): string;
  /** The 90 % range (5th and 95th percentile bounds summed over the runs). */
  range?(f: OverviewFiguresFragment): [low: number, high: number] | null;
  parts?(f: OverviewFiguresFragment): CardPart[];
  detail?(f: OverviewFiguresFragment): string | null;
}

const kg = (v: number) => `${formatQuantity(v)} kgCO2e`;

export const cardSpecs: CardSpec[] = [
  { id: "runs", label: "Runs", unit: "", value: (f) => f.runCount, format: formatCount },
  {
    id: "energy",
    label: "Facility energy",
    unit: "kWh",
    value: (f) => f.energyKwh,
    range: (f) => [f.energyLowKwh, f.energyHighKwh],
    detail: (f) => `IT energy ${formatQuantity(f.itEnergyKwh)} kWh`,
  },
  {
    id: "energyMix",
    label: "Renewable energy",
    unit: "MWh",
    value: (f) => f.renewableEnergyMwh,
    detail: (f) =>
      `non-renewable ${formatQuantity(f.nonRenewableEnergyMwh)} MWh; carbon-free share ${
        f.carbonFreeEnergyShare === null || f.carbonFreeEnergyShare === undefined
          ? "– (no energy)"
          : formatShare(f.carbonFreeEnergyShare)
      }`,
  },
  {
    id: "carbon",
    label: "Total carbon (location-based)",
    unit: "kgCO2e",
    value: (f) => f.totalCarbonKgCo2e,
    range: (f) => [f.totalCarbonLowKgCo2e, f.totalCarbonHighKgCo2e],
    detail: (f) =>
      `Scope 2 location-based ${formatQuantity(f.operationalCarbonKgCo2e)} + Scope 3 embodied ${kg(f.embodiedCarbonKgCo2e)}`,
  },
  {
    id: "scope2",
    label: "Scope 2 carbon",
    unit: "kgCO2e",
    parts: (f) => [
      { id: "location", label: "location-based", value: f.operationalCarbonKgCo2e },
      { id: "market", label: "market-based", value: f.marketBasedCarbonKgCo2e },
    ],
    detail: () => "market-based: contractual instruments, then the residual mix",
  },
  {
    id: "shift",
    label: "Carbon-aware shift saving",
    unit: "kgCO2e",
    value: (f) => f.shiftSavingKgCo2e,
    detail: (f) =>
      `the runs covered could have emitted ${kg(f.shiftSavingKgCo2e)} less at their best start; ${formatCount(
        f.shiftCoveredRuns,
      )} runs covered by hourly data, ${formatCount(f.shiftUncoveredRuns)} not`,
  },
  {
    id: "water",
    label: "Water",
    unit: "L",
    value: (f) => f.totalWaterLiters,
    range: (f) => [f.totalWaterLowLiters, f.totalWaterHighLiters],
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

function CardBody({ spec, figures }: { spec: CardSpec; figures: OverviewFiguresFragment }) {
  const format = spec.format ?? formatQuantity;
  const value = spec.value ? spec.value(figures) : undefined;
  const range = spec.range?.(figures);
  const parts = spec.parts?.(figures);
  const detail = spec.detail?.(figures);
  return (
    <>
      <span className="card-label">{spec.label}</span>
      {value !== undefined && (
        <span className="card-value" data-value={value ?? ""}>
          {value === null ? "–" : format(value)}
          {spec.unit && value !== null && <span className="unit"> {spec.unit}</span>}
        </span>
      )}
      {parts && (
        <span className="card-parts">
          {parts.map((p) => (
            <span key={p.id} className="card-part" data-part={p.id} data-value={p.value}>
              <span className="card-part-label">{p.label}</span>
              <span className="card-part-value">
                {format(p.value)}
                {spec.unit && <span className="unit"> {spec.unit}</span>}
              </span>
            </span>
          ))}
        </span>
      )}
      {range && (
        <span className="card-range" data-low={range[0]} data-high={range[1]}>
          90 % range {formatRange(range[0], range[1], spec.unit)}
        </span>
      )}
      {detail && <span className="card-detail">{detail}</span>}
    </>
  );
}

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
      {specs.map((spec) => (
        <li key={spec.id} className="card" data-testid={`card-${spec.id}`}>
          <Link className="card-link" to={runsHref}>
            <CardBody spec={spec} figures={figures} />
          </Link>
        </li>
      ))}
    </ul>
  );
}

/**
 * A note when the Scope 2 figures (market-based, renewable, shift) are not up to date: an input
 * changed after `computedAt` and the debounced recomputation has not run yet. Nothing when fresh.
 */
export function Scope2Note({ scope2 }: { scope2: { stale: boolean; computedAt?: string | null } }) {
  if (!scope2.stale) return null;
  return (
    <p className="note" role="note" data-testid="scope2-stale">
      The Scope 2 figures (market-based, renewable energy, shift saving) are being recomputed:{" "}
      {scope2.computedAt
        ? `these are from ${formatInstant(scope2.computedAt)}, and an input changed since.`
        : "they were not computed yet."}
    </p>
  );
}
