import { i18n } from '../i18n.ts';
import { careEn } from './care.en.ts';
import { careZhCN } from './care.zh-CN.ts';

// The care texts join the catalogs when a care page, the doctor's care tab or the home card loads.
i18n.addResourceBundle('zh-CN', 'translation', careZhCN, true, false);
i18n.addResourceBundle('en', 'translation', careEn, true, false);
