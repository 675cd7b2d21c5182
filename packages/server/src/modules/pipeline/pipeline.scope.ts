import type { ScopeCase } from '../../test/scope-matrix.ts';

export const pipelineScopeCases: ScopeCase[] = [];
