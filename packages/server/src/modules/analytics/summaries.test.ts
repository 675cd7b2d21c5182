/**
 * The day summaries answer exactly what counting calls answers: every figure of findRepKpiCounts read through the
 * summaries equals the same figure read from calls, after submissions (with a burst, short calls, few objectives,
 * an uncounted type and a draft), an amendment that moves a call to another day and out of the counted types, a
 * territory hand-over, a deleted call, and a change of counted call types (calls until the rebuild, which the
 * summary keeper starts by itself after an admin saves the settings).
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate } from '@keqing/domain';
import { defaultPlanningSettings, type PlanningSettings } from '@keqing/shared';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { findRepCallFigures, findRepKpiCounts, type RepKpiArgs } from './kpi.repository.ts';
import { insertPlanningSettings, loadPlanningSettings } from '../planning/planning-settings.repository.ts';
import { findSummaryRules, rebuildAnalyticsSummaries, summariesMatch, summaryRulesOf } from './summaries.ts';

let t: TestApp;
let w: World;
let rep1a: Client;
let rep1b: Client;
let admin: Client;
const today = chinaDate();
const yesterday = addDays(today, -1);
const twoDaysAgo = addDays(today, -2);

const db = () => t.database.db;
const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`).toISOString();
const minutesAfter = (iso: string, minutes: number) =>
  new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();

const objectives = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ text: `拜访目的${i + 1}`, outcome: 'achieved' }));

/** A call of the rep on a doctor, submitted unless `submit: false`. */
async function submitCall(
  client: Client,
  doctorId: string,
  day: string,
  time: string,
  minutes: number,
  extra: Record<string, unknown> = {},
) {
  const startAt = at(day, time);
  const res = await client.post('/api/calls', {
    clientId: randomUUID(),
    doctorId,
    type: 'visit',
    startAt,
    endAt: minutesAfter(startAt, minutes),
    products: [{ productId: w.products.p1.id, keyMessages: ['降脂达标率高'] }],
    objectives: objectives(3),
    submit: true,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().call as { id: string; version: number; status: string };
}

const args = (over: Partial<RepKpiArgs> = {}): RepKpiArgs => ({
  repIds: [w.users.rep1a.id, w.users.rep1b.id, w.users.rep2a.id],
  from: '2026-10-01',
  to: today,
  workingDays: 40,
  today,
  countedTypes: defaultPlanningSettings.countedCallTypes,
  minObjectives: defaultPlanningSettings.minObjectives,
  cycleWeeks: 4,
  gradeOrder: ['A', 'B', 'C'],
  ...over,
});

/** Every KPI figure through the summaries equals the one from calls, for the whole span and for single days. */
async function expectSummariesEqualCalls(over: Partial<RepKpiArgs> = {}) {
  for (const a of [
    args(over),
    args({ ...over, from: yesterday, to: yesterday }),
    args({ ...over, from: twoDaysAgo, to: today }),
  ]) {
    const fromSummaries = await findRepKpiCounts(db(), a, { source: 'auto' });
    const fromCalls = await findRepKpiCounts(db(), a, { source: 'calls' });
    expect(Object.fromEntries(fromSummaries)).toEqual(Object.fromEntries(fromCalls));
  }
}

/** The call figures of one rep over yesterday and the day before, from the summaries. */
async function recentFigures(repId: string, over: Partial<RepKpiArgs> = {}) {
  const rows = await findRepCallFigures(db(), args({ ...over, from: twoDaysAgo, to: yesterday }), 'auto');
  return rows.find((r) => r.rep_id === repId) ?? { calls: 0, min_objectives: 0, short: 0, burst: 0 };
}

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  await w.analytics.seed();
  rep1a = await t.signIn('rep01');
  rep1b = await t.signIn('rep02');
  admin = await t.signIn('admin');
});
afterAll(() => t.close());

