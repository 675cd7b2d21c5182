import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  adoptionStepLabels,
  contactChannelLabels,
  doctorTitles,
  genders,
  hospitalLevels,
  hospitalTypes,
  keyContactFunctions,
  personalityTypeSchema,
  prescriptionStatusLabels,
  relationshipStageLabels,
  type AdoptionStep,
  type ContactChannel,
  type LocalizedText,
  type PrescriptionStatus,
  type RelationshipStage,
} from '@keqing/shared';

type Locale = 'zh-CN' | 'en';

/** Picks the UI language's text of a label the shared package gives in both languages. */
export function useLocalized() {
  const { i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (text: LocalizedText | { 'zh-CN': string; en: string } | undefined) => (text ? text[locale] : '');
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** `+2`, `0`, `−3`: the sign always shown, as on the seed's scale. */
export function signed(value: number): string {
  if (value > 0) return `+${value}`;
  if (value < 0) return `−${Math.abs(value)}`;
  return '0';
}

export function statusLabel(status: number, pick: ReturnType<typeof useLocalized>): string {
  const label = prescriptionStatusLabels[status as PrescriptionStatus];
  return label ? `${signed(status)} ${pick(label)}` : signed(status);
}

export function adoptionLabel(
  step: number | null | undefined,
  pick: ReturnType<typeof useLocalized>,
): string {
  if (step === null || step === undefined) return '';
  const label = adoptionStepLabels[step as AdoptionStep];
  return label ? `${step} ${pick(label)}` : String(step);
}

export function stageLabel(stage: number | null | undefined, pick: ReturnType<typeof useLocalized>): string {
  if (stage === null || stage === undefined) return '';
  const label = relationshipStageLabels[stage as RelationshipStage];
  return label ? `${stage} ${pick(label)}` : String(stage);
}

// Values stored in Chinese (医院等级, 职称 …) are shown through the catalog, so English gets English.

export function levelLabel(value: string, t: TFunction): string {
  return isOneOf(hospitalLevels, value) ? t(`enums.level.${value}`) : value;
}
export function hospitalTypeLabel(value: string, t: TFunction): string {
  return isOneOf(hospitalTypes, value) ? t(`enums.hospitalType.${value}`) : value;
}
export function titleLabel(value: string | null, t: TFunction): string {
  if (!value) return '';
  return isOneOf(doctorTitles, value) ? t(`enums.title.${value}`) : value;
}
export function genderLabel(value: string | null, t: TFunction): string {
  if (!value) return '';
  return isOneOf(genders, value) ? t(`enums.gender.${value}`) : value;
}
export function functionLabel(value: string, t: TFunction): string {
  return isOneOf(keyContactFunctions, value) ? t(`enums.function.${value}`) : value;
}
export function personalityLabel(value: string | null, t: TFunction): string {
  if (!value) return '';
  const parsed = personalityTypeSchema.safeParse(value);
  return parsed.success ? t(`enums.personality.${parsed.data}`) : value;
}
export function channelLabel(value: ContactChannel | null, pick: ReturnType<typeof useLocalized>): string {
  return value ? pick(contactChannelLabels[value]) : '';
}

export const personalityOptions = (t: TFunction) =>
  personalityTypeSchema.options.map((p) => ({ value: p, label: t(`enums.personality.${p}`) }));
export const levelOptions = (t: TFunction) =>
  hospitalLevels.map((v) => ({ value: v, label: levelLabel(v, t) }));
export const hospitalTypeOptions = (t: TFunction) =>
  hospitalTypes.map((v) => ({ value: v, label: hospitalTypeLabel(v, t) }));
export const titleOptions = (t: TFunction) =>
  doctorTitles.map((v) => ({ value: v, label: titleLabel(v, t) }));
export const genderOptions = (t: TFunction) => genders.map((v) => ({ value: v, label: genderLabel(v, t) }));
export const functionOptions = (t: TFunction) =>
  keyContactFunctions.map((v) => ({ value: v, label: functionLabel(v, t) }));

/** Grade tag colours: A stands out, C recedes. */
export function gradeColor(grade: string | null | undefined): string {
  if (grade === 'A') return 'red';
  if (grade === 'B') return 'orange';
  if (grade === 'C') return 'blue';
  return 'default';
}
