import type { handoverZhCN } from './handover.zh-CN.ts';

/** English texts of handover. */
export const handoverEn: typeof handoverZhCN = {
  handover: {
    title: 'hand-over',
  },
};
