import type { Db } from '../../db/client.ts';

export function createCallsService(deps: { db: Db; today?: () => string; now?: () => Date }) {
  void deps;
  return {};
}
export type CallsService = ReturnType<typeof createCallsService>;
