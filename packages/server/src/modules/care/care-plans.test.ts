import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, callDateOf, chinaDate } from '@keqing/domain';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { testEngine } from '../../test/engine.ts';
import { lockDoctor } from './care-plans.repository.ts';

let t: TestApp;
let w: World;
let rep01: Client; // rep1a: h1a (d1a), hShared (dShared)
let rep02: Client; // rep1b: h1b (d1b)
let rep03: Client; // rep2a: h2a (d2a), hShared (dShared)
let m1: Client;
let m2: Client;
let compliance: Client;
let admin: Client;
const today = chinaDate();
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  // tiers chosen for the doctors: d1a A (¥500 per action, ¥3,000 a year), d1b B (¥300, ¥1,500),
  // d2a and dShared 普通 (¥100, ¥500; no meals)
  await t.database.db.insert(s.doctorCareTiers).values([
    { doctorId: w.doctors.d1a.id, tier: 'A' },
    { doctorId: w.doctors.d1b.id, tier: 'B' },
    { doctorId: w.doctors.dShared.id, tier: 'normal' },
  ]);
  rep01 = await t.signIn('rep01');
  rep02 = await t.signIn('rep02');
  rep03 = await t.signIn('rep03');
  m1 = await t.signIn('manager01');
  m2 = await t.signIn('manager02');
  compliance = await t.signIn('compliance');
  admin = await t.signIn('admin');
});
afterAll(async () => t?.close());

const action = (doctorId: string, valueFen: number, extra: Record<string, unknown> = {}) => ({
  doctorId,
  kind: 'smallGift',
  actionDate: today,
  valueFen,
  purpose: '春节小礼品',
  ...extra,
});

async function actionsOf(doctorId: string) {
  return t.database.db
    .select({ valueFen: s.careActions.valueFen, ownerId: s.careActions.ownerId })
    .from(s.careActions)
    .where(eq(s.careActions.doctorId, doctorId));
}
async function countAll(table: typeof s.careActions | typeof s.carePlans | typeof s.carePlanApprovals) {
  const [row] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(table);
  return Number(row!.n);
}

