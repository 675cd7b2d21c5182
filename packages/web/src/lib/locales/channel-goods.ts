import { i18n } from '../i18n.ts';
import { channelGoodsEn } from './channel-goods.en.ts';
import { channelGoodsZhCN } from './channel-goods.zh-CN.ts';

// The channel goods texts join the catalogs when a flow page or the goods tab loads.
i18n.addResourceBundle('zh-CN', 'translation', channelGoodsZhCN, true, false);
i18n.addResourceBundle('en', 'translation', channelGoodsEn, true, false);
