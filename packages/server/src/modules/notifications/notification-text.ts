import { ruleMessage, type Locale } from '@keqing/shared';

type Params = Record<string, string | number>;

/** A notification's message in the reader's language, from the params stored with it. */
export function renderNotificationText(locale: Locale, kind: string, params: Params): string {
  const shown: Params = { ...params };
  // reportComment's `kind` is a code (comment / question / answer), shown as a word
  if (kind === 'reportComment' && typeof params.kind === 'string') {
    shown.kind = ruleMessage(locale, `notifications.message.reportComment.${params.kind}`) ?? params.kind;
  }
  return ruleMessage(locale, `notifications.message.${kind}`, shown) ?? kind;
}

export function notificationKindLabel(locale: Locale, kind: string): string {
  return ruleMessage(locale, `notifications.kind.${kind}`) ?? kind;
}
