/** Chinese texts of time; `time.en.ts` has the same keys. */
export const timeZhCN = {
  time: {},
};
