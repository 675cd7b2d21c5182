import type { Role } from '@keqing/shared';
import { addDays, chinaDate } from '@keqing/domain';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { adminOnly, byTerritory, everyone, sameFor, uniqueName } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';
import { freshMonth, insertCareFeeClaim, insertCareFeeSpecial } from './care-fees.fixtures.ts';

type Records = Record<Role, { in: string; out?: string }>;

/** rep1a's claim in scope (out: rep2a's) for every role; admin and compliance see both. */
const claimRecords = (w: World): Records => {
  const c = w.careFees;
  return {
    rep: { in: c.claim1a, out: c.claim2a },
    manager: { in: c.claim1a, out: c.claim2a },
    admin: { in: c.claim1a, out: c.claim2a },
    compliance: { in: c.claim1a, out: c.claim2a },
  };
};
const specialRecords = (w: World): Records => {
  const c = w.careFees;
  return {
    rep: { in: c.special1a, out: c.special2a },
    manager: { in: c.special1a, out: c.special2a },
    admin: { in: c.special1a, out: c.special2a },
    compliance: { in: c.special1a, out: c.special2a },
  };
};
const customerRecords = (w: World): Records => {
  const { cc1a, cc2a } = w.channelCustomers;
  return {
    rep: { in: cc1a.id, out: cc2a.id },
    manager: { in: cc1a.id, out: cc2a.id },
    admin: { in: cc1a.id },
    compliance: { in: cc1a.id },
  };
};

/** The owner (or their manager) writes; admin and compliance never. */
const ownerWrites: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'forbidden',
  compliance: 'forbidden',
};
/** Only the owner's team manager among the base roles (the clerk and finance admins are tested in the API test). */
const managerOnly: Record<Role, Access> = {
  rep: 'forbidden',
  manager: 'scoped',
  admin: 'forbidden',
  compliance: 'forbidden',
};
const ownerOnly: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'forbidden',
  admin: 'forbidden',
  compliance: 'forbidden',
};

const ownerOf = (w: World, fixtureId: string) =>
  fixtureId === w.careFees.claim2a || fixtureId === w.careFees.special2a ? 'rep2a' : 'rep1a';

/** A fresh claim of the fixture's owner in `status`, so each role finds it as the route needs it. */
const freshClaim =
  (status: 'draft' | 'clerkSigned' | 'approved' | 'paid') => (w: World, fixtureId: string, db: Db) =>
    insertCareFeeClaim(db, w, w.careFees.signers, ownerOf(w, fixtureId), status);

/** Accounts for p1 and p2 in the year of a fresh month (the rate check needs one). */
async function accountsFor(db: Db, w: World, month: string) {
  const year = Number(month.slice(0, 4));
  await db
    .insert(s.careFeeAccounts)
    .values([
      { productId: w.products.p1.id, year, budgetFen: 100_000, ratePerUnitFen: 100 },
      { productId: w.products.p2.id, year, budgetFen: 100_000, ratePerUnitFen: 100 },
    ])
    .onConflictDoNothing();
}

