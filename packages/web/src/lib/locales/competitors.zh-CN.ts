/** Chinese texts of competitors; `competitors.en.ts` has the same keys. */
export const competitorsZhCN = {
  competitors: {
    title: '竞品情报',
  },
};
