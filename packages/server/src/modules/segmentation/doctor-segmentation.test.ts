import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '@keqing/domain';
import {
  auditLog,
  doctorLadderHistory,
  doctorProductStatus,
  doctors,
  doctorScores,
  doctorStageHistory,
} from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
let admin: Client;
let rep: Client;
let manager: Client;
let compliance: Client;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  admin = await t.signIn('admin');
  rep = await t.signIn('rep01');
  manager = await t.signIn('manager01');
  compliance = await t.signIn('compliance');
});
afterAll(async () => t?.close());

const put = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'PUT', url, payload: payload as Record<string, unknown> });

let counter = 0;
/** A fresh doctor at a hospital, so each test starts from nothing. */
async function newDoctor(hospitalId = w.hospitals.h1a.id) {
  const [d] = await t.database.db
    .insert(doctors)
    .values({ hospitalId, name: `测试医生${++counter}`, title: '主治医师' })
    .returning();
  return d!;
}
const today = chinaDate();

describe('listing status 进药', () => {
  it('lists every product at the hospital, unlisted until recorded', async () => {
    const res = await rep.get(`/api/hospitals/${w.hospitals.hShared.id}/listings`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          productId: w.products.p2.id,
          listed: false,
          listedAt: null,
          updatedBy: null,
        }),
      ]),
    );
  });

  it('records a listing with its date and who set it; without a date it is listed today', async () => {
    const url = `/api/hospitals/${w.hospitals.h1b.id}/listings/${w.products.p2.id}`;
    const res = await put(manager, url, { listed: true, listedAt: '2026-03-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      productId: w.products.p2.id,
      listed: true,
      listedAt: '2026-03-01',
      updatedBy: { id: w.users.m1.id, name: '王经理' },
    });
    const other = `/api/hospitals/${w.hospitals.hShared.id}/listings/${w.products.p1.id}`;
    expect((await put(rep, other, { listed: true })).json()).toMatchObject({ listed: true, listedAt: today });
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, 'hospitalProductListing'),
          eq(auditLog.entityId, `${w.hospitals.h1b.id}:${w.products.p2.id}`),
        ),
      );
    expect(audit?.changes).toMatchObject({ listed: { before: false, after: true } });
  });

  it('refuses a listing date in the future', async () => {
    const res = await put(admin, `/api/hospitals/${w.hospitals.h2a.id}/listings/${w.products.p1.id}`, {
      listed: true,
      listedAt: addDays(today, 3),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ path: 'body.listedAt', message: '日期不能晚于今天' });
  });

  it('refuses to unlist a product while doctors there score 0 or more for it, unless forced', async () => {
    const doctor = await newDoctor(w.hospitals.h2a.id);
    const url = `/api/hospitals/${w.hospitals.h2a.id}/listings/${w.products.p2.id}`;
    await put(admin, url, { listed: true });
    const scored = await admin.post(`/api/doctors/${doctor.id}/scores`, {
      productId: w.products.p2.id,
      prescriptionStatus: 2,
      prescriptionPotential: 3,
    });
    expect(scored.statusCode, scored.body).toBe(201);
    const refused = await put(admin, url, { listed: false });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'CONFLICT', details: { count: 1 } });
    expect(refused.json().error.message).toContain('本院仍有 1 位医生');

    const forced = await put(admin, url, { listed: false, force: true });
    expect(forced.statusCode).toBe(200);
    expect(forced.json()).toMatchObject({ listed: false, listedAt: null });
  });

  it('answers 404 for an unknown product', async () => {
    const res = await put(admin, `/api/hospitals/${w.hospitals.h1a.id}/listings/${crypto.randomUUID()}`, {
      listed: true,
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('compound scores 复式评分', () => {
  const score = (c: Client, doctorId: string, body: Record<string, unknown>) =>
    c.post(`/api/doctors/${doctorId}/scores`, body);

  beforeAll(async () => {
    // p1 is listed at h1a
    await put(admin, `/api/hospitals/${w.hospitals.h1a.id}/listings/${w.products.p1.id}`, {
      listed: true,
      listedAt: '2025-06-01',
    });
  });

  it('grades with the matrix, answers grade and visits per cycle, and keeps every assessment', async () => {
    const doctor = await newDoctor();
    const first = await score(rep, doctor.id, {
      productId: w.products.p1.id,
      prescriptionStatus: 0,
      prescriptionPotential: 4,
      adoptionStep: 1,
      assessedOn: addDays(today, -30),
      note: '首次拜访',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      productId: w.products.p1.id,
      prescriptionStatus: 0,
      prescriptionPotential: 4,
      grade: 'B',
      visitsPerCycle: 2,
      adoptionStep: 1,
      assessedOn: addDays(today, -30),
    });
    const second = await score(rep, doctor.id, {
      productId: w.products.p1.id,
      prescriptionStatus: 3,
      prescriptionPotential: 4,
    });
    expect(second.json()).toMatchObject({
      grade: 'A',
      visitsPerCycle: 4,
      adoptionStep: 1,
      assessedOn: today,
    });

    const history = await manager.get(`/api/doctors/${doctor.id}/scores?productId=${w.products.p1.id}`);
    expect(history.statusCode).toBe(200);
    expect(history.json().items).toEqual([
      expect.objectContaining({
        prescriptionStatus: 0,
        grade: 'B',
        adoptionStep: 1,
        assessedOn: addDays(today, -30),
        assessedBy: { id: w.users.rep1a.id, name: '张三' },
        note: '首次拜访',
        productName: '瑞心',
      }),
      expect.objectContaining({ prescriptionStatus: 3, grade: 'A', adoptionStep: null, assessedOn: today }),
    ]);
    const [current] = await t.database.db
      .select()
      .from(doctorProductStatus)
      .where(eq(doctorProductStatus.doctorId, doctor.id));
    expect(current).toMatchObject({ prescriptionStatus: 3, grade: 'A', visitsPerCycle: 4, version: 2 });
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'doctorScore'));
    expect(audits.length).toBeGreaterThanOrEqual(2);
  });

  it('rejects status −1 for a listed product with the Chinese message', async () => {
    const doctor = await newDoctor();
    const res = await score(rep, doctor.id, {
      productId: w.products.p1.id,
      prescriptionStatus: -1,
      prescriptionPotential: 3,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '该产品已在本院进药，处方现状应在 0 到 4 之间',
      details: [
        {
          path: 'body.prescriptionStatus',
          message: '该产品已在本院进药，处方现状应在 0 到 4 之间',
          key: 'score.statusNegativeWhenListed',
          params: {},
        },
      ],
    });
    const written = await t.database.db
      .select()
      .from(doctorScores)
      .where(eq(doctorScores.doctorId, doctor.id));
    expect(written).toHaveLength(0);
  });

  it.each([
    [
      'status 0 for a product not listed',
      { productId: 'p2', prescriptionStatus: 0 },
      'body.prescriptionStatus',
      '该产品尚未在本院进药，处方现状应在 -4 到 -1 之间',
    ],
    ['status 5', { prescriptionStatus: 5 }, 'body.prescriptionStatus', '处方现状须为 -4 到 4 之间的整数'],
    [
      'potential 6 on the 1–5 scale',
      { prescriptionPotential: 6 },
      'body.prescriptionPotential',
      '处方潜力须为 1 到 5 之间的整数',
    ],
    [
      'potential 0',
      { prescriptionPotential: 0 },
      'body.prescriptionPotential',
      '处方潜力须为 1 到 5 之间的整数',
    ],
    ['adoption step 6', { adoptionStep: 6 }, 'body.adoptionStep', '接纳度阶梯须为 0 到 5 之间的整数'],
    [
      'an assessment date in the future',
      { assessedOn: addDays(today, 1) },
      'body.assessedOn',
      '日期不能晚于今天',
    ],
  ])('refuses %s', async (_what, change, path, message) => {
    const doctor = await newDoctor();
    const { productId, ...rest } = change as { productId?: string };
    const res = await score(rep, doctor.id, {
      productId: productId === 'p2' ? w.products.p2.id : w.products.p1.id,
      prescriptionStatus: 1,
      prescriptionPotential: 3,
      ...rest,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toContainEqual(expect.objectContaining({ path, message }));
  });

  it('refuses an assessment dated before the latest one', async () => {
    const doctor = await newDoctor();
    const base = { productId: w.products.p1.id, prescriptionStatus: 1, prescriptionPotential: 3 };
    expect((await score(rep, doctor.id, { ...base, assessedOn: addDays(today, -5) })).statusCode).toBe(201);
    const res = await score(rep, doctor.id, { ...base, assessedOn: addDays(today, -10) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({
      path: 'body.assessedOn',
      key: 'segmentation.date.beforeLatest',
      params: { date: addDays(today, -5) },
    });
  });

  it('writes ladder history when the score changes the adoption step, not when it repeats it', async () => {
    const doctor = await newDoctor();
    const base = { productId: w.products.p1.id, prescriptionStatus: 1, prescriptionPotential: 3 };
    await score(rep, doctor.id, { ...base, adoptionStep: 2, note: '开始试用' });
    await score(rep, doctor.id, { ...base, adoptionStep: 2 });
    await score(rep, doctor.id, { ...base, prescriptionStatus: 2, adoptionStep: 3 });
    const ladder = await t.database.db
      .select()
      .from(doctorLadderHistory)
      .where(eq(doctorLadderHistory.doctorId, doctor.id));
    expect(ladder.map((l) => [l.fromStep, l.toStep])).toEqual([
      [null, 2],
      [2, 3],
    ]);
    expect(ladder[0]).toMatchObject({ reason: '开始试用', changedBy: w.users.rep1a.id, changedOn: today });
  });

  it('shows the 360° segmentation: carried products with listing, current status, ladder, stage and KOL', async () => {
    const doctor = await newDoctor(w.hospitals.hShared.id);
    await score(rep, doctor.id, {
      productId: w.products.p1.id,
      prescriptionStatus: 2,
      prescriptionPotential: 5,
      adoptionStep: 3,
    });
    await rep.post(`/api/doctors/${doctor.id}/stage`, { stage: 2, reason: '同意在新患者中试用' });
    await put(rep, `/api/doctors/${doctor.id}/kol`, {
      types: ['productSpeaker'],
      developmentStep: 'understand',
    });
    const res = await rep.get(`/api/doctors/${doctor.id}/segmentation`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      doctorId: doctor.id,
      hospitalId: w.hospitals.hShared.id,
      potentialScale: { min: 1, max: 5 },
      stage: { current: 2, history: [expect.objectContaining({ toStage: 2, reason: '同意在新患者中试用' })] },
      kol: { types: ['productSpeaker'], developmentStep: 'understand', overdue: false },
    });
    // hShared is in t1a (p1) and t2a (p2): both products show; p1 listed and scored, p2 not yet
    const byProduct = Object.fromEntries(body.products.map((p: { productId: string }) => [p.productId, p]));
    expect(byProduct[w.products.p1.id]).toMatchObject({
      listed: true,
      adoptionStep: 3,
      current: { prescriptionStatus: 2, grade: 'A', visitsPerCycle: 4 },
      ladderHistory: [expect.objectContaining({ fromStep: null, toStep: 3 })],
    });
    expect(byProduct[w.products.p2.id]).toMatchObject({ listed: false, current: null, adoptionStep: null });
  });

  it('answers 404 for a doctor outside the caller’s scope', async () => {
    const doctor = await newDoctor(w.hospitals.h2a.id);
    const res = await score(rep, doctor.id, {
      productId: w.products.p2.id,
      prescriptionStatus: -2,
      prescriptionPotential: 3,
    });
    expect(res.statusCode).toBe(404);
    expect((await rep.get(`/api/doctors/${doctor.id}/scores`)).statusCode).toBe(404);
  });
});

describe('adoption ladder 产品接纳度阶梯', () => {
  it('records a change with from, to, who and why; refuses an unchanged or impossible step', async () => {
    const doctor = await newDoctor();
    const url = `/api/doctors/${doctor.id}/ladder`;
    const first = await rep.post(url, { productId: w.products.p1.id, step: 1, reason: '科室会后了解产品' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      fromStep: null,
      toStep: 1,
      changedOn: today,
      changedBy: { id: w.users.rep1a.id, name: '张三' },
      reason: '科室会后了解产品',
    });
    const up = await rep.post(url, { productId: w.products.p1.id, step: 2 });
    expect(up.json()).toMatchObject({ fromStep: 1, toStep: 2 });

    const same = await rep.post(url, { productId: w.products.p1.id, step: 2 });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.details[0]).toMatchObject({
      path: 'body.step',
      message: '新阶梯与当前阶梯相同',
    });
    const wrong = await rep.post(url, { productId: w.products.p1.id, step: 9 });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0]).toMatchObject({ path: 'body.step', key: 'ladder.stepOutOfRange' });
  });

  it('moves the current status’s step along', async () => {
    const doctor = await newDoctor();
    await rep.post(`/api/doctors/${doctor.id}/scores`, {
      productId: w.products.p1.id,
      prescriptionStatus: 1,
      prescriptionPotential: 3,
      adoptionStep: 2,
    });
    await rep.post(`/api/doctors/${doctor.id}/ladder`, { productId: w.products.p1.id, step: 3 });
    const [status] = await t.database.db
      .select()
      .from(doctorProductStatus)
      .where(eq(doctorProductStatus.doctorId, doctor.id));
    expect(status?.adoptionStep).toBe(3);
  });
});

describe('relationship stage 客户关系阶段', () => {
  it.each([
    ['no reason', { stage: 2 }, 'body.reason', '调整客户关系阶段须说明依据'],
    ['a blank reason', { stage: 2, reason: '   ' }, 'body.reason', '调整客户关系阶段须说明依据'],
    ['stage 5', { stage: 5, reason: '理由' }, 'body.stage', '客户关系阶段须为 1 到 4 之间的整数'],
  ])('refuses a change with %s', async (_what, body, path, message) => {
    const doctor = await newDoctor();
    const res = await rep.post(`/api/doctors/${doctor.id}/stage`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path, message })]);
    const [d] = await t.database.db.select().from(doctors).where(eq(doctors.id, doctor.id));
    expect(d?.relationshipStage).toBeNull();
  });

  it('changes the stage with dated history, who and why; the same stage again is refused', async () => {
    const doctor = await newDoctor();
    const url = `/api/doctors/${doctor.id}/stage`;
    const first = await rep.post(url, { stage: 1, reason: '首次评估：尚未合作' });
    expect(first.statusCode, first.body).toBe(200);
    const second = await rep.post(url, { stage: 3, reason: '主动邀请参加科室学术活动' });
    expect(second.json()).toMatchObject({
      current: 3,
      history: [
        {
          fromStage: 1,
          toStage: 3,
          changedOn: today,
          changedBy: { id: w.users.rep1a.id, name: '张三' },
          reason: '主动邀请参加科室学术活动',
        },
        { fromStage: null, toStage: 1, reason: '首次评估：尚未合作' },
      ],
    });
    const same = await rep.post(url, { stage: 3, reason: '再次确认' });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.details[0]).toMatchObject({ path: 'body.stage', key: 'relationship.unchanged' });

    const [d] = await t.database.db.select().from(doctors).where(eq(doctors.id, doctor.id));
    expect(d).toMatchObject({ relationshipStage: 3, version: 3 });
    const rows = await t.database.db
      .select()
      .from(doctorStageHistory)
      .where(eq(doctorStageHistory.doctorId, doctor.id));
    expect(rows).toHaveLength(2);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'doctor'), eq(auditLog.entityId, doctor.id)));
    expect(audits.at(-1)?.changes).toMatchObject({
      relationshipStage: { before: 1, after: 3 },
      stageReason: { before: '首次评估：尚未合作', after: '主动邀请参加科室学术活动' },
    });
  });

  it('is read-only for compliance', async () => {
    const res = await compliance.post(`/api/doctors/${w.doctors.d1a.id}/stage`, { stage: 2, reason: '理由' });
    expect(res.statusCode).toBe(403);
  });
});

