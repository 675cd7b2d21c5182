/** Chinese texts of pipeline; `pipeline.en.ts` has the same keys. */
export const pipelineZhCN = {
  pipeline: {
    title: '进药',
  },
};
