import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, careFestivalKeys, chinaDate } from '@keqing/domain';
import type { Role } from '@keqing/shared';
import * as s from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { actorFor, createWorld, type World } from '../../test/world.ts';
import { defaultCareSettings } from './care-settings.repository.ts';
import { createCareService } from './care.service.ts';

let t: TestApp;
let w: World;
const clients = {} as Record<Role, Client>;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  for (const role of ['rep', 'manager', 'admin', 'compliance'] as const)
    clients[role] = await t.signIn(actorFor(w, role).username);
});
afterAll(async () => t?.close());

const ctxOf = (user: World['users'][keyof World['users']]): RequestContext => ({
  actor: { id: user.id, username: user.username, name: user.name, role: user.role, teamId: user.teamId },
  requestId: 'care-test',
  locale: 'zh-CN',
});
const put = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'PUT', url, payload: payload as never });
const del = (c: Client, url: string) => c.request({ method: 'DELETE', url });
const auditRows = (entity: string, entityId?: string) =>
  t.database.db
    .select()
    .from(s.auditLog)
    .where(and(eq(s.auditLog.entity, entity), entityId ? eq(s.auditLog.entityId, entityId) : undefined));
const rejection = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a rejection');
};

describe('care settings 关怀设置', () => {
  it('gives every signed-in role the settings in force (the defaults before any save)', async () => {
    const res = await clients.rep.get('/api/care/settings');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(defaultCareSettings);
  });

  it.each(['admin', 'compliance'] as const)('lets %s save a new version, audited', async (role) => {
    const settings = {
      ...defaultCareSettings,
      reminderDaysAhead: role === 'admin' ? 10 : 14,
      tiers: defaultCareSettings.tiers.map((tier) =>
        tier.key === 'A' ? { ...tier, capPerActionFen: 40_000 } : tier,
      ),
    };
    const before = await t.database.db.select().from(s.careSettings);
    const res = await put(clients[role], '/api/care/settings', settings);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().reminderDaysAhead).toBe(settings.reminderDaysAhead);
    expect((await clients.manager.get('/api/care/settings')).json().tiers[0].capPerActionFen).toBe(40_000);
    const after = await t.database.db.select().from(s.careSettings);
    expect(after.length).toBe(before.length + 1);
    const saved = after.find((r) => !before.some((b) => b.id === r.id))!;
    expect(saved.createdBy).toBe(actorFor(w, role).id);
    expect(await auditRows('careSettings', saved.id)).toHaveLength(1);
  });

  it.each(['rep', 'manager'] as const)('refuses %s (403) and saves nothing', async (role) => {
    const before = await t.database.db.select().from(s.careSettings);
    const res = await put(clients[role], '/api/care/settings', defaultCareSettings);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toBe('只有管理员和合规人员可以修改关怀设置');
    expect(await t.database.db.select().from(s.careSettings)).toHaveLength(before.length);
  });

  it.each([
    [
      'a tier key used twice',
      { tiers: [defaultCareSettings.tiers[0]!, { ...defaultCareSettings.tiers[1]!, key: 'A' }] },
      'body.tiers.1.key',
      '关怀等级代码“A”重复，每个等级的代码须唯一',
    ],
    [
      'a per-action cap above the yearly cap',
      { tiers: [{ ...defaultCareSettings.tiers[0]!, capPerActionFen: 300_001 }] },
      'body.tiers.0.capPerActionFen',
      '“A 类（重点客户）”的每次上限不能高于每年上限',
    ],
  ])('refuses %s with a field error and saves nothing', async (_label, change, path, message) => {
    const before = await t.database.db.select().from(s.careSettings);
    const res = await put(clients.compliance, '/api/care/settings', { ...defaultCareSettings, ...change });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ path, message });
    expect(await t.database.db.select().from(s.careSettings)).toHaveLength(before.length);
  });

  it('accepts a per-action cap equal to the yearly cap', async () => {
    const tier = { ...defaultCareSettings.tiers[2]!, capPerActionFen: 50_000, capPerYearFen: 50_000 };
    const res = await put(clients.admin, '/api/care/settings', { ...defaultCareSettings, tiers: [tier] });
    expect(res.statusCode, res.body).toBe(200);
    // back to the defaults for the tests below
    expect((await put(clients.admin, '/api/care/settings', defaultCareSettings)).statusCode).toBe(200);
  });
});

