import { i18n } from '../i18n.ts';
import { accountsEn } from './accounts.en.ts';
import { accountsZhCN } from './accounts.zh-CN.ts';

// The accounts, segmentation and import texts join the catalogs once the signed-in shell loads,
// so the sign-in page does not carry them.
i18n.addResourceBundle('zh-CN', 'translation', accountsZhCN, true, false);
i18n.addResourceBundle('en', 'translation', accountsEn, true, false);
