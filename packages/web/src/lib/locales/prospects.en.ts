import type { prospectsZhCN } from './prospects.zh-CN.ts';

/** English texts of prospects. */
export const prospectsEn: typeof prospectsZhCN = {
  prospects: {
    title: 'channel prospects',
  },
};
