/**
 * One run: the disclosure next to the normalized inputs with the provenance of each, the
 * estimate with its range, the hourly grid intensity around the run (start hour and span
 * marked), the estimate history and the chain's previous and next runs.
 */
import { useMemo } from "react";
import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { LazyChart } from "../charts/LazyChart";
import { ScrollRegion } from "../components/ScrollRegion";
import { Empty, ErrorState, Loading } from "../components/States";
import { formatInstant, formatQuantity, formatRange, formatWithUnit } from "../format";
import { graphql } from "../generated";
import type { RunDetailQuery } from "../generated/graphql";

const RunDetailDocument = graphql(`
  query RunDetail($id: ID!) {
    run(id: $id) {
      id
      externalId
      status
      failureReason
      submittedAt
      disclosure {
        baseModel
        baseModelParameterCount
        fineTuningMethod
        startTime
        reservedDurationHours
        gpuHours
        gpuUtilizationFraction
        cpuUtilizationFraction
        tokensIncludingPadding
        measuredEnergyKwh
        managedService
        cloudProvider
        cloudRegion
        gridZone
        countryCode
        gpuModel
        serverModel
        gpuCount
        serverCount
        pue
        wueLitersPerKwh
        useLifeDays
        inferencesPerDay
        chainId
        method
      }
      previousRun {
        id
        externalId
      }
      currentEstimate {
        id
        methodologyVersion
        method
        inputs {
          startTimeUtc
          reservedDurationHours
          gridZone
          chainId
        }
        facilityEnergyKwh
        facilityEnergyLowKwh
        facilityEnergyHighKwh
        operationalCarbonKgCo2e
        embodiedCarbonKgCo2e
        totalCarbonKgCo2e
        totalCarbonLowKgCo2e
        totalCarbonHighKgCo2e
        totalWaterLiters
        totalWaterLowLiters
        totalWaterHighLiters
        carbonPerInferenceGCo2e
        waterPerInferenceMilliliters
        intensity {
          source
          hourUtc
          startHourIntensityGPerKwh
          meanIntensityGPerKwh
          series
        }
        provenance {
          field
          imputed
          rule
          source
          value
        }
      }
      estimateHistory {
        id
        isCurrent
        methodologyVersion
        createdAt
        totalCarbonKgCo2e
        totalCarbonLowKgCo2e
        totalCarbonHighKgCo2e
        intensity {
          source
          startHourIntensityGPerKwh
        }
      }
    }
  }
`);

/**
 * The chain's members, to find the next run (the API links only the previous one). 100 is the
 * largest page under the API's query cost limit (API_MAX_COST 5000) for this selection; a
 * chain with more runs shows "next" only among its 100 most recently submitted runs.
 */
const ChainQuery = graphql(`
  query ChainRuns($chainId: String!) {
    runs(first: 100, filter: { chainId: $chainId }) {
      edges {
        node {
          id
          externalId
          currentEstimate {
            inputs {
              startTimeUtc
            }
          }
        }
      }
    }
  }
`);

const IntensityQuery = graphql(`
  query RunIntensity(
    $zone: String!
    $from: DateTime!
    $to: DateTime!
    $resolution: IntensityResolution!
    $series: GridSeries!
  ) {
    gridIntensity(zone: $zone, from: $from, to: $to, resolution: $resolution, series: $series) {
      timeUtc
      lifecycleIntensityGPerKwh
    }
  }
`);

type Run = RunDetailQuery["run"];
type Estimate = NonNullable<Run["currentEstimate"]>;

const HOUR_MS = 3_600_000;
/** Hours shown either side of the run on the intensity chart. */
const MARGIN_HOURS = 12;
/** Above this span (14 days) the chart shows daily means instead of hours. */
const HOURLY_LIMIT_HOURS = 14 * 24;

function show(value: unknown): string {
  if (value === null || value === undefined) return "–";
  if (typeof value === "number") return formatQuantity(value);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatInstant(value);
  return String(value);
}

