/**
 * No secrets in logs: every line the server writes for sign-in, password changes and sign-outs is
 * captured (trace level, the most the logger ever writes) and searched for the password, the
 * session cookie value and the CSRF token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../app.ts';
import { testConfig } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { createLogger } from '../../logger.ts';
import { createTestDatabase } from '../../test/test-database.ts';
import { testPassword } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

const lines: string[] = [];
let app: FastifyInstance;
let database: Database;
let w: World;

beforeAll(async () => {
  database = await createTestDatabase();
  w = await createWorld(database.db);
  const config = testConfig({ logLevel: 'trace', webDist: '/nonexistent' });
  app = await buildApp({
    config,
    database,
    logger: createLogger(config, { write: (l: string) => void lines.push(l) }),
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

let requestCounter = 0;
/** Sends a request with a known request id and returns the response and the log lines it wrote. */
async function send(options: InjectOptions) {
  const reqId = `logs-test-${++requestCounter}`;
  const res = await app.inject({ ...options, headers: { ...options.headers, 'x-request-id': reqId } });
  const logged = lines.filter((l) => (JSON.parse(l) as { reqId?: string }).reqId === reqId);
  return { res, logged };
}

async function signIn(username: string, password: string) {
  const { res, logged } = await send({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  expect(res.statusCode).toBe(200);
  const token = res.cookies.find((c) => c.name === 'keqing_sid')!.value;
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  return { token, csrfToken, logged, headers: { cookie: `keqing_sid=${token}`, 'x-csrf-token': csrfToken } };
}

/** The secrets must be long enough that a match cannot be chance. */
function expectNoSecrets(logged: string[], secrets: string[]) {
  // the request was logged at all (else the test could not fail)
  expect(logged.length).toBeGreaterThan(0);
  const all = logged.join('\n');
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThanOrEqual(10);
    expect(all).not.toContain(secret);
    // nor URL- or JSON-escaped
    expect(all).not.toContain(encodeURIComponent(secret));
    expect(all).not.toContain(JSON.stringify(secret).slice(1, -1));
  }
}

describe('logs never hold a password, a session cookie or a CSRF token', () => {
  it('for a sign-in, a wrong password and a request with the cookie', async () => {
    const session = await signIn('rep01', testPassword);
    expectNoSecrets(session.logged, [testPassword, session.token, session.csrfToken]);

    const wrong = await send({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'rep01', password: 'Wrong-Guess-2026' },
    });
    expect(wrong.res.statusCode).toBe(401);
    expectNoSecrets(wrong.logged, ['Wrong-Guess-2026']);

    const me = await send({ method: 'GET', url: '/api/auth/me', headers: session.headers });
    expect(me.res.statusCode).toBe(200);
    expectNoSecrets(me.logged, [session.token, session.csrfToken]);
  });

  it('are masked by the logger even where code logs headers or a body by mistake', () => {
    const written: string[] = [];
    const logger = createLogger(testConfig({ logLevel: 'trace' }), {
      write: (l: string) => void written.push(l),
    });
    logger.info(
      {
        req: { headers: { cookie: 'keqing_sid=Cookie-Value-123456', 'x-csrf-token': 'Csrf-Token-123456' } },
        res: { headers: { 'set-cookie': 'keqing_sid=Cookie-Value-123456; HttpOnly' } },
        body: {
          password: 'Plain-Password-1',
          newPassword: 'New-Password-22',
          currentPassword: 'Old-Password-33',
        },
        session: { csrfToken: 'Csrf-Token-123456' },
      },
      'a careless line',
    );
    expectNoSecrets(written, [
      'Cookie-Value-123456',
      'Csrf-Token-123456',
      'Plain-Password-1',
      'New-Password-22',
      'Old-Password-33',
    ]);
    expect(written.join('')).toContain('[redacted]');
  });

  it('for a password change, a refused weak password and a wrong current password', async () => {
    const session = await signIn('rep02', testPassword);
    const weak = await send({
      method: 'POST',
      url: '/api/auth/password',
      headers: session.headers,
      payload: { currentPassword: testPassword, newPassword: 'weakweakweak' },
    });
    expect(weak.res.statusCode).toBe(400);
    expectNoSecrets(weak.logged, [testPassword, 'weakweakweak', session.token, session.csrfToken]);

    const wrongCurrent = await send({
      method: 'POST',
      url: '/api/auth/password',
      headers: session.headers,
      payload: { currentPassword: 'Not-My-Password-1', newPassword: 'Changed-Secret-2026' },
    });
    expect(wrongCurrent.res.statusCode).toBe(400);
    expectNoSecrets(wrongCurrent.logged, ['Not-My-Password-1', 'Changed-Secret-2026', session.token]);

    const changed = await send({
      method: 'POST',
      url: '/api/auth/password',
      headers: session.headers,
      payload: { currentPassword: testPassword, newPassword: 'Changed-Secret-2026' },
    });
    expect(changed.res.statusCode).toBe(200);
    expectNoSecrets(changed.logged, [testPassword, 'Changed-Secret-2026', session.token, session.csrfToken]);
  });

  it("for an admin's password reset and the sign-outs", async () => {
    const admin = await signIn('admin', testPassword);
    const reset = await send({
      method: 'POST',
      url: `/api/users/${w.users.rep2a.id}/reset-password`,
      headers: admin.headers,
      payload: { newPassword: 'Temporary-Reset-77' },
    });
    expect(reset.res.statusCode).toBe(200);
    expectNoSecrets(reset.logged, ['Temporary-Reset-77', admin.token, admin.csrfToken]);

    const kicked = await send({
      method: 'POST',
      url: `/api/users/${w.users.rep1a.id}/logout-everywhere`,
      headers: admin.headers,
    });
    expect(kicked.res.statusCode).toBe(200);
    expectNoSecrets(kicked.logged, [admin.token, admin.csrfToken]);

    const everywhere = await send({
      method: 'POST',
      url: '/api/auth/logout-everywhere',
      headers: admin.headers,
    });
    expect(everywhere.res.statusCode).toBe(200);
    expectNoSecrets(everywhere.logged, [admin.token, admin.csrfToken]);
  });
});
