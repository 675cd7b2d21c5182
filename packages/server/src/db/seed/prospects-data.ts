/**
 * Demo 客户开发 prospects (seed 000 第三篇, seed 002): every rep develops 3–6 prospective pharmacies, clinics and
 * distributors found by referral, meetings, phone, mail or market information, spread over 准备 → 实施 → 修正 → 评价.
 * Qualification grows with the phase (licences collected in preparation and execution, the credit check by
 * revision), so most prospects in evaluation are ready to convert and one now and then still lacks something.
 * About half the reps have converted one prospect: it points at a channel customer of their territory (the
 * customer the development produced, with its name, kind and city); a few prospects are dropped with a reason.
 */
import { addDays } from '@keqing/domain';
import type { channelProspects } from '../schema.ts';
import type { DemoRows } from './generate.ts';
import type { Random } from './random.ts';

export type ProspectsRows = {
  channelProspects: (typeof channelProspects.$inferInsert)[];
};

export const emptyProspectsRows = (): ProspectsRows => ({ channelProspects: [] });

type BaseRows = Omit<DemoRows, keyof ProspectsRows>;
type Prospect = typeof channelProspects.$inferInsert;
type Kind = Prospect['kind'];
type Phase = NonNullable<Prospect['phase']>;
type Source = Prospect['source'];

const brands = [
  '仁和',
  '康宁',
  '益民',
  '百姓',
  '惠民',
  '同济',
  '福寿',
  '永康',
  '德仁',
  '济生',
  '安泰',
  '华康',
  '瑞丰',
  '国泰',
];
const nameOf: Record<Kind, (city: string, brand: string) => string> = {
  pharmacy: (city, brand) => `${city}${brand}大药房`,
  clinic: (city, brand) => `${city}${brand}诊所`,
  distributor: (city, brand) => `${city}${brand}医药有限公司`,
};
const sourceNotes: Record<Source, readonly string[]> = {
  referral: ['老客户介绍，与其老板是同乡', '经销商业务员推荐', '科室主任介绍的社区诊所'],
  meeting: ['区药品零售协会年会上结识', '经销商订货会上交换了名片', '学术会议茶歇时认识的诊所负责人'],
  phone: ['按黄页名单电话约访', '电话回访时对方主动询价'],
  mail: ['寄送产品目录后回函索取样品', '信函邀请后来电咨询'],
  marketInfo: ['市场咨询公司提供的新开门店名单', '药监局公示的新获证企业'],
};
const contacts = ['王店长', '李经理', '张医生', '陈老板', '刘主管', '赵采购', '孙院长', '周经理'];
const plans = [
  '先拜访采购主管，介绍产品差价空间和价格保护政策，争取进入首批试销目录。',
  '结合门店客流做陈列方案，提供店员培训和促销物料，降低首批进货风险。',
  '以服务保障切入：配送及时、退换货承诺，必要时提供小批量铺底。',
  '联合一级经销商共同拜访，明确供货渠道与结款方式。',
];
const nextActions = [
  '约采购主管面谈',
  '送产品资料和样品',
  '收集三证一照复印件',
  '做资信调查',
  '商谈合同条款',
  '复盘开发方案',
];
const dropReasons = [
  '对方只做中药饮片，无意经营我方品种',
  '资信调查未通过，长期拖欠货款',
  '已与竞品签订独家协议',
  '门店即将转让',
];

const phasesWeighted: readonly (readonly [Phase, number])[] = [
  ['preparation', 3],
  ['execution', 3],
  ['revision', 2],
  ['evaluation', 2],
];
const sourcesWeighted: readonly (readonly [Source, number])[] = [
  ['referral', 3],
  ['meeting', 2],
  ['phone', 2],
  ['mail', 1],
  ['marketInfo', 2],
];
const kindsWeighted: readonly (readonly [Kind, number])[] = [
  ['pharmacy', 5],
  ['clinic', 3],
  ['distributor', 2],
];

const licenceNo = (rng: Random, prefix: string) => `${prefix}${String(rng.int(100000, 999999))}`;

/** Licences and credit check as far as the phase got; `ready` makes an evaluation prospect convertible. */
function qualificationFor(rng: Random, kind: Kind, phase: Phase, today: string, ready: boolean) {
  const licences: { kind: string; number: string; validUntil: string | null }[] = [];
  const collected = phase === 'preparation' ? rng.chance(0.4) : true;
  if (collected) {
    licences.push({
      kind: 'drugTrading',
      number: licenceNo(rng, '沪AA'),
      validUntil: addDays(today, rng.int(200, 1500)),
    });
    if (phase !== 'preparation')
      licences.push({ kind: 'businessLicence', number: licenceNo(rng, '91310'), validUntil: null });
  }
  if (
    kind === 'distributor' &&
    (phase === 'revision' || phase === 'evaluation') &&
    (ready || rng.chance(0.5))
  )
    licences.push({
      kind: 'gsp',
      number: licenceNo(rng, 'SH-GSP-'),
      validUntil: addDays(today, rng.int(300, 1200)),
    });
  const credit =
    phase === 'evaluation'
      ? ready
        ? { result: 'passed', checkedOn: addDays(today, -rng.int(3, 20)) }
        : { result: 'pending' }
      : phase === 'revision' && rng.chance(0.5)
        ? { result: 'passed', checkedOn: addDays(today, -rng.int(3, 30)) }
        : { result: 'pending' };
  return { licences, creditCheck: credit };
}

