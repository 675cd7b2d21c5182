import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, sessions } from '../../db/schema.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
});
afterAll(async () => t?.close());

const sessionsOf = async (userId: string) =>
  (await t.database.db.select().from(sessions).where(eq(sessions.userId, userId))).length;

const logoutAudits = (entityId: string) =>
  t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'user'), eq(auditLog.entityId, entityId), eq(auditLog.action, 'logout')));

describe('sign out everywhere (own sessions)', () => {
  it('ends every session of the caller, this one included, and no one else’s', async () => {
    const phone = await t.signIn('rep01');
    const laptop = await t.signIn('rep01');
    const tablet = await t.signIn('rep01');
    const teammate = await t.signIn('rep02');
    expect(await sessionsOf(w.users.rep1a.id)).toBe(3);

    const res = await laptop.post('/api/auth/logout-everywhere');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, sessionsEnded: 3 });
    // the browser is told to drop its cookie
    const cleared = res.cookies.find((c) => c.name === 'keqing_sid');
    expect(cleared?.value).toBe('');

    for (const device of [phone, laptop, tablet]) {
      const me = await device.get('/api/auth/me');
      expect(me.statusCode).toBe(401);
    }
    expect(await sessionsOf(w.users.rep1a.id)).toBe(0);
    expect((await teammate.get('/api/auth/me')).statusCode).toBe(200);

    const [audit] = await logoutAudits(w.users.rep1a.id);
    expect(audit).toMatchObject({ actorId: w.users.rep1a.id });
    expect(audit!.changes).toMatchObject({
      everywhere: { after: true },
      sessionsEnded: { after: 3 },
    });
  });

  it('refuses a request without the CSRF token and ends nothing', async () => {
    const rep = await t.signIn('rep03');
    const before = await sessionsOf(w.users.rep2a.id);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout-everywhere',
      headers: { cookie: rep.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await sessionsOf(w.users.rep2a.id)).toBe(before);
    expect((await rep.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('needs a session (401 when signed out)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout-everywhere' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('is open to the read-only compliance auditor (it only ends their own sessions)', async () => {
    const auditor = await t.signIn('compliance');
    const res = await auditor.post('/api/auth/logout-everywhere');
    expect(res.statusCode).toBe(200);
    expect(res.json().sessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await auditor.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('an admin signs a user out everywhere', () => {
  it('ends all of that user’s sessions, audited with the admin as actor', async () => {
    const admin = await t.signIn('admin');
    const first = await t.signIn('manager02');
    const second = await t.signIn('manager02');
    const res = await admin.post(`/api/users/${w.users.m2.id}/logout-everywhere`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, sessionsEnded: 2 });
    expect((await first.get('/api/auth/me')).statusCode).toBe(401);
    expect((await second.get('/api/auth/me')).statusCode).toBe(401);
    // the admin stays signed in
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
    const [audit] = await logoutAudits(w.users.m2.id);
    expect(audit).toMatchObject({ actorId: w.users.admin.id });
    expect(audit!.changes).toMatchObject({ sessionsEnded: { after: 2 } });
  });

  it('refuses anyone but an admin, in Chinese, and ends nothing', async () => {
    const target = await t.signIn('rep02');
    for (const username of ['manager01', 'rep01', 'compliance']) {
      const caller = await t.signIn(username);
      const res = await caller.post(`/api/users/${w.users.rep1b.id}/logout-everywhere`);
      expect(res.statusCode, username).toBe(403);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await target.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async () => {
    const admin = await t.signIn('admin');
    const missing = await admin.post('/api/users/00000000-0000-4000-8000-000000000000/logout-everywhere');
    expect(missing.statusCode).toBe(404);
    const malformed = await admin.post('/api/users/not-a-uuid/logout-everywhere');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED');
  });
});
