/**
 * 销售预测 (seed 004): "将销售预测按产品填入计划，计算总预计销量。如果预计量少于指标，应分析哪处可再提高" — the
 * forecast against the quota with its gap, and the rep's own goal, which must be at least the quota
 * (目标要大于指标). Warnings only: nothing is ever blocked.
 */
import { ratioPct } from '../analytics/kpis.ts';

export type ForecastWarning = 'forecastBelowQuota' | 'goalBelowQuota';

export type ForecastLine = {
  quota: number;
  forecast: number | null;
  goal: number | null;
  /** Σ quantities of step 3 (where to add) */
  additionsTotal: number;
};

export type ForecastFigures = {
  /** forecast − quota (negative: short of the quota); null without a forecast */
  gap: number | null;
  /** gap / quota, %; null without a quota or a forecast */
  gapPct: number | null;
  warnings: ForecastWarning[];
};

export function forecastFigures(line: ForecastLine): ForecastFigures {
  const warnings: ForecastWarning[] = [];
  const gap = line.forecast === null ? null : line.forecast - line.quota;
  if (gap !== null && gap < 0) warnings.push('forecastBelowQuota');
  if (line.goal !== null && line.goal < line.quota) warnings.push('goalBelowQuota');
  return { gap, gapPct: gap === null ? null : ratioPct(gap, line.quota), warnings };
}

/** The goal must be ≥ the quota; true when it is not (and there is a goal to check). */
export const goalBelowQuota = (goal: number | null | undefined, quota: number) =>
  goal !== null && goal !== undefined && goal < quota;

/** A month may be forecast when it is the current month or later (YYYY-MM compare as strings). */
export const mayForecast = (month: string, today: string) => month >= today.slice(0, 7);

/** A month's actual may be entered once the month has started (not a future month). */
export const mayEnterActual = (month: string, today: string) => month <= today.slice(0, 7);

/** First and last day of a YYYY-MM month. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The month `offset` months from `month` (negative: earlier). */
export function shiftMonth(month: string, offset: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
