/**
 * 竞品情报 for the demo (seed 004 竞争分析, seed 001 争夺客户): two competitor products (fictional brands and
 * companies) against each of our products, in its therapeutic area. For about a quarter of the doctors of the
 * covered hospitals the covering rep recorded how much they use a competitor product (1 偶尔 … 5 主要使用, never
 * prescription counts), some twice as the use grew or faded. Over the last six months the reps observed
 * competitor activities at their hospitals — mostly rep visits and price moves, a few meetings; and at four
 * hospitals the competition is pushing: research funds, sponsorship and director visits in the last two months
 * and rising usage judgements, so their pressure rises on the competitors page and in the pre-call brief.
 */
import { addDays } from '@keqing/domain';
import type { competitorActivities, competitorProducts, competitorUsages } from '../schema.ts';
import type { DemoRows } from './generate.ts';
import type { Random } from './random.ts';

export type CompetitorsRows = {
  competitorProducts: (typeof competitorProducts.$inferInsert)[];
  competitorUsages: (typeof competitorUsages.$inferInsert)[];
  competitorActivities: (typeof competitorActivities.$inferInsert)[];
};

export const emptyCompetitorsRows = (): CompetitorsRows => ({
  competitorProducts: [],
  competitorUsages: [],
  competitorActivities: [],
});

type BaseRows = Omit<DemoRows, keyof CompetitorsRows>;
type ActivityKind = (typeof competitorActivities.$inferInsert)['kind'];
type Visitor = NonNullable<(typeof competitorActivities.$inferInsert)['byWhom']>;

/** Per therapeutic area: two competitor brands and their (fictional) companies. */
const rivalsByArea: Record<string, readonly (readonly [string, string])[]> = {
  心血管: [
    ['脂立清', '华辉制药'],
    ['舒脉通', '恒康药业'],
  ],
  糖尿病: [
    ['糖必达', '联邦生物'],
    ['格平', '正德药业'],
  ],
  肿瘤: [
    ['靶安', '贝诺医药'],
    ['特瑞宁', '齐鲁康泰'],
  ],
  呼吸: [
    ['畅吸宁', '海源制药'],
    ['喘平', '国瑞药业'],
  ],
  抗感染: [
    ['沙星泰', '扬子康'],
    ['克菌清', '华北药业'],
  ],
};

const sources = ['拜访交谈', '科室观察', '药剂科反馈', '医生告知', '同事转告', '学术会议现场'] as const;
const usageNotes = [
  '门诊处方中常见该竞品',
  '主任倾向使用原研',
  '新入院患者多用竞品',
  '竞品代表拜访频繁',
  null,
  null,
] as const;

const descriptions: Record<ActivityKind, readonly string[]> = {
  visit: ['{c}代表到科室拜访', '{c}拜访科主任，介绍新适应症', '{c}在门诊时段拜访医生'],
  meeting: ['{c}在科室举办病例讨论会', '{c}赞助召开区域学术沙龙', '{c}组织科室会并安排专家讲课'],
  researchFund: ['{c}向科室提供科研经费支持', '{c}资助主任牵头的临床观察项目'],
  sponsorship: ['{c}赞助医生参加全国年会', '{c}赞助科室义诊活动'],
  priceMove: ['{c}在本院中标价下调约 8%', '{c}推出买赠活动', '{c}调整二级商供货价'],
  other: ['{c}为科室提供患者教育资料', '{c}新增一名学术专员覆盖本院'],
};

const routineKinds: readonly (readonly [ActivityKind, number])[] = [
  ['visit', 6],
  ['priceMove', 2],
  ['meeting', 1.5],
  ['other', 1],
];
const pushKinds: readonly (readonly [ActivityKind, number])[] = [
  ['researchFund', 2],
  ['sponsorship', 2],
  ['meeting', 3],
  ['visit', 3],
];
const routineVisitors: readonly (readonly [Visitor, number])[] = [
  ['rep', 8],
  ['manager', 2],
  ['unknown', 1],
];
const pushVisitors: readonly (readonly [Visitor, number])[] = [
  ['director', 3],
  ['manager', 2],
  ['rep', 1],
];

/** Hospitals where the competition pushes in the last two months. */
const RISING_HOSPITALS = 4;
const USAGE_SHARE = 0.25;
const MAX_JUDGED_DOCTORS = 600;
const HISTORY_DAYS = 180;

