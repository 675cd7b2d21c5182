import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '@keqing/domain';
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

const hospitalIdsOf = async (c: Client) =>
  ((await c.get('/api/hospitals?pageSize=200')).json().items as { id: string }[]).map((h) => h.id);

describe('territories', () => {
  it('shows what a territory holds and who covers it', async () => {
    const res = await admin.get(`/api/territories/${w.territories.t1a.id}`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({
      code: 'T1A',
      teamName: '上海一组',
      repName: '张三',
      hospitalCount: 2,
      channelCustomerCount: 1,
    });
    expect(d.hospitals.map((h: { id: string }) => h.id).sort()).toEqual(
      [w.hospitals.h1a.id, w.hospitals.hShared.id].sort(),
    );
    expect(d.assignments).toHaveLength(1);
  });

  it('lets two reps carrying different products share a hospital', async () => {
    const rep1a = await t.signIn('rep01');
    const rep2a = await t.signIn('rep03');
    expect(await hospitalIdsOf(rep1a)).toContain(w.hospitals.hShared.id);
    expect(await hospitalIdsOf(rep2a)).toContain(w.hospitals.hShared.id);
  });

  it('reassigns a territory from today: the new rep sees its hospitals, the old one no longer does, history is kept', async () => {
    const rep1a = await t.signIn('rep01');
    const rep1b = await t.signIn('rep02');
    expect(await hospitalIdsOf(rep1b)).not.toContain(w.hospitals.h1a.id);
    const today = chinaDate();
    const res = await admin.post(`/api/territories/${w.territories.t1a.id}/assign`, {
      userId: w.users.rep1b.id,
      note: '张三调岗，由赵六接手',
    });
    expect(res.statusCode).toBe(200);
    const history = res.json().assignments;
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({
      userName: '赵六',
      startDate: today,
      endDate: null,
      note: '张三调岗，由赵六接手',
      assignedBy: '系统管理员',
    });
    expect(history[1]).toMatchObject({
      userName: '张三',
      startDate: '2026-01-01',
      endDate: addDays(today, -1),
    });
    expect(res.json().repName).toBe('赵六');
    expect(await hospitalIdsOf(rep1b)).toContain(w.hospitals.h1a.id);
    expect(await hospitalIdsOf(rep1a)).not.toContain(w.hospitals.h1a.id);
    expect((await rep1a.get(`/api/hospitals/${w.hospitals.h1a.id}`)).statusCode).toBe(404);
  });

  it('schedules a hand-over: the next rep gets the territory only from the start date', async () => {
    const tomorrow = addDays(chinaDate(), 1);
    const res = await admin.post(`/api/territories/${w.territories.t1b.id}/assign`, {
      userId: w.users.rep1a.id,
      startDate: tomorrow,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().repName).toBe('赵六');
    const rep1a = await t.signIn('rep01');
    expect(await hospitalIdsOf(rep1a)).not.toContain(w.hospitals.h1b.id);
  });

  it.each([
    [
      'a rep of another team',
      () => ({ userId: w.users.rep2a.id }),
      400,
      '该代表不属于此辖区的团队，请先调整辖区所属团队',
    ],
    ['a manager', () => ({ userId: w.users.m1.id }), 400, '辖区只能分配给医药代表'],
    [
      'a date before the current rep started',
      () => ({ userId: w.users.rep1a.id, startDate: '2025-12-31' }),
      400,
      // t1a was handed to 赵六 from today by the test above
      `生效日期必须晚于当前负责人的开始日期 ${chinaDate()}`,
    ],
    ['the rep who already has it', () => ({ userId: w.users.rep2a.id }), 409, '该辖区已由此代表负责'],
  ])('refuses to assign to %s and changes nothing', async (_label, body, status, message) => {
    const territory = _label === 'the rep who already has it' ? w.territories.t2a : w.territories.t1a;
    const before = (await admin.get(`/api/territories/${territory.id}`)).json();
    const res = await admin.post(`/api/territories/${territory.id}/assign`, body());
    expect(res.statusCode).toBe(status);
    expect(res.json().error.message).toBe(message);
    // field details are translated too, with their parameters filled in
    if (status === 400) expect(res.json().error.details[0].message).toBe(message);
    expect((await admin.get(`/api/territories/${territory.id}`)).json().assignments).toEqual(
      before.assignments,
    );
  });

  it('replaces the hospital set, and refuses unknown hospitals without changing anything', async () => {
    const d = (await admin.get(`/api/territories/${w.territories.t2a.id}`)).json();
    const bad = await admin.patch(`/api/territories/${d.id}`, {
      hospitalIds: [w.hospitals.h2a.id, '00000000-0000-4000-8000-000000000000'],
      version: d.version,
    });
    expect(bad.statusCode).toBe(404);
    expect((await admin.get(`/api/territories/${d.id}`)).json().hospitalCount).toBe(2);
    const ok = await admin.patch(`/api/territories/${d.id}`, {
      hospitalIds: [w.hospitals.h2a.id],
      version: d.version,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().hospitals.map((h: { id: string }) => h.id)).toEqual([w.hospitals.h2a.id]);
    const audit = await admin.get(`/api/audit-logs?entity=territory&entityId=${d.id}`);
    expect(audit.json().items[0].changes.hospitalIds.after).toEqual([w.hospitals.h2a.id]);
  });

  it('refuses a duplicate territory code', async () => {
    const res = await admin.post('/api/territories', { code: 'T1A', name: '重复', teamId: w.teams.team1.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('辖区编码“T1A”已被使用');
  });
});
