import { lazy, Suspense } from "react";
import type { ChartProps } from "./Chart";

const Chart = lazy(() => import("./Chart"));

/** A chart in a figure with its caption; the chart library loads on first use. */
export function LazyChart({ caption, ...props }: ChartProps & { caption: string }) {
  return (
    <figure className="chart-figure">
      <figcaption>{caption}</figcaption>
      <Suspense fallback={<div style={{ height: props.height }} aria-hidden="true" />}>
        <Chart {...props} />
      </Suspense>
    </figure>
  );
}
