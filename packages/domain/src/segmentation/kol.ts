import type { LocalizedText, SegmentationProblem } from './messages.ts';

/**
 * KOL 类型 (seed 004, KOL development) — what a key opinion leader brings: 学术领袖 influence 影响力,
 * 产品讲者 persuasion 说服力, 处方权威 decision power 决策权力. One doctor can be several.
 */
export type KolType = 'academicLeader' | 'productSpeaker' | 'prescribingAuthority';
const kolTypes: readonly KolType[] = ['academicLeader', 'productSpeaker', 'prescribingAuthority'];

export const kolTypeLabels: Record<KolType, { label: LocalizedText; strength: LocalizedText }> = {
  academicLeader: {
    label: { 'zh-CN': '学术领袖', en: 'Academic leader' },
    strength: { 'zh-CN': '影响力', en: 'Influence' },
  },
  productSpeaker: {
    label: { 'zh-CN': '产品讲者', en: 'Product speaker' },
    strength: { 'zh-CN': '说服力', en: 'Persuasion' },
  },
  prescribingAuthority: {
    label: { 'zh-CN': '处方权威', en: 'Prescribing authority' },
    strength: { 'zh-CN': '决策权力', en: 'Decision power' },
  },
};

/**
 * 政策角色 — a say in the policies that open a market: 进药 (the hospital's drug committee) and 医保目录
 * (reimbursement list). The seed ranks experts with such a say above others of equal standing.
 */
export type KolPolicyRole = 'drugListing' | 'insuranceFormulary';
const kolPolicyRoles: readonly KolPolicyRole[] = ['drugListing', 'insuranceFormulary'];
export const kolPolicyRoleLabels: Record<KolPolicyRole, LocalizedText> = {
  drugListing: { 'zh-CN': '进药', en: 'Drug listing' },
  insuranceFormulary: { 'zh-CN': '医保目录', en: 'Reimbursement list' },
};

/** KOL 开发步骤 — 定位 → 了解 → 接触 → 定期联系 → 锁定, one after the other. */
export type KolDevelopmentStep = 'locate' | 'understand' | 'contact' | 'regularContact' | 'lockIn';
export const kolDevelopmentSteps: readonly KolDevelopmentStep[] = [
  'locate',
  'understand',
  'contact',
  'regularContact',
  'lockIn',
];

/** Each step's label and the questions the seed asks at it, shown as a prompt on the KOL page. */
export const kolDevelopmentStepLabels: Record<
  KolDevelopmentStep,
  { label: LocalizedText; prompt: LocalizedText }
> = {
  locate: {
    label: { 'zh-CN': '定位', en: 'Locate' },
    prompt: {
      'zh-CN': '哪个产品？哪个科室？什么目的？',
      en: 'Which product? Which department? What purpose?',
    },
  },
  understand: {
    label: { 'zh-CN': '了解', en: 'Understand' },
    prompt: { 'zh-CN': '需求？爱好？倾向性？', en: 'Needs? Interests? Leanings?' },
  },
  contact: {
    label: { 'zh-CN': '接触', en: 'Contact' },
    prompt: {
      'zh-CN': '本人？朋友？家人？相关人员？',
      en: 'In person? Through friends, family or colleagues?',
    },
  },
  regularContact: {
    label: { 'zh-CN': '定期联系', en: 'Regular contact' },
    prompt: { 'zh-CN': '每周？每月？每季？', en: 'Weekly? Monthly? Quarterly?' },
  },
  lockIn: {
    label: { 'zh-CN': '锁定', en: 'Lock in' },
    prompt: { 'zh-CN': '讲者？处方？支持者？', en: 'Speaker? Prescriber? Supporter?' },
  },
};

/** The step to work towards next; `null` once locked in, where the work is keeping the relationship. */
export function nextDevelopmentStep(step: KolDevelopmentStep): KolDevelopmentStep | null {
  return kolDevelopmentSteps[kolDevelopmentSteps.indexOf(step) + 1] ?? null;
}

/** 联系频率 — how often a KOL is contacted once in regular contact. */
export type ContactCadence = 'weekly' | 'monthly' | 'quarterly';
const contactCadences: readonly ContactCadence[] = ['weekly', 'monthly', 'quarterly'];
export const contactCadenceLabels: Record<ContactCadence, LocalizedText> = {
  weekly: { 'zh-CN': '每周', en: 'Weekly' },
  monthly: { 'zh-CN': '每月', en: 'Monthly' },
  quarterly: { 'zh-CN': '每季', en: 'Quarterly' },
};

