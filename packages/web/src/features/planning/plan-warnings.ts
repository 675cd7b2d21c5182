import type { PlanWarning } from '@keqing/shared';

/**
 * The warnings worth a message after a planned call was moved (dragged or 移到…): its new slot (outside the
 * doctor's clinic half-days, a non-working day) and the load of the days it left and joined (below / above the
 * calls per day). fewObjectives is left out: every generated call starts without objectives, so it would
 * follow every move; the call drawer shows it where the objectives are written.
 */
export function moveWarnings(warnings: readonly PlanWarning[], plannedCallId: string): PlanWarning[] {
  return warnings.filter(
    (w) => w.code !== 'fewObjectives' && (w.plannedCallId === undefined || w.plannedCallId === plannedCallId),
  );
}
