import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate, mondayOf } from '@keqing/domain';
import type { Handover, HandoverPreview, OrphanList } from '@keqing/shared';
import * as s from '../../db/schema.ts';
import { hashPassword } from '../auth/password.ts';
import { createTestApp, testPassword, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
let admin: Client;
let m1: Client;
let m2: Client;
let rep01: Client;
let compliance: Client;
let leaverClient: Client;

const db = () => t.database.db;
const today = chinaDate();
const nextMonth = (() => {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
})();
type ErrorBody = { error: { code: string; message: string; details?: { path: string; message: string }[] } };

/** The leaver rep09 (team1) with territories T1C (hospital hC, customer ccC) and T1D (hospital hD). */
const L = {} as {
  leaver: string;
  rep10: string;
  tC: string;
  tD: string;
  followUpC: string;
  followUpD: string;
  followUpDone: string;
  plannedC: string;
  plannedD: string;
  claim: string;
  handover: string;
};

async function insertUser(username: string, name: string) {
  const [u] = await db()
    .insert(s.users)
    .values({
      username,
      name,
      role: 'rep',
      teamId: w.teams.team1.id,
      passwordHash: await hashPassword(testPassword),
    })
    .returning();
  return u!.id;
}

async function territoryWith(code: string, hospitalName: string, userId: string, ccName?: string) {
  const [h] = await db()
    .insert(s.hospitals)
    .values({
      code: `H${code}`,
      name: hospitalName,
      level: '三级甲等',
      type: '综合',
      province: '上海',
      city: '上海',
      grade: 'A',
    })
    .returning();
  const [d] = await db()
    .insert(s.doctors)
    .values({ code: `D${code}`, name: `${code}医生`, hospitalId: h!.id, title: '主任医师' })
    .returning();
  const [tr] = await db()
    .insert(s.territories)
    .values({ code, name: `辖区${code}`, teamId: w.teams.team1.id, productIds: [w.products.p1.id] })
    .returning();
  await db().insert(s.territoryHospitals).values({ territoryId: tr!.id, hospitalId: h!.id });
  let ccId: string | undefined;
  if (ccName) {
    const [cc] = await db()
      .insert(s.channelCustomers)
      .values({ kind: 'distributor', name: ccName, province: '上海', city: '上海' })
      .returning();
    ccId = cc!.id;
    await db().insert(s.territoryChannelCustomers).values({ territoryId: tr!.id, channelCustomerId: ccId });
  }
  await db()
    .insert(s.territoryAssignments)
    .values({ territoryId: tr!.id, userId, startDate: '2026-01-01', assignedBy: w.users.admin.id });
  return { territory: tr!.id, hospital: h!.id, doctor: d!.id, cc: ccId };
}

async function seedLeaver() {
  L.leaver = await insertUser('rep09', '孙离职');
  L.rep10 = await insertUser('rep10', '周接手');
  const c = await territoryWith('T1C', '上海市华山医院', L.leaver, '国药控股上海');
  const d = await territoryWith('T1D', '上海市长征医院', L.leaver);
  L.tC = c.territory;
  L.tD = d.territory;
  const owner = L.leaver;
  const future = addDays(today, 30);
  const [fuC, fuD, fuDone] = await db()
    .insert(s.followUps)
    .values([
      { ownerId: owner, doctorId: c.doctor, title: '送文献', dueDate: addDays(today, 3) },
      { ownerId: owner, doctorId: d.doctor, title: '回复用量问题', dueDate: addDays(today, -2) },
      {
        ownerId: owner,
        doctorId: d.doctor,
        title: '已完成的随访',
        dueDate: addDays(today, -9),
        status: 'done',
      },
    ])
    .returning();
  L.followUpC = fuC!.id;
  L.followUpD = fuD!.id;
  L.followUpDone = fuDone!.id;
  const [cycle] = await db()
    .insert(s.cyclePlans)
    .values({ ownerId: owner, cycleStart: addDays(today, -3), cycleEnd: addDays(today, 24) })
    .returning();
  await db()
    .insert(s.cyclePlans)
    .values({ ownerId: owner, cycleStart: addDays(today, 25), cycleEnd: addDays(today, 52) });
  const [pcC, pcD] = await db()
    .insert(s.plannedCalls)
    .values([
      {
        cyclePlanId: cycle!.id,
        ownerId: owner,
        doctorId: c.doctor,
        hospitalId: c.hospital,
        date: addDays(today, 1),
        halfDay: 'am',
      },
      {
        cyclePlanId: cycle!.id,
        ownerId: owner,
        doctorId: d.doctor,
        hospitalId: d.hospital,
        date: addDays(today, 2),
        halfDay: 'pm',
      },
      // history stays with its author
      {
        cyclePlanId: cycle!.id,
        ownerId: owner,
        doctorId: d.doctor,
        hospitalId: d.hospital,
        date: addDays(today, -1),
        halfDay: 'pm',
        status: 'done',
      },
    ])
    .returning();
  L.plannedC = pcC!.id;
  L.plannedD = pcD!.id;
  await db()
    .insert(s.weeklyPlans)
    .values({ ownerId: owner, weekStart: mondayOf(addDays(today, 7)), goals: '拜访华山医院' });
  await db().insert(s.carePlans).values({
    ownerId: owner,
    title: '春节关怀',
    kind: 'campaign',
    plannedDate: future,
    purpose: '节日问候',
  });
  await db().insert(s.complaints).values({
    ownerId: owner,
    hospitalId: d.hospital,
    issueType: '包装',
    description: '药盒破损',
    receivedAt: new Date().toISOString(),
    channel: 'phone',
    acknowledgeDueAt: new Date().toISOString(),
    closeDueAt: new Date().toISOString(),
  });
  await db().insert(s.channelPromises).values({
    channelCustomerId: c.cc!,
    ownerId: owner,
    promise: '月底前补货',
    madeOn: today,
    dueOn: future,
  });
  await db().insert(s.channelWarnings).values({
    kind: 'stockout',
    channelCustomerId: c.cc!,
    assigneeId: owner,
    raisedOn: today,
    lastSeenOn: today,
  });
  await db()
    .insert(s.channelPromotions)
    .values({
      name: '买十赠一',
      kind: 'gift',
      targetKinds: ['distributor'],
      targetCustomerIds: [c.cc!],
      rules: '满十盒赠一盒',
      startsOn: today,
      endsOn: future,
      budgetFen: 100000,
      ownerId: owner,
    });
  await db().insert(s.academicEvents).values({
    ownerId: owner,
    topic: '血脂管理新进展',
    purpose: '学术推广',
    format: 'departmentMeeting',
    eventDate: future,
    place: '会议室',
    hospitalId: d.hospital,
    budgetFen: 200000,
  });
  const [claim] = await db().insert(s.careFeeClaims).values({ ownerId: owner, month: nextMonth }).returning();
  L.claim = claim!.id;
  await db().insert(s.tasks).values({
    ownerId: owner,
    clientId: randomUUID(),
    title: '整理客户档案',
    important: true,
    urgent: false,
  });
  await db()
    .insert(s.repQuotas)
    .values([
      {
        repId: owner,
        teamId: w.teams.team1.id,
        month: nextMonth,
        productId: w.products.p1.id,
        quantity: 100,
      },
      // the successor's own quota of the same month: the leaver's is added to it
      {
        repId: w.users.rep1b.id,
        teamId: w.teams.team1.id,
        month: nextMonth,
        productId: w.products.p1.id,
        quantity: 50,
      },
    ]);
  await db()
    .insert(s.salesForecasts)
    .values({ repId: owner, month: nextMonth, productId: w.products.p1.id, forecastQuantity: 90 });
  await db()
    .insert(s.listingPipelines)
    .values({ hospitalId: d.hospital, productId: w.products.p1.id, ownerId: owner, stageDate: today });
  await db().insert(s.channelProspects).values({
    ownerId: owner,
    clientId: randomUUID(),
    name: '益丰大药房',
    kind: 'pharmacy',
    source: 'referral',
  });
}

const get = async <T>(c: Client, url: string) => {
  const res = await c.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
};
const ownerOf = async (id: string) =>
  (await db().select({ o: s.followUps.ownerId }).from(s.followUps).where(eq(s.followUps.id, id)))[0]!.o;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(db());
  await seedLeaver();
  admin = await t.signIn('admin');
  m1 = await t.signIn('manager01');
  m2 = await t.signIn('manager02');
  rep01 = await t.signIn('rep01');
  compliance = await t.signIn('compliance');
  leaverClient = await t.signIn('rep09');
});
afterAll(async () => t?.close());

