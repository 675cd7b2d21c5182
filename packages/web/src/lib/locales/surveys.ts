import { i18n } from '../i18n.ts';
import { surveysEn } from './surveys.en.ts';
import { surveysZhCN } from './surveys.zh-CN.ts';

// The survey texts join the catalogs when a survey page loads.
i18n.addResourceBundle('zh-CN', 'translation', surveysZhCN, true, false);
i18n.addResourceBundle('en', 'translation', surveysEn, true, false);
