import { eq } from 'drizzle-orm';
import type { ScopeCase } from '../../test/scope-matrix.ts';
import { adminOnly, byTerritory, sameFor, uniqueName } from '../../test/scope-matrix.ts';
import { territories } from '../../db/schema.ts';
import type { World } from '../../test/world.ts';

/** rep: own territory vs a teammate's; manager: a team territory vs another team's. */
const territoryRecords = (w: World) => ({
  rep: { in: w.territories.t1a.id, out: w.territories.t1b.id },
  manager: { in: w.territories.t1b.id, out: w.territories.t2a.id },
  admin: { in: w.territories.t1a.id, out: w.territories.t2a.id },
  compliance: { in: w.territories.t1a.id, out: w.territories.t2a.id },
});

export const territoriesScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/territories',
    kind: 'list',
    access: byTerritory,
    records: territoryRecords,
    request: () => ({ method: 'GET', url: '/api/territories?pageSize=200' }),
  },
  {
    route: 'GET /api/territories/:id',
    kind: 'item',
    access: byTerritory,
    records: territoryRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/territories/${id}` }),
  },
  {
    route: 'POST /api/territories',
    kind: 'write',
    access: adminOnly,
    okStatus: 201,
    records: (w) => sameFor(w.territories.t1a.id),
    request: (w) => ({
      method: 'POST',
      url: '/api/territories',
      payload: {
        code: uniqueName('T'),
        name: '新辖区',
        teamId: w.teams.team1.id,
        hospitalIds: [w.hospitals.h1a.id],
      },
    }),
  },
  {
    route: 'PATCH /api/territories/:id',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.territories.t1b.id, w.territories.t2a.id),
    request: async (_w, id, db) => {
      const [t] = await db.select({ v: territories.version }).from(territories).where(eq(territories.id, id));
      return {
        method: 'PATCH',
        url: `/api/territories/${id}`,
        payload: { name: uniqueName('辖区'), version: t!.v },
      };
    },
  },
  {
    // Assigns a fresh, unassigned territory so the world's coverage stays as the other cases expect.
    route: 'POST /api/territories/:id/assign',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.territories.t1b.id),
    request: async (w, _id, db) => {
      const [t] = await db
        .insert(territories)
        .values({ code: uniqueName('TA'), name: '待分配辖区', teamId: w.teams.team1.id })
        .returning();
      return {
        method: 'POST',
        url: `/api/territories/${t!.id}/assign`,
        payload: { userId: w.users.rep1b.id },
      };
    },
  },
];
