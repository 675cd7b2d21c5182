/**
 * 客户开发 channel prospects: the development phases (准备 → 实施 → 修正 → 评价), the moves between them, the
 * checklist of each phase with its advice, and whether a prospect is ready to become a channel customer (no I/O).
 */
import { licenceExpiryState, type LicenceKind } from '../channel/parties.ts';

/** 经销商/商业公司 distributor, 药店 pharmacy, 诊所 clinic */
export const prospectKinds = ['distributor', 'pharmacy', 'clinic'] as const;
export type ProspectKind = (typeof prospectKinds)[number];

/** How the prospect was found: 转介绍 referral, 会议 meeting, 电话 phone, 信函 mail, 市场信息 marketInfo */
export const prospectSources = ['referral', 'meeting', 'phone', 'mail', 'marketInfo'] as const;
export type ProspectSource = (typeof prospectSources)[number];

/** 开发准备期 preparation → 实施操作期 execution → 修正改进期 revision → 结果评价期 evaluation */
export const prospectPhases = ['preparation', 'execution', 'revision', 'evaluation'] as const;
export type ProspectPhase = (typeof prospectPhases)[number];

/** open → converted (转化为渠道客户) | dropped (放弃) */
export const prospectStatuses = ['open', 'converted', 'dropped'] as const;
export type ProspectStatus = (typeof prospectStatuses)[number];

/** 资信调查 result */
export const creditCheckResults = ['pending', 'passed', 'failed'] as const;
export type CreditCheckResult = (typeof creditCheckResults)[number];

export type ProspectLicence = { kind: LicenceKind; number: string; validUntil: string | null };
export type ProspectQualification = {
  licences: ProspectLicence[];
  creditCheck: { result: CreditCheckResult; checkedOn?: string | null; note?: string | null };
};

// ── Phases ───────────────────────────────────────────────────────────────────

/**
 * Where a prospect may go from a phase: forward one phase; a revision may go back to execution (the adjusted
 * plan is tried again). Evaluation ends in conversion or drop, not in another phase.
 */
const phaseMoves: Record<ProspectPhase, readonly ProspectPhase[]> = {
  preparation: ['execution'],
  execution: ['revision'],
  revision: ['evaluation', 'execution'],
  evaluation: [],
};

export const nextPhasesOf = (from: ProspectPhase): readonly ProspectPhase[] => phaseMoves[from];

export const phaseMoveAllowed = (from: ProspectPhase, to: ProspectPhase): boolean =>
  phaseMoves[from].includes(to);

// ── Checklist per phase (seed 000 第三篇 市场开发的一般步骤) ──────────────────────

type Text = { 'zh-CN': string; en: string };
export type ProspectChecklistItem = { key: string; phase: ProspectPhase; label: Text; advice: Text };

export const prospectChecklist: readonly ProspectChecklistItem[] = [
  {
    key: 'customerProfile',
    phase: 'preparation',
    label: { 'zh-CN': '客户资料', en: 'Customer profile' },
    advice: {
      'zh-CN': '了解负责人、营业面积、员工人数、经营特点和销售状况；建立客户档案，收集三证一照。',
      en: 'Learn the owner, floor space, staff, business focus and sales; open a file and collect the licences.',
    },
  },
  {
    key: 'needsAnalysis',
    phase: 'preparation',
    label: { 'zh-CN': '需求分析', en: 'Needs analysis' },
    advice: {
      'zh-CN': '分析客户的经营目录和缺口，找出我方产品能带来的收益（差价空间、返利、服务）。',
      en: "Study the customer's range and gaps; find what our products bring them (margin, rebates, service).",
    },
  },
  {
    key: 'visitPlan',
    phase: 'preparation',
    label: { 'zh-CN': '拜访计划', en: 'Visit plan' },
    advice: {
      'zh-CN': '确定拜访目的、开场白和要带的资料（名片、公司资质、产品资料、样品）。',
      en: 'Set the purpose, the opening and what to bring (cards, company papers, product literature, samples).',
    },
  },
  {
    key: 'visit',
    phase: 'execution',
    label: { 'zh-CN': '拜访', en: 'Visit' },
    advice: {
      'zh-CN': '介绍本人及公司，推介产品的功效特点和市场优势，留下经营目录和产品资料。',
      en: 'Introduce yourself and the company, present the product and its edge, leave the catalogue.',
    },
  },
  {
    key: 'negotiation',
    phase: 'execution',
    label: { 'zh-CN': '洽谈', en: 'Negotiation' },
    advice: {
      'zh-CN': '阐述销售政策（价格保护、供销价差、奖励、售后），商定结款方式和供货合同条款。',
      en: 'Explain the sales policy (price protection, margin, rewards, service); agree payment terms and the contract.',
    },
  },
  {
    key: 'adjustPlan',
    phase: 'revision',
    label: { 'zh-CN': '调整方案', en: 'Adjust the plan' },
    advice: {
      'zh-CN': '根据客户的顾虑调整方案：风险转移、服务保障或促销支持，再回到实施。',
      en: "Adjust to the customer's concerns: take over risks, add service or promotion support, then try again.",
    },
  },
  {
    key: 'resultReview',
    phase: 'evaluation',
    label: { 'zh-CN': '成效评估', en: 'Result review' },
    advice: {
      'zh-CN': '评估开发成效：资质齐全、资信合格则转为渠道客户并签订供货合同；否则说明原因放弃。',
      en: 'Review the result: with valid licences and a passed credit check convert and sign; otherwise drop with a reason.',
    },
  },
];

export const checklistOf = (phase: ProspectPhase): ProspectChecklistItem[] =>
  prospectChecklist.filter((i) => i.phase === phase);

// ── Conversion readiness ─────────────────────────────────────────────────────

/** What stops a conversion: not yet in evaluation, no valid licence, a distributor without a valid GSP, credit check not passed. */
export const conversionGaps = ['phase', 'licence', 'gspLicence', 'creditCheck'] as const;
export type ConversionGap = (typeof conversionGaps)[number];

/** A licence counts on `day` when it has a number and has not expired (no end date: 长期有效). */
const validOn = (l: ProspectLicence, day: string) =>
  l.number.trim() !== '' && licenceExpiryState(l.validUntil, day, 0) !== 'expired';

export function conversionReadiness(
  prospect: { kind: ProspectKind; phase: ProspectPhase; qualification: ProspectQualification },
  day: string,
): { ready: boolean; missing: ConversionGap[] } {
  const missing: ConversionGap[] = [];
  const valid = prospect.qualification.licences.filter((l) => validOn(l, day));
  if (prospect.phase !== 'evaluation') missing.push('phase');
  if (valid.length === 0) missing.push('licence');
  if (prospect.kind === 'distributor' && !valid.some((l) => l.kind === 'gsp')) missing.push('gspLicence');
  if (prospect.qualification.creditCheck.result !== 'passed') missing.push('creditCheck');
  return { ready: missing.length === 0, missing };
}

/** Reads the stored jsonb (possibly `{}` or partial) as a qualification. */
export function qualificationOf(stored: unknown): ProspectQualification {
  const o = (stored && typeof stored === 'object' ? stored : {}) as Partial<ProspectQualification>;
  const result = o.creditCheck?.result;
  return {
    licences: Array.isArray(o.licences) ? o.licences : [],
    creditCheck: {
      ...(o.creditCheck ?? {}),
      result: result && creditCheckResults.includes(result) ? result : 'pending',
    },
  };
}
