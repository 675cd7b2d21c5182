import type { Role } from '@keqing/shared';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import type { World } from '../../test/world.ts';

/** rep1a's dashboard is in every role's scope; rep2a's only for admin and compliance (rep and m1: 404). */
const repRecords = (w: World): Record<Role, { in: string; out?: string }> => {
  const { rep1a, rep2a } = w.users;
  return {
    rep: { in: rep1a.id, out: rep2a.id },
    manager: { in: rep1a.id, out: rep2a.id },
    admin: { in: rep1a.id, out: rep2a.id },
    compliance: { in: rep1a.id, out: rep2a.id },
  };
};
const access: Record<Role, Access> = { rep: 'scoped', manager: 'scoped', admin: 'all', compliance: 'all' };

export const repDashboardScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/dashboards/rep',
    kind: 'item',
    request: (_w, id) => ({ method: 'GET', url: `/api/dashboards/rep?repId=${id}` }),
    records: repRecords,
    access,
  },
  {
    route: 'GET /api/dashboards/rep/export',
    kind: 'item',
    request: (_w, id) => ({ method: 'GET', url: `/api/dashboards/rep/export?repId=${id}` }),
    records: repRecords,
    access,
  },
];