export const careFeesScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/care-fee-accounts',
    kind: 'list',
    access: everyone,
    records: (w) => sameFor(w.careFees.accountP1, w.careFees.accountP2),
    request: () => ({ method: 'GET', url: '/api/care-fee-accounts?pageSize=200' }),
  },
  {
    route: 'PUT /api/care-fee-accounts',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.products.p1.id),
    request: (_w, id) => ({
      method: 'PUT',
      url: '/api/care-fee-accounts',
      payload: { productId: id, year: 2090, budgetFen: 1_000_000, ratePerUnitFen: 150 },
    }),
  },
  {
    route: 'GET /api/care-fee-claims',
    kind: 'list',
    access: byTerritory,
    records: claimRecords,
    request: () => ({ method: 'GET', url: '/api/care-fee-claims?pageSize=200' }),
  },
  {
    route: 'GET /api/care-fee-claims/:id',
    kind: 'item',
    access: byTerritory,
    records: claimRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/care-fee-claims/${id}` }),
  },
  {
    // an out-of-scope channel customer answers 404 and nothing is saved
    route: 'POST /api/care-fee-claims',
    kind: 'write',
    access: ownerWrites,
    okStatus: 201,
    records: customerRecords,
    request: async (w, id, db) => {
      const month = freshMonth();
      await accountsFor(db, w, month);
      return {
        method: 'POST',
        url: '/api/care-fee-claims',
        payload: {
          month,
          lines: [
            {
              channelCustomerId: id,
              productId: id === w.channelCustomers.cc2a.id ? w.products.p2.id : w.products.p1.id,
              requestedFen: 0,
              recipientRole: 'purchaser',
              note: uniqueName('月度维护'),
            },
          ],
        },
      };
    },
  },
  {
    route: 'PATCH /api/care-fee-claims/:id',
    kind: 'write',
    access: ownerWrites,
    records: claimRecords,
    request: async (w, id, db) => ({
      method: 'PATCH',
      url: `/api/care-fee-claims/${await freshClaim('draft')(w, id, db)}`,
      payload: { version: 1 },
    }),
  },
  {
    route: 'POST /api/care-fee-claims/:id/submit',
    kind: 'write',
    access: ownerWrites,
    records: claimRecords,
    request: async (w, id, db) => ({
      method: 'POST',
      url: `/api/care-fee-claims/${await freshClaim('draft')(w, id, db)}/submit`,
      payload: { version: 1 },
    }),
  },
  {
    // the base admin has no duty (403); the clerk and finance steps are in care-fees.test.ts
    route: 'POST /api/care-fee-claims/:id/sign',
    kind: 'write',
    access: managerOnly,
    records: claimRecords,
    request: async (w, id, db) => ({
      method: 'POST',
      url: `/api/care-fee-claims/${await freshClaim('clerkSigned')(w, id, db)}/sign`,
      payload: { decision: 'approved', comment: '同意' },
    }),
  },
  {
    route: 'POST /api/care-fee-claims/:id/pay',
    kind: 'write',
    access: ownerOnly,
    records: claimRecords,
    request: async (w, id, db) => ({
      method: 'POST',
      url: `/api/care-fee-claims/${await freshClaim('approved')(w, id, db)}/pay`,
      payload: { paidOn: chinaDate(), advanceFen: 0 },
    }),
  },
  {
    route: 'POST /api/care-fee-claims/:id/spot-check',
    kind: 'write',
    access: managerOnly,
    records: claimRecords,
    request: async (w, id, db) => ({
      method: 'POST',
      url: `/api/care-fee-claims/${await freshClaim('paid')(w, id, db)}/spot-check`,
      payload: {
        checkedOn: chinaDate(),
        results: [
          {
            channelCustomerId: (ownerOf(w, id) === 'rep2a'
              ? w.channelCustomers.cc2a
              : w.channelCustomers.cc1a
            ).id,
            confirmed: true,
            note: '电话确认已收到',
          },
        ],
      },
    }),
  },
  {
    route: 'GET /api/care-fee-special-applications',
    kind: 'list',
    access: byTerritory,
    records: specialRecords,
    request: () => ({ method: 'GET', url: '/api/care-fee-special-applications?pageSize=200' }),
  },
  {
    route: 'POST /api/care-fee-special-applications',
    kind: 'write',
    access: ownerWrites,
    okStatus: 201,
    records: customerRecords,
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/care-fee-special-applications',
      payload: {
        channelCustomerId: id,
        amountFen: 30_000,
        reason: uniqueName('新客户开户'),
        contractDate: addDays(chinaDate(), 20),
      },
    }),
  },
  {
    route: 'POST /api/care-fee-special-applications/:id/sign',
    kind: 'write',
    access: managerOnly,
    records: specialRecords,
    request: async (w, id, db) => ({
      method: 'POST',
      url: `/api/care-fee-special-applications/${await insertCareFeeSpecial(
        db,
        w,
        w.careFees.signers,
        ownerOf(w, id),
        'clerkSigned',
      )}/sign`,
      payload: { decision: 'approved' },
    }),
  },
];
