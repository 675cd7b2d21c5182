import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A browser enough for the modules under test: localStorage, the page's <html>, and a counting fetch. */
function fakeBrowser(storage: Record<string, string>) {
  const fetchMock = vi.fn(
    async (url: string, init: RequestInit) =>
      new Response(JSON.stringify({ url, headers: init.headers }), {
        status: url.includes('/dashboards/') && storage['keqing.last-role'] !== 'rep' ? 403 : 200,
        headers: { 'content-type': 'application/json' },
      }),
  );
  vi.stubGlobal('fetch', fetchMock);
  vi.stubGlobal('window', {
    localStorage: {
      getItem: (k: string) => storage[k] ?? null,
      setItem: (k: string, v: string) => void (storage[k] = v),
      removeItem: (k: string) => void delete storage[k],
    },
  });
  vi.stubGlobal('document', { documentElement: {} });
  return fetchMock;
}

beforeEach(() => vi.resetModules());
afterEach(() => vi.unstubAllGlobals());

describe('startPageLoadRequests', () => {
  it.each([
    { path: '/', search: '', role: 'rep', started: ['/api/auth/me', '/api/dashboards/rep?period=cycle'] },
    { path: '/', search: '', role: 'manager', started: ['/api/auth/me'] },
    { path: '/', search: '', role: undefined, started: ['/api/auth/me'] },
    { path: '/', search: '?period=week', role: 'rep', started: ['/api/auth/me'] },
    { path: '/doctors', search: '', role: 'rep', started: ['/api/auth/me'] },
  ])('asks $started for $path$search after a $role', async ({ path, search, role, started }) => {
    const fetchMock = fakeBrowser(role ? { 'keqing.last-role': role } : {});
    const early = await import('./early-requests.ts');
    early.startPageLoadRequests({ pathname: path, search });
    expect(fetchMock.mock.calls.map((c) => c[0])).toEqual(started);
    for (const url of started) expect(early.hasEarly(url)).toBe(true);
  });

  it('sends the language the user picked, as every API request does', async () => {
    const fetchMock = fakeBrowser({ 'keqing.locale': 'en' });
    const early = await import('./early-requests.ts');
    early.startPageLoadRequests({ pathname: '/', search: '' });
    expect(fetchMock.mock.calls[0]![1]).toMatchObject({
      method: 'GET',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': 'en' },
    });
  });
});

describe('request() takes a started answer once', () => {
  it('reads the session and the rep home from the early requests without asking again', async () => {
    const fetchMock = fakeBrowser({ 'keqing.last-role': 'rep' });
    const early = await import('./early-requests.ts');
    early.startPageLoadRequests({ pathname: '/', search: '' });
    const { api } = await import('./api.ts');
    const { repHomeQuery } = await import('../features/home/rep-dashboard.api.ts');
    const me = await api.get<{ url: string }>('/auth/me');
    // the home's own query asks for exactly the URL the page load started
    const home = (await repHomeQuery().queryFn!({
      signal: new AbortController().signal,
    } as never)) as unknown;
    expect(me.url).toBe('/api/auth/me');
    expect(home).toMatchObject({ url: early.repHomeUrl });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(early.hasEarly(early.repHomeUrl)).toBe(false);
    // taken once: the next read asks the server
    await api.get('/auth/me');
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it('reports an early error answer as request() does', async () => {
    fakeBrowser({ 'keqing.last-role': 'manager' });
    const early = await import('./early-requests.ts');
    early.startEarly(early.repHomeUrl);
    const { api, isApiError } = await import('./api.ts');
    const error = await api.get('/dashboards/rep', { period: 'cycle' }).catch((e: unknown) => e);
    expect(isApiError(error) && error.status).toBe(403);
  });

  it('remembers the role of who signed in, and forgets it without a session', async () => {
    const storage: Record<string, string> = {};
    fakeBrowser(storage);
    const early = await import('./early-requests.ts');
    early.rememberRole('rep');
    expect(storage['keqing.last-role']).toBe('rep');
    early.rememberRole(null);
    expect(storage['keqing.last-role']).toBeUndefined();
  });
});