const at = (day: string, hour: number) => `${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;

export function generateProspectsData(
  rows: BaseRows,
  rng: Random,
  options: { today: string },
): ProspectsRows {
  const out = emptyProspectsRows();
  const { today } = options;
  const customerById = new Map(rows.channelCustomers.map((c) => [c.id as string, c]));
  const customersOfTerritory = new Map<string, string[]>();
  for (const link of rows.territoryChannelCustomers)
    customersOfTerritory.set(link.territoryId, [
      ...(customersOfTerritory.get(link.territoryId) ?? []),
      link.channelCustomerId,
    ]);
  const usedCustomers = new Set<string>();

  for (const rep of rows.users.filter((u) => u.role === 'rep' && u.active !== false)) {
    const repId = rep.id as string;
    const territoryIds = rows.territoryAssignments
      .filter((a) => a.userId === repId && a.startDate <= today && (!a.endDate || a.endDate >= today))
      .map((a) => a.territoryId);
    const ownCustomers = territoryIds.flatMap((t) => customersOfTerritory.get(t) ?? []);
    const cities = [
      ...new Set(ownCustomers.map((id) => customerById.get(id)?.city).filter((c): c is string => !!c)),
    ];
    const count = rng.int(3, 6);
    const brandsLeft = rng.shuffle(brands);

    for (let k = 0; k < count; k++) {
      const source = rng.weighted(sourcesWeighted);
      const createdOn = addDays(today, -rng.int(10, 120));
      const base = {
        id: rng.uuid(),
        ownerId: repId,
        clientId: rng.uuid(),
        source,
        sourceNote: rng.pick(sourceNotes[source]),
        contactName: rng.pick(contacts),
        contactPhone: `1${rng.int(30, 89)}${String(rng.int(10000000, 99999999))}`,
        createdAt: at(createdOn, 9),
      };

      // the first prospect of about half the reps became one of their channel customers
      const convertible = ownCustomers.filter((id) => !usedCustomers.has(id));
      if (k === 0 && convertible.length && rng.chance(0.5)) {
        const customerId = rng.pick(convertible);
        usedCustomers.add(customerId);
        const customer = customerById.get(customerId)!;
        const convertedOn = addDays(createdOn, rng.int(20, 60));
        const when = convertedOn < today ? convertedOn : addDays(today, -1);
        out.channelProspects.push({
          ...base,
          name: customer.name,
          kind: customer.kind,
          city: customer.city,
          address: customer.address ?? null,
          phase: 'evaluation',
          status: 'converted',
          qualification: qualificationFor(rng, customer.kind, 'evaluation', today, true),
          plan: rng.pick(plans),
          convertedCustomerId: customerId,
          convertedAt: at(when, 16),
          updatedAt: at(when, 16),
        });
        continue;
      }

      const kind = rng.weighted(kindsWeighted);
      const city = cities.length ? rng.pick(cities) : '上海';
      const name = nameOf[kind](city, brandsLeft[k % brandsLeft.length]!);
      const dropped = k === count - 1 && rng.chance(0.35);
      const phase: Phase = dropped
        ? rng.pick(['execution', 'revision', 'evaluation'] as const)
        : rng.weighted(phasesWeighted);
      const ready = phase === 'evaluation' && rng.chance(0.75);
      const updatedOn = addDays(today, -rng.int(0, 9));
      out.channelProspects.push({
        ...base,
        name,
        kind,
        city,
        address: `${city}${rng.pick(['中山路', '人民路', '解放路', '建设路', '长江路'])}${rng.int(1, 399)}号`,
        phase,
        status: dropped ? 'dropped' : 'open',
        droppedReason: dropped ? rng.pick(dropReasons) : null,
        qualification: qualificationFor(rng, kind, phase, today, ready),
        plan: phase === 'preparation' && rng.chance(0.5) ? null : rng.pick(plans),
        nextAction: dropped ? null : rng.pick(nextActions),
        nextActionDue: dropped ? null : addDays(today, rng.int(-3, 14)),
        updatedAt: at(updatedOn < createdOn ? createdOn : updatedOn, 17),
      });
    }
  }
  return out;
}
