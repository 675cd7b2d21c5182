import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '@keqing/domain';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
let rep: Client;
let p3Inactive: string;
let plannedForRep1a: string;
let plannedForRep1b: string;

/**
 * Each call gets its own 10-minute slot going back from now, so no two overlap unless a test wants it. The slots
 * (under 8 hours of them) stay on one China date: a score dated by a later test's call must never fall on an
 * earlier day than one an earlier test recorded. So early in a China morning they go back from yesterday's end.
 */
const chinaMidnight = Date.parse(`${chinaDate()}T00:00:00+08:00`);
const base =
  Date.now() - chinaMidnight >= 12 * 3_600_000 ? Date.now() - 5 * 60_000 : chinaMidnight - 5 * 60_000;
let slots = 0;
function slot() {
  const start = base - (++slots * 15 + 10) * 60_000;
  return { startAt: new Date(start).toISOString(), endAt: new Date(start + 10 * 60_000).toISOString() };
}

const callBody = (extra: Record<string, unknown> = {}) => ({
  clientId: randomUUID(),
  doctorId: w.doctors.d1a.id,
  type: 'visit',
  ...slot(),
  products: [{ productId: w.products.p1.id, keyMessages: ['降脂达标率高'] }],
  objectives: [
    { text: '了解降脂治疗的顾虑', outcome: 'achieved' },
    { text: '递送新版说明书', outcome: 'partly' },
    { text: '约定科室会时间', outcome: 'notAchieved' },
  ],
  ...extra,
});

const db = () => t.database.db;
const callRows = (clientId: string) => db().select().from(s.calls).where(eq(s.calls.clientId, clientId));

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  rep = await t.signIn('rep01');
  const [p3] = await db()
    .insert(s.products)
    .values({ name: '旧药', genericName: '旧药片', therapeuticArea: '心血管', active: false })
    .returning();
  p3Inactive = p3!.id;
  const today = chinaDate();
  const plans = await db()
    .insert(s.cyclePlans)
    .values([
      { ownerId: w.users.rep1a.id, cycleStart: addDays(today, -7), cycleEnd: addDays(today, 20) },
      { ownerId: w.users.rep1b.id, cycleStart: addDays(today, -7), cycleEnd: addDays(today, 20) },
    ])
    .returning();
  const planned = await db()
    .insert(s.plannedCalls)
    .values([
      {
        cyclePlanId: plans[0]!.id,
        ownerId: w.users.rep1a.id,
        doctorId: w.doctors.d1a.id,
        hospitalId: w.hospitals.h1a.id,
        date: today,
        halfDay: 'am',
      },
      {
        cyclePlanId: plans[1]!.id,
        ownerId: w.users.rep1b.id,
        doctorId: w.doctors.d1a.id,
        hospitalId: w.hospitals.h1a.id,
        date: today,
        halfDay: 'am',
      },
    ])
    .returning();
  plannedForRep1a = planned[0]!.id;
  plannedForRep1b = planned[1]!.id;
  // 上海市第一人民医院's gate
  await db()
    .update(s.hospitals)
    .set({ latitude: 31.2513, longitude: 121.4899 })
    .where(eq(s.hospitals.id, w.hospitals.h1a.id));
});
afterAll(async () => t?.close());

