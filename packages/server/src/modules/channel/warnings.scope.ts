import type { ScopeCase } from '../../test/scope-matrix.ts';

/** 渠道预警、冲货事件、承诺、健康度、渠道设置: one case per route. */
export const warningsScopeCases: ScopeCase[] = [];
