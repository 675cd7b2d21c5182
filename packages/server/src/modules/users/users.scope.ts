import { eq } from 'drizzle-orm';
import type { ScopeCase } from '../../test/scope-matrix.ts';
import { adminOnly, byTerritory, sameFor, uniqueName } from '../../test/scope-matrix.ts';
import { users } from '../../db/schema.ts';
import type { World } from '../../test/world.ts';

/** rep: themself vs a teammate; manager: a team member vs another team's rep. */
const userRecords = (w: World) => ({
  rep: { in: w.users.rep1a.id, out: w.users.rep1b.id },
  manager: { in: w.users.rep1b.id, out: w.users.rep2a.id },
  admin: { in: w.users.rep1a.id, out: w.users.rep2a.id },
  compliance: { in: w.users.rep1a.id, out: w.users.rep2a.id },
});

export const usersScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/users',
    kind: 'list',
    access: byTerritory,
    records: userRecords,
    request: () => ({ method: 'GET', url: '/api/users?pageSize=200' }),
  },
  {
    route: 'GET /api/users/:id',
    kind: 'item',
    access: byTerritory,
    records: userRecords,
    request: (_w, id) => ({ method: 'GET', url: `/api/users/${id}` }),
  },
  {
    route: 'POST /api/users',
    kind: 'write',
    access: adminOnly,
    okStatus: 201,
    records: (w) => sameFor(w.users.rep1a.id),
    request: (w) => ({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: uniqueName('u'),
        name: '新代表',
        role: 'rep',
        teamId: w.teams.team1.id,
        password: 'Welcome2026a',
      },
    }),
  },
  {
    route: 'PATCH /api/users/:id',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.users.rep1b.id, w.users.rep2a.id),
    request: async (_w, id, db) => {
      const [u] = await db.select({ v: users.version }).from(users).where(eq(users.id, id));
      return { method: 'PATCH', url: `/api/users/${id}`, payload: { phone: '13800000000', version: u!.v } };
    },
  },
  {
    route: 'POST /api/users/:id/reset-password',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.users.rep2a.id),
    request: (_w, id) => ({
      method: 'POST',
      url: `/api/users/${id}/reset-password`,
      payload: { newPassword: 'Temporary2026x' },
    }),
  },
  {
    route: 'POST /api/users/:id/logout-everywhere',
    kind: 'write',
    access: adminOnly,
    // not a signed-in client of the matrix, so no other case loses its session
    records: (w) => sameFor(w.users.rep2a.id),
    request: (_w, id) => ({ method: 'POST', url: `/api/users/${id}/logout-everywhere` }),
  },
];