describe('logging a call', () => {
  it('creates a draft once per clientId: a retried post answers the stored call and changes nothing', async () => {
    const body = callBody({ notes: '第一次提交' });
    const first = await rep.post('/api/calls', body);
    expect(first.statusCode).toBe(201);
    expect(first.json().call).toMatchObject({
      status: 'draft',
      ownerName: '张三',
      doctorName: '张三丰',
      hospitalName: '上海市第一人民医院',
      departmentName: '心内科',
      products: [{ productId: w.products.p1.id, productName: '瑞心', keyMessages: ['降脂达标率高'] }],
      locationCheck: 'none',
      coVisitId: null,
      version: 1,
    });
    const again = await rep.post('/api/calls', { ...body, notes: '网络恢复后的重发' });
    expect(again.statusCode).toBe(200);
    expect(again.json().call.id).toBe(first.json().call.id);
    expect(again.json().call.notes).toBe('第一次提交');
    const rows = await callRows(body.clientId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.notes).toBe('第一次提交');
  });

  it('warns (without refusing) about fewer than 3 objectives and a missing next step', async () => {
    const res = await rep.post(
      '/api/calls',
      callBody({ objectives: [{ text: '了解用药顾虑', outcome: 'achieved' }] }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings.map((x: { code: string }) => x.code)).toEqual(['fewObjectives', 'noNextStep']);
    expect(res.json().warnings[0].message).toBe('拜访目标少于 3 项，建议按 SMART 原则补充');
  });

  const ago = (days: number) => `${addDays(chinaDate(), -days)}T10:00:00+08:00`;
  const agoEnd = (days: number) => `${addDays(chinaDate(), -days)}T10:30:00+08:00`;
  it.each<[string, () => Record<string, unknown>, string, string]>([
    [
      'an end before the start',
      () => {
        const { startAt, endAt } = slot();
        return { startAt: endAt, endAt: startAt };
      },
      'body.endAt',
      '拜访结束时间须晚于开始时间',
    ],
    [
      'a start in the future',
      () => ({
        startAt: new Date(Date.now() + 3_600_000).toISOString(),
        endAt: new Date(Date.now() + 5_400_000).toISOString(),
      }),
      'body.startAt',
      '拜访开始时间不能晚于现在：只能记录已经发生的拜访',
    ],
    [
      'a call older than the 3-day entry window',
      () => ({ startAt: ago(4), endAt: agoEnd(4) }),
      'body.startAt',
      '拜访只能在发生后 3 天内录入，已超出录入期限',
    ],
    [
      'duplicate objectives (differing only in spacing and case)',
      () => ({
        objectives: [
          { text: '约定 科室会', outcome: 'achieved' },
          { text: '介绍LDL数据', outcome: 'achieved' },
          { text: '约定科室会', outcome: 'partly' },
        ],
      }),
      'body.objectives.2.text',
      '拜访目标“约定科室会”重复了',
    ],
    [
      'a doctor outside the rep’s territories',
      () => ({ doctorId: w.doctors.d1b.id }),
      'body.doctorId',
      '该医生不在您负责的辖区内，不能记录拜访',
    ],
    [
      'a discontinued product',
      () => ({ products: [{ productId: p3Inactive }] }),
      'body.products.0.productId',
      '产品“旧药”已停用，不能记录',
    ],
    [
      'an unknown product',
      () => ({ products: [{ productId: randomUUID() }] }),
      'body.products.0.productId',
      '产品不存在',
    ],
    [
      'a product listed twice',
      () => ({ products: [{ productId: w.products.p1.id }, { productId: w.products.p1.id }] }),
      'body.products.1.productId',
      '同一产品只能列出一次',
    ],
    [
      'a next step due before the call',
      () => ({
        startAt: ago(2),
        endAt: agoEnd(2),
        nextStep: '送资料',
        nextStepDue: addDays(chinaDate(), -3),
      }),
      'body.nextStepDue',
      '下一步的完成日期不能早于拜访日期',
    ],
    [
      "another rep's planned call",
      () => ({ plannedCallId: plannedForRep1b }),
      'body.plannedCallId',
      '所选计划拜访不是您对该医生的计划拜访',
    ],
    [
      'an empty score update',
      () => ({ scoreUpdates: [{ productId: w.products.p1.id }] }),
      'body.scoreUpdates.0',
      '请至少填写处方现状、处方潜力或接纳度阶梯中的一项',
    ],
  ])('refuses %s with a Chinese message and saves nothing', async (_label, extra, path, message) => {
    const body = callBody(extra());
    const res = await rep.post('/api/calls', body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toBe(message);
    expect(res.json().error.details[0]).toMatchObject({ path, message });
    expect(await callRows(body.clientId)).toHaveLength(0);
  });

  it('refuses a call overlapping another of the same rep (draft or submitted), naming its time', async () => {
    const first = callBody();
    expect((await rep.post('/api/calls', first)).statusCode).toBe(201);
    const start = new Date(Date.parse(first.startAt) + 5 * 60_000).toISOString();
    const end = new Date(Date.parse(first.endAt) + 5 * 60_000).toISOString();
    const clash = callBody({ startAt: start, endAt: end, doctorId: w.doctors.dShared.id });
    const res = await rep.post('/api/calls', clash);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/^与您 \d\d:\d\d–\d\d:\d\d 的另一条拜访记录时间重叠$/);
    expect(await callRows(clash.clientId)).toHaveLength(0);
    // another rep may be with another doctor at that very time
    const other = await t.signIn('rep03');
    const theirs = await other.post(
      '/api/calls',
      callBody({
        startAt: start,
        endAt: end,
        doctorId: w.doctors.d2a.id,
        products: [{ productId: w.products.p2.id }],
      }),
    );
    expect(theirs.statusCode, theirs.body).toBe(201);
  });

  it('refuses admins (compliance too): calls are logged by reps and managers', async () => {
    for (const username of ['admin', 'compliance']) {
      const client = await t.signIn(username);
      const body = callBody();
      const res = await client.post('/api/calls', body);
      expect(res.statusCode).toBe(403);
      expect(await callRows(body.clientId)).toHaveLength(0);
    }
  });

  it('lets a manager log a call on a doctor of the team', async () => {
    const manager = await t.signIn('manager01');
    const res = await manager.post('/api/calls', callBody({ doctorId: w.doctors.d1b.id }));
    expect(res.statusCode).toBe(201);
    expect(res.json().call.ownerId).toBe(w.users.m1.id);
  });
});

describe('editing a draft', () => {
  it('gives the second of two devices saving the same version a conflict, keeping the first save', async () => {
    const created = (await rep.post('/api/calls', callBody())).json().call;
    const phone = await rep.patch(`/api/calls/${created.id}`, { version: 1, notes: '手机上写的' });
    expect(phone.statusCode).toBe(200);
    expect(phone.json().call.version).toBe(2);
    const laptop = await rep.patch(`/api/calls/${created.id}`, { version: 1, notes: '电脑上写的' });
    expect(laptop.statusCode).toBe(409);
    expect(laptop.json().error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
    const [row] = await db().select().from(s.calls).where(eq(s.calls.id, created.id));
    expect(row!.notes).toBe('手机上写的');
  });

  it('applies the same rules to the edited record and saves nothing when one fails', async () => {
    const created = (await rep.post('/api/calls', callBody())).json().call;
    const res = await rep.patch(`/api/calls/${created.id}`, {
      version: 1,
      notes: '不会保存',
      objectives: [
        { text: '送资料', outcome: 'achieved' },
        { text: '送资料', outcome: 'achieved' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('拜访目标“送资料”重复了');
    const [row] = await db().select().from(s.calls).where(eq(s.calls.id, created.id));
    expect(row).toMatchObject({ notes: null, version: 1 });
  });

  it("refuses someone else's draft: a manager who sees it gets 403, another rep 404", async () => {
    const created = (await rep.post('/api/calls', callBody())).json().call;
    const manager = await t.signIn('manager01');
    expect((await manager.patch(`/api/calls/${created.id}`, { version: 1, notes: 'x' })).statusCode).toBe(
      403,
    );
    const rep1b = await t.signIn('rep02');
    expect((await rep1b.patch(`/api/calls/${created.id}`, { version: 1, notes: 'x' })).statusCode).toBe(404);
  });

  it('deletes a draft of one’s own, but not a submitted call', async () => {
    const draft = (await rep.post('/api/calls', callBody())).json().call;
    const del = await rep.request({ method: 'DELETE', url: `/api/calls/${draft.id}` });
    expect(del.statusCode).toBe(204);
    expect(await db().select().from(s.calls).where(eq(s.calls.id, draft.id))).toHaveLength(0);
    const submitted = (await rep.post('/api/calls', callBody({ submit: true }))).json().call;
    const refused = await rep.request({ method: 'DELETE', url: `/api/calls/${submitted.id}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('已提交的拜访不能删除');
  });
});

describe('submitting a call', () => {
  it('locks it and, in one go, marks the planned call done, creates the follow-up and writes the scoring history', async () => {
    const created = await rep.post(
      '/api/calls',
      callBody({
        plannedCallId: plannedForRep1a,
        nextStep: '下周二送新版说明书',
        // p1 is not listed at h1a: a pre-listing status; p2: only the ladder moves
        scoreUpdates: [
          { productId: w.products.p1.id, prescriptionStatus: -2, prescriptionPotential: 4 },
          { productId: w.products.p2.id, adoptionStep: 2 },
        ],
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const call = created.json().call;
    const res = await rep.post(`/api/calls/${call.id}/submit`, {
      version: 1,
      // about 110 m north of the hospital's gate
      location: { latitude: 31.2523, longitude: 121.4899, accuracyM: 25 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const submitted = res.json().call;
    expect(submitted).toMatchObject({ status: 'submitted', locationCheck: 'near', version: 2 });
    expect(submitted.distanceToHospitalM).toBeGreaterThan(100);
    expect(submitted.distanceToHospitalM).toBeLessThan(120);
    expect(submitted.submittedAt).not.toBeNull();
    expect(JSON.stringify(submitted)).not.toContain('31.2523');

    const [planned] = await db().select().from(s.plannedCalls).where(eq(s.plannedCalls.id, plannedForRep1a));
    expect(planned!.status).toBe('done');
    const followUps = await db().select().from(s.followUps).where(eq(s.followUps.callId, call.id));
    expect(followUps).toMatchObject([
      {
        ownerId: w.users.rep1a.id,
        doctorId: w.doctors.d1a.id,
        title: '下周二送新版说明书',
        dueDate: addDays(call.callDate, 7),
        status: 'open',
      },
    ]);
    const scores = await db()
      .select()
      .from(s.doctorScores)
      .where(
        and(eq(s.doctorScores.doctorId, w.doctors.d1a.id), eq(s.doctorScores.productId, w.products.p1.id)),
      );
    expect(scores).toMatchObject([
      {
        prescriptionStatus: -2,
        prescriptionPotential: 4,
        assessedOn: call.callDate,
        assessedBy: w.users.rep1a.id,
      },
    ]);
    const ladder = await db()
      .select()
      .from(s.doctorLadderHistory)
      .where(
        and(
          eq(s.doctorLadderHistory.doctorId, w.doctors.d1a.id),
          eq(s.doctorLadderHistory.productId, w.products.p2.id),
        ),
      );
    expect(ladder).toMatchObject([{ fromStep: null, toStep: 2, changedOn: call.callDate }]);
    const [stored] = await db().select().from(s.calls).where(eq(s.calls.id, call.id));
    expect(stored).toMatchObject({ latitude: 31.2523, locationAccuracyM: 25 });

    const edit = await rep.patch(`/api/calls/${call.id}`, { version: 2, notes: '改一下' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error).toMatchObject({
      code: 'CONFLICT',
      message: '拜访已提交并锁定，请通过更正（填写原因）修改',
    });
    const twice = await rep.post(`/api/calls/${call.id}/submit`, { version: 2 });
    expect(twice.statusCode).toBe(409);
  });

  it('keeps the current potential for a status-only update, and refuses one when the doctor has no score yet', async () => {
    // d1a now has a p1 score (-2, potential 4) from the test above
    const ok = await rep.post(
      '/api/calls',
      callBody({ submit: true, scoreUpdates: [{ productId: w.products.p1.id, prescriptionStatus: -1 }] }),
    );
    expect(ok.statusCode, ok.body).toBe(201);
    const [current] = await db()
      .select()
      .from(s.doctorProductStatus)
      .where(
        and(
          eq(s.doctorProductStatus.doctorId, w.doctors.d1a.id),
          eq(s.doctorProductStatus.productId, w.products.p1.id),
        ),
      );
    expect(current).toMatchObject({ prescriptionStatus: -1, prescriptionPotential: 4 });

    const body = callBody({
      doctorId: w.doctors.dShared.id,
      nextStep: '电话回访',
      scoreUpdates: [{ productId: w.products.p1.id, prescriptionStatus: -1 }],
    });
    const draft = (await rep.post('/api/calls', body)).json().call;
    const refused = await rep.post(`/api/calls/${draft.id}/submit`, { version: 1 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe('该医生对此产品还没有评分，请同时填写处方现状和处方潜力');
    const [row] = await db().select().from(s.calls).where(eq(s.calls.id, draft.id));
    expect(row).toMatchObject({ status: 'draft', version: 1, submittedAt: null });
    expect(await db().select().from(s.followUps).where(eq(s.followUps.callId, draft.id))).toHaveLength(0);
  });

  it('refuses to submit a draft that has left the entry window', async () => {
    const draft = (await rep.post('/api/calls', callBody())).json().call;
    const old = `${addDays(chinaDate(), -5)}T09:00:00+08:00`;
    await db()
      .update(s.calls)
      .set({
        startAt: old,
        endAt: `${addDays(chinaDate(), -5)}T09:30:00+08:00`,
        callDate: addDays(chinaDate(), -5),
      })
      .where(eq(s.calls.id, draft.id));
    const res = await rep.post(`/api/calls/${draft.id}/submit`, { version: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('拜访只能在发生后 3 天内录入，已超出录入期限');
    const [row] = await db().select().from(s.calls).where(eq(s.calls.id, draft.id));
    expect(row!.status).toBe('draft');
  });

  it('marks a location "unknown" when the hospital has no position', async () => {
    const res = await rep.post(
      '/api/calls',
      callBody({
        doctorId: w.doctors.dShared.id,
        submit: true,
        location: { latitude: 31.2117, longitude: 121.4689 },
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().call).toMatchObject({
      status: 'submitted',
      locationCheck: 'unknown',
      distanceToHospitalM: null,
    });
  });
});

describe('amending a submitted call', () => {
  it('requires a reason, keeps before/after of the changed fields and counts the amendment', async () => {
    const call = (await rep.post('/api/calls', callBody({ submit: true, notes: '原始备注' }))).json().call;
    const noReason = await rep.post(`/api/calls/${call.id}/amendments`, {
      version: call.version,
      reason: '  ',
      changes: { notes: '新备注' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('body.reason');

    const res = await rep.post(`/api/calls/${call.id}/amendments`, {
      version: call.version,
      reason: '补充拜访中医生提出的异议',
      changes: { notes: '新备注', type: 'visit', commitment: '同意试用' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().call).toMatchObject({ notes: '新备注', commitment: '同意试用', amendmentCount: 1 });
    const list = await rep.get(`/api/calls/${call.id}/amendments`);
    expect(list.json().items).toMatchObject([
      {
        amendedBy: { id: w.users.rep1a.id, name: '张三' },
        reason: '补充拜访中医生提出的异议',
        // the type did not change, so it is not recorded
        changes: {
          notes: { before: '原始备注', after: '新备注' },
          commitment: { before: null, after: '同意试用' },
        },
      },
    ]);
    expect(Object.keys(list.json().items[0].changes).sort()).toEqual(['commitment', 'notes']);
    const stored = await db().select().from(s.callAmendments).where(eq(s.callAmendments.callId, call.id));
    expect(stored).toHaveLength(1);
  });

  it('lets the manager of the rep’s team amend, not a manager of another team, and refuses a draft', async () => {
    const call = (await rep.post('/api/calls', callBody({ submit: true }))).json().call;
    const m1 = await t.signIn('manager01');
    const ok = await m1.post(`/api/calls/${call.id}/amendments`, {
      version: call.version,
      reason: '代表口头补充',
      changes: { notes: '经理更正' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const m2 = await t.signIn('manager02');
    const other = await m2.post(`/api/calls/${call.id}/amendments`, {
      version: ok.json().call.version,
      reason: 'x',
      changes: { notes: 'y' },
    });
    expect(other.statusCode).toBe(404);
    const draft = (await rep.post('/api/calls', callBody())).json().call;
    const refused = await rep.post(`/api/calls/${draft.id}/amendments`, {
      version: 1,
      reason: 'x',
      changes: { notes: 'y' },
    });
    expect(refused.statusCode).toBe(409);
  });

  it('applies the rules to the amended record: a start moved into the future is refused, nothing saved', async () => {
    const call = (await rep.post('/api/calls', callBody({ submit: true }))).json().call;
    const res = await rep.post(`/api/calls/${call.id}/amendments`, {
      version: call.version,
      reason: '时间写错了',
      changes: {
        startAt: new Date(Date.now() + 7_200_000).toISOString(),
        endAt: new Date(Date.now() + 9_000_000).toISOString(),
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('body.changes.startAt');
    const [row] = await db().select().from(s.calls).where(eq(s.calls.id, call.id));
    expect(row).toMatchObject({ amendmentCount: 0, version: call.version });
    expect(
      await db().select().from(s.callAmendments).where(eq(s.callAmendments.callId, call.id)),
    ).toHaveLength(0);
  });
});

describe('who sees which calls', () => {
  it('shows a rep the calls on doctors they now cover, even when another rep logged them', async () => {
    const call = (
      await rep.post('/api/calls', callBody({ doctorId: w.doctors.dShared.id, submit: true }))
    ).json().call;
    const rep2a = await t.signIn('rep03'); // covers hShared too
    const seen = await rep2a.get(`/api/calls?doctorId=${w.doctors.dShared.id}&pageSize=200`);
    expect(seen.json().items.map((c: { id: string }) => c.id)).toContain(call.id);
    expect((await rep2a.get(`/api/calls/${call.id}`)).statusCode).toBe(200);
    const rep1b = await t.signIn('rep02');
    expect((await rep1b.get(`/api/calls/${call.id}`)).statusCode).toBe(404);
  });

  it('filters by status and by doctor name', async () => {
    const list = (await rep.get('/api/calls?status=draft&q=张三丰&pageSize=200')).json();
    expect(list.total).toBeGreaterThan(0);
    expect(
      list.items.every(
        (c: { status: string; doctorName: string }) => c.status === 'draft' && c.doctorName === '张三丰',
      ),
    ).toBe(true);
    const none = (await rep.get('/api/calls?q=赵敏&status=draft&doctorId=' + w.doctors.d1a.id)).json();
    expect(none.total).toBe(0);
  });
});