describe('care dates 重要日期 (personal data)', () => {
  it('lets the covering rep add, list, change and delete a lunar care date, each audited', async () => {
    const created = await clients.rep.post('/api/care-dates', {
      doctorId: w.doctors.d1a.id,
      kind: 'workAnniversary',
      label: '入职纪念日',
      month: 12,
      day: 30,
      isLunar: true,
      sinceYear: 1998,
    });
    expect(created.statusCode, created.body).toBe(201);
    const date = created.json();
    expect(date).toMatchObject({
      month: 12,
      day: 30,
      isLunar: true,
      sinceYear: 1998,
      notes: null,
      version: 1,
    });

    const list = await clients.manager.get(`/api/doctors/${w.doctors.d1a.id}/care-dates`);
    expect(list.json().items.map((d: { id: string }) => d.id)).toContain(date.id);

    const stale = await clients.rep.patch(`/api/care-dates/${date.id}`, { label: '从医纪念日', version: 9 });
    expect(stale.statusCode).toBe(409);
    const changed = await clients.rep.patch(`/api/care-dates/${date.id}`, {
      isLunar: false,
      month: 2,
      day: 29,
      version: 1,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ month: 2, day: 29, isLunar: false, version: 2 });

    expect((await del(clients.rep, `/api/care-dates/${date.id}`)).statusCode).toBe(204);
    expect(await t.database.db.select().from(s.careDates).where(eq(s.careDates.id, date.id))).toEqual([]);
    const actions = (await auditRows('careDate', date.id)).map((a) => a.action).sort();
    expect(actions).toEqual(['create', 'delete', 'update']);
  });

  it.each([
    ['2月30日', { month: 2, day: 30, isLunar: false }, '2月30日不是有效的日期'],
    ['4月31日', { month: 4, day: 31, isLunar: false }, '4月31日不是有效的日期'],
    ['农历三十一', { month: 1, day: 31, isLunar: true }, '农历日期最多到三十'],
  ])('refuses %s with a field error and saves nothing', async (_label, day, message) => {
    const before = await t.database.db.select().from(s.careDates);
    const res = await clients.rep.post('/api/care-dates', {
      doctorId: w.doctors.d1a.id,
      kind: 'other',
      label: '纪念日',
      ...day,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ path: 'body.day', message });
    expect(await t.database.db.select().from(s.careDates)).toHaveLength(before.length);
  });

  it('refuses a change that makes the day unreal (the stored month with a new day)', async () => {
    const created = await clients.rep.post('/api/care-dates', {
      doctorId: w.doctors.d1a.id,
      kind: 'familyEvent',
      label: '结婚纪念日',
      month: 2,
      day: 14,
    });
    const res = await clients.rep.patch(`/api/care-dates/${created.json().id}`, { day: 30, version: 1 });
    expect(res.statusCode).toBe(400);
    const [row] = await t.database.db.select().from(s.careDates).where(eq(s.careDates.id, created.json().id));
    expect(row).toMatchObject({ day: 14, version: 1 });
  });

  it('refuses the admin (403, the refusal audited) and hides other lines’ doctors (404)', async () => {
    const before = (await auditRows('careDate', w.doctors.d1a.id)).length;
    const admin = await clients.admin.get(`/api/doctors/${w.doctors.d1a.id}/care-dates`);
    expect(admin.statusCode).toBe(403);
    const refused = await auditRows('careDate', w.doctors.d1a.id);
    expect(refused).toHaveLength(before + 1);
    expect(refused.at(-1)).toMatchObject({ action: 'read' });
    expect((await clients.rep.get(`/api/doctors/${w.doctors.d1b.id}/care-dates`)).statusCode).toBe(404);
    const write = await clients.admin.post('/api/care-dates', {
      doctorId: w.doctors.d1a.id,
      kind: 'other',
      label: '纪念日',
      month: 1,
      day: 1,
    });
    expect(write.statusCode).toBe(403);
    expect((await clients.compliance.get(`/api/doctors/${w.doctors.d2a.id}/care-dates`)).statusCode).toBe(
      200,
    );
  });
});

