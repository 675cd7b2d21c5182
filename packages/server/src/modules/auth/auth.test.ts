import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditLog, sessions, users } from '../../db/schema.ts';
import { createTestApp, testPassword, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { createAuthService } from './auth.service.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp({ loginMaxFailures: 5, loginLockMinutes: 15 });
  w = await createWorld(t.database.db);
});
afterAll(async () => t?.close());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

describe('sign-in', () => {
  it('returns the user and a CSRF token and sets an HttpOnly SameSite session cookie', async () => {
    const res = await login('rep01', testPassword);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({
      username: 'rep01',
      name: '张三',
      role: 'rep',
      mustChangePassword: false,
    });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = res.cookies.find((c) => c.name === 'keqing_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
  });

  it('answers a wrong password with 401 AUTH_INVALID in Chinese, and in English on request', async () => {
    const zh = await login('rep01', 'wrong-password1');
    expect(zh.statusCode).toBe(401);
    expect(zh.json().error).toMatchObject({ code: 'AUTH_INVALID', message: '用户名或密码错误' });
    expect(zh.json().error.requestId).toBeTruthy();
    const en = await login('rep01', 'wrong-password1', { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.json().error.message).toBe('Wrong username or password');
  });

  it('answers an unknown username exactly like a wrong password', async () => {
    const res = await login('nobody', 'whatever12345');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_INVALID');
  });

  it('locks a username after 5 failures and says when to retry, even for the right password', async () => {
    for (let i = 0; i < 4; i++) expect((await login('rep03', `bad-password-${i}`)).statusCode).toBe(401);
    const fifth = await login('rep03', 'bad-password-5');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.code).toBe('AUTH_LOCKED');
    expect(fifth.json().error.message).toMatch(
      /账号已临时锁定，请于 \d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2} 后重试/,
    );
    const right = await login('rep03', testPassword);
    expect(right.statusCode).toBe(429);
    const retryAt = new Date(right.json().error.details.retryAt).getTime();
    expect(retryAt - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(retryAt - Date.now()).toBeLessThanOrEqual(15 * 60_000);
  });

  it('lets the user in again once the lock window has passed', async () => {
    const later = new Date(Date.now() + 16 * 60_000);
    const auth = createAuthService({
      db: t.database.db,
      config: { sessionIdleMinutes: 60, sessionMaxHours: 24, loginMaxFailures: 5, loginLockMinutes: 15 },
      now: () => later,
    });
    const result = await auth.login('rep03', testPassword, { requestId: 'test' });
    expect(result.user.username).toBe('rep03');
  });

  it('records sign-ins in the audit log without secrets', async () => {
    await login('rep02', testPassword);
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'login'));
    expect(rows.some((r) => r.actorId === w.users.rep1b.id)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(testPassword);
  });

  it('gives a new session id at every sign-in and ends the one the browser brought (no fixation)', async () => {
    const first = await t.signIn('rep02');
    const res = await login('rep02', testPassword, { cookie: first.cookie });
    const second = res.cookies.find((c) => c.name === 'keqing_sid')!.value;
    expect(`keqing_sid=${second}`).not.toBe(first.cookie);
    expect((await first.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('session rules on every request', () => {
  it('answers 401 AUTH_REQUIRED without a session, for known and unknown API routes', async () => {
    for (const url of ['/api/users', '/api/hospitals', '/api/no-such-thing']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe('AUTH_REQUIRED');
    }
  });

  it('answers an unknown API route with a 404 JSON error when signed in', async () => {
    const admin = await t.signIn('admin');
    const res = await admin.get('/api/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: '接口不存在' });
  });

  it('refuses a write without the CSRF token and changes nothing', async () => {
    const admin = await t.signIn('admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/regions',
      headers: { cookie: admin.cookie },
      payload: { name: '西北大区' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_INVALID');
    const wrong = await admin.request({
      method: 'POST',
      url: '/api/regions',
      payload: { name: '西北大区' },
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(wrong.statusCode).toBe(403);
    const list = await admin.get('/api/regions?q=西北');
    expect(list.json().total).toBe(0);
  });

  it('keeps the compliance auditor read-only', async () => {
    const compliance = await t.signIn('compliance');
    const res = await compliance.post('/api/regions', { name: '东北大区' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toBe('合规审计员为只读角色，不能修改数据');
  });

  it('ends the session at sign-out', async () => {
    const rep = await t.signIn('rep01');
    expect((await rep.post('/api/auth/logout')).statusCode).toBe(200);
    const after = await rep.get('/api/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('expires a session after the idle time and after its absolute lifetime', async () => {
    const rep = await t.signIn('rep01');
    const token = rep.cookie.split('=')[1]!;
    const at = (ms: number) =>
      createAuthService({
        db: t.database.db,
        config: {
          sessionIdleMinutes: 30,
          sessionMaxHours: 24 * 7,
          loginMaxFailures: 5,
          loginLockMinutes: 15,
        },
        now: () => new Date(Date.now() + ms),
      });
    expect((await at(10 * 60_000).resolveSession(token)).status).toBe('ok');
    expect((await at(31 * 60_000).resolveSession(token)).status).toBe('expired');
    const rep2 = await t.signIn('rep01');
    const token2 = rep2.cookie.split('=')[1]!;
    await t.database.db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(sql`true`);
    expect((await at(0).resolveSession(token2)).status).toBe('expired');
  });
});

describe('passwords', () => {
  it('changes the own password, keeps this session and ends the others', async () => {
    const phone = await t.signIn('rep02');
    const laptop = await t.signIn('rep02');
    const res = await laptop.post('/api/auth/password', {
      currentPassword: testPassword,
      newPassword: 'NewSecret2026',
    });
    expect(res.statusCode).toBe(200);
    expect((await laptop.get('/api/auth/me')).statusCode).toBe(200);
    expect((await phone.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login('rep02', testPassword)).statusCode).toBe(401);
    expect((await login('rep02', 'NewSecret2026')).statusCode).toBe(200);
  });

  it('rejects a wrong current password and a weak new one with field messages in Chinese', async () => {
    const rep = await t.signIn('manager02');
    const wrong = await rep.post('/api/auth/password', {
      currentPassword: 'nope-nope-1',
      newPassword: 'NewSecret2026',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe('当前密码不正确');
    expect(wrong.json().error.details).toEqual([{ path: 'body.currentPassword', message: '当前密码不正确' }]);
    const weak = await rep.post('/api/auth/password', {
      currentPassword: testPassword,
      newPassword: 'short',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details).toEqual([
      { path: 'body.newPassword', message: '密码至少 10 位，且须同时包含字母和数字' },
    ]);
    expect((await login('manager02', testPassword)).statusCode).toBe(200);
  });

  it('makes a user whose password an admin reset change it before doing anything else', async () => {
    const admin = await t.signIn('admin');
    const reset = await admin.post(`/api/users/${w.users.m1.id}/reset-password`, {
      newPassword: 'Temporary2026',
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().mustChangePassword).toBe(true);
    const m1 = await t.signIn('manager01', 'Temporary2026');
    expect((await m1.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    const blocked = await m1.get('/api/users');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(
      (
        await m1.post('/api/auth/password', {
          currentPassword: 'Temporary2026',
          newPassword: testPassword + 'x1',
        })
      ).statusCode,
    ).toBe(200);
    expect((await m1.get('/api/users')).statusCode).toBe(200);
  });

  it('stores argon2id hashes only', async () => {
    const [row] = await t.database.db
      .select({ h: users.passwordHash })
      .from(users)
      .where(eq(users.username, 'rep01'));
    expect(row!.h.startsWith('$argon2id$')).toBe(true);
  });
});

describe('deactivation', () => {
  it("ends a deactivated user's sessions at once and refuses their sign-in", async () => {
    // a new rep who holds nothing yet (a rep with records leaves through the hand-over wizard)
    const [u] = await t.database.db
      .insert(users)
      .values({
        username: 'rep99',
        name: '钱七',
        role: 'rep',
        teamId: w.users.rep1a.teamId,
        passwordHash: w.users.rep1a.passwordHash,
      })
      .returning();
    const rep = await t.signIn('rep99');
    const admin = await t.signIn('admin');
    const res = await admin.patch(`/api/users/${u!.id}`, { active: false, version: u!.version });
    expect(res.statusCode).toBe(200);
    expect((await rep.get('/api/hospitals')).statusCode).toBe(401);
    expect((await login('rep99', testPassword)).statusCode).toBe(401);
  });
});
