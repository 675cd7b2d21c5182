import { i18n } from '../i18n.ts';
import { callsEn } from './calls.en.ts';
import { callsZhCN } from './calls.zh-CN.ts';

// The calls, follow-ups, co-visits and frequency texts (and their menu labels) join the catalogs with the shell.
i18n.addResourceBundle('zh-CN', 'translation', callsZhCN, true, false);
i18n.addResourceBundle('en', 'translation', callsEn, true, false);
