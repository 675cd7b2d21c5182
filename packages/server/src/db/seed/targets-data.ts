/**
 * 指标 for the demo (seed 004: 指标细分到月, 明确责任者, 目标要大于指标): for every rep and each product carried in
 * the rep's territories a quota for the last six months, the current month and the next two, sized from the units
 * the committed flow 流向 attributes to the rep — a flow row of a hospital or buyer customer in a territory that
 * carries the product, on a day the rep covered it — so attainment spreads about 70–125 %, a few reps clearly
 * below. A past month without flow for the rep × product gets a hand-entered actual (manual_sales) instead. Team
 * quota = the sum of its reps' quotas, plus a little left unallocated this month. A few quotas are broken down to
 * two or three target hospitals. Forecasts (with the rep's own goal, where to add and a promotion plan) for this
 * month and the next for most reps; rep01 forecasts one product below its quota: the gap the demo shows.
 */
import { shiftMonth } from '@keqing/domain';
import type { manualSales, repQuotas, salesForecasts, teamQuotas } from '../schema.ts';
import type { DemoRows } from './generate.ts';
import type { Random } from './random.ts';

export type TargetsRows = {
  teamQuotas: (typeof teamQuotas.$inferInsert)[];
  repQuotas: (typeof repQuotas.$inferInsert)[];
  salesForecasts: (typeof salesForecasts.$inferInsert)[];
  manualSales: (typeof manualSales.$inferInsert)[];
};

export const emptyTargetsRows = (): TargetsRows => ({
  teamQuotas: [],
  repQuotas: [],
  salesForecasts: [],
  manualSales: [],
});

type BaseRows = Omit<DemoRows, keyof TargetsRows>;

/** Complete months with quotas before the current one, and months planned ahead of it. */
export const QUOTA_PAST_MONTHS = 6;
export const QUOTA_AHEAD_MONTHS = 2;
/** Reps whose attainment runs clearly below the rest (never rep01, whose story is the forecast gap). */
const LOW_REPS_PER_30 = 4;

/** The quota months for a day, oldest first: six past, the current and two ahead. */
export function quotaMonths(today: string): string[] {
  const current = today.slice(0, 7);
  return Array.from({ length: QUOTA_PAST_MONTHS + 1 + QUOTA_AHEAD_MONTHS }, (_, k) =>
    shiftMonth(current, k - QUOTA_PAST_MONTHS),
  );
}

const pad2 = (n: number) => String(n).padStart(2, '0');
/** A quota people would write: tens above 200 units, fives below, never zero. */
function roundQuota(units: number): number {
  const step = units >= 200 ? 10 : 5;
  return Math.max(step, Math.round(units / step) * step);
}

const promotionPlans = [
  '本月在心内科开一场科室会，重点讲解长期用药获益；跟进两位新处方医生的用药反馈。',
  '联合经销商做一次药房店员培训，陈列位调整到收银台旁；对A级医生加拜一次。',
  '邀请科主任参加区域学术沙龙，会后安排病例分享；药剂科同步沟通备货量。',
  '针对下降明显的医院做一次原因分析，安排经理协访，并申请小型科室会支持。',
  '新进科室做产品介绍会，整理常见疑问的答复资料；每周复盘处方医生数量。',
];
const additionNotes = [
  '新开发科室，预计月底开始处方',
  '科主任已同意试用，跟进首批处方',
  '药剂科增加备货',
  '门诊量回升，加强拜访频率',
  '学术会议后新增处方医生',
];