describe('care action caps 关怀上限', () => {
  it('allows ¥500.00 under the ¥500 per-action cap and refuses ¥500.01 without a plan, saving nothing', async () => {
    const ok = await rep01.post('/api/care-actions', action(w.doctors.d1a.id, 50_000));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ valueFen: 50_000, ownerName: '张三', carePlanItemId: null });

    const over = await rep01.post('/api/care-actions', action(w.doctors.d1a.id, 50_001));
    expect(over.statusCode).toBe(409);
    expect(over.json().error.message).toBe(
      '金额 ¥500.01 超过该医生关怀等级（A 类（重点客户））的单次上限 ¥500.00，须先提交关怀计划并获批准后才能记录',
    );
    expect(over.json().error.details.reasons).toEqual(['overActionCap']);
    expect(await actionsOf(w.doctors.d1a.id)).toEqual([{ valueFen: 50_000, ownerId: w.users.rep1a.id }]);
  });

  it('answers in English when asked', async () => {
    const over = await rep01.request({
      method: 'POST',
      url: '/api/care-actions',
      payload: action(w.doctors.d1a.id, 60_000),
      headers: { 'accept-language': 'en' },
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.message).toContain('per-action cap of ¥500.00');
  });

  it('refuses a kind the tier does not allow (a meal for an ordinary customer)', async () => {
    const before = await countAll(s.careActions);
    const res = await rep03.post('/api/care-actions', action(w.doctors.d2a.id, 5_000, { kind: 'meal' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('不允许“工作餐”');
    expect(await countAll(s.careActions)).toBe(before);
  });

  it('counts every rep towards the annual cap: splitting across two reps still hits it', async () => {
    const shared = w.doctors.dShared.id;
    for (const [client, n] of [
      [rep01, 3],
      [rep03, 2],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const res = await client.post('/api/care-actions', action(shared, 10_000, { kind: 'greeting' }));
        expect(res.statusCode, res.body).toBe(201);
      }
    }
    // ¥500 reached by the two reps together; one more fen from either is over the year cap
    const over = await rep03.post('/api/care-actions', action(shared, 1, { kind: 'greeting' }));
    expect(over.statusCode).toBe(409);
    expect(over.json().error.message).toBe(
      `该医生 ${year} 年关怀已累计 ¥500.00（所有代表合计），加上本次 ¥0.01 将超过年度上限 ¥500.00，须先提交关怀计划并获批准后才能记录`,
    );
    const rows = await actionsOf(shared);
    expect(rows.reduce((sum, r) => sum + r.valueFen, 0)).toBe(50_000);
    expect(new Set(rows.map((r) => r.ownerId))).toEqual(new Set([w.users.rep1a.id, w.users.rep2a.id]));

    const totals = (await compliance.get(`/api/care/annual-totals?year=${year}&doctorId=${shared}`)).json();
    expect(totals.items).toEqual([
      expect.objectContaining({
        id: shared,
        doctorName: '赵敏',
        tier: 'normal',
        capPerYearFen: 50_000,
        totalFen: 50_000,
        actions: 5,
        reps: 2,
        byKind: { greeting: 50_000 },
        overCap: false,
      }),
    ]);
  });

  it('lets only one of two concurrent actions take the last room under the year cap', async () => {
    const d1b = w.doctors.d1b.id;
    for (let i = 0; i < 4; i++)
      expect((await rep02.post('/api/care-actions', action(d1b, 30_000))).statusCode).toBe(201);
    const results = await Promise.all([
      rep02.post('/api/care-actions', action(d1b, 30_000)),
      m1.post('/api/care-actions', action(d1b, 30_000)),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const rows = await actionsOf(d1b);
    expect(rows.reduce((sum, r) => sum + r.valueFen, 0)).toBe(150_000);
  });

  it.runIf(testEngine().kind === 'postgres')(
    "holds the doctor for other care actions but not for rows that merely reference it (a call's insert)",
    async () => {
      const doctorId = w.doctors.d1a.id;
      let letGo!: () => void;
      const released = new Promise<void>((resolve) => (letGo = resolve));
      let locked!: () => void;
      const holding = new Promise<void>((resolve) => (locked = resolve));
      const holder = t.database.db.transaction(async (tx) => {
        await lockDoctor(tx, doctorId);
        locked();
        await released;
      });
      await holding;
      /** Locks the doctor in another transaction, giving up after 1 s of waiting. */
      const tryLock = (strength: 'key share' | 'no key update') =>
        t.database.db.transaction(async (tx) => {
          await tx.execute(sql`set local lock_timeout = '1s'`);
          await tx.execute(sql`select id from doctors where id = ${doctorId} for ${sql.raw(strength)}`);
        });
      try {
        // what a foreign-key check takes when a call or score row is inserted
        await expect(tryLock('key share')).resolves.toBeUndefined();
        // another care action (or a stage change) waits for the lock
        await expect(tryLock('no key update')).rejects.toMatchObject({ cause: { code: '55P03' } });
      } finally {
        letGo();
        await holder;
      }
    },
  );

  it.each([
    [
      'a future date',
      () => action(w.doctors.d1a.id, 100, { actionDate: addDays(today, 1) }),
      'body.actionDate',
    ],
    [
      'a date older than 30 days',
      () => action(w.doctors.d1a.id, 100, { actionDate: addDays(today, -31) }),
      'body.actionDate',
    ],
    ['a doctor outside the territories', () => action(w.doctors.d2a.id, 100), 'body.doctorId'],
    ['a value with fractions of a fen', () => action(w.doctors.d1a.id, 100.5), 'body.valueFen'],
    ['a negative value', () => action(w.doctors.d1a.id, -100), 'body.valueFen'],
    ['cash as a kind', () => action(w.doctors.d1a.id, 100, { kind: 'cash' }), 'body.kind'],
    ['someone else’s call', () => action(w.doctors.d1a.id, 100, { callId: randomUUID() }), 'body.callId'],
  ])('refuses %s with a field error and saves nothing', async (_label, body, path) => {
    const before = await countAll(s.careActions);
    const res = await rep01.post('/api/care-actions', body());
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await countAll(s.careActions)).toBe(before);
  });

  it('links the caller’s own call with that doctor, and refuses a colleague’s', async () => {
    const startAt = new Date(Date.now() - 3 * 3600_000).toISOString();
    const [call] = await t.database.db
      .insert(s.calls)
      .values({
        clientId: randomUUID(),
        ownerId: w.users.rep1a.id,
        doctorId: w.doctors.dShared.id,
        hospitalId: w.hospitals.hShared.id,
        type: 'visit',
        startAt,
        endAt: new Date(Date.parse(startAt) + 600_000).toISOString(),
        callDate: callDateOf(startAt),
        status: 'submitted',
      })
      .returning({ id: s.calls.id });
    const free = { kind: 'information', valueFen: 0 };
    const own = await rep01.post(
      '/api/care-actions',
      action(w.doctors.dShared.id, 0, { ...free, callId: call!.id }),
    );
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().callId).toBe(call!.id);
    const other = await rep03.post(
      '/api/care-actions',
      action(w.doctors.dShared.id, 0, { ...free, callId: call!.id }),
    );
    expect(other.statusCode).toBe(400);
    expect(other.json().error.message).toBe('所选拜访不是您对该医生的拜访');
  });

  it('has no route to change or delete an action', async () => {
    const list = (await rep01.get(`/api/care-actions?doctorId=${w.doctors.d1a.id}`)).json();
    const id = list.items[0].id;
    expect((await rep01.patch(`/api/care-actions/${id}`, { valueFen: 1 })).statusCode).toBe(404);
    expect((await rep01.request({ method: 'DELETE', url: `/api/care-actions/${id}` })).statusCode).toBe(404);
  });
});

describe('care plans 关怀计划 with approval', () => {
  const planBody = (doctorId: string, valueFen: number, kind = 'smallGift') => ({
    title: '张主任春节关怀',
    kind: 'customer',
    festival: 'springFestival',
    plannedDate: today,
    purpose: '春节问候，赠送科室台历',
    items: [{ doctorId, kind, valueFen, purpose: '定制台历' }],
  });

  it('runs an over-cap plan: manager approves, compliance approves, the rep records the action under it', async () => {
    const d1a = w.doctors.d1a.id;
    const created = await rep01.post('/api/care-plans', planBody(d1a, 80_000));
    expect(created.statusCode, created.body).toBe(201);
    const plan = created.json();
    expect(plan).toMatchObject({
      status: 'draft',
      needsCompliance: true,
      totalFen: 80_000,
      ownerName: '张三',
    });
    expect(plan.items[0]).toMatchObject({
      overCap: true,
      capReason: '超过单次上限 ¥500.00',
      careActionId: null,
    });

    // without the plan the action is refused
    expect((await rep01.post('/api/care-actions', action(d1a, 80_000))).statusCode).toBe(409);

    const submitted = await rep01.post(`/api/care-plans/${plan.id}/submit`, { version: plan.version });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', needsCompliance: true });
    let version = submitted.json().version;

    // not before approval: the item of a submitted plan does not cover the action
    const early = await rep01.post(
      '/api/care-actions',
      action(d1a, 80_000, { carePlanItemId: plan.items[0].id }),
    );
    expect(early.statusCode).toBe(400);

    expect(
      (await m1.get('/api/care-plans?awaitingMe=true')).json().items.map((p: { id: string }) => p.id),
    ).toContain(plan.id);
    const wrongStep = await compliance.post(`/api/care-plans/${plan.id}/decisions`, {
      version,
      decision: 'approved',
    });
    expect(wrongStep.statusCode).toBe(409);
    expect(
      (await m2.post(`/api/care-plans/${plan.id}/decisions`, { version, decision: 'approved' })).statusCode,
    ).toBe(404);
    expect(
      (await rep01.post(`/api/care-plans/${plan.id}/decisions`, { version, decision: 'approved' }))
        .statusCode,
    ).toBe(403);

    const byManager = await m1.post(`/api/care-plans/${plan.id}/decisions`, {
      version,
      decision: 'approved',
      comment: '同意，注意控制金额',
    });
    expect(byManager.statusCode, byManager.body).toBe(200);
    expect(byManager.json()).toMatchObject({
      status: 'managerApproved',
      approvals: [
        {
          step: 'manager',
          decision: 'approved',
          decidedBy: { name: '王经理' },
          comment: '同意，注意控制金额',
        },
      ],
    });
    version = byManager.json().version;
    expect(
      (await compliance.get('/api/care-plans?awaitingMe=true')).json().items.map((p: { id: string }) => p.id),
    ).toContain(plan.id);

    const byCompliance = await compliance.post(`/api/care-plans/${plan.id}/decisions`, {
      version,
      decision: 'approved',
    });
    expect(byCompliance.statusCode, byCompliance.body).toBe(200);
    expect(byCompliance.json().status).toBe('approved');
    expect(byCompliance.json().approvals.map((a: { step: string }) => a.step)).toEqual([
      'manager',
      'compliance',
    ]);

    // more than the item's approved value is refused, nothing saved
    const tooMuch = await rep01.post(
      '/api/care-actions',
      action(d1a, 80_001, { carePlanItemId: plan.items[0].id }),
    );
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.message).toBe('金额 ¥800.01 超过计划项批准的金额 ¥800.00');

    const recorded = await rep01.post(
      '/api/care-actions',
      action(d1a, 80_000, { carePlanItemId: plan.items[0].id }),
    );
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json()).toMatchObject({
      carePlanItemId: plan.items[0].id,
      carePlanId: plan.id,
      valueFen: 80_000,
    });

    const again = await rep01.post(
      '/api/care-actions',
      action(d1a, 100, { carePlanItemId: plan.items[0].id }),
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该计划项已经记录过关怀行动');

    const executed = (await rep01.get(`/api/care-plans/${plan.id}`)).json();
    expect(executed.status).toBe('executed');
    // the executed item is not counted twice against the year cap
    expect(executed.items[0]).toMatchObject({ careActionId: recorded.json().id, overCap: true });

    const feedback = await rep01.post(`/api/care-plans/${plan.id}/items/${plan.items[0].id}/feedback`, {
      feedback: '张主任表示感谢，台历已放在科室',
    });
    expect(feedback.statusCode, feedback.body).toBe(200);
    expect(feedback.json().items[0]).toMatchObject({ feedback: '张主任表示感谢，台历已放在科室' });

    const [item] = await t.database.db
      .select()
      .from(s.carePlanItems)
      .where(eq(s.carePlanItems.id, plan.items[0].id));
    expect(item!.feedback).toBe('张主任表示感谢，台历已放在科室');
    const approvals = await t.database.db
      .select()
      .from(s.carePlanApprovals)
      .where(eq(s.carePlanApprovals.carePlanId, plan.id));
    expect(approvals.map((a) => [a.step, a.decision, a.decidedBy])).toEqual([
      ['manager', 'approved', w.users.m1.id],
      ['compliance', 'approved', w.users.compliance.id],
    ]);
    const audits = await t.database.db
      .select({ action: s.auditLog.action })
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, 'carePlan'), eq(s.auditLog.entityId, plan.id)));
    // create, submit, two decisions, executed, feedback
    expect(audits).toHaveLength(6);
    const actionAudit = await t.database.db
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, 'careAction'), eq(s.auditLog.entityId, recorded.json().id)));
    expect(actionAudit).toHaveLength(1);
  });

  it('refuses self-approval: a manager cannot decide their own plan, and nothing is saved', async () => {
    const created = (await m1.post('/api/care-plans', planBody(w.doctors.d1b.id, 1_000, 'greeting'))).json();
    const submitted = (
      await m1.post(`/api/care-plans/${created.id}/submit`, { version: created.version })
    ).json();
    const res = await m1.post(`/api/care-plans/${created.id}/decisions`, {
      version: submitted.version,
      decision: 'approved',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('不能审批自己提交的关怀计划');
    const [row] = await t.database.db.select().from(s.carePlans).where(eq(s.carePlans.id, created.id));
    expect(row).toMatchObject({ status: 'submitted', version: submitted.version });
    const approvals = await t.database.db
      .select()
      .from(s.carePlanApprovals)
      .where(eq(s.carePlanApprovals.carePlanId, created.id));
    expect(approvals).toEqual([]);
    // and it is not offered to them as awaiting their decision
    expect(
      (await m1.get('/api/care-plans?awaitingMe=true')).json().items.map((p: { id: string }) => p.id),
    ).not.toContain(created.id);
  });

  it('lets a within-cap plan be approved by the manager alone; a rejection can be reworked and resubmitted', async () => {
    const created = (
      await rep02.post('/api/care-plans', planBody(w.doctors.d1b.id, 0, 'information'))
    ).json();
    expect(created.needsCompliance).toBe(false);
    const sub = (await rep02.post(`/api/care-plans/${created.id}/submit`, { version: 1 })).json();
    const rejected = await m1.post(`/api/care-plans/${created.id}/decisions`, {
      version: sub.version,
      decision: 'rejected',
      comment: '目的不清楚',
    });
    expect(rejected.json().status).toBe('rejected');

    // the owner reworks it; a colleague cannot
    expect((await m1.patch(`/api/care-plans/${created.id}`, { version: 3, title: 'x' })).statusCode).toBe(
      403,
    );
    const edited = await rep02.patch(`/api/care-plans/${created.id}`, {
      version: rejected.json().version,
      purpose: '送最新指南解读资料',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const resub = (
      await rep02.post(`/api/care-plans/${created.id}/submit`, { version: edited.json().version })
    ).json();
    const approved = await m1.post(`/api/care-plans/${created.id}/decisions`, {
      version: resub.version,
      decision: 'approved',
    });
    expect(approved.json()).toMatchObject({ status: 'approved' });
    expect(approved.json().approvals.map((a: { decision: string }) => a.decision)).toEqual([
      'rejected',
      'approved',
    ]);
    // an approved plan cannot be edited any more
    const late = await rep02.patch(`/api/care-plans/${created.id}`, {
      version: approved.json().version,
      title: '改',
    });
    expect(late.statusCode).toBe(409);
  });

  it('refuses plan items on doctors outside the caller’s territories, and a customer plan for two doctors', async () => {
    const before = await countAll(s.carePlans);
    const out = await rep01.post('/api/care-plans', planBody(w.doctors.d2a.id, 1_000));
    expect(out.statusCode).toBe(400);
    expect(out.json().error.details[0].path).toBe('body.items.0.doctorId');
    const two = await rep01.post('/api/care-plans', {
      ...planBody(w.doctors.d1a.id, 1_000),
      items: [
        { doctorId: w.doctors.d1a.id, kind: 'greeting', valueFen: 0 },
        { doctorId: w.doctors.dShared.id, kind: 'greeting', valueFen: 0 },
      ],
    });
    expect(two.statusCode).toBe(400);
    expect(two.json().error.message).toBe('客户关怀计划只能针对一位医生；多位医生请使用节日活动计划');
    expect((await compliance.post('/api/care-plans', planBody(w.doctors.d1a.id, 1_000))).statusCode).toBe(
      403,
    );
    expect((await admin.post('/api/care-plans', planBody(w.doctors.d1a.id, 1_000))).statusCode).toBe(403);
    expect(await countAll(s.carePlans)).toBe(before);
  });
});

describe('compliance reports 合规', () => {
  it('exports the annual totals as .xlsx with Chinese headers for compliance, audited; not for reps or managers', async () => {
    const res = await compliance.get(`/api/care/annual-totals/export?year=${year}`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as never);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers).toEqual(
      expect.arrayContaining([
        '医生',
        '医院',
        '关怀等级',
        '全年合计（元，所有代表）',
        '代表人数',
        '小礼品（元）',
      ]),
    );
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, (row.values as unknown[])[i + 1]])));
    });
    expect(rows.find((r) => r['医生'] === '赵敏')).toMatchObject({
      '全年合计（元，所有代表）': 500,
      代表人数: 2,
    });

    const [audit] = await t.database.db
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, 'export'), eq(s.auditLog.action, 'export')));
    expect(audit?.actorId).toBe(w.users.compliance.id);
    expect((await rep01.get(`/api/care/annual-totals/export?year=${year}`)).statusCode).toBe(403);
    expect((await m1.get(`/api/care/annual-totals/export?year=${year}`)).statusCode).toBe(403);
  });

  it('shows managers only their team’s doctors in the annual totals', async () => {
    const ids = (await m2.get(`/api/care/annual-totals?year=${year}`))
      .json()
      .items.map((i: { id: string }) => i.id);
    expect(ids).toContain(w.doctors.dShared.id);
    expect(ids).not.toContain(w.doctors.d1a.id);
  });

  it('builds the compliance dashboard: near/over-cap actions, rejected plans, totals that add up', async () => {
    const res = await compliance.get(`/api/care/compliance-dashboard?year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    const [sum] = await t.database.db
      .select({ total: sql<number>`coalesce(sum(${s.careActions.valueFen}), 0)::int` })
      .from(s.careActions);
    expect(d.totalFen).toBe(Number(sum!.total));
    const d1aNear = d.nearOrOverCap.filter((a: { doctorId: string }) => a.doctorId === w.doctors.d1a.id);
    expect(
      d1aNear
        .map((a: { valueFen: number; sharePct: number; overCap: boolean }) => [
          a.valueFen,
          a.sharePct,
          a.overCap,
        ])
        .sort(),
    ).toEqual([
      [50_000, 100, false],
      [80_000, 160, true],
    ]);
    // ¥100 on an ordinary doctor is 100% of a ¥100 cap: near; d1b's ¥300 is 100% of tier B's
    expect(d.nearOrOverCap.every((a: { sharePct: number }) => a.sharePct >= 80)).toBe(true);
    expect(d.rejectedPlans).toEqual([]);
    expect(d.doctorsOverYearCap).toBe(0);
    for (const u of d.unusualSpend) expect(u.totalFen).toBeGreaterThan(2 * u.medianFen);

    const team2 = (await m2.get(`/api/care/compliance-dashboard?year=${year}`)).json();
    expect(team2.nearOrOverCap.some((a: { doctorId: string }) => a.doctorId === w.doctors.d1a.id)).toBe(
      false,
    );
    expect((await rep01.get(`/api/care/compliance-dashboard?year=${year}`)).statusCode).toBe(403);
  });

  it('lists a rejected plan on the dashboard', async () => {
    const created = (
      await rep01.post('/api/care-plans', {
        title: '中秋活动',
        kind: 'campaign',
        festival: 'midAutumn',
        plannedDate: today,
        purpose: '中秋问候',
        items: [
          { doctorId: w.doctors.d1a.id, kind: 'smallGift', valueFen: 20_000 },
          { doctorId: w.doctors.dShared.id, kind: 'smallGift', valueFen: 10_000 },
        ],
      })
    ).json();
    // dShared is at its year cap already: the campaign needs compliance
    expect(created.needsCompliance).toBe(true);
    expect(created.items.map((i: { overCap: boolean }) => i.overCap)).toEqual([false, true]);
    const sub = (await rep01.post(`/api/care-plans/${created.id}/submit`, { version: 1 })).json();
    await m1.post(`/api/care-plans/${created.id}/decisions`, { version: sub.version, decision: 'rejected' });
    const d = (await compliance.get(`/api/care/compliance-dashboard?year=${year}`)).json();
    expect(d.rejectedPlans).toEqual([
      expect.objectContaining({ id: created.id, title: '中秋活动', ownerName: '张三', totalFen: 30_000 }),
    ]);
  });
});
