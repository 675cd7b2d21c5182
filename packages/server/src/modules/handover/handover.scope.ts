import { eq } from 'drizzle-orm';
import type { Role } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import { hashPassword } from '../auth/password.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { adminOnly, sameFor, uniqueName } from '../../test/scope-matrix.ts';
import { testPassword } from '../../test/test-app.ts';
import type { World } from '../../test/world.ts';
import { insertFixtureHandover } from './handover.fixtures.ts';

/** Admin and compliance read all hand-overs, a manager their team's, a rep none. */
const readers: Record<Role, Access> = {
  rep: 'forbidden',
  manager: 'scoped',
  admin: 'all',
  compliance: 'all',
};
const drafts = (w: World) => ({
  rep: { in: w.handover.team1Draft },
  manager: { in: w.handover.team1Draft, out: w.handover.team2Draft },
  admin: { in: w.handover.team1Draft, out: w.handover.team2Draft },
  compliance: { in: w.handover.team1Draft, out: w.handover.team2Draft },
});

let hash: Promise<string> | undefined;
/** A fresh team1 rep holding nothing, so writes never disturb the world the other cases use. */
async function freshRep(w: World, db: Db) {
  hash ??= hashPassword(testPassword);
  const [u] = await db
    .insert(s.users)
    .values({
      username: uniqueName('leaver'),
      name: '离职代表',
      role: 'rep',
      teamId: w.teams.team1.id,
      passwordHash: await hash,
    })
    .returning({ id: s.users.id });
  return u!.id;
}

/** A fresh draft whose whole plan is the team1 manager as caretaker. */
async function freshDraft(w: World, db: Db) {
  const id = await insertFixtureHandover(db, await freshRep(w, db), w.users.admin.id);
  await db
    .update(s.handovers)
    .set({ plan: { territories: [], defaultToUserId: w.users.m1.id, overrides: [] } })
    .where(eq(s.handovers.id, id));
  return id;
}

export const handoverScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/handovers',
    kind: 'list',
    access: readers,
    records: drafts,
    request: () => ({ method: 'GET', url: '/api/handovers?pageSize=200' }),
  },
  {
    route: 'GET /api/handovers/:id',
    kind: 'item',
    access: readers,
    records: drafts,
    request: (_w, id) => ({ method: 'GET', url: `/api/handovers/${id}` }),
  },
  {
    route: 'GET /api/handovers/:id/preview',
    kind: 'item',
    access: readers,
    records: drafts,
    request: (_w, id) => ({ method: 'GET', url: `/api/handovers/${id}/preview` }),
  },
  {
    route: 'POST /api/handovers',
    kind: 'write',
    access: adminOnly,
    okStatus: 201,
    records: (w) => sameFor(w.handover.team1Draft),
    request: async (w, _id, db) => ({
      method: 'POST',
      url: '/api/handovers',
      payload: { fromUserId: await freshRep(w, db) },
    }),
  },
  {
    route: 'PATCH /api/handovers/:id',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.handover.team1Draft),
    request: async (w, _id, db) => ({
      method: 'PATCH',
      url: `/api/handovers/${await freshDraft(w, db)}`,
      payload: { version: 1, reason: '离职' },
    }),
  },
  {
    route: 'POST /api/handovers/:id/complete',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.handover.team1Draft),
    request: async (w, _id, db) => ({
      method: 'POST',
      url: `/api/handovers/${await freshDraft(w, db)}/complete`,
      payload: { version: 1 },
    }),
  },
  {
    route: 'POST /api/handovers/:id/cancel',
    kind: 'write',
    access: adminOnly,
    records: (w) => sameFor(w.handover.team1Draft),
    request: async (w, _id, db) => ({
      method: 'POST',
      url: `/api/handovers/${await freshDraft(w, db)}/cancel`,
      payload: { version: 1 },
    }),
  },
  {
    route: 'GET /api/admin/orphans',
    kind: 'item',
    access: { rep: 'forbidden', manager: 'forbidden', admin: 'all', compliance: 'all' },
    records: (w) => sameFor(w.handover.team1Draft),
    request: () => ({ method: 'GET', url: '/api/admin/orphans' }),
  },
];
