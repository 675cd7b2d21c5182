import type { Db } from '../../db/client.ts';

export function createPlanningService(deps: { db: Db; today?: () => string; now?: () => Date }) {
  void deps;
  return {};
}
export type PlanningService = ReturnType<typeof createPlanningService>;
