import { addDays, chinaDate } from '@keqing/domain';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { BaseWorld } from '../../test/world.ts';

/**
 * Test records of this area: one of each in rep1a's scope (cc1a, owner rep1a) and one outside (cc2a, rep2a).
 *   ledger: a delivery and a payment on each customer · a reconciliation each · a pending commercial acceptance
 *   and an accepted cheque each · a risk event each · an approved promotion each (period around today)
 */
export async function moneyFixtures(db: Db, w: BaseWorld) {
  const today = chinaDate();
  const { rep1a, rep2a, m1, m2 } = w.users;
  const { cc1a, cc2a } = w.channelCustomers;

  const entries = await db
    .insert(s.ledgerEntries)
    .values([
      {
        channelCustomerId: cc1a.id,
        entryDate: addDays(today, -90),
        kind: 'delivery',
        amountFen: 1_000_000,
        dueDate: addDays(today, -60),
        createdBy: rep1a.id,
      },
      {
        channelCustomerId: cc1a.id,
        entryDate: addDays(today, -30),
        kind: 'payment',
        amountFen: -400_000,
        createdBy: rep1a.id,
      },
      {
        channelCustomerId: cc2a.id,
        entryDate: addDays(today, -90),
        kind: 'delivery',
        amountFen: 500_000,
        dueDate: addDays(today, -60),
        createdBy: rep2a.id,
      },
      {
        channelCustomerId: cc2a.id,
        entryDate: addDays(today, -30),
        kind: 'payment',
        amountFen: -100_000,
        createdBy: rep2a.id,
      },
    ])
    .returning({ id: s.ledgerEntries.id });

  const [rec1a, rec2a] = await db
    .insert(s.ledgerReconciliations)
    .values([
      {
        channelCustomerId: cc1a.id,
        periodEnd: addDays(today, -45),
        ourBalanceFen: 1_000_000,
        theirBalanceFen: 1_000_000,
        confirmedByName: '周会计',
        createdBy: rep1a.id,
      },
      {
        channelCustomerId: cc2a.id,
        periodEnd: addDays(today, -45),
        ourBalanceFen: 500_000,
        theirBalanceFen: 500_000,
        confirmedByName: '吴会计',
        createdBy: rep2a.id,
      },
    ])
    .returning({ id: s.ledgerReconciliations.id });

  const bill = (
    channelCustomerId: string,
    createdBy: string,
    kind: 'commercialAcceptance' | 'cheque',
    billNo: string,
  ) => ({
    channelCustomerId,
    kind,
    billNo,
    issuer: '上海医药分销有限公司',
    amountFen: 200_000,
    receivedOn: addDays(today, -10),
    dueOn: addDays(today, 170),
    status: kind === 'cheque' ? ('accepted' as const) : ('pendingApproval' as const),
    createdBy,
  });
  const [pendingBill1a, pendingBill2a, chequeBill1a, chequeBill2a] = await db
    .insert(s.channelBills)
    .values([
      bill(cc1a.id, rep1a.id, 'commercialAcceptance', 'FX-CA-1A'),
      bill(cc2a.id, rep2a.id, 'commercialAcceptance', 'FX-CA-2A'),
      bill(cc1a.id, rep1a.id, 'cheque', 'FX-CQ-1A'),
      bill(cc2a.id, rep2a.id, 'cheque', 'FX-CQ-2A'),
    ])
    .returning({ id: s.channelBills.id });

  const [risk1a, risk2a] = await db
    .insert(s.channelRiskEvents)
    .values([
      {
        channelCustomerId: cc1a.id,
        kind: 'financeStaffChanged',
        occurredOn: addDays(today, -20),
        severity: 2,
        createdBy: rep1a.id,
      },
      {
        channelCustomerId: cc2a.id,
        kind: 'latePayment',
        occurredOn: addDays(today, -20),
        severity: 1,
        createdBy: rep2a.id,
      },
    ])
    .returning({ id: s.channelRiskEvents.id });

  const promotion = (
    ownerId: string,
    approvedBy: string,
    targetKind: 'distributor' | 'pharmacy',
    customerId: string,
    productId: string,
  ) => ({
    name: `${targetKind === 'distributor' ? '经销商' : '药店'}季度返利`,
    kind: 'rebate',
    targetKinds: [targetKind],
    targetCustomerIds: [customerId],
    productIds: [productId],
    rules: '季度进货满 1000 盒返 2%',
    startsOn: addDays(today, -60),
    endsOn: addDays(today, 30),
    budgetFen: 100_000_000,
    status: 'approved' as const,
    ownerId,
    approvedBy,
    approvedAt: new Date().toISOString(),
  });
  const [promo1a, promo2a] = await db
    .insert(s.channelPromotions)
    .values([
      promotion(rep1a.id, m1.id, 'distributor', cc1a.id, w.products.p1.id),
      promotion(rep2a.id, m2.id, 'pharmacy', cc2a.id, w.products.p2.id),
    ])
    .returning({ id: s.channelPromotions.id });

  return {
    entry1a: entries[0]!.id,
    entry2a: entries[2]!.id,
    rec1a: rec1a!.id,
    rec2a: rec2a!.id,
    pendingBill1a: pendingBill1a!.id,
    pendingBill2a: pendingBill2a!.id,
    chequeBill1a: chequeBill1a!.id,
    chequeBill2a: chequeBill2a!.id,
    risk1a: risk1a!.id,
    risk2a: risk2a!.id,
    promo1a: promo1a!.id,
    promo2a: promo2a!.id,
  };
}
