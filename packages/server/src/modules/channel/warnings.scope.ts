import { eq } from 'drizzle-orm';
import type { Role } from '@keqing/shared';
import { defaultChannelSettings } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { channelIncidents, channelPromises } from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { adminOnly, byTerritory, everyone, sameFor, uniqueName } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';
import { insertFixtureWarning } from './warnings.fixtures.ts';

type Records = Record<Role, { in: string; out?: string }>;
const inOut = (inId: string, outId: string): Records => ({
  rep: { in: inId, out: outId },
  manager: { in: inId, out: outId },
  admin: { in: inId, out: outId },
  compliance: { in: inId, out: outId },
});
const customers = (w: World) => inOut(w.channelCustomers.cc1a.id, w.channelCustomers.cc2a.id);
const warningRecords = (w: World) => inOut(w.warnings.warnings.w1a, w.warnings.warnings.w2a);
const incidentRecords = (w: World) => inOut(w.warnings.incidents.i1a, w.warnings.incidents.i2a);
const promiseRecords = (w: World) => inOut(w.warnings.promises.pr1a, w.warnings.promises.pr2a);

/** Reps and managers in scope write; admin everything; compliance never. */
const scopedWrites: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'all',
  compliance: 'forbidden',
};

const versionOf = async (db: Db, table: typeof channelIncidents | typeof channelPromises, id: string) =>
  (await db.select({ version: table.version }).from(table).where(eq(table.id, id)))[0]?.version ?? 1;

/** 渠道预警、冲货事件、承诺、健康度、渠道设置: one case per route. */
export const warningsScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/channel-settings',
    kind: 'item',
    access: everyone,
    records: () => sameFor('settings'),
    request: () => ({ method: 'GET', url: '/api/channel-settings' }),
  },
  {
    route: 'PUT /api/channel-settings',
    kind: 'write',
    access: adminOnly,
    records: () => sameFor('settings'),
    request: () => ({ method: 'PUT', url: '/api/channel-settings', payload: defaultChannelSettings }),
  },
  {
    route: 'GET /api/channel-warnings',
    kind: 'list',
    access: byTerritory,
    records: warningRecords,
    request: () => ({ method: 'GET', url: '/api/channel-warnings?pageSize=200' }),
  },
  {
    route: 'GET /api/channel-warnings/summary',
    kind: 'item',
    access: byTerritory,
    records: customers,
    request: (_w, id) => ({ method: 'GET', url: `/api/channel-warnings/summary?channelCustomerId=${id}` }),
  },
  {
    route: 'GET /api/channel-warnings/:id',
    kind: 'item',
    access: byTerritory,
    records: warningRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/channel-warnings/${id}` }),
  },
  {
    // a fresh warning of the named distributor each time, so no earlier call (or evaluation) has changed it
    route: 'POST /api/channel-warnings/:id/acknowledge',
    kind: 'write',
    access: scopedWrites,
    records: customers,
    request: async (w, id, db) => {
      const which = id === w.channelCustomers.cc1a.id ? 'cc1a' : 'cc2a';
      const warningId = await insertFixtureWarning(db, w, which, uniqueName('ack'));
      return {
        method: 'POST',
        url: `/api/channel-warnings/${warningId}/acknowledge`,
        payload: { note: '已电话沟通' },
      };
    },
  },
  {
    route: 'POST /api/channel-warnings/evaluate',
    kind: 'write',
    access: { rep: 'forbidden', manager: 'scoped', admin: 'all', compliance: 'forbidden' },
    records: customers,
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/channel-warnings/evaluate',
      payload: { channelCustomerId: id },
    }),
  },
  {
    route: 'GET /api/channel-incidents',
    kind: 'list',
    access: byTerritory,
    records: incidentRecords,
    request: () => ({ method: 'GET', url: '/api/channel-incidents?pageSize=200' }),
  },
  {
    route: 'GET /api/channel-incidents/:id',
    kind: 'item',
    access: byTerritory,
    records: incidentRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/channel-incidents/${id}` }),
  },
  {
    // an incident touching nothing in the caller's scope is a field error (warnings.test.ts)
    route: 'POST /api/channel-incidents',
    kind: 'write',
    access: scopedWrites,
    okStatus: 201,
    records: (w) => sameFor(w.channelCustomers.cc1a.id),
    request: (w, id) => ({
      method: 'POST',
      url: '/api/channel-incidents',
      payload: {
        sourceRegion: '安徽',
        productId: w.products.p1.id,
        affectedCustomerId: id,
        description: uniqueName('冲货'),
        openedOn: '2026-11-02',
      },
    }),
  },
  {
    route: 'PATCH /api/channel-incidents/:id',
    kind: 'write',
    access: scopedWrites,
    records: incidentRecords,
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/channel-incidents/${id}`,
      payload: { description: uniqueName('冲货说明'), version: await versionOf(db, channelIncidents, id) },
    }),
  },
  {
    route: 'GET /api/channel-promises',
    kind: 'list',
    access: byTerritory,
    records: promiseRecords,
    request: () => ({ method: 'GET', url: '/api/channel-promises?pageSize=200' }),
  },
  {
    route: 'POST /api/channel-promises',
    kind: 'write',
    access: scopedWrites,
    okStatus: 201,
    records: (w) => sameFor(w.channelCustomers.cc1a.id),
    request: (_w, id) => ({
      method: 'POST',
      url: '/api/channel-promises',
      payload: {
        channelCustomerId: id,
        promise: uniqueName('承诺'),
        madeOn: '2026-11-02',
        dueOn: '2099-01-31',
      },
    }),
  },
  {
    route: 'PATCH /api/channel-promises/:id',
    kind: 'write',
    access: scopedWrites,
    records: promiseRecords,
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/channel-promises/${id}`,
      payload: { note: uniqueName('进展'), version: await versionOf(db, channelPromises, id) },
    }),
  },
  {
    route: 'GET /api/channel-health',
    kind: 'item',
    access: byTerritory,
    records: customers,
    request: (_w, id) => ({ method: 'GET', url: `/api/channel-health?channelCustomerId=${id}` }),
  },
  {
    route: 'GET /api/channel-health/latest',
    kind: 'list',
    access: byTerritory,
    records: customers,
    request: () => ({ method: 'GET', url: '/api/channel-health/latest' }),
  },
];