describe('upcoming care dates (birthdays, care dates, festivals)', () => {
  beforeAll(async () => {
    const db = t.database.db;
    await db.insert(s.doctorProfiles).values([
      // 农历八月十五: 2026-09-25, the same day as 中秋
      { doctorId: w.doctors.d1a.id, birthday: '1970-08-15', birthdayIsLunar: true },
      { doctorId: w.doctors.dShared.id, birthday: '1980-09-20' },
      { doctorId: w.doctors.d1b.id, birthday: '1975-09-22' },
      { doctorId: w.doctors.d2a.id, birthday: '1979-09-21' },
    ]);
    await db.insert(s.careDates).values({
      doctorId: w.doctors.d1a.id,
      kind: 'familyEvent',
      label: '女儿生日',
      month: 9,
      day: 28,
    });
    await db.insert(s.doctorCareTiers).values({ doctorId: w.doctors.d1a.id, tier: 'A' });
  });
  const care = () => createCareService({ db: t.database.db, today: () => '2026-09-20' });
  const brief = (items: { date: string; kind: string; doctorName: string | null; label: string }[]) =>
    items.map((i) => `${i.date} ${i.kind} ${i.doctorName ?? i.label}`);

  it("gives a rep their own doctors' birthdays (lunar converted), care dates and the festivals, by date", async () => {
    const res = await care().findUpcoming(ctxOf(w.users.rep1a), { days: 10 });
    expect(res).toMatchObject({ from: '2026-09-20', to: '2026-09-29' });
    expect(brief(res.items)).toEqual([
      '2026-09-20 birthday 赵敏',
      '2026-09-25 festival 中秋节',
      '2026-09-25 birthday 张三丰',
      '2026-09-28 familyEvent 张三丰',
    ]);
    expect(res.items[2]).toMatchObject({
      label: '农历生日',
      isLunar: true,
      careTier: 'A',
      hospitalName: '上海市第一人民医院',
    });
    expect(res.items[0]).toMatchObject({ label: '生日', isLunar: false, careTier: 'normal' });
    expect(res.items[1]).toMatchObject({ festival: 'midAutumn', doctorId: null, careTier: null });
  });

  it('defaults to today up to the reminder day (reminderDaysAhead)', async () => {
    const res = await care().findUpcoming(ctxOf(w.users.rep1a), {});
    expect(res).toMatchObject({ from: '2026-09-20', to: addDays('2026-09-20', 7) });
    expect(brief(res.items)).not.toContain('2026-09-28 familyEvent 张三丰');
  });

  it("gives a manager their team's doctors, or one rep's", async () => {
    const team = await care().findUpcoming(ctxOf(w.users.m1), { days: 10 });
    expect(brief(team.items)).toContain('2026-09-22 birthday 李四海');
    expect(brief(team.items)).not.toContain('2026-09-21 birthday 王五岳');
    const one = await care().findUpcoming(ctxOf(w.users.m1), { days: 10, ownerId: w.users.rep1b.id });
    expect(brief(one.items).filter((i) => i.includes('birthday'))).toEqual(['2026-09-22 birthday 李四海']);
    expect(
      (await rejection(care().findUpcoming(ctxOf(w.users.m1), { ownerId: w.users.rep2a.id }))).code,
    ).toBe('NOT_FOUND');
  });

  it('asks admin and compliance for a team or a rep, and gives the admin no personal data', async () => {
    for (const user of [w.users.admin, w.users.compliance]) {
      const err = await rejection(care().findUpcoming(ctxOf(user), {}));
      expect(err).toMatchObject({
        code: 'VALIDATION_FAILED',
        messageKey: 'care.upcoming.ownerOrTeamRequired',
      });
    }
    const admin = await care().findUpcoming(ctxOf(w.users.admin), { days: 10, teamId: w.teams.team2.id });
    expect(admin.items.every((i) => i.kind === 'festival')).toBe(true);
    const compliance = await care().findUpcoming(ctxOf(w.users.compliance), {
      days: 10,
      teamId: w.teams.team2.id,
    });
    expect(brief(compliance.items)).toEqual([
      '2026-09-20 birthday 赵敏',
      '2026-09-21 birthday 王五岳',
      '2026-09-25 festival 中秋节',
    ]);
  });

  it('answers 400 over HTTP when admin names nobody', async () => {
    const res = await clients.admin.get('/api/care/upcoming');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({
      path: 'query.teamId',
      message: '请选择一个团队或一位代表',
    });
  });

  it("fills a team's yearly calendar: each observed festival once, each birthday once", async () => {
    const res = await care().findUpcoming(ctxOf(w.users.m1), { from: '2026-01-01', days: 365 });
    expect(res.to).toBe('2026-12-31');
    const festivals = res.items.filter((i) => i.kind === 'festival').map((i) => i.festival);
    expect(festivals).toEqual(defaultCareSettings.festivals.filter((f) => careFestivalKeys.includes(f)));
    expect(res.items.filter((i) => i.kind === 'birthday').map((i) => `${i.date} ${i.doctorName}`)).toEqual([
      '2026-09-20 赵敏',
      '2026-09-22 李四海',
      '2026-09-25 张三丰',
    ]);
    const dates = res.items.map((i) => i.date);
    expect(dates).toEqual([...dates].sort());
  });
});

