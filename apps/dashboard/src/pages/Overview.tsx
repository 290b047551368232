/**
 * Overview: the period's totals (cards), the trend (operational and embodied carbon stacked, by
 * month, week or day) and breakdowns by grid zone, GPU model, base model and chain, from one
 * `emissions` document (aliases). Buckets are cut in UTC, like the period. Every figure links to
 * the runs behind it.
 */
import { useMemo } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { bucketPeriod } from "../buckets";
import { LazyChart } from "../charts/LazyChart";
import { FigureCards, Scope2Note } from "../components/FigureCards";
import { PeriodPicker } from "../components/PeriodPicker";
import { ScrollRegion } from "../components/ScrollRegion";
import { Empty, ErrorState, Loading } from "../components/States";
import { formatCount, formatQuantity, formatShare } from "../format";
import { graphql } from "../generated";
import type { BreakdownFragment, EmissionsGroupBy } from "../generated/graphql";
import { useLatestRun } from "../latestRun";
import {
  defaultBucket,
  type Period,
  periodFromSearch,
  runsSearch,
  type TrendBucket,
} from "../period";

graphql(`
  fragment OverviewFigures on EmissionsFigures {
    runCount
    energyKwh
    itEnergyKwh
    operationalCarbonKgCo2e
    embodiedCarbonKgCo2e
    totalCarbonKgCo2e
    onsiteWaterLiters
    offsiteWaterLiters
    embodiedWaterLiters
    totalWaterLiters
    energyLowKwh
    energyHighKwh
    totalCarbonLowKgCo2e
    totalCarbonHighKgCo2e
    totalWaterLowLiters
    totalWaterHighLiters
    marketBasedCarbonKgCo2e
    renewableEnergyMwh
    nonRenewableEnergyMwh
    carbonFreeEnergyShare
    shiftSavingKgCo2e
    shiftCoveredRuns
    shiftUncoveredRuns
    imputedShare
    perInference {
      runCount
      projectedInferences
      carbonPerInferenceGCo2e
      waterPerInferenceMilliliters
    }
  }
`);

graphql(`
  fragment Breakdown on EmissionsGroup {
    key {
      gridZone
      gpuModel
      baseModel
      chainId
    }
    figures {
      runCount
      energyKwh
      totalCarbonKgCo2e
      totalWaterLiters
      imputedShare
    }
  }
`);

const OverviewQuery = graphql(`
  query Overview($period: PeriodInput!, $bucket: [EmissionsGroupBy!]!) {
    total: emissions(period: $period, timezone: "UTC") {
      total {
        ...OverviewFigures
      }
      scope2 {
        computedAt
        stale
      }
    }
    trend: emissions(period: $period, groupBy: $bucket, timezone: "UTC") {
      groups {
        key {
          month
          week
          day
        }
        figures {
          runCount
          operationalCarbonKgCo2e
          embodiedCarbonKgCo2e
        }
      }
    }
    byZone: emissions(period: $period, groupBy: [GRID_ZONE]) {
      groups {
        ...Breakdown
      }
    }
    byGpu: emissions(period: $period, groupBy: [GPU_MODEL]) {
      groups {
        ...Breakdown
      }
    }
    byModel: emissions(period: $period, groupBy: [BASE_MODEL]) {
      groups {
        ...Breakdown
      }
    }
    byChain: emissions(period: $period, groupBy: [CHAIN]) {
      groups {
        ...Breakdown
      }
    }
  }
`);

const buckets: TrendBucket[] = ["MONTH", "WEEK", "DAY"];

type Dimension = "gridZone" | "gpuModel" | "baseModel" | "chainId";

const breakdowns: {
  alias: "byZone" | "byGpu" | "byModel" | "byChain";
  dim: Dimension;
  title: string;
}[] = [
  { alias: "byZone", dim: "gridZone", title: "By grid zone" },
  { alias: "byGpu", dim: "gpuModel", title: "By GPU model" },
  { alias: "byModel", dim: "baseModel", title: "By base model" },
  { alias: "byChain", dim: "chainId", title: "By chain" },
];

