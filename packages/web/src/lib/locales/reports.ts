import { i18n } from '../i18n.ts';
import { reportsEn } from './reports.en.ts';
import { reportsZhCN } from './reports.zh-CN.ts';

// The reports texts join the catalogs when one of its pages loads.
i18n.addResourceBundle('zh-CN', 'translation', reportsZhCN, true, false);
i18n.addResourceBundle('en', 'translation', reportsEn, true, false);
