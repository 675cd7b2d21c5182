import ExcelJS from 'exceljs';
import { and, between, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate, kpiFiguresOf, sumKpiCounts, workingDaysBetween } from '@keqing/domain';
import type { KpiFigures, OrgDashboard, TeamDashboard } from '@keqing/shared';
import * as s from '../../db/schema.ts';
import { hashPassword } from '../auth/password.ts';
import { loadPlanningSettings } from '../planning/planning-settings.repository.ts';
import { loadDoctorGrading } from '../segmentation/grading.service.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createWorld, type World } from '../../test/world.ts';
import { analyticsCycle } from './analytics.fixtures.ts';
import { quotaMonthsOf } from './dashboard-basis.ts';
import { findRepKpiCounts } from './kpi.repository.ts';

let t: TestApp;
let w: World;
let admin: Client;
let compliance: Client;
let m1: Client;
let rep01: Client;
let region2: { id: string; name: string };
let area2: { id: string };
let team3: { id: string };
let rep3: { id: string };

const db = () => t.database.db;
/** The analytics fixtures' cycle (2026-11-09 ~ 2026-12-06), fully past. */
const month = `period=cycle&date=${analyticsCycle.date}`;
const { from, to } = analyticsCycle;

/** The figures that add up from rows to their total (percentages are recomputed, so they are not summed). */
const additive = [
  'reps',
  'calls',
  'callsWithMinObjectives',
  'shortCalls',
  'burstCalls',
  'targetDoctors',
  'coveredDoctors',
  'requiredCalls',
  'doneCalls',
  'ladderUp',
  'ladderDown',
  'stageUp',
  'stageDown',
  'quota',
  'actual',
  'coVisits',
  'overdueFollowUps',
  'channelWarnings',
] as const;
const sumOf = (rows: KpiFigures[], key: (typeof additive)[number]) => rows.reduce((n, r) => n + r[key], 0);