describe('life events 喜事/不幸', () => {
  const care = () => createCareService({ db: t.database.db, today: () => '2026-11-23' });
  const followUpOf = async (id: string) =>
    (await t.database.db.select().from(s.followUps).where(eq(s.followUps.id, id)))[0]!;

  it('raises a brief call today for a misfortune, owned by the caller, audited', async () => {
    const event = await care().createLifeEvent(ctxOf(w.users.rep1a), {
      doctorId: w.doctors.d1a.id,
      kind: 'bereavement',
      occurredOn: '2026-11-22',
      note: '父亲去世',
    });
    expect(event).toMatchObject({ nature: 'misfortune', doctorName: '张三丰', createdBy: { name: '张三' } });
    const task = await followUpOf(event.followUpId!);
    expect(task).toMatchObject({
      ownerId: w.users.rep1a.id,
      doctorId: w.doctors.d1a.id,
      dueDate: '2026-11-23',
      status: 'open',
      title: '致电慰问（简短，不谈业务）：亲人去世',
    });
    expect(await auditRows('lifeEvent', event.id)).toHaveLength(1);
    expect(await auditRows('followUp', task.id)).toHaveLength(1);
  });

  it('raises congratulations within 3 days for a happy event', async () => {
    const event = await care().createLifeEvent(ctxOf(w.users.m1), {
      doctorId: w.doctors.d1b.id,
      kind: 'promotion',
      occurredOn: '2026-12-01',
    });
    const task = await followUpOf(event.followUpId!);
    expect(task).toMatchObject({ ownerId: w.users.m1.id, dueDate: '2026-11-26', title: '祝贺：晋升' });
  });

  it('refuses a date in the far future and saves neither the event nor a task', async () => {
    const [events, tasks] = [
      await t.database.db.select().from(s.lifeEvents),
      await t.database.db.select().from(s.followUps),
    ];
    const err = await rejection(
      care().createLifeEvent(ctxOf(w.users.rep1a), {
        doctorId: w.doctors.d1a.id,
        kind: 'wedding',
        occurredOn: '2027-11-25',
      }),
    );
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', messageKey: 'care.lifeEvent.farFuture' });
    expect(await t.database.db.select().from(s.lifeEvents)).toHaveLength(events.length);
    expect(await t.database.db.select().from(s.followUps)).toHaveLength(tasks.length);
    // a year ahead is still fine (a wedding date)
    const ok = await care().createLifeEvent(ctxOf(w.users.rep1a), {
      doctorId: w.doctors.d1a.id,
      kind: 'wedding',
      occurredOn: '2027-11-24',
    });
    expect(ok.occurredOn).toBe('2027-11-24');
  });

  it('over HTTP: the admin is refused, another line gets 404, the list shows only the own line', async () => {
    const payload = { doctorId: w.doctors.d1a.id, kind: 'birth', occurredOn: chinaDate() };
    expect((await clients.admin.post('/api/life-events', payload)).statusCode).toBe(403);
    expect((await clients.compliance.post('/api/life-events', payload)).statusCode).toBe(403);
    const other = await clients.rep.post('/api/life-events', { ...payload, doctorId: w.doctors.d1b.id });
    expect(other.statusCode).toBe(404);
    const created = await clients.rep.post('/api/life-events', payload);
    expect(created.statusCode, created.body).toBe(201);
    const list = (await clients.rep.get('/api/life-events?pageSize=200')).json();
    expect(list.items.map((e: { id: string }) => e.id)).toContain(created.json().id);
    expect(new Set(list.items.map((e: { doctorId: string }) => e.doctorId))).toEqual(
      new Set([w.doctors.d1a.id]),
    );
    const byDoctor = (await clients.manager.get(`/api/life-events?doctorId=${w.doctors.d1b.id}`)).json();
    expect(byDoctor.items.map((e: { kind: string }) => e.kind)).toEqual(['promotion']);
    expect((await clients.admin.get('/api/life-events')).statusCode).toBe(403);
  });
});

