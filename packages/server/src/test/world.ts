/**
 * A small organisation for API tests, written straight to the database:
 *
 *   region 华东 → area 上海 → team1 (manager m1: rep1a, rep1b), team2 (manager m2: rep2a)
 *   territories t1a (rep1a: h1a, hShared, cc1a), t1b (rep1b: h1b), t2a (rep2a: h2a, hShared, cc2a)
 *   plus admin and compliance. Every password is `testPassword`.
 */
import { desc, eq } from 'drizzle-orm';
import { searchInitials } from '@keqing/domain';
import type { Role } from '@keqing/shared';
import type { Db } from '../db/client.ts';
import * as s from '../db/schema.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { insertAudit } from '../modules/audit/audit.repository.ts';
import { testPassword } from './test-app.ts';
import { partiesFixtures } from '../modules/channel/parties.fixtures.ts';
import { goodsFixtures } from '../modules/channel/goods.fixtures.ts';
import { moneyFixtures } from '../modules/channel/money.fixtures.ts';
import { warningsFixtures } from '../modules/channel/warnings.fixtures.ts';
import { surveysFixtures } from '../modules/care/surveys.fixtures.ts';
import { eventsFixtures } from '../modules/care/events.fixtures.ts';
import { careFeesFixtures } from '../modules/care-fees/care-fees.fixtures.ts';
import { targetsFixtures } from '../modules/targets/targets.fixtures.ts';
import { pipelineFixtures } from '../modules/pipeline/pipeline.fixtures.ts';
import { prospectsFixtures } from '../modules/prospects/prospects.fixtures.ts';
import { competitorsFixtures } from '../modules/competitors/competitors.fixtures.ts';
import { reportsFixtures } from '../modules/reports/reports.fixtures.ts';
import { notificationsFixtures } from '../modules/notifications/notifications.fixtures.ts';
import { handoverFixtures } from '../modules/handover/handover.fixtures.ts';
import { timeManagementFixtures } from '../modules/time-management/time-management.fixtures.ts';
import { analyticsFixtures } from '../modules/analytics/analytics.fixtures.ts';

let passwordHash: Promise<string> | undefined;

export type World = Awaited<ReturnType<typeof createWorld>>;
/** The base organisation that each area's fixtures build on. */
export type BaseWorld = Awaited<ReturnType<typeof createBaseWorld>>;

