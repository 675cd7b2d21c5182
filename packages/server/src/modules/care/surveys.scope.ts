import type { ScopeCase } from '../../test/scope-matrix.ts';

/** 满意度调查: one case per route. */
export const surveysScopeCases: ScopeCase[] = [];
