import type { timeZhCN } from './time.zh-CN.ts';

/** English texts of time; the keys follow `time.zh-CN.ts`. */
export const timeEn: typeof timeZhCN = {
  time: {},
};
