import type { pipelineZhCN } from './pipeline.zh-CN.ts';

/** English texts of pipeline. */
export const pipelineEn: typeof pipelineZhCN = {
  pipeline: {
    title: 'pipeline',
  },
};