describe('KOL profile', () => {
  it('has none until created; then replaces it with the version read, 409 when stale or missing', async () => {
    const doctor = await newDoctor();
    const url = `/api/doctors/${doctor.id}/kol`;
    expect((await rep.get(url)).json()).toEqual({ profile: null });
    const created = await put(rep, url, {
      types: ['academicLeader', 'prescribingAuthority'],
      policyRoles: ['drugListing'],
      developmentStep: 'regularContact',
      contactCadence: 'monthly',
      lastContactOn: addDays(today, -10),
      notes: '省医学会心血管分会委员',
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json().profile).toMatchObject({
      doctorId: doctor.id,
      types: ['academicLeader', 'prescribingAuthority'],
      policyRoles: ['drugListing'],
      developmentStep: 'regularContact',
      contactCadence: 'monthly',
      lockInRoles: [],
      overdue: false,
      version: 1,
    });
    expect(created.json().profile.nextContactDue).toBeTruthy();

    const lockIn = {
      types: ['academicLeader'],
      developmentStep: 'lockIn',
      contactCadence: 'quarterly',
      lockInRoles: ['speaker'],
    };
    expect((await put(rep, url, lockIn)).statusCode).toBe(409);
    expect((await put(rep, url, { ...lockIn, version: 5 })).statusCode).toBe(409);
    const updated = await put(rep, url, { ...lockIn, version: 1 });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().profile).toMatchObject({
      developmentStep: 'lockIn',
      lockInRoles: ['speaker'],
      version: 2,
    });
    expect((await rep.get(url)).json().profile.version).toBe(2);
  });

  it.each([
    ['no type', { types: [], developmentStep: 'locate' }, 'body.types', '请至少选择一种 KOL 类型'],
    [
      'regular contact without a cadence',
      { types: ['academicLeader'], developmentStep: 'regularContact' },
      'body.contactCadence',
      '进入“定期联系”后须设定联系频率',
    ],
    [
      'lock-in roles before lock-in',
      { types: ['academicLeader'], developmentStep: 'contact', lockInRoles: ['speaker'] },
      'body.lockInRoles',
      '只有到“锁定”步骤才能设定锁定角色',
    ],
    ['an unknown type', { types: ['guru'], developmentStep: 'locate' }, 'body.types', '不是可选的值'],
  ])('refuses %s', async (_what, body, path, message) => {
    const doctor = await newDoctor();
    const res = await put(rep, `/api/doctors/${doctor.id}/kol`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toContainEqual(expect.objectContaining({ path, message }));
  });
});
