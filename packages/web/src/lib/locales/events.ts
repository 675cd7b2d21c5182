import { i18n } from '../i18n.ts';
import { eventsEn } from './events.en.ts';
import { eventsZhCN } from './events.zh-CN.ts';

// The event texts join the catalogs when an event page loads.
i18n.addResourceBundle('zh-CN', 'translation', eventsZhCN, true, false);
i18n.addResourceBundle('en', 'translation', eventsEn, true, false);
