import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { chinaDate, searchInitials } from '@keqing/domain';
import type { Role } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import {
  channelContacts,
  channelCustomers,
  channelLicences,
  channelProducts,
  rebatePolicies,
  supplyContracts,
  territoryChannelCustomers,
} from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { adminOnly, byTerritory, everyone, sameFor, uniqueName } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

type Records = Record<Role, { in: string; out?: string }>;

/** rep1a covers cc1a; m1's team also holds pc1b (t1b); cc2d is team 2's distributor. */
const customerRecords = (w: World): Records => ({
  rep: { in: w.channelCustomers.cc1a.id, out: w.parties.customers.cc2d.id },
  manager: { in: w.parties.customers.pc1b.id, out: w.parties.customers.cc2d.id },
  admin: { in: w.channelCustomers.cc1a.id, out: w.parties.customers.cc2d.id },
  compliance: { in: w.channelCustomers.cc1a.id, out: w.parties.customers.cc2d.id },
});
/** Records held by cc1a (team 1) and cc2a (team 2). */
const heldBy = (pick: (w: World) => { one: string; two: string }) => (w: World) => {
  const { one, two } = pick(w);
  return sameFor(one, two);
};
const licenceRecords = heldBy((w) => ({
  one: w.parties.licences.licence1a.id,
  two: w.parties.licences.licence2a.id,
}));
const contactRecords = heldBy((w) => ({
  one: w.parties.contacts.contact1a.id,
  two: w.parties.contacts.contact2a.id,
}));
const contractRecords = heldBy((w) => ({
  one: w.parties.contracts.contract1a.id,
  two: w.parties.contracts.contract2a.id,
}));
const visitRecords = heldBy((w) => ({ one: w.parties.visits.visit1a.id, two: w.parties.visits.visit2a.id }));

/** The covering reps, their managers and admins write; compliance reads only. */
const writeByTerritory: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'all',
  compliance: 'forbidden',
};

/**
 * A pharmacy in rep1a's t1a, never visited (so due), added only to the scope-matrix world: territories.test
 * counts what t1a holds in its own world.
 */
const dueIds = new WeakMap<World, string>();
const dueIdOf = (w: World) => {
  let id = dueIds.get(w);
  if (!id) {
    id = randomUUID();
    dueIds.set(w, id);
  }
  return id;
};
const dueReady = new WeakMap<World, Promise<void>>();
function ensureDuePharmacy(w: World, db: Db) {
  let p = dueReady.get(w);
  if (!p) {
    p = (async () => {
      const name = '益丰大药房（南京西路店）';
      await db.insert(channelCustomers).values({
        id: dueIdOf(w),
        kind: 'pharmacy',
        name,
        nameInitials: searchInitials(name),
        province: '上海',
        city: '上海',
        terminalTier: 'other',
      });
      await db
        .insert(territoryChannelCustomers)
        .values({ territoryId: w.territories.t1a.id, channelCustomerId: dueIdOf(w) });
    })();
    dueReady.set(w, p);
  }
  return p;
}

const versionOf = async (
  db: Db,
  table: 'customers' | 'licences' | 'contacts' | 'contracts' | 'rebates',
  id: string,
) => {
  const t = {
    customers: channelCustomers,
    licences: channelLicences,
    contacts: channelContacts,
    contracts: supplyContracts,
    rebates: rebatePolicies,
  }[table];
  const [row] = await db.select({ v: t.version }).from(t).where(eq(t.id, id));
  return row?.v ?? 1;
};

