import { createHash } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  careFeeAdvanceCapFen,
  careFeeAdvanceError,
  careFeeCollectionRate,
  careFeeMaxRequestFen,
  careFeePayable,
  careFeeRecipientRoles,
  careFeeSignaturesComplete,
  careFeeSignSteps,
  careFeeSpecialValid,
  careFeeSpotCheckError,
  careTierPolicy,
  checkSurveyAnswers,
  checkSurveyQuestions,
  complaintDueTimes,
  complaintIssueTypes,
  complaintOverdue,
  complaintStatuses,
  cycleOf,
  defaultCareTiers,
  defaultHospitalGradingConfig,
  defaultSpeakerCaps,
  distanceMeters,
  lifeEventKinds,
  nextOccurrence,
  scoreHospital,
  surveyValidDays,
  validateKolProfile,
  workingDaysBetween,
  type ComplaintSeverity,
  type CareFeeSignStep,
  type ComplaintStatus,
  type HospitalLevel,
  type KolProfile,
  type SurveyQuestion,
  filterQuestions,
  maxEntryMinutes,
  mondayOf,
  quadrantOf,
  ratioPct,
  shiftMonth,
} from '@keqing/domain';
import { z } from 'zod';
import {
  callSteps,
  defaultPlanningSettings,
  hospitalDaysSchema,
  hospitalLevels,
  hospitalTypes,
  planQualitySchema,
  promotionalActivitySchema,
  underServedSchema,
} from '@keqing/shared';
import { resolveCareTiers } from '../../modules/care/care-settings.repository.ts';
import { createTestDatabase } from '../../test/test-database.ts';
import type { Database, Db } from '../client.ts';
import {
  departments,
  doctorLadderHistory,
  doctorProductStatus,
  doctors,
  doctorScores,
  doctorStageHistory,
  hospitalProductListings,
  hospitals,
  keyAccountSnapshots,
  kolProfiles,
  segmentationConfigs,
  teams,
  territories,
  territoryAssignments,
  territoryHospitals,
  users,
} from '../schema.ts';
import { areaCatalog } from './catalog.ts';
import { CALL_HISTORY_DAYS, OVERDUE_FOLLOW_UP_DAYS } from './calls-data.ts';
import { CARE_HISTORY_DAYS } from './care-data.ts';
import {
  CHANNEL_HISTORY_MONTHS,
  CROSSING_DISTRIBUTOR_CODE,
  DRIFTING_DISTRIBUTOR_CODE,
} from './channel-data.ts';
import { chineseNumber, generateDemoData, HOSPITAL_SPREAD_KM } from './generate.ts';
import { createRandom } from './random.ts';
import { DEMO_PASSWORD, seedDemoData, type SeedSummary } from './demo-data.ts';
import { findSalesFigures } from '../../modules/targets/sales-figures.repository.ts';
import { QUOTA_AHEAD_MONTHS, QUOTA_PAST_MONTHS, quotaMonths } from './targets-data.ts';
import { TIME_LOG_WEEKS } from './time-data.ts';

const TODAY = '2026-11-23';

/** Raw SQL rows; PGlite and node-postgres both answer with `{ rows }`. */
async function query<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

/** A digest of every hospital, department and doctor column except the timestamps. */
async function accountsDigest(db: Db): Promise<string> {
  const h = await db
    .select({
      id: hospitals.id,
      code: hospitals.code,
      name: hospitals.name,
      alias: hospitals.alias,
      nameInitials: hospitals.nameInitials,
      level: hospitals.level,
      type: hospitals.type,
      province: hospitals.province,
      city: hospitals.city,
      district: hospitals.district,
      address: hospitals.address,
      beds: hospitals.beds,
      outpatientsPerDay: hospitals.outpatientsPerDay,
    })
    .from(hospitals)
    .orderBy(asc(hospitals.id));
  const dep = await db
    .select({
      id: departments.id,
      hospitalId: departments.hospitalId,
      name: departments.name,
      headcount: departments.headcount,
      beds: departments.beds,
    })
    .from(departments)
    .orderBy(asc(departments.id));
  const d = await db
    .select({
      id: doctors.id,
      name: doctors.name,
      nameInitials: doctors.nameInitials,
      gender: doctors.gender,
      hospitalId: doctors.hospitalId,
      departmentId: doctors.departmentId,
      title: doctors.title,
      position: doctors.position,
    })
    .from(doctors)
    .orderBy(asc(doctors.id));
  return createHash('sha256')
    .update(JSON.stringify([h, dep, d]))
    .digest('hex');
}

