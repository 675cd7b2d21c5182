import 'i18next';
import type { accountsZhCN } from './locales/accounts.zh-CN.ts';
import type { callsZhCN } from './locales/calls.zh-CN.ts';
import type { careZhCN } from './locales/care.zh-CN.ts';
import type { channelGoodsZhCN } from './locales/channel-goods.zh-CN.ts';
import type { channelMoneyZhCN } from './locales/channel-money.zh-CN.ts';
import type { channelZhCN } from './locales/channel.zh-CN.ts';
import type { channelWarningsZhCN } from './locales/channel-warnings.zh-CN.ts';
import type { complaintsZhCN } from './locales/complaints.zh-CN.ts';
import type { planningZhCN } from './locales/planning.zh-CN.ts';
import type { surveysZhCN } from './locales/surveys.zh-CN.ts';
import type { eventsZhCN } from './locales/events.zh-CN.ts';
import type { careFeesZhCN } from './locales/care-fees.zh-CN.ts';
import type { analyticsZhCN } from './locales/analytics.zh-CN.ts';
import type { targetsZhCN } from './locales/targets.zh-CN.ts';
import type { pipelineZhCN } from './locales/pipeline.zh-CN.ts';
import type { prospectsZhCN } from './locales/prospects.zh-CN.ts';
import type { competitorsZhCN } from './locales/competitors.zh-CN.ts';
import type { reportsZhCN } from './locales/reports.zh-CN.ts';
import type { notificationsZhCN } from './locales/notifications.zh-CN.ts';
import type { handoverZhCN } from './locales/handover.zh-CN.ts';
import type { timeZhCN } from './locales/time.zh-CN.ts';
import type { zhCN } from './locales/zh-CN.ts';

// Module augmentation needs an interface; it makes t() keys type-checked against the Chinese catalog.
declare module 'i18next' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof zhCN &
        typeof accountsZhCN &
        typeof callsZhCN &
        typeof planningZhCN &
        typeof careZhCN &
        typeof complaintsZhCN &
        typeof channelMoneyZhCN &
        typeof channelZhCN &
        typeof channelGoodsZhCN &
        typeof channelWarningsZhCN &
        typeof surveysZhCN &
        typeof eventsZhCN &
        typeof careFeesZhCN &
        typeof analyticsZhCN &
        typeof targetsZhCN &
        typeof timeZhCN &
        typeof pipelineZhCN &
        typeof prospectsZhCN &
        typeof competitorsZhCN &
        typeof reportsZhCN &
        typeof notificationsZhCN &
        typeof handoverZhCN;
    };
  }
}
