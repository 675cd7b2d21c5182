import type { ScopeCase } from '../../test/scope-matrix.ts';

/** 订单、送货/退货、库存、流向导入: one case per route. */
export const goodsScopeCases: ScopeCase[] = [];
