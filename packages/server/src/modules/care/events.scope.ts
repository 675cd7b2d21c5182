import type { ScopeCase } from '../../test/scope-matrix.ts';

/** 学术会议/科室会: one case per route. */
export const eventsScopeCases: ScopeCase[] = [];
