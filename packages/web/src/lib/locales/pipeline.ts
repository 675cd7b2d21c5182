import { i18n } from '../i18n.ts';
import { pipelineEn } from './pipeline.en.ts';
import { pipelineZhCN } from './pipeline.zh-CN.ts';

// The pipeline texts join the catalogs when one of its pages loads.
i18n.addResourceBundle('zh-CN', 'translation', pipelineZhCN, true, false);
i18n.addResourceBundle('en', 'translation', pipelineEn, true, false);
