/**
 * The first GETs of a page load, started by a script of their own (index.html loads it before the app) while the
 * app's chunks still download and evaluate, instead of after: on a busy 2-core machine React and antd take about
 * half a second to evaluate, and the session, then the rep's dashboard, waited behind them one after the other.
 *
 * `request()` (api.ts) takes a started response for the same URL instead of asking again, once. This module imports
 * nothing, so it runs before any of the app's code: it reads the language and the last role from localStorage itself.
 */

/** localStorage keys, shared with i18n.ts (the language) and auth.api.ts (the last role). */
export const localeStorageKey = 'keqing.locale';
export const lastRoleStorageKey = 'keqing.last-role';

/** The rep home's dashboard as the home asks for it without filters (rep-dashboard.api.ts repHomeQuery). */
export const repHomeUrl = '/api/dashboards/rep?period=cycle';

function stored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The Accept-Language of every API request (getLocale in i18n.ts; Chinese unless English was picked). */
export function storedLocale(): 'zh-CN' | 'en' {
  return stored(localeStorageKey) === 'en' ? 'en' : 'zh-CN';
}

/** The headers `request()` sends with a GET; an early request sends the same, so its answer is the same. */
export function getHeaders(locale: string): Record<string, string> {
  return { Accept: 'application/json', 'Accept-Language': locale };
}

const started = new Map<string, Promise<Response>>();

/** Starts a GET of `url` now; a failure to reach the server is left for `request()` to report. */
export function startEarly(url: string, locale: string = storedLocale()) {
  const response = fetch(url, { method: 'GET', headers: getHeaders(locale), credentials: 'same-origin' });
  response.catch(() => undefined);
  started.set(url, response);
}

/** The started response for `url` (the whole URL with its query), handed out once. */
export function takeEarly(url: string): Promise<Response> | undefined {
  const response = started.get(url);
  started.delete(url);
  return response;
}

/** Whether a response for `url` was started and not yet taken. */
export function hasEarly(url: string): boolean {
  return started.has(url);
}

/**
 * What a page load asks for first: the session always; the rep's dashboard too when the home opens without
 * filters and the last user signed in here was a rep (a guess: a manager's answer is a 403 nobody reads).
 */
export function startPageLoadRequests(location: Pick<Location, 'pathname' | 'search'>) {
  startEarly('/api/auth/me');
  if (location.pathname === '/' && !location.search && stored(lastRoleStorageKey) === 'rep')
    startEarly(repHomeUrl);
}

/** Remembers the role of who signed in, for the next page load's guess. */
export function rememberRole(role: string | null) {
  try {
    if (role) window.localStorage.setItem(lastRoleStorageKey, role);
    else window.localStorage.removeItem(lastRoleStorageKey);
  } catch {
    // not remembered: the next load asks for the session first, as before
  }
}
