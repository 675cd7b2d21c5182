import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('regions, areas and teams', () => {
  it('builds region → area → team with a manager who then belongs to the team', async () => {
    const region = (await admin.post('/api/regions', { name: '西南大区' })).json();
    const area = await admin.post('/api/areas', { name: '云南地区', regionId: region.id });
    expect(area.statusCode).toBe(201);
    expect(area.json()).toMatchObject({ regionName: '西南大区' });
    const manager = (
      await admin.post('/api/users', {
        username: 'manager09',
        name: '周经理',
        role: 'manager',
        password: 'Welcome2026a',
      })
    ).json();
    const team = await admin.post('/api/teams', {
      name: '昆明一组',
      areaId: area.json().id,
      managerId: manager.id,
    });
    expect(team.statusCode).toBe(201);
    expect(team.json()).toMatchObject({
      areaName: '云南地区',
      regionName: '西南大区',
      managerName: '周经理',
      memberCount: 0,
    });
    expect((await admin.get(`/api/users/${manager.id}`)).json().teamId).toBe(team.json().id);
  });

  it('refuses a duplicate region name with the name in the message', async () => {
    const res = await admin.post('/api/regions', { name: '华东大区' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('名称“华东大区”已存在');
  });

  it('refuses a team leader who is not a manager', async () => {
    const res = await admin.post('/api/teams', {
      name: '上海三组',
      areaId: w.area.id,
      managerId: w.users.rep1a.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'body.managerId', message: '团队负责人必须是“地区经理”角色的用户' },
    ]);
  });

  it('answers 404 for an area in a region that does not exist', async () => {
    const res = await admin.post('/api/areas', {
      name: '幽灵地区',
      regionId: '00000000-0000-4000-8000-000000000000',
    });
    expect(res.statusCode).toBe(404);
  });

  it('does not deactivate a team that still has active reps', async () => {
    const team = (await admin.get(`/api/teams/${w.teams.team2.id}`)).json();
    expect(team.memberCount).toBe(1);
    const res = await admin.patch(`/api/teams/${team.id}`, { active: false, version: team.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('团队仍有在职成员，不能停用');
  });
});
