/**
 * Kept region-report snapshots: served while young, saying when they were computed; refreshed behind a stale one,
 * on request (refresh=true) and by the warmer; a rep missing from one is computed live; another basis (settings,
 * product, day) never reads it; and quick roll-ups are not kept at all.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OrgDashboard, OrgDashboardQuery } from '@keqing/shared';
import * as s from '../../db/schema.ts';
import type { RequestContext } from '../../http/context.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { analyticsCycle } from './analytics.fixtures.ts';
import { createKpiSnapshots } from './kpi-snapshots.ts';
import { createOrgDashboardService } from './org-dashboard.service.ts';

let t: TestApp;
let w: World;
let admin: Client;
const db = () => t.database.db;
let clock = new Date('2026-12-07T02:00:00Z');
const minutes = (n: number) => (clock = new Date(clock.getTime() + n * 60_000));

const cycle: OrgDashboardQuery = { period: 'cycle', date: analyticsCycle.date, level: 'region' };

function serviceWith(options: { keepAfterMs?: number; maxAgeMinutes?: number } = {}) {
  const snapshots = createKpiSnapshots({
    db: db(),
    maxAgeMinutes: options.maxAgeMinutes ?? 10,
    keepAfterMs: options.keepAfterMs ?? 0,
    now: () => clock,
  });
  const service = createOrgDashboardService({ db: db(), snapshots, now: () => clock });
  const ctx = (): RequestContext => ({
    actor: { id: w.users.admin.id, username: 'admin', name: '系统管理员', role: 'admin', teamId: null },
    requestId: 'kpi-snapshots-test',
    locale: 'zh-CN',
  });
  return {
    snapshots,
    view: (q: Partial<OrgDashboardQuery> = {}) => service.getOrgDashboard(ctx(), { ...cycle, ...q }),
  };
}

/** The figures computed live over the same data (the app's default in tests: no snapshots). */
async function live(q = 'period=cycle&date=' + analyticsCycle.date): Promise<OrgDashboard> {
  const res = await admin.get(`/api/dashboards/org?level=region&${q}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

/** One more overdue follow-up for rep1a: a change every roll-up of the period shows. */
async function addOverdueFollowUp() {
  await db().insert(s.followUps).values({
    ownerId: w.users.rep1a.id,
    doctorId: w.doctors.d1a.id,
    title: '快照测试的跟进',
    dueDate: '2026-11-25',
  });
}

const snapshotRows = () =>
  db()
    .select({ key: s.kpiSnapshots.key, computedAt: s.kpiSnapshots.computedAt, reps: s.kpiSnapshots.repCount })
    .from(s.kpiSnapshots);

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(db());
  await w.analytics.seed();
  admin = await t.signIn('admin');
});
afterAll(async () => t?.close());
beforeEach(async () => {
  await db().delete(s.kpiSnapshots);
});

describe('region report snapshots', () => {
  it('the first read computes and keeps; later reads serve it, with its time, until refreshed', async () => {
    const { view } = serviceWith();
    const first = await view();
    expect(first.freshness).toEqual({
      computedAt: clock.toISOString(),
      fromSnapshot: false,
      maxAgeMinutes: 10,
    });
    expect(first.total).toEqual((await live()).total);
    const [row] = await snapshotRows();
    expect(row).toMatchObject({ reps: first.total.reps });

    await addOverdueFollowUp();
    const changed = (await live()).total.overdueFollowUps;
    expect(changed).toBe(first.total.overdueFollowUps + 1);
    minutes(3);
    const kept = await view();
    expect(kept.freshness).toEqual({ ...first.freshness, fromSnapshot: true });
    expect(kept.total).toEqual(first.total);

    // 立即刷新: computed now, kept again, and the next read serves the new figures
    const refreshed = await view({ refresh: true });
    expect(refreshed.freshness).toMatchObject({ computedAt: clock.toISOString(), fromSnapshot: false });
    expect(refreshed.total.overdueFollowUps).toBe(changed);
    const after = await view();
    expect(after.freshness).toMatchObject({ computedAt: clock.toISOString(), fromSnapshot: true });
    expect(after.total).toEqual(refreshed.total);
  });

  it('one snapshot serves every drill level, each row as computed live', async () => {
    const { view } = serviceWith();
    await view();
    const regionId = (await view()).rows[0]!.id;
    const areas = await view({ level: 'area', parentId: regionId });
    expect(areas.freshness.fromSnapshot).toBe(true);
    const liveAreas: OrgDashboard = (
      await admin.get(
        `/api/dashboards/org?level=area&parentId=${regionId}&period=cycle&date=${analyticsCycle.date}`,
      )
    ).json();
    expect(areas.rows).toEqual(liveAreas.rows);
    expect(await snapshotRows()).toHaveLength(1);
  });

  it('a stale snapshot is served at once while a refresh replaces it', async () => {
    const { view } = serviceWith();
    const first = await view();
    await addOverdueFollowUp();
    minutes(11);
    const stale = await view();
    expect(stale.freshness).toMatchObject({ computedAt: first.freshness.computedAt, fromSnapshot: true });
    expect(stale.total).toEqual(first.total);
    await expect
      .poll(async () => (await snapshotRows())[0]?.computedAt.toISOString(), { timeout: 10_000 })
      .not.toBe(first.freshness.computedAt);
    const fresh = await view();
    expect(fresh.freshness).toMatchObject({ computedAt: clock.toISOString(), fromSnapshot: true });
    expect(fresh.total).toEqual((await live()).total);
  });

  it('a rep missing from the snapshot (joined since) is computed live and counted', async () => {
    const { view } = serviceWith();
    await view();
    const [row] = await db().select({ key: s.kpiSnapshots.key }).from(s.kpiSnapshots);
    // as if rep1a had joined a team after the snapshot was computed
    await db()
      .update(s.kpiSnapshots)
      .set({ counts: sql`${s.kpiSnapshots.counts} - ${w.users.rep1a.id}::text` })
      .where(eq(s.kpiSnapshots.key, row!.key));
    const served = await view();
    expect(served.freshness.fromSnapshot).toBe(true);
    expect(served.total).toEqual((await live()).total);
  });

  it('another product, day or setting is another snapshot, never the kept one', async () => {
    const { view } = serviceWith();
    await view();
    const product = await view({ productId: w.products.p1.id });
    expect(product.freshness.fromSnapshot).toBe(false);
    const otherDay = await view({ date: '2026-11-10' });
    expect(otherDay.freshness.fromSnapshot).toBe(true); // the same cycle: the same basis
    const settings = await admin.get('/api/planning/settings');
    const current = settings.json() as { minObjectives: number };
    const saved = await admin.request({
      method: 'PUT',
      url: '/api/planning/settings',
      payload: { ...current, minObjectives: current.minObjectives + 1 },
    });
    expect(saved.statusCode).toBe(200);
    try {
      const changed = await view();
      expect(changed.freshness.fromSnapshot).toBe(false);
      expect(changed.total).toEqual((await live()).total);
    } finally {
      const back = await admin.request({ method: 'PUT', url: '/api/planning/settings', payload: current });
      expect(back.statusCode).toBe(200);
    }
    expect(await snapshotRows()).toHaveLength(3);
  });

  it('a roll-up computed quicker than keepAfterMs is not kept, and 0 minutes keeps nothing', async () => {
    const quick = serviceWith({ keepAfterMs: 60_000 });
    expect((await quick.view()).freshness.fromSnapshot).toBe(false);
    expect((await quick.view()).freshness.fromSnapshot).toBe(false);
    const off = serviceWith({ maxAgeMinutes: 0 });
    expect((await off.view()).freshness).toMatchObject({ fromSnapshot: false, maxAgeMinutes: 0 });
    expect(await snapshotRows()).toHaveLength(0);
  });

  it('the warmer refreshes views read in the last two hours before they age out, and drops the unread', async () => {
    const { view, snapshots } = serviceWith();
    const first = await view();
    minutes(2);
    expect(await snapshots.warm()).toBe(0); // young
    minutes(8);
    await addOverdueFollowUp();
    expect(await snapshots.warm()).toBe(1); // due within the next minute
    const served = await view();
    expect(served.freshness).toMatchObject({ computedAt: clock.toISOString(), fromSnapshot: true });
    expect(served.total.overdueFollowUps).toBe(first.total.overdueFollowUps + 1);

    // not read for three hours: left to age (a read serves it at once and refreshes it)
    minutes(3 * 60);
    expect(await snapshots.warm()).toBe(0);
    const later = await view();
    expect(later.freshness).toMatchObject({ computedAt: served.freshness.computedAt, fromSnapshot: true });
    await expect
      .poll(async () => (await snapshotRows())[0]?.computedAt.toISOString(), { timeout: 10_000 })
      .toBe(clock.toISOString());

    // nobody read it for a week: gone, and not refreshed again
    minutes(7 * 24 * 60 + 1);
    expect(await snapshots.warm()).toBe(0);
    expect(await snapshotRows()).toHaveLength(0);
  });

  it('admin and compliance may ask for a refresh; others still get 403', async () => {
    const compliance = await t.signIn('compliance');
    const rep = await t.signIn('rep01');
    const res = await compliance.get(
      `/api/dashboards/org?refresh=true&period=cycle&date=${analyticsCycle.date}`,
    );
    expect(res.statusCode).toBe(200);
    expect((res.json() as OrgDashboard).freshness).toMatchObject({ fromSnapshot: false, maxAgeMinutes: 0 });
    expect((await rep.get('/api/dashboards/org?refresh=true')).statusCode).toBe(403);
    expect((await admin.get('/api/dashboards/org?refresh=yes')).statusCode).toBe(400);
  });
});
