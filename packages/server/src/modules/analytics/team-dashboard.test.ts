import ExcelJS from 'exceljs';
import { and, between, count, eq, inArray, lt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate, perUnit } from '@keqing/domain';
import { defaultPlanningSettings, type RepKpi, type TeamDashboard } from '@keqing/shared';
import * as s from '../../db/schema.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { analyticsCycle, type AnalyticsData } from './analytics.fixtures.ts';

let t: TestApp;
let w: World;
let data: AnalyticsData;
let m1: Client;
let m2: Client;
let rep01: Client;
let admin: Client;
let compliance: Client;
const db = () => t.database.db;
const cycleQuery = `period=cycle&date=${analyticsCycle.date}`;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(db());
  data = await w.analytics.seed();
  m1 = await t.signIn('manager01');
  m2 = await t.signIn('manager02');
  rep01 = await t.signIn('rep01');
  admin = await t.signIn('admin');
  compliance = await t.signIn('compliance');
});
afterAll(() => t.close());

const dashboard = async (client: Client, query = cycleQuery) => {
  const res = await client.get(`/api/dashboards/team?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TeamDashboard;
};
const repOf = (d: TeamDashboard, id: string) => d.reps.find((r) => r.repId === id)!;

/** Direct counts over the fixture tables, written independently of kpi.repository.ts. */
async function directCounts(repId: string) {
  const counted = and(
    eq(s.calls.ownerId, repId),
    eq(s.calls.status, 'submitted'),
    inArray(s.calls.type, defaultPlanningSettings.countedCallTypes),
    between(s.calls.callDate, analyticsCycle.from, analyticsCycle.to),
  );
  const n = async (where: ReturnType<typeof and>) =>
    (await db().select({ n: count() }).from(s.calls).where(where))[0]!.n;
  const covered = await db()
    .select({ n: sql<number>`count(distinct ${s.calls.doctorId})::int` })
    .from(s.calls)
    .innerJoin(s.doctorProductStatus, eq(s.doctorProductStatus.doctorId, s.calls.doctorId))
    .where(counted);
  const overdue = await db()
    .select({ n: count() })
    .from(s.followUps)
    .where(
      and(
        eq(s.followUps.ownerId, repId),
        eq(s.followUps.status, 'open'),
        lt(s.followUps.dueDate, chinaDate()),
      ),
    );
  const coVisits = await db()
    .select({ n: count() })
    .from(s.coVisits)
    .innerJoin(s.calls, eq(s.calls.id, s.coVisits.callId))
    .where(
      and(eq(s.coVisits.repId, repId), between(s.calls.callDate, analyticsCycle.from, analyticsCycle.to)),
    );
  return {
    calls: await n(counted),
    shortCalls: await n(and(counted, sql`${s.calls.endAt} - ${s.calls.startAt} <= interval '60 seconds'`)),
    callsWithMinObjectives: await n(and(counted, sql`${s.calls.objectiveCount} >= 3`)),
    coveredDoctors: covered[0]!.n,
    overdueFollowUps: overdue[0]!.n,
    coVisits: coVisits[0]!.n,
  };
}

describe('GET /api/dashboards/team', () => {
  it("gives each figure of rep1a as a direct count over the fixture's records", async () => {
    const d = await dashboard(m1);
    const r = repOf(d, w.users.rep1a.id);
    expect(r).toMatchObject(await directCounts(w.users.rep1a.id));
    expect(r).toMatchObject({
      calls: 7,
      shortCalls: 1,
      burstCalls: 3,
      callsWithMinObjectives: 5,
      targetDoctors: 4,
      coveredDoctors: 2, // d1a seen twice on 11-10 counts once
      coveragePct: 50,
      requiredCalls: 14,
      doneCalls: 7,
      frequencyPct: 50,
      ladderUp: 1,
      ladderDown: 1,
      stageUp: 1,
      coVisits: 1,
      overdueFollowUps: 1,
    });
    expect(r.byGrade.map((g) => [g.grade, g.targetDoctors, g.coveredDoctors, g.coveragePct])).toEqual([
      ['A', 3, 2, 66.7],
      ['B', 1, 0, 0],
    ]);
    expect(d.period).toMatchObject({
      kind: 'cycle',
      from: analyticsCycle.from,
      to: analyticsCycle.to,
      workingDays: 20,
    });
    expect(r.callsPerWorkingDay).toBe(perUnit(7, 20));
    expect(d.norms).toEqual({ minCallsPerDay: 10, maxCallsPerDay: 15, minObjectives: 3 });
  });

  it("includes only the manager's team: m1 never sees rep2a, m2 sees only rep2a", async () => {
    const d1 = await dashboard(m1);
    expect(d1.reps.map((r) => r.repId).sort()).toEqual([w.users.rep1a.id, w.users.rep1b.id].sort());
    expect(d1.teams.map((x) => x.id)).toEqual([w.teams.team1.id]);
    // the total is the sum of the two reps, not of rep2a's calls or follow-ups
    const [a, b] = [repOf(d1, w.users.rep1a.id), repOf(d1, w.users.rep1b.id)];
    expect(d1.total).toMatchObject({
      reps: 2,
      calls: a.calls + b.calls,
      overdueFollowUps: a.overdueFollowUps + b.overdueFollowUps,
      targetDoctors: a.targetDoctors + b.targetDoctors,
    });
    expect(d1.total.overdueFollowUps).toBe(1);
    const d2 = await dashboard(m2);
    expect(d2.reps.map((r) => r.repId)).toEqual([w.users.rep2a.id]);
    expect(d2.total).toMatchObject({ calls: 2, overdueFollowUps: 1 });
  });

  it('refuses a rep, another manager’s team and an admin without a team', async () => {
    expect((await rep01.get(`/api/dashboards/team?${cycleQuery}`)).statusCode).toBe(403);
    expect((await m1.get(`/api/dashboards/team?teamId=${w.teams.team2.id}`)).statusCode).toBe(404);
    const res = await admin.get(`/api/dashboards/team?${cycleQuery}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/请选择一个团队/);
    const custom = await admin.get(
      `/api/dashboards/team?period=custom&from=2026-11-10&teamId=${w.teams.team1.id}`,
    );
    expect(custom.statusCode).toBe(400);
    const d = await dashboard(compliance, `${cycleQuery}&teamId=${w.teams.team2.id}`);
    expect(d.reps.map((r) => r.repId)).toEqual([w.users.rep2a.id]);
  });

  it('flags the bursts and the low call rate with Chinese messages', async () => {
    const r: RepKpi = repOf(await dashboard(m1), w.users.rep1a.id);
    expect(r.outliers.map((o) => o.kind)).toEqual(['lowCallRate', 'bursts']);
    expect(r.outliers[1]!.message).toContain('3 次拜访为集中录入');
    const en = await m1.get(`/api/dashboards/team?${cycleQuery}`, { 'accept-language': 'en' });
    expect(repOf(en.json(), w.users.rep1a.id).outliers[1]!.message).toContain('3 calls logged in bursts');
  });

  it('filters by product: the p2-only department meeting drops out', async () => {
    const r = repOf(await dashboard(m1, `${cycleQuery}&productId=${w.products.p1.id}`), w.users.rep1a.id);
    expect(r).toMatchObject({ calls: 6, callsWithMinObjectives: 5, targetDoctors: 4, coveredDoctors: 2 });
  });

  it('gives a 6-cycle trend ending with the period, oldest first', async () => {
    const d = await dashboard(m1);
    expect(d.trend).toHaveLength(6);
    expect(d.trend[5]).toMatchObject({
      from: analyticsCycle.from,
      coveragePct: d.total.coveragePct,
      frequencyPct: d.total.frequencyPct,
    });
    expect(d.trend[4]).toMatchObject({ from: '2026-10-12', to: '2026-11-08' });
    // the earlier cycles have no calls: nothing covered
    expect(d.trend[4]!.callsPerWorkingDay).toBe(0);
  });

  it('lists the products of the team with their attainment (no quota: null)', async () => {
    const d = await dashboard(m1);
    expect(d.products.map((p) => p.productId)).toContain(w.products.p1.id);
    for (const p of d.products) if (p.quota === 0) expect(p.attainmentPct).toBeNull();
  });

  it('exports the view as .xlsx with one sheet per table and Chinese headers', async () => {
    const res = await m1.get(`/api/dashboards/team/export?${cycleQuery}`);
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((x) => x.name)).toEqual(['代表指标', '按级别覆盖', '趋势', '产品达成']);
    const sheet = book.getWorksheet('代表指标')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('代表');
    expect(sheet.rowCount).toBe(4); // header, two reps, 合计
    expect(book.getWorksheet('趋势')!.rowCount).toBe(7);
  });
});

