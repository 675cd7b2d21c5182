import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { addDays, chinaDate } from '@keqing/domain';
import type { Role } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { byTerritory, uniqueName } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

type Records = Record<Role, { in: string; out?: string }>;
const pair = (inId: string, outId?: string): Records => ({
  rep: { in: inId, out: outId },
  manager: { in: inId, out: outId },
  admin: { in: inId, out: outId },
  compliance: { in: inId, out: outId },
});

/** Reps and managers in their territories, admin everywhere; compliance reads only. */
const writesByTerritory: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'all',
  compliance: 'forbidden',
};
/** Approvals: never the rep (who entered or owns the record), the manager of their team, or an admin. */
const approvals: Record<Role, Access> = {
  rep: 'forbidden',
  manager: 'scoped',
  admin: 'all',
  compliance: 'forbidden',
};

const customers = (w: World) => pair(w.channelCustomers.cc1a.id, w.channelCustomers.cc2a.id);
const customerOf = (w: World, id: string) =>
  [w.money.promo2a, w.money.pendingBill2a, w.money.chequeBill2a].includes(id)
    ? w.channelCustomers.cc2a.id
    : w.channelCustomers.cc1a.id;

let periodOffset = 1000;

/** A fresh copy of a bill, so each role acts on one in its original status. */
async function cloneBill(db: Db, id: string) {
  const [b] = await db.select().from(s.channelBills).where(eq(s.channelBills.id, id));
  const [row] = await db
    .insert(s.channelBills)
    .values({ ...b!, id: randomUUID(), billNo: uniqueName('CL-'), version: 1 })
    .returning({ id: s.channelBills.id });
  return row!.id;
}

async function clonePromotion(db: Db, id: string, status: 'draft' | 'submitted') {
  const [p] = await db.select().from(s.channelPromotions).where(eq(s.channelPromotions.id, id));
  const [row] = await db
    .insert(s.channelPromotions)
    .values({ ...p!, id: randomUUID(), status, approvedBy: null, approvedAt: null, version: 1 })
    .returning({ id: s.channelPromotions.id });
  return row!.id;
}

