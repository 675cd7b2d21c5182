import { i18n } from '../i18n.ts';
import { prospectsEn } from './prospects.en.ts';
import { prospectsZhCN } from './prospects.zh-CN.ts';

// The prospects texts join the catalogs when one of its pages loads.
i18n.addResourceBundle('zh-CN', 'translation', prospectsZhCN, true, false);
i18n.addResourceBundle('en', 'translation', prospectsEn, true, false);
