/**
 * Channel demo data 渠道, a year the early-warning board can tell a story with: every channel customer gets its
 * code, tier, authorised territory, terms, licences and contacts; each distributor a supply contract, twelve
 * months of orders → deliveries and returns on its receivables ledger 业务帐, payments (mostly on time),
 * monthly reconciliations 对账, weekly stock reports 库存 and monthly flow-of-goods files 流向 to the hospitals,
 * pharmacies and clinics of its territories (never per doctor: a flow row names a hospital, department or
 * channel customer only). Pure and seeded like the rest of the generator.
 *
 * The story (GN, seed 003): the first distributor (DRIFTING_DISTRIBUTOR_CODE) drifts into stock-outs — its
 * sell-through holds steady while deliveries shrink from month 7, its stock cover falls below 15 days, the lead
 * product runs out although it sold last month, overdue receivables grow, a bill bounces, its accountant is
 * replaced, visits stop and a promise is broken. The second (CROSSING_DISTRIBUTOR_CODE) sells across territory
 * in the last three months: flow rows to hospitals outside its authorised list at a price below 限价, also seen
 * in its price reports. A third pushes stock 压货 (an order jump), a fourth is left unreconciled for three months.
 *
 * Stock is simulated day by day per distributor × product: the month's sales events (the flow rows) draw it
 * down, orders bring it back up to a cover target, so stock reports, deliveries and flow always agree.
 */
import { createHash } from 'node:crypto';
import type { RiskEventKind } from '@keqing/domain';
import type {
  channelBills,
  channelContacts,
  channelCustomerStatusHistory,
  channelIncidents,
  channelLicences,
  channelOrderLines,
  channelOrders,
  channelPriceReports,
  channelProducts,
  channelPromises,
  channelPromotionPayouts,
  channelPromotions,
  channelRiskEvents,
  channelShipments,
  channelStockReports,
  channelTierPrices,
  channelVisits,
  flowColumnMappings,
  flowImports,
  flowRows,
  ledgerEntries,
  ledgerReconciliations,
  rebatePolicies,
  supplyContractLines,
  supplyContracts,
} from '../schema.ts';
import { PHARMACY_DEPARTMENT, surnames, maleGivenChars, femaleGivenChars } from './catalog.ts';
import type { DemoRows } from './generate.ts';
import type { Random } from './random.ts';

export type ChannelRows = {
  channelCustomerStatusHistory: (typeof channelCustomerStatusHistory.$inferInsert)[];
  channelLicences: (typeof channelLicences.$inferInsert)[];
  channelContacts: (typeof channelContacts.$inferInsert)[];
  supplyContracts: (typeof supplyContracts.$inferInsert)[];
  supplyContractLines: (typeof supplyContractLines.$inferInsert)[];
  channelProducts: (typeof channelProducts.$inferInsert)[];
  channelTierPrices: (typeof channelTierPrices.$inferInsert)[];
  rebatePolicies: (typeof rebatePolicies.$inferInsert)[];
  channelVisits: (typeof channelVisits.$inferInsert)[];
  channelOrders: (typeof channelOrders.$inferInsert)[];
  channelOrderLines: (typeof channelOrderLines.$inferInsert)[];
  channelShipments: (typeof channelShipments.$inferInsert)[];
  channelStockReports: (typeof channelStockReports.$inferInsert)[];
  channelPriceReports: (typeof channelPriceReports.$inferInsert)[];
  flowColumnMappings: (typeof flowColumnMappings.$inferInsert)[];
  flowImports: (typeof flowImports.$inferInsert)[];
  flowRows: (typeof flowRows.$inferInsert)[];
  channelBills: (typeof channelBills.$inferInsert)[];
  ledgerEntries: (typeof ledgerEntries.$inferInsert)[];
  ledgerReconciliations: (typeof ledgerReconciliations.$inferInsert)[];
  channelRiskEvents: (typeof channelRiskEvents.$inferInsert)[];
  channelIncidents: (typeof channelIncidents.$inferInsert)[];
  channelPromises: (typeof channelPromises.$inferInsert)[];
  channelPromotions: (typeof channelPromotions.$inferInsert)[];
  channelPromotionPayouts: (typeof channelPromotionPayouts.$inferInsert)[];
};

type BaseRows = Omit<DemoRows, keyof ChannelRows>;
type CustomerRow = BaseRows['channelCustomers'][number];
type HospitalRow = BaseRows['hospitals'][number];

/** Months of channel history before the current month (flow files, reconciliations, health snapshots). */
export const CHANNEL_HISTORY_MONTHS = 12;
/** The distributor drifting into stock-outs (the first distributor: the one of rep01's territory). */
export const DRIFTING_DISTRIBUTOR_CODE = 'DS0001';
/** The distributor selling across territory in the last three months (rep02's). */
export const CROSSING_DISTRIBUTOR_CODE = 'DS0002';
/** Licences are warned this many days before they expire. */
const LICENCE_WARNING_DAYS = 60;

// ── dates as day numbers ────────────────────────────────────────────────────

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoCache = new Map<number, string>();
const isoOf = (day: number) => {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
};
const pad2 = (n: number) => String(n).padStart(2, '0');
const pad4 = (n: number) => String(n).padStart(4, '0');
const stamp = (day: number, minutes = 600) =>
  `${isoOf(day)}T${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}:00+08:00`;
