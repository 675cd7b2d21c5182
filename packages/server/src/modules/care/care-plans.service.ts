import type { Db } from '../../db/client.ts';

/** Care actions, care plans with approval, annual totals and the compliance dashboard. */
export function createCarePlansService(deps: { db: Db; today?: () => string; now?: () => Date }) {
  void deps;
  return {};
}
export type CarePlansService = ReturnType<typeof createCarePlansService>;
