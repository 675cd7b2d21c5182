import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hospitals } from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
let admin: Client;
let rep: Client;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  admin = await t.signIn('admin');
  rep = await t.signIn('rep01');
});
afterAll(async () => t?.close());

const namesOf = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((h) => h.name);

const newHospital = {
  code: 'KM-001',
  name: '昆明医科大学第一附属医院',
  alias: '昆医附一院',
  level: '三级甲等',
  type: '综合',
  province: '云南省',
  city: '昆明市',
  district: '五华区',
  address: '西昌路295号',
  beds: 3800,
  outpatientsPerDay: 12000,
  drugUseLevel: 4,
  competitorCount: 3,
  competitionStrength: 4,
  hasDominantCompetitor: false,
  notes: '心内科为省级重点专科',
};

describe('hospitals', () => {
  it('lets an admin create a hospital with its competition section and finds it by name, alias and pinyin initials', async () => {
    const res = await admin.post('/api/hospitals', newHospital);
    expect(res.statusCode).toBe(201);
    const created = res.json();
    // graded at once with the default rules: a large 三甲 with heavy use and moderate competition is A
    expect(created).toMatchObject({ ...newHospital, grade: 'A', version: 1 });
    expect(created.gradeScore).toBeGreaterThanOrEqual(70);
    expect(created).toMatchObject({ departments: [], doctorCount: 0, keyContactCount: 0 });

    for (const q of ['第一附属', '昆医附一', 'kmykdx', 'KYFYY']) {
      expect(namesOf(await admin.get(`/api/hospitals?q=${encodeURIComponent(q)}`)), q).toEqual([
        newHospital.name,
      ]);
    }
    const [row] = await t.database.db
      .select({ i: hospitals.nameInitials })
      .from(hospitals)
      .where(eq(hospitals.id, created.id));
    expect(row!.i).toBe('kmykdxdyfsyy kyfyy');
  });

  it('re-grades a hospital when the facts behind its grade change', async () => {
    const created = (
      await admin.post('/api/hospitals', { ...newHospital, code: 'KM-002', name: '昆明市社区医院' })
    ).json();
    const res = await admin.patch(`/api/hospitals/${created.id}`, {
      level: '社区卫生服务中心',
      beds: 30,
      outpatientsPerDay: 80,
      drugUseLevel: 1,
      version: created.version,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().grade).toBe('C');
  });

  it('keeps the pinyin initials in step with a renamed hospital', async () => {
    const h = (
      await admin.post('/api/hospitals', {
        name: '杭州市第一人民医院',
        level: '三级甲等',
        type: '综合',
        province: '浙江省',
        city: '杭州市',
      })
    ).json();
    const res = await admin.patch(`/api/hospitals/${h.id}`, {
      name: '浙江大学医学院附属杭州市第一人民医院',
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    expect(namesOf(await admin.get('/api/hospitals?q=zjdxyxy'))).toEqual([
      '浙江大学医学院附属杭州市第一人民医院',
    ]);
    expect(namesOf(await admin.get('/api/hospitals?q=hzsdyrmyy&city=杭州市'))).toEqual([
      '浙江大学医学院附属杭州市第一人民医院',
    ]);
  });

  it('filters by level, type, grade, province and city, and sorts by beds', async () => {
    const mk = (name: string, extra: Record<string, unknown>) =>
      admin.post('/api/hospitals', {
        name,
        level: '二级甲等',
        type: '专科',
        province: '江苏省',
        city: '苏州市',
        ...extra,
      });
    await mk('苏州市眼科医院', { beds: 300 });
    await mk('苏州市口腔医院', { beds: 200 });
    await mk('苏州市中医医院', { type: '中医', level: '三级甲等', beds: 900 });
    await t.database.db.update(hospitals).set({ grade: 'A' }).where(eq(hospitals.name, '苏州市中医医院'));

    expect(namesOf(await admin.get('/api/hospitals?city=苏州市&type=专科&sort=-beds'))).toEqual([
      '苏州市眼科医院',
      '苏州市口腔医院',
    ]);
    expect(namesOf(await admin.get('/api/hospitals?province=江苏省&level=三级甲等'))).toEqual([
      '苏州市中医医院',
    ]);
    expect(namesOf(await admin.get('/api/hospitals?city=苏州市&grade=A'))).toEqual(['苏州市中医医院']);
    const page = (await admin.get('/api/hospitals?city=苏州市&pageSize=2&page=2&sort=beds')).json();
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.items.map((h: { name: string }) => h.name)).toEqual(['苏州市中医医院']);
  });

  it('shows a hospital with its departments and counts', async () => {
    const res = await rep.get(`/api/hospitals/${w.hospitals.h1a.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: '上海市第一人民医院',
      departments: [{ id: w.departments.dep1a.id, name: '心内科', doctorCount: 1 }],
      doctorCount: 1,
      keyContactCount: 1,
    });
  });

  it('refuses bad fields with Chinese messages per field', async () => {
    const res = await admin.post('/api/hospitals', {
      name: '',
      level: '三级特等',
      type: '综合',
      province: '上海',
      city: '上海',
      drugUseLevel: 6,
      beds: -1,
    });
    expect(res.statusCode).toBe(400);
    const body = res.json().error;
    expect(body.message).toBe('提交的数据有误，请检查标出的字段');
    expect(body.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'body.beds',
      'body.drugUseLevel',
      'body.level',
      'body.name',
    ]);
    expect(body.details.every((d: { message: string }) => /[\u4e00-\u9fa5]/.test(d.message))).toBe(true);
  });

  it('stores and returns a position, clears it as a pair and refuses half a pair', async () => {
    const res = await admin.post('/api/hospitals', {
      ...newHospital,
      code: 'KM-GPS',
      name: '昆明市定位测试医院',
      latitude: 25.0389,
      longitude: 102.7183,
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ latitude: 25.0389, longitude: 102.7183 });
    const [row] = await t.database.db
      .select({ lat: hospitals.latitude, lng: hospitals.longitude })
      .from(hospitals)
      .where(eq(hospitals.id, created.id));
    expect(row).toEqual({ lat: 25.0389, lng: 102.7183 });
    const listed = (await admin.get(`/api/hospitals?q=${encodeURIComponent('定位测试')}`)).json().items;
    expect(listed[0]).toMatchObject({ latitude: 25.0389, longitude: 102.7183 });

    // half a pair: refused with a Chinese message, nothing saved
    const half = await admin.patch(`/api/hospitals/${created.id}`, {
      latitude: 30,
      version: created.version,
    });
    expect(half.statusCode).toBe(400);
    expect(half.json().error.details).toEqual([
      expect.objectContaining({ path: 'body.longitude', message: '纬度和经度须同时填写或同时清空' }),
    ]);
    const clearOne = await admin.patch(`/api/hospitals/${created.id}`, {
      latitude: null,
      longitude: 102.7,
      version: created.version,
    });
    expect(clearOne.statusCode).toBe(400);
    const halfNew = await admin.post('/api/hospitals', {
      ...newHospital,
      code: 'KM-GPS2',
      name: '昆明市半坐标医院',
      longitude: 102.7,
    });
    expect(halfNew.statusCode).toBe(400);
    expect((await admin.get(`/api/hospitals?q=${encodeURIComponent('半坐标')}`)).json().items).toHaveLength(
      0,
    );
    const outOfRange = await admin.patch(`/api/hospitals/${created.id}`, {
      latitude: 91,
      longitude: 181,
      version: created.version,
    });
    expect(outOfRange.statusCode).toBe(400);
    expect(
      outOfRange
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['body.latitude', 'body.longitude']);
    const [unchanged] = await t.database.db
      .select({ lat: hospitals.latitude, lng: hospitals.longitude, version: hospitals.version })
      .from(hospitals)
      .where(eq(hospitals.id, created.id));
    expect(unchanged).toEqual({ lat: 25.0389, lng: 102.7183, version: created.version });

    const cleared = await admin.patch(`/api/hospitals/${created.id}`, {
      latitude: null,
      longitude: null,
      version: created.version,
    });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({ latitude: null, longitude: null });
  });

  it('refuses a taken hospital code with 409', async () => {
    const res = await admin.post('/api/hospitals', { ...newHospital, code: 'H1A', name: '另一家医院' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('医院编码“H1A”已被使用');
  });

  it('answers 409 with the current version to a stale edit and keeps the newer data', async () => {
    const id = w.hospitals.h2a.id;
    const v = (await admin.get(`/api/hospitals/${id}`)).json().version;
    expect((await admin.patch(`/api/hospitals/${id}`, { beds: 2000, version: v })).statusCode).toBe(200);
    const stale = await admin.patch(`/api/hospitals/${id}`, { beds: 1, version: v });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details).toEqual({ currentVersion: v + 1 });
    expect((await admin.get(`/api/hospitals/${id}`)).json().beds).toBe(2000);
  });

  it('computes the grade from the grading rules: a PATCH cannot set it', async () => {
    const id = w.hospitals.h1b.id;
    const v = (await admin.get(`/api/hospitals/${id}`)).json().version;
    const res = await admin.patch(`/api/hospitals/${id}`, {
      grade: 'A',
      gradeScore: 99,
      notes: '门诊楼改建中',
      version: v,
    });
    expect(res.statusCode).toBe(200);
    // only its level is known (三甲 → 25 of 100 points), so the rules say C whatever the body claims
    expect(res.json()).toMatchObject({ grade: 'C', gradeScore: 25, notes: '门诊楼改建中' });
  });

  it('records every hospital change in the audit log', async () => {
    const id = w.hospitals.hShared.id;
    const v = (await admin.get(`/api/hospitals/${id}`)).json().version;
    await admin.patch(`/api/hospitals/${id}`, {
      competitorCount: 5,
      hasDominantCompetitor: true,
      version: v,
    });
    const audit = (await admin.get(`/api/audit-logs?entity=hospital&entityId=${id}`)).json();
    expect(audit.items[0]).toMatchObject({
      action: 'update',
      changes: {
        competitorCount: { before: null, after: 5 },
        hasDominantCompetitor: { before: null, after: true },
      },
    });
  });

  it('lets only admins create or edit hospitals', async () => {
    expect(
      (await rep.post('/api/hospitals', { ...newHospital, code: null, name: '代表新建医院' })).statusCode,
    ).toBe(403);
    const manager = await t.signIn('manager01');
    expect(
      (await manager.patch(`/api/hospitals/${w.hospitals.h1a.id}`, { notes: 'x', version: 1 })).statusCode,
    ).toBe(403);
  });

  it('hides a merged hospital from lists and answers 404 for its id', async () => {
    const h = (
      await admin.post('/api/hospitals', {
        name: '重复的医院',
        level: '一级',
        type: '综合',
        province: '上海',
        city: '上海',
      })
    ).json();
    await t.database.db
      .update(hospitals)
      .set({ mergedInto: w.hospitals.h1a.id })
      .where(eq(hospitals.id, h.id));
    expect(namesOf(await admin.get('/api/hospitals?q=重复的医院'))).toEqual([]);
    expect((await admin.get(`/api/hospitals/${h.id}`)).statusCode).toBe(404);
  });
});