/** A digest of the segmentation rows (listings, scores, status, ladder, stages, KOLs, grades), timestamps aside. */
async function segmentationDigest(db: Db): Promise<string> {
  const parts = [
    await db
      .select({
        id: hospitals.id,
        grade: hospitals.grade,
        score: hospitals.gradeScore,
        drugUse: hospitals.drugUseLevel,
      })
      .from(hospitals)
      .orderBy(asc(hospitals.id)),
    await db
      .select({ id: doctors.id, stage: doctors.relationshipStage })
      .from(doctors)
      .orderBy(asc(doctors.id)),
    await db
      .select({
        h: hospitalProductListings.hospitalId,
        p: hospitalProductListings.productId,
        listed: hospitalProductListings.listed,
        at: hospitalProductListings.listedAt,
      })
      .from(hospitalProductListings)
      .orderBy(asc(hospitalProductListings.hospitalId), asc(hospitalProductListings.productId)),
    await db
      .select({
        id: doctorScores.id,
        s: doctorScores.prescriptionStatus,
        p: doctorScores.prescriptionPotential,
        on: doctorScores.assessedOn,
        by: doctorScores.assessedBy,
      })
      .from(doctorScores)
      .orderBy(asc(doctorScores.id)),
    await db
      .select({ id: doctorLadderHistory.id, to: doctorLadderHistory.toStep })
      .from(doctorLadderHistory)
      .orderBy(asc(doctorLadderHistory.id)),
    await db
      .select({
        id: doctorStageHistory.id,
        to: doctorStageHistory.toStage,
        reason: doctorStageHistory.reason,
      })
      .from(doctorStageHistory)
      .orderBy(asc(doctorStageHistory.id)),
    await db
      .select({ id: kolProfiles.doctorId, step: kolProfiles.developmentStep })
      .from(kolProfiles)
      .orderBy(asc(kolProfiles.doctorId)),
    await query(
      db,
      sql`select month, owner_id, entity_type, entity_id, value from key_account_snapshots order by 1, 2, 3, 4`,
    ),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** A digest of plans, calls, follow-ups and co-visits, timestamps included (they are generated too). */
async function callsDigest(db: Db): Promise<string> {
  const parts = [
    await query(db, sql`select * from cycle_plans order by id`),
    await query(db, sql`select * from planned_calls order by id`),
    await query(db, sql`select * from calls order by id`),
    await query(db, sql`select * from follow_ups order by id`),
    await query(db, sql`select * from co_visits order by id`),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** A digest of the care rows (dates, tiers, life events, plans, items, approvals, actions), timestamps included. */
async function careDigest(db: Db): Promise<string> {
  const parts = await Promise.all(
    [
      sql`select * from care_dates order by id`,
      sql`select * from doctor_care_tiers order by doctor_id`,
      sql`select * from life_events order by id`,
      sql`select * from care_plans order by id`,
      sql`select * from care_plan_items order by id`,
      sql`select * from care_plan_approvals order by id`,
      sql`select * from care_actions order by id`,
    ].map((statement) => query(db, statement)),
  );
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** A digest of the surveys, academic events and complaints, timestamps included. */
async function careEventsDigest(db: Db): Promise<string> {
  const parts = await Promise.all(
    [
      sql`select * from survey_templates order by id`,
      sql`select * from survey_invitations order by id`,
      sql`select * from academic_events order by id`,
      sql`select * from event_speakers order by id`,
      sql`select * from event_attendees order by id`,
      sql`select * from event_approvals order by id`,
      sql`select * from complaints order by id`,
    ].map((statement) => query(db, statement)),
  );
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** A digest of the quotas, forecasts, manual actuals, tasks and time records, timestamps included. */
async function targetsTimeDigest(db: Db): Promise<string> {
  const parts = await Promise.all(
    ['team_quotas', 'rep_quotas', 'sales_forecasts', 'manual_sales', 'tasks', 'time_entries'].map((table) =>
      query(db, sql.raw(`select * from ${table} order by id`)),
    ),
  );
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** A digest of the channel rows (customers' terms included), timestamps aside. */
async function channelDigest(db: Db): Promise<string> {
  const tables = [
    ['channel_customers', 'id'],
    ['channel_customer_status_history', 'id'],
    ['channel_licences', 'id'],
    ['channel_contacts', 'id'],
    ['supply_contracts', 'id'],
    ['supply_contract_lines', 'id'],
    ['channel_products', 'product_id'],
    ['channel_tier_prices', 'product_id, distributor_tier'],
    ['rebate_policies', 'id'],
    ['channel_visits', 'id'],
    ['channel_orders', 'id'],
    ['channel_order_lines', 'id'],
    ['channel_shipments', 'id'],
    ['channel_stock_reports', 'id'],
    ['channel_price_reports', 'id'],
    ['flow_column_mappings', 'channel_customer_id'],
    ['flow_imports', 'id'],
    ['flow_rows', 'id'],
    ['channel_bills', 'id'],
    ['ledger_entries', 'id'],
    ['ledger_reconciliations', 'id'],
    ['channel_risk_events', 'id'],
    ['channel_incidents', 'id'],
    ['channel_promises', 'id'],
    ['channel_promotions', 'id'],
    ['channel_promotion_payouts', 'id'],
  ] as const;
  const parts = await Promise.all(
    tables.map(([table, order]) =>
      query(
        db,
        sql.raw(
          `select to_jsonb(t) - 'created_at' - 'updated_at' - 'committed_at' as r from ${table} t order by ${order}`,
        ),
      ),
    ),
  );
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

describe('demo data (scale 1)', () => {
  let database: Database;
  let summary: SeedSummary;

  beforeAll(async () => {
    database = await createTestDatabase();
    summary = await seedDemoData(database.db, { today: TODAY });
  }, 180_000);
  afterAll(async () => {
    await database?.close();
  });

  it('creates the promised company', async () => {
    expect(summary.seeded).toBe(true);
    const roles = await database.db
      .select({ role: users.role, n: sql<number>`count(*)::int` })
      .from(users)
      .groupBy(users.role);
    expect(Object.fromEntries(roles.map((r) => [r.role, r.n]))).toEqual({
      admin: 3, // admin, and the 客情费 signers clerk and finance
      compliance: 1,
      manager: 6,
      rep: 30,
    });
    expect(summary.counts).toMatchObject({
      regions: 2,
      areas: 6,
      teams: 6,
      users: 40,
      products: 5,
      hospitals: 200,
    });
    expect(summary.counts.doctors).toBeGreaterThanOrEqual(3600);
    expect(summary.counts.doctors).toBeLessThanOrEqual(4400);
    expect(summary.counts.channelCustomers).toBe(60);
    const [doctorRows] = await database.db.select({ n: sql<number>`count(*)::int` }).from(doctors);
    expect(doctorRows?.n).toBe(summary.counts.doctors);
  });

  it('lists one sign-in per role', () => {
    expect(summary.signIns).toEqual([
      { role: 'admin', username: 'admin' },
      { role: 'compliance', username: 'compliance' },
      { role: 'manager', username: 'manager01' },
      { role: 'rep', username: 'rep01' },
    ]);
  });

  it('gives every team a manager who leads it', async () => {
    const rows = await database.db
      .select({ teamId: teams.id, managerTeam: users.teamId, role: users.role, username: users.username })
      .from(teams)
      .leftJoin(users, eq(users.id, teams.managerId));
    expect(rows).toHaveLength(6);
    for (const r of rows) {
      expect(r.role).toBe('manager');
      expect(r.managerTeam).toBe(r.teamId);
    }
    expect(rows.map((r) => r.username).sort()).toEqual([
      'manager01',
      'manager02',
      'manager03',
      'manager04',
      'manager05',
      'manager06',
    ]);
  });

  it('gives every rep exactly one current territory of their own team, with hospitals', async () => {
    type Row = { username: string; current: number; same_team: boolean; hospitals: number };
    const list = await query<Row>(
      database.db,
      sql`
      select u.username,
             count(a.id)::int as current,
             bool_and(t.team_id = u.team_id) as same_team,
             min((select count(*) from ${territoryHospitals} th where th.territory_id = t.id))::int as hospitals
      from ${users} u
      left join ${territoryAssignments} a on a.user_id = u.id and a.end_date is null
      left join ${territories} t on t.id = a.territory_id
      where u.role = 'rep'
      group by u.username`,
    );
    expect(list).toHaveLength(30);
    for (const r of list) {
      expect(r.current, r.username).toBe(1);
      expect(r.same_team, r.username).toBe(true);
      expect(r.hospitals, r.username).toBeGreaterThanOrEqual(8);
      expect(r.hospitals, r.username).toBeLessThanOrEqual(12);
    }
  });

  it('keeps some hand-over history that ends the day before the current assignment', async () => {
    const history = await database.db
      .select()
      .from(territoryAssignments)
      .where(sql`${territoryAssignments.endDate} is not null`);
    expect(history.length).toBeGreaterThan(0);
    for (const past of history) {
      const [current] = await database.db
        .select()
        .from(territoryAssignments)
        .where(
          sql`${territoryAssignments.territoryId} = ${past.territoryId} and ${territoryAssignments.endDate} is null`,
        );
      expect(current).toBeDefined();
      expect(current?.userId).not.toBe(past.userId);
      const dayAfter = new Date(`${past.endDate}T00:00:00Z`);
      dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
      expect(dayAfter.toISOString().slice(0, 10)).toBe(current?.startDate);
    }
  });

  it('shares some hospitals between territories that carry different products', async () => {
    const [row] = await query<{ overlapping: number; shared: number }>(
      database.db,
      sql`
      select count(*) filter (where a.product_ids && b.product_ids)::int as overlapping,
             count(*)::int as shared
      from ${territoryHospitals} x
      join ${territoryHospitals} y on y.hospital_id = x.hospital_id and y.territory_id > x.territory_id
      join ${territories} a on a.id = x.territory_id
      join ${territories} b on b.id = y.territory_id`,
    );
    expect(row?.shared).toBeGreaterThan(0);
    expect(row?.overlapping).toBe(0);
  });

  it('uses valid levels and types, unique hospital names and no namesakes within a department', async () => {
    const rows = await database.db
      .select({ name: hospitals.name, level: hospitals.level, type: hospitals.type })
      .from(hospitals);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
    for (const r of rows) {
      expect(hospitalLevels).toContain(r.level);
      expect(hospitalTypes).toContain(r.type);
    }
    const namesakes = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(doctors)
      .groupBy(doctors.departmentId, doctors.name)
      .having(sql`count(*) > 1`);
    expect(namesakes).toHaveLength(0);
    const heads = await database.db
      .select({ departmentId: doctors.departmentId, n: sql<number>`count(*)::int` })
      .from(doctors)
      .where(sql`${doctors.position} in ('科主任', '药剂科主任')`)
      .groupBy(doctors.departmentId)
      .having(sql`count(*) > 1`);
    expect(heads).toHaveLength(0);
  });

  it('stores an argon2id hash of the demo password that verifies', async () => {
    const [row] = await database.db
      .select({ hash: users.passwordHash, mustChange: users.mustChangePassword })
      .from(users)
      .where(eq(users.username, 'rep01'));
    expect(row?.hash.startsWith('$argon2id$')).toBe(true);
    expect(await verify(row?.hash ?? '', DEMO_PASSWORD)).toBe(true);
    expect(await verify(row?.hash ?? '', 'wrong-password')).toBe(false);
    expect(row?.mustChange).toBe(false);
  });

  it('grades every hospital with the default config, a few of them incomplete', async () => {
    const rows = await database.db.select().from(hospitals);
    const counts: Record<string, number> = {};
    for (const h of rows) {
      const scored = scoreHospital(
        {
          level: h.level as HospitalLevel,
          beds: h.beds,
          outpatientsPerDay: h.outpatientsPerDay,
          drugUseLevel: h.drugUseLevel,
          competition:
            h.competitorCount == null
              ? null
              : {
                  competitorCount: h.competitorCount,
                  strength: h.competitionStrength,
                  oneDominates: h.hasDominantCompetitor,
                },
        },
        defaultHospitalGradingConfig,
      );
      expect(h.grade, h.name).toBe(scored.grade);
      expect(h.gradeScore, h.name).toBe(Math.round(scored.score));
      expect(h.gradedAt).not.toBeNull();
      counts[h.grade!] = (counts[h.grade!] ?? 0) + 1;
    }
    for (const grade of ['A', 'B', 'C']) expect(counts[grade], grade).toBeGreaterThan(20);
    const incomplete = rows.filter((h) => h.drugUseLevel === null).length;
    expect(incomplete).toBeGreaterThan(0);
    expect(incomplete).toBeLessThan(40);
  });

  it('stores one default config row per kind', async () => {
    const rows = await database.db.select().from(segmentationConfigs);
    expect(rows.map((r) => r.kind).sort()).toEqual(['doctorGrading', 'hospitalGrading', 'keyAccounts']);
    expect(rows.find((r) => r.kind === 'hospitalGrading')?.config).toEqual(defaultHospitalGradingConfig);
  });

  it('records listing status for most carried products, dated when listed', async () => {
    type Row = { pairs: number; listed: number; undated: number; uncarried: number };
    const [row] = await query<Row>(
      database.db,
      sql`select count(*)::int as pairs,
                 count(*) filter (where l.listed)::int as listed,
                 count(*) filter (where l.listed and l.listed_at is null)::int as undated,
                 count(*) filter (where not exists (
                   select 1 from territory_hospitals th join territories t on t.id = th.territory_id
                   where th.hospital_id = l.hospital_id and l.product_id = any(t.product_ids)))::int as uncarried
          from hospital_product_listings l`,
    );
    expect(row!.pairs).toBeGreaterThan(300);
    expect(row!.listed / row!.pairs).toBeGreaterThan(0.4);
    expect(row!.listed / row!.pairs).toBeLessThan(0.9);
    expect(row!.undated).toBe(0);
    expect(row!.uncarried).toBe(0);
  });

  it('keeps six months of scores whose status fits the listing on the day, the latest as the current status', async () => {
    type Row = { scores: number; misfits: number; too_old: number; future: number; pairs: number };
    const [row] = await query<Row>(
      database.db,
      sql`select count(*)::int as scores,
                 count(*) filter (where (coalesce(l.listed and l.listed_at <= s.assessed_on, false)) <> (s.prescription_status >= 0))::int as misfits,
                 count(*) filter (where s.assessed_on < ${TODAY}::date - 190)::int as too_old,
                 count(*) filter (where s.assessed_on > ${TODAY}::date)::int as future,
                 count(distinct (s.doctor_id, s.product_id))::int as pairs
          from doctor_scores s
          join doctors d on d.id = s.doctor_id
          left join hospital_product_listings l on l.hospital_id = d.hospital_id and l.product_id = s.product_id`,
    );
    expect(row!.misfits).toBe(0);
    expect(row!.too_old).toBe(0);
    expect(row!.future).toBe(0);
    expect(row!.scores / row!.pairs).toBeGreaterThanOrEqual(2);
    expect(row!.pairs).toBeGreaterThan(2000);

    const [stale] = await query<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from doctor_product_status c
          where c.prescription_status <> (
            select s.prescription_status from doctor_scores s
            where s.doctor_id = c.doctor_id and s.product_id = c.product_id
            order by s.assessed_on desc limit 1)
          or c.adoption_step is distinct from (
            select h.to_step from doctor_ladder_history h
            where h.doctor_id = c.doctor_id and h.product_id = c.product_id
            order by h.changed_on desc, h.created_at desc limit 1)`,
    );
    expect(stale?.n).toBe(0);
    const [statusCount] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(doctorProductStatus);
    expect(statusCount?.n).toBe(row!.pairs);
    const grades = await database.db
      .select({ grade: doctorProductStatus.grade, n: sql<number>`count(*)::int` })
      .from(doctorProductStatus)
      .groupBy(doctorProductStatus.grade);
    expect(grades.map((g) => g.grade).sort()).toEqual(['A', 'B', 'C']);
  });

  it('gives many doctors a relationship stage whose history ends where the doctor stands, each move with a reason', async () => {
    const [row] = await query<{ staged: number; mismatched: number; unreasoned: number }>(
      database.db,
      sql`select count(*) filter (where d.relationship_stage is not null)::int as staged,
                 count(*) filter (where d.relationship_stage is distinct from (
                   select h.to_stage from doctor_stage_history h where h.doctor_id = d.id
                   order by h.changed_on desc, h.created_at desc limit 1))::int as mismatched,
                 (select count(*) from doctor_stage_history where trim(reason) = '')::int as unreasoned
          from doctors d`,
    );
    expect(row!.staged).toBeGreaterThan(1000);
    expect(row!.mismatched).toBe(0);
    expect(row!.unreasoned).toBe(0);
  });

  it('makes about 5 % of doctors KOLs with valid profiles', async () => {
    const rows = await database.db.select().from(kolProfiles);
    expect(rows.length / summary.counts.doctors).toBeGreaterThan(0.03);
    expect(rows.length / summary.counts.doctors).toBeLessThan(0.08);
    for (const k of rows) expect(validateKolProfile(k as unknown as KolProfile), k.doctorId).toEqual([]);
  });

  it('keeps last month’s key-account lists for every rep and manager', async () => {
    const owners = await database.db
      .selectDistinct({ ownerId: keyAccountSnapshots.ownerId, month: keyAccountSnapshots.month })
      .from(keyAccountSnapshots);
    expect(new Set(owners.map((o) => o.month))).toEqual(new Set(['2026-10']));
    expect(owners).toHaveLength(36);
  });

  it('writes nothing into a database that already has users', async () => {
    const before = await accountsDigest(database.db);
    const again = await seedDemoData(database.db, { seed: 99, today: TODAY });
    expect(again.seeded).toBe(false);
    expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
    const [n] = await database.db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(n?.n).toBe(40); // 38 + the 客情费 signers clerk and finance
    expect(await accountsDigest(database.db)).toBe(before);
  });

  it('produces identical data from the same seed and different data from another seed', async () => {
    const expected = await accountsDigest(database.db);
    const same = await createTestDatabase();
    try {
      await seedDemoData(same.db, { today: TODAY });
      expect(await accountsDigest(same.db)).toBe(expected);
      expect(await segmentationDigest(same.db)).toBe(await segmentationDigest(database.db));
      expect(await callsDigest(same.db)).toBe(await callsDigest(database.db));
      expect(await careDigest(same.db)).toBe(await careDigest(database.db));
      expect(await careEventsDigest(same.db)).toBe(await careEventsDigest(database.db));
      expect(await channelDigest(same.db)).toBe(await channelDigest(database.db));
      expect(await targetsTimeDigest(same.db)).toBe(await targetsTimeDigest(database.db));
    } finally {
      await same.close();
    }
    const other = await createTestDatabase();
    try {
      await seedDemoData(other.db, { seed: 7, today: TODAY, plansAndCalls: false, care: false });
      expect(await accountsDigest(other.db)).not.toBe(expected);
      expect(await channelDigest(other.db)).not.toBe(await channelDigest(database.db));
      const [calls] = await query<{ n: number }>(other.db, sql`select count(*)::int as n from calls`);
      expect(calls?.n).toBe(0);
      const [care] = await query<{ n: number }>(
        other.db,
        sql`select ((select count(*) from care_actions) + (select count(*) from care_dates)
                   + (select count(*) from survey_invitations) + (select count(*) from academic_events)
                   + (select count(*) from complaints))::int as n`,
      );
      expect(care?.n).toBe(0);
    } finally {
      await other.close();
    }
  }, 180_000);

  // ── plans and calls ──

  const current = cycleOf(TODAY, {
    cycleStart: defaultPlanningSettings.cycleAnchor,
    weeks: defaultPlanningSettings.cycleWeeks,
  });
  /** ISO weekday and half-day of a planned call or of a call's start (China time). */
  const outsideClinic = (weekday: SQL, halfDay: SQL) => sql`
    jsonb_array_length(d.clinic_schedule) > 0 and not exists (
      select 1 from jsonb_array_elements(d.clinic_schedule) s
      where (s->>'weekday')::int = ${weekday} and s->>'halfDay' = ${halfDay})`;

  it('keeps birthdays for about a third of the doctors, a fifth of them lunar, with real stored dates', async () => {
    const [r] = await query<{ doctors: number; birthdays: number; lunar: number; lunar_late: number }>(
      database.db,
      sql`select (select count(*) from doctors)::int as doctors,
                 count(*) filter (where birthday is not null)::int as birthdays,
                 count(*) filter (where birthday_is_lunar)::int as lunar,
                 count(*) filter (where birthday_is_lunar and extract(day from birthday) > 28)::int as lunar_late
          from doctor_profiles`,
    );
    expect(r!.birthdays / r!.doctors).toBeGreaterThan(0.25);
    expect(r!.birthdays / r!.doctors).toBeLessThan(0.45);
    expect(r!.lunar / r!.birthdays).toBeGreaterThan(0.1);
    expect(r!.lunar / r!.birthdays).toBeLessThan(0.35);
    expect(r!.lunar_late).toBe(0);
  });

  it('places every hospital within 15 km of its city centre', async () => {
    const centres = new Map(areaCatalog.flatMap((a) => a.cities.map((c) => [c.name, c.centre] as const)));
    const rows = await database.db
      .select({ city: hospitals.city, lat: hospitals.latitude, lng: hospitals.longitude })
      .from(hospitals);
    const distances = rows.map((h) => {
      const [latitude, longitude] = centres.get(h.city)!;
      expect(h.lat, h.city).not.toBeNull();
      return distanceMeters({ latitude: h.lat!, longitude: h.lng! }, { latitude, longitude });
    });
    expect(Math.max(...distances)).toBeLessThan(Math.min(15, HOSPITAL_SPREAD_KM + 0.5) * 1000);
    // spread out, not piled on the centre
    expect(distances.filter((m) => m > 3000).length).toBeGreaterThan(rows.length / 2);
  });

  it('gives every rep an accepted plan for the current cycle, made by the generator within clinic times', async () => {
    type Row = {
      username: string;
      plans: number;
      status: string;
      cycle_end: string;
      working_days: string[];
      outside: number;
      planned: number;
      generated: number;
    };
    const rows = await query<Row>(
      database.db,
      sql`select u.username, count(p.id)::int as plans, min(p.status) as status, min(p.cycle_end)::text as cycle_end,
                 (array_agg(p.working_days))[1] as working_days,
                 min((p.quality->>'callsOutsideAvailability')::int)::int as outside,
                 (select count(*) from planned_calls pc where pc.cycle_plan_id = min(p.id::text)::uuid)::int as planned,
                 (select count(*) from planned_calls pc where pc.cycle_plan_id = min(p.id::text)::uuid and pc.source = 'generated' and pc.owner_id = u.id)::int as generated
          from users u left join cycle_plans p on p.owner_id = u.id and p.cycle_start = ${current.start}
          where u.role = 'rep' group by u.id, u.username`,
    );
    expect(rows).toHaveLength(30);
    const workingDays = workingDaysBetween(current.start, current.end);
    for (const r of rows) {
      expect(r.plans, r.username).toBe(1);
      expect(r.status, r.username).toBe('accepted');
      expect(r.cycle_end, r.username).toBe(current.end);
      expect(r.working_days, r.username).toEqual(workingDays);
      expect(r.outside, r.username).toBe(0);
      expect(r.planned, r.username).toBeGreaterThan(100);
      expect(r.generated, r.username).toBe(r.planned);
    }
    const [check] = await query<{
      outside: number;
      with_schedule: number;
      off_days: number;
      future_done: number;
    }>(
      database.db,
      sql`select count(*) filter (where ${outsideClinic(sql`extract(isodow from p.date)::int`, sql`p.half_day`)})::int as outside,
                 count(*) filter (where jsonb_array_length(d.clinic_schedule) > 0)::int as with_schedule,
                 count(*) filter (where not (p.date::text = any(${sql.param(workingDays)}::text[])))::int as off_days,
                 count(*) filter (where p.date >= ${TODAY} and p.status <> 'planned')::int as future_done
          from planned_calls p join doctors d on d.id = p.doctor_id`,
    );
    expect(check!.outside).toBe(0);
    expect(check!.with_schedule).toBeGreaterThan(1000);
    expect(check!.off_days).toBe(0);
    expect(check!.future_done).toBe(0);
  });

  it('stores plans whose figures fit the API contract, so the plan pages can read them', async () => {
    const plans = await query<{
      quality: unknown;
      under_served: unknown;
      hospital_days: unknown;
      promotional_activities: unknown;
    }>(
      database.db,
      sql`select quality, under_served, hospital_days, promotional_activities from cycle_plans`,
    );
    expect(plans.length).toBeGreaterThan(0);
    for (const p of plans) {
      planQualitySchema.parse(p.quality);
      z.array(underServedSchema).parse(p.under_served);
      z.array(hospitalDaysSchema).parse(p.hospital_days);
      z.array(promotionalActivitySchema).parse(p.promotional_activities);
    }
  });

  it('turns the current cycle’s past planned calls into linked calls, a few missed', async () => {
    const [row] = await query<{ done: number; missed: number; linked: number; mismatched: number }>(
      database.db,
      sql`select count(*) filter (where p.status = 'done')::int as done,
                 count(*) filter (where p.status = 'planned' and p.date < ${TODAY})::int as missed,
                 (select count(*) from calls c where c.planned_call_id is not null)::int as linked,
                 (select count(*) from calls c join planned_calls q on q.id = c.planned_call_id
                  where q.status <> 'done' or q.doctor_id <> c.doctor_id or q.date <> c.call_date
                     or q.owner_id <> c.owner_id
                     or q.half_day <> case when extract(hour from c.start_at at time zone 'Asia/Shanghai') < 13 then 'am' else 'pm' end
                  )::int as mismatched
          from planned_calls p`,
    );
    expect(row!.done).toBeGreaterThan(1000);
    expect(row!.linked).toBe(row!.done);
    expect(row!.mismatched).toBe(0);
    expect(row!.missed).toBeGreaterThan(0);
    expect(row!.missed).toBeLessThan(row!.done / 4);
  });

  it('keeps six months of submitted calls, about 8–13 a working day, more often for better grades', async () => {
    type Row = {
      calls: number;
      first: string;
      last: string;
      unsubmitted: number;
      bad_count: number;
      outside: number;
    };
    const [row] = await query<Row>(
      database.db,
      sql`select count(*)::int as calls, min(call_date)::text as first, max(call_date)::text as last,
                 count(*) filter (where status <> 'submitted' or submitted_at is null or submitted_at < end_at)::int as unsubmitted,
                 count(*) filter (where objective_count <> jsonb_array_length(objectives) or objective_count not between 2 and 4
                                  or cardinality(product_ids) not between 1 and 2
                                  or call_date <> (start_at at time zone 'Asia/Shanghai')::date)::int as bad_count,
                 count(*) filter (where ${outsideClinic(
                   sql`extract(isodow from c.call_date)::int`,
                   sql`case when extract(hour from c.start_at at time zone 'Asia/Shanghai') < 13 then 'am' else 'pm' end`,
                 )})::int as outside
          from calls c join doctors d on d.id = c.doctor_id`,
    );
    const historyStart = new Date(`${TODAY}T00:00:00Z`);
    historyStart.setUTCDate(historyStart.getUTCDate() - CALL_HISTORY_DAYS);
    expect(row!.first >= historyStart.toISOString().slice(0, 10)).toBe(true);
    expect(row!.first < '2026-06-01').toBe(true);
    expect(row!.last < TODAY).toBe(true);
    expect(row!.unsubmitted).toBe(0);
    expect(row!.bad_count).toBe(0);
    expect(row!.outside).toBe(0);
    const perDay = row!.calls / 30 / workingDaysBetween(row!.first, row!.last).length;
    expect(perDay).toBeGreaterThan(8);
    expect(perDay).toBeLessThan(13);

    // calls per doctor over the six months by the doctor's best grade: A more than B more than C
    const grades = await query<{ grade: string; per_doctor: number }>(
      database.db,
      sql`select g.grade, (count(c.id)::float / count(distinct g.doctor_id))::float as per_doctor
          from (select doctor_id, min(grade) as grade from doctor_product_status group by doctor_id) g
          join calls c on c.doctor_id = g.doctor_id group by g.grade order by g.grade`,
    );
    const per = Object.fromEntries(grades.map((g) => [g.grade, g.per_doctor]));
    expect(per.A!).toBeGreaterThan(per.B! * 1.5);
    expect(per.B!).toBeGreaterThan(per.C! * 1.3);
    // the four call types a rep logs, mostly face-to-face
    const types = await query<{ type: string; n: number }>(
      database.db,
      sql`select type, count(*)::int as n from calls group by type`,
    );
    const byType = Object.fromEntries(types.map((t) => [t.type, t.n]));
    expect(byType.visit! / row!.calls).toBeGreaterThan(0.7);
    for (const t of ['phone', 'wechat', 'departmentMeeting']) expect(byType[t], t).toBeGreaterThan(0);
  });

  it('never lets two calls of one rep overlap', async () => {
    const [row] = await query<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from calls a join calls b
          on b.owner_id = a.owner_id and b.call_date = a.call_date and b.id > a.id
          and a.start_at < b.end_at and b.start_at < a.end_at`,
    );
    expect(row!.n).toBe(0);
    const [bounds] = await query<{ outside: number }>(
      database.db,
      sql`select count(*) filter (where (start_at at time zone 'Asia/Shanghai')::time < '09:00'
                   or (end_at at time zone 'Asia/Shanghai')::time > '17:30'
                   or end_at - start_at not between interval '15 minutes' and interval '30 minutes')::int as outside
          from calls`,
    );
    expect(bounds!.outside).toBe(0);
  });

  it('calls only doctors of hospitals in the territories the rep covered on the day', async () => {
    const [row] = await query<{ n: number; wrong_hospital: number }>(
      database.db,
      sql`select count(*) filter (where not exists (
                   select 1 from territory_hospitals th
                   join territory_assignments a on a.territory_id = th.territory_id
                   where th.hospital_id = d.hospital_id and a.user_id = c.owner_id
                     and (a.end_date is null or a.end_date >= c.call_date)
                     and (a.start_date <= c.call_date or not exists (
                       select 1 from territory_assignments e
                       where e.territory_id = a.territory_id and e.start_date < a.start_date))))::int as n,
                 count(*) filter (where c.hospital_id <> d.hospital_id)::int as wrong_hospital
          from calls c join doctors d on d.id = c.doctor_id`,
    );
    expect(row!.n).toBe(0);
    expect(row!.wrong_hospital).toBe(0);
  });

  it('turns next steps into follow-ups: most settled, some open, a few overdue', async () => {
    const [row] = await query<{
      with_next: number;
      follow_ups: number;
      open: number;
      overdue: number;
      done: number;
      mismatched: number;
    }>(
      database.db,
      sql`select (select count(*) from calls where next_step is not null)::int as with_next,
                 count(*)::int as follow_ups,
                 count(*) filter (where f.status = 'open')::int as open,
                 count(*) filter (where f.status = 'open' and f.due_date < ${TODAY})::int as overdue,
                 count(*) filter (where f.status = 'done')::int as done,
                 count(*) filter (where c.id is null or c.owner_id <> f.owner_id or c.doctor_id <> f.doctor_id
                                  or c.next_step <> f.title or c.next_step_due <> f.due_date
                                  or (f.status = 'open') <> (f.resolved_at is null))::int as mismatched
          from follow_ups f left join calls c on c.id = f.call_id
          where not exists (select 1 from life_events e where e.follow_up_id = f.id)
            and not exists (select 1 from event_attendees a where a.follow_up_id = f.id)`,
    );
    expect(row!.follow_ups).toBe(row!.with_next);
    expect(row!.mismatched).toBe(0);
    const [calls] = await query<{ n: number }>(database.db, sql`select count(*)::int as n from calls`);
    expect(row!.with_next / calls!.n).toBeGreaterThan(0.5);
    expect(row!.with_next / calls!.n).toBeLessThan(0.7);
    expect(row!.overdue).toBeGreaterThan(30);
    expect(row!.overdue).toBeLessThan(row!.follow_ups * 0.05);
    expect(row!.open).toBeGreaterThan(row!.overdue);
    expect(row!.done).toBeGreaterThan(row!.follow_ups / 2);
  });

  it('leaves each rep a handful of overdue follow-ups, none older than three weeks; the rest settled', async () => {
    const reps = await query<{ owner_id: string; overdue: number; long_overdue: number; not_done: number }>(
      database.db,
      sql`select f.owner_id,
                 count(*) filter (where f.status = 'open' and f.due_date < ${TODAY})::int as overdue,
                 count(*) filter (where f.status = 'open'
                                  and f.due_date < ${addDays(TODAY, -OVERDUE_FOLLOW_UP_DAYS)})::int as long_overdue,
                 count(*) filter (where f.status = 'notDone' and f.resolution_note is not null)::int as not_done
          from follow_ups f group by f.owner_id`,
    );
    expect(reps.length).toBeGreaterThan(20);
    for (const rep of reps) {
      expect(rep.long_overdue).toBe(0);
      expect(rep.overdue).toBeLessThanOrEqual(10);
      expect(rep.overdue).toBeGreaterThanOrEqual(2);
      expect(rep.not_done).toBeGreaterThan(0);
    }
    const [settled] = await query<{ n: number; done: number; not_done: number; unresolved: number }>(
      database.db,
      sql`select count(*)::int as n,
                 count(*) filter (where status = 'done')::int as done,
                 count(*) filter (where status = 'notDone')::int as not_done,
                 count(*) filter (where status <> 'open' and resolved_at is null)::int as unresolved
          from follow_ups where due_date < ${addDays(TODAY, -OVERDUE_FOLLOW_UP_DAYS)}`,
    );
    expect(settled!.done + settled!.not_done).toBe(settled!.n);
    expect(settled!.done).toBeGreaterThan(settled!.n * 0.75);
    expect(settled!.not_done).toBeGreaterThan(settled!.n * 0.05);
    expect(settled!.unresolved).toBe(0);
  });

  it('keeps about two co-visits per rep and month by the rep’s own manager, mostly acknowledged', async () => {
    type Row = {
      n: number;
      other_manager: number;
      bad_evaluations: number;
      acknowledged: number;
      not_visit: number;
    };
    const [row] = await query<Row>(
      database.db,
      sql`select count(*)::int as n,
                 count(*) filter (where t.manager_id is distinct from v.manager_id or c.owner_id <> v.rep_id)::int as other_manager,
                 count(*) filter (where jsonb_array_length(v.evaluations) <> 7 or exists (
                   select 1 from jsonb_array_elements(v.evaluations) e
                   where (e->>'score')::int not between 1 and 5
                      or not (e->>'step' = any(${sql.param([...callSteps])}::text[]))))::int as bad_evaluations,
                 count(*) filter (where v.acknowledged_at is not null)::int as acknowledged,
                 count(*) filter (where c.type <> 'visit')::int as not_visit
          from co_visits v join calls c on c.id = v.call_id
          join users u on u.id = v.rep_id left join teams t on t.id = u.team_id`,
    );
    expect(row!.n).toBeGreaterThan(30 * 6 * 1.5);
    expect(row!.n).toBeLessThan(30 * 7 * 2 + 1);
    expect(row!.other_manager).toBe(0);
    expect(row!.bad_evaluations).toBe(0);
    expect(row!.not_visit).toBe(0);
    expect(row!.acknowledged / row!.n).toBeGreaterThan(0.75);
  });

  // ── customer care ──

  type CareActionRow = {
    id: string;
    owner_id: string;
    doctor_id: string;
    kind: string;
    action_date: string;
    value_fen: number;
    purpose: string;
    evidence_note: string | null;
    call_id: string | null;
    call_ok: boolean | null;
    care_plan_item_id: string | null;
    item_doctor: string | null;
    item_kind: string | null;
    item_value: number | null;
    plan_status: string | null;
  };
  const careActionRows = () =>
    query<CareActionRow>(
      database.db,
      sql`select a.id, a.owner_id, a.doctor_id, a.kind, a.action_date::text as action_date, a.value_fen, a.purpose,
                 a.evidence_note, a.call_id,
                 (c.owner_id = a.owner_id and c.doctor_id = a.doctor_id and c.call_date = a.action_date) as call_ok,
                 a.care_plan_item_id, i.doctor_id as item_doctor, i.kind as item_kind, i.value_fen as item_value,
                 p.status as plan_status
          from care_actions a
          left join calls c on c.id = a.call_id
          left join care_plan_items i on i.id = a.care_plan_item_id
          left join care_plans p on p.id = i.care_plan_id`,
    );
  /** The tier each doctor has today, as the care module resolves it (chosen, else suggested). */
  const careTiersOf = async (doctorIds: string[]) =>
    resolveCareTiers(database.db, doctorIds, defaultCareTiers);
  const approvedPlanStatuses = ['approved', 'executed'];

  it('keeps a year of care actions, each within its tier’s kinds and per-action cap unless an approved plan covers it', async () => {
    const actions = await careActionRows();
    const tiers = await careTiersOf([...new Set(actions.map((a) => a.doctor_id))]);
    expect(actions.length).toBeGreaterThan(30 * 100);
    let overCap = 0;
    for (const a of actions) {
      const { policy } = tiers.get(a.doctor_id)!;
      expect(a.action_date >= addDays(TODAY, -CARE_HISTORY_DAYS) && a.action_date < TODAY, a.id).toBe(true);
      expect(a.purpose, a.id).toMatch(/[\u4e00-\u9fff]/);
      if (a.call_id) expect(a.call_ok, a.id).toBe(true);
      const within = policy.allowedKinds.includes(a.kind as never) && a.value_fen <= policy.capPerActionFen;
      if (a.care_plan_item_id === null) {
        expect(within, `${a.id} ${a.kind} ${a.value_fen} over tier ${policy.key}`).toBe(true);
      } else {
        expect(approvedPlanStatuses, a.id).toContain(a.plan_status);
        expect([a.item_doctor, a.item_kind], a.id).toEqual([a.doctor_id, a.kind]);
        expect(a.value_fen, a.id).toBeLessThanOrEqual(a.item_value!);
        if (!within) overCap += 1;
      }
    }
    // actions under and over caps: the over-cap ones are the approved customer plans
    expect(overCap).toBeGreaterThanOrEqual(3);

    const share = (kinds: string[]) => actions.filter((a) => kinds.includes(a.kind)).length / actions.length;
    expect(share(['greeting', 'information', 'service', 'help'])).toBeGreaterThan(0.6);
    expect(share(['smallGift', 'meal'])).toBeGreaterThan(0.1);
    expect(share(['smallGift', 'meal'])).toBeLessThan(0.35);
    expect(share(['eventInvitation'])).toBeGreaterThan(0);
    expect(share(['eventInvitation'])).toBeLessThan(0.1);
    const everyday = actions.filter((a) => a.care_plan_item_id === null);
    const values = (kind: string) => everyday.filter((a) => a.kind === kind).map((a) => a.value_fen);
    expect(values('greeting').every((v) => v === 0)).toBe(true);
    expect(values('information').every((v) => v >= 0 && v <= 5_000)).toBe(true);
    expect(values('smallGift').every((v) => v >= 5_000 && v <= 30_000)).toBe(true);
    expect(values('meal').every((v) => v >= 10_000 && v <= 40_000)).toBe(true);
    expect(actions.filter((a) => a.evidence_note).length / actions.length).toBeGreaterThan(0.7);
    expect(actions.filter((a) => a.call_id).length / actions.length).toBeGreaterThan(0.1);
  });

  it('keeps each doctor’s yearly total, all reps together, within the year cap unless an approved plan covers it', async () => {
    const rows = await query<{
      doctor_id: string;
      year: number;
      total: number;
      everyday: number;
      everyday_actions: number;
      planned: number;
      reps: number;
    }>(
      database.db,
      sql`select a.doctor_id, extract(year from a.action_date)::int as year,
                 sum(a.value_fen)::int as total,
                 coalesce(sum(a.value_fen) filter (where a.care_plan_item_id is null), 0)::int as everyday,
                 count(*) filter (where a.care_plan_item_id is null)::int as everyday_actions,
                 coalesce(sum(a.value_fen) filter (where p.status in ('approved', 'executed')), 0)::int as planned,
                 count(distinct a.owner_id)::int as reps
          from care_actions a
          left join care_plan_items i on i.id = a.care_plan_item_id
          left join care_plans p on p.id = i.care_plan_id
          group by 1, 2`,
    );
    const tiers = await careTiersOf([...new Set(rows.map((r) => r.doctor_id))]);
    let nearCap = 0;
    for (const r of rows) {
      const { policy } = tiers.get(r.doctor_id)!;
      const label = `${r.doctor_id} ${r.year} tier ${policy.key}`;
      expect(r.everyday, label).toBeLessThanOrEqual(policy.capPerYearFen);
      expect(r.everyday_actions, label).toBeLessThanOrEqual(policy.actionsPerYear);
      if (r.total > policy.capPerYearFen) expect(r.planned, label).toBeGreaterThan(0);
      if (r.everyday >= policy.capPerYearFen * 0.8) nearCap += 1;
    }
    // a few key doctors come close to the yearly cap (the compliance dashboard has something to show)
    expect(nearCap).toBeGreaterThanOrEqual(3);
    // the totals span reps: some doctors are cared for by two reps (shared hospitals, hand-overs)
    expect(rows.filter((r) => r.reps > 1).length).toBeGreaterThan(10);
  });

  it('runs a 中秋 campaign per team, approved by the manager, executed with an action and mostly feedback per item', async () => {
    const plans = await query<{
      id: string;
      planned_date: string;
      status: string;
      needs_compliance: boolean;
      owner_team: string;
      manager_id: string;
      items: number;
      acted: number;
      feedback: number;
      approvals: string;
    }>(
      database.db,
      sql`select p.id, p.planned_date::text as planned_date, p.status, p.needs_compliance, u.team_id as owner_team,
                 t.manager_id,
                 (select count(*) from care_plan_items i where i.care_plan_id = p.id)::int as items,
                 (select count(*) from care_plan_items i join care_actions a on a.care_plan_item_id = i.id
                   where i.care_plan_id = p.id and a.festival = 'midAutumn' and a.owner_id = p.owner_id)::int as acted,
                 (select count(*) from care_plan_items i
                   where i.care_plan_id = p.id and i.feedback is not null and i.feedback_at is not null)::int as feedback,
                 (select string_agg(step || ':' || decision || ':' || decided_by, ',') from care_plan_approvals
                   where care_plan_id = p.id) as approvals
          from care_plans p join users u on u.id = p.owner_id join teams t on t.id = u.team_id
          where p.kind = 'campaign' and p.festival = 'midAutumn'`,
    );
    expect(new Set(plans.map((p) => p.owner_team)).size).toBe(6);
    expect(plans).toHaveLength(6);
    for (const p of plans) {
      expect(p.status).toBe('executed');
      expect(p.needs_compliance).toBe(false);
      expect(p.planned_date < '2026-09-25').toBe(true); // 中秋 2026 is 25 September
      expect(p.items).toBeGreaterThanOrEqual(10);
      expect(p.items).toBeLessThanOrEqual(20);
      expect(p.acted).toBe(p.items);
      expect(p.feedback).toBeGreaterThan(p.items / 2);
      expect(p.approvals).toBe(`manager:approved:${p.manager_id}`);
    }
  });

  it('decides care plans never by the submitter, by the owner’s manager then compliance, in a status that fits', async () => {
    const plans = await query<{
      id: string;
      owner_id: string;
      username: string;
      status: string;
      needs_compliance: boolean;
      submitted_at: string | null;
      manager_id: string;
      items: number;
      unacted: number;
    }>(
      database.db,
      sql`select p.id, p.owner_id, u.username, p.status, p.needs_compliance, p.submitted_at::text as submitted_at,
                 t.manager_id,
                 (select count(*) from care_plan_items i where i.care_plan_id = p.id)::int as items,
                 (select count(*) from care_plan_items i where i.care_plan_id = p.id and not exists (
                   select 1 from care_actions a where a.care_plan_item_id = i.id))::int as unacted
          from care_plans p join users u on u.id = p.owner_id join teams t on t.id = u.team_id`,
    );
    const approvals = await query<{
      care_plan_id: string;
      step: string;
      decision: string;
      decided_by: string;
      role: string;
      comment: string | null;
      decided_at: string;
    }>(
      database.db,
      sql`select a.care_plan_id, a.step, a.decision, a.decided_by, u.role, a.comment, a.decided_at::text as decided_at
          from care_plan_approvals a join users u on u.id = a.decided_by order by a.decided_at`,
    );
    const byPlan = new Map<string, typeof approvals>();
    for (const a of approvals) byPlan.set(a.care_plan_id, [...(byPlan.get(a.care_plan_id) ?? []), a]);
    for (const p of plans) {
      const steps = (byPlan.get(p.id) ?? []).map((a) => {
        expect(a.decided_by, p.id).not.toBe(p.owner_id);
        if (a.step === 'manager') expect(a.decided_by, p.id).toBe(p.manager_id);
        else expect(a.role, p.id).toBe('compliance');
        if (p.submitted_at) expect(a.decided_at > p.submitted_at, p.id).toBe(true);
        return `${a.step}:${a.decision}`;
      });
      expect(p.items, p.id).toBeGreaterThan(0);
      if (p.status !== 'draft') expect(p.submitted_at, p.id).not.toBeNull();
      const approvedSteps = p.needs_compliance
        ? ['manager:approved', 'compliance:approved']
        : ['manager:approved'];
      switch (p.status) {
        case 'draft':
        case 'submitted':
          expect(steps, p.id).toEqual([]);
          break;
        case 'managerApproved':
          expect(p.needs_compliance, p.id).toBe(true);
          expect(steps, p.id).toEqual(['manager:approved']);
          break;
        case 'approved':
          expect(steps, p.id).toEqual(approvedSteps);
          break;
        case 'executed':
          expect(steps, p.id).toEqual(approvedSteps);
          expect(p.unacted, p.id).toBe(0);
          break;
        case 'rejected':
          expect(steps.at(-1), p.id).toMatch(/:rejected$/);
          expect(byPlan.get(p.id)!.at(-1)!.comment, p.id).toBeTruthy();
          break;
        default:
          throw new Error(`unknown status ${p.status}`);
      }
      if (p.status !== 'executed' && p.status !== 'approved') expect(p.unacted, p.id).toBe(p.items);
    }
    const count = (f: (p: (typeof plans)[number]) => boolean) => plans.filter(f).length;
    expect(count((p) => p.status === 'executed' && p.needs_compliance)).toBeGreaterThanOrEqual(3);
    expect(count((p) => p.status === 'rejected')).toBe(1);
    expect(count((p) => p.status === 'submitted' && p.username === 'rep01')).toBe(1);
  });

  it('gives every rep at least two care dates in the coming week, about a fifth of doctors a care date, some lunar', async () => {
    const dates = await query<{
      rep_id: string;
      month: number;
      day: number;
      is_lunar: boolean;
    }>(
      database.db,
      sql`select distinct a.user_id as rep_id, cd.id, cd.month, cd.day, cd.is_lunar
          from care_dates cd join doctors d on d.id = cd.doctor_id
          join territory_hospitals th on th.hospital_id = d.hospital_id
          join territory_assignments a on a.territory_id = th.territory_id and a.end_date is null`,
    );
    const reps = await query<{ id: string }>(database.db, sql`select id from users where role = 'rep'`);
    const upcoming = new Map<string, number>();
    for (const d of dates) {
      if (nextOccurrence({ month: d.month, day: d.day, isLunar: d.is_lunar }, TODAY, 6)) {
        upcoming.set(d.rep_id, (upcoming.get(d.rep_id) ?? 0) + 1);
      }
    }
    for (const r of reps) expect(upcoming.get(r.id) ?? 0, r.id).toBeGreaterThanOrEqual(2);
    const lunarSoon = dates.filter(
      (d) => d.is_lunar && nextOccurrence({ month: d.month, day: d.day, isLunar: true }, TODAY, 6),
    );
    expect(lunarSoon.length).toBeGreaterThanOrEqual(6);

    const [row] = await query<{ doctors: number; with_dates: number; lunar: number; bad: number }>(
      database.db,
      sql`select (select count(*) from doctors)::int as doctors,
                 (select count(distinct doctor_id) from care_dates)::int as with_dates,
                 (select count(*) from care_dates where is_lunar)::int as lunar,
                 (select count(*) from care_dates where month not between 1 and 12 or day not between 1 and 31
                    or (is_lunar and day > 30) or label = '')::int as bad`,
    );
    expect(row!.with_dates / row!.doctors).toBeGreaterThan(0.17);
    expect(row!.with_dates / row!.doctors).toBeLessThan(0.25);
    expect(row!.lunar).toBeGreaterThan(20);
    expect(row!.bad).toBe(0);
  });

  it('records life events with a follow-up each: a misfortune due the day it was recorded, rep01’s still open today', async () => {
    const events = await query<{
      kind: string;
      nature: string;
      recorded_on: string;
      created_by: string;
      username: string;
      owner_id: string | null;
      same_doctor: boolean | null;
      due_date: string | null;
      status: string | null;
      call_id: string | null;
    }>(
      database.db,
      sql`select e.kind, e.nature, (e.created_at at time zone 'Asia/Shanghai')::date::text as recorded_on,
                 e.created_by, u.username, f.owner_id, f.doctor_id = e.doctor_id as same_doctor,
                 f.due_date::text as due_date, f.status, f.call_id
          from life_events e join users u on u.id = e.created_by left join follow_ups f on f.id = e.follow_up_id`,
    );
    expect(events.length).toBeGreaterThanOrEqual(6);
    for (const e of events) {
      expect(e.nature).toBe(lifeEventKinds[e.kind as keyof typeof lifeEventKinds]);
      expect(e.owner_id).toBe(e.created_by);
      expect(e.same_doctor).toBe(true);
      expect(e.call_id).toBeNull();
      expect(e.due_date).toBe(e.nature === 'misfortune' ? e.recorded_on : addDays(e.recorded_on, 3));
      expect(e.status).toBe(e.due_date! < TODAY ? 'done' : 'open');
    }
    expect(new Set(events.map((e) => e.kind)).size).toBeGreaterThanOrEqual(4);
    expect(events.some((e) => e.kind === 'promotion')).toBe(true);
    expect(events.some((e) => e.kind === 'illness')).toBe(true);
    expect(
      events.some(
        (e) =>
          e.username === 'rep01' && e.nature === 'misfortune' && e.due_date === TODAY && e.status === 'open',
      ),
    ).toBe(true);
  });

  it('keeps a few care tiers chosen by a manager, differing from the suggestion', async () => {
    const chosen = await query<{ doctor_id: string; tier: string; role: string }>(
      database.db,
      sql`select c.doctor_id, c.tier, u.role from doctor_care_tiers c join users u on u.id = c.set_by`,
    );
    const [doctorCount] = await query<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from doctors`,
    );
    expect(chosen.length).toBeGreaterThanOrEqual(6);
    expect(chosen.length).toBeLessThan(doctorCount!.n * 0.01);
    const tiers = await careTiersOf(chosen.map((c) => c.doctor_id));
    for (const c of chosen) {
      const t = tiers.get(c.doctor_id)!;
      expect(c.role).toBe('manager');
      expect(t.chosen).toBe(true);
      expect(t.tier).toBe(c.tier);
      expect(t.suggestedTier).not.toBe(c.tier);
      expect(careTierPolicy(defaultCareTiers, c.tier).key).toBe(c.tier);
    }
  });

  // ── channel ──

  /** The distributor with this code. */
  const distributor = async (code: string) => {
    const [row] = await query<{
      id: string;
      authorised_hospital_ids: string[];
      credit_limit_fen: string;
      city: string;
      payment_term_days: number;
    }>(database.db, sql`select * from channel_customers where code = ${code}`);
    return row!;
  };
  const lastMonthStart = addDays(`${TODAY.slice(0, 7)}-01`, -1).slice(0, 7) + '-01';
  const lastMonthDays = Number(addDays(`${TODAY.slice(0, 7)}-01`, -1).slice(8, 10));

  it('gives every channel customer a code, tier, terms and licences; distributors a contract, contacts incl. finance', async () => {
    const customers = await query<{
      kind: string;
      code: string | null;
      distributor_tier: string | null;
      terminal_tier: string | null;
      payment_terms: string | null;
      relationship_stage: number | null;
      personality_type: string | null;
      authorised_hospital_ids: string[];
      licences: string[];
      roles: string[];
      contracts: number;
    }>(
      database.db,
      sql`select c.*, (select array_agg(l.kind) from channel_licences l where l.channel_customer_id = c.id) as licences,
            (select array_agg(k.role) from channel_contacts k where k.channel_customer_id = c.id and k.active) as roles,
            (select count(*)::int from supply_contracts s where s.channel_customer_id = c.id) as contracts
          from channel_customers c`,
    );
    expect(customers).toHaveLength(60);
    expect(new Set(customers.map((c) => c.code)).size).toBe(60);
    for (const c of customers) {
      expect(c.payment_terms).toBeTruthy();
      expect(c.relationship_stage).toBeGreaterThanOrEqual(1);
      expect(c.personality_type).toBeTruthy();
      if (c.kind === 'distributor') {
        expect(['primary', 'secondary']).toContain(c.distributor_tier);
        expect(c.authorised_hospital_ids.length).toBeGreaterThan(0);
        expect(new Set(c.licences)).toEqual(
          new Set([
            'drugTrading',
            'gsp',
            'businessLicence',
            'taxRegistration',
            'powerOfAttorney',
            'agentIdCard',
          ]),
        );
        expect(c.roles).toEqual(expect.arrayContaining(['purchasing', 'accountant', 'cashier']));
        expect(c.contracts).toBe(1);
      } else {
        expect(['key', 'secondary', 'other']).toContain(c.terminal_tier);
        expect(c.licences).toHaveLength(3);
      }
    }
    const [licences] = await query<{ expiring: number; expired: number }>(
      database.db,
      sql`select count(*) filter (where valid_until >= ${TODAY} and valid_until <= ${addDays(TODAY, 60)})::int as expiring,
                 count(*) filter (where valid_until < ${TODAY})::int as expired
          from channel_licences`,
    );
    expect(licences!.expiring).toBeGreaterThanOrEqual(2);
    expect(licences!.expired).toBe(1);
    const lost = await query<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from channel_customer_status_history h
          join channel_customers c on c.id = h.channel_customer_id and c.status = 'lost'
          where h.status = 'lost' and h.changed_on > ${addDays(TODAY, -366)}`,
    );
    expect(lost[0]!.n).toBeGreaterThanOrEqual(2);
    expect(lost[0]!.n).toBeLessThanOrEqual(3);
  });

  it('prices every product in the channel, with one product delisted in maturity without a mature replacement', async () => {
    const products = await query<{
      product_id: string;
      order_price_fen: string;
      distributor_price_fen: string;
      min_resale_price_fen: string;
      competitor_name: string | null;
      supplied: boolean;
      lifecycle_stage: string;
      replacement_stage: string | null;
    }>(
      database.db,
      sql`select p.*, r.lifecycle_stage as replacement_stage from channel_products p
          left join channel_products r on r.product_id = p.replacement_product_id`,
    );
    expect(products).toHaveLength(5);
    for (const p of products) {
      expect(Number(p.order_price_fen)).toBeLessThan(Number(p.min_resale_price_fen));
      expect(Number(p.min_resale_price_fen)).toBeLessThan(Number(p.distributor_price_fen));
      expect(p.competitor_name).toBeTruthy();
    }
    const delisted = products.filter((p) => !p.supplied);
    expect(delisted).toHaveLength(1);
    expect(delisted[0]!.lifecycle_stage).toBe('maturity');
    expect(['introduction', 'growth']).toContain(delisted[0]!.replacement_stage);
    const [tierPrices] = await query<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from channel_tier_prices`,
    );
    expect(tierPrices!.n).toBe(15);
  });

  it('keeps every ledger balance equal to the sum of its entries: deliveries +, returns and payments −, reconciled monthly', async () => {
    const wrong = await query<{ id: string }>(
      database.db,
      sql`select r.id from ledger_reconciliations r
          where r.our_balance_fen <> (select coalesce(sum(e.amount_fen), 0) from ledger_entries e
            where e.channel_customer_id = r.channel_customer_id and e.entry_date <= r.period_end)`,
    );
    expect(wrong).toEqual([]);
    const [signs] = await query<{ bad: number; deliveries: number; payments: number; returns: number }>(
      database.db,
      sql`select count(*) filter (where (kind = 'delivery' and amount_fen <= 0) or (kind in ('return', 'payment') and amount_fen >= 0))::int as bad,
                 count(*) filter (where kind = 'delivery')::int as deliveries,
                 count(*) filter (where kind = 'payment')::int as payments,
                 count(*) filter (where kind = 'return')::int as returns
          from ledger_entries`,
    );
    expect(signs!.bad).toBe(0);
    expect(signs!.deliveries).toBeGreaterThan(200);
    expect(signs!.payments).toBeGreaterThan(100);
    expect(signs!.returns).toBeGreaterThan(0);
    // each delivery has its shipment's amount and falls due by the distributor's terms
    const [mismatch] = await query<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ledger_entries e
          join channel_shipments s on s.id = e.shipment_id
          join channel_customers c on c.id = e.channel_customer_id
          where e.kind = 'delivery' and (e.amount_fen <> s.amount_fen or e.due_date <> e.entry_date + c.payment_term_days)`,
    );
    expect(mismatch!.n).toBe(0);
    // most distributors reconcile every month; one has not for three months
    const recon = await query<{ code: string; last: string; n: number }>(
      database.db,
      sql`select c.code, max(r.period_end)::text as last, count(*)::int as n from ledger_reconciliations r
          join channel_customers c on c.id = r.channel_customer_id group by c.code`,
    );
    expect(recon).toHaveLength(12);
    expect(recon.filter((r) => r.n === CHANNEL_HISTORY_MONTHS)).toHaveLength(11);
    expect(recon.filter((r) => r.n === CHANNEL_HISTORY_MONTHS - 3)).toHaveLength(1);
    const bills = await query<{ kind: string; status: string }>(
      database.db,
      sql`select kind, status from channel_bills`,
    );
    expect(bills).toContainEqual({ kind: 'commercialAcceptance', status: 'pendingApproval' });
    expect(bills).toContainEqual({ kind: 'commercialAcceptance', status: 'bounced' });
  });

  it('files one committed flow import per distributor and month, with modest row counts', async () => {
    const imports = await query<{
      channel_customer_id: string;
      period_start: string;
      period_end: string;
      file_hash: string;
      status: string;
    }>(
      database.db,
      sql`select channel_customer_id, period_start::text, period_end::text, file_hash, status from flow_imports`,
    );
    expect(imports).toHaveLength(12 * CHANNEL_HISTORY_MONTHS);
    expect(new Set(imports.map((i) => i.file_hash)).size).toBe(imports.length);
    expect(new Set(imports.map((i) => `${i.channel_customer_id}:${i.period_start}`)).size).toBe(
      imports.length,
    );
    for (const i of imports) {
      expect(i.status).toBe('committed');
      expect(i.period_start.slice(8)).toBe('01');
      expect(i.period_end.slice(0, 7)).toBe(i.period_start.slice(0, 7));
      expect(i.period_end < TODAY).toBe(true);
    }
    const [rows] = await query<{ n: number; outside: number }>(
      database.db,
      sql`select count(*)::int as n,
                 count(*) filter (where r.sale_date < i.period_start or r.sale_date > i.period_end)::int as outside
          from flow_rows r join flow_imports i on i.id = r.import_id`,
    );
    expect(rows!.n).toBeGreaterThanOrEqual(8_000);
    expect(rows!.n).toBeLessThanOrEqual(20_000);
    expect(rows!.outside).toBe(0);
  });

  it('reports flow per hospital, department or channel customer only — never per doctor', async () => {
    const columns = await query<{ column_name: string }>(
      database.db,
      sql`select column_name from information_schema.columns where table_name = 'flow_rows'`,
    );
    expect(columns.length).toBeGreaterThan(10);
    expect(columns.filter((c) => /doctor|physician/i.test(c.column_name))).toEqual([]);
    const [check] = await query<{
      bad_department: number;
      bad_buyer: number;
      both: number;
      doctor_keys: number;
      unmatched: number;
      departments: number;
    }>(
      database.db,
      sql`select
            count(*) filter (where r.department_id is not null and d.hospital_id is distinct from r.hospital_id)::int as bad_department,
            count(*) filter (where r.buyer_customer_id is not null and b.kind = 'distributor')::int as bad_buyer,
            count(*) filter (where r.hospital_id is not null and r.buyer_customer_id is not null)::int as both,
            count(*) filter (where exists (select 1 from jsonb_object_keys(r.raw) k where k ~ '医生|医师|处方'))::int as doctor_keys,
            count(*) filter (where r.match_status = 'unmatched' and r.hospital_id is null and r.buyer_customer_id is null)::int as unmatched,
            count(*) filter (where r.department_id is not null)::int as departments
          from flow_rows r
          left join departments d on d.id = r.department_id
          left join channel_customers b on b.id = r.buyer_customer_id`,
    );
    expect(check).toMatchObject({ bad_department: 0, bad_buyer: 0, both: 0, doctor_keys: 0 });
    expect(check!.unmatched).toBeGreaterThan(0); // kept, not dropped
    expect(check!.departments).toBeGreaterThan(1000);
    // no flow row names a doctor: no buyer or department text equals a doctor's name
    const [named] = await query<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from flow_rows r where exists (select 1 from doctors d where d.name = r.buyer_name or d.name = r.department_name)`,
    );
    expect(named!.n).toBe(0);
  });

  it('lets the drifting distributor run into stock-outs: cover below 15 days, a product sold last month now out of stock', async () => {
    const d = await distributor(DRIFTING_DISTRIBUTOR_CODE);
    const cover = await query<{ product_id: string; stock: number; sold: number }>(
      database.db,
      sql`select s.product_id, s.quantity as stock,
                 (select coalesce(sum(f.quantity), 0)::int from flow_rows f where f.channel_customer_id = s.channel_customer_id
                    and f.product_id = s.product_id and f.sale_date >= ${lastMonthStart} and f.sale_date < ${`${TODAY.slice(0, 7)}-01`}) as sold
          from channel_stock_reports s
          where s.channel_customer_id = ${d.id}
            and s.reported_on = (select max(reported_on) from channel_stock_reports where channel_customer_id = ${d.id})`,
    );
    expect(cover.length).toBeGreaterThanOrEqual(2);
    for (const c of cover) {
      expect(c.sold).toBeGreaterThan(0);
      expect(c.stock / (c.sold / lastMonthDays)).toBeLessThan(15);
    }
    expect(cover.some((c) => c.stock === 0)).toBe(true);
    // sell-in fell behind sell-through over the last six complete months (stock ran down)
    const from = addDays(lastMonthStart, -150).slice(0, 7) + '-01';
    const to = `${TODAY.slice(0, 7)}-01`;
    const [r] = await query<{ delivered: number; sold: number }>(
      database.db,
      sql`select (select coalesce(sum(quantity), 0)::int from channel_shipments where channel_customer_id = ${d.id}
                   and kind = 'delivery' and shipped_on >= ${from} and shipped_on < ${to}) as delivered,
                 (select coalesce(sum(quantity), 0)::int from flow_rows where channel_customer_id = ${d.id}
                   and sale_date >= ${from} and sale_date < ${to}) as sold`,
    );
    expect(r!.delivered / r!.sold).toBeLessThan(0.93);
    // overdue receivables grew past the credit limit; visits stopped; a promise was broken
    const [balance] = await query<{ owed: string }>(
      database.db,
      sql`select sum(amount_fen)::bigint::text as owed from ledger_entries where channel_customer_id = ${d.id}`,
    );
    expect(Number(balance!.owed)).toBeGreaterThan(Number(d.credit_limit_fen));
    const [visit] = await query<{ last: string }>(
      database.db,
      sql`select max(visit_date)::text as last from channel_visits where channel_customer_id = ${d.id}`,
    );
    expect(visit!.last < addDays(TODAY, -30)).toBe(true);
    const promises = await query<{ status: string }>(
      database.db,
      sql`select status from channel_promises where channel_customer_id = ${d.id}`,
    );
    expect(promises.map((p) => p.status)).toContain('broken');
  });

  it('lets the crossing distributor sell to hospitals outside its authorised list in the last three months, below 限价', async () => {
    const d = await distributor(CROSSING_DISTRIBUTOR_CODE);
    const crossing = await query<{
      hospital_id: string;
      sale_date: string;
      unit_price_fen: string;
      min_resale_price_fen: string;
      city: string;
    }>(
      database.db,
      sql`select f.hospital_id, f.sale_date::text, f.unit_price_fen, p.min_resale_price_fen, h.city from flow_rows f
          join channel_customers c on c.id = f.channel_customer_id
          join channel_products p on p.product_id = f.product_id
          join hospitals h on h.id = f.hospital_id
          where c.id = ${d.id} and not (f.hospital_id = any(c.authorised_hospital_ids))`,
    );
    expect(crossing.length).toBeGreaterThan(0);
    for (const row of crossing) {
      expect(row.sale_date >= addDays(lastMonthStart, -70)).toBe(true);
      expect(Number(row.unit_price_fen)).toBeLessThan(Number(row.min_resale_price_fen));
      expect(row.city).not.toBe(d.city);
    }
    const low = await query<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from channel_price_reports r join channel_products p on p.product_id = r.product_id
          where r.price_fen < p.min_resale_price_fen and r.channel_customer_id = ${d.id}`,
    );
    expect(low[0]!.n).toBeGreaterThan(0);
    // the other distributors' reports stay at or above 限价; flow to authorised hospitals only
    const [others] = await query<{ low_prices: number; outside: number }>(
      database.db,
      sql`select
            (select count(*)::int from channel_price_reports r join channel_products p on p.product_id = r.product_id
              join channel_customers c on c.id = r.channel_customer_id
              where r.price_fen < p.min_resale_price_fen and c.code <> ${CROSSING_DISTRIBUTOR_CODE}) as low_prices,
            (select count(*)::int from flow_rows f join channel_customers c on c.id = f.channel_customer_id
              where f.hospital_id is not null and c.code <> ${CROSSING_DISTRIBUTOR_CODE}
                and not (f.hospital_id = any(c.authorised_hospital_ids))) as outside`,
    );
    expect(others).toEqual({ low_prices: 0, outside: 0 });
    const incidents = await query<{ source_customer_id: string | null; resolved_on: string | null }>(
      database.db,
      sql`select source_customer_id, resolved_on from channel_incidents`,
    );
    expect(incidents.some((i) => i.source_customer_id === d.id && i.resolved_on === null)).toBe(true);
  });

  it('keeps stock reports consistent with deliveries and flow, visits at the terminals’ intervals, and two promotions', async () => {
    const [stock] = await query<{ negative: number; n: number }>(
      database.db,
      sql`select count(*) filter (where quantity < 0)::int as negative, count(*)::int as n from channel_stock_reports`,
    );
    expect(stock!.negative).toBe(0);
    expect(stock!.n).toBeGreaterThan(1000);
    const intervals = await query<{ tier: string; gap: number }>(
      database.db,
      sql`select c.terminal_tier as tier, avg(g.gap)::float as gap from (
            select channel_customer_id, visit_date - lag(visit_date) over (partition by channel_customer_id order by visit_date) as gap
            from channel_visits) g
          join channel_customers c on c.id = g.channel_customer_id
          where g.gap is not null and c.kind <> 'distributor' group by c.terminal_tier`,
    );
    const gap = Object.fromEntries(intervals.map((i) => [i.tier, i.gap]));
    expect(gap.key).toBeLessThan(6);
    expect(gap.secondary).toBeGreaterThan(6);
    expect(gap.secondary).toBeLessThan(12);
    expect(gap.other).toBeGreaterThan(20);
    const promotions = await query<{ status: string; payouts: number; over: number }>(
      database.db,
      sql`select p.status, (select count(*)::int from channel_promotion_payouts x where x.promotion_id = p.id) as payouts,
                 (select count(*)::int from channel_promotion_payouts x where x.promotion_id = p.id and x.over_budget_approved_by is not null) as over
          from channel_promotions p order by p.status`,
    );
    expect(promotions.map((p) => p.status)).toEqual(['approved', 'draft']);
    expect(promotions[0]!.payouts).toBeGreaterThan(0);
    expect(promotions[0]!.over).toBeGreaterThan(0);
  });

  // ── surveys, academic events, complaints ──

  /** The assignment covers the date; a territory's first assignment also covers the days before it (as for calls). */
  const coversSql = (date: SQL) => sql`(ta.end_date is null or ta.end_date >= ${date})
      and (ta.start_date <= ${date} or not exists (
        select 1 from territory_assignments e where e.territory_id = ta.territory_id and e.start_date < ta.start_date))`;
  /** Whether the user covered the hospital (through a territory) on the China date. */
  const coveredSql = (user: SQL, hospital: SQL, date: SQL) => sql`exists (
    select 1 from territory_hospitals th join territory_assignments ta on ta.territory_id = th.territory_id
    where th.hospital_id = ${hospital} and ta.user_id = ${user} and ${coversSql(date)})`;
  /** Whether the user covered the channel customer (through a territory) on the China date. */
  const coveredCustomerSql = (user: SQL, customer: SQL, date: SQL) => sql`exists (
    select 1 from territory_channel_customers tc join territory_assignments ta on ta.territory_id = tc.territory_id
    where tc.channel_customer_id = ${customer} and ta.user_id = ${user} and ${coversSql(date)})`;
  const chinaDay = (column: SQL) => sql`(${column} at time zone 'Asia/Shanghai')::date`;

  it('sends each audience’s survey from the covering rep: most answered with three scores 1–5, a few expired', async () => {
    const templates = await query<{ id: string; audience: string; questions: SurveyQuestion[] }>(
      database.db,
      sql`select id, audience, questions from survey_templates`,
    );
    expect(templates.map((t) => t.audience).sort()).toEqual(['distributor', 'doctor', 'pharmacy']);
    for (const t of templates) {
      expect(t.questions.length).toBeGreaterThanOrEqual(2);
      expect(t.questions.length).toBeLessThanOrEqual(3);
      expect(checkSurveyQuestions(t.questions)).toEqual([]);
    }
    const templateOf = new Map(templates.map((t) => [t.id, t]));
    const rows = await query<{
      template_id: string;
      doctor_id: string | null;
      customer_kind: string | null;
      token_hash: string;
      sent_ms: number;
      expires_ms: number;
      answered_ms: number | null;
      price_score: number | null;
      efficacy_score: number | null;
      service_score: number | null;
      answers: Record<string, string | number> | null;
      covered: boolean;
    }>(
      database.db,
      sql`select i.template_id, i.doctor_id, c.kind as customer_kind, i.token_hash,
                 extract(epoch from i.sent_at)::float8 * 1000 as sent_ms,
                 extract(epoch from i.expires_at)::float8 * 1000 as expires_ms,
                 extract(epoch from i.answered_at)::float8 * 1000 as answered_ms,
                 i.price_score, i.efficacy_score, i.service_score, i.answers,
                 case when i.doctor_id is not null
                   then i.hospital_id = d.hospital_id and ${coveredSql(sql`i.sent_by`, sql`i.hospital_id`, chinaDay(sql`i.sent_at`))}
                   else ${coveredCustomerSql(sql`i.sent_by`, sql`i.channel_customer_id`, chinaDay(sql`i.sent_at`))}
                 end as covered
          from survey_invitations i left join doctors d on d.id = i.doctor_id
          left join channel_customers c on c.id = i.channel_customer_id`,
    );
    const todayMs = Date.parse(`${TODAY}T00:00:00+08:00`);
    const doctorRows = rows.filter((r) => r.doctor_id);
    expect(doctorRows.length).toBeGreaterThanOrEqual(130);
    expect(doctorRows.length).toBeLessThanOrEqual(170);
    expect(rows.length - doctorRows.length).toBeGreaterThanOrEqual(10);
    expect(rows.length - doctorRows.length).toBeLessThanOrEqual(30);
    expect(new Set(rows.map((r) => r.token_hash)).size).toBe(rows.length);
    let answered = 0;
    let expired = 0;
    let lowPrice = 0;
    for (const r of rows) {
      const template = templateOf.get(r.template_id)!;
      expect(r.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.covered).toBe(true);
      expect(template.audience).toBe(r.doctor_id ? 'doctor' : r.customer_kind);
      expect(r.expires_ms - r.sent_ms).toBe(surveyValidDays * 86_400_000);
      expect(r.sent_ms).toBeGreaterThanOrEqual(todayMs - 181 * 86_400_000);
      expect(r.sent_ms).toBeLessThan(todayMs);
      const scores = [r.price_score, r.efficacy_score, r.service_score];
      if (r.answered_ms !== null) {
        answered += 1;
        expect(r.answered_ms).toBeGreaterThan(r.sent_ms);
        expect(r.answered_ms).toBeLessThan(Math.min(r.expires_ms, todayMs));
        for (const v of scores) expect([1, 2, 3, 4, 5]).toContain(v);
        const input = {
          priceScore: r.price_score!,
          efficacyScore: r.efficacy_score!,
          serviceScore: r.service_score!,
          answers: r.answers ?? {},
        };
        expect(checkSurveyAnswers(template.questions, input)).toEqual([]);
        if (r.price_score! <= 3) lowPrice += 1;
      } else {
        expect(scores).toEqual([null, null, null]);
        expect(r.answers).toBeNull();
        if (r.expires_ms < todayMs) expired += 1;
      }
    }
    expect(answered / rows.length).toBeGreaterThan(0.6);
    expect(answered / rows.length).toBeLessThan(0.85);
    expect(expired).toBeGreaterThan(0);
    // mostly 4–5, some 2–3 on 价格
    expect(lowPrice).toBeGreaterThan(0);
    expect(lowPrice / answered).toBeLessThan(0.5);
  });

  type EventRow = {
    id: string;
    owner_id: string;
    format: string;
    status: string;
    event_date: string;
    needs_compliance: boolean;
    has_code: boolean;
    hospital_ok: boolean;
    manager_ok: boolean | null;
    compliance: number;
    approved_on: string | null;
  };
  const eventRows = () =>
    query<EventRow>(
      database.db,
      sql`select e.id, e.owner_id, e.format, e.status, e.event_date::text as event_date, e.needs_compliance,
                 e.sign_in_token_hash is not null as has_code,
                 e.hospital_id is null or ${coveredSql(sql`e.owner_id`, sql`e.hospital_id`, chinaDay(sql`e.created_at`))} as hospital_ok,
                 (select bool_and(m.role = 'manager' and m.team_id = o.team_id and m.id <> e.owner_id and a.decision = 'approved')
                    from event_approvals a join users m on m.id = a.decided_by
                    where a.event_id = e.id and a.step = 'manager') as manager_ok,
                 (select count(*)::int from event_approvals a join users c on c.id = a.decided_by
                    where a.event_id = e.id and a.step = 'compliance' and c.role = 'compliance'
                      and a.decision = 'approved') as compliance,
                 (select max(${chinaDay(sql`a.created_at`)})::text from event_approvals a where a.event_id = e.id) as approved_on
          from academic_events e join users o on o.id = e.owner_id`,
    );

  it('keeps every speaker within ¥5,000 a talk and ¥20,000 a year unless compliance approved the event', async () => {
    const events = await eventRows();
    const byId = new Map(events.map((e) => [e.id, e]));
    expect(events.length).toBeGreaterThanOrEqual(6 * 4);
    expect([...new Set(events.map((e) => e.status))].sort()).toEqual(['approved', 'closed', 'draft']);
    expect(new Set(events.map((e) => e.format))).toEqual(
      new Set(['departmentMeeting', 'cityMeeting', 'online', 'symposium']),
    );
    for (const e of events) {
      expect(e.hospital_ok, e.id).toBe(true);
      if (e.status === 'closed') expect(e.event_date < TODAY && e.has_code, e.id).toBe(true);
      if (e.status === 'approved') expect(e.event_date >= TODAY, e.id).toBe(true);
      if (e.status === 'draft') expect([e.manager_ok, e.compliance], e.id).toEqual([null, 0]);
      else {
        expect(e.manager_ok, e.id).toBe(true);
        expect(e.approved_on! < TODAY && e.approved_on! <= e.event_date, e.id).toBe(true);
        expect(e.compliance, e.id).toBe(e.needs_compliance ? 1 : 0);
      }
    }
    const speakers = await query<{
      event_id: string;
      doctor_id: string;
      fee_fen: number;
      travel_fen: number;
      paid_on: string | null;
      paid_by: string | null;
      in_scope: boolean;
    }>(
      database.db,
      sql`select s.event_id, s.doctor_id, s.fee_fen::int as fee_fen, s.travel_fen::int as travel_fen,
                 s.paid_on::text as paid_on, s.paid_by,
                 ${coveredSql(sql`e.owner_id`, sql`d.hospital_id`, chinaDay(sql`e.created_at`))} as in_scope
          from event_speakers s join academic_events e on e.id = s.event_id join doctors d on d.id = s.doctor_id`,
    );
    const perEvent = new Map<string, number>();
    const yearly = new Map<string, number>();
    for (const s of speakers) {
      const e = byId.get(s.event_id)!;
      perEvent.set(e.id, (perEvent.get(e.id) ?? 0) + 1);
      expect(s.in_scope, s.doctor_id).toBe(true);
      expect(s.fee_fen).toBeGreaterThanOrEqual(100_000);
      if (e.status === 'closed')
        expect(s.paid_on! >= e.event_date && s.paid_on! < TODAY && !!s.paid_by, e.id).toBe(true);
      else expect([s.paid_on, s.paid_by]).toEqual([null, null]);
      if (e.status === 'draft') continue;
      const key = `${s.doctor_id} ${e.event_date.slice(0, 4)}`;
      yearly.set(key, (yearly.get(key) ?? 0) + s.fee_fen + s.travel_fen);
    }
    for (const e of events) expect([1, 2], e.id).toContain(perEvent.get(e.id));
    let overCap = 0;
    for (const s of speakers) {
      const e = byId.get(s.event_id)!;
      if (e.status === 'draft') continue;
      const year = yearly.get(`${s.doctor_id} ${e.event_date.slice(0, 4)}`)!;
      if (s.fee_fen > defaultSpeakerCaps.perTalkFen || year > defaultSpeakerCaps.perYearFen) {
        overCap += 1;
        expect(e.needs_compliance && e.compliance === 1, e.id).toBe(true);
      } else expect(s.fee_fen, e.id).toBeLessThanOrEqual(300_000);
    }
    expect(overCap).toBeGreaterThanOrEqual(1);
    expect(events.filter((e) => e.needs_compliance).length).toBe(overCap);
  });

  it('signs in attendees only on closed or held events, each with a follow-up for the organiser', async () => {
    const events = new Map((await eventRows()).map((e) => [e.id, e]));
    const attendees = await query<{
      event_id: string;
      doctor_id: string;
      invited_on: string;
      signed_on: string | null;
      in_scope: boolean;
      fu_owner: string | null;
      fu_doctor: string | null;
      fu_due: string | null;
      fu_status: string | null;
      fu_title: string | null;
      topic: string;
    }>(
      database.db,
      sql`select a.event_id, a.doctor_id, ${chinaDay(sql`a.invited_at`)}::text as invited_on,
                 ${chinaDay(sql`a.signed_in_at`)}::text as signed_on,
                 ${coveredSql(sql`e.owner_id`, sql`d.hospital_id`, chinaDay(sql`e.created_at`))} as in_scope,
                 f.owner_id as fu_owner, f.doctor_id as fu_doctor, f.due_date::text as fu_due, f.status as fu_status,
                 f.title as fu_title, e.topic
          from event_attendees a join academic_events e on e.id = a.event_id join doctors d on d.id = a.doctor_id
          left join follow_ups f on f.id = a.follow_up_id`,
    );
    const invited = new Map<string, number>();
    let signed = 0;
    let onClosed = 0;
    for (const a of attendees) {
      const e = events.get(a.event_id)!;
      invited.set(e.id, (invited.get(e.id) ?? 0) + 1);
      expect(a.in_scope, a.doctor_id).toBe(true);
      expect(a.invited_on < e.event_date && a.invited_on < TODAY, e.id).toBe(true);
      if (e.status === 'closed') onClosed += 1;
      if (a.signed_on === null) {
        expect(a.fu_owner).toBeNull();
        continue;
      }
      signed += 1;
      expect(['closed', 'held'], e.id).toContain(e.status);
      expect(a.signed_on).toBe(e.event_date);
      expect([a.fu_owner, a.fu_doctor, a.fu_title]).toEqual([
        e.owner_id,
        a.doctor_id,
        `会后跟进：${a.topic}`,
      ]);
      expect(a.fu_due! > e.event_date).toBe(true);
      if (a.fu_due! < TODAY) expect(['done', 'notDone']).toContain(a.fu_status);
      else expect(a.fu_status).toBe('open');
    }
    for (const [id, n] of invited) {
      expect(n, id).toBeGreaterThanOrEqual(8);
      expect(n, id).toBeLessThanOrEqual(20);
    }
    expect(signed / onClosed).toBeGreaterThan(0.5);
    expect(signed / onClosed).toBeLessThan(0.85);
  });

  it('gives event spend only where every care action of that year stays one the API would accept', async () => {
    // speaker fee + travel count from the approval, a meal share from the event day (care-plans.repository careSpend)
    const spend = await query<{ doctor_id: string; year: number; from_date: string; fen: number }>(
      database.db,
      sql`select s.doctor_id, extract(year from e.event_date)::int as year,
                 (select min(${chinaDay(sql`a.created_at`)})::text from event_approvals a where a.event_id = e.id) as from_date,
                 (s.fee_fen + s.travel_fen)::int as fen
          from event_speakers s join academic_events e on e.id = s.event_id
          where e.status in ('approved', 'held', 'closed')
          union all
          select a.doctor_id, extract(year from e.event_date)::int, e.event_date::text,
                 ceil(e.meal_cost_fen::numeric / (select count(*) from event_attendees x
                                                  where x.event_id = e.id and x.signed_in_at is not null))::int
          from event_attendees a join academic_events e on e.id = a.event_id
          where e.status in ('held', 'closed') and a.signed_in_at is not null and e.meal_cost_fen > 0`,
    );
    const care = await query<{ doctor_id: string; year: number; total: number; last: string }>(
      database.db,
      sql`select doctor_id, extract(year from action_date)::int as year, sum(value_fen)::int as total,
                 max(action_date)::text as last
          from care_actions group by 1, 2`,
    );
    const careOf = new Map(care.map((c) => [`${c.doctor_id} ${c.year}`, c]));
    const events = new Map<string, { fen: number; from: string }>();
    for (const s of spend) {
      const key = `${s.doctor_id} ${s.year}`;
      const before = events.get(key);
      events.set(key, {
        fen: (before?.fen ?? 0) + s.fen,
        from: before && before.from < s.from_date ? before.from : s.from_date,
      });
    }
    expect(events.size).toBeGreaterThan(100);
    const smallest = Math.min(...defaultCareTiers.map((t) => t.capPerYearFen));
    let withCare = 0;
    for (const [key, e] of events) {
      const c = careOf.get(key);
      if (!c) continue;
      withCare += 1;
      const fits = c.total + e.fen <= smallest || c.last < e.from;
      expect(fits, `${key}: care ${c.total} till ${c.last}, events ${e.fen} from ${e.from}`).toBe(true);
    }
    expect(withCare).toBeGreaterThan(0);
  });

  it('records complaints in every status, due times from the domain rule, the recovery steps in order', async () => {
    const rows = await query<{
      id: string;
      issue_type: string;
      severity: ComplaintSeverity;
      status: ComplaintStatus;
      doctor_id: string | null;
      channel_customer_id: string | null;
      hospital_ok: boolean;
      covered: boolean;
      received_at: string;
      received_ms: number;
      ack_due_ms: number;
      close_due_ms: number;
      ack_ms: number | null;
      action_ms: number | null;
      closed_ms: number | null;
      empowered_scope: string | null;
      urgent_action: string | null;
      apologized: boolean;
      compensation_fen: number | null;
      resolution: string | null;
      customer_satisfied: boolean | null;
    }>(
      database.db,
      sql`select c.id, c.issue_type, c.severity, c.status, c.doctor_id, c.channel_customer_id,
                 (c.doctor_id is null and c.hospital_id is null) or c.hospital_id = d.hospital_id as hospital_ok,
                 case when c.doctor_id is not null
                   then ${coveredSql(sql`c.owner_id`, sql`c.hospital_id`, chinaDay(sql`c.received_at`))}
                   else ${coveredCustomerSql(sql`c.owner_id`, sql`c.channel_customer_id`, chinaDay(sql`c.received_at`))}
                 end as covered,
                 to_char(c.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as received_at,
                 extract(epoch from c.received_at)::float8 * 1000 as received_ms,
                 extract(epoch from c.acknowledge_due_at)::float8 * 1000 as ack_due_ms,
                 extract(epoch from c.close_due_at)::float8 * 1000 as close_due_ms,
                 extract(epoch from c.acknowledged_at)::float8 * 1000 as ack_ms,
                 extract(epoch from c.action_taken_at)::float8 * 1000 as action_ms,
                 extract(epoch from c.closed_at)::float8 * 1000 as closed_ms,
                 c.empowered_scope, c.urgent_action, c.apologized, c.compensation_fen::int as compensation_fen,
                 c.resolution, c.customer_satisfied
          from complaints c left join doctors d on d.id = c.doctor_id`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(rows.length).toBeLessThanOrEqual(30);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(complaintStatuses));
    expect(rows.filter((r) => r.status === 'closed').length).toBeGreaterThan(rows.length / 2);
    expect(rows.some((r) => r.doctor_id) && rows.some((r) => r.channel_customer_id)).toBe(true);
    expect(new Set(rows.map((r) => r.issue_type)).size).toBeGreaterThanOrEqual(5);
    const now = new Date(`${TODAY}T09:00:00+08:00`);
    let overdueOpen = 0;
    for (const r of rows) {
      expect(complaintIssueTypes, r.id).toContain(r.issue_type);
      expect(r.doctor_id === null, r.id).not.toBe(r.channel_customer_id === null);
      expect(r.hospital_ok && r.covered, r.id).toBe(true);
      const due = complaintDueTimes(r.received_at, r.severity);
      expect([r.ack_due_ms, r.close_due_ms], r.id).toEqual([
        Date.parse(due.acknowledgeDueAt),
        Date.parse(due.closeDueAt),
      ]);
      const reached = complaintStatuses.indexOf(r.status);
      const steps = [r.received_ms, r.ack_ms, r.action_ms, r.closed_ms];
      steps.forEach((ms, n) => expect(ms === null, `${r.id} step ${n}`).toBe(n > reached));
      const times = steps.filter((ms): ms is number => ms !== null);
      expect(times, r.id).toEqual([...times].sort((a, b) => a - b));
      expect(Math.max(...times), r.id).toBeLessThan(now.getTime());
      if (reached >= 1) expect(r.empowered_scope, r.id).toBeTruthy();
      if (reached >= 2) expect(!!r.urgent_action && r.apologized, r.id).toBe(true);
      if (reached === 3) expect(!!r.resolution && r.customer_satisfied !== null, r.id).toBe(true);
      else expect([r.resolution, r.customer_satisfied], r.id).toEqual([null, null]);
      // compensation is goods for a channel customer, never anything of value to a doctor
      if (r.doctor_id) expect(r.compensation_fen, r.id).toBeNull();
      const status = { status: r.status, ...due };
      if (complaintOverdue(status, now)) overdueOpen += 1;
    }
    expect(overdueOpen).toBeGreaterThanOrEqual(2);
  });

  // ── 客情费 ──

  it('adds the 客情费 signers clerk (销售文员) and finance (财务) as admins with their duty and the demo password', async () => {
    const rows = await query<{ username: string; role: string; duties: string[]; hash: string }>(
      database.db,
      sql`select username, role, duties, password_hash as hash from users where cardinality(duties) > 0 order by username`,
    );
    expect(rows.map((r) => [r.username, r.role, r.duties])).toEqual([
      ['clerk', 'admin', ['salesClerk']],
      ['finance', 'admin', ['finance']],
    ]);
    for (const r of rows) expect(await verify(r.hash, DEMO_PASSWORD), r.username).toBe(true);
  });

  it('keeps a 客情费 budget account per product for this year and last', async () => {
    const rows = await query<{ product_id: string; year: number; budget_fen: number; rate: number }>(
      database.db,
      sql`select product_id, year, budget_fen::int as budget_fen, rate_per_unit_fen as rate from care_fee_accounts`,
    );
    const year = Number(TODAY.slice(0, 4));
    expect(rows).toHaveLength(summary.counts.products * 2);
    expect(new Set(rows.map((r) => `${r.product_id}:${r.year}`)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.year))).toEqual(new Set([year - 1, year]));
    for (const r of rows) expect(r.budget_fen > 0 && r.rate > 0).toBe(true);
  });

  it('files 客情费 claims whose statements match the committed flow and ledger and whose payable follows the rule', async () => {
    const lines = await query<{
      claim_id: string;
      owner_id: string;
      month: string;
      customer_id: string;
      kind: string;
      product_id: string;
      qty: number;
      net_fen: number;
      collected_fen: number;
      rate: number;
      requested_fen: number;
      payable_fen: number;
      recipient_role: string;
      account_rate: number | null;
      flow_qty: number;
      flow_fen: number;
      delivered: number;
      paid_in: number;
      in_scope: boolean;
    }>(
      database.db,
      sql`select l.claim_id, c.owner_id, c.month, l.channel_customer_id as customer_id, cc.kind, l.product_id,
                 l.net_sales_quantity as qty, l.net_sales_fen::bigint::float8 as net_fen,
                 l.collected_fen::bigint::float8 as collected_fen, l.collection_rate as rate,
                 l.requested_fen::bigint::float8 as requested_fen, l.payable_fen::bigint::float8 as payable_fen,
                 l.recipient_role,
                 (select a.rate_per_unit_fen from care_fee_accounts a
                   where a.product_id = l.product_id and a.year = substr(c.month, 1, 4)::int) as account_rate,
                 (select coalesce(sum(r.quantity), 0)::int from flow_rows r join flow_imports i on i.id = r.import_id
                   where i.status = 'committed' and r.product_id = l.product_id
                     and to_char(r.sale_date, 'YYYY-MM') = c.month
                     and (case when cc.kind = 'distributor' then r.channel_customer_id
                               else r.buyer_customer_id end) = l.channel_customer_id) as flow_qty,
                 (select coalesce(sum(r.amount_fen), 0)::float8 from flow_rows r join flow_imports i on i.id = r.import_id
                   where i.status = 'committed' and r.product_id = l.product_id
                     and to_char(r.sale_date, 'YYYY-MM') = c.month
                     and (case when cc.kind = 'distributor' then r.channel_customer_id
                               else r.buyer_customer_id end) = l.channel_customer_id) as flow_fen,
                 (select coalesce(sum(e.amount_fen), 0)::float8 from ledger_entries e
                   where e.channel_customer_id = l.channel_customer_id and e.kind = 'delivery'
                     and to_char(e.entry_date, 'YYYY-MM') = c.month) as delivered,
                 (select coalesce(-sum(e.amount_fen), 0)::float8 from ledger_entries e
                   where e.channel_customer_id = l.channel_customer_id and e.kind = 'payment' and e.amount_fen < 0
                     and to_char(e.entry_date, 'YYYY-MM') = c.month) as paid_in,
                 exists (select 1 from territory_assignments ta
                           join territory_channel_customers tc on tc.territory_id = ta.territory_id
                          where ta.user_id = c.owner_id and ta.end_date is null
                            and tc.channel_customer_id = l.channel_customer_id) as in_scope
          from care_fee_claim_lines l join care_fee_claims c on c.id = l.claim_id
          join channel_customers cc on cc.id = l.channel_customer_id`,
    );
    expect(lines.length).toBeGreaterThanOrEqual(20);
    for (const l of lines) {
      const id = `${l.claim_id}/${l.customer_id}/${l.product_id}`;
      expect(l.in_scope, id).toBe(true);
      expect(l.month < TODAY.slice(0, 7), id).toBe(true);
      expect([l.qty, l.net_fen], id).toEqual([l.flow_qty, l.flow_fen]);
      expect(l.qty, id).toBeGreaterThan(0);
      if (l.kind === 'distributor') {
        expect(l.collected_fen, id).toBe(l.paid_in);
        expect(l.rate, id).toBeCloseTo(careFeeCollectionRate(l.paid_in, l.delivered), 9);
      } else {
        expect(l.rate, id).toBe(1);
      }
      expect(l.requested_fen, id).toBeGreaterThan(0);
      expect(l.requested_fen, id).toBeLessThanOrEqual(careFeeMaxRequestFen(l.account_rate ?? 0, l.qty));
      expect(l.payable_fen, id).toBe(
        careFeePayable({ requestedFen: l.requested_fen, netSalesQuantity: l.qty, collectionRate: l.rate }),
      );
      expect(careFeeRecipientRoles, id).toContain(l.recipient_role);
    }
    // some lines are paid only in part: the distributor had not collected the whole month
    expect(lines.some((l) => l.payable_fen < l.requested_fen)).toBe(true);

    const claims = await query<{
      id: string;
      owner_id: string;
      month: string;
      status: string;
      requested_fen: number;
      payable_fen: number;
      sum_requested: number;
      sum_payable: number;
    }>(
      database.db,
      sql`select c.id, c.owner_id, c.month, c.status, c.requested_fen::float8 as requested_fen,
                 c.payable_fen::float8 as payable_fen,
                 (select sum(l.requested_fen)::float8 from care_fee_claim_lines l where l.claim_id = c.id) as sum_requested,
                 (select sum(l.payable_fen)::float8 from care_fee_claim_lines l where l.claim_id = c.id) as sum_payable
          from care_fee_claims c`,
    );
    expect(claims.length).toBeGreaterThanOrEqual(10);
    for (const c of claims)
      expect([c.requested_fen, c.payable_fen], c.id).toEqual([c.sum_requested, c.sum_payable]);
    expect(new Set(claims.map((c) => c.status))).toEqual(
      new Set(['paid', 'approved', 'clerkSigned', 'managerSigned', 'submitted', 'rejected', 'draft']),
    );
    expect(claims.filter((c) => c.status === 'rejected')).toHaveLength(1);
    expect(new Set(claims.map((c) => c.month)).size).toBe(3);
  });

  it('signs 客情费 claims clerk → manager → finance by distinct people, pays only approved ones within the ¥3,000 cap, spot-checks 3', async () => {
    const claims = await query<{
      id: string;
      owner_id: string;
      status: string;
      payable_fen: number;
      advance_fen: number | null;
      paid_on: string | null;
      manager_id: string;
      submitted_at: string | null;
    }>(
      database.db,
      sql`select c.id, c.owner_id, c.status, c.payable_fen::float8 as payable_fen, c.advance_fen::float8 as advance_fen,
                 c.paid_on::text as paid_on, t.manager_id, c.submitted_at::text as submitted_at
          from care_fee_claims c join users u on u.id = c.owner_id join teams t on t.id = u.team_id`,
    );
    const signatures = await query<{
      subject_id: string;
      step: CareFeeSignStep;
      decision: 'approved' | 'rejected';
      signed_by: string;
      duties: string[];
      role: string;
      at: number;
    }>(
      database.db,
      sql`select s.subject_id, s.step, s.decision, s.signed_by, u.duties, u.role,
                 extract(epoch from s.created_at)::float8 as at
          from care_fee_signatures s join users u on u.id = s.signed_by
          where s.subject = 'claim' order by s.created_at, s.step`,
    );
    const spotChecks = await query<{
      claim_id: string;
      checked_by: string;
      checked_on: string;
      results: { channelCustomerId: string; confirmed: boolean }[];
    }>(database.db, sql`select claim_id, checked_by, checked_on::text, results from care_fee_spot_checks`);
    const paidLines = await query<{ claim_id: string; customer_id: string }>(
      database.db,
      sql`select distinct claim_id, channel_customer_id as customer_id from care_fee_claim_lines where payable_fen > 0`,
    );
    const now = Date.parse(`${TODAY}T23:59:59+08:00`) / 1000;
    const reached: Record<string, number> = {
      draft: 0,
      submitted: 0,
      clerkSigned: 1,
      managerSigned: 2,
      approved: 3,
      paid: 3,
      rejected: 3,
    };
    for (const c of claims) {
      const list = signatures.filter((s) => s.subject_id === c.id);
      expect(
        list.map((s) => s.step),
        c.id,
      ).toEqual(careFeeSignSteps.slice(0, reached[c.status]));
      expect(c.submitted_at === null, c.id).toBe(c.status === 'draft');
      const at = list.map((s) => s.at);
      expect(at, c.id).toEqual([...at].sort((a, b) => a - b));
      for (const s of list) {
        expect(s.at, c.id).toBeLessThanOrEqual(now);
        expect(s.signed_by, c.id).not.toBe(c.owner_id);
        if (s.step === 'clerk') expect([s.role, s.duties], c.id).toEqual(['admin', ['salesClerk']]);
        if (s.step === 'manager') expect(s.signed_by, c.id).toBe(c.manager_id);
        if (s.step === 'finance') expect([s.role, s.duties], c.id).toEqual(['admin', ['finance']]);
      }
      expect(new Set(list.map((s) => s.signed_by)).size, c.id).toBe(list.length);
      expect(list.filter((s) => s.decision === 'rejected').length, c.id).toBe(
        c.status === 'rejected' ? 1 : 0,
      );
      const complete = careFeeSignaturesComplete(
        c.owner_id,
        list.map((s) => ({ step: s.step, decision: s.decision, signedBy: s.signed_by })),
      );
      expect(complete, c.id).toBe(c.status === 'approved' || c.status === 'paid');
      if (c.status === 'paid') {
        expect(c.paid_on, c.id).not.toBeNull();
        expect(c.paid_on! <= TODAY, c.id).toBe(true);
        expect(careFeeAdvanceError(c.advance_fen ?? -1, c.payable_fen), c.id).toBeNull();
        expect(c.advance_fen!, c.id).toBeGreaterThanOrEqual(0);
        expect(c.advance_fen!, c.id).toBeLessThanOrEqual(careFeeAdvanceCapFen);
      } else {
        expect([c.advance_fen, c.paid_on], c.id).toEqual([null, null]);
      }
    }
    expect(claims.filter((c) => c.status === 'paid').length).toBeGreaterThanOrEqual(3);
    expect(spotChecks.length).toBeGreaterThanOrEqual(2);
    for (const s of spotChecks) {
      const claim = claims.find((c) => c.id === s.claim_id)!;
      expect(claim.status, s.claim_id).toBe('paid');
      expect(s.checked_by, s.claim_id).toBe(claim.manager_id);
      expect(s.checked_on >= claim.paid_on! && s.checked_on <= TODAY, s.claim_id).toBe(true);
      const paid = paidLines.filter((l) => l.claim_id === s.claim_id).map((l) => l.customer_id);
      expect(
        careFeeSpotCheckError(
          paid,
          s.results.map((r) => r.channelCustomerId),
        ),
        s.claim_id,
      ).toBeNull();
    }
    expect(spotChecks.some((s) => s.results.some((r) => !r.confirmed))).toBe(true);
  });

  it('approves the new-customer special fee before its contract date, signed by the three steps', async () => {
    const apps = await query<{
      id: string;
      owner_id: string;
      status: string;
      approved_on: string;
      contract_date: string;
    }>(
      database.db,
      sql`select id, owner_id, status, to_char(approved_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as approved_on,
                 contract_date::text from care_fee_special_applications`,
    );
    expect(apps.length).toBeGreaterThanOrEqual(1);
    for (const a of apps) {
      expect(
        careFeeSpecialValid({ status: a.status, approvedOn: a.approved_on, contractDate: a.contract_date }),
        a.id,
      ).toBe(true);
      const signs = await query<{
        step: CareFeeSignStep;
        decision: 'approved' | 'rejected';
        signed_by: string;
      }>(
        database.db,
        sql`select step, decision, signed_by from care_fee_signatures
            where subject = 'specialApplication' and subject_id = ${a.id} order by created_at`,
      );
      expect(
        careFeeSignaturesComplete(
          a.owner_id,
          signs.map((s) => ({ step: s.step, decision: s.decision, signedBy: s.signed_by })),
        ),
        a.id,
      ).toBe(true);
    }
  });

  it('keeps 客情费 to channel customers: no doctor column, no doctor id anywhere', async () => {
    const columns = await query<{ table_name: string; column_name: string }>(
      database.db,
      sql`select table_name, column_name from information_schema.columns where table_name like 'care_fee%'`,
    );
    expect(columns.length).toBeGreaterThan(30);
    expect(columns.filter((c) => /doctor|physician/i.test(c.column_name))).toEqual([]);
    const [hits] = await query<{ n: number }>(
      database.db,
      sql`select (select count(*) from care_fee_claim_lines l join doctors d on d.id = l.channel_customer_id)::int
               + (select count(*) from care_fee_special_applications a join doctors d on d.id = a.channel_customer_id)::int
               + (select count(*) from care_fee_spot_checks s, jsonb_array_elements(s.results) r
                   join doctors d on d.id::text = r->>'channelCustomerId')::int as n`,
    );
    expect(hits!.n).toBe(0);
    const [unknown] = await query<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from care_fee_spot_checks s, jsonb_array_elements(s.results) r
          where not exists (select 1 from channel_customers c where c.id::text = r->>'channelCustomerId')`,
    );
    expect(unknown!.n).toBe(0);
  });

  // ── targets and time management (issue 7) ──

  describe('targets and time management', () => {
    const month = TODAY.slice(0, 7);
    const past = quotaMonths(TODAY).filter((m) => m < month);
    const repsOf = async () =>
      query<{ id: string; username: string; role: string }>(
        database.db,
        sql`select id, username, role from users where role in ('rep', 'manager') order by username`,
      );

    it('sets a quota for every rep × carried product for six past months, this month and two ahead; a team gets its reps’ sum', async () => {
      const [coverage] = await query<{ expected: number; missing: number; rows: number; months: number }>(
        database.db,
        sql`with carried as (
              select distinct ta.user_id as rep_id, unnest(t.product_ids) as product_id
              from territory_assignments ta join territories t on t.id = ta.territory_id
              where ta.end_date is null)
            select count(*)::int as expected,
                   count(*) filter (where not exists (
                     select 1 from rep_quotas q
                     where q.rep_id = c.rep_id and q.product_id = c.product_id and q.month = ${month}
                       and q.quantity > 0))::int as missing,
                   (select count(*) from rep_quotas)::int as rows,
                   (select count(distinct month) from rep_quotas)::int as months
            from carried c`,
      );
      expect(coverage!.expected).toBeGreaterThanOrEqual(60);
      expect(coverage!.missing).toBe(0);
      expect(coverage!.months).toBe(QUOTA_PAST_MONTHS + 1 + QUOTA_AHEAD_MONTHS);
      expect(coverage!.rows).toBe(coverage!.expected * coverage!.months);

      const teams = await query<{ month: string; quantity: number; allocated: number | null }>(
        database.db,
        sql`select tq.month, tq.quantity, s.allocated
            from team_quotas tq left join (
              select team_id, product_id, month, sum(quantity)::int as allocated
              from rep_quotas group by team_id, product_id, month) s
              on s.team_id = tq.team_id and s.product_id = tq.product_id and s.month = tq.month`,
      );
      expect(teams).toHaveLength(6 * 5 * coverage!.months);
      for (const t of teams) {
        expect(t.allocated).not.toBeNull();
        if (t.month === month) {
          // a little left to allocate this month
          expect(t.quantity).toBeGreaterThan(t.allocated!);
          expect(t.quantity).toBeLessThanOrEqual(Math.ceil(t.allocated! * 1.1) + 10);
        } else {
          expect(t.quantity).toBe(t.allocated);
        }
      }
    });

    it('breaks a few of this month’s quotas down to 2–3 target hospitals of the rep’s territories', async () => {
      const rows = await query<{
        quantity: number;
        customers: { hospitalId: string; quantity: number }[];
        mine: string[];
      }>(
        database.db,
        sql`select q.quantity, q.customers,
                   array(select th.hospital_id::text from territory_assignments ta
                         join territory_hospitals th on th.territory_id = ta.territory_id
                         where ta.user_id = q.rep_id and ta.end_date is null) as mine
            from rep_quotas q where jsonb_array_length(q.customers) > 0`,
      );
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows.length).toBeLessThanOrEqual(10);
      for (const r of rows) {
        expect(r.customers.length).toBeGreaterThanOrEqual(2);
        expect(r.customers.length).toBeLessThanOrEqual(3);
        for (const c of r.customers) {
          expect(r.mine).toContain(c.hospitalId);
          expect(c.quantity).toBeGreaterThan(0);
        }
        expect(r.customers.reduce((s, c) => s + c.quantity, 0)).toBeLessThanOrEqual(r.quantity);
      }
    });

    it('keeps forecasts for this month and the next for most reps, goals above quota as a rule, rep01 short on one product', async () => {
      const rows = await query<{
        username: string;
        month: string;
        forecast: number;
        goal: number | null;
        quota: number | null;
        additions: { hospitalId: string; quantity: number }[];
        plan: string | null;
      }>(
        database.db,
        sql`select u.username, f.month, f.forecast_quantity as forecast, f.goal_quantity as goal,
                   q.quantity as quota, f.additions, f.promotion_plan as plan
            from sales_forecasts f join users u on u.id = f.rep_id
            left join rep_quotas q on q.rep_id = f.rep_id and q.product_id = f.product_id and q.month = f.month`,
      );
      const months = [...new Set(rows.map((r) => r.month))].sort();
      expect(months).toEqual([month, shiftMonth(month, 1)]);
      expect(new Set(rows.map((r) => r.username)).size).toBeGreaterThanOrEqual(20);
      for (const r of rows) expect(r.quota).not.toBeNull();
      const goalAbove = rows.filter((r) => r.goal !== null && r.goal >= r.quota!).length;
      expect(goalAbove / rows.length).toBeGreaterThan(0.8);
      expect(rows.some((r) => r.additions.length > 0)).toBe(true);
      expect(rows.some((r) => r.plan)).toBe(true);
      const short = rows.filter((r) => r.username === 'rep01' && r.month === month && r.forecast < r.quota!);
      expect(short).toHaveLength(1);
      expect(short[0]!.quota! - short[0]!.forecast).toBeGreaterThan(short[0]!.quota! * 0.1);
    });

    it('reads past attainment from the flow (hand-entered where there is none): mostly 50–150 %, a few reps clearly below', async () => {
      const reps = (await repsOf()).filter((u) => u.role === 'rep');
      const figures = await findSalesFigures(database.db, { repIds: reps.map((r) => r.id), months: past });
      const quoted = figures.filter((f) => f.quota > 0);
      expect(quoted.length).toBeGreaterThanOrEqual(60 * past.length);
      // every quota has an actual; the flow gives most of them, manual entries only where it has none
      expect(quoted.filter((f) => f.actualSource === 'none')).toEqual([]);
      const manual = quoted.filter((f) => f.actualSource === 'manual').length;
      expect(manual).toBeGreaterThan(0);
      expect(manual / quoted.length).toBeLessThan(0.4);
      const [stored] = await query<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from manual_sales where month <= ${past.at(-1)!}`,
      );
      // past months only: the current month also has month-to-date entries (no flow before month end)
      expect(stored!.n).toBe(manual);

      const pct = reps.map((r) => {
        const mine = quoted.filter((f) => f.repId === r.id);
        return ratioPct(
          mine.reduce((s, f) => s + f.actual, 0),
          mine.reduce((s, f) => s + f.quota, 0),
        ) as number;
      });
      const within = pct.filter((p) => p >= 50 && p <= 150).length;
      expect(within / reps.length).toBeGreaterThanOrEqual(0.8);
      expect(pct.filter((p) => p < 70).length).toBeGreaterThanOrEqual(2);
      expect(pct.filter((p) => p >= 100).length).toBeGreaterThanOrEqual(5);
    });

    it('gives every rep 8–12 tasks in at least three quadrants and every manager 5, some done this week, some overdue', async () => {
      const people = await repsOf();
      const tasks = await query<{
        owner_id: string;
        important: boolean;
        urgent: boolean;
        status: string;
        due_date: string | null;
        completed_at: string | null;
        filter_answers: Record<string, boolean> | null;
        title: string;
      }>(
        database.db,
        sql`select owner_id, important, urgent, status, due_date::text, completed_at::text, filter_answers, title
            from tasks`,
      );
      const monday = mondayOf(TODAY);
      const weekStart = new Date(`${monday}T00:00:00+08:00`).getTime();
      for (const p of people) {
        const mine = tasks.filter((t) => t.owner_id === p.id);
        if (p.role === 'rep') {
          expect(mine.length, p.username).toBeGreaterThanOrEqual(8);
          expect(mine.length, p.username).toBeLessThanOrEqual(12);
          expect(new Set(mine.map((t) => quadrantOf(t.important, t.urgent))).size).toBeGreaterThanOrEqual(3);
        } else {
          expect(mine, p.username).toHaveLength(5);
        }
        expect(new Set(mine.map((t) => t.title)).size).toBe(mine.length);
        for (const t of mine) expect(t.title).not.toContain('{h}');
        expect(
          mine.some((t) => t.status === 'done' && new Date(t.completed_at!).getTime() >= weekStart),
        ).toBe(true);
        expect(mine.some((t) => t.status === 'open' && t.due_date !== null && t.due_date < TODAY)).toBe(true);
      }
      for (const t of tasks) {
        expect(t.status === 'done').toBe(t.completed_at !== null);
        for (const key of Object.keys(t.filter_answers ?? {})) expect(filterQuestions).toContain(key);
      }
      expect(tasks.filter((t) => t.filter_answers).length).toBeGreaterThan(tasks.length * 0.15);
    });

    it('logs two weeks of time per rep: each day planned on Monday, actual minutes on working days — calls about half, travel a fifth', async () => {
      const reps = (await repsOf()).filter((u) => u.role === 'rep');
      const monday = mondayOf(TODAY);
      const first = addDays(monday, -7 * TIME_LOG_WEEKS);
      const entries = await query<{
        owner_id: string;
        date: string;
        activity: string;
        kind: string;
        minutes: number;
        made_on: number;
      }>(
        database.db,
        sql`select owner_id, date::text, activity, kind, minutes,
                   extract(isodow from created_at at time zone 'Asia/Shanghai')::int as made_on
            from time_entries`,
      );
      // the weekly review counts the submitted calls' own minutes as call time beside the log
      const callRows = await query<{ owner_id: string; date: string; minutes: number }>(
        database.db,
        sql`select owner_id, call_date::text as date,
                   sum(extract(epoch from (end_at - start_at)) / 60)::float as minutes
            from calls where status = 'submitted' and call_date >= ${first} and call_date < ${TODAY}
            group by owner_id, call_date`,
      );
      const plannedDays = workingDaysBetween(first, addDays(monday, 6));
      const workingDays = workingDaysBetween(first, addDays(TODAY, -1));
      for (const r of reps) {
        const mine = entries.filter((e) => e.owner_id === r.id);
        const planned = mine.filter((e) => e.kind === 'planned');
        expect([...new Set(planned.map((e) => e.date))].sort(), r.username).toEqual(plannedDays);
        for (const e of planned) expect(e.made_on).toBe(1); // planned on Monday
        const actual = mine.filter((e) => e.kind === 'actual');
        expect([...new Set(actual.map((e) => e.date))].sort(), r.username).toEqual(workingDays);
        const perDay = new Map<string, number>();
        for (const e of actual) perDay.set(e.date, (perDay.get(e.date) ?? 0) + e.minutes);
        for (const c of callRows.filter((c) => c.owner_id === r.id)) {
          perDay.set(c.date, (perDay.get(c.date) ?? 0) + c.minutes);
        }
        for (const minutes of perDay.values()) {
          expect(minutes).toBeGreaterThanOrEqual(5 * 60);
          expect(minutes).toBeLessThanOrEqual(11 * 60);
        }
      }
      for (const e of entries) expect(e.minutes).toBeLessThanOrEqual(maxEntryMinutes);
      const actual = entries.filter((e) => e.kind === 'actual');
      const recorded = callRows.reduce((s, c) => s + c.minutes, 0);
      const total = actual.reduce((s, e) => s + e.minutes, 0) + recorded;
      const share = (activity: string) =>
        (actual.filter((e) => e.activity === activity).reduce((s, e) => s + e.minutes, 0) +
          (activity === 'calls' ? recorded : 0)) /
        total;
      expect(share('calls')).toBeGreaterThan(0.42);
      expect(share('calls')).toBeLessThan(0.6);
      expect(share('travel')).toBeGreaterThan(0.14);
      expect(share('travel')).toBeLessThan(0.26);
      for (const activity of ['meetings', 'admin', 'training', 'other'])
        expect(share(activity)).toBeGreaterThan(0);
    });
  });
});

describe('demo data generator', () => {
  // plans and calls grow with reps × six months: the big scales here leave them out
  const generate = (scale: number, seed = 1) =>
    generateDemoData({
      scale,
      seed,
      passwordHash: 'x',
      today: TODAY,
      plansAndCalls: scale <= 1,
      care: scale <= 1,
      channel: scale <= 1,
    });

  it('scales counts linearly and keeps at least one of each at tiny scales', () => {
    const five = generate(5);
    expect(five.teams).toHaveLength(30);
    expect(five.users.filter((u) => u.role === 'rep')).toHaveLength(150);
    expect(five.hospitals).toHaveLength(1000);
    expect(five.products).toHaveLength(25);
    expect(Math.abs(five.doctors.length - 20_000)).toBeLessThan(2000);
    expect(new Set(five.hospitals.map((h) => h.name)).size).toBe(1000);
    expect(new Set(five.products.map((p) => p.name)).size).toBe(25);
    expect(new Set(five.territories.map((t) => t.code)).size).toBe(150);
    expect(new Set(five.users.map((u) => u.username)).size).toBe(five.users.length);

    const tiny = generate(0.01);
    for (const [table, list] of Object.entries(tiny)) {
      // a few dozen doctors may hold no KOL, and a tiny company no key-account history
      if (
        [
          'territoryAssignments',
          'territoryChannelCustomers',
          'kolProfiles',
          'keyAccountSnapshots',
          'channelPromotionPayouts', // a single distributor: no pharmacy to reward
          'notificationChannels', // a fresh demo sends nothing outside: no SMTP server or robot configured
          'notificationDeliveries',
          'handovers', // nobody has left yet
          'handoverItems',
        ].includes(table)
      )
        continue;
      expect(list.length, table).toBeGreaterThanOrEqual(1);
    }
    expect(tiny.users.map((u) => u.username)).toContain('rep01');
  });

  it('repeats the 客情费 demo exactly for the same seed and day', () => {
    const pick = (rows: ReturnType<typeof generate>) => ({
      signers: rows.users.filter((u) => (u.duties ?? []).length > 0),
      accounts: rows.careFeeAccounts,
      claims: rows.careFeeClaims,
      lines: rows.careFeeClaimLines,
      signatures: rows.careFeeSignatures,
      special: rows.careFeeSpecialApplications,
      spotChecks: rows.careFeeSpotChecks,
    });
    const a = pick(generate(0.5, 7));
    expect(a.claims.length).toBeGreaterThan(0);
    expect(a.lines.length).toBeGreaterThan(0);
    expect(pick(generate(0.5, 7))).toEqual(a);
    expect(pick(generate(0.5, 8)).claims.map((c) => c.id)).not.toEqual(a.claims.map((c) => c.id));
  });

  it('keeps hospital names unique where a city runs out of plain names', () => {
    const big = generate(40);
    expect(new Set(big.hospitals.map((h) => h.name)).size).toBe(big.hospitals.length);
    expect(new Set(big.hospitals.map((h) => h.code)).size).toBe(big.hospitals.length);
  });

  it('counts back assignment dates from the given day', () => {
    const rows = generate(1);
    for (const a of rows.territoryAssignments) {
      expect(a.startDate < TODAY).toBe(true);
      if (a.endDate) expect(a.endDate < TODAY).toBe(true);
    }
  });
});

describe('seeded random numbers', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect(Array.from({ length: 5 }, () => a.uint32())).toEqual(Array.from({ length: 5 }, () => b.uint32()));
    expect(createRandom(42).fork('x').uuid()).toBe(createRandom(42).fork('x').uuid());
    expect(createRandom(42).fork('x').uuid()).not.toBe(createRandom(42).fork('y').uuid());
  });

  it('makes RFC 4122 version-4 uuids', () => {
    const rng = createRandom(1);
    for (let i = 0; i < 200; i++) {
      expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('keeps int within its bounds', () => {
    const rng = createRandom(3);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(8, 12));
    expect([...seen].sort((a, b) => a - b)).toEqual([8, 9, 10, 11, 12]);
  });
});

describe('chineseNumber', () => {
  it.each([
    [1, '一'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [40, '四十'],
    [101, '一百零一'],
    [110, '一百一十'],
    [1005, '一千零五'],
  ])('%i → %s', (n, text) => {
    expect(chineseNumber(n)).toBe(text);
  });
});
