import { daysBetween } from '../planning/frequency.ts';
import { mainPath, stageRank, type PipelineStage } from './stages.ts';

/** No activity for this many days marks a stage stalled (停滞). */
export const defaultStalledAfterDays = 30;

/**
 * Days a pipeline has been without activity if it counts as stalled, else null. A closed pipeline, one in 稳定使用
 * (the goal) or 未通过 (nothing to drive until a new application) never stalls.
 */
export function stalledDays(
  p: { stage: PipelineStage; closed: boolean; lastActivityDate: string },
  today: string,
  threshold = defaultStalledAfterDays,
): number | null {
  if (p.closed || p.stage === 'stableUse' || p.stage === 'rejected') return null;
  const days = daysBetween(p.lastActivityDate, today);
  return days >= threshold ? days : null;
}

export type PipelineEventLike = { toStage: PipelineStage; date: string };
export type PipelineHistory = { stage: PipelineStage; events: PipelineEventLike[] };

export type StageConversion = {
  stage: PipelineStage;
  /** Pipelines that reached the stage (or passed it by a skip) */
  reached: number;
  /** Of those, how many went on to the following stage */
  advanced: number;
  /** advanced / reached, null when none reached it */
  rate: number | null;
};

/** The furthest main-path rank a pipeline ever reached (a rejection counts as reaching the committee). */
function furthestRank(p: PipelineHistory): number {
  return Math.max(stageRank(p.stage), ...p.events.map((e) => stageRank(e.toStage)));
}

/** 转化率: per stage of the main path (but the last), how many reached it and how many went on. */
export function stageConversion(pipelines: PipelineHistory[]): StageConversion[] {
  const furthest = pipelines.map(furthestRank);
  return mainPath.slice(0, -1).map((stage, rank) => {
    const reached = furthest.filter((f) => f >= rank).length;
    const advanced = furthest.filter((f) => f >= rank + 1).length;
    return { stage, reached, advanced, rate: reached ? advanced / reached : null };
  });
}

export type TimeInStage = {
  stage: PipelineStage;
  /** Completed stays in the stage */
  count: number;
  averageDays: number | null;
  medianDays: number | null;
};

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * 停留时长: how long pipelines stayed in each stage, from consecutive events (a stay ends at the next move). The
 * current, unfinished stay is not counted: it would pull the figures towards today.
 */
export function timeInStage(pipelines: PipelineHistory[]): TimeInStage[] {
  const stays = new Map<PipelineStage, number[]>();
  for (const p of pipelines) {
    const events = [...p.events].sort((a, b) => a.date.localeCompare(b.date));
    for (let i = 0; i + 1 < events.length; i++) {
      const list = stays.get(events[i]!.toStage) ?? [];
      list.push(daysBetween(events[i]!.date, events[i + 1]!.date));
      stays.set(events[i]!.toStage, list);
    }
  }
  const stages: PipelineStage[] = [...mainPath.slice(0, 4), 'rejected', ...mainPath.slice(4)];
  return stages.map((stage) => {
    const days = stays.get(stage) ?? [];
    return {
      stage,
      count: days.length,
      averageDays: days.length ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10 : null,
      medianDays: median(days),
    };
  });
}
