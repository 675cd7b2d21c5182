import type { Db } from '../../db/client.ts';

/** Frequency attainment 拜访频率达成, the due/overdue list, the pre-call brief 访前准备 and planning reminders. */
export function createPlanningInsightsService(deps: { db: Db; today?: () => string; now?: () => Date }) {
  void deps;
  return {};
}
export type PlanningInsightsService = ReturnType<typeof createPlanningInsightsService>;
