/**
 * Runs: the organization's runs, newest submission first, 25 a page by keyset (the `after`
 * cursor is in the URL with the filters, so a page can be shared and reloaded).
 * Filters: period (UTC start instants), status, grid zone, GPU model, base model, chain.
 */
import type { FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { ScrollRegion } from "../components/ScrollRegion";
import { Empty, ErrorState, Loading } from "../components/States";
import { formatInstant, formatQuantity } from "../format";
import { graphql } from "../generated";
import type { RunFilter, RunStatus } from "../generated/graphql";

const PAGE_SIZE = 25;

const RunsQuery = graphql(`
  query Runs($first: Int!, $after: String, $filter: RunFilter) {
    runs(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          externalId
          status
          disclosure {
            baseModel
            chainId
          }
          currentEstimate {
            inputs {
              startTimeUtc
              gridZone
              gpuModel
            }
            facilityEnergyKwh
            totalCarbonKgCo2e
            totalWaterLiters
            imputedFieldCount
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const ZonesQuery = graphql(`
  query Zones {
    gridZones {
      id
      name
    }
  }
`);

const textFilters = ["gridZone", "gpuModel", "baseModel", "chainId"] as const;
const statuses: RunStatus[] = ["PENDING", "ESTIMATED", "FAILED"];

/** The RunFilter the URL describes; undefined when it describes none. */
export function filterFromSearch(params: URLSearchParams): RunFilter | undefined {
  const filter: RunFilter = {};
  const from = params.get("from");
  const to = params.get("to");
  if (from && to) filter.period = { from, to };
  const status = params.get("status");
  if (statuses.includes(status as RunStatus)) filter.status = status as RunStatus;
  for (const key of textFilters) {
    const value = params.get(key);
    if (value) filter[key] = value;
  }
  return Object.keys(filter).length > 0 ? filter : undefined;
}

const dateOf = (iso: string | null) => (iso ? iso.slice(0, 10) : "");

function Filters() {
  const [params, setParams] = useSearchParams();
  const [{ data: zones }] = useQuery({ query: ZonesQuery });
  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    const from = String(form.get("fromDate") ?? "");
    const to = String(form.get("toDate") ?? "");
    if (from && to) {
      next.set("from", `${from}T00:00:00.000Z`);
      next.set("to", `${to}T00:00:00.000Z`);
    }
    for (const key of ["status", ...textFilters]) {
      const value = String(form.get(key) ?? "").trim();
      if (value) next.set(key, value);
    }
    setParams(next);
  }
  const key = params.toString();
  return (
    <form className="filters" onSubmit={apply} key={key} aria-label="Run filters">
      <label>
        Started on or after (UTC)
        <input type="date" name="fromDate" defaultValue={dateOf(params.get("from"))} />
      </label>
      <label>
        Started before (UTC)
        <input type="date" name="toDate" defaultValue={dateOf(params.get("to"))} />
      </label>
      <label>
        Status
        <select name="status" defaultValue={params.get("status") ?? ""}>
          <option value="">any</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s.toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      <label>
        Grid zone
        <select name="gridZone" defaultValue={params.get("gridZone") ?? ""}>
          <option value="">any</option>
          {(zones?.gridZones ?? []).map((z) => (
            <option key={z.id} value={z.id}>
              {z.id} ({z.name})
            </option>
          ))}
          {params.get("gridZone") && !zones && (
            <option value={params.get("gridZone") ?? ""}>{params.get("gridZone")}</option>
          )}
        </select>
      </label>
      <label>
        GPU model
        <input name="gpuModel" defaultValue={params.get("gpuModel") ?? ""} />
      </label>
      <label>
        Base model
        <input name="baseModel" defaultValue={params.get("baseModel") ?? ""} />
      </label>
      <label>
        Chain
        <input name="chainId" defaultValue={params.get("chainId") ?? ""} />
      </label>
      <div className="filter-actions">
        <button type="submit">Apply filters</button>
        <Link to="/runs">Clear</Link>
      </div>
    </form>
  );
}

function RunsTable() {
  const [params] = useSearchParams();
  const after = params.get("after");
  const [{ data, fetching, error }] = useQuery({
    query: RunsQuery,
    variables: { first: PAGE_SIZE, after, filter: filterFromSearch(params) },
  });
  if (error) return <ErrorState error={error} />;
  if (!data) return fetching ? <Loading what="runs" /> : null;
  const { edges, pageInfo } = data.runs;
  if (edges.length === 0) return <Empty>No run matches these filters.</Empty>;
  const next = new URLSearchParams(params);
  if (pageInfo.endCursor) next.set("after", pageInfo.endCursor);
  const first = new URLSearchParams(params);
  first.delete("after");
  return (
    <>
      <ScrollRegion label="Runs">
        <table className="runs-table">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Status</th>
              <th scope="col">Start (UTC)</th>
              <th scope="col">Grid zone</th>
              <th scope="col">GPU</th>
              <th scope="col">Base model</th>
              <th scope="col">Energy (kWh)</th>
              <th scope="col">Carbon (kgCO2e)</th>
              <th scope="col">Water (L)</th>
              <th scope="col">Imputed inputs</th>
            </tr>
          </thead>
          <tbody>
            {edges.map(({ node }) => {
              const e = node.currentEstimate;
              return (
                <tr key={node.id} data-testid="run-row">
                  <th scope="row">
                    <Link to={`/runs/${node.id}`}>{node.externalId}</Link>
                  </th>
                  <td>{node.status.toLowerCase()}</td>
                  <td>{e ? formatInstant(e.inputs.startTimeUtc) : "–"}</td>
                  <td data-testid="run-zone">{e?.inputs.gridZone ?? "–"}</td>
                  <td>{e?.inputs.gpuModel ?? "–"}</td>
                  <td>{node.disclosure.baseModel}</td>
                  <td>{e ? formatQuantity(e.facilityEnergyKwh) : "–"}</td>
                  <td>{e ? formatQuantity(e.totalCarbonKgCo2e) : "–"}</td>
                  <td>{e ? formatQuantity(e.totalWaterLiters) : "–"}</td>
                  <td>{e ? e.imputedFieldCount : "–"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      <nav className="pager" aria-label="Pages of runs">
        {after && <Link to={`/runs?${first}`}>First page</Link>}
        {pageInfo.hasNextPage && <Link to={`/runs?${next}`}>Next page</Link>}
      </nav>
    </>
  );
}

export default function Runs() {
  return (
    <>
      <h1>Runs</h1>
      <Filters />
      <RunsTable />
    </>
  );
}
