import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Locale } from '@keqing/shared';
import { zhCN } from './locales/zh-CN.ts';
import { en } from './locales/en.ts';
import { localeStorageKey, storedLocale } from './early-requests.ts';

export const appLocales: readonly Locale[] = ['zh-CN', 'en'];

function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

function applyLocaleToPage(locale: Locale) {
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = locale;
}

const initialLocale: Locale = storedLocale();

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLocale,
  fallbackLng: 'zh-CN',
  supportedLngs: [...appLocales],
  load: 'currentOnly',
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});
applyLocaleToPage(initialLocale);
i18n.on('languageChanged', (lng) => applyLocaleToPage(isLocale(lng) ? lng : 'zh-CN'));

/** The UI language, also sent to the API as Accept-Language so server messages match. */
export function getLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'zh-CN';
}

export function setLocale(locale: Locale) {
  try {
    window.localStorage.setItem(localeStorageKey, locale);
  } catch {
    // Not remembered, but the switch still applies to this page.
  }
  void i18n.changeLanguage(locale);
}

export { i18n };
