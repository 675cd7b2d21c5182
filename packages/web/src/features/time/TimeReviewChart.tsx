import { useEffect, useRef } from 'react';
import { init, use, type ComposeOption } from 'echarts/core';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** 计划 vs 实际: minutes per activity of a week as paired bars. Loaded lazily with the review page's chart. */
export default function TimeReviewChart({
  categories,
  planned,
  actual,
  labels,
}: {
  categories: string[];
  planned: number[];
  actual: number[];
  labels: { planned: string; actual: string };
}) {
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const chart = init(node, undefined, { renderer: 'canvas' });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(node);
    const option: Option = {
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      xAxis: { type: 'category', data: categories },
      yAxis: { type: 'value', minInterval: 15 },
      series: [
        { name: labels.planned, type: 'bar', data: planned, color: '#91caff' },
        { name: labels.actual, type: 'bar', data: actual, color: '#1677ff' },
      ],
    };
    chart.setOption(option);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [categories, planned, actual, labels]);

  return <div ref={element} style={{ width: '100%', height: 280 }} data-testid="time-review-chart" />;
}
