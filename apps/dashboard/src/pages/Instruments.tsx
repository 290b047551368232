/**
 * Scope 2 inputs, read-only: the organization's contractual instruments (energy attribute
 * certificates, PPAs, supplier-specific factors), its residual-mix factors and the carbon-aware
 * shift window, as the market-based figures use them (GHG Protocol Scope 2 Guidance). They are
 * recorded with an admin key through the API or `finetrace instruments`; this page has no form.
 */
import { useQuery } from "urql";
import { ScrollRegion } from "../components/ScrollRegion";
import { Empty, ErrorState, Loading } from "../components/States";
import { formatCount, formatInstant, formatQuantity } from "../format";
import { graphql } from "../generated";
import type { ContractualInstrumentKind } from "../generated/graphql";

const Scope2InputsQuery = graphql(`
  query Scope2Inputs {
    instruments {
      id
      kind
      gridZone
      validFrom
      validTo
      granularity
      energyMwh
      emissionFactorGPerKwh
      certificateId
    }
    residualMixFactors {
      gridZone
      year
      emissionFactorGPerKwh
      source
    }
    shiftWindowHours
  }
`);

/** Names of the instrument kinds (GHG Protocol Scope 2 Guidance, Table 6.3). */
export const kindNames: Record<ContractualInstrumentKind, string> = {
  GO: "Guarantee of Origin",
  REC: "Renewable Energy Certificate",
  I_REC: "International REC",
  PPA: "Power purchase agreement",
  SUPPLIER_SPECIFIC: "Supplier-specific factor",
};

type Data = NonNullable<ReturnType<typeof useScope2Inputs>[0]["data"]>;

function useScope2Inputs() {
  return useQuery({ query: Scope2InputsQuery });
}

function InstrumentsTable({ instruments }: { instruments: Data["instruments"] }) {
  if (instruments.length === 0) {
    return (
      <Empty>No contractual instrument: market-based figures use the residual mix alone.</Empty>
    );
  }
  return (
    <ScrollRegion label="Contractual instruments">
      <table className="stack-table" data-testid="instruments">
        <thead>
          <tr>
            <th scope="col">Certificate</th>
            <th scope="col">Kind</th>
            <th scope="col">Grid zone</th>
            <th scope="col">Valid from (UTC)</th>
            <th scope="col">Valid to (UTC, exclusive)</th>
            <th scope="col">Granularity</th>
            <th scope="col">Energy (MWh)</th>
            <th scope="col">Emission factor (gCO2e/kWh)</th>
          </tr>
        </thead>
        <tbody>
          {instruments.map((i) => (
            <tr key={i.id} data-certificate={i.certificateId}>
              <th scope="row">{i.certificateId}</th>
              <td data-label="Kind">{kindNames[i.kind]}</td>
              <td data-label="Grid zone">{i.gridZone}</td>
              <td data-label="Valid from (UTC)">{formatInstant(i.validFrom)}</td>
              <td data-label="Valid to (UTC, exclusive)">{formatInstant(i.validTo)}</td>
              <td data-label="Granularity">{i.granularity.toLowerCase()}</td>
              <td data-label="Energy (MWh)">{formatQuantity(i.energyMwh)}</td>
              <td data-label="Emission factor (gCO2e/kWh)">
                {formatQuantity(i.emissionFactorGPerKwh)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function FactorsTable({ factors }: { factors: Data["residualMixFactors"] }) {
  if (factors.length === 0) {
    return (
      <Empty>
        No residual-mix factor: energy no instrument covers is priced at its location-based factor
        (flagged "residual mix unavailable").
      </Empty>
    );
  }
  return (
    <ScrollRegion label="Residual-mix factors">
      <table className="stack-table" data-testid="residual-mix">
        <thead>
          <tr>
            <th scope="col">Grid zone</th>
            <th scope="col">Year</th>
            <th scope="col">Emission factor (gCO2e/kWh)</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {factors.map((f) => (
            <tr key={`${f.gridZone}-${f.year}`}>
              <th scope="row">{f.gridZone}</th>
              <td data-label="Year">{f.year}</td>
              <td data-label="Emission factor (gCO2e/kWh)">
                {formatQuantity(f.emissionFactorGPerKwh)}
              </td>
              <td data-label="Source">{f.source ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export default function Instruments() {
  const [{ data, fetching, error }] = useScope2Inputs();
  let body: React.ReactNode;
  if (error) body = <ErrorState error={error} />;
  else if (!data) body = fetching ? <Loading what="Scope 2 inputs" /> : null;
  else
    body = (
      <>
        <section aria-labelledby="instruments-title">
          <h2 id="instruments-title">Contractual instruments</h2>
          <InstrumentsTable instruments={data.instruments} />
        </section>
        <section aria-labelledby="residual-title">
          <h2 id="residual-title">Residual-mix factors</h2>
          <FactorsTable factors={data.residualMixFactors} />
        </section>
        <section aria-labelledby="shift-title">
          <h2 id="shift-title">Carbon-aware shift</h2>
          <p data-testid="shift-window">
            Shift window: {formatCount(data.shiftWindowHours)} hours either side of each run's
            actual start.
          </p>
        </section>
      </>
    );
  return (
    <>
      <h1>Scope 2 inputs</h1>
      <p className="help">
        Market-based Scope 2 allocates these instruments to the runs' energy, then applies the
        residual mix. Recorded with an admin key (API or <code>finetrace instruments</code>).
      </p>
      {body}
    </>
  );
}
