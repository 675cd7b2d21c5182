import type { targetsZhCN } from './targets.zh-CN.ts';

/** English texts of targets; the keys follow `targets.zh-CN.ts`. */
export const targetsEn: typeof targetsZhCN = {
  targets: {},
};
