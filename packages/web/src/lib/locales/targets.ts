import { i18n } from '../i18n.ts';
import { targetsEn } from './targets.en.ts';
import { targetsZhCN } from './targets.zh-CN.ts';

// The targets texts join the catalogs when one of its pages loads.
i18n.addResourceBundle('zh-CN', 'translation', targetsZhCN, true, false);
i18n.addResourceBundle('en', 'translation', targetsEn, true, false);
