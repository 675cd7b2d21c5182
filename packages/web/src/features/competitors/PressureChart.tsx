import { useEffect, useRef } from 'react';
import { init, use, type ComposeOption } from 'echarts/core';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  type GridComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption>;

/** 竞品压力 over the months: a small line (0–100). Loaded lazily, so echarts stays out of the main bundle. */
export default function PressureChart({
  months,
  scores,
  name,
  height = 120,
}: {
  months: string[];
  scores: number[];
  name: string;
  height?: number;
}) {
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const chart = init(node, undefined, { renderer: 'canvas' });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(node);
    const option: Option = {
      grid: { left: 32, right: 8, top: 12, bottom: 24 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: months.map((m) => m.slice(2)) },
      yAxis: { type: 'value', min: 0, max: 100, splitNumber: 2 },
      series: [
        { name, type: 'line', data: scores, smooth: true, color: '#cf1322', areaStyle: { opacity: 0.1 } },
      ],
    };
    chart.setOption(option);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [months, scores, name]);

  return <div ref={element} style={{ width: '100%', height }} data-testid="competitor-pressure-chart" />;
}
