import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Role } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { byTerritory, sameFor } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

type Records = Record<Role, { in: string; out?: string }>;

/**
 * A prospect is seen by whoever sees its owner (rep: own; manager: their teams' members; admin/compliance: all) and
 * written by the same people but compliance. Drop and convert go one way, so each role has its own record; the
 * admin's has no out-of-scope twin (it would be consumed too).
 */
const ownerWrites: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'all',
  compliance: 'forbidden',
};
const selfWrites: Record<Role, Access> = {
  rep: 'all',
  manager: 'all',
  admin: 'all',
  compliance: 'forbidden',
};

const prospects = (w: World): Records => ({
  rep: { in: w.prospects.p1a, out: w.prospects.p2a },
  manager: { in: w.prospects.p1b, out: w.prospects.p2a },
  admin: { in: w.prospects.p1a, out: w.prospects.p2a },
  compliance: { in: w.prospects.p1a, out: w.prospects.p2a },
});
const owners = (w: World): Records => ({
  rep: { in: w.users.rep1a.id, out: w.users.rep2a.id },
  manager: { in: w.users.rep1b.id, out: w.users.rep2a.id },
  admin: { in: w.users.rep1a.id, out: w.users.rep2a.id },
  compliance: { in: w.users.rep1a.id, out: w.users.rep2a.id },
});
const oneWay =
  (key: 'drop' | 'convert') =>
  (w: World): Records => {
    const p = w.prospects;
    const [mine, team, admin, other] =
      key === 'drop'
        ? [p.drop1a, p.drop1b, p.dropAdmin, p.drop2a]
        : [p.convert1a, p.convert1b, p.convertAdmin, p.convert2a];
    return {
      rep: { in: mine, out: other },
      manager: { in: team, out: other },
      admin: { in: admin },
      compliance: { in: mine },
    };
  };

async function current(db: Db, id: string) {
  const [row] = await db
    .select({ version: s.channelProspects.version, phase: s.channelProspects.phase })
    .from(s.channelProspects)
    .where(eq(s.channelProspects.id, id));
  return row ?? { version: 1, phase: 'execution' as const };
}

/** A territory the prospect's owner covers today. */
async function ownerTerritory(db: Db, prospectId: string) {
  const [row] = await db
    .select({ territoryId: s.territoryAssignments.territoryId })
    .from(s.territoryAssignments)
    .innerJoin(s.channelProspects, eq(s.channelProspects.ownerId, s.territoryAssignments.userId))
    .where(and(eq(s.channelProspects.id, prospectId), isNull(s.territoryAssignments.endDate)))
    .orderBy(s.territoryAssignments.startDate)
    .limit(1);
  return row?.territoryId;
}

export const prospectsScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/prospects',
    kind: 'list',
    access: byTerritory,
    records: prospects,
    request: () => ({ method: 'GET', url: '/api/prospects?pageSize=200' }),
  },
  {
    route: 'GET /api/prospects/funnel',
    kind: 'item',
    access: byTerritory,
    records: owners,
    request: (_w, id) => ({ method: 'GET', url: `/api/prospects/funnel?ownerId=${id}` }),
  },
  {
    route: 'GET /api/prospects/:id',
    kind: 'item',
    access: byTerritory,
    records: prospects,
    request: (_w, id) => ({ method: 'GET', url: `/api/prospects/${id}` }),
  },
  {
    route: 'POST /api/prospects',
    kind: 'write',
    access: selfWrites,
    okStatus: 201,
    records: (w) => sameFor(w.users.rep1a.id),
    request: () => ({
      method: 'POST',
      url: '/api/prospects',
      payload: { clientId: randomUUID(), name: '嘉定康乐药房', kind: 'pharmacy', source: 'marketInfo' },
    }),
  },
  {
    route: 'PATCH /api/prospects/:id',
    kind: 'write',
    access: ownerWrites,
    records: prospects,
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/prospects/${id}`,
      payload: { version: (await current(db, id)).version, nextAction: '约采购主管面谈' },
    }),
  },
  {
    route: 'POST /api/prospects/:id/phase',
    kind: 'write',
    access: ownerWrites,
    records: (w) => ({
      rep: { in: w.prospects.phase1a, out: w.prospects.phase2a },
      manager: { in: w.prospects.phase1b, out: w.prospects.phase2a },
      admin: { in: w.prospects.phase1a, out: w.prospects.phase2a },
      compliance: { in: w.prospects.phase1a },
    }),
    // 实施 ⇄ 修正 both ways, so every role's call is a valid move whatever ran before
    request: async (_w, id, db) => {
      const { version, phase } = await current(db, id);
      return {
        method: 'POST',
        url: `/api/prospects/${id}/phase`,
        payload: { version, phase: phase === 'revision' ? 'execution' : 'revision' },
      };
    },
  },
  {
    route: 'POST /api/prospects/:id/convert',
    kind: 'write',
    access: ownerWrites,
    records: oneWay('convert'),
    request: async (_w, id, db) => ({
      method: 'POST',
      url: `/api/prospects/${id}/convert`,
      payload: {
        version: (await current(db, id)).version,
        // other cases may have handed the owner a second territory by now: name one
        customer: { province: '上海', territoryId: await ownerTerritory(db, id) },
      },
    }),
  },
  {
    route: 'POST /api/prospects/:id/drop',
    kind: 'write',
    access: ownerWrites,
    records: oneWay('drop'),
    request: async (_w, id, db) => ({
      method: 'POST',
      url: `/api/prospects/${id}/drop`,
      payload: { version: (await current(db, id)).version, reason: '对方已有稳定供应商' },
    }),
  },
];