function BreakdownTable({
  title,
  dim,
  groups,
  period,
}: {
  title: string;
  dim: Dimension;
  groups: BreakdownFragment[];
  period: Period;
}) {
  const id = `breakdown-${dim}`;
  return (
    <section className="breakdown" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <ScrollRegion labelledBy={id}>
        <table>
          <thead>
            <tr>
              <th scope="col">{title.replace("By ", "")}</th>
              <th scope="col">Runs</th>
              <th scope="col">Energy (kWh)</th>
              <th scope="col">Carbon (kgCO2e)</th>
              <th scope="col">Water (L)</th>
              <th scope="col">Imputed</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => {
              const key = g.key[dim];
              const href = `/runs?${runsSearch(period, key ? { [dim]: key } : {})}`;
              return (
                <tr key={key ?? "none"}>
                  <th scope="row">
                    <Link to={href}>
                      {key ?? (dim === "chainId" ? "outside a chain" : "unknown")}
                    </Link>
                  </th>
                  <td>{formatCount(g.figures.runCount)}</td>
                  <td>{formatQuantity(g.figures.energyKwh)}</td>
                  <td>{formatQuantity(g.figures.totalCarbonKgCo2e)}</td>
                  <td>{formatQuantity(g.figures.totalWaterLiters)}</td>
                  <td>{formatShare(g.figures.imputedShare)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

type TrendGroup = {
  key: { month?: string | null; week?: string | null; day?: string | null };
  figures: { runCount: number; operationalCarbonKgCo2e: number; embodiedCarbonKgCo2e: number };
};

function Trend({ groups, bucket }: { groups: TrendGroup[]; bucket: TrendBucket }) {
  const navigate = useNavigate();
  const rows = groups.map((g) => ({
    label: g.key.day ?? g.key.week ?? g.key.month ?? "",
    ...g.figures,
  }));
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis", valueFormatter: (v: number) => `${formatQuantity(v)} kgCO2e` },
      legend: { top: 0 },
      grid: { left: 64, right: 16, top: 40, bottom: 48 },
      xAxis: {
        type: "category",
        data: rows.map((r) => r.label),
        name: bucket.toLowerCase(),
        nameLocation: "middle",
        nameGap: 32,
      },
      yAxis: {
        type: "value",
        name: "kgCO2e",
        axisLabel: { formatter: (v: number) => formatQuantity(v) },
      },
      series: [
        {
          name: "Operational",
          type: "bar",
          stack: "carbon",
          data: rows.map((r) => r.operationalCarbonKgCo2e),
          itemStyle: { color: "#1b6e3c" },
        },
        {
          name: "Embodied",
          type: "bar",
          stack: "carbon",
          data: rows.map((r) => r.embodiedCarbonKgCo2e),
          itemStyle: { color: "#b35900" },
        },
      ],
    }),
    [rows, bucket],
  );
  if (rows.length === 0) return <Empty>No runs started in this period.</Empty>;
  return (
    <>
      <LazyChart
        caption={`Carbon per ${bucket.toLowerCase()} (kgCO2e), operational and embodied stacked`}
        label={`Stacked bar chart of operational and embodied carbon in kgCO2e per ${bucket.toLowerCase()}`}
        height="320px"
        option={option}
        onSelect={(i) => {
          const p = bucketPeriod(rows[i]?.label ?? "");
          if (p) navigate(`/runs?${runsSearch(p)}`);
        }}
      />
      <details>
        <summary>Trend as a table</summary>
        <ScrollRegion label="Trend data">
          <table>
            <thead>
              <tr>
                <th scope="col">{bucket.toLowerCase()}</th>
                <th scope="col">Runs</th>
                <th scope="col">Operational (kgCO2e)</th>
                <th scope="col">Embodied (kgCO2e)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const p = bucketPeriod(r.label);
                return (
                  <tr key={r.label}>
                    <th scope="row">
                      {p ? <Link to={`/runs?${runsSearch(p)}`}>{r.label}</Link> : r.label}
                    </th>
                    <td>{formatCount(r.runCount)}</td>
                    <td>{formatQuantity(r.operationalCarbonKgCo2e)}</td>
                    <td>{formatQuantity(r.embodiedCarbonKgCo2e)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </>
  );
}

function OverviewFor({ period, bucket }: { period: Period; bucket: TrendBucket }) {
  const variables = useMemo(
    () => ({
      period: { from: period.from, to: period.to },
      bucket: [bucket] as EmissionsGroupBy[],
    }),
    [period.from, period.to, bucket],
  );
  const [{ data, fetching, error }] = useQuery({ query: OverviewQuery, variables });
  if (error) return <ErrorState error={error} />;
  if (!data) return fetching ? <Loading what="figures" /> : null;
  const runsHref = `/runs?${runsSearch(period)}`;
  return (
    <>
      <Scope2Note scope2={data.total.scope2} />
      <FigureCards figures={data.total.total} runsHref={runsHref} />
      {data.total.total.runCount === 0 ? (
        <Empty>No runs started in this period. Choose another period above.</Empty>
      ) : (
        <>
          <section aria-labelledby="trend-title">
            <h2 id="trend-title">Trend</h2>
            <Trend groups={data.trend.groups} bucket={bucket} />
          </section>
          <section aria-labelledby="breakdowns-title">
            <h2 id="breakdowns-title">Breakdowns</h2>
            <div className="breakdowns">
              {breakdowns.map((b) => (
                <BreakdownTable
                  key={b.alias}
                  title={b.title}
                  dim={b.dim}
                  groups={data[b.alias].groups}
                  period={period}
                />
              ))}
            </div>
          </section>
        </>
      )}
    </>
  );
}

export default function Overview() {
  const [params, setParams] = useSearchParams();
  const latest = useLatestRun(params.has("period"));
  if (!params.has("period") && latest.fetching) return <Loading what="the latest run" />;
  const period = periodFromSearch(params, latest.month);
  const chosen = params.get("bucket");
  const bucket = buckets.includes(chosen as TrendBucket)
    ? (chosen as TrendBucket)
    : defaultBucket(period.kind);
  const change = (search: Record<string, string>) => {
    const kept = params.get("bucket");
    setParams(kept ? { ...search, bucket: kept } : search);
  };
  return (
    <>
      <h1>Overview</h1>
      <div className="toolbar">
        <PeriodPicker period={period} onChange={(s) => change(s)} />
        <label>
          Trend by
          <select
            value={bucket}
            onChange={(e) => setParams({ ...period.search, bucket: e.target.value })}
          >
            {buckets.map((b) => (
              <option key={b} value={b}>
                {b.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
      </div>
      <OverviewFor period={period} bucket={bucket} />
    </>
  );
}