export const moneyScopeCases: ScopeCase[] = [
  // ── Ledger ───────────────────────────────────────────────────────────────
  {
    route: 'GET /api/ledger-entries',
    kind: 'list',
    request: () => ({ method: 'GET', url: '/api/ledger-entries?pageSize=200' }),
    records: (w) => pair(w.money.entry1a, w.money.entry2a),
    access: byTerritory,
  },
  {
    route: 'POST /api/ledger-entries',
    kind: 'write',
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/ledger-entries',
      payload: {
        kind: 'payment',
        channelCustomerId: id,
        entryDate: chinaDate(),
        amountFen: 10_000,
        clientId: randomUUID(),
      },
    }),
    records: customers,
    access: writesByTerritory,
    okStatus: 201,
  },
  {
    route: 'GET /api/receivables',
    kind: 'list',
    request: () => ({ method: 'GET', url: '/api/receivables?pageSize=200' }),
    records: customers,
    access: byTerritory,
  },
  {
    route: 'GET /api/receivables/:channelCustomerId',
    kind: 'item',
    request: (_w, id) => ({ method: 'GET', url: `/api/receivables/${id}` }),
    records: customers,
    access: byTerritory,
  },
  // ── Reconciliation ───────────────────────────────────────────────────────
  {
    route: 'GET /api/ledger-reconciliations',
    kind: 'list',
    request: () => ({ method: 'GET', url: '/api/ledger-reconciliations?pageSize=200' }),
    records: (w) => pair(w.money.rec1a, w.money.rec2a),
    access: byTerritory,
  },
  {
    route: 'POST /api/ledger-reconciliations',
    kind: 'write',
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/ledger-reconciliations',
      payload: {
        channelCustomerId: id,
        periodEnd: addDays(chinaDate(), -periodOffset++),
        theirBalanceFen: 0,
        confirmedByName: '周会计',
      },
    }),
    records: customers,
    access: writesByTerritory,
    okStatus: 201,
  },
  // ── Bills ────────────────────────────────────────────────────────────────
  {
    route: 'GET /api/channel-bills',
    kind: 'list',
    request: () => ({ method: 'GET', url: '/api/channel-bills?pageSize=200' }),
    records: (w) => pair(w.money.pendingBill1a, w.money.pendingBill2a),
    access: byTerritory,
  },
  {
    route: 'POST /api/channel-bills',
    kind: 'write',
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/channel-bills',
      payload: {
        channelCustomerId: id,
        kind: 'cheque',
        billNo: uniqueName('CQ-'),
        issuer: '上海医药分销有限公司',
        amountFen: 50_000,
        receivedOn: chinaDate(),
      },
    }),
    records: customers,
    access: writesByTerritory,
    okStatus: 201,
  },
  {
    route: 'POST /api/channel-bills/:id/decision',
    kind: 'write',
    request: async (_w, id, db) => ({
      method: 'POST',
      url: `/api/channel-bills/${await cloneBill(db, id)}/decision`,
      payload: { decision: 'approved', note: '出票人资信良好' },
    }),
    records: (w) => pair(w.money.pendingBill1a, w.money.pendingBill2a),
    access: approvals,
  },
  {
    route: 'POST /api/channel-bills/:id/bounce',
    kind: 'write',
    request: async (_w, id, db) => ({
      method: 'POST',
      url: `/api/channel-bills/${await cloneBill(db, id)}/bounce`,
      payload: { note: '账户余额不足' },
    }),
    records: (w) => pair(w.money.chequeBill1a, w.money.chequeBill2a),
    access: writesByTerritory,
  },
  // ── Risk events ──────────────────────────────────────────────────────────
  {
    route: 'GET /api/channel-risk-events',
    kind: 'list',
    request: () => ({ method: 'GET', url: '/api/channel-risk-events?pageSize=200' }),
    records: (w) => pair(w.money.risk1a, w.money.risk2a),
    access: byTerritory,
  },
  {
    route: 'POST /api/channel-risk-events',
    kind: 'write',
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/channel-risk-events',
      payload: { channelCustomerId: id, kind: 'orderJump', occurredOn: chinaDate(), severity: 1 },
    }),
    records: customers,
    access: writesByTerritory,
    okStatus: 201,
  },
  // ── Promotions ───────────────────────────────────────────────────────────
  {
    route: 'GET /api/channel-promotions',
    kind: 'list',
    request: () => ({ method: 'GET', url: '/api/channel-promotions?pageSize=200' }),
    records: (w) => pair(w.money.promo1a, w.money.promo2a),
    access: byTerritory,
  },
  {
    route: 'POST /api/channel-promotions',
    kind: 'write',
    request: (w) => ({
      method: 'POST',
      url: '/api/channel-promotions',
      payload: {
        name: uniqueName('陈列奖励'),
        kind: 'display',
        targetKinds: ['distributor', 'pharmacy'],
        targetCustomerIds: [],
        productIds: [w.products.p1.id],
        rules: '门店堆头陈列满一个月奖励 500 元',
        startsOn: chinaDate(),
        endsOn: addDays(chinaDate(), 30),
        budgetFen: 1_000_000,
      },
    }),
    records: (w) => pair(w.channelCustomers.cc1a.id),
    access: { rep: 'all', manager: 'all', admin: 'all', compliance: 'forbidden' },
    okStatus: 201,
  },
  {
    route: 'GET /api/channel-promotions/:id',
    kind: 'item',
    request: (_w, id) => ({ method: 'GET', url: `/api/channel-promotions/${id}` }),
    records: (w) => pair(w.money.promo1a, w.money.promo2a),
    access: byTerritory,
  },
  {
    route: 'PATCH /api/channel-promotions/:id',
    kind: 'write',
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/channel-promotions/${await clonePromotion(db, id, 'draft')}`,
      payload: { version: 1, rules: '季度进货满 1200 盒返 2%' },
    }),
    records: (w) => pair(w.money.promo1a, w.money.promo2a),
    access: writesByTerritory,
  },
  {
    route: 'POST /api/channel-promotions/:id/submit',
    kind: 'write',
    request: async (_w, id, db) => ({
      method: 'POST',
      url: `/api/channel-promotions/${await clonePromotion(db, id, 'draft')}/submit`,
      payload: { version: 1 },
    }),
    records: (w) => pair(w.money.promo1a, w.money.promo2a),
    access: writesByTerritory,
  },
  {
    route: 'POST /api/channel-promotions/:id/decision',
    kind: 'write',
    request: async (_w, id, db) => ({
      method: 'POST',
      url: `/api/channel-promotions/${await clonePromotion(db, id, 'submitted')}/decision`,
      payload: { version: 1, decision: 'approved' },
    }),
    records: (w) => pair(w.money.promo1a, w.money.promo2a),
    access: approvals,
  },
  {
    route: 'POST /api/channel-promotions/:id/payouts',
    kind: 'write',
    request: (w, id) => ({
      method: 'POST',
      url: `/api/channel-promotions/${id}/payouts`,
      payload: {
        channelCustomerId: customerOf(w, id),
        paidOn: chinaDate(),
        amountFen: 1_000,
        form: 'transfer',
      },
    }),
    records: (w) => pair(w.money.promo1a, w.money.promo2a),
    access: writesByTerritory,
    okStatus: 201,
  },
  {
    route: 'GET /api/channel-promotions/:id/evaluation',
    kind: 'item',
    request: (_w, id) => ({ method: 'GET', url: `/api/channel-promotions/${id}/evaluation` }),
    records: (w) => pair(w.money.promo1a, w.money.promo2a),
    access: byTerritory,
  },
];
