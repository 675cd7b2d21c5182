import { useEffect, useRef } from 'react';
import { init, use, type ComposeOption } from 'echarts/core';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type MarkLineComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

export type ScorePoint = { date: string; status: number; potential: number; statusText: string };

/**
 * 评分历史: status (−4…+4) and potential over time as two lines on one axis. Loaded only with the scores tab,
 * so ECharts never weighs on the other pages.
 */
export default function ScoreChart({
  points,
  labels,
  potentialMax,
}: {
  points: ScorePoint[];
  labels: { status: string; potential: string };
  potentialMax: number;
}) {
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const chart = init(node, undefined, { renderer: 'canvas' });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(node);
    const option: Option = {
      grid: { left: 36, right: 16, top: 36, bottom: 28 },
      legend: { data: [labels.status, labels.potential], top: 0 },
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const list = Array.isArray(params) ? params : [params];
          const index = list[0]?.dataIndex ?? 0;
          const point = points[index];
          if (!point) return '';
          return `${point.date}<br/>${labels.status}：${point.statusText}<br/>${labels.potential}：${point.potential}`;
        },
      },
      xAxis: { type: 'category', data: points.map((p) => p.date), boundaryGap: false },
      yAxis: { type: 'value', min: -4, max: Math.max(4, potentialMax), interval: 1 },
      series: [
        {
          name: labels.status,
          type: 'line',
          step: 'end',
          data: points.map((p) => p.status),
          symbolSize: 7,
          color: '#1677ff',
          markLine: {
            silent: true,
            symbol: 'none',
            data: [{ yAxis: 0 }],
            lineStyle: { color: '#bfbfbf', type: 'dashed' },
            label: { show: false },
          },
        },
        {
          name: labels.potential,
          type: 'line',
          step: 'end',
          data: points.map((p) => p.potential),
          symbolSize: 7,
          color: '#fa8c16',
        },
      ],
    };
    chart.setOption(option);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [points, labels, potentialMax]);

  return <div ref={element} style={{ width: '100%', height: 240 }} data-testid="score-chart" />;
}
