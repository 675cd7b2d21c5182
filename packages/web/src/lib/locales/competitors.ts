import { i18n } from '../i18n.ts';
import { competitorsEn } from './competitors.en.ts';
import { competitorsZhCN } from './competitors.zh-CN.ts';

// The competitors texts join the catalogs when one of its pages loads.
i18n.addResourceBundle('zh-CN', 'translation', competitorsZhCN, true, false);
i18n.addResourceBundle('en', 'translation', competitorsEn, true, false);
