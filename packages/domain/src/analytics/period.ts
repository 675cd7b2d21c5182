import { addDays } from '../time/china-date.ts';
import { cycleOf, workingDaysBetween, type CycleSettings } from '../planning/working-days.ts';

/** 统计区间: a planning cycle, a calendar month or quarter, or any range of days. */
export const periodKinds = ['cycle', 'month', 'quarter', 'custom'] as const;
export type PeriodKind = (typeof periodKinds)[number];

export type PeriodRequest =
  { kind: 'cycle' | 'month' | 'quarter'; date: string } | { kind: 'custom'; from: string; to: string };

/** Inclusive days; `label` is what a Chinese reader sees (2026-12, 2026 Q4, 2026-11-30 ~ 2026-12-27). */
export type Period = { kind: PeriodKind; from: string; to: string; label: string };

const pad = (n: number) => String(n).padStart(2, '0');
/** Last day of a month (month 1–12). */
function lastDayOf(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0));
  return `${year}-${pad(month)}-${pad(d.getUTCDate())}`;
}

/** The days a dashboard counts over. */
export function resolvePeriod(request: PeriodRequest, cycle: CycleSettings): Period {
  if (request.kind === 'custom') {
    if (request.to < request.from) throw new RangeError(`区间结束早于开始：${request.from} ~ ${request.to}`);
    return { kind: 'custom', from: request.from, to: request.to, label: `${request.from} ~ ${request.to}` };
  }
  const [y, m] = request.date.split('-').map(Number) as [number, number];
  switch (request.kind) {
    case 'cycle': {
      const c = cycleOf(request.date, cycle);
      return { kind: 'cycle', from: c.start, to: c.end, label: `${c.start} ~ ${c.end}` };
    }
    case 'month':
      return { kind: 'month', from: `${y}-${pad(m)}-01`, to: lastDayOf(y, m), label: `${y}-${pad(m)}` };
    case 'quarter': {
      const q = Math.floor((m - 1) / 3);
      return {
        kind: 'quarter',
        from: `${y}-${pad(q * 3 + 1)}-01`,
        to: lastDayOf(y, q * 3 + 3),
        label: `${y} Q${q + 1}`,
      };
    }
  }
}

/** The `count` periods of the same kind ending with `period` (oldest first), for trends. */
export function previousPeriods(period: Period, count: number, cycle: CycleSettings): Period[] {
  const out: Period[] = [period];
  while (out.length < count) {
    const first = out[0]!;
    const dayBefore = addDays(first.from, -1);
    if (first.kind === 'custom') {
      const days = Math.round((Date.parse(first.to) - Date.parse(first.from)) / 86_400_000);
      out.unshift(resolvePeriod({ kind: 'custom', from: addDays(dayBefore, -days), to: dayBefore }, cycle));
    } else out.unshift(resolvePeriod({ kind: first.kind, date: dayBefore }, cycle));
  }
  return out;
}

/** The YYYY-MM months a period touches (quotas are monthly). */
export function monthsOf(period: Pick<Period, 'from' | 'to'>): string[] {
  const months: string[] = [];
  let [y, m] = period.from.split('-').map(Number) as [number, number];
  const last = period.to.slice(0, 7);
  for (;;) {
    const month = `${y}-${pad(m)}`;
    months.push(month);
    if (month >= last) return months;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

/** Days of a period, both ends included. */
export function daysOf(period: Pick<Period, 'from' | 'to'>): number {
  return Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000) + 1;
}

/**
 * 工作日 of a period up to today (holidays out, 调休 Saturdays/Sundays in): a rep cannot be short of calls on
 * days still to come, so calls per working day of the running period divide by the days already worked.
 */
export function workingDaysUpTo(period: Pick<Period, 'from' | 'to'>, today: string): number {
  const last = period.to < today ? period.to : today;
  return period.from <= last ? workingDaysBetween(period.from, last).length : 0;
}

/**
 * 拜访频率 in a period: visits are set per 4-week cycle, so a period of any length asks for
 * visits × days / 28, rounded (half up), and at least one call from a doctor with any visits. For a cycle of
 * `weeks` weeks that is requiredCallsInCycle (visits × weeks / 4); a 30-day month asks 4 × 30 / 28 → 4 of an
 * A doctor, a 92-day quarter 13. findRepKpiCounts computes the same in SQL.
 */
export function requiredCallsInPeriod(visitsPer4Weeks: number, period: Pick<Period, 'from' | 'to'>): number {
  if (visitsPer4Weeks <= 0) return 0;
  return Math.max(1, Math.round((visitsPer4Weeks * daysOf(period)) / 28));
}