describe('drill-down', () => {
  const drill = async (client: Client, path: string, query: string) => {
    const res = await client.get(`/api/dashboards/drill/${path}?${cycleQuery}&pageSize=200&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Record<string, unknown>[]; total: number };
  };

  it.each([
    ['repId', () => w.users.rep1a.id],
    ['teamId', () => w.teams.team1.id],
  ])('totals equal the dashboard figures (by %s)', async (param, id) => {
    const d = await dashboard(m1);
    const f = param === 'repId' ? repOf(d, w.users.rep1a.id) : d.total;
    const q = `${param}=${id()}`;
    const total = async (path: string, extra: string) => (await drill(m1, path, `${q}&${extra}`)).total;
    expect(await total('doctors', 'state=all')).toBe(f.targetDoctors);
    expect(await total('doctors', 'state=covered')).toBe(f.coveredDoctors);
    expect(await total('doctors', 'state=uncovered')).toBe(f.targetDoctors - f.coveredDoctors);
    for (const g of f.byGrade) {
      expect(await total('doctors', `state=belowFrequency&grade=${g.grade}`)).toBe(g.belowFrequencyDoctors);
      expect(await total('doctors', `state=covered&grade=${g.grade}`)).toBe(g.coveredDoctors);
    }
    expect(await total('calls', 'kind=all')).toBe(f.calls);
    expect(await total('calls', 'kind=short')).toBe(f.shortCalls);
    expect(await total('calls', 'kind=burst')).toBe(f.burstCalls);
    expect(await total('calls', 'kind=fewObjectives')).toBe(f.calls - f.callsWithMinObjectives);
    expect(await total('follow-ups', '')).toBe(f.overdueFollowUps);
  });

  it('lists the uncovered A doctors of rep1a with their required and done calls', async () => {
    const list = await drill(m1, 'doctors', `repId=${w.users.rep1a.id}&state=uncovered&grade=A`);
    expect(list.items).toEqual([
      expect.objectContaining({
        id: data.doctors.dA2.id,
        doctorName: '周一鸣',
        hospitalName: w.hospitals.h1a.name,
        grade: 'A',
        repName: w.users.rep1a.name,
        requiredCalls: 4,
        doneCalls: 0,
        lastCallDate: null,
      }),
    ]);
    const covered = await drill(m1, 'doctors', `repId=${w.users.rep1a.id}&state=covered&grade=A`);
    expect(covered.items.find((i) => i.id === w.doctors.d1a.id)).toMatchObject({
      doneCalls: 4,
      lastCallDate: '2026-11-18',
    });
  });

  it('lists the burst and short calls with minutes and objectives', async () => {
    const bursts = await drill(m1, 'calls', `repId=${w.users.rep1a.id}&kind=burst`);
    expect(bursts.items.map((c) => c.startAt)).toEqual([
      '2026-11-18T02:08:00.000Z',
      '2026-11-18T02:04:00.000Z',
      '2026-11-18T02:00:00.000Z',
    ]);
    const short = await drill(m1, 'calls', `repId=${w.users.rep1a.id}&kind=short`);
    expect(short.items).toEqual([
      expect.objectContaining({ callDate: '2026-11-17', minutes: 1, objectiveCount: 1, type: 'visit' }),
    ]);
  });

  it('keeps a manager to their reps and asks admin for a rep or a team', async () => {
    expect((await m1.get(`/api/dashboards/drill/calls?repId=${w.users.rep2a.id}`)).statusCode).toBe(404);
    expect((await m1.get(`/api/dashboards/drill/calls?teamId=${w.teams.team2.id}`)).statusCode).toBe(404);
    const mixed = await m1.get(
      `/api/dashboards/drill/calls?repId=${w.users.rep1b.id}&teamId=${w.teams.team2.id}`,
    );
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error.message).toMatch(/该代表不在所选团队中/);
    const team = await drill(m1, 'follow-ups', `teamId=${w.teams.team1.id}`);
    expect(team.items.map((f) => f.repId)).toEqual([w.users.rep1a.id]);
    const res = await admin.get('/api/dashboards/drill/follow-ups');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/请选择一位代表或一个团队/);
    // a rep drills their own figures without naming themself
    const own = await drill(rep01, 'calls', 'kind=all');
    expect(own.total).toBe(7);
  });

  it('exports a drilled list as .xlsx', async () => {
    const res = await m1.get(
      `/api/dashboards/drill/doctors/export?${cycleQuery}&repId=${w.users.rep1a.id}&state=all`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((x) => x.name)).toEqual(['目标医生']);
    expect(book.worksheets[0]!.rowCount).toBe(5); // header + 4 target doctors
  });
});
