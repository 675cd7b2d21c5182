import 'i18next';
import type { accountsZhCN } from './locales/accounts.zh-CN.ts';
import type { callsZhCN } from './locales/calls.zh-CN.ts';
import type { careZhCN } from './locales/care.zh-CN.ts';
import type { complaintsZhCN } from './locales/complaints.zh-CN.ts';
import type { planningZhCN } from './locales/planning.zh-CN.ts';
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
        typeof complaintsZhCN;
    };
  }
}
