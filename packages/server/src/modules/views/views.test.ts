import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld } from '../../test/world.ts';

let t: TestApp;
let rep: Client;
let other: Client;
let compliance: Client;
beforeAll(async () => {
  t = await createTestApp();
  await createWorld(t.database.db);
  rep = await t.signIn('rep01');
  other = await t.signIn('rep02');
  compliance = await t.signIn('compliance');
});
afterAll(async () => t?.close());

const params = {
  productId: 'p1',
  grade: 'A',
  sort: '-prescriptionPotential',
  columns: ['name', 'hospitalName'],
};

describe('saved views', () => {
  it('saves a view of a list and lists the owner’s views by list kind', async () => {
    const res = await rep.post('/api/saved-views', { listKind: 'doctors', name: 'A级医生', params });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ listKind: 'doctors', name: 'A级医生', params, version: 1 });
    await rep.post('/api/saved-views', {
      listKind: 'hospitals',
      name: '三甲医院',
      params: { level: '三级甲等' },
    });
    const doctorsViews = (await rep.get('/api/saved-views?listKind=doctors')).json();
    expect(doctorsViews.items.map((v: { name: string }) => v.name)).toEqual(['A级医生']);
    expect((await rep.get('/api/saved-views')).json().total).toBe(2);
  });

  it('keeps views private: another user neither lists, reads, changes nor deletes them', async () => {
    const mine = (
      await rep.post('/api/saved-views', { listKind: 'doctors', name: '私人视图', params })
    ).json();
    expect((await other.get('/api/saved-views')).json().items).toEqual([]);
    expect((await other.get(`/api/saved-views/${mine.id}`)).statusCode).toBe(404);
    expect((await other.patch(`/api/saved-views/${mine.id}`, { name: '抢走', version: 1 })).statusCode).toBe(
      404,
    );
    expect((await other.request({ method: 'DELETE', url: `/api/saved-views/${mine.id}` })).statusCode).toBe(
      404,
    );
    expect((await rep.get(`/api/saved-views/${mine.id}`)).json().name).toBe('私人视图');
  });

  it('lets two users use the same view name, but not one user twice in one list', async () => {
    expect(
      (await other.post('/api/saved-views', { listKind: 'doctors', name: 'A级医生', params })).statusCode,
    ).toBe(201);
    const dup = await rep.post('/api/saved-views', { listKind: 'doctors', name: 'A级医生', params });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('已有名为“A级医生”的视图');
  });

  it('renames with a version, answers 409 to a stale one, and deletes', async () => {
    const v = (
      await rep.post('/api/saved-views', { listKind: 'keyContacts', name: '药剂科', params: {} })
    ).json();
    expect(
      (await rep.patch(`/api/saved-views/${v.id}`, { name: '药剂科联系人', version: 1 })).json().version,
    ).toBe(2);
    expect((await rep.patch(`/api/saved-views/${v.id}`, { name: '旧名', version: 1 })).statusCode).toBe(409);
    expect((await rep.request({ method: 'DELETE', url: `/api/saved-views/${v.id}` })).statusCode).toBe(204);
    expect((await rep.get(`/api/saved-views/${v.id}`)).statusCode).toBe(404);
  });

  it('lets the read-only compliance role keep its own views', async () => {
    const res = await compliance.post('/api/saved-views', {
      listKind: 'doctors',
      name: '审计视图',
      params: {},
    });
    expect(res.statusCode).toBe(201);
  });

  it('refuses an invalid list kind and an empty name', async () => {
    const res = await rep.post('/api/saved-views', { listKind: 'DROP TABLE', name: '', params: {} });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['body.listKind', 'body.name']);
  });
});
