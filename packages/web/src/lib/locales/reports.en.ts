import type { reportsZhCN } from './reports.zh-CN.ts';

/** English texts of reports. */
export const reportsEn: typeof reportsZhCN = {
  reports: {
    title: 'daily and weekly reports',
  },
};
