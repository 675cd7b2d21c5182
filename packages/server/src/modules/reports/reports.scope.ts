import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Role } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { byTerritory, sameFor } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';
import { insertFixtureReport } from './reports.fixtures.ts';

type Records = Record<Role, { in: string; out?: string }>;

/** Reports: a rep sees their own, a manager their team's (another team's: 404), admin and compliance all. */
const submitted = (w: World): Records => ({
  rep: { in: w.reports.submitted1a, out: w.reports.submitted2a },
  manager: { in: w.reports.submitted1a, out: w.reports.submitted2a },
  admin: { in: w.reports.submitted1a, out: w.reports.submitted2a },
  compliance: { in: w.reports.submitted1a, out: w.reports.submitted2a },
});

/** The owner writes their own report: a rep rep1a's, a manager their own; admin on a rep's report 403. */
const ownerWrites: Record<Role, Access> = {
  rep: 'scoped',
  manager: 'scoped',
  admin: 'forbidden',
  compliance: 'forbidden',
};
const own =
  (kind: 'draft' | 'submitted') =>
  (w: World): Records => {
    const r = w.reports;
    return kind === 'draft'
      ? {
          rep: { in: r.draft1a, out: r.draft2a },
          manager: { in: r.draftM1, out: r.draft2a },
          admin: { in: r.draft1a },
          compliance: { in: r.draft1a },
        }
      : {
          rep: { in: r.submitted1a, out: r.submitted2a },
          manager: { in: r.submittedM1, out: r.submitted2a },
          admin: { in: r.submitted1a },
          compliance: { in: r.submitted1a },
        };
  };

const owners = (w: World): Records => sameFor(w.users.rep1a.id, w.users.rep2a.id);

async function reportOf(db: Db, id: string) {
  const [row] = await db
    .select({ ownerId: s.dailyReports.ownerId, version: s.dailyReports.version })
    .from(s.dailyReports)
    .where(eq(s.dailyReports.id, id));
  return row ?? { ownerId: id, version: 1 };
}

let freshDay = 0;
/** A past day no fixture uses, so each call submits a fresh draft. */
const nextFreshDate = () => `2026-10-${String((freshDay++ % 28) + 1).padStart(2, '0')}`;

export const reportsScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/daily-reports',
    kind: 'list',
    access: byTerritory,
    records: submitted,
    request: () => ({ method: 'GET', url: '/api/daily-reports?pageSize=200' }),
  },
  {
    route: 'GET /api/daily-reports/draft',
    kind: 'item',
    access: { rep: 'all', manager: 'all', admin: 'all', compliance: 'all' },
    records: (w) => sameFor(w.users.rep1a.id),
    request: () => ({ method: 'GET', url: '/api/daily-reports/draft?date=2026-11-20' }),
  },
  {
    route: 'GET /api/daily-reports/team-day',
    kind: 'item',
    access: { rep: 'forbidden', manager: 'scoped', admin: 'all', compliance: 'all' },
    records: (w) => sameFor(w.teams.team1.id, w.teams.team2.id),
    request: (_w, id) => ({ method: 'GET', url: `/api/daily-reports/team-day?date=2026-11-18&teamId=${id}` }),
  },
  {
    route: 'POST /api/daily-reports',
    kind: 'write',
    access: { rep: 'all', manager: 'all', admin: 'all', compliance: 'forbidden' },
    okStatus: 201,
    records: (w) => sameFor(w.users.rep1a.id),
    request: () => ({ method: 'POST', url: '/api/daily-reports', payload: { date: '2026-11-25' } }),
  },
  {
    route: 'GET /api/daily-reports/:id',
    kind: 'item',
    access: byTerritory,
    records: submitted,
    request: (_w, id) => ({ method: 'GET', url: `/api/daily-reports/${id}` }),
  },
  {
    route: 'PATCH /api/daily-reports/:id',
    kind: 'write',
    access: ownerWrites,
    records: own('draft'),
    request: async (_w, id, db) => ({
      method: 'PATCH',
      url: `/api/daily-reports/${id}`,
      payload: { version: (await reportOf(db, id)).version, problems: '医院限制拜访时间' },
    }),
  },
  {
    // each call submits a fresh draft of the fixture's owner, so the next role still finds one
    route: 'POST /api/daily-reports/:id/submit',
    kind: 'write',
    access: ownerWrites,
    records: own('draft'),
    request: async (_w, id, db) => {
      const { ownerId } = await reportOf(db, id);
      const fresh = await insertFixtureReport(db, ownerId, nextFreshDate());
      return { method: 'POST', url: `/api/daily-reports/${fresh}/submit`, payload: { version: 1 } };
    },
  },
  {
    route: 'POST /api/daily-reports/:id/amend',
    kind: 'write',
    access: ownerWrites,
    records: own('submitted'),
    request: async (_w, id, db) => ({
      method: 'POST',
      url: `/api/daily-reports/${id}/amend`,
      payload: {
        version: (await reportOf(db, id)).version,
        reason: '补充遗漏内容',
        changes: { problems: `竞品降价 ${randomUUID()}` },
      },
    }),
  },
  {
    route: 'POST /api/daily-reports/:id/read',
    kind: 'write',
    access: { rep: 'forbidden', manager: 'scoped', admin: 'all', compliance: 'forbidden' },
    records: submitted,
    request: (_w, id) => ({ method: 'POST', url: `/api/daily-reports/${id}/read` }),
  },
  {
    route: 'GET /api/daily-reports/:id/comments',
    kind: 'item',
    access: byTerritory,
    records: submitted,
    request: (_w, id) => ({ method: 'GET', url: `/api/daily-reports/${id}/comments` }),
  },
  {
    // the rep answers on their own report, the manager comments on their rep's
    route: 'POST /api/daily-reports/:id/comments',
    kind: 'write',
    access: { rep: 'scoped', manager: 'scoped', admin: 'forbidden', compliance: 'forbidden' },
    okStatus: 201,
    records: submitted,
    request: (_w, id) => ({
      method: 'POST',
      url: `/api/daily-reports/${id}/comments`,
      payload: { clientId: randomUUID(), body: '请下周跟进李主任' },
    }),
  },
  {
    route: 'GET /api/weekly-reports',
    kind: 'item',
    access: byTerritory,
    records: owners,
    request: (_w, id) => ({ method: 'GET', url: `/api/weekly-reports?ownerId=${id}&week=2026-11-16` }),
  },
];
