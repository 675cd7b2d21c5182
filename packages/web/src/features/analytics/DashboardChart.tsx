import { useEffect, useRef } from 'react';
import { init, use, type ComposeOption, type ECElementEvent } from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkAreaComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the dashboards draw (bars, lines, the norm band), so the bundle stays small.
use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkAreaComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

/** Which bar or point was clicked: the series' index and the category's. */
export type ChartClick = { seriesIndex: number; dataIndex: number };

/**
 * One dashboard chart. Loaded lazily by the pages, so ECharts never weighs on a first paint; a click on a bar
 * or point is handed to `onClick` (the pages open the drill-down list it counts).
 */
export default function DashboardChart({
  option,
  onClick,
  height = 260,
  testId,
}: {
  option: ChartOption;
  onClick?: (click: ChartClick) => void;
  height?: number;
  testId?: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const chart = init(node, undefined, { renderer: 'canvas' });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(node);
    chart.setOption(option);
    chart.on('click', (e: ECElementEvent) => {
      if (e.componentType === 'series' && typeof e.dataIndex === 'number')
        clickRef.current?.({ seriesIndex: e.seriesIndex ?? 0, dataIndex: e.dataIndex });
    });
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);

  return (
    <div
      ref={element}
      className="kq-chart"
      style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }}
      data-testid={testId}
    />
  );
}
