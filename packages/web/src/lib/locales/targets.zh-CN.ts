/** Chinese texts of targets; `targets.en.ts` has the same keys. */
export const targetsZhCN = {
  targets: {},
};
