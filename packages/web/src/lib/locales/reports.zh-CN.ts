/** Chinese texts of reports; `reports.en.ts` has the same keys. */
export const reportsZhCN = {
  reports: {
    title: '日报/周报',
  },
};