export const partiesScopeCases: ScopeCase[] = [
  // ── channel customers ──
  {
    route: 'GET /api/channel-customers',
    kind: 'list',
    access: byTerritory,
    records: customerRecords,
    request: () => ({ method: 'GET', url: '/api/channel-customers?pageSize=200' }),
  },
  {
    route: 'GET /api/channel-customers/attrition',
    kind: 'item',
    access: everyone,
    records: (w) => sameFor(w.channelCustomers.cc1a.id),
    request: () => ({ method: 'GET', url: '/api/channel-customers/attrition' }),
  },
  {
    route: 'GET /api/channel-customers/:id',
    kind: 'item',
    access: byTerritory,
    records: customerRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/channel-customers/${id}` }),
  },
  {
    // the record is the territory the new customer joins (an out-of-scope territory is a field error)
    route: 'POST /api/channel-customers',
    kind: 'write',
    access: writeByTerritory,
    okStatus: 201,
    records: (w) => ({
      rep: { in: w.territories.t1a.id },
      manager: { in: w.territories.t1b.id },
      admin: { in: w.territories.t1a.id },
      compliance: { in: w.territories.t1a.id },
    }),
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/channel-customers',
      payload: {
        kind: 'pharmacy',
        name: uniqueName('老百姓大药房'),
        province: '上海',
        city: '上海',
        terminalTier: 'other',
        territoryId: id,
      },
    }),
  },
  {
    route: 'PATCH /api/channel-customers/:id',
    kind: 'write',
    access: writeByTerritory,
    records: customerRecords,
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/channel-customers/${id}`,
      payload: { notes: uniqueName('备注'), version: await versionOf(db, 'customers', id) },
    }),
  },
  {
    route: 'POST /api/channel-customers/:id/status',
    kind: 'write',
    access: writeByTerritory,
    records: customerRecords,
    request: async (_w, id, db) => {
      const [row] = await db
        .select({ status: channelCustomers.status, version: channelCustomers.version })
        .from(channelCustomers)
        .where(eq(channelCustomers.id, id));
      return {
        method: 'POST',
        url: `/api/channel-customers/${id}/status`,
        payload: {
          status: row?.status === 'suspended' ? 'designated' : 'suspended',
          reason: uniqueName('回款逾期'),
          version: row?.version ?? 1,
        },
      };
    },
  },
  {
    route: 'GET /api/channel-customers/:id/status-history',
    kind: 'item',
    access: byTerritory,
    records: customerRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/channel-customers/${id}/status-history` }),
  },

  // ── licences ──
  {
    route: 'GET /api/channel-customers/:id/licences',
    kind: 'item',
    access: byTerritory,
    records: customerRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/channel-customers/${id}/licences` }),
  },
  {
    route: 'POST /api/channel-customers/:id/licences',
    kind: 'write',
    access: writeByTerritory,
    okStatus: 201,
    records: customerRecords,
    request: (_w, id) => ({
      method: 'POST',
      url: `/api/channel-customers/${id}/licences`,
      payload: { kind: 'businessLicence', number: uniqueName('9131'), validUntil: '2031-06-30' },
    }),
  },
  {
    route: 'GET /api/channel-licences',
    kind: 'list',
    access: byTerritory,
    records: licenceRecords,
    request: () => ({ method: 'GET', url: '/api/channel-licences?pageSize=200' }),
  },
  {
    route: 'PATCH /api/channel-licences/:id',
    kind: 'write',
    access: writeByTerritory,
    records: licenceRecords,
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/channel-licences/${id}`,
      payload: { notes: uniqueName('年检'), version: await versionOf(db, 'licences', id) },
    }),
  },
  {
    // deletes a fresh copy of the named licence, so every role finds one to delete
    route: 'DELETE /api/channel-licences/:id',
    kind: 'write',
    access: writeByTerritory,
    okStatus: 204,
    records: licenceRecords,
    request: async (_w, id, db) => {
      const [source] = await db
        .select({ channelCustomerId: channelLicences.channelCustomerId })
        .from(channelLicences)
        .where(eq(channelLicences.id, id));
      const [copy] = await db
        .insert(channelLicences)
        .values({
          channelCustomerId: source!.channelCustomerId,
          kind: 'taxRegistration',
          number: uniqueName('税'),
        })
        .returning({ id: channelLicences.id });
      return { method: 'DELETE', url: `/api/channel-licences/${copy!.id}` };
    },
  },

  // ── contacts ──
  {
    route: 'GET /api/channel-customers/:id/contacts',
    kind: 'item',
    access: byTerritory,
    records: customerRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/channel-customers/${id}/contacts` }),
  },
  {
    route: 'POST /api/channel-customers/:id/contacts',
    kind: 'write',
    access: writeByTerritory,
    okStatus: 201,
    records: customerRecords,
    request: (_w, id) => ({
      method: 'POST',
      url: `/api/channel-customers/${id}/contacts`,
      payload: { name: uniqueName('出纳'), role: 'cashier' },
    }),
  },
  {
    route: 'PATCH /api/channel-contacts/:id',
    kind: 'write',
    access: writeByTerritory,
    records: contactRecords,
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/channel-contacts/${id}`,
      payload: { notes: uniqueName('周三在岗'), version: await versionOf(db, 'contacts', id) },
    }),
  },

  // ── supply contracts ──
  {
    route: 'GET /api/supply-contracts',
    kind: 'list',
    access: byTerritory,
    records: contractRecords,
    request: () => ({ method: 'GET', url: '/api/supply-contracts?pageSize=200' }),
  },
  {
    route: 'GET /api/supply-contracts/:id',
    kind: 'item',
    access: byTerritory,
    records: contractRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/supply-contracts/${id}` }),
  },
  {
    route: 'POST /api/supply-contracts',
    kind: 'write',
    access: writeByTerritory,
    okStatus: 201,
    records: customerRecords,
    request: (w, id) => ({
      method: 'POST',
      url: '/api/supply-contracts',
      payload: {
        channelCustomerId: id,
        contractNo: uniqueName('HT-'),
        signedOn: '2026-02-01',
        startsOn: '2026-02-01',
        endsOn: '2027-01-31',
        paymentMethod: 'monthly',
        lines: [{ productId: w.products.p1.id, quantity: 10, unitPriceFen: 3200 }],
      },
    }),
  },
  {
    route: 'PATCH /api/supply-contracts/:id',
    kind: 'write',
    access: writeByTerritory,
    records: contractRecords,
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/supply-contracts/${id}`,
      payload: {
        deliveryTime: uniqueName('收到订单后3个工作日'),
        version: await versionOf(db, 'contracts', id),
      },
    }),
  },

  // ── channel products, tier prices, rebate policies ──
  {
    route: 'GET /api/channel-products',
    kind: 'list',
    access: everyone,
    records: (w) => sameFor(w.products.p1.id, w.products.p2.id),
    request: () => ({ method: 'GET', url: '/api/channel-products?pageSize=200' }),
  },
  {
    route: 'PUT /api/channel-products/:productId',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.products.p2.id),
    request: async (_w, id, db) => {
      const [row] = await db
        .select({ version: channelProducts.version })
        .from(channelProducts)
        .where(eq(channelProducts.productId, id));
      return {
        method: 'PUT',
        url: `/api/channel-products/${id}`,
        payload: {
          tierRole: 'profit',
          lifecycleStage: 'maturity',
          prices: { factory: 1500, order: 2000, distributor: 2600, purchase: 2600, retail: 3200 },
          minResalePriceFen: 2400,
          version: row?.version,
        },
      };
    },
  },
  {
    route: 'GET /api/channel-products/:productId/tier-prices',
    kind: 'item',
    access: everyone,
    records: (w) => sameFor(w.products.p1.id),
    request: (_w, id) => ({ method: 'GET', url: `/api/channel-products/${id}/tier-prices` }),
  },
  {
    route: 'PUT /api/channel-products/:productId/tier-prices',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.products.p1.id),
    request: (_w, id) => ({
      method: 'PUT',
      url: `/api/channel-products/${id}/tier-prices`,
      payload: { items: [{ distributorTier: 'primary', supplyPriceFen: 3200, minResalePriceFen: 3800 }] },
    }),
  },
  {
    route: 'GET /api/rebate-policies',
    kind: 'list',
    access: everyone,
    records: (w) => sameFor(w.parties.rebates.rebate1.id),
    request: () => ({ method: 'GET', url: '/api/rebate-policies?pageSize=200' }),
  },
  {
    route: 'POST /api/rebate-policies',
    kind: 'write',
    access: adminOnly,
    okStatus: 201,
    records: (w) => sameFor(w.products.p2.id),
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/rebate-policies',
      payload: { name: uniqueName('回款返利'), productId: id, kind: 'payment', validFrom: '2026-01-01' },
    }),
  },
  {
    route: 'PATCH /api/rebate-policies/:id',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.parties.rebates.rebate1.id),
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/rebate-policies/${id}`,
      payload: { rule: uniqueName('季度结算'), version: await versionOf(db, 'rebates', id) },
    }),
  },

  // ── channel visits ──
  {
    route: 'GET /api/channel-visits',
    kind: 'list',
    access: byTerritory,
    records: visitRecords,
    request: () => ({ method: 'GET', url: '/api/channel-visits?pageSize=200' }),
  },
  {
    route: 'GET /api/channel-visits/due',
    kind: 'list',
    access: byTerritory,
    records: (w) => sameFor(dueIdOf(w), w.parties.customers.pc2a.id),
    request: async (w, _id, db) => {
      await ensureDuePharmacy(w, db);
      return { method: 'GET', url: '/api/channel-visits/due?pageSize=200' };
    },
  },
  {
    // a rep or manager logs visits; an admin does not visit customers
    route: 'POST /api/channel-visits',
    kind: 'write',
    access: { rep: 'scoped', manager: 'scoped', admin: 'forbidden', compliance: 'forbidden' },
    okStatus: 201,
    records: customerRecords,
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/channel-visits',
      payload: {
        channelCustomerId: id,
        visitDate: chinaDate(),
        type: 'wechat',
        purpose: uniqueName('促销沟通'),
      },
    }),
  },
];
