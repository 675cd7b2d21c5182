import type { Role } from '@keqing/shared';
import type { Access, ScopeCase } from '../../test/scope-matrix.ts';
import { sameFor } from '../../test/scope-matrix.ts';

/** The roll-up is for admin and compliance only: a manager reads the team dashboard, a rep their home. */
const orgReaders: Record<Role, Access> = {
  rep: 'forbidden',
  manager: 'forbidden',
  admin: 'all',
  compliance: 'all',
};

export const orgDashboardScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/dashboards/org',
    kind: 'item',
    request: (_w, id) => ({ method: 'GET', url: `/api/dashboards/org?level=area&parentId=${id}` }),
    records: (w) => sameFor(w.region.id),
    access: orgReaders,
  },
  {
    route: 'GET /api/dashboards/org/export',
    kind: 'item',
    request: (_w, id) => ({ method: 'GET', url: `/api/dashboards/org/export?level=area&parentId=${id}` }),
    records: (w) => sameFor(w.region.id),
    access: orgReaders,
  },
];
