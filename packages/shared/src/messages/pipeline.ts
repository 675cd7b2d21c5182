/** Rule messages of 进药 pipeline (keys namespaced `pipeline.`). */
export const pipelineMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {},
  en: {},
};