function Provenance({ run, estimate }: { run: Run; estimate: Estimate }) {
  const disclosure = run.disclosure as Record<string, unknown>;
  return (
    <section aria-labelledby="provenance-title">
      <h2 id="provenance-title">Inputs and their provenance</h2>
      <p>
        {estimate.provenance.filter((p) => p.imputed).length} of {estimate.provenance.length} inputs
        were imputed.
      </p>
      <ScrollRegion labelledBy="provenance-title">
        <table data-testid="provenance" className="stack-table">
          <thead>
            <tr>
              <th scope="col">Input</th>
              <th scope="col">Disclosed</th>
              <th scope="col">Used by the estimate</th>
              <th scope="col">Provenance</th>
            </tr>
          </thead>
          <tbody>
            {estimate.provenance.map((p) => (
              <tr key={p.field} data-field={p.field} data-imputed={p.imputed}>
                <th scope="row">{p.field}</th>
                <td data-label="Disclosed">{show(disclosure[p.field])}</td>
                <td data-label="Used">{show(p.imputed ? p.value : disclosure[p.field])}</td>
                <td data-label="Provenance">
                  {p.imputed ? (
                    <>
                      <span className="badge badge-imputed">imputed</span> rule{" "}
                      <code>{p.rule}</code>
                      {p.source && <span className="source">, source: {p.source}</span>}
                    </>
                  ) : (
                    <span className="badge">disclosed</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

function EstimateFigures({ estimate }: { estimate: Estimate }) {
  const e = estimate;
  const rows: [string, string][] = [
    [
      "Facility energy",
      `${formatWithUnit(e.facilityEnergyKwh, "kWh")} (range ${formatRange(e.facilityEnergyLowKwh, e.facilityEnergyHighKwh, "kWh")})`,
    ],
    [
      "Total carbon",
      `${formatWithUnit(e.totalCarbonKgCo2e, "kgCO2e")} (range ${formatRange(e.totalCarbonLowKgCo2e, e.totalCarbonHighKgCo2e, "kgCO2e")})`,
    ],
    [
      "Operational / embodied carbon",
      `${formatQuantity(e.operationalCarbonKgCo2e)} / ${formatQuantity(e.embodiedCarbonKgCo2e)} kgCO2e`,
    ],
    [
      "Water",
      `${formatWithUnit(e.totalWaterLiters, "L")} (range ${formatRange(e.totalWaterLowLiters, e.totalWaterHighLiters, "L")})`,
    ],
    [
      "Per inference",
      `${formatWithUnit(e.carbonPerInferenceGCo2e, "gCO2e")}, ${formatWithUnit(e.waterPerInferenceMilliliters, "mL")}`,
    ],
    [
      "Grid intensity",
      `${formatWithUnit(e.intensity.startHourIntensityGPerKwh, "gCO2e/kWh")} at the start hour (${e.intensity.source}${e.intensity.series ? `, ${e.intensity.series.toLowerCase()} series` : ""}); mean over the run ${formatWithUnit(e.intensity.meanIntensityGPerKwh, "gCO2e/kWh")}`,
    ],
    ["Method", `${e.method}, methodology ${e.methodologyVersion}`],
  ];
  return (
    <section aria-labelledby="estimate-title">
      <h2 id="estimate-title">Estimate</h2>
      <dl className="figures">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function IntensityAround({ estimate }: { estimate: Estimate }) {
  const start = Date.parse(estimate.inputs.startTimeUtc);
  const startHour = Math.floor(start / HOUR_MS) * HOUR_MS;
  const end = start + estimate.inputs.reservedDurationHours * HOUR_MS;
  const spanHours = (end - startHour) / HOUR_MS;
  const daily = spanHours > HOURLY_LIMIT_HOURS;
  const from = new Date(startHour - MARGIN_HOURS * HOUR_MS * (daily ? 24 : 1)).toISOString();
  const to = new Date(
    Math.ceil(end / HOUR_MS) * HOUR_MS + MARGIN_HOURS * HOUR_MS * (daily ? 24 : 1),
  ).toISOString();
  const [{ data, error, fetching }] = useQuery({
    query: IntensityQuery,
    variables: {
      zone: estimate.inputs.gridZone,
      from,
      to,
      resolution: daily ? "DAY" : "HOUR",
      series: estimate.intensity.series ?? "SHARED",
    },
  });
  const points = data?.gridIntensity ?? [];
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis", valueFormatter: (v: number) => `${formatQuantity(v)} gCO2e/kWh` },
      grid: { left: 64, right: 16, top: 24, bottom: 48 },
      xAxis: { type: "time", name: "time (UTC)", nameLocation: "middle", nameGap: 32 },
      yAxis: {
        type: "value",
        name: "gCO2e/kWh",
        axisLabel: { formatter: (v: number) => formatQuantity(v) },
      },
      series: [
        {
          name: "Life-cycle intensity",
          type: "line",
          showSymbol: false,
          data: points.map((p) => [p.timeUtc, p.lifecycleIntensityGPerKwh]),
          itemStyle: { color: "#1b4f8a" },
          markLine: {
            symbol: "none",
            label: { formatter: "start hour" },
            data: [{ xAxis: new Date(startHour).toISOString() }],
          },
          markArea: {
            itemStyle: { color: "rgba(179, 89, 0, 0.15)" },
            label: { formatter: "run" },
            data: [
              [{ xAxis: new Date(start).toISOString() }, { xAxis: new Date(end).toISOString() }],
            ],
          },
        },
      ],
    }),
    [points, start, startHour, end],
  );
  return (
    <section aria-labelledby="intensity-title">
      <h2 id="intensity-title">Grid intensity around the run ({estimate.inputs.gridZone})</h2>
      {error && <ErrorState error={error} />}
      {fetching && !data && <Loading what="grid intensity" />}
      {data && points.length === 0 && (
        <Empty>
          No hourly series for {estimate.inputs.gridZone} around this run; the estimate used{" "}
          {estimate.intensity.source.replace("_", " ")} (
          {formatWithUnit(estimate.intensity.startHourIntensityGPerKwh, "gCO2e/kWh")}).
        </Empty>
      )}
      {points.length > 0 && (
        <LazyChart
          caption={`${daily ? "Daily mean" : "Hourly"} life-cycle grid intensity (gCO2e/kWh), UTC; the line marks the start hour, the band the run`}
          label={`Line chart of grid intensity in gCO2e/kWh from ${from} to ${to}`}
          height="280px"
          option={option}
        />
      )}
    </section>
  );
}

function History({ run }: { run: Run }) {
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">Estimate history</h2>
      <ScrollRegion labelledBy="history-title">
        <table>
          <thead>
            <tr>
              <th scope="col">Created (UTC)</th>
              <th scope="col">Methodology</th>
              <th scope="col">Carbon (kgCO2e)</th>
              <th scope="col">Range (kgCO2e)</th>
              <th scope="col">Start-hour intensity (gCO2e/kWh)</th>
            </tr>
          </thead>
          <tbody>
            {run.estimateHistory.map((e) => (
              <tr key={e.id}>
                <th scope="row">
                  {formatInstant(e.createdAt)}{" "}
                  {e.isCurrent && <span className="badge">current</span>}
                </th>
                <td>{e.methodologyVersion}</td>
                <td>{formatQuantity(e.totalCarbonKgCo2e)}</td>
                <td>
                  {formatQuantity(e.totalCarbonLowKgCo2e)} –{" "}
                  {formatQuantity(e.totalCarbonHighKgCo2e)}
                </td>
                <td>
                  {formatQuantity(e.intensity.startHourIntensityGPerKwh)} ({e.intensity.source})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

function Chain({ run, chainId }: { run: Run; chainId: string }) {
  const [{ data }] = useQuery({ query: ChainQuery, variables: { chainId } });
  const members = (data?.runs.edges ?? [])
    .map((e) => e.node)
    .filter((n) => n.currentEstimate)
    .sort((a, b) =>
      (a.currentEstimate?.inputs.startTimeUtc ?? "").localeCompare(
        b.currentEstimate?.inputs.startTimeUtc ?? "",
      ),
    );
  const index = members.findIndex((m) => m.id === run.id);
  const next = index >= 0 ? members[index + 1] : undefined;
  return (
    <nav aria-label="Chain" className="chain">
      <span>
        Chain <Link to={`/runs?chainId=${encodeURIComponent(chainId)}`}>{chainId}</Link>
        {index >= 0 && ` (run ${index + 1} of ${members.length})`}:
      </span>{" "}
      {run.previousRun ? (
        <Link to={`/runs/${run.previousRun.id}`}>← previous: {run.previousRun.externalId}</Link>
      ) : (
        <span>first run of the chain</span>
      )}{" "}
      {next ? (
        <Link to={`/runs/${next.id}`}>next: {next.externalId} →</Link>
      ) : (
        data && <span>last run of the chain</span>
      )}
    </nav>
  );
}

export default function RunDetail() {
  const { id = "" } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: RunDetailDocument, variables: { id } });
  if (error) return <ErrorState error={error} />;
  if (!data) return fetching ? <Loading what="the run" /> : null;
  const { run } = data;
  const estimate = run.currentEstimate;
  const chainId = estimate?.inputs.chainId ?? run.disclosure.chainId;
  return (
    <>
      <p>
        <Link to="/runs">← Runs</Link>
      </p>
      <h1>Run {run.externalId}</h1>
      <p>
        Status {run.status.toLowerCase()}
        {run.failureReason && `: ${run.failureReason}`}; submitted {formatInstant(run.submittedAt)}.
      </p>
      {chainId && <Chain run={run} chainId={chainId} />}
      {estimate ? (
        <>
          <EstimateFigures estimate={estimate} />
          <Provenance run={run} estimate={estimate} />
          <IntensityAround estimate={estimate} />
        </>
      ) : (
        <Empty>No estimate yet.</Empty>
      )}
      <History run={run} />
    </>
  );
}