export function generateCompetitorsData(
  rows: BaseRows,
  rng: Random,
  options: { today: string },
): CompetitorsRows {
  const out = emptyCompetitorsRows();
  const { today } = options;

  // ── competitor products: two against each of our products with a known area ──
  const rivalsOf = new Map<string, string[]>(); // area → competitor product ids
  for (const product of rows.products) {
    const rivals = rivalsByArea[product.therapeuticArea];
    if (!rivals || !product.id || rivalsOf.has(product.therapeuticArea)) continue;
    const ids: string[] = [];
    for (const [name, company] of rivals) {
      const id = rng.uuid();
      ids.push(id);
      out.competitorProducts.push({
        id,
        name,
        company,
        therapeuticArea: product.therapeuticArea,
        productId: product.id,
      });
    }
    rivalsOf.set(product.therapeuticArea, ids);
  }
  const companyOf = new Map(out.competitorProducts.map((p) => [p.id!, p.company]));
  const allRivals = [...rivalsOf.values()].flat();
  if (allRivals.length === 0) return out;

  // ── who covers each hospital now: the rep assigned to a territory holding it ──
  const repOfTerritory = new Map<string, string>();
  for (const a of rows.territoryAssignments) {
    if (a.endDate && a.endDate < today) continue;
    if (a.startDate > today) continue;
    repOfTerritory.set(a.territoryId, a.userId);
  }
  const repOfHospital = new Map<string, string>();
  for (const th of rows.territoryHospitals) {
    const rep = repOfTerritory.get(th.territoryId);
    if (rep && !repOfHospital.has(th.hospitalId)) repOfHospital.set(th.hospitalId, rep);
  }
  const covered = [...repOfHospital.keys()].sort();
  if (covered.length === 0) return out;
  const rising = new Set(rng.shuffle(covered).slice(0, RISING_HOSPITALS));

  const dayWithin = (from: number, to: number) => addDays(today, -rng.int(from, to));
  const rivalForDoctor = () => rng.pick(allRivals);

  // ── usage judgements ──
  const doctorsByHospital = new Map<string, string[]>();
  for (const d of rows.doctors) {
    if (!d.id || !repOfHospital.has(d.hospitalId)) continue;
    const list = doctorsByHospital.get(d.hospitalId) ?? [];
    list.push(d.id);
    doctorsByHospital.set(d.hospitalId, list);
  }
  let judged = 0;
  for (const hospitalId of covered) {
    const recordedBy = repOfHospital.get(hospitalId)!;
    const pushed = rising.has(hospitalId);
    for (const doctorId of doctorsByHospital.get(hospitalId) ?? []) {
      if (judged >= MAX_JUDGED_DOCTORS) break;
      if (!rng.chance(pushed ? 0.6 : USAGE_SHARE)) continue;
      judged++;
      const competitorProductId = rivalForDoctor();
      const base = { hospitalId, doctorId, competitorProductId, recordedBy };
      if (pushed) {
        // an earlier, modest judgement and a recent, higher one: the doctor is moving to the competitor
        const first = rng.int(1, 2);
        out.competitorUsages.push({
          id: rng.uuid(),
          ...base,
          judgement: first,
          observedOn: dayWithin(100, HISTORY_DAYS - 10),
          source: rng.pick(sources),
        });
        out.competitorUsages.push({
          id: rng.uuid(),
          ...base,
          judgement: Math.min(5, first + rng.int(2, 3)),
          observedOn: dayWithin(0, 30),
          source: rng.pick(sources),
          note: '近两个月明显转向竞品',
        });
        continue;
      }
      out.competitorUsages.push({
        id: rng.uuid(),
        ...base,
        judgement: rng.weighted([
          [1, 3],
          [2, 3],
          [3, 2],
          [4, 1],
          [5, 0.5],
        ] as const),
        observedOn: dayWithin(0, HISTORY_DAYS - 1),
        source: rng.pick(sources),
        note: rng.pick(usageNotes),
      });
    }
  }

  // ── activities over the last six months ──
  const activity = (
    hospitalId: string,
    kind: ActivityKind,
    visitors: readonly (readonly [Visitor, number])[],
    observedOn: string,
  ) => {
    const competitorProductId = rng.chance(0.85) ? rng.pick(allRivals) : null;
    const company = competitorProductId
      ? companyOf.get(competitorProductId)!
      : rng.pick(['外资药企', '本土药企']);
    const doctors = doctorsByHospital.get(hospitalId) ?? [];
    out.competitorActivities.push({
      id: rng.uuid(),
      hospitalId,
      doctorId: doctors.length > 0 && rng.chance(0.4) ? rng.pick(doctors) : null,
      competitorProductId,
      company,
      kind,
      byWhom: kind === 'visit' ? rng.weighted(visitors) : null,
      observedOn,
      source: rng.pick(sources),
      description: rng.pick(descriptions[kind]).replace('{c}', company),
      recordedBy: repOfHospital.get(hospitalId)!,
    });
  };
  for (const hospitalId of covered) {
    // routine: about one activity every two months per hospital
    const routine = rng.int(0, 4);
    for (let i = 0; i < routine; i++)
      activity(hospitalId, rng.weighted(routineKinds), routineVisitors, dayWithin(0, HISTORY_DAYS - 1));
    if (!rising.has(hospitalId)) continue;
    const push = rng.int(5, 8);
    for (let i = 0; i < push; i++)
      activity(hospitalId, rng.weighted(pushKinds), pushVisitors, dayWithin(0, 55));
  }
  return out;
}
