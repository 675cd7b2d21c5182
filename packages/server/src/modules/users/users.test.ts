import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, users } from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  admin = await t.signIn('admin');
});
afterAll(async () => t?.close());

const newRep = (username: string) => ({
  username,
  name: '孙八',
  role: 'rep',
  teamId: w.teams.team1.id,
  phone: '13912345678',
  password: 'Welcome2026a',
});

describe('users', () => {
  it('creates a user who must change the initial password, and audits it without the password', async () => {
    const res = await admin.post('/api/users', newRep('rep10'));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      username: 'rep10',
      role: 'rep',
      teamName: '上海一组',
      mustChangePassword: true,
      active: true,
      version: 1,
    });
    expect(res.json()).not.toHaveProperty('passwordHash');
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'user'), eq(auditLog.entityId, res.json().id)));
    expect(audit).toMatchObject({ action: 'create', actorId: w.users.admin.id });
    expect((audit!.changes as Record<string, unknown>).username).toEqual({ before: null, after: 'rep10' });
    expect(JSON.stringify(audit!.changes)).not.toMatch(/Welcome2026a|argon2/);
  });

  it('refuses a username that is taken, whatever its case, with the name in the message', async () => {
    const res = await admin.post('/api/users', newRep('REP01'));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'CONFLICT', message: '用户名“REP01”已被使用' });
  });

  it('refuses a rep without a team and a weak initial password, writing nothing', async () => {
    const noTeam = await admin.post('/api/users', { ...newRep('rep11'), teamId: null });
    expect(noTeam.statusCode).toBe(400);
    expect(noTeam.json().error.message).toBe('医药代表必须属于一个团队');
    const weak = await admin.post('/api/users', { ...newRep('rep12'), password: 'abc' });
    expect(weak.statusCode).toBe(400);
    const bad = await admin.post('/api/users', { ...newRep('rep13'), phone: '12345' });
    expect(bad.json().error.details[0].path).toBe('body.phone');
    const rows = await t.database.db.select().from(users).where(eq(users.username, 'rep11'));
    expect(rows).toHaveLength(0);
  });

  it('updates with the version read and answers a stale version with 409 and the current version', async () => {
    const current = (await admin.get(`/api/users/${w.users.rep1b.id}`)).json();
    const first = await admin.patch(`/api/users/${current.id}`, { name: '赵六六', version: current.version });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(current.version + 1);
    const stale = await admin.patch(`/api/users/${current.id}`, { name: '赵小六', version: current.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { currentVersion: current.version + 1 },
    });
    expect((await admin.get(`/api/users/${current.id}`)).json().name).toBe('赵六六');
  });

  it('does not let the admin deactivate their own account', async () => {
    const me = (await admin.get(`/api/users/${w.users.admin.id}`)).json();
    const res = await admin.patch(`/api/users/${me.id}`, { active: false, version: me.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('不能停用自己的账号');
  });

  it('filters and searches the list, and lets a manager see only their team', async () => {
    const reps = await admin.get(`/api/users?role=rep&teamId=${w.teams.team1.id}&sort=username`);
    expect(reps.json().items.map((u: { username: string }) => u.username)).toEqual([
      'rep01',
      'rep02',
      'rep10',
    ]);
    const found = await admin.get(`/api/users?q=${encodeURIComponent('钱')}`);
    expect(found.json().items.map((u: { username: string }) => u.username)).toEqual(['rep03']);
    const manager = await t.signIn('manager02');
    const mine = await manager.get('/api/users?pageSize=200');
    expect(
      mine
        .json()
        .items.map((u: { username: string }) => u.username)
        .sort(),
    ).toEqual(['manager02', 'rep03']);
  });
});
