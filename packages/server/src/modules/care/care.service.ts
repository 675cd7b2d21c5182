import type { Db } from '../../db/client.ts';

export function createCareService(deps: { db: Db; today?: () => string; now?: () => Date }) {
  void deps;
  return {};
}
export type CareService = ReturnType<typeof createCareService>;
