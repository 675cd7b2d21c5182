import { i18n } from '../i18n.ts';
import { channelWarningsEn } from './channel-warnings.en.ts';
import { channelWarningsZhCN } from './channel-warnings.zh-CN.ts';

// The channel warning texts join the catalogs when the board or a customer's warnings tab loads.
i18n.addResourceBundle('zh-CN', 'translation', channelWarningsZhCN, true, false);
i18n.addResourceBundle('en', 'translation', channelWarningsEn, true, false);
