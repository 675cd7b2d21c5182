import type { ScopeCase } from '../../test/scope-matrix.ts';

/** 渠道客户、证照、联系人、合同、渠道产品与价格、返利政策、终端拜访: one case per route. */
export const partiesScopeCases: ScopeCase[] = [];
