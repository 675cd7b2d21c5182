import { eq } from 'drizzle-orm';
import { roles, type Role } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { savedViews } from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { uniqueName } from '../../test/scope-matrix.ts';
import { actorFor, type World } from '../../test/world.ts';

/**
 * Saved views are private: each role sees and changes its own view, and another user's view is
 * 404 for everyone (admin and compliance included). Fixed ids, created on first use.
 */
const viewIds: Record<Role | 'other', string> = {
  rep: '5a7ed000-0000-4000-8000-000000000001',
  manager: '5a7ed000-0000-4000-8000-000000000002',
  admin: '5a7ed000-0000-4000-8000-000000000003',
  compliance: '5a7ed000-0000-4000-8000-000000000004',
  other: '5a7ed000-0000-4000-8000-000000000005',
};
const ownerOf = (w: World, id: string) => {
  const role = roles.find((r) => viewIds[r] === id);
  return role ? actorFor(w, role).id : w.users.rep1b.id;
};

async function ensureViews(w: World, db: Db) {
  await db
    .insert(savedViews)
    .values(
      Object.values(viewIds).map((id) => ({
        id,
        userId: ownerOf(w, id),
        listKind: 'doctors',
        name: `视图${id.slice(-1)}`,
        params: { q: 'zs' },
      })),
    )
    .onConflictDoNothing();
}

const ownViews = (): Record<Role, { in: string; out?: string }> =>
  Object.fromEntries(roles.map((r) => [r, { in: viewIds[r], out: viewIds.other }])) as Record<
    Role,
    { in: string; out?: string }
  >;
const ownOnly: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'scoped',
  compliance: 'scoped',
};
const everyoneForSelf: Record<Role, Access> = { rep: 'all', manager: 'all', admin: 'all', compliance: 'all' };

export const viewsScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/saved-views',
    kind: 'list',
    access: ownOnly,
    records: ownViews,
    request: async (w, _id, db) => {
      await ensureViews(w, db);
      return { method: 'GET', url: '/api/saved-views?pageSize=200' };
    },
  },
  {
    route: 'GET /api/saved-views/:id',
    kind: 'item',
    access: ownOnly,
    records: ownViews,
    request: async (w, id, db) => {
      await ensureViews(w, db);
      return { method: 'GET', url: `/api/saved-views/${id}` };
    },
  },
  {
    route: 'POST /api/saved-views',
    kind: 'write',
    access: everyoneForSelf,
    okStatus: 201,
    records: ownViews,
    request: () => ({
      method: 'POST',
      url: '/api/saved-views',
      payload: { listKind: 'doctors', name: uniqueName('我的视图'), params: { grade: 'A' } },
    }),
  },
  {
    route: 'PATCH /api/saved-views/:id',
    kind: 'write',
    access: ownOnly,
    records: ownViews,
    request: async (w, id, db) => {
      await ensureViews(w, db);
      const [v] = await db
        .select({ version: savedViews.version })
        .from(savedViews)
        .where(eq(savedViews.id, id));
      return {
        method: 'PATCH',
        url: `/api/saved-views/${id}`,
        payload: { name: uniqueName('改名'), version: v!.version },
      };
    },
  },
  {
    // deletes a fresh view of the same owner as the target
    route: 'DELETE /api/saved-views/:id',
    kind: 'write',
    access: ownOnly,
    okStatus: 204,
    records: ownViews,
    request: async (w, id, db) => {
      const [v] = await db
        .insert(savedViews)
        .values({ userId: ownerOf(w, id), listKind: 'doctors', name: uniqueName('待删视图'), params: {} })
        .returning({ id: savedViews.id });
      return { method: 'DELETE', url: `/api/saved-views/${v!.id}` };
    },
  },
];
