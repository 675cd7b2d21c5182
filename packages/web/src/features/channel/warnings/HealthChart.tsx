import { useEffect, useRef } from 'react';
import { init, use, type ComposeOption } from 'echarts/core';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<
  LineSeriesOption | GridComponentOption | MarkLineComponentOption | TooltipComponentOption
>;

/**
 * 健康度趋势: the monthly score 0–100 of one distributor. Loaded lazily (only where a trend is shown), so
 * ECharts never weighs on the board's first paint.
 */
export default function HealthChart({
  points,
  label,
}: {
  points: { month: string; score: number }[];
  label: string;
}) {
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const chart = init(node, undefined, { renderer: 'canvas' });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(node);
    const option: Option = {
      grid: { left: 36, right: 16, top: 16, bottom: 28 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: points.map((p) => p.month), boundaryGap: false },
      yAxis: { type: 'value', min: 0, max: 100, interval: 20 },
      series: [
        {
          name: label,
          type: 'line',
          data: points.map((p) => p.score),
          symbolSize: 7,
          color: '#1677ff',
          areaStyle: { opacity: 0.08 },
          markLine: {
            silent: true,
            symbol: 'none',
            data: [{ yAxis: 60 }],
            lineStyle: { color: '#ff4d4f', type: 'dashed' },
            label: { show: false },
          },
        },
      ],
    };
    chart.setOption(option);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [points, label]);

  return <div ref={element} style={{ width: '100%', height: 220 }} data-testid="health-chart" />;
}
