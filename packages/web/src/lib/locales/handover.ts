import { i18n } from '../i18n.ts';
import { handoverEn } from './handover.en.ts';
import { handoverZhCN } from './handover.zh-CN.ts';

// The handover texts join the catalogs when one of its pages loads.
i18n.addResourceBundle('zh-CN', 'translation', handoverZhCN, true, false);
i18n.addResourceBundle('en', 'translation', handoverEn, true, false);