/** What a set of reps should show: the KPI counts read straight from the repository, summed. */
async function expectedFor(repIds: string[], from: string, to: string): Promise<KpiFigures> {
  const settings = await loadPlanningSettings(db());
  const gradeOrder = (await loadDoctorGrading(db())).config.grades;
  const today = chinaDate();
  const last = to < today ? to : today;
  const workingDays = from <= last ? workingDaysBetween(from, last).length : 0;
  const counts = await findRepKpiCounts(db(), {
    repIds,
    from,
    to,
    workingDays,
    today,
    countedTypes: settings.countedCallTypes,
    minObjectives: settings.minObjectives,
    cycleWeeks: settings.cycleWeeks,
    gradeOrder,
    // the dashboards' quota months: a cycle counts the month of its reference day
    months: quotaMonthsOf({ kind: 'cycle', from, to }, analyticsCycle.date),
  });
  return kpiFiguresOf(sumKpiCounts([...counts.values()], workingDays, gradeOrder));
}

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(db());
  await w.analytics.seed(); // the dashboard records (calls, scores, follow-ups) in analyticsCycle
  // A second region with one active rep, and an inactive rep who must not count.
  const [r2] = await db().insert(s.regions).values({ name: '华南大区' }).returning();
  const [a2] = await db().insert(s.areas).values({ name: '广州地区', regionId: r2!.id }).returning();
  const [tm3] = await db().insert(s.teams).values({ name: '广州一组', areaId: a2!.id }).returning();
  const passwordHash = await hashPassword('Keqing@2026');
  const [active, inactive] = await db()
    .insert(s.users)
    .values([
      { username: 'rep91', name: '孙八', role: 'rep', teamId: tm3!.id, passwordHash },
      { username: 'rep92', name: '周九', role: 'rep', teamId: tm3!.id, passwordHash, active: false },
    ])
    .returning();
  void inactive;
  region2 = r2!;
  area2 = a2!;
  team3 = tm3!;
  rep3 = active!;
  admin = await t.signIn('admin');
  compliance = await t.signIn('compliance');
  m1 = await t.signIn('manager01');
  rep01 = await t.signIn('rep01');
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/dashboards/org', () => {
  it('lists the regions with the total of all their reps', async () => {
    const res = await admin.get(`/api/dashboards/org?level=region&${month}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as OrgDashboard;
    expect(body.level).toBe('region');
    expect(body.breadcrumb).toEqual([]);
    expect(body.norms).toEqual({ minCallsPerDay: 10, maxCallsPerDay: 15, minObjectives: 3 });
    expect(body.period).toMatchObject({ kind: 'cycle', from, to });
    // four weeks without a holiday, all past
    expect(body.period.workingDays).toBe(20);
    expect(body.rows.map((r) => r.name)).toEqual(['华东大区', '华南大区']);
    for (const key of additive) expect(body.total[key], key).toBe(sumOf(body.rows, key));
  });

  it('computes each row from the reps under it (inactive reps left out)', async () => {
    const { users } = w;
    const body = (await admin.get(`/api/dashboards/org?level=region&${month}`)).json() as OrgDashboard;
    const east = await expectedFor([users.rep1a.id, users.rep1b.id, users.rep2a.id], from, to);
    const south = await expectedFor([rep3.id], from, to);
    const [eastRow, southRow] = body.rows;
    expect(eastRow).toMatchObject({ id: w.region.id, level: 'region', ...east });
    expect(southRow).toMatchObject({ id: region2.id, ...south });
    // Once the KPI counts are in, every active rep is a counted rep (3 in the east, 1 in the south).
    const counted = await findRepKpiCounts(db(), {
      repIds: [rep3.id],
      from,
      to,
      workingDays: 20,
      today: chinaDate(),
      countedTypes: ['visit'],
      minObjectives: 3,
      cycleWeeks: 4,
      gradeOrder: ['A', 'B', 'C'],
    });
    if (counted.size > 0) {
      expect(eastRow!.reps).toBe(3);
      expect(southRow!.reps).toBe(1);
    }
  });

  it('opens a region into its areas and an area into its teams, with the breadcrumb', async () => {
    const areas = (
      await compliance.get(`/api/dashboards/org?level=area&parentId=${w.region.id}&${month}`)
    ).json() as OrgDashboard;
    expect(areas.breadcrumb).toEqual([{ level: 'region', id: w.region.id, name: '华东大区' }]);
    expect(areas.rows.map((r) => r.id)).toEqual([w.area.id]);

    const res = await admin.get(`/api/dashboards/org?level=team&parentId=${w.area.id}&${month}`);
    expect(res.statusCode, res.body).toBe(200);
    const teams = res.json() as OrgDashboard;
    expect(teams.breadcrumb).toEqual([
      { level: 'region', id: w.region.id, name: '华东大区' },
      { level: 'area', id: w.area.id, name: '上海地区' },
    ]);
    expect(teams.rows.map((r) => r.name)).toEqual(['上海一组', '上海二组']);
    const team1 = await expectedFor([w.users.rep1a.id, w.users.rep1b.id], from, to);
    expect(teams.rows[0]).toMatchObject({ id: w.teams.team1.id, level: 'team', ...team1 });

    // The area row equals the sum of its teams, and the region's equals the area's.
    const region = (await admin.get(`/api/dashboards/org?level=region&${month}`)).json() as OrgDashboard;
    for (const key of additive) {
      expect(areas.rows[0]![key], key).toBe(sumOf(teams.rows, key));
      expect(region.rows[0]![key], key).toBe(areas.rows[0]![key]);
    }
    expect(areas.rows[0]!.byGrade).toEqual(region.rows[0]!.byGrade);
  });

  it('counts the calls a direct count over the same data finds', async () => {
    const body = (
      await admin.get(`/api/dashboards/org?level=team&parentId=${w.area.id}&${month}`)
    ).json() as OrgDashboard;
    const counted = async (teamId: string) => {
      const [row] = await db()
        .select({ n: count() })
        .from(s.calls)
        .innerJoin(s.users, eq(s.users.id, s.calls.ownerId))
        .where(
          and(
            eq(s.users.teamId, teamId),
            eq(s.calls.status, 'submitted'),
            inArray(s.calls.type, ['visit', 'departmentMeeting', 'conference']),
            between(s.calls.callDate, from, to),
          ),
        );
      return row!.n;
    };
    const team1 = await counted(w.teams.team1.id);
    expect(team1).toBeGreaterThan(0);
    expect(body.rows[0]!.calls).toBe(team1);
    expect(body.rows[1]!.calls).toBe(await counted(w.teams.team2.id));
    expect(body.total.calls).toBe(team1 + (await counted(w.teams.team2.id)));
  });

  it('without a parent lists every area or team', async () => {
    const teams = (await admin.get(`/api/dashboards/org?level=team&${month}`)).json() as OrgDashboard;
    expect(teams.breadcrumb).toEqual([]);
    expect(teams.rows.map((r) => r.id).sort()).toEqual([w.teams.team1.id, w.teams.team2.id, team3.id].sort());
  });

  it('leaves out inactive units', async () => {
    await db().update(s.areas).set({ active: false }).where(eq(s.areas.id, area2.id));
    try {
      const body = (await admin.get(`/api/dashboards/org?level=area&${month}`)).json() as OrgDashboard;
      expect(body.rows.map((r) => r.id)).toEqual([w.area.id]);
    } finally {
      await db().update(s.areas).set({ active: true }).where(eq(s.areas.id, area2.id));
    }
  });

  it('equals the sum of the team dashboards', async (ctx) => {
    const team = await admin.get(`/api/dashboards/team?teamId=${w.teams.team1.id}&${month}`);
    if (team.statusCode !== 200) ctx.skip(); // the team dashboard is not in yet
    const teams = (
      await admin.get(`/api/dashboards/org?level=team&parentId=${w.area.id}&${month}`)
    ).json() as OrgDashboard;
    const team1 = team.json() as TeamDashboard;
    const team2 = (
      await admin.get(`/api/dashboards/team?teamId=${w.teams.team2.id}&${month}`)
    ).json() as TeamDashboard;
    expect(teams.rows[0]).toMatchObject(team1.total);
    expect(teams.rows[1]).toMatchObject(team2.total);
  });

  it.each([
    ['a manager', () => m1],
    ['a rep', () => rep01],
  ])('refuses %s (403)', async (_who, client) => {
    const res = await client().get(`/api/dashboards/org?level=region`);
    expect(res.statusCode, res.body).toBe(403);
    expect((await client().get(`/api/dashboards/org/export?level=region`)).statusCode).toBe(403);
  });

  it('answers 404 for an unknown parent and 400 for a custom period without its days', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await admin.get(`/api/dashboards/org?level=team&parentId=${unknown}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/dashboards/org?level=area&parentId=${unknown}`)).statusCode).toBe(404);
    const bad = await admin.get(`/api/dashboards/org?level=region&period=custom&from=2026-11-01`);
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.body).toContain('自定义区间');
    const reversed = await admin.get(
      `/api/dashboards/org?level=region&period=custom&from=2026-11-09&to=2026-11-01`,
    );
    expect(reversed.statusCode, reversed.body).toBe(400);
  });

  it('honours a custom range', async () => {
    const res = await admin.get(
      `/api/dashboards/org?level=region&period=custom&from=2026-11-09&to=2026-11-13`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as OrgDashboard;
    expect(body.period).toMatchObject({ from: '2026-11-09', to: '2026-11-13', workingDays: 5 });
    const whole = (await admin.get(`/api/dashboards/org?level=region&${month}`)).json() as OrgDashboard;
    expect(body.total.calls).toBeLessThan(whole.total.calls);
  });
});

describe('GET /api/dashboards/org/export', () => {
  it('writes the view as .xlsx with Chinese headers, one sheet per table, and audits it', async () => {
    const res = await compliance.get(`/api/dashboards/org/export?level=team&parentId=${w.area.id}&${month}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((x) => x.name)).toEqual(['统计区间', '按组', '按医生级别']);
    const sheet = book.getWorksheet('按组')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('组');
    expect(sheet.getRow(1).getCell(12).value).toBe('覆盖率%');
    expect(sheet.getRow(2).getCell(1).value).toBe('上海一组');
    expect(sheet.getRow(4).getCell(1).value).toBe('合计');
    expect(book.getWorksheet('统计区间')!.getRow(2).getCell(2).value).toBe('华东大区 / 上海地区');
    const [audit] = await db()
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, 'export'), eq(s.auditLog.entityId, 'org-dashboard')));
    expect(audit).toBeDefined();
  });
});
