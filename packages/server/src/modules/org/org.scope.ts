import { eq } from 'drizzle-orm';
import type { ScopeCase } from '../../test/scope-matrix.ts';
import { adminOnly, byTerritory, everyone, sameFor, uniqueName } from '../../test/scope-matrix.ts';
import { areas, regions, teams } from '../../db/schema.ts';
import type { Db } from '../../db/client.ts';

const versionOf = async (db: Db, table: typeof regions | typeof areas | typeof teams, id: string) =>
  (await db.select({ v: table.version }).from(table).where(eq(table.id, id)))[0]!.v;

export const orgScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/regions',
    kind: 'list',
    access: everyone,
    records: (w) => sameFor(w.region.id),
    request: () => ({ method: 'GET', url: '/api/regions' }),
  },
  {
    route: 'GET /api/regions/:id',
    kind: 'item',
    access: everyone,
    records: (w) => sameFor(w.region.id),
    request: (_w, id) => ({ method: 'GET', url: `/api/regions/${id}` }),
  },
  {
    route: 'POST /api/regions',
    kind: 'write',
    access: adminOnly,
    okStatus: 201,
    records: (w) => sameFor(w.region.id),
    request: () => ({ method: 'POST', url: '/api/regions', payload: { name: uniqueName('大区') } }),
  },
  {
    route: 'PATCH /api/regions/:id',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.region.id),
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/regions/${id}`,
      payload: { name: uniqueName('华东'), version: await versionOf(db, regions, id) },
    }),
  },
  {
    route: 'GET /api/areas',
    kind: 'list',
    access: everyone,
    records: (w) => sameFor(w.area.id),
    request: () => ({ method: 'GET', url: '/api/areas' }),
  },
  {
    route: 'GET /api/areas/:id',
    kind: 'item',
    access: everyone,
    records: (w) => sameFor(w.area.id),
    request: (_w, id) => ({ method: 'GET', url: `/api/areas/${id}` }),
  },
  {
    route: 'POST /api/areas',
    kind: 'write',
    access: adminOnly,
    okStatus: 201,
    records: (w) => sameFor(w.area.id),
    request: (w) => ({
      method: 'POST',
      url: '/api/areas',
      payload: { name: uniqueName('地区'), regionId: w.region.id },
    }),
  },
  {
    route: 'PATCH /api/areas/:id',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.area.id),
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/areas/${id}`,
      payload: { name: uniqueName('上海'), version: await versionOf(db, areas, id) },
    }),
  },
  {
    route: 'GET /api/teams',
    kind: 'list',
    access: byTerritory,
    records: (w) => ({
      rep: { in: w.teams.team1.id, out: w.teams.team2.id },
      manager: { in: w.teams.team1.id, out: w.teams.team2.id },
      admin: { in: w.teams.team1.id, out: w.teams.team2.id },
      compliance: { in: w.teams.team1.id, out: w.teams.team2.id },
    }),
    request: () => ({ method: 'GET', url: '/api/teams?pageSize=200' }),
  },
  {
    route: 'GET /api/teams/:id',
    kind: 'item',
    access: byTerritory,
    records: (w) => sameFor(w.teams.team1.id, w.teams.team2.id),
    request: (_w, id) => ({ method: 'GET', url: `/api/teams/${id}` }),
  },
  {
    route: 'POST /api/teams',
    kind: 'write',
    access: adminOnly,
    okStatus: 201,
    records: (w) => sameFor(w.teams.team1.id),
    request: (w) => ({
      method: 'POST',
      url: '/api/teams',
      payload: { name: uniqueName('团队'), areaId: w.area.id },
    }),
  },
  {
    route: 'PATCH /api/teams/:id',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.teams.team1.id, w.teams.team2.id),
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/teams/${id}`,
      payload: { name: uniqueName('组'), version: await versionOf(db, teams, id) },
    }),
  },
];
