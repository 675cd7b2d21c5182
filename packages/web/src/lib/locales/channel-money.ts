import { i18n } from '../i18n.ts';
import { channelMoneyEn } from './channel-money.en.ts';
import { channelMoneyZhCN } from './channel-money.zh-CN.ts';

// The channel money texts join the catalogs when a receivables, promotions or ledger view loads.
i18n.addResourceBundle('zh-CN', 'translation', channelMoneyZhCN, true, false);
i18n.addResourceBundle('en', 'translation', channelMoneyEn, true, false);
