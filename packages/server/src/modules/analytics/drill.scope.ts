import type { ScopeCase } from '../../test/scope-matrix.ts';
import { byTerritory } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

/**
 * Drill-down by rep: a rep their own records (another rep: 404), a manager the reps of their teams (rep2a of
 * team2: 404), admin/compliance anyone.
 */
const repRecords = (w: World) => ({
  rep: { in: w.users.rep1a.id, out: w.users.rep1b.id },
  manager: { in: w.users.rep1a.id, out: w.users.rep2a.id },
  admin: { in: w.users.rep1a.id, out: w.users.rep2a.id },
  compliance: { in: w.users.rep1a.id, out: w.users.rep2a.id },
});

const drillCase = (path: string): ScopeCase => ({
  route: `GET /api/dashboards/drill/${path}`,
  kind: 'item',
  request: (_w, id) => ({ method: 'GET', url: `/api/dashboards/drill/${path}?repId=${id}` }),
  records: repRecords,
  access: byTerritory,
});

export const drillScopeCases: ScopeCase[] = [
  'doctors',
  'doctors/export',
  'calls',
  'calls/export',
  'follow-ups',
  'follow-ups/export',
].map(drillCase);