export function generateTargetsData(rows: BaseRows, rng: Random, options: { today: string }): TargetsRows {
  const out = emptyTargetsRows();
  const { today } = options;
  const months = quotaMonths(today);
  const current = today.slice(0, 7);
  const past = months.filter((m) => m < current);
  const ahead = months.filter((m) => m >= current);
  const adminId = rows.users.find((u) => u.role === 'admin')?.id;
  const managerOf = new Map(rows.teams.map((t) => [t.id as string, t.managerId ?? adminId ?? null]));

  // ── who carries what: the products of the territories each rep covers now ──
  const territoryById = new Map(rows.territories.map((t) => [t.id as string, t]));
  const carried = new Map<string, Set<string>>(); // rep → products
  const territoriesOf = new Map<string, string[]>(); // rep → current territories
  for (const a of rows.territoryAssignments) {
    if (a.endDate) continue;
    const t = territoryById.get(a.territoryId);
    if (!t) continue;
    const set = carried.get(a.userId) ?? new Set<string>();
    for (const p of t.productIds ?? []) set.add(p);
    carried.set(a.userId, set);
    territoriesOf.set(a.userId, [...(territoriesOf.get(a.userId) ?? []), a.territoryId]);
  }
  const hospitalsOfTerritory = new Map<string, string[]>();
  for (const th of rows.territoryHospitals) {
    hospitalsOfTerritory.set(th.territoryId, [
      ...(hospitalsOfTerritory.get(th.territoryId) ?? []),
      th.hospitalId,
    ]);
  }

  // ── actual units from the committed flow, attributed as the sales figures read them ──
  const byHospital = new Map<string, string[]>();
  for (const th of rows.territoryHospitals) {
    byHospital.set(th.hospitalId, [...(byHospital.get(th.hospitalId) ?? []), th.territoryId]);
  }
  const byCustomer = new Map<string, string[]>();
  for (const tc of rows.territoryChannelCustomers) {
    byCustomer.set(tc.channelCustomerId, [...(byCustomer.get(tc.channelCustomerId) ?? []), tc.territoryId]);
  }
  const assignmentsOf = new Map<string, (typeof rows.territoryAssignments)[number][]>();
  for (const a of rows.territoryAssignments) {
    assignmentsOf.set(a.territoryId, [...(assignmentsOf.get(a.territoryId) ?? []), a]);
  }
  const committed = new Set(rows.flowImports.filter((i) => i.status === 'committed').map((i) => i.id));
  const firstPast = past[0] ?? current;
  const actual = new Map<string, number>(); // rep|product|month → units
  const hospitalUnits = new Map<string, Map<string, number>>(); // rep|product → hospital → units
  for (const f of rows.flowRows) {
    if (!f.productId || !committed.has(f.importId)) continue;
    const month = f.saleDate.slice(0, 7);
    if (month < firstPast || month >= current) continue;
    const territoryIds = f.hospitalId
      ? (byHospital.get(f.hospitalId) ?? [])
      : f.buyerCustomerId
        ? (byCustomer.get(f.buyerCustomerId) ?? [])
        : [];
    const counted = new Set<string>(); // once per rep, however many of the rep's territories hold the buyer
    for (const territoryId of territoryIds) {
      if (!(territoryById.get(territoryId)?.productIds ?? []).includes(f.productId)) continue;
      for (const a of assignmentsOf.get(territoryId) ?? []) {
        if (a.startDate > f.saleDate || (a.endDate && a.endDate < f.saleDate)) continue;
        if (counted.has(a.userId)) continue;
        counted.add(a.userId);
        const key = `${a.userId}|${f.productId}|${month}`;
        actual.set(key, (actual.get(key) ?? 0) + f.quantity);
        if (f.hospitalId) {
          const rp = `${a.userId}|${f.productId}`;
          const perHospital = hospitalUnits.get(rp) ?? new Map<string, number>();
          perHospital.set(f.hospitalId, (perHospital.get(f.hospitalId) ?? 0) + f.quantity);
          hospitalUnits.set(rp, perHospital);
        }
      }
    }
  }

  // A product's typical month per rep, for a rep × product the flow never reached.
  const productTypical = new Map<string, number>();
  for (const p of rows.products) {
    const values = [...actual.entries()].filter(([k]) => k.split('|')[1] === p.id).map(([, v]) => v);
    productTypical.set(
      p.id as string,
      values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : 300,
    );
  }

  const reps = rows.users.filter((u) => u.role === 'rep' && u.teamId && carried.has(u.id as string));
  const lowCount = Math.round((reps.length * LOW_REPS_PER_30) / 30);
  const low = new Set(
    rng
      .shuffle(reps.filter((r) => r.username !== 'rep01'))
      .slice(0, lowCount)
      .map((r) => r.id as string),
  );
  const teamSums = new Map<string, number>(); // team|product|month → units
  const quotaOf = new Map<string, number>(); // rep|product|month → units
  /** A time on that day of the month, never after today (set-up happens before it is read). */
  const stamp = (month: string, day: number) => {
    const date = `${month}-${pad2(day)}`;
    return `${date < today ? date : today}T09:30:00+08:00`;
  };

  for (const rep of reps) {
    const repId = rep.id as string;
    const teamId = rep.teamId as string;
    const r = rng.fork(rep.username);
    const level = low.has(repId) ? 0.55 + r.next() * 0.11 : 0.74 + r.next() * 0.46;
    const products = rows.products.map((p) => p.id as string).filter((p) => carried.get(repId)?.has(p));
    for (const productId of products) {
      // actual per past month: flow where it reaches the rep, else a hand-entered figure
      const flowMonths = past.filter((m) => (actual.get(`${repId}|${productId}|${m}`) ?? 0) > 0);
      const flowMean =
        flowMonths.length > 0
          ? flowMonths.reduce((s, m) => s + (actual.get(`${repId}|${productId}|${m}`) ?? 0), 0) /
            flowMonths.length
          : (productTypical.get(productId) ?? 300) * (0.6 + r.next() * 0.6);
      const actualOf = new Map<string, number>();
      for (const m of past) {
        const fromFlow = actual.get(`${repId}|${productId}|${m}`) ?? 0;
        if (fromFlow > 0) {
          actualOf.set(m, fromFlow);
          continue;
        }
        const quantity = Math.max(1, Math.round(flowMean * (0.85 + r.next() * 0.25)));
        actualOf.set(m, quantity);
        out.manualSales.push({
          id: r.uuid(),
          repId,
          month: m,
          productId,
          quantity,
          note: r.pick([
            '无流向数据，按经销商出库单手工录入',
            '终端未上报流向，按医院入库单录入',
            '经销商对账确认',
          ]),
          enteredBy: repId,
          createdAt: stamp(shiftMonth(m, 1), 3),
          updatedAt: stamp(shiftMonth(m, 1), 3),
        });
      }
      const mean = past.reduce((s, m) => s + (actualOf.get(m) ?? 0), 0) / Math.max(1, past.length);
      const quotas = new Map<string, number>();
      for (const m of past) {
        // smoothed: a quota is set ahead from the trend, not from the month's own outcome
        const basis = 0.6 * (actualOf.get(m) ?? 0) + 0.4 * mean;
        quotas.set(m, roundQuota(basis / (level * (0.94 + r.next() * 0.12))));
      }
      const recent = past.slice(-3).map((m) => quotas.get(m) ?? 0);
      let base = recent.length > 0 ? recent.reduce((s, v) => s + v, 0) / recent.length : mean;
      for (const m of ahead) {
        base *= 1.02 + r.next() * 0.05; // a little more each month: 挑战更高指标
        quotas.set(m, roundQuota(base));
      }
      // the current month has no flow yet (distributors send it after month end): the rep keeps a
      // month-to-date figure from the distributors' weekly reports, so attainment this month is not a blank 0
      const dayOfMonth = Number(today.slice(8, 10));
      const daysInMonth = new Date(
        Date.UTC(Number(current.slice(0, 4)), Number(current.slice(5, 7)), 0),
      ).getUTCDate();
      const monthToDate = Math.round(
        (quotas.get(current) ?? 0) * level * (dayOfMonth / daysInMonth) * (0.9 + r.next() * 0.2),
      );
      if (monthToDate > 0 && (actual.get(`${repId}|${productId}|${current}`) ?? 0) === 0) {
        out.manualSales.push({
          id: r.uuid(),
          repId,
          month: current,
          productId,
          quantity: monthToDate,
          note: '月中进度：按经销商周报录入，流向到后以流向为准',
          enteredBy: repId,
          createdAt: stamp(current, dayOfMonth),
          updatedAt: stamp(current, dayOfMonth),
        });
      }
      for (const m of months) {
        const quantity = quotas.get(m) as number;
        quotaOf.set(`${repId}|${productId}|${m}`, quantity);
        const key = `${teamId}|${productId}|${m}`;
        teamSums.set(key, (teamSums.get(key) ?? 0) + quantity);
        out.repQuotas.push({
          id: r.uuid(),
          repId,
          teamId,
          month: m,
          productId,
          quantity,
          customers: [],
          updatedBy: managerOf.get(teamId) ?? null,
          createdAt: stamp(shiftMonth(m, -1), 25),
          updatedAt: stamp(shiftMonth(m, -1), 25),
        });
      }
    }
  }

  // ── 指标细分到目标客户: this month's quota of a few reps on the hospitals that sell most of it ──
  const breakdownReps = new Set([
    ...reps.filter((r) => r.username === 'rep01').map((r) => r.id as string),
    ...rng
      .shuffle(reps)
      .slice(0, Math.max(1, Math.round(reps.length / 6)))
      .map((r) => r.id as string),
  ]);
  for (const q of out.repQuotas) {
    if (q.month !== current || !breakdownReps.has(q.repId)) continue;
    const units = hospitalUnits.get(`${q.repId}|${q.productId}`);
    const mine = new Set(
      (territoriesOf.get(q.repId) ?? []).flatMap((t) => hospitalsOfTerritory.get(t) ?? []),
    );
    const ranked = [...(units?.entries() ?? [])]
      .filter(([h]) => mine.has(h))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([h]) => h);
    const targets = ranked.slice(0, rng.int(2, 3));
    if (targets.length < 2) continue;
    let left = Math.round(q.quantity * (0.55 + rng.next() * 0.2));
    q.customers = targets
      .map((hospitalId, i) => {
        const share = i === targets.length - 1 ? left : roundQuota(left * (0.45 + rng.next() * 0.15));
        const quantity = Math.min(left, share);
        left -= quantity;
        return { hospitalId, quantity };
      })
      .filter((c) => c.quantity > 0);
    breakdownReps.delete(q.repId); // one product each
  }

  // ── team quotas: the reps' sum; this month a little is left to allocate ──
  const admin = adminId ?? null;
  for (const [key, sum] of [...teamSums.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const [teamId, productId, month] = key.split('|') as [string, string, string];
    const quantity =
      month === current ? Math.max(sum + 10, roundQuota(sum * (1.02 + rng.next() * 0.04))) : sum;
    out.teamQuotas.push({
      id: rng.uuid(),
      teamId,
      month,
      productId,
      quantity,
      updatedBy: admin,
      createdAt: stamp(shiftMonth(month, -1), 20),
      updatedAt: stamp(shiftMonth(month, -1), 20),
    });
  }

  // ── forecasts for this month and the next: goal ≥ quota as a rule; rep01 short on one product ──
  const forecastMonths = ahead.slice(0, 2);
  for (const rep of reps) {
    const repId = rep.id as string;
    const isRep01 = rep.username === 'rep01';
    const r = rng.fork(`forecast:${rep.username}`);
    if (!isRep01 && r.chance(0.15)) continue;
    const products = rows.products.map((p) => p.id as string).filter((p) => carried.get(repId)?.has(p));
    const mine = (territoriesOf.get(repId) ?? []).flatMap((t) => hospitalsOfTerritory.get(t) ?? []);
    for (const month of forecastMonths) {
      products.forEach((productId, i) => {
        const quota = quotaOf.get(`${repId}|${productId}|${month}`) ?? 0;
        const gap = isRep01 && i === 0 && month === current;
        const forecastQuantity = gap
          ? roundQuota(quota * (0.78 + r.next() * 0.06))
          : Math.round(quota * ((isRep01 ? 1 : 0.96) + r.next() * 0.15)); // rep01: the one gap stands alone
        const goalQuantity = gap
          ? roundQuota(quota * 1.05)
          : r.chance(0.08)
            ? roundQuota(quota * (0.9 + r.next() * 0.07))
            : roundQuota(quota * (1 + r.next() * 0.12));
        const withAdditions = !gap && mine.length > 0 && r.chance(0.3);
        const additions = withAdditions
          ? r
              .shuffle(mine)
              .slice(0, r.int(1, 2))
              .map((hospitalId) => ({
                hospitalId,
                quantity: Math.max(1, Math.round(quota * (0.03 + r.next() * 0.05))),
                note: r.pick(additionNotes),
              }))
          : [];
        out.salesForecasts.push({
          id: r.uuid(),
          repId,
          month,
          productId,
          forecastQuantity,
          goalQuantity,
          additions,
          promotionPlan: !gap && (withAdditions || r.chance(0.2)) ? r.pick(promotionPlans) : null,
          createdAt: stamp(shiftMonth(month, -1), 27),
          updatedAt: stamp(month, 2),
        });
      });
    }
  }
  return out;
}