/** First day of the month `back` months before the month of `iso`. */
function monthStart(iso: string, back: number): number {
  const d = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - back);
  return Math.round(d.getTime() / DAY_MS);
}
const addYears = (iso: string, years: number) => `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;

/** YYYY-MM of the last CHANNEL_HISTORY_MONTHS complete months before today, oldest first (health snapshots). */
export function channelHistoryMonths(today: string): string[] {
  return Array.from({ length: CHANNEL_HISTORY_MONTHS }, (_, k) =>
    isoOf(monthStart(today, CHANNEL_HISTORY_MONTHS - k)).slice(0, 7),
  );
}

// ── products: prices, roles, seasons ────────────────────────────────────────

type ProductPlan = {
  id: string;
  name: string;
  genericName: string;
  specification: string;
  therapeuticArea: string;
  /** 零售价 in fen */
  retail: number;
  /** boxes a month a 三甲 hospital buys */
  hospitalBase: number;
  /** boxes a month a key pharmacy sells */
  retailBase: number;
  /** sold in pharmacies at all */
  inPharmacies: boolean;
  tierRole: 'lead' | 'profit' | 'image';
  lifecycle: 'introduction' | 'growth' | 'maturity' | 'decline';
  competitor: string;
  /** winter peak amplitude */
  seasonAmp: number;
  departments: readonly string[];
  /** derived price levels */
  factory: number;
  order: number;
  distributor: number;
  purchase: number;
  minResale: number;
};

/** The five core products by index (catalog order); further products reuse these shapes in turn. */
const productShapes = [
  {
    retail: 4_580,
    hospitalBase: 320,
    retailBase: 90,
    inPharmacies: true,
    tierRole: 'lead',
    lifecycle: 'maturity',
    competitor: '脂立清（阿托伐他汀钙片）',
    seasonAmp: 0.05,
    departments: ['心内科', '心血管科', '老年医学科'],
  },
  {
    retail: 6_480,
    hospitalBase: 200,
    retailBase: 60,
    inPharmacies: true,
    tierRole: 'profit',
    lifecycle: 'growth',
    competitor: '格力平（恩格列净片）',
    seasonAmp: 0.03,
    departments: ['内分泌科'],
  },
  {
    retail: 510_000,
    hospitalBase: 14,
    retailBase: 3,
    inPharmacies: true,
    tierRole: 'image',
    lifecycle: 'introduction',
    competitor: '泰瑞沙（奥希替尼仿制）',
    seasonAmp: 0,
    departments: ['肿瘤科', '肿瘤内科', '胸外科', '呼吸内科'],
  },
  {
    retail: 22_800,
    hospitalBase: 90,
    retailBase: 30,
    inPharmacies: true,
    tierRole: 'profit',
    lifecycle: 'maturity',
    competitor: '吸乐舒（沙美特罗替卡松粉吸入剂）',
    seasonAmp: 0.3,
    departments: ['呼吸内科', '肺病科', '小儿呼吸科'],
  },
  {
    retail: 3_960,
    hospitalBase: 160,
    retailBase: 50,
    inPharmacies: true,
    tierRole: 'profit',
    lifecycle: 'maturity',
    competitor: '左克宁（左氧氟沙星片）',
    seasonAmp: 0.35,
    departments: ['感染科', '呼吸内科', '急诊科'],
  },
] as const;

/** Index of the core product delisted in maturity (康莫欣) and of its replacement still in growth (糖宁安). */
const DELISTED_INDEX = 4;
const REPLACEMENT_INDEX = 1;

const roundFen = (fen: number, step = 10) => Math.max(step, Math.round(fen / step) * step);

function planProducts(rows: BaseRows): ProductPlan[] {
  return rows.products.map((p, i) => {
    const shape = productShapes[i % productShapes.length]!;
    const extra = i >= productShapes.length;
    const retail = extra ? roundFen(shape.retail * (0.8 + ((i * 37) % 40) / 100), 100) : shape.retail;
    return {
      id: p.id as string,
      name: p.name,
      genericName: p.genericName,
      specification: p.specification ?? '',
      therapeuticArea: p.therapeuticArea ?? '',
      retail,
      hospitalBase: shape.hospitalBase,
      retailBase: shape.retailBase,
      inPharmacies: shape.inPharmacies,
      tierRole: extra ? (['profit', 'image', 'lead'] as const)[i % 3]! : shape.tierRole,
      lifecycle: extra ? (['growth', 'maturity', 'introduction'] as const)[i % 3]! : shape.lifecycle,
      competitor: shape.competitor,
      seasonAmp: shape.seasonAmp,
      departments: shape.departments,
      factory: roundFen(retail * 0.42),
      order: roundFen(retail * 0.55),
      distributor: roundFen(retail * 0.63),
      purchase: roundFen(retail * 0.68),
      minResale: roundFen(retail * 0.6),
    };
  });
}

/** Monthly demand factor: a winter peak (respiratory, infections), and the Spring Festival dip in February. */
function season(product: ProductPlan, monthOfYear: number): number {
  const winter = Math.cos((2 * Math.PI * (monthOfYear - 1)) / 12); // 1 in January, −1 in July
  return (1 + product.seasonAmp * winter) * (monthOfYear === 2 ? 0.86 : 1);
}

const hospitalLevelFactor: Record<string, number> = {
  三级甲等: 1,
  三级乙等: 0.6,
  二级甲等: 0.4,
  二级乙等: 0.25,
  一级: 0.1,
  社区卫生服务中心: 0.12,
  乡镇卫生院: 0.08,
  诊所: 0.05,
};

// ── texts ───────────────────────────────────────────────────────────────────

const distributorVisitPurposes = [
  '核对本月库存与流向',
  '沟通下月进货计划',
  '对账并催收到期货款',
  '了解下游医院配送情况',
  '沟通季度返利兑现',
  '协调近效期产品退换',
  '拜访采购主管，了解竞品动态',
];
const terminalVisitPurposes = [
  '检查陈列与库存',
  '店员产品知识培训',
  '了解动销与顾客反馈',
  '补货建议与订货沟通',
  '核对促销活动执行',
  '回访诊所用药反馈',
];
const lostReasons = [
  '连锁总部统一采购，门店不再单独进货',
  '店面转让，新店主改做其他品类',
  '诊所停业整顿，暂停合作',
];
const returnReasons = ['近效期产品退换', '运输破损退货', '包装破损', '批号错发退回'];
const incidentTexts = {
  crossing: (product: string, city: string) =>
    `${city}医院终端发现低于限价的${product}，批号追溯为外区经销商发货，疑似窜货`,
  resolved: (product: string) => `外地商业以低价向本区药店倾销${product}，已协调回收并赔偿差价`,
};

type Headers = {
  saleDate: string;
  buyer: string;
  department: string;
  product: string;
  specification: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  batchNo: string;
};

/** Column layouts distributors send (the column mapping is remembered per distributor). */
const headerLayouts: readonly Headers[] = [
  {
    saleDate: '销售日期',
    buyer: '客户名称',
    department: '科室',
    product: '品名',
    specification: '规格',
    quantity: '数量',
    unitPrice: '单价',
    amount: '金额',
    batchNo: '批号',
  },
  {
    saleDate: '出库日期',
    buyer: '购货单位',
    department: '使用科室',
    product: '商品名称',
    specification: '规格型号',
    quantity: '销售数量',
    unitPrice: '销售单价',
    amount: '销售金额',
    batchNo: '生产批号',
  },
  {
    saleDate: '日期',
    buyer: '终端名称',
    department: '部门',
    product: '药品名称',
    specification: '包装规格',
    quantity: '出库数量',
    unitPrice: '含税单价',
    amount: '含税金额',
    batchNo: '批次',
  },
];

const yuan = (fen: number) => (fen / 100).toFixed(2);

// ── the generator ───────────────────────────────────────────────────────────

type Buyer =
  | { kind: 'hospital'; hospital: HospitalRow; departments: { id: string; name: string }[] }
  | { kind: 'customer'; customer: CustomerRow };

type Demand = {
  buyer: Buyer;
  product: ProductPlan;
  /** boxes a month at the start */
  base: number;
  /** listed (hospital) or first sold from this day */
  fromDay: number;
  /** no sales from this day on (a lost customer) */
  untilDay: number;
};

type SaleEvent = {
  day: number;
  demand: Demand | null;
  product: ProductPlan;
  quantity: number;
  unitPrice: number;
  /** an unmatched buyer name (no demand) */
  unmatchedName?: string;
  /** sold outside the distributor's authorised territory */
  crossing?: boolean;
  batchNo?: string;
};

type DistributorPlan = {
  customer: CustomerRow;
  index: number;
  territoryIds: string[];
  products: ProductPlan[];
  demands: Demand[];
  role: 'drifting' | 'crossing' | 'overstock' | 'unreconciled' | 'normal';
  coverDays: number;
  termDays: number;
  headers: Headers;
};

/** Every channel table, empty (the demo's rows start from this). */
export function emptyChannelRows(): ChannelRows {
  return {
    channelCustomerStatusHistory: [],
    channelLicences: [],
    channelContacts: [],
    supplyContracts: [],
    supplyContractLines: [],
    channelProducts: [],
    channelTierPrices: [],
    rebatePolicies: [],
    channelVisits: [],
    channelOrders: [],
    channelOrderLines: [],
    channelShipments: [],
    channelStockReports: [],
    channelPriceReports: [],
    flowColumnMappings: [],
    flowImports: [],
    flowRows: [],
    channelBills: [],
    ledgerEntries: [],
    ledgerReconciliations: [],
    channelRiskEvents: [],
    channelIncidents: [],
    channelPromises: [],
    channelPromotions: [],
    channelPromotionPayouts: [],
  };
}

export function generateChannelData(
  rows: BaseRows,
  root: Random,
  options: { today: string; adminId: string },
): ChannelRows {
  const { today, adminId } = options;
  const out = emptyChannelRows();
  if (rows.channelCustomers.length === 0 || rows.products.length === 0) return out;

  const todayDay = dayOf(today);
  /** month starts: index 0 … CHANNEL_HISTORY_MONTHS − 1 complete months, then the current month */
  const monthStarts = Array.from({ length: CHANNEL_HISTORY_MONTHS + 1 }, (_, k) =>
    monthStart(today, CHANNEL_HISTORY_MONTHS - k),
  );
  const current = CHANNEL_HISTORY_MONTHS;
  const monthEnd = (i: number) => (i < current ? (monthStarts[i + 1] as number) - 1 : todayDay);
  const startDay = monthStarts[0] as number;
  const monthIndexOf = (day: number) => {
    for (let i = current; i >= 0; i--) if (day >= (monthStarts[i] as number)) return i;
    return 0;
  };

  // ── lookups ──
  const products = planProducts(rows);
  const productById = new Map(products.map((p) => [p.id, p]));
  const hospitalById = new Map(rows.hospitals.map((h) => [h.id as string, h]));
  const departmentsOf = new Map<string, { id: string; name: string }[]>();
  for (const d of rows.departments) {
    const list = departmentsOf.get(d.hospitalId) ?? [];
    list.push({ id: d.id as string, name: d.name });
    departmentsOf.set(d.hospitalId, list);
  }
  const listedFrom = new Map<string, number>();
  for (const l of rows.hospitalProductListings) {
    if (l.listed && l.listedAt) listedFrom.set(`${l.hospitalId}:${l.productId}`, dayOf(l.listedAt));
  }
  const territoryById = new Map(rows.territories.map((t) => [t.id as string, t]));
  const hospitalsOfTerritory = new Map<string, string[]>();
  for (const th of rows.territoryHospitals) {
    const list = hospitalsOfTerritory.get(th.territoryId) ?? [];
    list.push(th.hospitalId);
    hospitalsOfTerritory.set(th.territoryId, list);
  }
  const territoriesOfCustomer = new Map<string, string[]>();
  const customersOfTerritory = new Map<string, string[]>();
  for (const tc of rows.territoryChannelCustomers) {
    const a = territoriesOfCustomer.get(tc.channelCustomerId) ?? [];
    a.push(tc.territoryId);
    territoriesOfCustomer.set(tc.channelCustomerId, a);
    const b = customersOfTerritory.get(tc.territoryId) ?? [];
    b.push(tc.channelCustomerId);
    customersOfTerritory.set(tc.territoryId, b);
  }
  const assignmentsOf = new Map<string, BaseRows['territoryAssignments']>();
  for (const a of rows.territoryAssignments) {
    const list = assignmentsOf.get(a.territoryId) ?? [];
    list.push(a);
    assignmentsOf.set(a.territoryId, list);
  }
  const teamOfTerritory = new Map(rows.territories.map((t) => [t.id as string, t.teamId]));
  const managerOfTeam = new Map(rows.teams.map((t) => [t.id as string, t.managerId ?? adminId]));
  const repOn = (territoryId: string | undefined, day: number): string => {
    if (!territoryId) return adminId;
    const iso = isoOf(day);
    const list = assignmentsOf.get(territoryId) ?? [];
    const covering = list.find((a) => a.startDate <= iso && (a.endDate == null || a.endDate >= iso));
    return (covering ?? list.find((a) => a.endDate == null))?.userId ?? adminId;
  };
  const managerOf = (territoryId: string | undefined) =>
    (territoryId && managerOfTeam.get(teamOfTerritory.get(territoryId) ?? '')) || adminId;
  const customerById = new Map(rows.channelCustomers.map((c) => [c.id as string, c]));

  // ── customers: codes, tiers, territory, terms ──
  const rng = root.fork('customers');
  const counters = { distributor: 0, pharmacy: 0, clinic: 0 };
  const prefix = { distributor: 'DS', pharmacy: 'YD', clinic: 'ZS' } as const;
  const distributors: DistributorPlan[] = [];
  const lostOn = new Map<string, number>();
  const terminals = rows.channelCustomers.filter((c) => c.kind !== 'distributor');
  // attrition: about three terminals a year (two pharmacies and a clinic at scale 1)
  const attritionCount = Math.min(
    terminals.length,
    Math.max(1, Math.round(rows.channelCustomers.length / 20)),
  );
  const lostTerminals = root
    .fork('attrition')
    .shuffle(terminals)
    .slice(0, Math.max(0, terminals.length > 2 ? attritionCount : 0));
  lostTerminals.forEach((c, k) =>
    lostOn.set(c.id as string, (monthStarts[3 + ((k * 3) % 9)] as number) + 5 + k),
  );

  for (const c of rows.channelCustomers) {
    const id = c.id as string;
    const kind = c.kind;
    counters[kind]++;
    c.code = `${prefix[kind]}${pad4(counters[kind])}`;
    const territoryIds = (territoriesOfCustomer.get(id) ?? []).slice().sort();
    // every row carries every column (the bulk insert writes NULL for a missing key, defaults included)
    c.status = lostOn.has(id) ? 'lost' : 'designated';
    c.authorisedCities = [];
    c.authorisedHospitalIds = [];
    c.authorisedCustomerIds = [];
    c.distributorTier = null;
    c.terminalTier = null;
    c.creditLimitFen = null;
    c.notes = null;
    c.personalityType = rng.pick([
      'introverted',
      'easygoing',
      'strongWilled',
      'highlyStrung',
      'showy',
      'combative',
      'stubborn',
      'skeptical',
      'silent',
    ]);
    c.relationshipStage = rng.weighted([
      [1, 0.15],
      [2, 0.35],
      [3, 0.35],
      [4, 0.15],
    ] as const);
    c.satisfaction = rng.weighted([
      [3, 0.3],
      [4, 0.5],
      [5, 0.2],
    ] as const);
    if (kind === 'distributor') {
      c.distributorTier = counters.distributor % 5 === 0 ? 'secondary' : 'primary';
      c.authorisedCities = [c.city];
      const hospitals = new Set<string>();
      const downstream = new Set<string>();
      for (const t of territoryIds) {
        for (const h of hospitalsOfTerritory.get(t) ?? []) hospitals.add(h);
        for (const cc of customersOfTerritory.get(t) ?? []) if (cc !== id) downstream.add(cc);
      }
      c.authorisedHospitalIds = [...hospitals].sort();
      c.authorisedCustomerIds = [...downstream].sort();
      const term = rng.weighted([
        ['credit', 0.6],
        ['monthly', 0.3],
        ['payOnNextBatch', 0.1],
      ] as const);
      c.paymentTerms = term;
      c.paymentTermDays = term === 'credit' ? rng.pick([60, 90]) : term === 'monthly' ? 30 : 45;
      const carried = new Set<string>();
      for (const t of territoryIds) for (const p of territoryById.get(t)?.productIds ?? []) carried.add(p);
      const index = distributors.length;
      distributors.push({
        customer: c,
        index,
        territoryIds,
        products: products.filter((p) => carried.has(p.id)),
        demands: [],
        role: 'normal',
        coverDays: rng.int(30, 45),
        termDays: c.paymentTermDays,
        headers: headerLayouts[index % headerLayouts.length] as Headers,
      });
    } else {
      c.terminalTier = rng.weighted([
        ['key', kind === 'pharmacy' ? 0.25 : 0.15],
        ['secondary', 0.35],
        ['other', 0.4],
      ] as const);
      c.distributorTier = 'terminal';
      const term = rng.weighted([
        ['monthly', 0.5],
        ['cashOnDelivery', 0.3],
        ['weekly', 0.2],
      ] as const);
      c.paymentTerms = term;
      c.paymentTermDays = term === 'monthly' ? 30 : term === 'weekly' ? 7 : 0;
    }
  }
  // Story roles: drifting, crossing, overstock, unreconciled (as far as there are distributors).
  const roles = ['drifting', 'crossing', 'overstock', 'unreconciled'] as const;
  roles.forEach((role, k) => {
    const d = distributors[k];
    if (d) d.role = role;
  });
  const drifting = distributors.find((d) => d.role === 'drifting');
  if (drifting) drifting.coverDays = 30;
  const crossing = distributors.find((d) => d.role === 'crossing');

  // ── status history, licences, contacts ──
  const { contractIdOf, accountants } = addPartiesDetail(root.fork('parties'), rows.channelCustomers, out, {
    today,
    todayDay,
    adminId,
    lostOn,
    driftingId: drifting?.customer.id as string | undefined,
    startDay,
    monthStarts,
  });

  // ── channel products, tier prices, rebates ──
  addProductTerms(root.fork('products'), products, out, { monthStarts });
  const delisted = products[DELISTED_INDEX];
  const delistedDay = delisted ? (monthStarts[current - 1] as number) : Number.POSITIVE_INFINITY;

  // ── demand: who buys what from each distributor ──
  const demandRng = root.fork('demand');
  for (const d of distributors) {
    const seen = new Set<string>();
    for (const t of d.territoryIds) {
      const territory = territoryById.get(t);
      const carried = territory?.productIds ?? [];
      for (const h of hospitalsOfTerritory.get(t) ?? []) {
        const hospital = hospitalById.get(h);
        if (!hospital) continue;
        for (const pid of carried) {
          const key = `${h}:${pid}`;
          const from = listedFrom.get(key);
          if (from === undefined || seen.has(key)) continue;
          seen.add(key);
          const product = productById.get(pid) as ProductPlan;
          const base =
            product.hospitalBase *
            (hospitalLevelFactor[hospital.level ?? ''] ?? 0.1) *
            (0.6 + demandRng.next() * 0.8);
          d.demands.push({
            buyer: { kind: 'hospital', hospital, departments: departmentsOf.get(h) ?? [] },
            product,
            base,
            fromDay: from,
            untilDay: Number.POSITIVE_INFINITY,
          });
        }
      }
      for (const cc of customersOfTerritory.get(t) ?? []) {
        const customer = customerById.get(cc);
        if (!customer || customer.kind === 'distributor') continue;
        for (const pid of carried) {
          const key = `${cc}:${pid}`;
          const product = productById.get(pid) as ProductPlan;
          if (seen.has(key) || !product.inPharmacies || !demandRng.chance(0.75)) continue;
          seen.add(key);
          const tierFactor =
            customer.terminalTier === 'key' ? 1 : customer.terminalTier === 'secondary' ? 0.55 : 0.25;
          d.demands.push({
            buyer: { kind: 'customer', customer },
            product,
            base:
              product.retailBase *
              tierFactor *
              (customer.kind === 'clinic' ? 0.5 : 1) *
              (0.6 + demandRng.next() * 0.8),
            fromDay: startDay - 1,
            untilDay: lostOn.get(cc) ?? Number.POSITIVE_INFINITY,
          });
        }
      }
    }
  }

  // Cross-territory targets: hospitals outside the crossing distributor's authorised list, another city first.
  const crossTargets: HospitalRow[] = [];
  if (crossing) {
    const authorised = new Set(crossing.customer.authorisedHospitalIds ?? []);
    const candidates = rows.hospitals.filter(
      (h) => !authorised.has(h.id as string) && (hospitalLevelFactor[h.level ?? ''] ?? 0) >= 0.25,
    );
    const otherCity = candidates.filter((h) => h.city !== crossing.customer.city);
    crossTargets.push(...(otherCity.length >= 2 ? otherCity : candidates).slice(0, 3));
  }

  // Promotion: 陈列奖励 for the first team’s key and secondary pharmacies, months 8–9 (sales +30 %: during vs before).
  const promoFirst = current - 5;
  const promoLast = current - 4;
  const promoTargets = rows.channelCustomers.filter(
    (c) =>
      c.kind === 'pharmacy' &&
      c.terminalTier !== 'other' &&
      c.status !== 'lost' &&
      (territoriesOfCustomer.get(c.id as string) ?? []).some(
        (t) => teamOfTerritory.get(t) === rows.teams[0]?.id,
      ),
  );
  const promoTargetIds = new Set(promoTargets.map((c) => c.id as string));
  const promoProducts = products.filter((p) => p.tierRole !== 'image').slice(0, 2);
  const promoProductIds = new Set(promoProducts.map((p) => p.id));

  // ── per distributor: sales, orders, deliveries, stock, flow, ledger ──
  const flowRng = root.fork('flow');
  const stockRng = root.fork('stock');
  const ledgerRng = root.fork('ledger');
  for (const d of distributors) {
    simulateDistributor(d);
  }

  /** What the crossing distributor dumps: supplied products, the non-image ones first. */
  function crossingProducts(d: DistributorPlan): ProductPlan[] {
    const supplied = d.products.filter((p) => p.id !== delisted?.id);
    const pool = supplied.length > 0 ? supplied : d.products;
    return [
      ...pool.filter((p) => p.tierRole !== 'image'),
      ...pool.filter((p) => p.tierRole === 'image'),
    ].slice(0, 2);
  }

  function simulateDistributor(d: DistributorPlan): void {
    const c = d.customer;
    const customerId = c.id as string;
    const firstTerritory = d.territoryIds[0];
    const rep = (day: number) => repOn(firstTerritory, day);
    const contractId = contractIdOf.get(customerId);
    if (contractId) {
      for (const p of d.products) {
        const yearly = d.demands
          .filter((x) => x.product.id === p.id)
          .reduce((sum, x) => sum + x.base * 12, 0);
        const step = p.retail > 100_000 ? 10 : 100;
        const quantity = Math.max(step, Math.round(yearly / step) * step);
        const price = c.distributorTier === 'secondary' ? roundFen(p.order * 1.05) : p.order;
        out.supplyContractLines.push({
          id: stockRng.uuid(),
          contractId,
          productId: p.id,
          specification: p.specification,
          quantity,
          unitPriceFen: price,
          amountFen: quantity * price,
        });
      }
    }
    const trend = d.role === 'drifting' ? 0.004 : (flowRng.next() - 0.4) * 0.02;

    // 1. Sales events per month (the flow rows to be).
    const events: SaleEvent[] = [];
    for (let i = 0; i <= current; i++) {
      const from = monthStarts[i] as number;
      const to = monthEnd(i);
      const monthDays = ((monthStarts[i + 1] ?? monthStart(today, -1)) as number) - from;
      const share = (to - from + 1) / monthDays;
      const monthOfYear = Number(isoOf(from).slice(5, 7));
      for (const demand of d.demands) {
        const p = demand.product;
        if (demand.fromDay > to || demand.untilDay <= from) continue;
        let qty = demand.base * season(p, monthOfYear) * (1 + trend * i) * (0.85 + flowRng.next() * 0.3);
        if (p.id === delisted?.id && from >= delistedDay) qty *= 0.5;
        if (
          demand.buyer.kind === 'customer' &&
          promoTargetIds.has(demand.buyer.customer.id as string) &&
          promoProductIds.has(p.id) &&
          i >= promoFirst &&
          i <= promoLast
        )
          qty *= 1.3;
        qty = Math.round(qty * share);
        if (qty < 1) continue;
        const first = Math.max(from, demand.fromDay);
        const last = Math.min(to, demand.untilDay - 1);
        if (last < first) continue;
        const parts = qty >= 40 ? flowRng.int(2, 3) : qty >= 8 ? flowRng.int(1, 2) : 1;
        const unitPrice =
          demand.buyer.kind === 'hospital'
            ? p.purchase
            : roundFen(p.distributor * (0.99 + flowRng.next() * 0.04));
        for (let k = 0; k < parts; k++) {
          const q = k === 0 ? Math.ceil(qty / parts) : Math.floor(qty / parts);
          if (q < 1) continue;
          events.push({ day: flowRng.int(first, last), demand, product: p, quantity: q, unitPrice });
        }
      }
      // a buyer the distributor could not name properly: kept unmatched in the file
      if (i < current && flowRng.chance(0.35) && d.products.length > 0) {
        const p = flowRng.pick(d.products);
        events.push({
          day: flowRng.int(from, to),
          demand: null,
          product: p,
          quantity: flowRng.int(2, 12),
          unitPrice: p.distributor,
          unmatchedName: flowRng.pick(['个体诊所（未登记）', '社区卫生站', '零售客户', '某某大药房']),
        });
      }
      // 窜货: the last three complete months, to hospitals outside the authorised territory, below 限价
      if (d.role === 'crossing' && i >= current - 3 && i < current) {
        for (const h of crossTargets) {
          for (const p of crossingProducts(d)) {
            events.push({
              day: flowRng.int(from, to),
              demand: {
                buyer: { kind: 'hospital', hospital: h, departments: [] },
                product: p,
                base: 0,
                fromDay: from,
                untilDay: Number.POSITIVE_INFINITY,
              },
              product: p,
              quantity: Math.round(p.hospitalBase * 0.25 * (0.8 + flowRng.next() * 0.4)),
              unitPrice: roundFen(p.minResale * (0.86 + flowRng.next() * 0.06)),
              crossing: true,
            });
          }
        }
      }
    }
    events.sort((a, b) => a.day - b.day);
    const eventsByProduct = new Map<string, SaleEvent[]>();
    for (const e of events) {
      const list = eventsByProduct.get(e.product.id) ?? [];
      list.push(e);
      eventsByProduct.set(e.product.id, list);
    }

    // 2. Day by day: arrivals, orders (twice a month; weekly when drifting), sales capped by stock, stock reports.
    type State = { stock: number; inTransit: number; cursor: number; recent: number[]; batch: string };
    const dProducts = d.products.filter((p) => eventsByProduct.has(p.id));
    const states = new Map<string, State>();
    const arrivals = new Map<number, { product: ProductPlan; quantity: number; orderId: string }[]>();
    const expectedDaily = (p: ProductPlan) =>
      (eventsByProduct.get(p.id) ?? [])
        .filter((e) => e.day < startDay + 30)
        .reduce((s, e) => s + e.quantity, 0) / 30;
    for (const p of dProducts) {
      states.set(p.id, {
        stock: Math.round(expectedDaily(p) * (d.coverDays + 7)),
        inTransit: 0,
        cursor: 0,
        recent: [],
        batch: `${isoOf(startDay - 40)
          .replaceAll('-', '')
          .slice(2, 6)}${pad2(stockRng.int(1, 30))}`,
      });
    }
    // The drifting distributor orders weekly; from month 7 it holds less and less stock (cash is short, the
    // company holds shipments back for overdue receivables): its cover target falls from 30 to 3 days by last month, faster
    // towards the end, so deliveries fall behind steady sell-through month by month.
    const driftFrom = monthStarts[current - 6] as number;
    const coverOn = (day: number) => {
      if (d.role !== 'drifting' || day < driftFrom) return d.coverDays;
      const x = Math.min(
        1,
        (day - driftFrom) / Math.max(1, (monthStarts[current - 1] as number) - driftFrom),
      );
      return d.coverDays - 27 * x * x;
    };
    const leadProduct = dProducts.find((p) => p.tierRole === 'lead') ?? dProducts[0];
    const leadStopDay = todayDay - 25;
    const pushDay = monthStarts[current - 2] as number;
    let pushed = false;
    const orderDays = new Set<number>();
    for (let i = 0; i <= current; i++) {
      const from = monthStarts[i] as number;
      const weekly = d.role === 'drifting';
      const offsets = weekly ? [2, 9, 16, 23] : [stockRng.int(2, 5), stockRng.int(15, 19)];
      for (const o of offsets) if (from + o <= todayDay) orderDays.add(from + o);
    }
    const reportPhase = (todayDay - 1) % 7;
    /** A distributor knows its market: the demand of the coming four weeks (the events not yet sold). */
    const forecast = (p: ProductPlan, s: State, day: number) => {
      const list = eventsByProduct.get(p.id) as SaleEvent[];
      let sum = 0;
      for (let k = s.cursor; k < list.length && (list[k] as SaleEvent).day < day + 28; k++) {
        sum += (list[k] as SaleEvent).quantity;
      }
      const days = Math.min(28, todayDay - day + 1);
      if (days >= 14) return sum / days;
      const recent = s.recent.slice(-28);
      return recent.length > 0 ? recent.reduce((x, y) => x + y, 0) / recent.length : expectedDaily(p);
    };
    const unitOrderPrice = (p: ProductPlan) =>
      c.distributorTier === 'secondary' ? roundFen(p.order * 1.05) : p.order;
    const shipmentsOut: { day: number; amount: number; id: string; kind: 'delivery' | 'return' }[] = [];

    for (let day = startDay; day <= todayDay; day++) {
      const i = monthIndexOf(day);
      for (const a of arrivals.get(day) ?? []) {
        const s = states.get(a.product.id) as State;
        s.stock += a.quantity;
        s.inTransit -= a.quantity;
      }
      if (orderDays.has(day)) {
        const lines: { product: ProductPlan; quantity: number; shipped: number }[] = [];
        for (const p of dProducts) {
          const s = states.get(p.id) as State;
          if (p.id === delisted?.id && day >= delistedDay) continue;
          // the last order before 停供 lays in two more months (a last-time buy)
          const lastBuy = p.id === delisted?.id && day >= delistedDay - 16 && day < delistedDay;
          if (d.role === 'drifting' && p.id === leadProduct?.id && day >= leadStopDay) continue;
          const rate = forecast(p, s, day);
          const review = d.role === 'drifting' ? 5 : 15;
          let want = Math.ceil(
            rate * (coverOn(day) + review + 3 + (lastBuy ? 60 : 0)) - s.stock - s.inTransit,
          );
          if (d.role === 'overstock' && !pushed && day >= pushDay && p.id === (leadProduct?.id ?? '')) {
            want += Math.round(rate * 150); // 压货: a quarter-end push of five months' stock
            pushed = true;
          }
          const step = p.retail > 100_000 ? 1 : 10;
          const quantity = Math.ceil(want / step) * step;
          if (quantity <= 0) continue;
          lines.push({ product: p, quantity, shipped: quantity });
        }
        if (lines.length > 0) {
          const orderId = stockRng.uuid();
          const shipDay = day + stockRng.int(2, 3);
          const shippedYet = shipDay <= todayDay;
          out.channelOrders.push({
            id: orderId,
            channelCustomerId: customerId,
            orderNo: `PO${isoOf(day).replaceAll('-', '')}${c.code}`,
            orderDate: isoOf(day),
            contractId: contractIdOf.get(customerId) ?? null,
            status: shippedYet ? 'shipped' : 'open',
            notes:
              d.role === 'overstock' && pushed && day >= pushDay && day < pushDay + 20 ? '季末冲量' : null,
            createdBy: rep(day),
            createdAt: stamp(day, 570),
            updatedAt: stamp(shippedYet ? shipDay : day, 600),
          });
          for (const line of lines) {
            const price = unitOrderPrice(line.product);
            out.channelOrderLines.push({
              id: stockRng.uuid(),
              orderId,
              productId: line.product.id,
              quantity: line.quantity,
              unitPriceFen: price,
            });
            const s = states.get(line.product.id) as State;
            s.inTransit += line.shipped;
            const list = arrivals.get(shipDay) ?? [];
            list.push({ product: line.product, quantity: line.shipped, orderId });
            arrivals.set(shipDay, list);
            if (shippedYet) {
              const shipmentId = stockRng.uuid();
              s.batch = `${isoOf(shipDay).replaceAll('-', '').slice(2, 6)}${pad2(stockRng.int(1, 30))}`;
              const amount = line.shipped * price;
              out.channelShipments.push({
                id: shipmentId,
                channelCustomerId: customerId,
                orderId,
                kind: 'delivery',
                shippedOn: isoOf(shipDay),
                productId: line.product.id,
                batchNo: s.batch,
                quantity: line.shipped,
                unitPriceFen: price,
                amountFen: amount,
                createdBy: rep(shipDay),
                createdAt: stamp(shipDay, 660),
              });
              shipmentsOut.push({ day: shipDay, amount, id: shipmentId, kind: 'delivery' });
            }
          }
        }
      }
      // sales of the day, capped by the stock on hand
      for (const p of dProducts) {
        const s = states.get(p.id) as State;
        const list = eventsByProduct.get(p.id) as SaleEvent[];
        let wanted = 0; // demand, sold or not: what orders are planned from
        while (s.cursor < list.length && (list[s.cursor] as SaleEvent).day === day) {
          const e = list[s.cursor] as SaleEvent;
          wanted += e.quantity;
          e.quantity = Math.min(e.quantity, s.stock);
          e.batchNo = s.batch;
          s.stock -= e.quantity;
          s.cursor++;
        }
        s.recent.push(wanted);
        // a return now and then: near-expiry or damaged goods come back
        if (s.stock > 50 && stockRng.chance(d.role === 'drifting' && i >= current - 4 ? 0.012 : 0.004)) {
          const qty = Math.max(1, Math.round(s.stock * (0.02 + stockRng.next() * 0.04)));
          const price = unitOrderPrice(p);
          const shipmentId = stockRng.uuid();
          s.stock -= qty;
          out.channelShipments.push({
            id: shipmentId,
            channelCustomerId: customerId,
            orderId: null,
            kind: 'return',
            shippedOn: isoOf(day),
            productId: p.id,
            batchNo: s.batch,
            quantity: qty,
            unitPriceFen: price,
            amountFen: qty * price,
            reason: stockRng.pick(returnReasons),
            createdBy: rep(day),
            createdAt: stamp(day, 900),
          });
          shipmentsOut.push({ day, amount: qty * price, id: shipmentId, kind: 'return' });
        }
        if (day % 7 === reportPhase && day < todayDay) {
          out.channelStockReports.push({
            id: stockRng.uuid(),
            channelCustomerId: customerId,
            productId: p.id,
            reportedOn: isoOf(day),
            quantity: s.stock,
            source: d.index % 3 === 0 ? 'entered' : 'imported',
            createdBy: rep(day),
            createdAt: stamp(day, 1020),
          });
        }
      }
    }

    // 3. Flow files: one committed import per complete month.
    const mapping = {
      saleDate: d.headers.saleDate,
      buyer: d.headers.buyer,
      department: d.headers.department,
      product: d.headers.product,
      specification: d.headers.specification,
      quantity: d.headers.quantity,
      unitPrice: d.headers.unitPrice,
      amount: d.headers.amount,
      batchNo: d.headers.batchNo,
    };
    out.flowColumnMappings.push({
      channelCustomerId: customerId,
      mapping,
      updatedBy: rep(startDay + 10),
      updatedAt: stamp(startDay + 10, 640),
    });
    const byMonth = new Map<number, SaleEvent[]>();
    for (const e of events) {
      if (e.quantity <= 0) continue;
      const i = monthIndexOf(e.day);
      if (i >= current) continue;
      const list = byMonth.get(i) ?? [];
      list.push(e);
      byMonth.set(i, list);
    }
    for (let i = 0; i < current; i++) {
      const list = byMonth.get(i) ?? [];
      if (list.length === 0) continue;
      const importId = flowRng.uuid();
      const month = isoOf(monthStarts[i] as number).slice(0, 7);
      const committedDay = monthEnd(i) + flowRng.int(3, 8);
      let matched = 0;
      let unmatched = 0;
      let confirmed = 0;
      list.forEach((e, k) => {
        const p = e.product;
        const productName =
          d.index % 2 === 0 ? `${p.name}（${p.genericName}）` : `${p.genericName} ${p.specification}`;
        let buyerName: string;
        let hospitalId: string | null = null;
        let departmentId: string | null = null;
        let departmentName: string | null = null;
        let buyerCustomerId: string | null = null;
        let matchStatus: 'matched' | 'confirmed' | 'unmatched' = 'matched';
        let matchScore: number | null = 1;
        const buyer = e.demand?.buyer;
        if (!buyer) {
          buyerName = e.unmatchedName ?? '未知客户';
          matchStatus = 'unmatched';
          matchScore = null;
          unmatched++;
        } else if (buyer.kind === 'hospital') {
          const h = buyer.hospital;
          hospitalId = h.id as string;
          const useAlias = h.alias && flowRng.chance(0.3);
          buyerName = useAlias ? (h.alias as string) : h.name;
          if (useAlias) {
            matchStatus = 'confirmed';
            matchScore = 0.8 + flowRng.int(0, 10) / 100;
          }
          const r = flowRng.next();
          if (!e.crossing && buyer.departments.length > 0 && r < 0.75) {
            const clinical = buyer.departments.find((dep) => p.departments.includes(dep.name));
            const pharmacy = buyer.departments.find((dep) => dep.name === PHARMACY_DEPARTMENT);
            const dep = r < 0.35 && clinical ? clinical : pharmacy;
            if (dep) {
              departmentId = dep.id;
              departmentName = dep.name;
            }
          }
        } else {
          buyerCustomerId = buyer.customer.id as string;
          buyerName = buyer.customer.name;
        }
        if (matchStatus === 'matched') matched++;
        if (matchStatus === 'confirmed') confirmed++;
        const amount = e.quantity * e.unitPrice;
        const h = d.headers;
        const raw: Record<string, string | number> = {
          [h.saleDate]: isoOf(e.day),
          [h.buyer]: buyerName,
          [h.product]: productName,
          [h.specification]: p.specification,
          [h.quantity]: e.quantity,
          [h.unitPrice]: yuan(e.unitPrice),
          [h.amount]: yuan(amount),
          [h.batchNo]: e.batchNo ?? '',
        };
        if (departmentName) raw[h.department] = departmentName;
        out.flowRows.push({
          id: flowRng.uuid(),
          importId,
          channelCustomerId: customerId,
          rowNo: k + 2, // row 1 holds the headers
          saleDate: isoOf(e.day),
          productId: p.id,
          productName,
          buyerName,
          departmentName,
          hospitalId,
          departmentId,
          buyerCustomerId,
          matchStatus,
          matchScore,
          quantity: e.quantity,
          unitPriceFen: e.unitPrice,
          amountFen: amount,
          batchNo: e.batchNo ?? null,
          raw,
        });
      });
      const fileName = `${c.code}_${c.name}_流向_${month.replace('-', '')}.xlsx`;
      out.flowImports.push({
        id: importId,
        channelCustomerId: customerId,
        fileName,
        fileHash: createHash('sha256').update(`${customerId}:${month}:${list.length}`).digest('hex'),
        periodStart: isoOf(monthStarts[i] as number),
        periodEnd: isoOf(monthEnd(i)),
        status: 'committed',
        mapping,
        summary: {
          rows: list.length,
          matched: matched + confirmed,
          uncertain: 0,
          unmatched,
          invalid: 0,
          problems: [],
        },
        createdBy: rep(committedDay),
        createdAt: stamp(committedDay, 610),
        committedAt: stamp(committedDay, 625),
      });
    }

    // 4. Receivables: deliveries (+, due by terms), returns (−), payments (−), bills, reconciliations.
    const entries: { day: number; amount: number }[] = [];
    const ledger = (row: Omit<typeof ledgerEntries.$inferInsert, 'entryDate'> & { day: number }) => {
      const { day, ...entry } = row;
      entries.push({ day, amount: entry.amountFen });
      out.ledgerEntries.push({ ...entry, entryDate: isoOf(day), createdAt: stamp(day, 700) });
    };
    shipmentsOut.sort((a, b) => a.day - b.day);
    for (const s of shipmentsOut) {
      ledger({
        id: ledgerRng.uuid(),
        channelCustomerId: customerId,
        day: s.day,
        kind: s.kind,
        amountFen: s.kind === 'delivery' ? s.amount : -s.amount,
        dueDate: s.kind === 'delivery' ? isoOf(s.day + d.termDays) : null,
        shipmentId: s.id,
        note: null,
        createdBy: rep(s.day),
      });
    }
    // monthly payment of what fell due (mostly on time); the drifting one pays less and later from month 7
    let paid = 0;
    for (let i = 0; i <= current; i++) {
      const late = d.role !== 'drifting' && ledgerRng.chance(0.1);
      const payDay = (monthStarts[i] as number) + ledgerRng.int(20, 26) + (late ? ledgerRng.int(6, 12) : 0);
      if (payDay >= todayDay) continue;
      const due = shipmentsOut
        .filter((s) => (s.kind === 'delivery' ? s.day + d.termDays <= payDay : s.day <= payDay))
        .reduce((sum, s) => sum + (s.kind === 'delivery' ? s.amount : -s.amount), 0);
      let amount = due - paid;
      if (d.role === 'drifting' && i >= current - 6)
        amount = Math.round(amount * (0.55 - 0.03 * (i - (current - 6))));
      amount = Math.floor(amount / 100) * 100;
      if (amount <= 0) continue;
      const viaBill = d.role !== 'drifting' && ledgerRng.chance(0.15);
      let billId: string | null = null;
      if (viaBill) {
        billId = ledgerRng.uuid();
        const dueOn = payDay + 180;
        out.channelBills.push({
          id: billId,
          channelCustomerId: customerId,
          kind: 'bankAcceptance',
          billNo: `${ledgerRng.int(100000, 999999)}${ledgerRng.int(100000, 999999)}`,
          issuer: `${ledgerRng.pick(['中国工商银行', '中国建设银行', '招商银行', '交通银行'])}${c.city.replace('市', '')}分行`,
          amountFen: amount,
          receivedOn: isoOf(payDay),
          dueOn: isoOf(dueOn),
          status: dueOn <= todayDay ? 'honoured' : 'accepted',
          decidedBy: null,
          decidedAt: null,
          decisionNote: null,
          createdBy: rep(payDay),
          createdAt: stamp(payDay, 800),
          updatedAt: stamp(Math.min(dueOn, todayDay), 800),
        });
      }
      ledger({
        id: ledgerRng.uuid(),
        channelCustomerId: customerId,
        day: payDay,
        kind: 'payment',
        amountFen: -amount,
        dueDate: null,
        shipmentId: null,
        billId,
        note: viaBill ? '银行承兑汇票回款' : late ? '逾期回款' : '电汇回款',
        createdBy: rep(payDay),
      });
      paid += amount;
    }
    // the drifting one: a commercial acceptance accepted in month 9, bounced at its due date (退票) → risk event
    if (d.role === 'drifting') {
      const receivedDay = (monthStarts[current - 4] as number) + 12;
      const bounceDay = receivedDay + 45;
      if (bounceDay < todayDay) {
        const billId = ledgerRng.uuid();
        const amount = 8_000_000;
        const manager = managerOf(firstTerritory);
        out.channelBills.push({
          id: billId,
          channelCustomerId: customerId,
          kind: 'commercialAcceptance',
          billNo: `CA${isoOf(receivedDay).replaceAll('-', '')}${c.code}`,
          issuer: c.name,
          amountFen: amount,
          receivedOn: isoOf(receivedDay),
          dueOn: isoOf(bounceDay),
          status: 'bounced',
          decidedBy: manager,
          decidedAt: stamp(receivedDay + 1, 640),
          decisionNote: '老客户，同意接收商业承兑汇票，到期前跟进',
          createdBy: rep(receivedDay),
          createdAt: stamp(receivedDay, 800),
          updatedAt: stamp(bounceDay, 900),
        });
        ledger({
          id: ledgerRng.uuid(),
          channelCustomerId: customerId,
          day: receivedDay + 1,
          kind: 'payment',
          amountFen: -amount,
          dueDate: null,
          shipmentId: null,
          billId,
          note: '商业承兑汇票回款',
          createdBy: rep(receivedDay),
        });
        ledger({
          id: ledgerRng.uuid(),
          channelCustomerId: customerId,
          day: bounceDay,
          kind: 'adjustment',
          amountFen: amount,
          dueDate: isoOf(bounceDay),
          shipmentId: null,
          billId,
          note: '商业承兑汇票到期退票，冲回回款',
          createdBy: rep(bounceDay),
        });
        out.channelRiskEvents.push({
          id: ledgerRng.uuid(),
          channelCustomerId: customerId,
          kind: 'billBounced' satisfies RiskEventKind,
          occurredOn: isoOf(bounceDay),
          severity: 3,
          note: `商业承兑汇票 ¥${yuan(amount)} 到期退票`,
          createdBy: rep(bounceDay),
          createdAt: stamp(bounceDay, 930),
        });
      }
    }
    // a commercial acceptance just received, waiting for approval (no ledger entry until accepted)
    if (d.role === 'crossing' || (distributors.length === 1 && d.index === 0)) {
      out.channelBills.push({
        id: ledgerRng.uuid(),
        channelCustomerId: customerId,
        kind: 'commercialAcceptance',
        billNo: `CA${isoOf(todayDay - 3).replaceAll('-', '')}${c.code}`,
        issuer: c.name,
        amountFen: 3_500_000,
        receivedOn: isoOf(todayDay - 3),
        dueOn: isoOf(todayDay + 177),
        status: 'pendingApproval',
        createdBy: rep(todayDay - 3),
        createdAt: stamp(todayDay - 3, 820),
        updatedAt: stamp(todayDay - 3, 820),
      });
    }
    // 对账 at each month end (one distributor stopped three months ago), confirmed by their accountant
    entries.sort((a, b) => a.day - b.day);
    for (let i = 0; i < current; i++) {
      if (d.role === 'unreconciled' && i >= current - 3) continue;
      const end = monthEnd(i);
      const balance = entries.filter((e) => e.day <= end).reduce((s, e) => s + e.amount, 0);
      const differs = ledgerRng.chance(0.06);
      const confirmDay = end + ledgerRng.int(3, 10);
      out.ledgerReconciliations.push({
        id: ledgerRng.uuid(),
        channelCustomerId: customerId,
        periodEnd: isoOf(end),
        ourBalanceFen: balance,
        theirBalanceFen: differs ? balance - 100 * ledgerRng.int(5, 300) : balance,
        confirmedByName: accountantOf(customerId, confirmDay),
        note: differs ? '差异为在途回款，下月核销' : null,
        createdBy: rep(confirmDay),
        createdAt: stamp(Math.min(confirmDay, todayDay), 720),
      });
    }

    // credit limit: the deliveries of the payment term plus six weeks (the drifting one ends above it)
    const delivered = shipmentsOut.filter((s) => s.kind === 'delivery').reduce((x, s) => x + s.amount, 0);
    const monthly = delivered / (CHANNEL_HISTORY_MONTHS + 0.3);
    const months = d.termDays / 30 + (d.role === 'drifting' ? 0.4 : 1.5);
    c.creditLimitFen = Math.max(10_000_000, Math.round((monthly * months) / 1_000_000) * 1_000_000);
    if (d.role === 'overstock') {
      out.channelRiskEvents.push({
        id: ledgerRng.uuid(),
        channelCustomerId: customerId,
        kind: 'orderJump' satisfies RiskEventKind,
        occurredOn: isoOf(pushDay),
        severity: 2,
        note: '季末订单量为平时三倍以上，需核实下游消化能力',
        createdBy: rep(pushDay),
        createdAt: stamp(pushDay, 930),
      });
    }

    const dumped = new Set(crossingProducts(d).map((p) => p.id));
    // 5. Price reports: monthly 经销价 per product (窜货 below 限价 the last three months; scarcity markup).
    for (let i = 0; i < current; i++) {
      const day = (monthStarts[i] as number) + stockRng.int(8, 22);
      for (const p of dProducts) {
        let price = roundFen(p.distributor * (0.98 + stockRng.next() * 0.05));
        let notes: string | null = null;
        if (d.role === 'crossing' && i >= current - 3 && dumped.has(p.id)) {
          price = roundFen(p.minResale * (0.86 + stockRng.next() * 0.05));
          notes = '外区医院终端出现该商业低价货';
        }
        if (d.role === 'drifting' && i === current - 1 && p.id === leadProduct?.id) {
          price = roundFen(p.order * 1.42);
          notes = '货源紧张，商业加价出货';
        }
        out.channelPriceReports.push({
          id: stockRng.uuid(),
          channelCustomerId: customerId,
          productId: p.id,
          reportedOn: isoOf(day),
          level: 'distributor',
          priceFen: price,
          notes,
          createdBy: rep(day),
          createdAt: stamp(day, 980),
        });
      }
    }
  }

  // ── contacts' accountant by date (the drifting one's was replaced) ──
  function accountantOf(customerId: string, day: number): string {
    const list = accountants.get(customerId) ?? [];
    const found = list.find((a) => a.from <= day && day < a.until) ?? list[list.length - 1];
    return found?.name ?? '财务';
  }

  // ── retail price reports from key pharmacies ──
  const retailRng = root.fork('retail-prices');
  for (const c of rows.channelCustomers) {
    if (c.kind !== 'pharmacy' || c.terminalTier !== 'key') continue;
    const territory = (territoriesOfCustomer.get(c.id as string) ?? [])[0];
    const carried = (territory && territoryById.get(territory)?.productIds) || [];
    for (let i = 0; i < current; i += 2) {
      const day = (monthStarts[i] as number) + retailRng.int(5, 25);
      if (day >= (lostOn.get(c.id as string) ?? Number.POSITIVE_INFINITY)) break;
      for (const pid of carried) {
        const p = productById.get(pid) as ProductPlan;
        out.channelPriceReports.push({
          id: retailRng.uuid(),
          channelCustomerId: c.id as string,
          productId: p.id,
          reportedOn: isoOf(day),
          level: 'retail',
          priceFen: roundFen(p.retail * (0.95 + retailRng.next() * 0.05)),
          notes: null,
          createdBy: repOn(territory, day),
          createdAt: stamp(day, 1000),
        });
      }
    }
  }

  // ── visits ──
  const visitRng = root.fork('visits');
  for (const c of rows.channelCustomers) {
    const id = c.id as string;
    const territory = (territoriesOfCustomer.get(id) ?? []).slice().sort()[0];
    if (!territory) continue;
    const isDrifting = id === drifting?.customer.id;
    const lost = lostOn.get(id) ?? Number.POSITIVE_INFINITY;
    const interval = (day: number): [number, number] => {
      if (c.kind === 'distributor') {
        if (isDrifting && day >= (monthStarts[current - 6] as number)) return [14, 24];
        return [7, 14];
      }
      return c.terminalTier === 'key' ? [3, 5] : c.terminalTier === 'secondary' ? [7, 10] : [25, 35];
    };
    const stopDay = isDrifting ? todayDay - 35 : todayDay - 1;
    for (let day = startDay + visitRng.int(0, 6); day <= stopDay && day < lost;) {
      const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday (1970-01-01 was a Thursday)
      const workday = weekday >= 5 ? day + (7 - weekday) : day;
      if (workday > stopDay || workday >= lost) break;
      const type = visitRng.weighted([
        ['visit', 0.8],
        ['phone', 0.12],
        ['wechat', 0.08],
      ] as const);
      out.channelVisits.push({
        id: visitRng.uuid(),
        channelCustomerId: id,
        ownerId: repOn(territory, workday),
        visitDate: isoOf(workday),
        type,
        purpose: visitRng.pick(c.kind === 'distributor' ? distributorVisitPurposes : terminalVisitPurposes),
        notes: null,
        createdAt: stamp(workday, visitRng.int(600, 1050)),
      });
      const [lo, hi] = interval(workday);
      day = workday + visitRng.int(lo, hi);
    }
  }

  // ── promises, incidents, promotions ──
  addStory();

  function addStory(): void {
    const storyRng = root.fork('story');
    for (const d of distributors) {
      const id = d.customer.id as string;
      const territory = d.territoryIds[0];
      const made = (monthStarts[storyRng.int(1, 6)] as number) + storyRng.int(0, 20);
      out.channelPromises.push({
        id: storyRng.uuid(),
        channelCustomerId: id,
        ownerId: repOn(territory, made),
        promise: '季度返利于季度结束后30日内兑现',
        madeOn: isoOf(made),
        dueOn: isoOf(made + 45),
        status: 'kept',
        closedOn: isoOf(made + storyRng.int(25, 44)),
        note: '返利已以票折方式兑现',
        createdAt: stamp(made),
        updatedAt: stamp(made + 44),
      });
      if (storyRng.chance(0.5) || d.role !== 'normal') {
        const open = todayDay - storyRng.int(5, 20);
        out.channelPromises.push({
          id: storyRng.uuid(),
          channelCustomerId: id,
          ownerId: repOn(territory, open),
          promise: '下月安排一场科室学术推广活动，带动医院端上量',
          madeOn: isoOf(open),
          dueOn: isoOf(open + 35),
          status: 'open',
          createdAt: stamp(open),
          updatedAt: stamp(open),
        });
      }
      if (d.role === 'drifting') {
        const madeOn = todayDay - 55;
        out.channelPromises.push({
          id: storyRng.uuid(),
          channelCustomerId: id,
          ownerId: repOn(territory, madeOn),
          promise: '协调公司优先发货，保证主打品种不断货',
          madeOn: isoOf(madeOn),
          dueOn: isoOf(todayDay - 25),
          status: 'broken',
          closedOn: isoOf(todayDay - 20),
          note: '因回款逾期，公司暂停发货，未能兑现',
          createdAt: stamp(madeOn),
          updatedAt: stamp(todayDay - 20),
        });
        out.channelPromises.push({
          id: storyRng.uuid(),
          channelCustomerId: id,
          ownerId: repOn(territory, todayDay - 40),
          promise: '月底前补发上月短缺的货品',
          madeOn: isoOf(todayDay - 40),
          dueOn: isoOf(todayDay - 10),
          status: 'open',
          createdAt: stamp(todayDay - 40),
          updatedAt: stamp(todayDay - 40),
        });
        const replaced = (monthStarts[current - 5] as number) + 8;
        out.channelRiskEvents.push({
          id: storyRng.uuid(),
          channelCustomerId: id,
          kind: 'financeStaffChanged' satisfies RiskEventKind,
          occurredOn: isoOf(replaced),
          severity: 2,
          note: '会计离职，新会计接手，对账口径需重新确认',
          createdBy: repOn(territory, replaced),
          createdAt: stamp(replaced, 940),
        });
      }
    }

    // 冲货: the crossing distributor's goods in another territory (open), and an older one settled.
    const anyProduct = products[0] as ProductPlan;
    if (crossing && crossTargets[0]) {
      const target = crossTargets[0];
      const affectedTerritory = rows.territoryHospitals.find(
        (th) => th.hospitalId === target.id,
      )?.territoryId;
      const affectedCustomer = affectedTerritory
        ? (customersOfTerritory.get(affectedTerritory) ?? []).find(
            (cc) => customerById.get(cc)?.kind === 'distributor',
          )
        : undefined;
      const product = crossingProducts(crossing)[0] ?? anyProduct;
      const opened = todayDay - 18;
      out.channelIncidents.push({
        id: storyRng.uuid(),
        sourceCustomerId: crossing.customer.id as string,
        sourceRegion: `${crossing.customer.province === crossing.customer.city ? '' : crossing.customer.province}${crossing.customer.city}`,
        productId: product.id,
        priceFen: roundFen(product.minResale * 0.88),
        affectedTerritoryId: affectedTerritory ?? null,
        affectedCustomerId: affectedCustomer ?? null,
        description: incidentTexts.crossing(product.name, target.city),
        openedOn: isoOf(opened),
        lossClaimedFen: 4_800_000,
        createdBy: repOn(affectedTerritory, opened),
        createdAt: stamp(opened),
        updatedAt: stamp(opened),
      });
    }
    const victim = drifting ?? distributors[0];
    if (victim) {
      const opened = (monthStarts[3] as number) + 9;
      const territory = victim.territoryIds[0];
      out.channelIncidents.push({
        id: storyRng.uuid(),
        sourceCustomerId: null,
        sourceRegion: victim.customer.city === '上海市' ? '江苏省苏州市' : '上海市',
        productId: anyProduct.id,
        priceFen: roundFen(anyProduct.minResale * 0.9),
        affectedTerritoryId: territory ?? null,
        affectedCustomerId: victim.customer.id as string,
        description: incidentTexts.resolved(anyProduct.name),
        openedOn: isoOf(opened),
        resolvedOn: isoOf(opened + 26),
        lossClaimedFen: 2_600_000,
        compensatedFen: 1_800_000,
        createdBy: repOn(territory, opened),
        createdAt: stamp(opened),
        updatedAt: stamp(opened + 26),
      });
    }

    // Promotions: an approved 陈列奖励 with payouts (one over budget, approved), and a draft 销售竞赛.
    const team = rows.teams[0];
    const firstTerritory = rows.territories.find((t) => t.teamId === team?.id)?.id as string | undefined;
    const owner = repOn(firstTerritory, monthStarts[promoFirst] as number);
    const manager = managerOf(firstTerritory);
    const promotionId = storyRng.uuid();
    const budget = Math.max(1, promoTargets.length) * 300_000;
    const submitted = (monthStarts[promoFirst] as number) - 12;
    out.channelPromotions.push({
      id: promotionId,
      name: `${team?.name ?? ''}重点药店陈列奖励`,
      kind: 'display',
      targetKinds: ['pharmacy'],
      targetCustomerIds: promoTargets.map((c) => c.id as string),
      productIds: promoProducts.map((p) => p.id),
      rules:
        '活动期间主打品种在门店黄金陈列位陈列不少于2个排面，经代表拍照核查后，按月每店奖励¥1,500（以货抵付）',
      startsOn: isoOf(monthStarts[promoFirst] as number),
      endsOn: isoOf(monthEnd(promoLast)),
      budgetFen: budget,
      status: 'approved',
      ownerId: owner,
      approvedBy: manager,
      approvedAt: stamp(submitted + 3, 660),
      createdAt: stamp(submitted, 600),
      updatedAt: stamp(submitted + 3, 660),
    });
    let spent = 0;
    promoTargets.forEach((c, k) => {
      const paidDay = monthEnd(promoLast) + 5 + (k % 4);
      const amount = 300_000 + (k === 0 ? 120_000 : 0);
      const over = spent + amount > budget;
      spent += amount;
      out.channelPromotionPayouts.push({
        id: storyRng.uuid(),
        promotionId,
        channelCustomerId: c.id as string,
        paidOn: isoOf(paidDay),
        amountFen: amount,
        form: k % 3 === 2 ? '票折' : '货',
        note: k === 0 ? '该店加做端架陈列，经批准追加奖励' : null,
        overBudgetApprovedBy: over ? manager : null,
        createdBy: owner,
        createdAt: stamp(paidDay, 700),
      });
    });
    const draftStart = monthStart(today, -1);
    out.channelPromotions.push({
      id: storyRng.uuid(),
      name: `${team?.name ?? ''}经销商季度销售竞赛`,
      kind: 'salesContest',
      targetKinds: ['distributor'],
      // only the owner's own distributors: a rep's promotion cannot reach another rep's customers
      targetCustomerIds: distributors
        .filter((d) => firstTerritory !== undefined && d.territoryIds.includes(firstTerritory))
        .map((d) => d.customer.id as string),
      productIds: products.slice(0, 2).map((p) => p.id),
      rules: '按季度纯销（以流向为准）增长率排名，前两名分别奖励¥20,000、¥10,000 市场支持费用，不得用于个人',
      startsOn: isoOf(draftStart),
      endsOn: isoOf(monthStart(today, -4) - 1),
      budgetFen: 3_000_000,
      status: 'draft',
      ownerId: repOn(firstTerritory, todayDay),
      createdAt: stamp(todayDay - 2, 900),
      updatedAt: stamp(todayDay - 2, 900),
    });
  }

  return out;
}

type PartiesOptions = {
  today: string;
  todayDay: number;
  adminId: string;
  lostOn: Map<string, number>;
  driftingId: string | undefined;
  startDay: number;
  monthStarts: number[];
};

function personName(rng: Random): string {
  const given = rng.chance(0.5) ? maleGivenChars : femaleGivenChars;
  return rng.pick(surnames.slice(0, 60)) + rng.pick(given) + (rng.chance(0.6) ? rng.pick(given) : '');
}

function phone(rng: Random): string {
  return `1${rng.pick(['39', '38', '37', '58', '86', '89'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

const licenceKinds = {
  distributor: ['drugTrading', 'gsp', 'businessLicence', 'taxRegistration', 'powerOfAttorney', 'agentIdCard'],
  terminal: ['drugTrading', 'gsp', 'businessLicence'],
} as const;

function addPartiesDetail(
  rng: Random,
  customers: CustomerRow[],
  out: ChannelRows,
  options: PartiesOptions,
): {
  /** the supply contract of each distributor */
  contractIdOf: Map<string, string>;
  /** each customer's accountants 会计 over time (day numbers), for who confirmed a reconciliation */
  accountants: Map<string, { name: string; from: number; until: number }[]>;
} {
  const { todayDay, adminId, lostOn, driftingId, startDay, monthStarts } = options;
  const contractIdOf = new Map<string, string>();
  const accountants = new Map<string, { name: string; from: number; until: number }[]>();
  let expiringLeft = Math.max(2, Math.round(customers.length / 15));
  let expiredLeft = 1;
  customers.forEach((c, ci) => {
    const id = c.id as string;
    const designated = startDay - rng.int(60, 1400);
    out.channelCustomerStatusHistory.push({
      id: rng.uuid(),
      channelCustomerId: id,
      status: 'designated',
      reason: c.kind === 'distributor' ? '年度商业评审，指定为配送商业' : '纳入终端开发名单',
      changedOn: isoOf(designated),
      createdBy: adminId,
      createdAt: stamp(designated),
    });
    const lost = lostOn.get(id);
    if (lost !== undefined) {
      out.channelCustomerStatusHistory.push({
        id: rng.uuid(),
        channelCustomerId: id,
        status: 'lost',
        reason: lostReasons[ci % lostReasons.length] as string,
        changedOn: isoOf(lost),
        createdBy: adminId,
        createdAt: stamp(lost),
      });
    }
    if (id === driftingId) c.notes = '近半年回款放缓，主打品种多次断货，需重点关注';

    // licences 三证一照 …
    const kinds = c.kind === 'distributor' ? licenceKinds.distributor : licenceKinds.terminal;
    const short =
      c.province.slice(0, 1) === '上'
        ? '沪'
        : c.province.slice(0, 1) === '浙'
          ? '浙'
          : c.province.slice(0, 1);
    for (const kind of kinds) {
      const annual = kind === 'powerOfAttorney' || kind === 'agentIdCard';
      let from = todayDay - rng.int(annual ? 30 : 200, annual ? 300 : 1500);
      let until = annual ? from + 365 : from + 5 * 365;
      if (kind === 'agentIdCard') until = from + 20 * 365;
      let notes: string | null = null;
      if (kind !== 'agentIdCard' && expiredLeft > 0 && ci === 3 % Math.max(1, customers.length)) {
        until = todayDay - 12;
        from = until - (annual ? 365 : 5 * 365);
        notes = '已过期，待对方提供换发后的证照';
        expiredLeft--;
      } else if (kind !== 'agentIdCard' && expiringLeft > 0 && rng.chance(0.06)) {
        until = todayDay + rng.int(8, LICENCE_WARNING_DAYS - 5);
        from = until - (annual ? 365 : 5 * 365);
        expiringLeft--;
      }
      const uscc = `91${pad2(rng.int(11, 65))}0000${String(rng.int(0, 99_999_999)).padStart(8, '0')}${rng.pick(['X', 'M', 'U', '7', '3'])}${rng.int(0, 9)}`;
      const numbers: Record<(typeof kinds)[number], () => string> = {
        drugTrading: () => `${short}${c.kind === 'distributor' ? 'AA' : 'DB'}${rng.int(1000000, 9999999)}`,
        gsp: () =>
          `${short}-${c.kind === 'distributor' ? 'A' : 'C'}-${isoOf(from).slice(2, 4)}-${pad4(rng.int(1, 9999))}`,
        businessLicence: () => uscc,
        taxRegistration: () => uscc,
        powerOfAttorney: () => `WT${isoOf(from).slice(0, 4)}-${pad4(rng.int(1, 9999))}`,
        agentIdCard: () => `${rng.int(310000, 339999)}********${pad4(rng.int(0, 9999))}`,
      };
      out.channelLicences.push({
        id: rng.uuid(),
        channelCustomerId: id,
        kind,
        number: numbers[kind](),
        validFrom: isoOf(from),
        validUntil: isoOf(until),
        notes,
        createdAt: stamp(Math.min(from + 3, todayDay)),
        updatedAt: stamp(Math.min(from + 3, todayDay)),
      });
    }

    // contacts incl. finance: 负责人, 采购主管, 会计, 出纳 (and 库管 at distributors)
    const roles =
      c.kind === 'distributor'
        ? (['owner', 'purchasing', 'accountant', 'cashier', 'warehouse'] as const)
        : (['owner', 'purchasing'] as const);
    const list: { name: string; from: number; until: number }[] = [];
    for (const role of roles) {
      const name = personName(rng);
      const replaced = id === driftingId && role === 'accountant';
      const changeDay = (monthStarts[monthStarts.length - 6] as number) + 8;
      out.channelContacts.push({
        id: rng.uuid(),
        channelCustomerId: id,
        name,
        role,
        phone: phone(rng),
        notes: replaced ? '已离职' : null,
        active: !replaced,
        createdAt: stamp(startDay - 30),
        updatedAt: stamp(replaced ? changeDay : startDay - 30),
      });
      if (role === 'accountant') list.push({ name, from: -Infinity, until: replaced ? changeDay : Infinity });
      if (replaced) {
        const successor = personName(rng);
        out.channelContacts.push({
          id: rng.uuid(),
          channelCustomerId: id,
          name: successor,
          role,
          phone: phone(rng),
          notes: '新任会计，接替离职会计',
          active: true,
          createdAt: stamp(changeDay),
          updatedAt: stamp(changeDay),
        });
        list.push({ name: successor, from: changeDay, until: Infinity });
      }
    }
    if (list.length > 0) accountants.set(id, list);

    // 供货合同 with its lines: one a distributor, for the year
    if (c.kind === 'distributor') {
      const contractId = rng.uuid();
      contractIdOf.set(id, contractId);
      const startsOn = monthStarts[0] as number;
      out.supplyContracts.push({
        id: contractId,
        channelCustomerId: id,
        contractNo: `HT${isoOf(startsOn).slice(0, 4)}-${c.code}`,
        signedOn: isoOf(startsOn - 10),
        startsOn: isoOf(startsOn),
        endsOn:
          addYears(isoOf(startsOn), 1) < isoOf(todayDay)
            ? isoOf(todayDay + 25)
            : isoOf(dayOf(addYears(isoOf(startsOn), 1)) - 1),
        paymentMethod: c.paymentTerms ?? 'credit',
        paymentTermDays: c.paymentTermDays ?? null,
        transport: '汽运冷链/常温专车配送',
        freightPaidBy: 'supplier',
        deliveryPlace: c.address ?? c.city,
        deliveryTime: '收到订单后3个工作日内',
        rewards: '年度纯销达成率≥100%返利2%，按时回款另返0.5%',
        qualityTerms: '符合国家药品标准，有效期不少于12个月，随货附检验报告',
        exemptions: '不可抗力及政策性调价导致的延误免责',
        disputes: '协商不成的，提交供方所在地人民法院诉讼解决',
        status: 'active',
        createdBy: adminId,
        createdAt: stamp(startsOn - 10),
        updatedAt: stamp(startsOn - 10),
      });
    }
  });
  return { contractIdOf, accountants };
}

function addProductTerms(
  rng: Random,
  products: ProductPlan[],
  out: ChannelRows,
  options: { monthStarts: number[] },
): void {
  const { monthStarts } = options;
  const delistedDay = monthStarts[monthStarts.length - 2] as number;
  const replacement = products[REPLACEMENT_INDEX];
  products.forEach((p, i) => {
    const delisted = i === DELISTED_INDEX && replacement !== undefined;
    const competitorFactor = 0.9 + ((i * 7) % 5) / 100;
    const competitorRetail = roundFen(p.retail * competitorFactor);
    out.channelProducts.push({
      productId: p.id,
      tierRole: p.tierRole,
      lifecycleStage: p.lifecycle,
      factoryPriceFen: p.factory,
      orderPriceFen: p.order,
      distributorPriceFen: p.distributor,
      purchasePriceFen: p.purchase,
      retailPriceFen: p.retail,
      minResalePriceFen: p.minResale,
      competitorName: p.competitor,
      // the distributor compares its margin (经销价 − 订货价) with the competitor's: about the same, except for
      // the lead product, where the competitor leaves the channel far more (GN's lesson)
      competitorPrices: {
        factory: roundFen(competitorRetail * 0.4),
        order: roundFen(competitorRetail * (p.tierRole === 'lead' ? 0.49 : 0.55)),
        distributor: roundFen(competitorRetail * (p.tierRole === 'lead' ? 0.63 : 0.64)),
        purchase: roundFen(competitorRetail * 0.68),
        retail: competitorRetail,
      },
      supplied: !delisted,
      delistedOn: delisted ? isoOf(delistedDay) : null,
      replacementProductId: delisted ? (replacement?.id ?? null) : null,
      createdAt: stamp((monthStarts[0] as number) - 20),
      updatedAt: stamp(delisted ? delistedDay : (monthStarts[0] as number) - 20),
    });
    out.channelTierPrices.push(
      {
        productId: p.id,
        distributorTier: 'primary',
        supplyPriceFen: p.order,
        minResalePriceFen: p.minResale,
      },
      {
        productId: p.id,
        distributorTier: 'secondary',
        supplyPriceFen: roundFen(p.order * 1.05),
        minResalePriceFen: roundFen(p.minResale * 1.03),
      },
      {
        productId: p.id,
        distributorTier: 'terminal',
        supplyPriceFen: p.distributor,
        minResalePriceFen: roundFen(p.retail * 0.9),
      },
    );
  });
  const lead = products.find((p) => p.tierRole === 'lead') ?? products[0];
  const from = isoOf(monthStarts[0] as number);
  out.rebatePolicies.push(
    {
      id: rng.uuid(),
      name: `${lead?.name ?? ''}一级商业年度销量返利`,
      productId: lead?.id ?? null,
      distributorTier: 'primary',
      kind: 'volume',
      steps: [
        { fromQuantity: 20_000, ratePct: 1 },
        { fromQuantity: 40_000, ratePct: 2 },
      ],
      rule: '以流向纯销数量计，年度结算，票折兑付',
      validFrom: from,
      validUntil: addYears(from, 1),
    },
    {
      id: rng.uuid(),
      name: '账期内回款返利',
      productId: null,
      distributorTier: null,
      kind: 'payment',
      steps: [{ fromAmountFen: 0, ratePct: 0.5 }],
      rule: '结算日前足额回款的，按回款金额返利0.5%，逾期不享受',
      validFrom: from,
      validUntil: null,
    },
  );
}
