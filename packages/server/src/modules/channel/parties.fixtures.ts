import { searchInitials } from '@keqing/domain';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { BaseWorld } from '../../test/world.ts';

/**
 * Test records of this area for the API and scope tests: one in rep1a's scope (cc1a, territory t1a), one outside
 * (team2: cc2a, the distributor cc2d and the clinic pc2a in t2a), and a key pharmacy pc1b in t1b (rep1b; manager
 * m1's team). Nothing joins t1a (territories.test counts what t1a holds).
 */
export async function partiesFixtures(db: Db, w: BaseWorld) {
  const { cc1a, cc2a } = w.channelCustomers;
  const [cc2d, pc1b, pc2a] = await db
    .insert(s.channelCustomers)
    .values([
      {
        kind: 'distributor',
        name: '浙江英特药业有限责任公司',
        nameInitials: searchInitials('浙江英特药业有限责任公司'),
        province: '浙江',
        city: '杭州',
        code: 'YT-2D',
        distributorTier: 'primary',
        creditLimitFen: 50_000_000,
        paymentTerms: 'credit',
        paymentTermDays: 60,
      },
      {
        kind: 'pharmacy',
        name: '第一医药商店',
        nameInitials: searchInitials('第一医药商店'),
        province: '上海',
        city: '上海',
        terminalTier: 'key',
      },
      {
        kind: 'clinic',
        name: '中山社区诊所',
        nameInitials: searchInitials('中山社区诊所'),
        province: '上海',
        city: '上海',
        terminalTier: 'secondary',
      },
    ])
    .returning();
  await db.insert(s.territoryChannelCustomers).values([
    { territoryId: w.territories.t2a.id, channelCustomerId: cc2d!.id },
    { territoryId: w.territories.t1b.id, channelCustomerId: pc1b!.id },
    { territoryId: w.territories.t2a.id, channelCustomerId: pc2a!.id },
  ]);
  await db.insert(s.channelCustomerStatusHistory).values(
    [cc1a, cc2a, cc2d!, pc1b!, pc2a!].map((c) => ({
      channelCustomerId: c.id,
      status: 'designated' as const,
      reason: '首营',
      changedOn: '2026-01-05',
      createdBy: w.users.admin.id,
    })),
  );

  const [licence1a, licence2a] = await db
    .insert(s.channelLicences)
    .values([
      { channelCustomerId: cc1a.id, kind: 'drugTrading', number: '沪AA0210001', validUntil: '2030-12-31' },
      { channelCustomerId: cc2a.id, kind: 'gsp', number: 'C-SH-22-0001', validUntil: '2030-12-31' },
    ])
    .returning();
  const [contact1a, contact2a] = await db
    .insert(s.channelContacts)
    .values([
      { channelCustomerId: cc1a.id, name: '陈会计', role: 'accountant', phone: '021-60001111' },
      { channelCustomerId: cc2a.id, name: '林采购', role: 'purchasing', phone: '021-60002222' },
    ])
    .returning();
  const contract = (channelCustomerId: string, contractNo: string) => ({
    channelCustomerId,
    contractNo,
    signedOn: '2026-01-01',
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    paymentMethod: 'credit',
    paymentTermDays: 60,
    createdBy: w.users.admin.id,
  });
  const [contract1a, contract2a] = await db
    .insert(s.supplyContracts)
    .values([contract(cc1a.id, 'HT-FIX-1A'), contract(cc2a.id, 'HT-FIX-2A')])
    .returning();
  await db.insert(s.supplyContractLines).values([
    {
      contractId: contract1a!.id,
      productId: w.products.p1.id,
      quantity: 100,
      unitPriceFen: 3200,
      amountFen: 320_000,
    },
    {
      contractId: contract2a!.id,
      productId: w.products.p2.id,
      quantity: 50,
      unitPriceFen: 2000,
      amountFen: 100_000,
    },
  ]);
  const [visit1a, visit2a] = await db
    .insert(s.channelVisits)
    .values([
      {
        channelCustomerId: cc1a.id,
        ownerId: w.users.rep1a.id,
        visitDate: '2026-11-02',
        type: 'visit',
        purpose: '核对库存',
      },
      {
        channelCustomerId: cc2a.id,
        ownerId: w.users.rep2a.id,
        visitDate: '2026-11-03',
        type: 'phone',
        purpose: '回款提醒',
      },
    ])
    .returning();
  const [rebate1] = await db
    .insert(s.rebatePolicies)
    .values({
      name: '瑞心年度销量返利',
      productId: w.products.p1.id,
      distributorTier: 'primary',
      kind: 'volume',
      steps: [{ fromQuantity: 1000, ratePct: 2 }],
      validFrom: '2026-01-01',
    })
    .returning();
  await db
    .insert(s.channelProducts)
    .values({
      productId: w.products.p1.id,
      tierRole: 'lead',
      lifecycleStage: 'growth',
      factoryPriceFen: 2500,
      orderPriceFen: 3200,
      distributorPriceFen: 4000,
      purchasePriceFen: 4000,
      retailPriceFen: 5000,
      minResalePriceFen: 3800,
      competitorName: '立普妥',
      competitorPrices: { factory: 2800, order: 3000, distributor: 4000, purchase: 4000, retail: 5200 },
    })
    // other areas' fixtures may price p1 too
    .onConflictDoNothing();

  return {
    customers: { cc2d: cc2d!, pc1b: pc1b!, pc2a: pc2a! },
    licences: { licence1a: licence1a!, licence2a: licence2a! },
    contacts: { contact1a: contact1a!, contact2a: contact2a! },
    contracts: { contract1a: contract1a!, contract2a: contract2a! },
    visits: { visit1a: visit1a!, visit2a: visit2a! },
    rebates: { rebate1: rebate1! },
  };
}
