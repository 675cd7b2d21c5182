/** Queries of 时间管理: tasks, time entries, and the matrix and weekly-review figures (summed in SQL). */
import { and, asc, count, eq, gte, ilike, isNotNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  calls,
  doctors,
  followUps,
  hospitals,
  plannedCalls,
  tasks,
  timeEntries,
  users,
} from '../../db/schema.ts';
import { countAll, likePattern, offsetOf, orderBy, toIso } from '../../db/list.ts';

export { hospitals, tasks, timeEntries, users };

// ── owners ───────────────────────────────────────────────────────────────────

/** The user, if `visible` (the caller's user scope) lets the caller see them. */
export async function getVisibleUser(db: Db, id: string, visible: SQL | undefined) {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      teamId: users.teamId,
      username: users.username,
    })
    .from(users)
    .where(and(eq(users.id, id), visible));
  return row;
}

// ── tasks ────────────────────────────────────────────────────────────────────

const taskColumns = {
  id: tasks.id,
  ownerId: tasks.ownerId,
  clientId: tasks.clientId,
  title: tasks.title,
  notes: tasks.notes,
  important: tasks.important,
  urgent: tasks.urgent,
  dueDate: tasks.dueDate,
  estimatedMinutes: tasks.estimatedMinutes,
  filterAnswers: tasks.filterAnswers,
  status: tasks.status,
  completedAt: tasks.completedAt,
  version: tasks.version,
  createdAt: tasks.createdAt,
  updatedAt: tasks.updatedAt,
};

export type TaskRow = Omit<
  Awaited<ReturnType<typeof selectTasks>>[number],
  'completedAt' | 'createdAt' | 'updatedAt'
> & {
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

function selectTasks(db: Db, where: SQL | undefined) {
  return db.select(taskColumns).from(tasks).where(where);
}

const taskRow = (r: Awaited<ReturnType<typeof selectTasks>>[number]): TaskRow => ({
  ...r,
  completedAt: toIso(r.completedAt),
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});

export type TaskFilter = {
  ownerId: string;
  status?: 'open' | 'done' | 'dropped';
  important?: boolean;
  urgent?: boolean;
  q?: string;
};

function taskWhere(f: TaskFilter): SQL | undefined {
  return and(
    eq(tasks.ownerId, f.ownerId),
    f.status ? eq(tasks.status, f.status) : undefined,
    f.important === undefined ? undefined : eq(tasks.important, f.important),
    f.urgent === undefined ? undefined : eq(tasks.urgent, f.urgent),
    f.q ? ilike(tasks.title, likePattern(f.q)) : undefined,
  );
}

const taskSorts = {
  dueDate: tasks.dueDate,
  createdAt: tasks.createdAt,
  title: tasks.title,
  status: tasks.status,
};

export async function findTasks(
  db: Db,
  f: TaskFilter,
  page: { page: number; pageSize: number; sort?: string },
): Promise<{ rows: TaskRow[]; total: number }> {
  const where = taskWhere(f);
  const [rows, [totalRow]] = await Promise.all([
    selectTasks(db, where)
      .orderBy(...orderBy(page.sort, taskSorts, 'dueDate', tasks.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ total: countAll }).from(tasks).where(where),
  ]);
  return { rows: rows.map(taskRow), total: totalRow?.total ?? 0 };
}

/** The open tasks of an owner, the soonest due first (undated last). */
export async function findOpenTasks(db: Db, ownerId: string): Promise<TaskRow[]> {
  const rows = await selectTasks(db, and(eq(tasks.ownerId, ownerId), eq(tasks.status, 'open'))).orderBy(
    sql`${tasks.dueDate} asc nulls last`,
    asc(tasks.createdAt),
    asc(tasks.id),
  );
  return rows.map(taskRow);
}

/** A task the caller may see (`visibleOwner`: the user scope on the owner column). */
export async function getTask(db: Db, id: string, visibleOwner?: SQL): Promise<TaskRow | undefined> {
  const [row] = await selectTasks(db, and(eq(tasks.id, id), visibleOwner));
  return row ? taskRow(row) : undefined;
}

export async function findTaskByClientId(db: Db, ownerId: string, clientId: string) {
  const [row] = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.ownerId, ownerId), eq(tasks.clientId, clientId)));
  return row;
}

export async function insertTask(db: Db, values: typeof tasks.$inferInsert): Promise<string> {
  const [row] = await db.insert(tasks).values(values).returning({ id: tasks.id });
  return row!.id;
}

/** Tasks completed (done) or dropped in [from, to] (China dates), by importance × urgency. */
export async function countClosedTasks(db: Db, ownerId: string, from: string, to: string) {
  const day = sql`(${tasks.completedAt} at time zone 'Asia/Shanghai')::date`;
  return db
    .select({ important: tasks.important, urgent: tasks.urgent, status: tasks.status, n: count() })
    .from(tasks)
    .where(
      and(
        eq(tasks.ownerId, ownerId),
        ne(tasks.status, 'open'),
        isNotNull(tasks.completedAt),
        sql`${day} between ${from} and ${to}`,
      ),
    )
    .groupBy(tasks.important, tasks.urgent, tasks.status);
}

