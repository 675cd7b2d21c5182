/** Chinese texts of prospects; `prospects.en.ts` has the same keys. */
export const prospectsZhCN = {
  prospects: {
    title: '客户开发',
  },
};
