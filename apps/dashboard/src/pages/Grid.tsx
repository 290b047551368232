/**
 * Grid: a zone's hourly life-cycle intensity over a month as a heatmap (hour of day x day, UTC)
 * and its cleanest and dirtiest hours (shared series).
 */
import type { ChangeEvent } from "react";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { useQuery } from "urql";
import { LazyChart } from "../charts/LazyChart";
import { Empty, ErrorState, Loading } from "../components/States";
import { formatInstant, formatQuantity, formatWithUnit } from "../format";
import { graphql } from "../generated";
import { useLatestRun } from "../latestRun";
import { periodFromSearch } from "../period";

const GridZonesQuery = graphql(`
  query GridZones {
    gridZones {
      id
      name
      annualIntensityGPerKwh
      annualIntensityYear
    }
  }
`);

const GridMonthQuery = graphql(`
  query GridMonth($zone: String!, $from: DateTime!, $to: DateTime!) {
    gridIntensity(zone: $zone, from: $from, to: $to, resolution: HOUR) {
      timeUtc
      lifecycleIntensityGPerKwh
    }
  }
`);

export interface HourPoint {
  timeUtc: string;
  lifecycleIntensityGPerKwh: number;
}

/** The `count` lowest and highest hours, and the hour of day (UTC) with the lowest mean. */
export function extremes(points: HourPoint[], count = 5) {
  const sorted = [...points].sort(
    (a, b) => a.lifecycleIntensityGPerKwh - b.lifecycleIntensityGPerKwh,
  );
  const sums = new Array<number>(24).fill(0);
  const counts = new Array<number>(24).fill(0);
  for (const p of points) {
    const h = new Date(p.timeUtc).getUTCHours();
    sums[h] = (sums[h] ?? 0) + p.lifecycleIntensityGPerKwh;
    counts[h] = (counts[h] ?? 0) + 1;
  }
  const means = sums.map((s, h) =>
    (counts[h] ?? 0) > 0 ? s / (counts[h] ?? 1) : Number.POSITIVE_INFINITY,
  );
  const cleanestHourOfDay = means.indexOf(Math.min(...means));
  return {
    cleanest: sorted.slice(0, count),
    dirtiest: sorted.slice(-count).reverse(),
    cleanestHourOfDay,
    cleanestHourOfDayMean: means[cleanestHourOfDay] ?? Number.NaN,
  };
}

function HourList({ title, points }: { title: string; points: HourPoint[] }) {
  return (
    <section className="hour-list" aria-label={title}>
      <h3>{title}</h3>
      <ol>
        {points.map((p) => (
          <li key={p.timeUtc}>
            {formatInstant(p.timeUtc)}: {formatWithUnit(p.lifecycleIntensityGPerKwh, "gCO2e/kWh")}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Heatmap({ zone, month }: { zone: string; month: string }) {
  const period = periodFromSearch(new URLSearchParams({ period: "month", month }), month);
  const [{ data, fetching, error }] = useQuery({
    query: GridMonthQuery,
    variables: { zone, from: period.from, to: period.to },
  });
  const points = data?.gridIntensity ?? [];
  const option = useMemo(() => {
    const values = points.map((p) => p.lifecycleIntensityGPerKwh);
    const days = Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000);
    return {
      tooltip: {
        formatter: (p: { value: [number, number, number] }) =>
          `day ${p.value[0]}, ${p.value[1]}:00 UTC: ${formatQuantity(p.value[2])} gCO2e/kWh`,
      },
      grid: { left: 72, right: 16, top: 16, bottom: 96 },
      xAxis: {
        type: "category",
        name: "day of month",
        nameLocation: "middle",
        nameGap: 28,
        data: Array.from({ length: days }, (_, i) => String(i + 1)),
      },
      yAxis: {
        type: "category",
        name: "hour (UTC)",
        nameLocation: "middle",
        nameGap: 40,
        data: Array.from({ length: 24 }, (_, h) => String(h)),
      },
      visualMap: {
        min: Math.min(...values),
        max: Math.max(...values),
        calculable: true,
        orient: "horizontal",
        left: "center",
        bottom: 0,
        text: ["gCO2e/kWh (high)", "low"],
        inRange: { color: ["#1b6e3c", "#f2e6a0", "#8a2b0e"] },
      },
      series: [
        {
          name: "Life-cycle intensity (gCO2e/kWh)",
          type: "heatmap",
          data: points.map((p) => {
            const d = new Date(p.timeUtc);
            return [String(d.getUTCDate()), String(d.getUTCHours()), p.lifecycleIntensityGPerKwh];
          }),
        },
      ],
    };
  }, [points, period.from, period.to]);
  if (error) return <ErrorState error={error} />;
  if (!data) return fetching ? <Loading what="grid intensity" /> : null;
  if (points.length === 0)
    return (
      <Empty>
        No hourly intensity for {zone} in {month}.
      </Empty>
    );
  const x = extremes(points);
  return (
    <>
      <LazyChart
        caption={`${zone}, ${month}: hourly life-cycle grid carbon intensity (gCO2e/kWh), hour of day (UTC) by day`}
        label={`Heatmap of hourly grid intensity in gCO2e/kWh for ${zone} in ${month}`}
        height="520px"
        option={option}
      />
      <p data-testid="cleanest-hour-of-day">
        Cleanest hour of day on average: {x.cleanestHourOfDay}:00 UTC (
        {formatWithUnit(x.cleanestHourOfDayMean, "gCO2e/kWh")}).
      </p>
      <div className="hour-lists">
        <HourList title="Cleanest hours" points={x.cleanest} />
        <HourList title="Dirtiest hours" points={x.dirtiest} />
      </div>
    </>
  );
}

export default function Grid() {
  const [params, setParams] = useSearchParams();
  const [{ data: zones, error }] = useQuery({ query: GridZonesQuery });
  const latest = useLatestRun(params.has("zone") && params.has("month"));
  const zone = params.get("zone") ?? latest.zone ?? zones?.gridZones[0]?.id ?? "";
  const month = params.get("month") ?? latest.month;
  const set = (key: string) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    if (e.target.value) setParams({ zone, month, [key]: e.target.value });
  };
  const info = zones?.gridZones.find((z) => z.id === zone);
  return (
    <>
      <h1>Grid intensity</h1>
      {error && <ErrorState error={error} />}
      <div className="toolbar">
        <label>
          Zone
          <select value={zone} onChange={set("zone")}>
            {(zones?.gridZones ?? [{ id: zone, name: zone }]).map((z) => (
              <option key={z.id} value={z.id}>
                {z.id} ({z.name})
              </option>
            ))}
          </select>
        </label>
        <label>
          Month
          <input type="month" value={month} onChange={set("month")} />
        </label>
      </div>
      {info?.annualIntensityGPerKwh != null && (
        <p>
          Annual average {formatWithUnit(info.annualIntensityGPerKwh, "gCO2e/kWh")} (
          {info.annualIntensityYear}).
        </p>
      )}
      {zone && !latest.fetching && <Heatmap zone={zone} month={month} />}
    </>
  );
}
