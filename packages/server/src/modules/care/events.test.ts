import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate, searchInitials } from '@keqing/domain';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';

let t: TestApp;
let w: World;
let rep01: Client; // rep1a (team1): h1a (d1a), hShared (dShared)
let rep03: Client; // rep2a (team2): h2a (d2a), hShared
let m1: Client;
let m2: Client;
let admin: Client;
let compliance: Client;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  rep01 = await t.signIn('rep01');
  rep03 = await t.signIn('rep03');
  m1 = await t.signIn('manager01');
  m2 = await t.signIn('manager02');
  admin = await t.signIn('admin');
  compliance = await t.signIn('compliance');
});
afterAll(async () => t?.close());

type Ev = { id: string; version: number; status: string; needsCompliance: boolean; [k: string]: unknown };
const today = () => chinaDate();
const put = (c: Client, url: string, payload: object) => c.request({ method: 'PUT', url, payload });
const anonymous = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { 'accept-language': 'zh-CN' } });
const ok = (res: { statusCode: number; body: string; json(): unknown }, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Ev;
};
const base = (extra: object = {}) => ({
  topic: '高血压新指南科室会',
  purpose: '解读2026版高血压指南，介绍瑞心临床证据',
  format: 'departmentMeeting',
  eventDate: today(),
  startTime: '12:00',
  place: '第一人民医院心内科示教室',
  hospitalId: w.hospitals.h1a.id,
  layout: 'classroom',
  budgetFen: 500_000,
  mealCostFen: 30_000,
  agenda: [{ time: '12:00', title: '指南解读' }],
  materials: ['指南摘要'],
  ...extra,
});
let doctorSeq = 0;
/** A doctor of its own in a hospital (so totals and caps start from zero). */
async function newDoctor(hospitalId: string, name: string) {
  const [d] = await t.database.db
    .insert(s.doctors)
    .values({
      code: `EVD${++doctorSeq}`,
      name,
      hospitalId,
      title: '主任医师',
      nameInitials: searchInitials(name),
    })
    .returning();
  return d!;
}
/** Created, speakers and invitees set, submitted by `by`; approved by m1 unless `approve` is false. */
async function planned(opts: {
  by?: Client;
  event?: object;
  speakers: { doctorId: string; feeFen: number; travelFen?: number }[];
  invitees?: string[];
  approve?: boolean;
}): Promise<Ev> {
  const by = opts.by ?? rep01;
  let ev = ok(await by.post('/api/academic-events', base(opts.event)), 201);
  ev = ok(
    await put(by, `/api/academic-events/${ev.id}/speakers`, {
      version: ev.version,
      speakers: opts.speakers.map((sp) => ({ role: 'speaker', talkTitle: '临床证据', ...sp })),
    }),
  );
  if (opts.invitees)
    ev = ok(
      await put(by, `/api/academic-events/${ev.id}/attendees`, {
        version: ev.version,
        doctorIds: opts.invitees,
      }),
    );
  ev = ok(await by.post(`/api/academic-events/${ev.id}/submit`, { version: ev.version }));
  if (opts.approve === false) return ev;
  return ok(
    await m1.post(`/api/academic-events/${ev.id}/decision`, { version: ev.version, decision: 'approved' }),
  );
}
const auditOf = (entity: string, id: string) =>
  t.database.db
    .select({ action: s.auditLog.action, actorId: s.auditLog.actorId })
    .from(s.auditLog)
    .where(and(eq(s.auditLog.entity, entity), eq(s.auditLog.entityId, id)));
const countEvents = async () =>
  Number((await t.database.db.select({ n: sql<number>`count(*)::int` }).from(s.academicEvents))[0]!.n);

