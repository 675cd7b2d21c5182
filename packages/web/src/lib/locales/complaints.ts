import { i18n } from '../i18n.ts';
import { complaintsEn } from './complaints.en.ts';
import { complaintsZhCN } from './complaints.zh-CN.ts';

// The complaint texts join the catalogs when the complaints page loads.
i18n.addResourceBundle('zh-CN', 'translation', complaintsZhCN, true, false);
i18n.addResourceBundle('en', 'translation', complaintsEn, true, false);
