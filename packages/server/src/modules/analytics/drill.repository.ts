/**
 * The records behind the dashboard figures, built on the very subqueries that count them
 * (kpi.repository.ts), so a list's total equals its figure.
 */
import { sql, type SQL } from 'drizzle-orm';
import type {
  CallType,
  DrillCall,
  DrillCallKind,
  DrillDoctor,
  DrillDoctorState,
  DrillFollowUp,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { toIso } from '../../db/list.ts';
import {
  overdueFollowUpsWhere,
  repCountedCalls,
  repDoctorTargets,
  type RepKpiArgs,
} from './kpi.repository.ts';

type Rows<T> = { rows: T[] };
async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as Rows<T>).rows;
}
async function countOf(db: Db, query: SQL): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from (${query}) q`);
  return row?.n ?? 0;
}
/** page undefined: every row (exports). */
export type Page = { limit: number; offset: number } | undefined;
const pageSql = (page: Page) => (page ? sql`limit ${page.limit} offset ${page.offset}` : sql``);

type Args = Omit<RepKpiArgs, 'workingDays'>;

const doctorStateWhere: Record<DrillDoctorState, SQL> = {
  all: sql`true`,
  covered: sql`t.done > 0`,
  uncovered: sql`t.done = 0`,
  belowFrequency: sql`t.done < t.required`,
};

export async function findDrillDoctors(
  db: Db,
  a: Args,
  f: { state: DrillDoctorState; grade?: string },
  page: Page,
): Promise<{ items: DrillDoctor[]; total: number }> {
  const where = sql`t.required > 0 and ${doctorStateWhere[f.state]} ${f.grade ? sql`and t.grade = ${f.grade}` : sql``}`;
  const total = await countOf(db, sql`select 1 from ${repDoctorTargets(a)} t where ${where}`);
  const items = await rowsOf<DrillDoctor>(
    db,
    sql`select t.doctor_id as id, d.name as "doctorName", h.name as "hospitalName", dp.name as "departmentName",
        t.grade, t.rep_id as "repId", u.name as "repName", t.required as "requiredCalls", t.done as "doneCalls",
        (select max(c.call_date)::text from calls c
          where c.doctor_id = t.doctor_id and c.status = 'submitted'
            and c.type = any(${sql.param(a.countedTypes)}::text[]) and c.call_date <= ${a.to}::date) as "lastCallDate"
      from ${repDoctorTargets(a)} t
      join doctors d on d.id = t.doctor_id
      join hospitals h on h.id = d.hospital_id
      left join departments dp on dp.id = d.department_id
      join users u on u.id = t.rep_id
      where ${where}
      order by coalesce(array_position(${sql.param(a.gradeOrder)}::text[], t.grade), 1000000), t.grade,
        u.name, d.name, d.id
      ${pageSql(page)}`,
  );
  return { items, total };
}

const callKindWhere: Record<DrillCallKind, SQL> = {
  all: sql`true`,
  short: sql`k.short`,
  burst: sql`k.burst`,
  fewObjectives: sql`not k.min_objectives`,
};

export async function findDrillCalls(
  db: Db,
  a: Args,
  kind: DrillCallKind,
  page: Page,
): Promise<{ items: DrillCall[]; total: number }> {
  const where = callKindWhere[kind];
  const total = await countOf(db, sql`select 1 from ${repCountedCalls(a)} k where ${where}`);
  const rows = await rowsOf<
    Omit<DrillCall, 'minutes' | 'startAt'> & { startAt: string | Date; seconds: number }
  >(
    db,
    sql`select c.id, c.call_date::text as "callDate", c.start_at as "startAt",
        extract(epoch from (c.end_at - c.start_at))::float8 as seconds,
        c.doctor_id as "doctorId", d.name as "doctorName", h.name as "hospitalName",
        c.owner_id as "repId", u.name as "repName", c.type, c.objective_count as "objectiveCount"
      from ${repCountedCalls(a)} k
      join calls c on c.id = k.id
      join doctors d on d.id = c.doctor_id
      join hospitals h on h.id = c.hospital_id
      join users u on u.id = c.owner_id
      where ${where}
      order by c.start_at desc, c.id
      ${pageSql(page)}`,
  );
  const items = rows.map(({ seconds, startAt, ...r }) => ({
    ...r,
    type: r.type as CallType,
    startAt: toIso(startAt),
    minutes: Math.round((Number(seconds) / 60) * 10) / 10,
  }));
  return { items, total };
}

export async function findDrillFollowUps(
  db: Db,
  a: Pick<RepKpiArgs, 'repIds' | 'today'>,
  page: Page,
): Promise<{ items: DrillFollowUp[]; total: number }> {
  const total = await countOf(db, sql`select 1 from follow_ups f where ${overdueFollowUpsWhere(a)}`);
  const items = await rowsOf<DrillFollowUp>(
    db,
    sql`select f.id, f.title, f.due_date::text as "dueDate", (${a.today}::date - f.due_date)::int as "overdueDays",
        f.doctor_id as "doctorId", d.name as "doctorName", h.name as "hospitalName",
        f.owner_id as "repId", u.name as "repName"
      from follow_ups f
      join doctors d on d.id = f.doctor_id
      join hospitals h on h.id = d.hospital_id
      join users u on u.id = f.owner_id
      where ${overdueFollowUpsWhere(a)}
      order by f.due_date, u.name, f.id
      ${pageSql(page)}`,
  );
  return { items, total };
}
