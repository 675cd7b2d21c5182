/**
 * Pure rules of channel parties 渠道客户: licence expiry 证照到期, the ID-number mask, channel margins 渠道利润 ours vs
 * the competitor's, terminal visit intervals 终端拜访间隔 and yearly attrition 流失率 (no I/O).
 */
import { addDays } from '../time/china-date.ts';

/** 经销商/商业公司 distributor, 药店 pharmacy, 诊所 clinic */
export const channelCustomerKinds = ['distributor', 'pharmacy', 'clinic'] as const;
export type ChannelCustomerKind = (typeof channelCustomerKinds)[number];

/** 一级/总经销 primary, 二级分销 secondary, 终端 terminal */
export const distributorTiers = ['primary', 'secondary', 'terminal'] as const;
export type DistributorTier = (typeof distributorTiers)[number];

/** Terminal tier of pharmacies and clinics: 重点 key, 次重点 secondary, 非重点 other */
export const terminalTiers = ['key', 'secondary', 'other'] as const;
export type TerminalTier = (typeof terminalTiers)[number];

/** 指定 designated, 暂停 suspended, 流失 lost */
export const channelCustomerStatuses = ['designated', 'suspended', 'lost'] as const;
export type ChannelCustomerStatus = (typeof channelCustomerStatuses)[number];

/** 结款方式: 款到发货, 货到付款, 压批付款, 账期, 铺底, 代销, 月结, 周结 */
export const channelPaymentTerms = [
  'cashBeforeDelivery',
  'cashOnDelivery',
  'payOnNextBatch',
  'credit',
  'floorStock',
  'consignment',
  'monthly',
  'weekly',
] as const;
export type ChannelPaymentTerm = (typeof channelPaymentTerms)[number];

/** 证照: 药品经营许可证, GSP证书, 营业执照, 税务登记, 法人委托书, 被委托人身份证 */
export const licenceKinds = [
  'drugTrading',
  'gsp',
  'businessLicence',
  'taxRegistration',
  'powerOfAttorney',
  'agentIdCard',
] as const;
export type LicenceKind = (typeof licenceKinds)[number];

/** 负责人, 采购主管, 会计, 出纳, 库管, 业务员, 其他 */
export const channelContactRoles = [
  'owner',
  'purchasing',
  'accountant',
  'cashier',
  'warehouse',
  'sales',
  'other',
] as const;
export type ChannelContactRole = (typeof channelContactRoles)[number];

/** 层次营销: 主打 lead, 获利 profit, 形象 image */
export const channelTierRoles = ['lead', 'profit', 'image'] as const;
export type ChannelTierRole = (typeof channelTierRoles)[number];

/** 产品生命周期: 导入, 成长, 成熟, 衰退 */
export const lifecycleStages = ['introduction', 'growth', 'maturity', 'decline'] as const;
export type LifecycleStage = (typeof lifecycleStages)[number];

export const supplyContractStatuses = ['draft', 'active', 'expired', 'terminated'] as const;
export type SupplyContractStatus = (typeof supplyContractStatuses)[number];

/** 销量返利, 回款返利, 陈列, 其他 */
export const rebateKinds = ['volume', 'payment', 'display', 'other'] as const;
export type RebateKind = (typeof rebateKinds)[number];

/** 面访, 电话, 微信 */
export const channelVisitTypes = ['visit', 'phone', 'wechat'] as const;
export type ChannelVisitType = (typeof channelVisitTypes)[number];

const dayMs = 86_400_000;
const daysFrom = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

// ── Licences 证照 ─────────────────────────────────────────────────────────────

/** Licences are warned this many days before they expire (overridden by channel settings' licenceWarnDays). */
export const defaultLicenceWarnDays = 60;

export type LicenceExpiryState = 'expired' | 'expiring' | 'valid';

/**
 * expired: the last valid day is before today; expiring: it is within `warnDays` days from today (today
 * counts); valid otherwise, and for a licence without an end date (长期有效).
 */
export function licenceExpiryState(
  validUntil: string | null,
  today: string,
  warnDays: number = defaultLicenceWarnDays,
): LicenceExpiryState {
  if (!validUntil) return 'valid';
  const left = daysFrom(today, validUntil);
  if (left < 0) return 'expired';
  if (left <= warnDays) return 'expiring';
  return 'valid';
}

/** Days from today to the last valid day (negative once expired); null without an end date. */
export function licenceDaysLeft(validUntil: string | null, today: string): number | null {
  return validUntil ? daysFrom(today, validUntil) : null;
}

/**
 * 被委托人身份证 is personal data (PIPL): outside the covering line and compliance the number shows only its
 * last four characters, e.g. `**************1234`.
 */
export function maskIdNumber(value: string): string {
  if (value.length <= 4) return '*'.repeat(value.length);
  return '*'.repeat(value.length - 4) + value.slice(-4);
}

// ── Channel margins 渠道利润 ──────────────────────────────────────────────────

/** The five price levels of a product in the channel, in fen. */
export type ChannelPriceLevels = {
  /** 出厂价 */
  factory: number;
  /** 订货价: the distributor buys at */
  order: number;
  /** 经销价: the distributor sells to terminals at */
  distributor: number;
  /** 进价: the terminal buys at */
  purchase: number;
  /** 零售价 */
  retail: number;
};

export type ChannelMargin = {
  /** 经销商毛利率 (经销价 − 订货价) / 经销价, in percent (null when 经销价 is 0) */
  distributorPct: number | null;
  /** 终端毛利率 (零售价 − 进价) / 零售价, in percent (null when 零售价 is 0) */
  terminalPct: number | null;
};