describe('hand-over of a leaving rep', () => {
  it('refuses plain deactivation while the rep holds open records (409, points to the wizard)', async () => {
    const [u] = await db().select().from(s.users).where(eq(s.users.id, L.leaver));
    const res = await admin.patch(`/api/users/${L.leaver}`, { active: false, version: u!.version });
    expect(res.statusCode).toBe(409);
    expect((res.json() as ErrorBody).error.message).toContain('交接并停用');
  });

  it('creates a draft with the team manager as caretaker; one open draft per user', async () => {
    const res = await admin.post('/api/handovers', { fromUserId: L.leaver, reason: '离职' });
    expect(res.statusCode, res.body).toBe(201);
    const h = res.json() as Handover;
    L.handover = h.id;
    expect(h).toMatchObject({
      status: 'draft',
      effectiveDate: today,
      deactivate: true,
      fromUserName: '孙离职',
    });
    expect(h.plan.defaultToUserId).toBe(w.users.m1.id);
    expect(h.plan.territories).toHaveLength(2);
    const again = await admin.post('/api/handovers', { fromUserId: L.leaver });
    expect(again.statusCode).toBe(409);
  });

  it('lets a manager read their team’s hand-overs only; reps are refused', async () => {
    expect((await m1.get(`/api/handovers/${L.handover}`)).statusCode).toBe(200);
    expect((await m2.get(`/api/handovers/${L.handover}`)).statusCode).toBe(404);
    expect((await rep01.get('/api/handovers')).statusCode).toBe(403);
    expect((await compliance.get(`/api/handovers/${L.handover}/preview`)).statusCode).toBe(200);
    expect((await compliance.post(`/api/handovers/${L.handover}/cancel`, { version: 1 })).statusCode).toBe(
      403,
    );
  });

  it('previews every kind with its proposed successor, key accounts and care dates', async () => {
    const p = await get<HandoverPreview>(admin, `/api/handovers/${L.handover}/preview`);
    expect(p.territories.map((x) => x.code)).toEqual(['T1C', 'T1D']);
    expect(p.counts).toMatchObject({
      territoryAssignment: 2,
      cyclePlan: 1,
      plannedCall: 2,
      weeklyPlan: 1,
      followUp: 2,
      carePlan: 1,
      complaint: 1,
      promise: 1,
      warning: 1,
      promotion: 1,
      academicEvent: 1,
      careFeeClaim: 1,
      task: 1,
      repQuota: 1,
      salesForecast: 1,
      pipeline: 1,
      prospect: 1,
    });
    expect(p.keyAccounts.map((k) => k.kind).sort()).toEqual(['channelCustomer', 'hospital', 'hospital']);
    expect(p.candidates.map((c) => c.id)).toEqual(
      expect.arrayContaining([w.users.rep1b.id, L.rep10, w.users.m1.id]),
    );
    expect(p.candidates.map((c) => c.id)).not.toContain(L.leaver);
    expect(p.records.every((r) => r.toUserId === w.users.m1.id)).toBe(true);
    expect(p.problems).toEqual([]);
  });

  it('refuses a plan that leaves a territory without successor (400, Chinese, nothing changed)', async () => {
    const patch = await admin.patch(`/api/handovers/${L.handover}`, {
      version: 1,
      plan: {
        territories: [{ territoryId: L.tC, toUserId: w.users.rep1b.id }],
        defaultToUserId: w.users.rep1b.id,
        overrides: [],
      },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const res = await admin.post(`/api/handovers/${L.handover}/complete`, { version: 2 });
    expect(res.statusCode).toBe(400);
    const body = res.json() as ErrorBody;
    expect(body.error.message).toContain('辖区“T1D 辖区T1D”还没有指定接手人');
    expect(await ownerOf(L.followUpC)).toBe(L.leaver);
  });

  it('rolls everything back when a step fails late (a care-fee claim clash) and says why', async () => {
    await db().insert(s.careFeeClaims).values({ ownerId: w.users.rep1b.id, month: nextMonth });
    const patch = await admin.patch(`/api/handovers/${L.handover}`, {
      version: 2,
      plan: {
        territories: [
          { territoryId: L.tC, toUserId: w.users.rep1b.id },
          { territoryId: L.tD, toUserId: L.rep10 },
        ],
        defaultToUserId: w.users.rep1b.id,
        overrides: [],
      },
      notes: [
        {
          hospitalId: (
            await db().select().from(s.territoryHospitals).where(eq(s.territoryHospitals.territoryId, L.tC))
          )[0]!.hospitalId,
          note: '院长重视学术，每月一次科室会',
        },
      ],
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const res = await admin.post(`/api/handovers/${L.handover}/complete`, { version: 3 });
    expect(res.statusCode).toBe(409);
    expect((res.json() as ErrorBody).error.message).toContain('客情费申请');
    const open = await db()
      .select()
      .from(s.territoryAssignments)
      .where(and(eq(s.territoryAssignments.userId, L.leaver), isNull(s.territoryAssignments.endDate)));
    expect(open).toHaveLength(2);
    expect(await ownerOf(L.followUpD)).toBe(L.leaver);
    expect(await db().select().from(s.handoverItems)).toHaveLength(0);
    expect((await db().select().from(s.users).where(eq(s.users.id, L.leaver)))[0]!.active).toBe(true);
  });

  it('completes: territories switched, records split by territory, items, notes, notifications, deactivated', async () => {
    const patch = await admin.patch(`/api/handovers/${L.handover}`, {
      version: 3,
      plan: {
        territories: [
          { territoryId: L.tC, toUserId: w.users.rep1b.id },
          { territoryId: L.tD, toUserId: L.rep10 },
        ],
        defaultToUserId: w.users.rep1b.id,
        overrides: [{ entity: 'careFeeClaim', id: L.claim, toUserId: L.rep10 }],
      },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const res = await admin.post(`/api/handovers/${L.handover}/complete`, { version: 4 });
    expect(res.statusCode, res.body).toBe(200);
    const done = res.json() as Handover;
    expect(done.status).toBe('completed');
    expect(done.notes[0]!.note).toContain('科室会');

    // follow-ups follow the doctor's hospital's territory; history stays with its author
    expect(await ownerOf(L.followUpC)).toBe(w.users.rep1b.id);
    expect(await ownerOf(L.followUpD)).toBe(L.rep10);
    expect(await ownerOf(L.followUpDone)).toBe(L.leaver);
    const calls = await db().select().from(s.plannedCalls).where(eq(s.plannedCalls.ownerId, L.rep10));
    expect(calls.map((c) => c.id)).toEqual([L.plannedD]);
    const [plan] = await db().select().from(s.cyclePlans).where(eq(s.cyclePlans.id, calls[0]!.cyclePlanId));
    expect(plan!.ownerId).toBe(L.rep10);
    // the leaver's quota is added to the successor's own quota of that month
    const quotas = await db().select().from(s.repQuotas).where(eq(s.repQuotas.month, nextMonth));
    expect(quotas.filter((q) => q.repId === w.users.rep1b.id).map((q) => q.quantity)).toEqual([150]);
    expect(quotas.filter((q) => q.repId === L.leaver)).toEqual([]);
    // the claim went where the override said
    const [claim] = await db().select().from(s.careFeeClaims).where(eq(s.careFeeClaims.id, L.claim));
    expect(claim!.ownerId).toBe(L.rep10);

    const current = await db()
      .select({ territoryId: s.territoryAssignments.territoryId, userId: s.territoryAssignments.userId })
      .from(s.territoryAssignments)
      .where(isNull(s.territoryAssignments.endDate));
    expect(current).toEqual(
      expect.arrayContaining([
        { territoryId: L.tC, userId: w.users.rep1b.id },
        { territoryId: L.tD, userId: L.rep10 },
      ]),
    );
    expect(current.filter((c) => c.userId === L.leaver)).toEqual([]);

    // the note on hospital hC reaches hC's successor as an important task
    const noteTasks = await db()
      .select()
      .from(s.tasks)
      .where(eq(s.tasks.notes, '院长重视学术，每月一次科室会'));
    expect(noteTasks.map((x) => [x.ownerId, x.important, x.status])).toEqual([
      [w.users.rep1b.id, true, 'open'],
    ]);
    expect(noteTasks[0]!.title).toContain('上海市华山医院');

    const items = await db().select().from(s.handoverItems).where(eq(s.handoverItems.handoverId, L.handover));
    expect(items.length).toBe(20);
    expect(
      items
        .filter((i) => i.entity === 'followUp')
        .map((i) => i.toUserId)
        .sort(),
    ).toEqual([w.users.rep1b.id, L.rep10].sort());
    expect(done.movedCounts).toMatchObject({ followUp: 2, territoryAssignment: 2, plannedCall: 2 });

    const notes = await db()
      .select()
      .from(s.notifications)
      .where(eq(s.notifications.sourceKey, `handover:${L.handover}`));
    expect(notes.map((n) => n.userId).sort()).toEqual([w.users.rep1b.id, L.rep10].sort());

    const [u] = await db().select().from(s.users).where(eq(s.users.id, L.leaver));
    expect(u!.active).toBe(false);
    expect(await db().select().from(s.sessions).where(eq(s.sessions.userId, L.leaver))).toEqual([]);
    expect((await leaverClient.get('/api/hospitals')).statusCode).toBe(401);

    const orphans = await get<OrphanList>(admin, '/api/admin/orphans');
    expect(orphans).toEqual({ count: 0, items: [] });
  });

  it('refuses a second completion and any change after it (409)', async () => {
    expect((await admin.post(`/api/handovers/${L.handover}/complete`, { version: 5 })).statusCode).toBe(409);
    expect((await admin.patch(`/api/handovers/${L.handover}`, { version: 5, reason: 'x' })).statusCode).toBe(
      409,
    );
    expect((await admin.post(`/api/handovers/${L.handover}/cancel`, { version: 5 })).statusCode).toBe(409);
  });

  it('lists records held by an inactive user as orphans', async () => {
    const ghost = await insertUser('rep11', '吴幽灵');
    await db()
      .insert(s.tasks)
      .values({ ownerId: ghost, clientId: randomUUID(), title: '遗留任务', important: false, urgent: false });
    await db().update(s.users).set({ active: false }).where(eq(s.users.id, ghost));
    const orphans = await get<OrphanList>(admin, '/api/admin/orphans');
    expect(orphans.count).toBe(1);
    expect(orphans.items[0]).toMatchObject({
      kind: 'task',
      label: '遗留任务',
      userId: ghost,
      userName: '吴幽灵',
    });
    expect((await m1.get('/api/admin/orphans')).statusCode).toBe(403);
  });
});
