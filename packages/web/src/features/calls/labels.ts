import type { TFunction } from 'i18next';
import {
  callSteps,
  callTypes,
  frequencyStates,
  objectiveOutcomes,
  type CallType,
  type ObjectiveOutcome,
} from '@keqing/shared';

export const callTypeOptions = (t: TFunction) =>
  callTypes.map((type) => ({ value: type, label: t(`calls.types.${type}`) }));

export const outcomeOptions = (t: TFunction) =>
  objectiveOutcomes.map((outcome) => ({ value: outcome, label: t(`calls.outcomes.${outcome}`) }));

export const stepLabel = (step: (typeof callSteps)[number], t: TFunction) => t(`calls.steps.${step}`);

export function callTypeLabel(type: CallType, t: TFunction): string {
  return t(`calls.types.${type}`);
}

export function outcomeLabel(outcome: string, t: TFunction): string {
  return (objectiveOutcomes as readonly string[]).includes(outcome)
    ? t(`calls.outcomes.${outcome as ObjectiveOutcome}`)
    : outcome;
}

export const outcomeColor: Record<ObjectiveOutcome, string> = {
  achieved: 'green',
  partly: 'gold',
  notAchieved: 'red',
};

export type FrequencyState = (typeof frequencyStates)[number];
export const frequencyStateColor: Record<FrequencyState, string> = {
  ok: 'green',
  due: 'orange',
  overdue: 'red',
  notTarget: 'default',
};

/** Chips for a call's length, so a phone needs no second time picker. */
export const durationChoices = [15, 30, 45, 60] as const;
