import type { Role } from '@keqing/shared';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

/** A manager reads the teams they lead (another team: 404); admin/compliance any team; a rep: 403. */
const teamReaders: Record<Role, Access> = {
  rep: 'forbidden',
  manager: 'scoped',
  admin: 'all',
  compliance: 'all',
};
const teamRecords = (w: World) => {
  const pair = { in: w.teams.team1.id, out: w.teams.team2.id };
  return { rep: pair, manager: pair, admin: pair, compliance: pair };
};

export const teamDashboardScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/dashboards/team',
    kind: 'item',
    request: (_w, id) => ({ method: 'GET', url: `/api/dashboards/team?teamId=${id}` }),
    records: teamRecords,
    access: teamReaders,
  },
  {
    route: 'GET /api/dashboards/team/export',
    kind: 'item',
    request: (_w, id) => ({ method: 'GET', url: `/api/dashboards/team/export?teamId=${id}` }),
    records: teamRecords,
    access: teamReaders,
  },
];
