/**
 * Each rep's KPI counts in a period, computed in SQL over the rep's own scope (their territories' doctors, their
 * calls): the one source of every dashboard figure — the team dashboard lists them, the region view sums them
 * (`sumKpiCounts` in @keqing/domain), the rep home shows one.
 */
import type { KpiCounts } from '@keqing/domain';
import type { CallType } from '@keqing/shared';
import type { Db } from '../../db/client.ts';

export type RepKpiArgs = {
  repIds: string[];
  /** Inclusive days */
  from: string;
  to: string;
  /** Working days of the period up to today (the same for every rep) */
  workingDays: number;
  /** Today (overdue follow-ups, open warnings are as of today) */
  today: string;
  productId?: string;
  /** planning settings */
  countedTypes: CallType[];
  minObjectives: number;
  cycleWeeks: number;
  /** Grade order, best first (segmentation config) */
  gradeOrder: string[];
};

/** KPI counts per rep id (every asked rep is present, with zeros when they did nothing). */
export async function findRepKpiCounts(db: Db, args: RepKpiArgs): Promise<Map<string, KpiCounts>> {
  void db;
  void args;
  return new Map(); // implemented with the team dashboard
}
