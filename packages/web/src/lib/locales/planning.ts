import { i18n } from '../i18n.ts';
import { planningEn } from './planning.en.ts';
import { planningZhCN } from './planning.zh-CN.ts';

// The planning texts join the catalogs when a planning page or the home card loads.
i18n.addResourceBundle('zh-CN', 'translation', planningZhCN, true, false);
i18n.addResourceBundle('en', 'translation', planningEn, true, false);