// ── derived matrix items ─────────────────────────────────────────────────────

/** The owner's open follow-ups 跟进 (all of them: overdue ones matter most). */
export async function findOpenFollowUps(db: Db, ownerId: string) {
  return db
    .select({
      id: followUps.id,
      title: followUps.title,
      dueDate: followUps.dueDate,
      doctorId: followUps.doctorId,
      doctorName: doctors.name,
    })
    .from(followUps)
    .innerJoin(doctors, eq(doctors.id, followUps.doctorId))
    .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
    .where(and(eq(followUps.ownerId, ownerId), eq(followUps.status, 'open')))
    .orderBy(asc(followUps.dueDate), asc(followUps.id));
}

// ── time entries ─────────────────────────────────────────────────────────────

const entryColumns = {
  id: timeEntries.id,
  ownerId: timeEntries.ownerId,
  clientId: timeEntries.clientId,
  date: timeEntries.date,
  activity: timeEntries.activity,
  kind: timeEntries.kind,
  minutes: timeEntries.minutes,
  note: timeEntries.note,
  version: timeEntries.version,
  createdAt: timeEntries.createdAt,
  updatedAt: timeEntries.updatedAt,
};

const entryRow = <T extends { createdAt: string; updatedAt: string }>(r: T) => ({
  ...r,
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});
export type TimeEntryRow = ReturnType<typeof entryRow<Awaited<ReturnType<typeof selectEntries>>[number]>>;

function selectEntries(db: Db, where: SQL | undefined) {
  return db.select(entryColumns).from(timeEntries).where(where);
}

export async function findTimeEntries(
  db: Db,
  f: { ownerId: string; from?: string; to?: string },
  page: { page: number; pageSize: number },
) {
  const where = and(
    eq(timeEntries.ownerId, f.ownerId),
    f.from ? gte(timeEntries.date, f.from) : undefined,
    f.to ? lte(timeEntries.date, f.to) : undefined,
  );
  const [rows, [totalRow]] = await Promise.all([
    selectEntries(db, where)
      .orderBy(sql`${timeEntries.date} desc`, asc(timeEntries.createdAt), asc(timeEntries.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ total: countAll }).from(timeEntries).where(where),
  ]);
  return { rows: rows.map(entryRow), total: totalRow?.total ?? 0 };
}

export async function getTimeEntry(db: Db, id: string, visibleOwner?: SQL) {
  const [row] = await selectEntries(db, and(eq(timeEntries.id, id), visibleOwner));
  return row ? entryRow(row) : undefined;
}

export async function findTimeEntryByClientId(db: Db, ownerId: string, clientId: string) {
  const [row] = await db
    .select({ id: timeEntries.id })
    .from(timeEntries)
    .where(and(eq(timeEntries.ownerId, ownerId), eq(timeEntries.clientId, clientId)));
  return row;
}

export async function insertTimeEntry(db: Db, values: typeof timeEntries.$inferInsert): Promise<string> {
  const [row] = await db.insert(timeEntries).values(values).returning({ id: timeEntries.id });
  return row!.id;
}

export async function deleteTimeEntry(db: Db, id: string) {
  await db.delete(timeEntries).where(eq(timeEntries.id, id));
}

// ── weekly review sums ───────────────────────────────────────────────────────

/** Logged minutes in [from, to] by activity and kind. */
export async function sumTimeEntries(db: Db, ownerId: string, from: string, to: string) {
  return db
    .select({
      activity: timeEntries.activity,
      kind: timeEntries.kind,
      minutes: sql<number>`sum(${timeEntries.minutes})::int`,
    })
    .from(timeEntries)
    .where(and(eq(timeEntries.ownerId, ownerId), gte(timeEntries.date, from), lte(timeEntries.date, to)))
    .groupBy(timeEntries.activity, timeEntries.kind);
}

/** Planned calls (not cancelled) in [from, to], counted per time slot (a slot's minutes are a domain rule). */
export async function countPlannedCallSlots(db: Db, ownerId: string, from: string, to: string) {
  return db
    .select({
      startTime: plannedCalls.startTime,
      endTime: plannedCalls.endTime,
      n: count(),
    })
    .from(plannedCalls)
    .where(
      and(
        eq(plannedCalls.ownerId, ownerId),
        gte(plannedCalls.date, from),
        lte(plannedCalls.date, to),
        ne(plannedCalls.status, 'cancelled'),
      ),
    )
    .groupBy(plannedCalls.startTime, plannedCalls.endTime);
}

/** Submitted calls in [from, to]: their number and minutes (end − start). */
export async function sumSubmittedCalls(db: Db, ownerId: string, from: string, to: string) {
  const [row] = await db
    .select({
      n: count(),
      minutes: sql<number>`coalesce(round(sum(extract(epoch from (${calls.endAt} - ${calls.startAt})) / 60)), 0)::int`,
    })
    .from(calls)
    .where(
      and(
        eq(calls.ownerId, ownerId),
        eq(calls.status, 'submitted'),
        gte(calls.callDate, from),
        lte(calls.callDate, to),
      ),
    );
  return { n: row?.n ?? 0, minutes: row?.minutes ?? 0 };
}
