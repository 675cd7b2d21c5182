import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments, doctorProductStatus, doctors, hospitals, keyContacts } from '../../db/schema.ts';
import { scopeOf } from '../../scope/scope.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { nameSearch } from './accounts.repository.ts';
import { actorFor, createWorld, type World } from '../../test/world.ts';

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

type Item = { id: string; name: string; [k: string]: unknown };
const itemsOf = (res: { json(): { items: Item[] } }) => res.json().items;
const namesOf = (res: { json(): { items: Item[] } }) => itemsOf(res).map((d) => d.name);

async function createDoctor(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/doctors', { hospitalId: w.hospitals.h1a.id, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('doctors', () => {
  it('lets a rep add a doctor of their hospital with clinic times and personality, and shows the coping tip', async () => {
    const res = await rep.post('/api/doctors', {
      hospitalId: w.hospitals.h1a.id,
      departmentId: w.departments.dep1a.id,
      name: '张三',
      gender: '男',
      title: '主任医师',
      position: '科主任',
      clinicSchedule: [
        { weekday: 2, halfDay: 'pm' },
        { weekday: 4, halfDay: 'am' },
      ],
      bestVisitTime: '周二下午门诊后',
      phone: '021-63240090',
      preferredChannel: 'visit',
      personalityType: 'skeptical',
    });
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({
      name: '张三',
      hospitalName: '上海市第一人民医院',
      departmentName: '心内科',
      title: '主任医师',
      relationshipStage: null,
      hospital: { id: w.hospitals.h1a.id, level: '三级甲等' },
      personality: { type: 'skeptical', label: '怀疑型' },
      mayEdit: true,
      mayReadProfile: true,
      version: 1,
    });
    expect(d.personality.tip).toContain('专业数据');
    const en = await rep.get(`/api/doctors/${d.id}`, { 'accept-language': 'en' });
    expect(en.json().personality).toMatchObject({ label: 'Skeptical' });
  });

  it('finds 张三 by the pinyin initials zs, and by name', async () => {
    await createDoctor(rep, { name: '张三', hospitalId: w.hospitals.hShared.id });
    const byInitials = namesOf(await rep.get('/api/doctors?q=zs'));
    expect(byInitials).toContain('张三');
    expect(byInitials).toContain('张三丰');
    expect(byInitials).not.toContain('赵敏');
    expect(namesOf(await rep.get('/api/doctors?q=ZSF'))).toEqual(['张三丰']);
    expect(namesOf(await rep.get(`/api/doctors?q=${encodeURIComponent('三丰')}`))).toEqual(['张三丰']);
  });

  it('finds what a plain ILIKE finds, whatever the case, length or wildcard characters of the query', async () => {
    const db = t.database.db;
    const added = [
      ['Anna Smith', 'as'],
      ['欧阳娜娜', 'oynn'],
      ['王%明', 'wm'],
      ['A_B', 'ab'],
      ['ÉLISE', 'el'],
    ];
    await db
      .insert(doctors)
      .values(
        added.map(([name, nameInitials]) => ({ name: name!, nameInitials, hospitalId: w.hospitals.h2a.id })),
      );
    // without the search-gram condition of the list (the index's): the answer it must keep
    const plain = async (q: string) =>
      (
        await db
          .select({ name: doctors.name })
          .from(doctors)
          .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
          .where(
            and(
              isNull(doctors.mergedInto),
              isNull(hospitals.mergedInto),
              nameSearch(q, doctors.name, doctors.nameInitials),
            ),
          )
      )
        .map((r) => r.name)
        .sort();
    const queries = [
      'sMi',
      'ANNA S',
      'a',
      'É',
      'é',
      '阳娜娜',
      '娜',
      '张',
      '%',
      '_',
      'A_',
      '%明',
      'OYN',
      'zz',
      'ith',
      'h',
    ];
    for (const q of queries) {
      const res = await admin.get(`/api/doctors?q=${encodeURIComponent(q)}&pageSize=200`);
      const expected = await plain(q);
      expect(namesOf(res).sort(), q).toEqual(expected);
      expect(res.json().total, q).toBe(expected.length);
    }
    expect(await plain('sMi')).toEqual(['Anna Smith']);
    expect(await plain('%')).toEqual(['王%明']);
    expect(await plain('_')).toEqual(['A_B']);
    expect(await plain('娜')).toEqual(['欧阳娜娜']);
  });

  it('gives every page the total of all matches, whether or not the page is full', async () => {
    for (const n of [1, 2, 3, 4, 5]) await createDoctor(rep, { name: `翻页医生${n}` });
    const q = encodeURIComponent('翻页医生');
    const pageOf = async (page: number, pageSize: number) => {
      const body = (await admin.get(`/api/doctors?q=${q}&page=${page}&pageSize=${pageSize}`)).json();
      return { names: body.items.map((d: Item) => d.name), total: body.total };
    };
    expect(await pageOf(1, 2)).toEqual({ names: ['翻页医生1', '翻页医生2'], total: 5 });
    expect(await pageOf(2, 2)).toEqual({ names: ['翻页医生3', '翻页医生4'], total: 5 });
    expect(await pageOf(3, 2)).toEqual({ names: ['翻页医生5'], total: 5 });
    expect(await pageOf(4, 2)).toEqual({ names: [], total: 5 });
    expect(await pageOf(1, 5)).toEqual({
      names: ['翻页医生1', '翻页医生2', '翻页医生3', '翻页医生4', '翻页医生5'],
      total: 5,
    });
    expect(await pageOf(1, 20)).toMatchObject({ total: 5 });
  });

  it('keeps the initials in step with a renamed doctor', async () => {
    const d = await createDoctor(rep, { name: '钱多多' });
    await rep.patch(`/api/doctors/${d.id}`, { name: '孙悟空', version: d.version });
    expect(namesOf(await rep.get('/api/doctors?q=swk'))).toEqual(['孙悟空']);
    expect(namesOf(await rep.get('/api/doctors?q=qdd'))).toEqual([]);
  });

  it('lists doctors with hospital and department names and no personal fields', async () => {
    const items = itemsOf(await rep.get('/api/doctors?pageSize=200'));
    const d1a = items.find((d) => d.id === w.doctors.d1a.id)!;
    expect(d1a).toMatchObject({ hospitalName: '上海市第一人民医院', departmentName: '心内科', city: '上海' });
    for (const item of items) {
      for (const key of [
        'birthday',
        'mobile',
        'wechat',
        'family',
        'hobbies',
        'preferences',
        'familyEvents',
      ]) {
        expect(item).not.toHaveProperty(key);
      }
    }
    const detail = (await rep.get(`/api/doctors/${w.doctors.d1a.id}`)).json();
    expect(detail).not.toHaveProperty('mobile');
    expect(detail).not.toHaveProperty('wechat');
  });

  it.each([
    [
      'a half-day given twice',
      {
        clinicSchedule: [
          { weekday: 1, halfDay: 'am' },
          { weekday: 1, halfDay: 'am' },
        ],
      },
      'body.clinicSchedule.1',
      '门诊时间重复：同一天的同一个半天只能出现一次',
    ],
    [
      'weekday 8',
      { clinicSchedule: [{ weekday: 8, halfDay: 'am' }] },
      'body.clinicSchedule.0.weekday',
      undefined,
    ],
    [
      'an evening clinic',
      { clinicSchedule: [{ weekday: 1, halfDay: 'eve' }] },
      'body.clinicSchedule.0.halfDay',
      undefined,
    ],
    ['a title not in the list', { title: '教授' }, 'body.title', undefined],
    [
      'a personality type not among the nine',
      { personalityType: 'grumpy' },
      'body.personalityType',
      undefined,
    ],
    ['an empty name', { name: '  ' }, 'body.name', undefined],
    [
      'a department of another hospital',
      { departmentId: 'dep2a' },
      'body.departmentId',
      '所选科室不属于该医院',
    ],
  ])('refuses %s with a Chinese message on the field', async (_label, body, path, message) => {
    const payload: Record<string, unknown> = { name: '测试医生', ...body };
    if (payload.departmentId === 'dep2a') payload.departmentId = w.departments.dep2a.id;
    const res = await admin.post('/api/doctors', { hospitalId: w.hospitals.h1a.id, ...payload });
    expect(res.statusCode).toBe(400);
    const detail = res.json().error.details.find((d: { path: string }) => d.path === path);
    expect(detail, res.body).toBeDefined();
    expect(detail.message).toMatch(/[\u4e00-\u9fa5]/);
    if (message) expect(detail.message).toBe(message);
  });

  it('answers 404 when a rep adds a doctor to a hospital outside their territories', async () => {
    const res = await rep.post('/api/doctors', { hospitalId: w.hospitals.h1b.id, name: '越界医生' });
    expect(res.statusCode).toBe(404);
    expect(namesOf(await admin.get('/api/doctors?q=越界医生'))).toEqual([]);
  });

  it('lets a manager edit a doctor of the team, and refuses compliance', async () => {
    const v = (await manager.get(`/api/doctors/${w.doctors.d1b.id}`)).json().version;
    const res = await manager.patch(`/api/doctors/${w.doctors.d1b.id}`, { position: '科副主任', version: v });
    expect(res.statusCode).toBe(200);
    expect(res.json().position).toBe('科副主任');
    const compliance = await t.signIn('compliance');
    const refused = await compliance.patch(`/api/doctors/${w.doctors.d1b.id}`, {
      position: 'x',
      version: v + 1,
    });
    expect(refused.statusCode).toBe(403);
    expect((await compliance.get(`/api/doctors/${w.doctors.d1b.id}`)).json()).toMatchObject({
      mayEdit: false,
      mayReadProfile: true,
    });
  });

  it('answers 409 to a stale version', async () => {
    const d = await createDoctor(rep, { name: '版本医生' });
    expect((await rep.patch(`/api/doctors/${d.id}`, { title: '主治医师', version: 1 })).statusCode).toBe(200);
    const stale = await rep.patch(`/api/doctors/${d.id}`, { title: '住院医师', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toBe('该记录已被他人修改，请刷新后再编辑');
    expect((await rep.get(`/api/doctors/${d.id}`)).json().title).toBe('主治医师');
  });

  it('moves a doctor to another hospital in scope and clears the old department', async () => {
    const d = await createDoctor(rep, { name: '调动医生', departmentId: w.departments.dep1a.id });
    const moved = await rep.patch(`/api/doctors/${d.id}`, {
      hospitalId: w.hospitals.hShared.id,
      version: d.version,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ hospitalId: w.hospitals.hShared.id, departmentId: null });
    const outOfScope = await rep.patch(`/api/doctors/${d.id}`, {
      hospitalId: w.hospitals.h1b.id,
      version: 2,
    });
    expect(outOfScope.statusCode).toBe(404);
  });

  describe('with product scores', () => {
    beforeAll(async () => {
      const p1 = w.products.p1.id;
      const row = (doctorId: string, grade: string, status: number, potential: number, visits: number) => ({
        doctorId,
        productId: p1,
        prescriptionStatus: status,
        prescriptionPotential: potential,
        grade,
        visitsPerCycle: visits,
        assessedOn: '2026-11-01',
      });
      const [a2] = await t.database.db
        .insert(doctors)
        .values({ name: '陈一', hospitalId: w.hospitals.hShared.id, nameInitials: 'cy' })
        .returning();
      await t.database.db.insert(doctorProductStatus).values([
        row(w.doctors.d1a.id, 'A', 3, 4, 4),
        row(a2!.id, 'A', 2, 5, 4),
        row(w.doctors.dShared.id, 'B', 1, 3, 2),
        row(w.doctors.d1b.id, 'A', 4, 5, 4), // rep1b's hospital
        row(w.doctors.d2a.id, 'A', 4, 5, 4), // team 2
      ]);
    });

    it('filters to the A-grade doctors of a product in my territory, with their status', async () => {
      const res = await rep.get(
        `/api/doctors?productId=${w.products.p1.id}&grade=A&sort=-prescriptionPotential`,
      );
      expect(res.statusCode).toBe(200);
      const items = itemsOf(res);
      expect(items.map((d) => d.name)).toEqual(['陈一', '张三丰']);
      expect(items[1]!.productStatus).toEqual({
        productId: w.products.p1.id,
        productName: '瑞心',
        prescriptionStatus: 3,
        prescriptionPotential: 4,
        grade: 'A',
        visitsPerCycle: 4,
        adoptionStep: null,
        assessedOn: '2026-11-01',
      });
      expect(res.json().total).toBe(2);
    });

    it('shows an unscored doctor with a null status when a product is chosen', async () => {
      const items = itemsOf(await rep.get(`/api/doctors?productId=${w.products.p2.id}&pageSize=200`));
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((d) => d.productStatus === null)).toBe(true);
      expect(itemsOf(await rep.get('/api/doctors'))[0]).not.toHaveProperty('productStatus');
    });

    it('lists the latest status per product on the doctor page', async () => {
      const d = (await rep.get(`/api/doctors/${w.doctors.d1a.id}`)).json();
      expect(d.productStatuses).toEqual([
        expect.objectContaining({ productName: '瑞心', grade: 'A', visitsPerCycle: 4 }),
      ]);
    });

    it('needs a product to filter or sort by grade', async () => {
      const res = await rep.get('/api/doctors?grade=A');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([
        { path: 'query.grade', message: '按医生级别筛选时须同时选择产品' },
      ]);
      expect((await rep.get('/api/doctors?sort=-grade')).statusCode).toBe(400);
    });

    it('refuses to delete a doctor with history, and deletes one entered by mistake', async () => {
      const refused = await rep.request({ method: 'DELETE', url: `/api/doctors/${w.doctors.d1a.id}` });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toBe('该医生已有评分、拜访等业务记录，不能删除');
      const d = await createDoctor(rep, { name: '误录医生' });
      expect((await rep.request({ method: 'DELETE', url: `/api/doctors/${d.id}` })).statusCode).toBe(204);
      expect((await rep.get(`/api/doctors/${d.id}`)).statusCode).toBe(404);
      const audit = (await admin.get(`/api/audit-logs?entity=doctor&entityId=${d.id}`)).json();
      expect(audit.items.map((a: { action: string }) => a.action)).toEqual(['delete', 'create']);
    });
  });

  it('filters by hospital, department name, title, position, city and relationship stage', async () => {
    await t.database.db
      .update(doctors)
      .set({ relationshipStage: 3, position: '科副主任' })
      .where(eq(doctors.id, w.doctors.d1b.id));
    expect(namesOf(await manager.get(`/api/doctors?hospitalId=${w.hospitals.h1b.id}`))).toEqual(['李四海']);
    expect(namesOf(await manager.get('/api/doctors?relationshipStage=3'))).toEqual(['李四海']);
    expect(namesOf(await admin.get(`/api/doctors?departmentName=${encodeURIComponent('内分泌科')}`))).toEqual(
      ['王五岳'],
    );
    const heads = namesOf(
      await manager.get(`/api/doctors?title=${encodeURIComponent('主任医师')}&city=上海`),
    );
    expect(heads).toEqual(expect.arrayContaining(['张三丰', '李四海', '赵敏']));
    expect(heads).not.toContain('王五岳');
    expect(namesOf(await manager.get(`/api/doctors?position=${encodeURIComponent('副主任')}`))).toEqual([
      '李四海',
    ]);
  });

  it('scopes doctors, departments and key contacts by their hospital for other modules', async () => {
    const db = t.database.db;
    const idsFor = async (role: 'rep' | 'manager' | 'admin') => {
      const scope = scopeOf({ ...actorFor(w, role), role });
      const [d, dp, kc] = [
        await db.select({ id: doctors.id }).from(doctors).where(scope.doctors(doctors.id)),
        await db.select({ id: departments.id }).from(departments).where(scope.departments(departments.id)),
        await db.select({ id: keyContacts.id }).from(keyContacts).where(scope.keyContacts(keyContacts.id)),
      ];
      return { d: d.map((r) => r.id), dp: dp.map((r) => r.id), kc: kc.map((r) => r.id) };
    };
    const rep1a = await idsFor('rep');
    expect(rep1a.d).toEqual(expect.arrayContaining([w.doctors.d1a.id, w.doctors.dShared.id]));
    expect(rep1a.d).not.toContain(w.doctors.d1b.id);
    expect(rep1a.dp).toEqual([w.departments.dep1a.id]);
    expect(rep1a.kc).toEqual([w.keyContacts.kc1a.id]);
    const m1 = await idsFor('manager');
    expect(m1.d).toContain(w.doctors.d1b.id);
    expect(m1.d).not.toContain(w.doctors.d2a.id);
    expect(m1.kc.sort()).toEqual([w.keyContacts.kc1a.id, w.keyContacts.kc1b.id].sort());
    expect((await idsFor('admin')).d).toContain(w.doctors.d2a.id);
  });

  it('hides a merged doctor from lists and answers 404 for its id', async () => {
    const d = await createDoctor(rep, { name: '合并医生' });
    await t.database.db.update(doctors).set({ mergedInto: w.doctors.d1a.id }).where(eq(doctors.id, d.id));
    expect(namesOf(await rep.get(`/api/doctors?q=${encodeURIComponent('合并医生')}`))).toEqual([]);
    expect((await rep.get(`/api/doctors/${d.id}`)).statusCode).toBe(404);
  });
});