/**
 * 锁定角色 — what a locked-in KOL does for the product: 讲者 speaks, 处方 prescribes, 支持者 supports.
 * The seed's fourth option, 无条件朋友 ("unconditional friend"), is left out on purpose: it is not a
 * professional role, and the CRM records only professional ones.
 */
export type KolLockInRole = 'speaker' | 'prescriber' | 'supporter';
const kolLockInRoles: readonly KolLockInRole[] = ['speaker', 'prescriber', 'supporter'];
export const kolLockInRoleLabels: Record<KolLockInRole, LocalizedText> = {
  speaker: { 'zh-CN': '讲者', en: 'Speaker' },
  prescriber: { 'zh-CN': '处方', en: 'Prescriber' },
  supporter: { 'zh-CN': '支持者', en: 'Supporter' },
};

/** A doctor's KOL profile (KOL 档案). */
export type KolProfile = {
  types: KolType[];
  policyRoles: KolPolicyRole[];
  developmentStep: KolDevelopmentStep;
  contactCadence: ContactCadence | null;
  lockInRoles: KolLockInRole[];
};

function unknownValues<T>(values: readonly T[] | undefined, allowed: readonly T[], field: string) {
  return (values ?? []).some((v) => !allowed.includes(v))
    ? [{ key: 'kol.valueUnknown' as const, path: field, params: { field } }]
    : [];
}

export function validateKolProfile(profile: KolProfile): SegmentationProblem[] {
  const problems: SegmentationProblem[] = [];
  if (!profile.types || profile.types.length === 0) problems.push({ key: 'kol.typeRequired', path: 'types' });
  problems.push(
    ...unknownValues(profile.types, kolTypes, 'types'),
    ...unknownValues(profile.policyRoles, kolPolicyRoles, 'policyRoles'),
    ...unknownValues(profile.lockInRoles, kolLockInRoles, 'lockInRoles'),
  );
  const stepIndex = kolDevelopmentSteps.indexOf(profile.developmentStep);
  if (stepIndex === -1) {
    problems.push(...unknownValues([profile.developmentStep], kolDevelopmentSteps, 'developmentStep'));
  }
  if (profile.contactCadence != null && !contactCadences.includes(profile.contactCadence)) {
    problems.push(...unknownValues([profile.contactCadence], contactCadences, 'contactCadence'));
  }
  // "Regular contact" without a cadence can't be kept or checked for being overdue.
  if (stepIndex >= kolDevelopmentSteps.indexOf('regularContact') && profile.contactCadence == null) {
    problems.push({ key: 'kol.cadenceRequired', path: 'contactCadence' });
  }
  // A role is what the lock-in achieved; claiming one earlier would overstate the relationship.
  if ((profile.lockInRoles ?? []).length > 0 && profile.developmentStep !== 'lockIn') {
    problems.push({ key: 'kol.lockInBeforeStep', path: 'lockInRoles' });
  }
  return problems;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date 'YYYY-MM-DD' as a UTC midnight, so day arithmetic never meets a time zone. */
function parseDate(value: string): Date {
  const match = isoDate.exec(value);
  const date = match
    ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
    : undefined;
  if (!date || date.toISOString().slice(0, 10) !== value) throw new RangeError('kol.dateInvalid');
  return date;
}

function addMonthsClamped(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}

/**
 * The last day the next contact is still on time: a week later, or the same day of the next month / quarter
 * (the month's last day when it has no such day, so 31 Jan is due by 28 or 29 Feb).
 */
export function nextContactDue(lastContactDate: string, cadence: ContactCadence): string {
  const last = parseDate(lastContactDate);
  let due: Date;
  if (cadence === 'weekly') due = new Date(last.getTime() + 7 * 86_400_000);
  else if (cadence === 'monthly') due = addMonthsClamped(last, 1);
  else if (cadence === 'quarterly') due = addMonthsClamped(last, 3);
  else throw new RangeError('kol.valueUnknown');
  return due.toISOString().slice(0, 10);
}

/**
 * Whether a KOL is overdue for contact on `today` (China dates, 'YYYY-MM-DD'): today is past the due day.
 * Never contacted counts as overdue — the reminder is the point. Malformed dates throw a RangeError.
 */
export function isContactOverdue(
  lastContactDate: string | null,
  cadence: ContactCadence,
  today: string,
): boolean {
  const todayDate = parseDate(today);
  if (lastContactDate === null) return true;
  return todayDate.getTime() > parseDate(nextContactDue(lastContactDate, cadence)).getTime();
}
