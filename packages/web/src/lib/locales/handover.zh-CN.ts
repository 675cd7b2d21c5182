/** Chinese texts of handover; `handover.en.ts` has the same keys. */
export const handoverZhCN = {
  handover: {
    title: '交接',
  },
};
