import type { ScopeCase } from '../../test/scope-matrix.ts';

/** 客情费: one case per route. */
export const careFeesScopeCases: ScopeCase[] = [];
