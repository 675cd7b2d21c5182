import { i18n } from '../i18n.ts';
import { timeEn } from './time.en.ts';
import { timeZhCN } from './time.zh-CN.ts';

// The time texts join the catalogs when one of its pages loads.
i18n.addResourceBundle('zh-CN', 'translation', timeZhCN, true, false);
i18n.addResourceBundle('en', 'translation', timeEn, true, false);
