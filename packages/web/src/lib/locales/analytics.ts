import { i18n } from '../i18n.ts';
import { analyticsEn } from './analytics.en.ts';
import { analyticsZhCN } from './analytics.zh-CN.ts';

// The analytics texts join the catalogs when one of its pages loads.
i18n.addResourceBundle('zh-CN', 'translation', analyticsZhCN, true, false);
i18n.addResourceBundle('en', 'translation', analyticsEn, true, false);
