import { i18n } from '../i18n.ts';
import { careFeesEn } from './care-fees.en.ts';
import { careFeesZhCN } from './care-fees.zh-CN.ts';

// The 客情费 texts join the catalogs when the care-fees page (or the users form, for the duties) loads.
i18n.addResourceBundle('zh-CN', 'translation', careFeesZhCN, true, false);
i18n.addResourceBundle('en', 'translation', careFeesEn, true, false);
