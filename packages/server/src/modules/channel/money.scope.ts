import type { ScopeCase } from '../../test/scope-matrix.ts';

/** 业务帐、回款、对账、票据、风险事件、促销: one case per route. */
export const moneyScopeCases: ScopeCase[] = [];
