import type { ScopeCase } from '../../test/scope-matrix.ts';
import { sameFor } from '../../test/scope-matrix.ts';

export const auditScopeCases: ScopeCase[] = [
  {
    route: 'GET /api/audit-logs',
    kind: 'list',
    access: { rep: 'forbidden', manager: 'forbidden', admin: 'all', compliance: 'all' },
    records: (w) => sameFor(w.auditEntryId),
    request: () => ({ method: 'GET', url: '/api/audit-logs?entity=hospital' }),
  },
];
