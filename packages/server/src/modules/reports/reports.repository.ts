/** Queries of 日报/周报: the day's records a report is drafted from, reports, amendments and comments. */
import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DayInputs } from '@keqing/domain';
import type { Db } from '../../db/client.ts';
import {
  calls,
  careActions,
  dailyReportAmendments,
  dailyReports,
  doctors,
  followUps,
  hospitals,
  notifications,
  plannedCalls,
  reportComments,
  teams,
  users,
} from '../../db/schema.ts';
import { countAll, offsetOf, toIso } from '../../db/list.ts';

export { dailyReports, users };

// ── the day's records ────────────────────────────────────────────────────────

const chinaDay = (column: SQL | typeof followUps.resolvedAt) =>
  sql<string>`to_char(${column} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;

/**
 * The records of an owner's days in [from, to], grouped by day: planned calls, submitted calls, care actions and
 * follow-ups marked done (by the China date they were resolved on).
 */
export async function findDayInputs(db: Db, ownerId: string, from: string, to: string) {
  const [planned, done, care, followed] = await Promise.all([
    db
      .select({
        id: plannedCalls.id,
        date: plannedCalls.date,
        doctorId: plannedCalls.doctorId,
        doctorName: doctors.name,
        hospitalName: hospitals.name,
        halfDay: plannedCalls.halfDay,
        status: plannedCalls.status,
      })
      .from(plannedCalls)
      .innerJoin(doctors, eq(doctors.id, plannedCalls.doctorId))
      .innerJoin(hospitals, eq(hospitals.id, plannedCalls.hospitalId))
      .where(and(eq(plannedCalls.ownerId, ownerId), gte(plannedCalls.date, from), lte(plannedCalls.date, to)))
      .orderBy(
        asc(plannedCalls.date),
        asc(plannedCalls.halfDay),
        asc(plannedCalls.startTime),
        asc(plannedCalls.id),
      ),
    db
      .select({
        id: calls.id,
        date: calls.callDate,
        doctorId: calls.doctorId,
        doctorName: doctors.name,
        hospitalName: hospitals.name,
        plannedCallId: calls.plannedCallId,
        type: calls.type,
        startAt: calls.startAt,
        endAt: calls.endAt,
        objectives: calls.objectives,
      })
      .from(calls)
      .innerJoin(doctors, eq(doctors.id, calls.doctorId))
      .innerJoin(hospitals, eq(hospitals.id, calls.hospitalId))
      .where(
        and(
          eq(calls.ownerId, ownerId),
          eq(calls.status, 'submitted'),
          gte(calls.callDate, from),
          lte(calls.callDate, to),
        ),
      ),
    db
      .select({
        id: careActions.id,
        date: careActions.actionDate,
        doctorId: careActions.doctorId,
        doctorName: doctors.name,
        kind: careActions.kind,
        valueFen: careActions.valueFen,
        purpose: careActions.purpose,
      })
      .from(careActions)
      .innerJoin(doctors, eq(doctors.id, careActions.doctorId))
      .where(
        and(
          eq(careActions.ownerId, ownerId),
          gte(careActions.actionDate, from),
          lte(careActions.actionDate, to),
        ),
      )
      .orderBy(asc(careActions.actionDate), asc(careActions.createdAt)),
    db
      .select({
        id: followUps.id,
        date: chinaDay(followUps.resolvedAt),
        doctorId: followUps.doctorId,
        doctorName: doctors.name,
        title: followUps.title,
      })
      .from(followUps)
      .innerJoin(doctors, eq(doctors.id, followUps.doctorId))
      .where(
        and(
          eq(followUps.ownerId, ownerId),
          eq(followUps.status, 'done'),
          sql`${chinaDay(followUps.resolvedAt)} between ${from} and ${to}`,
        ),
      )
      .orderBy(asc(followUps.resolvedAt)),
  ]);
  const days = new Map<string, DayInputs>();
  const dayOf = (date: string) => {
    let d = days.get(date);
    if (!d) days.set(date, (d = { date, plannedCalls: [], calls: [], careActions: [], followUpsDone: [] }));
    return d;
  };
  for (const { date, ...p } of planned) dayOf(date).plannedCalls.push(p);
  for (const { date, objectives, startAt, endAt, ...c } of done)
    dayOf(date).calls.push({
      ...c,
      startAt: toIso(startAt),
      endAt: toIso(endAt),
      objectives: ((objectives ?? []) as { text?: string }[]).map((o) => o.text ?? '').filter(Boolean),
    });
  for (const { date, ...a } of care) dayOf(date).careActions.push(a);
  for (const { date, ...f } of followed) dayOf(date).followUpsDone.push(f);
  return days;
}

// ── reports ──────────────────────────────────────────────────────────────────

const owner = alias(users, 'owner');
const reader = alias(users, 'reader');

const reportColumns = {
  id: dailyReports.id,
  ownerId: dailyReports.ownerId,
  ownerName: owner.name,
  date: dailyReports.date,
  status: dailyReports.status,
  summary: dailyReports.summary,
  deviations: dailyReports.deviations,
  highlights: dailyReports.highlights,
  problems: dailyReports.problems,
  helpRequests: dailyReports.helpRequests,
  submittedAt: dailyReports.submittedAt,
  readAt: dailyReports.readAt,
  readBy: dailyReports.readBy,
  readByName: reader.name,
  commentCount: sql<number>`(select count(*)::int from report_comments rc where rc.report_id = ${dailyReports.id})`,
  version: dailyReports.version,
  createdAt: dailyReports.createdAt,
  updatedAt: dailyReports.updatedAt,
};

function selectReports(db: Db, where: SQL | undefined) {
  return db
    .select(reportColumns)
    .from(dailyReports)
    .innerJoin(owner, eq(owner.id, dailyReports.ownerId))
    .leftJoin(reader, eq(reader.id, dailyReports.readBy))
    .where(where);
}

const reportRow = (r: Awaited<ReturnType<typeof selectReports>>[number]) => ({
  ...r,
  submittedAt: r.submittedAt ? toIso(r.submittedAt) : null,
  readAt: r.readAt ? toIso(r.readAt) : null,
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});
export type ReportRow = ReturnType<typeof reportRow>;

export async function getReport(db: Db, id: string, visible?: SQL): Promise<ReportRow | undefined> {
  const [row] = await selectReports(db, and(eq(dailyReports.id, id), visible));
  return row ? reportRow(row) : undefined;
}

export async function getReportOf(db: Db, ownerId: string, date: string): Promise<ReportRow | undefined> {
  const [row] = await selectReports(db, and(eq(dailyReports.ownerId, ownerId), eq(dailyReports.date, date)));
  return row ? reportRow(row) : undefined;
}

export type ReportFilter = {
  visible: SQL | undefined;
  ownerId?: string;
  ownerIds?: string[];
  from?: string;
  to?: string;
  status?: 'draft' | 'submitted';
  unread?: boolean;
};

const reportWhere = (f: ReportFilter) =>
  and(
    f.visible,
    f.ownerId ? eq(dailyReports.ownerId, f.ownerId) : undefined,
    f.ownerIds ? (f.ownerIds.length ? inArray(dailyReports.ownerId, f.ownerIds) : sql`false`) : undefined,
    f.from ? gte(dailyReports.date, f.from) : undefined,
    f.to ? lte(dailyReports.date, f.to) : undefined,
    f.status ? eq(dailyReports.status, f.status) : undefined,
    f.unread === true ? and(eq(dailyReports.status, 'submitted'), isNull(dailyReports.readAt)) : undefined,
    f.unread === false ? sql`${dailyReports.readAt} is not null` : undefined,
  );

export async function findReports(db: Db, f: ReportFilter, page: { page: number; pageSize: number }) {
  const where = reportWhere(f);
  const [rows, [total]] = await Promise.all([
    selectReports(db, where)
      .orderBy(desc(dailyReports.date), asc(owner.name), asc(dailyReports.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(dailyReports).where(where),
  ]);
  return { rows: rows.map(reportRow), total: total?.n ?? 0 };
}

/** Every report matching the filter (a week, a team's day): no paging. */
export async function findAllReports(db: Db, f: ReportFilter) {
  const rows = await selectReports(db, reportWhere(f)).orderBy(asc(dailyReports.date));
  return rows.map(reportRow);
}

export async function insertReport(tx: Db, values: typeof dailyReports.$inferInsert): Promise<string> {
  const [row] = await tx.insert(dailyReports).values(values).returning({ id: dailyReports.id });
  return row!.id;
}

export async function markRead(tx: Db, id: string, readerId: string) {
  await tx
    .update(dailyReports)
    .set({ readAt: sql`now()`, readBy: readerId, updatedAt: sql`now()` })
    .where(and(eq(dailyReports.id, id), isNull(dailyReports.readAt)));
}

// ── amendments ───────────────────────────────────────────────────────────────

export async function insertAmendment(tx: Db, values: typeof dailyReportAmendments.$inferInsert) {
  await tx.insert(dailyReportAmendments).values(values);
}

export async function findAmendments(db: Db, reportId: string) {
  const rows = await db
    .select({
      id: dailyReportAmendments.id,
      reportId: dailyReportAmendments.reportId,
      changes: dailyReportAmendments.changes,
      reason: dailyReportAmendments.reason,
      actorId: dailyReportAmendments.actorId,
      actorName: users.name,
      createdAt: dailyReportAmendments.createdAt,
    })
    .from(dailyReportAmendments)
    .innerJoin(users, eq(users.id, dailyReportAmendments.actorId))
    .where(eq(dailyReportAmendments.reportId, reportId))
    .orderBy(asc(dailyReportAmendments.createdAt), asc(dailyReportAmendments.id));
  return rows.map((r) => ({
    ...r,
    changes: r.changes as Record<string, { before: unknown; after: unknown }>,
    createdAt: toIso(r.createdAt),
  }));
}

// ── comments ─────────────────────────────────────────────────────────────────

const commentColumns = {
  id: reportComments.id,
  reportId: reportComments.reportId,
  authorId: reportComments.authorId,
  authorName: users.name,
  kind: reportComments.kind,
  body: reportComments.body,
  createdAt: reportComments.createdAt,
};

const commentRow = (r: Awaited<ReturnType<typeof selectComments>>[number]) => ({
  ...r,
  createdAt: toIso(r.createdAt),
});

function selectComments(db: Db, where: SQL | undefined) {
  return db
    .select(commentColumns)
    .from(reportComments)
    .innerJoin(users, eq(users.id, reportComments.authorId))
    .where(where)
    .orderBy(asc(reportComments.createdAt), asc(reportComments.id));
}

export async function findComments(db: Db, reportId: string) {
  return (await selectComments(db, eq(reportComments.reportId, reportId))).map(commentRow);
}

export async function getComment(db: Db, id: string) {
  const [row] = await selectComments(db, eq(reportComments.id, id));
  return row ? commentRow(row) : undefined;
}

export async function findCommentByClientId(db: Db, authorId: string, clientId: string) {
  const [row] = await db
    .select({ id: reportComments.id })
    .from(reportComments)
    .where(and(eq(reportComments.authorId, authorId), eq(reportComments.clientId, clientId)));
  return row;
}

export async function insertComment(tx: Db, values: typeof reportComments.$inferInsert): Promise<string> {
  const [row] = await tx.insert(reportComments).values(values).returning({ id: reportComments.id });
  return row!.id;
}

/** Per report: comments by others whose notification the reader has not read yet. */
export async function countUnreadComments(db: Db, readerId: string, reportIds: string[]) {
  if (reportIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ reportId: reportComments.reportId, n: countAll })
    .from(reportComments)
    .innerJoin(
      notifications,
      and(
        eq(notifications.userId, readerId),
        eq(notifications.sourceKey, sql`'reportComment:' || ${reportComments.id}::text`),
      ),
    )
    .where(
      and(
        inArray(reportComments.reportId, reportIds),
        ne(reportComments.authorId, readerId),
        isNull(notifications.readAt),
      ),
    )
    .groupBy(reportComments.reportId);
  return new Map(rows.map((r) => [r.reportId, r.n]));
}

// ── people ───────────────────────────────────────────────────────────────────

/** The user, if `visible` (the caller's user scope) lets the caller see them. */
export async function getVisibleUser(db: Db, id: string, visible: SQL | undefined) {
  const [row] = await db
    .select({ id: users.id, name: users.name, role: users.role, teamId: users.teamId })
    .from(users)
    .where(and(eq(users.id, id), visible));
  return row;
}

/** Teams the caller may look at (`visible`: the scope's team condition), by name. */
export async function findTeams(db: Db, visible: SQL | undefined) {
  return db
    .select({ id: teams.id, name: teams.name, managerId: teams.managerId })
    .from(teams)
    .where(visible)
    .orderBy(asc(teams.name));
}

/** Active reps of a team, by name. */
export async function findTeamReps(db: Db, teamId: string) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.teamId, teamId), eq(users.role, 'rep'), eq(users.active, true)))
    .orderBy(asc(users.username));
}
