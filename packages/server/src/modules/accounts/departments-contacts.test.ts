import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
let admin: Client;
let rep: Client;
let manager: Client;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  admin = await t.signIn('admin');
  rep = await t.signIn('rep01');
  manager = await t.signIn('manager01');
});
afterAll(async () => t?.close());

const del = (c: Client, url: string) => c.request({ method: 'DELETE', url });
const namesOf = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((d) => d.name);

describe('departments', () => {
  it('lets a rep add a department to their hospital and lists it with its hospital', async () => {
    const res = await rep.post('/api/departments', {
      hospitalId: w.hospitals.h1a.id,
      name: '神经内科',
      headcount: 18,
      structure: '主任2 副主任4 主治6 住院6',
      beds: 60,
      specialty: '脑血管病、癫痫',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ hospitalName: '上海市第一人民医院', doctorCount: 0, version: 1 });
    const list = await rep.get(`/api/departments?hospitalId=${w.hospitals.h1a.id}&sort=headcount`);
    expect(namesOf(list)).toEqual(['神经内科', '心内科']);
    expect(namesOf(await rep.get(`/api/departments?q=${encodeURIComponent('神经')}`))).toEqual(['神经内科']);
  });

  it('refuses a second department of the same name in one hospital', async () => {
    const res = await rep.post('/api/departments', { hospitalId: w.hospitals.h1a.id, name: '心内科' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('该医院已有名为“心内科”的科室');
  });

  it('answers 404 to a rep adding a department to another rep’s hospital', async () => {
    expect(
      (await rep.post('/api/departments', { hospitalId: w.hospitals.h1b.id, name: '骨科' })).statusCode,
    ).toBe(404);
  });

  it('edits with a version and answers 409 to a stale one', async () => {
    const id = w.departments.dep1b.id;
    const ok = await manager.patch(`/api/departments/${id}`, { headcount: 25, version: 1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ headcount: 25, version: 2 });
    expect((await manager.patch(`/api/departments/${id}`, { headcount: 1, version: 1 })).statusCode).toBe(
      409,
    );
  });

  it('deletes only an empty department', async () => {
    const inUse = await admin.request({
      method: 'DELETE',
      url: `/api/departments/${w.departments.dep2a.id}`,
    });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error.message).toBe('该科室下还有医生或关键联系人，不能删除');
    const empty = (
      await rep.post('/api/departments', { hospitalId: w.hospitals.h1a.id, name: '临时科室' })
    ).json();
    expect((await del(rep, `/api/departments/${empty.id}`)).statusCode).toBe(204);
    expect((await rep.get(`/api/departments/${empty.id}`)).statusCode).toBe(404);
  });
});

describe('key contacts', () => {
  it('lets a rep record a key contact and finds them by function and pinyin initials', async () => {
    const res = await rep.post('/api/key-contacts', {
      hospitalId: w.hospitals.h1a.id,
      departmentId: w.departments.dep1a.id,
      name: '郑采购',
      function: '采购',
      position: '采购主管',
      phone: '021-63240000-8001',
      personalityType: 'strongWilled',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      hospitalName: '上海市第一人民医院',
      departmentName: '心内科',
      function: '采购',
    });
    expect(namesOf(await rep.get(`/api/key-contacts?function=${encodeURIComponent('采购')}`))).toEqual([
      '郑采购',
    ]);
    expect(namesOf(await rep.get('/api/key-contacts?q=zcg'))).toEqual(['郑采购']);
    expect(
      namesOf(await rep.get(`/api/key-contacts?hospitalId=${w.hospitals.h1a.id}&sort=name`)),
    ).toHaveLength(2);
  });

  it('refuses an unknown function and a department of another hospital', async () => {
    const bad = await rep.post('/api/key-contacts', {
      hospitalId: w.hospitals.h1a.id,
      name: '某人',
      function: '保安',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.function');
    const otherDept = await rep.post('/api/key-contacts', {
      hospitalId: w.hospitals.h1a.id,
      departmentId: w.departments.dep2a.id,
      name: '某人',
      function: '财务',
    });
    expect(otherDept.statusCode).toBe(400);
    expect(otherDept.json().error.details).toEqual([
      { path: 'body.departmentId', message: '所选科室不属于该医院' },
    ]);
  });

  it('updates the initials with the name, and deletes the contact with an audit row', async () => {
    const k = (
      await rep.post('/api/key-contacts', {
        hospitalId: w.hospitals.h1a.id,
        name: '冯会计',
        function: '财务',
      })
    ).json();
    await rep.patch(`/api/key-contacts/${k.id}`, { name: '冯出纳', version: 1 });
    expect(namesOf(await rep.get('/api/key-contacts?q=fcn'))).toEqual(['冯出纳']);
    expect((await del(rep, `/api/key-contacts/${k.id}`)).statusCode).toBe(204);
    const audit = (await admin.get(`/api/audit-logs?entity=keyContact&entityId=${k.id}`)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(['delete', 'update', 'create']);
  });

  it('answers 404 for a key contact outside the caller’s scope, for reads and writes alike', async () => {
    const id = w.keyContacts.kc2a.id;
    expect((await manager.get(`/api/key-contacts/${id}`)).statusCode).toBe(404);
    expect((await manager.patch(`/api/key-contacts/${id}`, { notes: 'x', version: 1 })).statusCode).toBe(404);
    expect((await del(manager, `/api/key-contacts/${id}`)).statusCode).toBe(404);
  });
});
