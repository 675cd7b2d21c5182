import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { testConfig, type Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { createLogger } from '../logger.ts';
import { createTestDatabase } from './test-database.ts';

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  /** Signs in and returns a client that sends the session cookie and CSRF token. */
  signIn(username: string, password?: string): Promise<Client>;
  close(): Promise<void>;
};

export type Client = {
  username: string;
  cookie: string;
  csrfToken: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
};

export const testPassword = 'Keqing@2026';

/** Builds the real app on a fresh migrated database (see fastify/demo's helper). */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig({ webDist: '/nonexistent', ...overrides });
  const app = await buildApp({ config, database, logger: createLogger(config) });
  await app.ready();

  async function signIn(username: string, password = testPassword): Promise<Client> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200)
      throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'keqing_sid');
    const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
    const sessionCookie = `keqing_sid=${cookie!.value}`;
    const request = (options: InjectOptions) =>
      app.inject({
        ...options,
        headers: {
          cookie: sessionCookie,
          ...(options.method && options.method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}),
          ...options.headers,
        },
      });
    return {
      username,
      cookie: sessionCookie,
      csrfToken,
      request,
      get: (url, headers) => request({ method: 'GET', url, headers }),
      post: (url, payload) => request({ method: 'POST', url, payload: payload as InjectOptions['payload'] }),
      patch: (url, payload) =>
        request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] }),
    };
  }

  return {
    app,
    database,
    signIn,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
