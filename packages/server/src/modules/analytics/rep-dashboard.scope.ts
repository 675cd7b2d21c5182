import type { ScopeCase } from '../../test/scope-matrix.ts';

export const repDashboardScopeCases: ScopeCase[] = [];
