/** Chinese texts of the dashboards 报表 (team, region, drill-down); `analytics.en.ts` has the same keys. */
export const analyticsZhCN = {
  analytics: {
    period: { cycle: '拜访周期', month: '月', quarter: '季度', custom: '自定义', current: '本期' },
  },
};
