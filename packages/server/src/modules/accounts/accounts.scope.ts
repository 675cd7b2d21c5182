import type { ScopeCase } from '../../test/scope-matrix.ts';
import { byTerritory, everyone, sameFor } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

/** rep1a covers h1a; m1's team covers h1a and h1b; h2a belongs to team 2 only. */
const hospitalRecords = (w: World) => ({
  rep: { in: w.hospitals.h1a.id, out: w.hospitals.h1b.id },
  manager: { in: w.hospitals.h1b.id, out: w.hospitals.h2a.id },
  admin: { in: w.hospitals.h1a.id, out: w.hospitals.h2a.id },
  compliance: { in: w.hospitals.h1a.id, out: w.hospitals.h2a.id },
});
const channelRecords = (w: World) => sameFor(w.channelCustomers.cc1a.id, w.channelCustomers.cc2a.id);

export const accountsScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/hospitals',
    kind: 'list',
    access: byTerritory,
    records: hospitalRecords,
    request: () => ({ method: 'GET', url: '/api/hospitals?pageSize=200' }),
  },
  {
    route: 'GET /api/hospitals/:id',
    kind: 'item',
    access: byTerritory,
    records: hospitalRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/hospitals/${id}` }),
  },
  {
    route: 'GET /api/products',
    kind: 'list',
    access: everyone,
    records: (w) => sameFor(w.products.p1.id, w.products.p2.id),
    request: () => ({ method: 'GET', url: '/api/products' }),
  },
  {
    route: 'GET /api/products/:id',
    kind: 'item',
    access: everyone,
    records: (w) => sameFor(w.products.p1.id, w.products.p2.id),
    request: (_w, id) => ({ method: 'GET', url: `/api/products/${id}` }),
  },
  {
    route: 'GET /api/channel-customers',
    kind: 'list',
    access: byTerritory,
    records: channelRecords,
    request: () => ({ method: 'GET', url: '/api/channel-customers?pageSize=200' }),
  },
  {
    route: 'GET /api/channel-customers/:id',
    kind: 'item',
    access: byTerritory,
    records: channelRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/channel-customers/${id}` }),
  },
];
