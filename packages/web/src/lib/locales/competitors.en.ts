import type { competitorsZhCN } from './competitors.zh-CN.ts';

/** English texts of competitors. */
export const competitorsEn: typeof competitorsZhCN = {
  competitors: {
    title: 'competitor intelligence',
  },
};
