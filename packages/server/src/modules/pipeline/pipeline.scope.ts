import { eq } from 'drizzle-orm';
import { nextStageOf, type Role } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { byTerritory } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

type Records = Record<Role, { in: string; out?: string }>;

/** p1a (上海市第一人民医院, team1) is in rep1a's and m1's scope, p2a (中山医院, team2) outside it. */
const pipelines = (w: World): Records => ({
  rep: { in: w.pipeline.p1a, out: w.pipeline.p2a },
  manager: { in: w.pipeline.p1a, out: w.pipeline.p2a },
  admin: { in: w.pipeline.p1a, out: w.pipeline.p2a },
  compliance: { in: w.pipeline.p1a, out: w.pipeline.p2a },
});

/** The covering rep and the team's manager write in their scope, admins everywhere; compliance reads only. */
const writers: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'all',
  compliance: 'forbidden',
};

/** Board filtered by owner: visible owner 200, another team's rep 404. */
const owners = (w: World): Records => ({
  rep: { in: w.users.rep1a.id, out: w.users.rep2a.id },
  manager: { in: w.users.rep1b.id, out: w.users.rep2a.id },
  admin: { in: w.users.rep1a.id, out: w.users.rep2a.id },
  compliance: { in: w.users.rep1a.id, out: w.users.rep2a.id },
});

/** Creates name `hospitalId|productId` pairs not taken yet: each role starts its own pipeline. */
const newPairs = (w: World): Records => {
  const { h1a, h1b, h2a, hShared } = w.hospitals;
  const { p1, p2 } = w.products;
  return {
    rep: { in: `${hShared.id}|${p1.id}`, out: `${h2a.id}|${p1.id}` },
    manager: { in: `${h1b.id}|${p1.id}`, out: `${h2a.id}|${p1.id}` },
    admin: { in: `${h1a.id}|${p2.id}` },
    compliance: { in: `${h1b.id}|${p2.id}` },
  };
};

async function current(db: Db, id: string) {
  const [row] = await db
    .select({
      version: s.listingPipelines.version,
      stage: s.listingPipelines.stage,
      stageDate: s.listingPipelines.stageDate,
    })
    .from(s.listingPipelines)
    .where(eq(s.listingPipelines.id, id));
  return row ?? { version: 1, stage: 'target' as const, stageDate: '2026-01-01' };
}

export const pipelineScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/pipelines',
    kind: 'list',
    access: byTerritory,
    records: pipelines,
    request: () => ({ method: 'GET', url: '/api/pipelines?pageSize=200' }),
  },
  {
    route: 'GET /api/pipelines/board',
    kind: 'item',
    access: byTerritory,
    records: owners,
    request: (_w, id) => ({ method: 'GET', url: `/api/pipelines/board?ownerId=${id}` }),
  },
  {
    route: 'GET /api/pipelines/:id',
    kind: 'item',
    access: byTerritory,
    records: pipelines,
    request: (_w, id) => ({ method: 'GET', url: `/api/pipelines/${id}` }),
  },
  {
    route: 'POST /api/pipelines',
    kind: 'write',
    access: writers,
    okStatus: 201,
    records: newPairs,
    request: (_w, pair) => {
      const [hospitalId, productId] = pair.split('|');
      return {
        method: 'POST',
        url: '/api/pipelines',
        payload: { hospitalId, productId, stageDate: '2026-11-20' },
      };
    },
  },
  {
    route: 'PATCH /api/pipelines/:id',
    kind: 'write',
    access: writers,
    records: pipelines,
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/pipelines/${id}`,
      payload: {
        version: (await current(db, id)).version,
        nextAction: '约药剂科主任面谈',
        nextActionDue: '2026-12-20',
      },
    }),
  },
  {
    // each allowed call moves the pipeline one stage on, so the next role finds a fresh move to make
    route: 'POST /api/pipelines/:id/stage',
    kind: 'write',
    access: writers,
    records: pipelines,
    request: async (_w, id, db) => {
      const p = await current(db, id);
      return {
        method: 'POST',
        url: `/api/pipelines/${id}/stage`,
        payload: {
          toStage: nextStageOf(p.stage) ?? 'applied',
          date: p.stageDate,
          reason: '按实际进度更新',
          via: 'board',
          version: p.version,
        },
      };
    },
  },
];