const pct = (part: number, whole: number) =>
  whole > 0 ? Math.round(((part / whole) * 100 + Number.EPSILON) * 100) / 100 : null;

/** Distributor and terminal margins, rounded to 0.01 percent. */
export function channelMargin(prices: ChannelPriceLevels): ChannelMargin {
  return {
    distributorPct: pct(prices.distributor - prices.order, prices.distributor),
    terminalPct: pct(prices.retail - prices.purchase, prices.retail),
  };
}

export type ChannelMarginComparison = {
  ours: ChannelMargin;
  competitor: ChannelMargin | null;
  /** Our margin minus the competitor's, in percentage points (negative: the channel earns less on ours). */
  distributorGapPoints: number | null;
  terminalGapPoints: number | null;
};

const gap = (a: number | null, b: number | null | undefined) =>
  a === null || b === null || b === undefined ? null : Math.round((a - b) * 100) / 100;

/** Seed 003: the channel's profit on our product against the competing one — the metric you cannot ignore. */
export function compareChannelMargins(
  ours: ChannelPriceLevels,
  competitor: ChannelPriceLevels | null,
): ChannelMarginComparison {
  const o = channelMargin(ours);
  const c = competitor ? channelMargin(competitor) : null;
  return {
    ours: o,
    competitor: c,
    distributorGapPoints: gap(o.distributorPct, c?.distributorPct),
    terminalGapPoints: gap(o.terminalPct, c?.terminalPct),
  };
}

// ── Terminal visit intervals 终端拜访间隔 ─────────────────────────────────────

export type TerminalVisitDays = Record<TerminalTier, number>;

/** Seed 003: 重点 every 3–5 days, 次重点 7–10 days, 非重点 monthly — the longest gap allowed per tier. */
export const defaultTerminalVisitDays: TerminalVisitDays = { key: 5, secondary: 10, other: 30 };

export type TerminalVisitState = 'ok' | 'due' | 'overdue';

export type TerminalVisitStatus = {
  state: TerminalVisitState;
  /** Days since the last visit (null when never visited) */
  daysSince: number | null;
  /** The last day before the terminal is overdue (null when never visited: overdue now) */
  dueDate: string | null;
  intervalDays: number;
};

/**
 * overdue: never visited, or more than the tier's interval days since the last visit; due: within the last 30 %
 * of the interval (重点 5 → from day 3, 次重点 10 → from day 7, matching the seed's ranges); ok before that.
 */
export function terminalVisitStatus(
  lastVisit: string | null,
  tier: TerminalTier,
  today: string,
  days: TerminalVisitDays = defaultTerminalVisitDays,
): TerminalVisitStatus {
  const intervalDays = Math.max(1, Math.floor(days[tier]));
  if (!lastVisit) return { state: 'overdue', daysSince: null, dueDate: null, intervalDays };
  const daysSince = daysFrom(lastVisit, today);
  const dueFrom = intervalDays - Math.round(intervalDays * 0.3);
  const state: TerminalVisitState =
    daysSince > intervalDays ? 'overdue' : daysSince >= dueFrom ? 'due' : 'ok';
  return { state, daysSince, dueDate: addDays(lastVisit, intervalDays), intervalDays };
}

/** The state alone (see terminalVisitStatus). */
export function terminalVisitState(
  lastVisit: string | null,
  tier: TerminalTier,
  today: string,
  days: TerminalVisitDays = defaultTerminalVisitDays,
): TerminalVisitState {
  return terminalVisitStatus(lastVisit, tier, today, days).state;
}

// ── Attrition 流失率 ──────────────────────────────────────────────────────────

export type StatusEvent = { customerId: string; status: ChannelCustomerStatus; changedOn: string };

export type AttritionYear = {
  year: number;
  /** Customers designated (指定) on 1 January */
  designatedAtStart: number;
  /** Customers who moved to lost (流失) during the year and were not lost on 1 January */
  lostDuring: number;
  /** lostDuring / designatedAtStart in percent, 0.1 precision (null without customers at the start) */
  ratePct: number | null;
};

/**
 * Attrition per year from the status history. A customer's status on a day is its latest history row dated
 * before that day; a customer with no row before it did not exist yet (creation writes a 'designated' row).
 */
export function channelAttrition(events: readonly StatusEvent[], years: readonly number[]): AttritionYear[] {
  const byCustomer = new Map<string, StatusEvent[]>();
  for (const e of events) {
    const list = byCustomer.get(e.customerId) ?? [];
    list.push(e);
    byCustomer.set(e.customerId, list);
  }
  for (const list of byCustomer.values()) list.sort((a, b) => a.changedOn.localeCompare(b.changedOn));
  const statusBefore = (list: StatusEvent[], day: string) => {
    let status: ChannelCustomerStatus | null = null;
    for (const e of list) {
      if (e.changedOn >= day) break;
      status = e.status;
    }
    return status;
  };
  return years.map((year) => {
    const start = `${year}-01-01`;
    const next = `${year + 1}-01-01`;
    let designatedAtStart = 0;
    let lostDuring = 0;
    for (const list of byCustomer.values()) {
      const atStart = statusBefore(list, start);
      if (atStart === 'designated') designatedAtStart++;
      if (
        atStart !== 'lost' &&
        list.some((e) => e.status === 'lost' && e.changedOn >= start && e.changedOn < next)
      )
        lostDuring++;
    }
    const ratePct = designatedAtStart > 0 ? Math.round((lostDuring / designatedAtStart) * 1000) / 10 : null;
    return { year, designatedAtStart, lostDuring, ratePct };
  });
}