describe('care tier 关怀等级', () => {
  beforeAll(async () => {
    const action = (ownerId: string, actionDate: string, valueFen: number) => ({
      ownerId,
      doctorId: w.doctors.dShared.id,
      hospitalId: w.hospitals.hShared.id,
      kind: 'smallGift',
      actionDate,
      valueFen,
      purpose: '节日问候',
    });
    await t.database.db
      .insert(s.careActions)
      .values([
        action(w.users.rep1a.id, '2026-02-10', 20_000),
        action(w.users.rep2a.id, '2026-09-24', 15_000),
        action(w.users.rep2a.id, '2025-12-31', 90_000),
      ]);
  });
  const url = () => `/api/doctors/${w.doctors.dShared.id}/care-tier`;

  it("shows the suggestion and this year's care of all reps together", async () => {
    const res = await createCareService({ db: t.database.db, today: () => '2026-11-23' }).getCareTier(
      ctxOf(w.users.rep1a),
      w.doctors.dShared.id,
    );
    expect(res).toMatchObject({
      tier: 'normal',
      suggestedTier: 'normal',
      chosen: false,
      version: null,
      yearSpentFen: 35_000,
      yearActions: 2,
      policy: { key: 'normal', capPerActionFen: 10_000 },
    });
    const lastYear = await createCareService({ db: t.database.db, today: () => '2025-12-31' }).getCareTier(
      ctxOf(w.users.rep1a),
      w.doctors.dShared.id,
    );
    expect(lastYear).toMatchObject({ yearSpentFen: 90_000, yearActions: 1 });
  });

  it('lets the line choose a configured tier, refuses a stale version and an unknown tier, and clears it', async () => {
    const chosen = await put(clients.rep, url(), { tier: 'A' });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json()).toMatchObject({ tier: 'A', suggestedTier: 'normal', chosen: true, version: 1 });
    expect((await put(clients.manager, url(), { tier: 'B' })).statusCode).toBe(409);
    expect((await put(clients.manager, url(), { tier: 'B', version: 2 })).statusCode).toBe(409);
    const unknown = await put(clients.manager, url(), { tier: 'VIP', version: 1 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({
      path: 'body.tier',
      message: '关怀等级“VIP”未在设置中配置',
    });
    const changed = await put(clients.admin, url(), { tier: 'B', version: 1 });
    expect(changed.json()).toMatchObject({ tier: 'B', version: 2, policy: { key: 'B' } });
    const cleared = await put(clients.manager, url(), { tier: null, version: 2 });
    expect(cleared.json()).toMatchObject({ tier: 'normal', chosen: false, version: null });
    expect(
      await t.database.db
        .select()
        .from(s.doctorCareTiers)
        .where(eq(s.doctorCareTiers.doctorId, w.doctors.dShared.id)),
    ).toEqual([]);
    const actions = (await auditRows('doctorCareTier', w.doctors.dShared.id)).map((a) => a.action);
    expect(actions.sort()).toEqual(['create', 'delete', 'update']);
  });

  it('keeps compliance read-only and other lines out', async () => {
    expect((await put(clients.compliance, url(), { tier: 'A' })).statusCode).toBe(403);
    expect((await clients.compliance.get(url())).statusCode).toBe(200);
    const other = await put(clients.rep, `/api/doctors/${w.doctors.d2a.id}/care-tier`, { tier: 'A' });
    expect(other.statusCode).toBe(404);
  });
});