async function createBaseWorld(db: Db) {
  passwordHash ??= hashPassword(testPassword);
  const hash = await passwordHash;
  const [region] = await db.insert(s.regions).values({ name: '华东大区' }).returning();
  const [area] = await db.insert(s.areas).values({ name: '上海地区', regionId: region!.id }).returning();
  const [team1, team2] = await db
    .insert(s.teams)
    .values([
      { name: '上海一组', areaId: area!.id },
      { name: '上海二组', areaId: area!.id },
    ])
    .returning();

  const user = async (username: string, name: string, role: Role, teamId: string | null) => {
    const [u] = await db
      .insert(s.users)
      .values({ username, name, role, teamId, passwordHash: hash })
      .returning();
    return u!;
  };
  const admin = await user('admin', '系统管理员', 'admin', null);
  const compliance = await user('compliance', '合规审计', 'compliance', null);
  const m1 = await user('manager01', '王经理', 'manager', team1!.id);
  const m2 = await user('manager02', '李经理', 'manager', team2!.id);
  const rep1a = await user('rep01', '张三', 'rep', team1!.id);
  const rep1b = await user('rep02', '赵六', 'rep', team1!.id);
  const rep2a = await user('rep03', '钱七', 'rep', team2!.id);
  await db.update(s.teams).set({ managerId: m1.id }).where(eq(s.teams.id, team1!.id));
  await db.update(s.teams).set({ managerId: m2.id }).where(eq(s.teams.id, team2!.id));

  const [p1, p2] = await db
    .insert(s.products)
    .values([
      {
        name: '瑞心',
        genericName: '瑞舒伐他汀钙片',
        therapeuticArea: '心血管',
        indications: ['高胆固醇血症'],
      },
      { name: '糖安', genericName: '二甲双胍缓释片', therapeuticArea: '内分泌', indications: ['2型糖尿病'] },
    ])
    .returning();

  const hospital = async (code: string, name: string, city = '上海') => {
    const [h] = await db
      .insert(s.hospitals)
      .values({
        code,
        name,
        level: '三级甲等',
        type: '综合',
        province: '上海',
        city,
        nameInitials: searchInitials(name),
      })
      .returning();
    return h!;
  };
  const h1a = await hospital('H1A', '上海市第一人民医院');
  const h1b = await hospital('H1B', '上海市第六人民医院');
  const h2a = await hospital('H2A', '复旦大学附属中山医院');
  const hShared = await hospital('HSH', '上海交通大学医学院附属瑞金医院');
  const [cc1a, cc2a] = await db
    .insert(s.channelCustomers)
    .values([
      { kind: 'distributor', name: '上海医药分销有限公司', province: '上海', city: '上海' },
      { kind: 'pharmacy', name: '华氏大药房', province: '上海', city: '上海' },
    ])
    .returning();

  const territory = async (
    code: string,
    teamId: string,
    repId: string,
    hospitalIds: string[],
    ccIds: string[],
    productIds: string[],
  ) => {
    const [t] = await db
      .insert(s.territories)
      .values({ code, name: `辖区${code}`, teamId, productIds })
      .returning();
    if (hospitalIds.length)
      await db
        .insert(s.territoryHospitals)
        .values(hospitalIds.map((hospitalId) => ({ territoryId: t!.id, hospitalId })));
    if (ccIds.length)
      await db
        .insert(s.territoryChannelCustomers)
        .values(ccIds.map((channelCustomerId) => ({ territoryId: t!.id, channelCustomerId })));
    await db
      .insert(s.territoryAssignments)
      .values({ territoryId: t!.id, userId: repId, startDate: '2026-01-01', assignedBy: admin.id });
    return t!;
  };
  const t1a = await territory('T1A', team1!.id, rep1a.id, [h1a.id, hShared.id], [cc1a!.id], [p1!.id]);
  const t1b = await territory('T1B', team1!.id, rep1b.id, [h1b.id], [], [p1!.id]);
  const t2a = await territory('T2A', team2!.id, rep2a.id, [h2a.id, hShared.id], [cc2a!.id], [p2!.id]);

  // accounts: a department, a doctor and a key contact in each of h1a, h1b, h2a (and a doctor in hShared)
  const department = async (hospitalId: string, name: string) => {
    const [d] = await db.insert(s.departments).values({ hospitalId, name }).returning();
    return d!;
  };
  const dep1a = await department(h1a.id, '心内科');
  const dep1b = await department(h1b.id, '心内科');
  const dep2a = await department(h2a.id, '内分泌科');
  const doctor = async (code: string, name: string, hospitalId: string, departmentId: string | null) => {
    const [d] = await db
      .insert(s.doctors)
      .values({ code, name, hospitalId, departmentId, title: '主任医师', nameInitials: searchInitials(name) })
      .returning();
    return d!;
  };
  const d1a = await doctor('D1A', '张三丰', h1a.id, dep1a.id);
  const d1b = await doctor('D1B', '李四海', h1b.id, dep1b.id);
  const d2a = await doctor('D2A', '王五岳', h2a.id, dep2a.id);
  const dShared = await doctor('DSH', '赵敏', hShared.id, null);
  const keyContact = async (name: string, hospitalId: string) => {
    const [k] = await db
      .insert(s.keyContacts)
      .values({ name, hospitalId, function: '药剂科', nameInitials: searchInitials(name) })
      .returning();
    return k!;
  };
  const kc1a = await keyContact('孙药师', h1a.id);
  const kc1b = await keyContact('周药师', h1b.id);
  const kc2a = await keyContact('吴药师', h2a.id);

  // one audit entry, so the audit browser has a record to show or hide
  await insertAudit(db, {
    actorId: admin.id,
    entity: 'hospital',
    entityId: h1a.id,
    action: 'update',
    before: { beds: 1 },
    after: { beds: 2 },
  });
  const [auditEntry] = await db
    .select({ id: s.auditLog.id })
    .from(s.auditLog)
    .orderBy(desc(s.auditLog.id))
    .limit(1);

  // 周讨论: one weekly key-account review per team
  const [review1a, review2a] = await db
    .insert(s.keyAccountReviews)
    .values([
      { ownerId: rep1a.id, weekStart: '2026-11-16', note: '重点跟进瑞金医院心内科', reviewedBy: m1.id },
      { ownerId: rep2a.id, weekStart: '2026-11-16', note: '中山医院药事会准备', reviewedBy: m2.id },
    ])
    .returning();

  return {
    keyAccountReviews: { review1a: review1a!, review2a: review2a! },
    auditEntryId: String(auditEntry!.id),
    region: region!,
    area: area!,
    teams: { team1: team1!, team2: team2! },
    users: { admin, compliance, m1, m2, rep1a, rep1b, rep2a },
    products: { p1: p1!, p2: p2! },
    hospitals: { h1a, h1b, h2a, hShared },
    channelCustomers: { cc1a: cc1a!, cc2a: cc2a! },
    territories: { t1a, t1b, t2a },
    departments: { dep1a, dep1b, dep2a },
    doctors: { d1a, d1b, d2a, dShared },
    keyContacts: { kc1a, kc1b, kc2a },
  };
}

export async function createWorld(db: Db) {
  const base = await createBaseWorld(db);
  // Each area adds its own records (in and out of scope) in its own fixtures file.
  return {
    ...base,
    parties: await partiesFixtures(db, base),
    goods: await goodsFixtures(db, base),
    money: await moneyFixtures(db, base),
    warnings: await warningsFixtures(db, base),
    surveys: await surveysFixtures(db, base),
    events: await eventsFixtures(db, base),
    careFees: await careFeesFixtures(db, base),
    targets: await targetsFixtures(db, base),
    timeManagement: await timeManagementFixtures(db, base),
    analytics: await analyticsFixtures(db, base),
    pipeline: await pipelineFixtures(db, base),
    prospects: await prospectsFixtures(db, base),
    competitors: await competitorsFixtures(db, base),
    reports: await reportsFixtures(db, base),
    notifications: await notificationsFixtures(db, base),
    handover: await handoverFixtures(db, base),
  };
}

/** The user who plays each role in scope tests. */
export const actorFor = (w: World, role: Role) =>
  ({ rep: w.users.rep1a, manager: w.users.m1, admin: w.users.admin, compliance: w.users.compliance })[role];