describe('call day summaries', () => {
  it('are counted with the planning settings in force on a fresh database, so dashboards read them', async () => {
    expect(summariesMatch(await findSummaryRules(db()), summaryRulesOf(defaultPlanningSettings))).toBe(true);
    // the analytics fixture's calls went in by plain inserts: the trigger counted them too
    const [row] = await db()
      .select()
      .from(s.callDaySummaries)
      .where(
        sql`${s.callDaySummaries.ownerId} = ${w.users.rep1a.id} and ${s.callDaySummaries.callDate} = '2026-11-18'`,
      );
    expect(row).toMatchObject({ calls: 3, minObjectiveCalls: 3, shortCalls: 0, burstCalls: 3 });
    await expectSummariesEqualCalls();
  });

  it('follow submissions: a burst of short calls, few objectives, an uncounted type and a draft', async () => {
    const { d1a, dShared } = w.doctors;
    await submitCall(rep1a, d1a.id, yesterday, '10:00', 1);
    await submitCall(rep1a, dShared.id, yesterday, '10:03', 1);
    await submitCall(rep1a, d1a.id, yesterday, '10:06', 1);
    await submitCall(rep1a, dShared.id, yesterday, '14:00', 30, { objectives: objectives(2) });
    await submitCall(rep1a, d1a.id, yesterday, '16:00', 10, { type: 'phone' });
    await submitCall(rep1a, d1a.id, yesterday, '17:00', 10, { submit: false });
    expect(await recentFigures(w.users.rep1a.id)).toEqual({
      rep_id: w.users.rep1a.id,
      calls: 4,
      min_objectives: 3,
      short: 3,
      burst: 3,
    });
    await expectSummariesEqualCalls();
    await expectSummariesEqualCalls({ productId: w.products.p1.id });
  });

  it('follow an amendment that moves a call to another day and one that changes its type', async () => {
    const { d1a } = w.doctors;
    const moved = await submitCall(rep1a, d1a.id, yesterday, '11:00', 20);
    const startAt = at(twoDaysAgo, '11:00');
    const res = await rep1a.post(`/api/calls/${moved.id}/amendments`, {
      version: moved.version,
      reason: '拜访日期录错，改为前一天',
      changes: { startAt, endAt: minutesAfter(startAt, 20) },
    });
    expect(res.statusCode, res.body).toBe(200);
    // the middle call of the burst becomes a phone call: the burst of three breaks up
    const [middle] = await db()
      .select({ id: s.calls.id, version: s.calls.version })
      .from(s.calls)
      .where(
        sql`${s.calls.ownerId} = ${w.users.rep1a.id} and ${s.calls.startAt} = ${at(yesterday, '10:03')}`,
      );
    const retyped = await rep1a.post(`/api/calls/${middle!.id}/amendments`, {
      version: middle!.version,
      reason: '实为电话沟通',
      changes: { type: 'phone' },
    });
    expect(retyped.statusCode, retyped.body).toBe(200);
    expect(await recentFigures(w.users.rep1a.id)).toMatchObject({ calls: 4, short: 2, burst: 0 });
    await expectSummariesEqualCalls();
  });

  it('follow a territory hand-over: the successor’s calls count for the successor', async () => {
    const res = await admin.post(`/api/territories/${w.territories.t1a.id}/assign`, {
      userId: w.users.rep1b.id,
      note: '张三调岗，由赵六接手',
    });
    expect(res.statusCode, res.body).toBe(200);
    await submitCall(rep1b, w.doctors.d1a.id, yesterday, '09:00', 25);
    expect(await recentFigures(w.users.rep1b.id)).toMatchObject({ calls: 1, short: 0, burst: 0 });
    await expectSummariesEqualCalls();
  });

  it('follow a deleted call', async () => {
    const gone = await submitCall(rep1b, w.doctors.d1b.id, yesterday, '15:00', 15);
    const before = await recentFigures(w.users.rep1b.id);
    await db().delete(s.calls).where(eq(s.calls.id, gone.id));
    expect((await recentFigures(w.users.rep1b.id)).calls).toBe(before.calls - 1);
    await expectSummariesEqualCalls();
  });

  it('are left aside while counted with other rules, and used again after a rebuild', async () => {
    // a settings version written around the service (as a restore would): nothing rebuilds yet
    const current = await loadPlanningSettings(db());
    await insertPlanningSettings(
      db(),
      { ...current, countedCallTypes: ['visit', 'phone'] },
      w.users.admin.id,
    );
    const phoneCounted = { countedTypes: ['visit', 'phone'] as RepKpiArgs['countedTypes'] };
    const wanted = summaryRulesOf({ countedCallTypes: phoneCounted.countedTypes, minObjectives: 3 });
    expect(summariesMatch(await findSummaryRules(db()), wanted)).toBe(false);
    // still equal: the dashboards read calls meanwhile
    await expectSummariesEqualCalls(phoneCounted);

    const { rows } = await rebuildAnalyticsSummaries(db());
    expect(rows).toBeGreaterThan(0);
    expect(summariesMatch(await findSummaryRules(db()), wanted)).toBe(true);
    // the phone calls now count through the summaries: yesterday's phone call and the re-typed one
    expect(await recentFigures(w.users.rep1a.id, phoneCounted)).toMatchObject({ calls: 6, burst: 3 });
    await expectSummariesEqualCalls(phoneCounted);
  });

  it('are rebuilt by themselves after an admin changes the counting rules', async () => {
    const current = (await admin.get('/api/planning/settings')).json();
    const saved = await admin.request({
      method: 'PUT',
      url: '/api/planning/settings',
      payload: { ...current, countedCallTypes: ['visit'], minObjectives: 2 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // the save answers at once; the keeper rebuilds in the background
    await t.app.summaryKeeper.idle();
    const visitsOnly = { countedTypes: ['visit'] as RepKpiArgs['countedTypes'], minObjectives: 2 };
    const wanted = summaryRulesOf({ countedCallTypes: visitsOnly.countedTypes, minObjectives: 2 });
    expect(summariesMatch(await findSummaryRules(db()), wanted)).toBe(true);
    await expectSummariesEqualCalls(visitsOnly);

    // a save that leaves the counting rules alone rebuilds nothing
    const savedSettings = saved.json() as PlanningSettings;
    const before = await db().select().from(s.analyticsSummaryState);
    const again = await admin.request({
      method: 'PUT',
      url: '/api/planning/settings',
      payload: { ...savedSettings, maxCallsPerDay: savedSettings.maxCallsPerDay + 1 },
    });
    expect(again.statusCode, again.body).toBe(200);
    await t.app.summaryKeeper.idle();
    expect(await db().select().from(s.analyticsSummaryState)).toEqual(before);
  });
});