describe('planning an event', () => {
  it('creates a draft with every field, audited', async () => {
    const ev = ok(await rep01.post('/api/academic-events', base()), 201);
    expect(ev).toMatchObject({
      status: 'draft',
      ownerName: '张三',
      hospitalName: '上海市第一人民医院',
      format: 'departmentMeeting',
      budgetFen: 500_000,
      mealCostFen: 30_000,
      agenda: [{ time: '12:00', title: '指南解读' }],
      materials: ['指南摘要'],
      speakers: [],
      attendees: [],
      hasSignInCode: false,
      version: 1,
    });
    expect(await auditOf('academicEvent', ev.id)).toEqual([{ action: 'create', actorId: w.users.rep1a.id }]);
  });

  it.each([
    [
      'a host hospital outside the scope',
      () => base({ hospitalId: w.hospitals.h2a.id }),
      'body.hospitalId',
      '主办医院不在',
    ],
    [
      'a date far in the future',
      () => base({ eventDate: addDays(today(), 400) }),
      'body.eventDate',
      '会议日期不能晚于',
    ],
    ['a negative budget', () => base({ budgetFen: -1 }), 'body.budgetFen', ''],
    ['a budget with a fraction of a fen', () => base({ budgetFen: 100.5 }), 'body.budgetFen', ''],
    ['an unknown format', () => base({ format: 'banquet' }), 'body.format', ''],
  ])('refuses %s (400, nothing saved)', async (_label, payload, path, message) => {
    const before = await countEvents();
    const res = await rep01.post('/api/academic-events', payload());
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    if (message) expect(res.json().error.message).toContain(message);
    expect(await countEvents()).toBe(before);
  });

  it('speakers and invitees must be the caller’s doctors, each once', async () => {
    const ev = ok(await rep01.post('/api/academic-events', base()), 201);
    const out = await put(rep01, `/api/academic-events/${ev.id}/speakers`, {
      version: ev.version,
      speakers: [{ doctorId: w.doctors.d2a.id, role: 'speaker', feeFen: 100 }],
    });
    expect(out.statusCode).toBe(400);
    expect(out.json().error.details[0].path).toBe('body.speakers.0.doctorId');
    const twice = await put(rep01, `/api/academic-events/${ev.id}/attendees`, {
      version: ev.version,
      doctorIds: [w.doctors.d1a.id, w.doctors.d1a.id],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toContain('出现了两次');
    const stale = await put(rep01, `/api/academic-events/${ev.id}/attendees`, { version: 9, doctorIds: [] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
  });

  it('only the organiser changes an event; another team gets 404', async () => {
    const ev = ok(await rep01.post('/api/academic-events', base()), 201);
    const byManager = await m1.patch(`/api/academic-events/${ev.id}`, { topic: '改', version: 1 });
    expect(byManager.statusCode).toBe(403);
    expect((await rep03.patch(`/api/academic-events/${ev.id}`, { topic: '改', version: 1 })).statusCode).toBe(
      404,
    );
    expect((await rep03.get(`/api/academic-events/${ev.id}`)).statusCode).toBe(404);
  });
});

describe('approval', () => {
  it('the team’s manager approves a submitted event within the caps; history kept', async () => {
    const ev = await planned({ speakers: [{ doctorId: w.doctors.d1a.id, feeFen: 300_000 }] });
    expect(ev).toMatchObject({ status: 'approved', needsCompliance: false });
    expect((ev.approvals as unknown[])[0]).toMatchObject({
      step: 'manager',
      decision: 'approved',
      decidedBy: { name: '王经理' },
    });
  });

  it('refuses self-approval, another team’s manager, a rep and an admin', async () => {
    const own = await planned({
      by: m1,
      event: { hospitalId: w.hospitals.h1b.id },
      speakers: [{ doctorId: w.doctors.d1b.id, feeFen: 100 }],
      approve: false,
    });
    const self = await m1.post(`/api/academic-events/${own.id}/decision`, {
      version: own.version,
      decision: 'approved',
    });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.message).toBe('不能审批自己提交的会议');
    const ev = await planned({ speakers: [{ doctorId: w.doctors.d1a.id, feeFen: 100 }], approve: false });
    const decide = (c: Client) =>
      c.post(`/api/academic-events/${ev.id}/decision`, { version: ev.version, decision: 'approved' });
    expect((await decide(m2)).statusCode).toBe(404);
    expect((await decide(rep01)).statusCode).toBe(403);
    expect((await decide(admin)).statusCode).toBe(403);
    const early = await decide(compliance);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('等待经理审批');
    const [row] = await t.database.db.select().from(s.academicEvents).where(eq(s.academicEvents.id, ev.id));
    expect(row!.status).toBe('submitted');
  });

  it('a fee over the per-talk cap (¥5,000) needs compliance after the manager', async () => {
    const ev = await planned({ speakers: [{ doctorId: w.doctors.d1a.id, feeFen: 500_001 }] });
    expect(ev).toMatchObject({ status: 'managerApproved', needsCompliance: true });
    expect((ev.speakers as { capReason: string }[])[0]!.capReason).toContain('单次上限 ¥5,000.00');
    const again = await m1.post(`/api/academic-events/${ev.id}/decision`, {
      version: ev.version,
      decision: 'approved',
    });
    expect(again.statusCode).toBe(409);
    const done = ok(
      await compliance.post(`/api/academic-events/${ev.id}/decision`, {
        version: ev.version,
        decision: 'approved',
        comment: '讲课费有合同',
      }),
    );
    expect(done.status).toBe('approved');
    expect((done.approvals as { step: string }[]).map((a) => a.step)).toEqual(['manager', 'compliance']);
  });

  it('the yearly cap (¥20,000) adds the speaker’s fees on every rep’s events', async () => {
    const speaker = await newDoctor(w.hospitals.hShared.id, '年度讲者');
    // rep2a (another team) already paid this doctor ¥18,000 this year
    const other = await planned({
      by: rep03,
      event: { hospitalId: w.hospitals.h2a.id },
      speakers: [{ doctorId: speaker.id, feeFen: 400_000 }],
      approve: false,
    });
    await t.database.db
      .update(s.academicEvents)
      .set({ status: 'approved' })
      .where(eq(s.academicEvents.id, other.id));
    await t.database.db
      .update(s.eventSpeakers)
      .set({ feeFen: 1_800_000 })
      .where(eq(s.eventSpeakers.eventId, other.id));
    const within = await planned({
      speakers: [{ doctorId: speaker.id, feeFen: 150_000, travelFen: 50_000 }],
      approve: false,
    });
    expect(within.needsCompliance).toBe(false); // 18,000 + 2,000 = 20,000: at the cap
    const over = await planned({
      speakers: [{ doctorId: speaker.id, feeFen: 150_000, travelFen: 50_001 }],
      approve: false,
    });
    expect(over.needsCompliance).toBe(true);
    expect((over.speakers as { capReason: string }[])[0]!.capReason).toContain('年度上限 ¥20,000.00');
  });

  it('a rejected event can be changed and submitted again', async () => {
    const ev = await planned({ speakers: [{ doctorId: w.doctors.d1a.id, feeFen: 100 }], approve: false });
    const rejected = ok(
      await m1.post(`/api/academic-events/${ev.id}/decision`, {
        version: ev.version,
        decision: 'rejected',
        comment: '预算过高',
      }),
    );
    expect(rejected.status).toBe('rejected');
    const changed = ok(
      await rep01.patch(`/api/academic-events/${ev.id}`, { budgetFen: 200_000, version: rejected.version }),
    );
    expect(
      ok(await rep01.post(`/api/academic-events/${ev.id}/submit`, { version: changed.version })).status,
    ).toBe('submitted');
  });
});

describe('QR sign-in, closing and payments', () => {
  it('an invited doctor signs in by name without an account; the event is held, then closed with follow-ups', async () => {
    const ev = await planned({
      speakers: [{ doctorId: w.doctors.d1a.id, feeFen: 200_000 }],
      invitees: [w.doctors.d1a.id, w.doctors.dShared.id],
    });
    const code = await rep01.post(`/api/academic-events/${ev.id}/sign-in-code`);
    expect(code.statusCode, code.body).toBe(200);
    const { link, token } = code.json() as { link: string; token: string };
    expect(link).toBe(`/e/${token}`);
    const [stored] = await t.database.db
      .select()
      .from(s.academicEvents)
      .where(eq(s.academicEvents.id, ev.id));
    expect(stored!.signInTokenHash).toMatch(/^[0-9a-f]{64}$/);

    const page = ok(await anonymous('GET', `/api/public/events/${token}`));
    expect(page).toEqual({
      topic: '高血压新指南科室会',
      eventDate: today(),
      startTime: '12:00',
      place: '第一人民医院心内科示教室',
      signInOpen: true,
    });
    const signed = ok(await anonymous('POST', `/api/public/events/${token}/sign-in`, { name: ' 张三丰 ' }));
    expect(signed).toMatchObject({ doctorName: '张三丰', alreadySignedIn: false });
    expect(
      ok(await anonymous('POST', `/api/public/events/${token}/sign-in`, { name: '张三丰' })),
    ).toMatchObject({ alreadySignedIn: true });
    const unknown = await anonymous('POST', `/api/public/events/${token}/sign-in`, { name: '王五岳' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toBe('邀请名单中没有“王五岳”，请核对姓名或联系会议组织者');
    expect((await anonymous('GET', `/api/public/events/${'z'.repeat(43)}`)).statusCode).toBe(404);

    const held = ok(await rep01.get(`/api/academic-events/${ev.id}`));
    expect(held.status).toBe('held');
    const attendees = held.attendees as { doctorId: string; signedInAt: string | null }[];
    expect(attendees.find((a) => a.doctorId === w.doctors.d1a.id)!.signedInAt).not.toBeNull();
    expect(attendees.find((a) => a.doctorId === w.doctors.dShared.id)!.signedInAt).toBeNull();

    const closed = ok(await rep01.post(`/api/academic-events/${ev.id}/close`, { version: held.version }));
    expect(closed.status).toBe('closed');
    const followUps = await t.database.db
      .select()
      .from(s.followUps)
      .where(
        and(eq(s.followUps.ownerId, w.users.rep1a.id), eq(s.followUps.title, '会后跟进：高血压新指南科室会')),
      );
    const mine = followUps.filter((f) =>
      (closed.attendees as { followUpId: string | null }[]).some((a) => a.followUpId === f.id),
    );
    expect(mine.map((f) => [f.doctorId, f.dueDate])).toEqual([[w.doctors.d1a.id, addDays(today(), 7)]]);
    const late = await anonymous('POST', `/api/public/events/${token}/sign-in`, { name: '赵敏' });
    expect(late.statusCode).toBe(409);

    const paid = ok(
      await rep01.patch(`/api/academic-events/${ev.id}/speakers`, {
        version: closed.version,
        payments: [{ doctorId: w.doctors.d1a.id, paidOn: today(), paidBy: '财务部 李会计' }],
      }),
    );
    expect((paid.speakers as { paidOn: string; paidBy: string }[])[0]).toMatchObject({
      paidOn: today(),
      paidBy: '财务部 李会计',
    });
    const notSpeaker = await rep01.patch(`/api/academic-events/${ev.id}/speakers`, {
      version: paid.version,
      payments: [{ doctorId: w.doctors.dShared.id, paidOn: today(), paidBy: '财务部' }],
    });
    expect(notSpeaker.statusCode).toBe(400);
  });

  it('sign-in is refused on the wrong day; closing before the event date too', async () => {
    const ev = await planned({
      event: { eventDate: addDays(today(), 5) },
      speakers: [{ doctorId: w.doctors.d1a.id, feeFen: 100 }],
      invitees: [w.doctors.d1a.id],
    });
    const { token } = (await rep01.post(`/api/academic-events/${ev.id}/sign-in-code`)).json() as {
      token: string;
    };
    expect(ok(await anonymous('GET', `/api/public/events/${token}`)).signInOpen).toBe(false);
    const res = await anonymous('POST', `/api/public/events/${token}/sign-in`, { name: '张三丰' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('签到只在会议当天');
    const [row] = await t.database.db
      .select({ signedInAt: s.eventAttendees.signedInAt })
      .from(s.eventAttendees)
      .where(eq(s.eventAttendees.eventId, ev.id));
    expect(row!.signedInAt).toBeNull();
    const close = await rep01.post(`/api/academic-events/${ev.id}/close`, { version: ev.version });
    expect(close.statusCode).toBe(409);
    expect(close.json().error.message).toContain('之后才能结束');
  });

  it('no sign-in code before approval; a new code replaces the old one', async () => {
    const draft = ok(await rep01.post('/api/academic-events', base()), 201);
    expect((await rep01.post(`/api/academic-events/${draft.id}/sign-in-code`)).statusCode).toBe(409);
    const ev = await planned({
      speakers: [{ doctorId: w.doctors.d1a.id, feeFen: 100 }],
      invitees: [w.doctors.d1a.id],
    });
    const first = (await rep01.post(`/api/academic-events/${ev.id}/sign-in-code`)).json() as {
      token: string;
    };
    await rep01.post(`/api/academic-events/${ev.id}/sign-in-code`);
    expect((await anonymous('GET', `/api/public/events/${first.token}`)).statusCode).toBe(404);
  });
});

describe('annual care totals include events', () => {
  const totalOf = async (doctorId: string) => {
    const res = await compliance.get(
      `/api/care/annual-totals?year=${today().slice(0, 4)}&doctorId=${doctorId}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items[0] as {
      totalFen: number;
      reps: number;
      byKind: Record<string, number>;
      overCap: boolean;
    };
  };

  it('a ¥3,000 speaker fee from rep A and a ¥500 care action from rep B show ¥3,500', async () => {
    const doctor = await newDoctor(w.hospitals.hShared.id, '合计医生');
    await planned({ speakers: [{ doctorId: doctor.id, feeFen: 300_000 }] });
    await t.database.db.insert(s.careActions).values({
      ownerId: w.users.rep2a.id,
      doctorId: doctor.id,
      hospitalId: doctor.hospitalId,
      kind: 'smallGift',
      actionDate: today(),
      valueFen: 50_000,
      purpose: '学术书籍',
    });
    const total = await totalOf(doctor.id);
    expect(total).toMatchObject({ totalFen: 350_000, reps: 2 });
    expect(total.byKind).toEqual({ speakerFee: 300_000, smallGift: 50_000 });
  });

  it('a speaker fee is in the annual total but not held against the care cap; event meals are', async () => {
    const doctor = await newDoctor(w.hospitals.h1a.id, '讲者医生');
    // an ordinary (普通) doctor may receive ¥500 of care a year; a ¥3,000 talk is governed by the speaker caps
    await planned({ speakers: [{ doctorId: doctor.id, feeFen: 300_000 }] });
    const gift = { doctorId: doctor.id, kind: 'smallGift', actionDate: today(), purpose: '学术书籍' };
    const within = await rep01.post('/api/care-actions', { ...gift, valueFen: 10_000 });
    expect(within.statusCode, within.body).toBe(201);
    expect(await totalOf(doctor.id)).toMatchObject({ totalFen: 310_000, overCap: false });
    // the doctor's care tab shows the spend held against the cap
    const tier = await rep01.get(`/api/doctors/${doctor.id}/care-tier`);
    expect(tier.json()).toMatchObject({ yearSpentFen: 10_000, yearActions: 1 });
    // five ¥100 gifts reach the ¥500 care cap exactly; a sixth would pass it
    for (let i = 0; i < 4; i++)
      expect((await rep01.post('/api/care-actions', { ...gift, valueFen: 10_000 })).statusCode).toBe(201);
    const over = await rep01.post('/api/care-actions', { ...gift, valueFen: 10_000 });
    expect(over.statusCode, over.body).toBe(409);
    expect(over.json().error.details).toMatchObject({ reasons: ['overYearCap'], yearSpentFen: 50_000 });
  });

  it('a draft or submitted event does not count; the meal is shared among those who signed in', async () => {
    const [a, b, c] = [
      await newDoctor(w.hospitals.h1a.id, '甲医生'),
      await newDoctor(w.hospitals.h1a.id, '乙医生'),
      await newDoctor(w.hospitals.h1a.id, '丙医生'),
    ];
    await planned({ speakers: [{ doctorId: c.id, feeFen: 100_000 }], approve: false });
    const ev = await planned({
      event: { mealCostFen: 10_001 },
      speakers: [{ doctorId: c.id, feeFen: 0, travelFen: 20_000 }],
      invitees: [a.id, b.id, c.id],
    });
    const { token } = (await rep01.post(`/api/academic-events/${ev.id}/sign-in-code`)).json() as {
      token: string;
    };
    ok(await anonymous('POST', `/api/public/events/${token}/sign-in`, { name: '甲医生' }));
    ok(await anonymous('POST', `/api/public/events/${token}/sign-in`, { name: '乙医生' }));
    const shares = [(await totalOf(a.id)).totalFen, (await totalOf(b.id)).totalFen].sort();
    expect(shares).toEqual([5_000, 5_001]);
    const speaker = await totalOf(c.id);
    expect(speaker.byKind).toEqual({ speakerFee: 20_000 });
  });
});
