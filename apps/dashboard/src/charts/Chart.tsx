/**
 * One ECharts chart, tree-shaken (`echarts/core` + the charts and components used), drawn as
 * SVG. Loaded lazily (see LazyChart) so a page's figures never wait for the chart library.
 * The chart's `aria` description is on; callers also give a text label (figcaption).
 */
import { BarChart, HeatmapChart, LineChart } from "echarts/charts";
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import { type EChartsCoreOption, init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

use([
  BarChart,
  LineChart,
  HeatmapChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

export interface ChartProps {
  option: EChartsCoreOption;
  /** CSS height, e.g. "320px". */
  height: string;
  label: string;
  /** Called with the data index of a clicked item (e.g. to open the runs behind a bar). */
  onSelect?(dataIndex: number): void;
}

export default function Chart({ option, height, label, onSelect }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = init(element, undefined, { renderer: "svg" });
    chart.setOption({ aria: { enabled: true }, animation: false, ...option });
    chart.on("click", (item) => select.current?.(item.dataIndex));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} className="chart" style={{ height }} role="img" aria-label={label} />;
}
