import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '@keqing/domain';
import type {
  CompetitorActivity,
  CompetitorPressure,
  CompetitorProduct,
  CompetitorUsage,
  DoctorCompetitors,
  ListResponse,
} from '@keqing/shared';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
let rep01: Client; // rep1a: h1a, hShared
let rep03: Client; // rep2a: h2a, hShared
let m1: Client; // team1: h1a, h1b, hShared
let admin: Client;
let compliance: Client;

const db = () => t.database.db;
const today = chinaDate();
type ErrorBody = { error: { code: string; message: string; details?: { path: string; message: string }[] } };

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(db());
  rep01 = await t.signIn('rep01');
  rep03 = await t.signIn('rep03');
  m1 = await t.signIn('manager01');
  admin = await t.signIn('admin');
  compliance = await t.signIn('compliance');
});
afterAll(async () => t?.close());

describe('competitor products', () => {
  it('admin creates and changes one; everyone reads; name × company is unique (409 in Chinese)', async () => {
    const created = await admin.post('/api/competitor-products', {
      name: '可定',
      company: '阿斯利康',
      therapeuticArea: '心血管',
      productId: w.products.p1.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const product = created.json() as CompetitorProduct;
    expect(product).toMatchObject({ productName: '瑞心', active: true, version: 1 });

    const again = await admin.post('/api/competitor-products', {
      name: '可定',
      company: '阿斯利康',
      therapeuticArea: '心血管',
    });
    expect(again.statusCode).toBe(409);
    expect((again.json() as ErrorBody).error.message).toBe('该公司的同名竞品已存在');

    const patched = await admin.patch(`/api/competitor-products/${product.id}`, {
      version: 1,
      active: false,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ active: false, version: 2 });
    const stale = await admin.patch(`/api/competitor-products/${product.id}`, { version: 1, active: true });
    expect(stale.statusCode).toBe(409);

    const rename = await admin.patch(`/api/competitor-products/${product.id}`, {
      version: 2,
      name: '立普妥',
      company: '辉瑞',
    });
    expect(rename.statusCode).toBe(409);

    const list = await compliance.get('/api/competitor-products?therapeuticArea=心血管&active=false');
    expect((list.json() as ListResponse<CompetitorProduct>).items.map((p) => p.name).sort()).toEqual([
      '可定',
      '旧竞品',
    ]);
  });

  it.each([
    ['a rep', () => rep01],
    ['a manager', () => m1],
    ['compliance', () => compliance],
  ])('refuses %s writing one (403)', async (_label, client) => {
    const res = await client().post('/api/competitor-products', {
      name: '某药',
      company: '某公司',
      therapeuticArea: '心血管',
    });
    expect(res.statusCode).toBe(403);
  });
});

const usage = (over: Record<string, unknown> = {}) => ({
  hospitalId: w.hospitals.h1a.id,
  doctorId: w.doctors.d1a.id,
  competitorProductId: w.competitors.cp1,
  judgement: 5,
  observedOn: today,
  source: '科室观察',
  ...over,
});

describe('usage judgements', () => {
  it('records a judgement at a hospital in scope, with its audit row', async () => {
    const res = await rep01.post('/api/competitor-usages', usage({ note: '张主任近期改用立普妥' }));
    expect(res.statusCode, res.body).toBe(201);
    const stored = res.json() as CompetitorUsage;
    expect(stored).toMatchObject({
      hospitalName: '上海市第一人民医院',
      doctorName: '张三丰',
      competitorProductName: '立普妥',
      company: '辉瑞',
      judgement: 5,
      recordedByName: '张三',
    });
    const audit = await db().select().from(s.auditLog).where(eq(s.auditLog.entityId, stored.id));
    expect(audit.map((a) => [a.entity, a.action])).toEqual([['competitorUsage', 'create']]);
  });

  it.each([
    [
      'a doctor of another hospital',
      { doctorId: () => w.doctors.d1b.id },
      'body.doctorId',
      '该医生不属于所选医院',
    ],
    [
      'a future date',
      { observedOn: () => addDays(today, 1) },
      'body.observedOn',
      `观察日期不能晚于今天（今天是 ${today}）`,
    ],
    [
      'an inactive competitor product',
      { competitorProductId: () => w.competitors.cpInactive },
      'body.competitorProductId',
      '竞品不存在或已停用',
    ],
    ['a judgement above 5', { judgement: () => 6 }, 'body.judgement', undefined],
    ['a prescription count instead of a judgement', { judgement: () => 120 }, 'body.judgement', undefined],
  ])('refuses %s (400) and saves nothing', async (_label, over, path, message) => {
    const before = await db().select().from(s.competitorUsages);
    const values = Object.fromEntries(Object.entries(over).map(([k, f]) => [k, f()]));
    const res = await rep01.post('/api/competitor-usages', usage(values));
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json() as ErrorBody;
    expect(body.error.details?.map((d) => d.path)).toContain(path);
    if (message) expect(body.error.details?.find((d) => d.path === path)?.message).toBe(message);
    expect(await db().select().from(s.competitorUsages)).toHaveLength(before.length);
  });

  it('answers 404 for a hospital outside the scope and 403 for compliance', async () => {
    const out = await rep01.post(
      '/api/competitor-usages',
      usage({ hospitalId: w.hospitals.h2a.id, doctorId: w.doctors.d2a.id }),
    );
    expect(out.statusCode).toBe(404);
    const ro = await compliance.post('/api/competitor-usages', usage());
    expect(ro.statusCode).toBe(403);
  });

  it('filters by hospital, doctor and competitor product within the scope', async () => {
    const byDoctor = await m1.get(`/api/competitor-usages?doctorId=${w.doctors.d1a.id}`);
    const items = (byDoctor.json() as ListResponse<CompetitorUsage>).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((u) => u.doctorId === w.doctors.d1a.id)).toBe(true);
    const outside = await rep01.get(`/api/competitor-usages?hospitalId=${w.hospitals.h2a.id}`);
    expect((outside.json() as ListResponse<CompetitorUsage>).total).toBe(0);
    const byProduct = await admin.get(`/api/competitor-usages?competitorProductId=${w.competitors.cp2}`);
    expect((byProduct.json() as ListResponse<CompetitorUsage>).items.map((u) => u.id)).toEqual([
      w.competitors.usage2a,
    ]);
  });
});

const activity = (over: Record<string, unknown> = {}) => ({
  hospitalId: w.hospitals.h1a.id,
  competitorProductId: w.competitors.cp1,
  kind: 'researchFund',
  observedOn: addDays(today, -1),
  source: '科主任告知',
  description: '辉瑞给心内科科研基金',
  ...over,
});

describe('competitor activities', () => {
  it('records an activity, the company from the product, who only for visits', async () => {
    const res = await m1.post('/api/competitor-activities', activity({ byWhom: 'director' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ company: '辉瑞', byWhom: null, weight: 8, recordedByName: '王经理' });
    const visit = await admin.post(
      '/api/competitor-activities',
      activity({ kind: 'visit', competitorProductId: null, company: '诺华', doctorId: w.doctors.d1a.id }),
    );
    expect(visit.statusCode, visit.body).toBe(201);
    expect(visit.json()).toMatchObject({
      company: '诺华',
      byWhom: 'unknown',
      weight: 3,
      doctorName: '张三丰',
    });
  });

  it.each([
    ['no product and no company', { competitorProductId: null }, 'body.company'],
    ['a doctor of another hospital', { doctorId: 'd2a' }, 'body.doctorId'],
    ['a future date', { observedOn: 'tomorrow' }, 'body.observedOn'],
    ['an unknown kind', { kind: 'bribe' }, 'body.kind'],
    ['an empty description', { description: ' ' }, 'body.description'],
  ])('refuses %s (400)', async (_label, over, path) => {
    const values: Record<string, unknown> = { ...over };
    if (values.doctorId === 'd2a') values.doctorId = w.doctors.d2a.id;
    if (values.observedOn === 'tomorrow') values.observedOn = addDays(today, 1);
    const res = await rep01.post('/api/competitor-activities', activity(values));
    expect(res.statusCode, res.body).toBe(400);
    expect((res.json() as ErrorBody).error.details?.map((d) => d.path)).toContain(path);
  });

  it('filters by hospital, kind and dates, within the scope', async () => {
    const res = await rep01.get(
      `/api/competitor-activities?kind=visit&from=${addDays(today, -5)}&to=${today}`,
    );
    const items = (res.json() as ListResponse<CompetitorActivity>).items;
    expect(items.map((a) => a.kind).every((k) => k === 'visit')).toBe(true);
    expect(items.map((a) => a.id)).toContain(w.competitors.activity1a);
    const outside = await rep01.get(`/api/competitor-activities?hospitalId=${w.hospitals.h2a.id}`);
    expect((outside.json() as ListResponse<CompetitorActivity>).total).toBe(0);
    const badRange = await rep01.get(`/api/competitor-activities?from=${today}&to=${addDays(today, -1)}`);
    expect(badRange.statusCode).toBe(400);
  });
});

describe('pressure', () => {
  it('scores each visible hospital per month, highest first, with the latest activities', async () => {
    const res = await m1.get('/api/competitor-pressure?months=3');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as CompetitorPressure;
    expect(body.months).toHaveLength(3);
    expect(body.months.at(-1)).toBe(today.slice(0, 7));
    const ids = body.items.map((i) => i.hospitalId);
    expect(ids).toContain(w.hospitals.h1a.id);
    expect(ids).not.toContain(w.hospitals.h2a.id);
    const h1a = body.items.find((i) => i.hospitalId === w.hospitals.h1a.id)!;
    expect(h1a.series).toHaveLength(3);
    expect(h1a.score).toBe(h1a.series.at(-1)!.score);
    expect(h1a.score).toBeGreaterThan(0);
    expect(h1a.competitors[0]).toMatchObject({
      competitorProductName: '立普妥',
      judgement: 5,
      doctorCount: 1,
    });
    expect(body.items.map((i) => i.score)).toEqual([...body.items.map((i) => i.score)].sort((a, b) => b - a));
    expect(body.latestActivities.every((a) => a.hospitalId !== w.hospitals.h2a.id)).toBe(true);
  });

  it('narrows to our product: only its competitors count', async () => {
    const res = await admin.get(
      `/api/competitor-pressure?hospitalId=${w.hospitals.h2a.id}&productId=${w.products.p1.id}`,
    );
    const body = res.json() as CompetitorPressure;
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ score: 0, threat: 'none', competitors: [] });
    const all = await admin.get(`/api/competitor-pressure?hospitalId=${w.hospitals.h2a.id}`);
    expect((all.json() as CompetitorPressure).items[0]!.score).toBeGreaterThan(0);
  });

  it('shows what a doctor uses and the competition around them', async () => {
    const res = await rep01.get(`/api/doctors/${w.doctors.d1a.id}/competitors`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as DoctorCompetitors;
    expect(body.hospitalId).toBe(w.hospitals.h1a.id);
    expect(body.competitors.map((c) => c.competitorProductName)).toEqual(['立普妥']);
    expect(body.activities.map((a) => a.id)).toContain(w.competitors.activity1a);
    expect(body.threat).not.toBe('none');
    expect((await rep03.get(`/api/doctors/${w.doctors.d1a.id}/competitors`)).statusCode).toBe(404);
  });
});
