import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
let admin: Client;
let compliance: Client;
let rep1a: Client;
let rep1b: Client;
let rep2a: Client;
let m1: Client;
let m2: Client;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  admin = await t.signIn('admin');
  compliance = await t.signIn('compliance');
  rep1a = await t.signIn('rep01');
  rep1b = await t.signIn('rep02');
  rep2a = await t.signIn('rep03');
  m1 = await t.signIn('manager01');
  m2 = await t.signIn('manager02');
});
afterAll(async () => t?.close());

const profile = {
  birthday: '1968-08-15',
  birthdayIsLunar: true,
  mobile: '13912345678',
  wechat: 'zhang_sf',
  family: '妻子为中学教师，女儿在读大学',
  hobbies: '围棋、太极拳',
  preferences: '喜欢龙井茶，不吃辣',
  familyEvents: '女儿明年六月毕业',
};
const url = (id: string) => `/api/doctors/${id}/profile`;
const put = (c: Client, id: string, body: unknown) =>
  c.request({ method: 'PUT', url: url(id), payload: body as object });

async function refusedReads(doctorId: string) {
  const audit = (
    await admin.get(`/api/audit-logs?entity=doctorProfile&entityId=${doctorId}&action=read`)
  ).json();
  return audit.items as { actorId: string; changes: Record<string, { after: unknown }> }[];
}

describe('doctor personal data (PIPL)', () => {
  it('starts empty with version 0, is created by the covering rep on the first PUT and read back', async () => {
    const empty = await rep1a.get(url(w.doctors.d1a.id));
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({ doctorId: w.doctors.d1a.id, mobile: null, version: 0 });
    const saved = await put(rep1a, w.doctors.d1a.id, { ...profile, version: 0 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ ...profile, version: 1 });
    expect((await rep1a.get(url(w.doctors.d1a.id))).json()).toMatchObject(profile);
  });

  it("lets the covering rep's manager and compliance read it", async () => {
    for (const client of [m1, compliance]) {
      const res = await client.get(url(w.doctors.d1a.id));
      expect(res.statusCode, client.username).toBe(200);
      expect(res.json().hobbies).toBe('围棋、太极拳');
    }
  });

  it('refuses an admin with 403 and a Chinese explanation, and audits the refusal', async () => {
    const res = await admin.get(url(w.doctors.d1a.id));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect(res.json().error.message).toBe(
      '医生个人信息属于敏感个人信息，仅负责该医院的医药代表、其地区经理和合规审计员可以查看，管理员无权查看',
    );
    expect(res.body).not.toContain('13912345678');
    const refused = await refusedReads(w.doctors.d1a.id);
    expect(refused[0]).toMatchObject({
      actorId: w.users.admin.id,
      changes: { outcome: { after: 'refused' }, reason: { after: 'notOwningLine' } },
    });
  });

  it('answers 404 to a rep or manager outside the hospital, and audits each refusal', async () => {
    const before = (await refusedReads(w.doctors.d1a.id)).length;
    for (const client of [rep1b, rep2a, m2]) {
      const res = await client.get(url(w.doctors.d1a.id));
      expect(res.statusCode, client.username).toBe(404);
      expect(res.body).not.toContain('围棋');
    }
    const refused = await refusedReads(w.doctors.d1a.id);
    expect(refused).toHaveLength(before + 3);
    expect(refused.slice(0, 3).map((r) => r.actorId)).toEqual([
      w.users.m2.id,
      w.users.rep2a.id,
      w.users.rep1b.id,
    ]);
    expect(refused[0]!.changes.reason!.after).toBe('outsideScope');
  });

  it('lets both reps covering a shared hospital read and write, each with the current version', async () => {
    const id = w.doctors.dShared.id;
    expect((await put(rep1a, id, { hobbies: '摄影', version: 0 })).statusCode).toBe(200);
    const read = await rep2a.get(url(id));
    expect(read.json()).toMatchObject({ hobbies: '摄影', version: 1 });
    expect((await put(rep2a, id, { hobbies: '摄影、钓鱼', version: 1 })).statusCode).toBe(200);
    const stale = await put(rep1a, id, { hobbies: '只摄影', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details).toEqual({ currentVersion: 2 });
    const firstAgain = await put(rep1a, id, { hobbies: 'x', version: 0 });
    expect(firstAgain.statusCode).toBe(409);
  });

  it('lets the manager write, and refuses admin and compliance writes', async () => {
    const id = w.doctors.d1b.id;
    expect((await put(m1, id, { preferences: '普洱茶', version: 0 })).statusCode).toBe(200);
    const byAdmin = await put(admin, id, { preferences: '咖啡', version: 1 });
    expect(byAdmin.statusCode).toBe(403);
    expect(byAdmin.json().error.message).toBe('只有负责该医院的医药代表及其地区经理可以修改医生个人信息');
    expect((await put(compliance, id, { preferences: '咖啡', version: 1 })).statusCode).toBe(403);
    expect((await put(rep1a, id, { preferences: '咖啡', version: 1 })).statusCode).toBe(404);
    expect((await rep1b.get(url(id))).json()).toMatchObject({ preferences: '普洱茶', version: 1 });
  });

  it('replaces the whole profile on PUT', async () => {
    const id = w.doctors.d2a.id;
    await put(rep2a, id, { mobile: '13800000000', wechat: 'wang5', version: 0 });
    const res = await put(rep2a, id, { wechat: 'wang55', version: 1 });
    expect(res.json()).toMatchObject({ mobile: null, wechat: 'wang55', version: 2 });
  });

  it('refuses a malformed mobile number and a bad birthday with Chinese messages', async () => {
    const res = await put(rep1a, w.doctors.d1a.id, { mobile: '12345', birthday: '1968-02-30', version: 1 });
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { path: string; message: string }[];
    expect(details.find((d) => d.path === 'body.mobile')?.message).toBe('手机号须为 11 位数字，以 1 开头');
    expect(details.find((d) => d.path === 'body.birthday')?.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('keeps personal values out of the audit log: writes record only which fields changed', async () => {
    await put(rep1a, w.doctors.d1a.id, { ...profile, mobile: '13700000000', version: 1 });
    const audit = (
      await compliance.get(`/api/audit-logs?entity=doctorProfile&entityId=${w.doctors.d1a.id}`)
    ).json();
    const writes = audit.items.filter((a: { action: string }) => a.action !== 'read');
    expect(writes.map((a: { action: string }) => a.action)).toEqual(['update', 'create']);
    expect(writes[0].changes).toEqual({ changedFields: { before: null, after: ['mobile'] } });
    const all = JSON.stringify(audit.items);
    for (const value of ['13912345678', '13700000000', '围棋', '龙井']) expect(all).not.toContain(value);
  });

  it('answers 404 for an unknown doctor without auditing anything', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await admin.get(url(id))).statusCode).toBe(404);
    expect(await refusedReads(id)).toEqual([]);
  });

  it('deletes the profile with a doctor entered by mistake', async () => {
    const d = (await rep1a.post('/api/doctors', { hospitalId: w.hospitals.h1a.id, name: '误录医生' })).json();
    await put(rep1a, d.id, { wechat: 'oops', version: 0 });
    expect((await rep1a.request({ method: 'DELETE', url: `/api/doctors/${d.id}` })).statusCode).toBe(204);
    expect((await rep1a.get(url(d.id))).statusCode).toBe(404);
    const audit = (
      await admin.get(`/api/audit-logs?entity=doctorProfile&entityId=${d.id}&action=delete`)
    ).json();
    expect(audit.items[0].changes).toEqual({ fields: { before: ['wechat'], after: null } });
  });
});
