import { i18n } from '../i18n.ts';
import { notificationsEn } from './notifications.en.ts';
import { notificationsZhCN } from './notifications.zh-CN.ts';

// The notifications texts join the catalogs when one of its pages loads.
i18n.addResourceBundle('zh-CN', 'translation', notificationsZhCN, true, false);
i18n.addResourceBundle('en', 'translation', notificationsEn, true, false);
