import { i18n } from '../i18n.ts';
import { channelEn } from './channel.en.ts';
import { channelZhCN } from './channel.zh-CN.ts';

// The channel customer and product texts join the catalogs when a channel page loads.
i18n.addResourceBundle('zh-CN', 'translation', channelZhCN, true, false);
i18n.addResourceBundle('en', 'translation', channelEn, true, false);
