import type { analyticsZhCN } from './analytics.zh-CN.ts';

/** English texts of the dashboards; the keys follow `analytics.zh-CN.ts`. */
export const analyticsEn: typeof analyticsZhCN = {
  analytics: {
    period: { cycle: 'Cycle', month: 'Month', quarter: 'Quarter', custom: 'Custom', current: 'Current' },
  },
};
