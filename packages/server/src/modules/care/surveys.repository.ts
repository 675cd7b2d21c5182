import { and, asc, desc, eq, gte, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { SurveyQuestion } from '@keqing/domain';
import type { Db } from '../../db/client.ts';
import type { Scope } from '../../scope/scope.ts';
import { countAll, offsetOf, toIso } from '../../db/list.ts';
import {
  channelCustomers,
  doctors,
  hospitals,
  surveyInvitations,
  surveyTemplates,
  users,
} from '../../db/schema.ts';

// ── Templates ────────────────────────────────────────────────────────────────

const templateOut = (r: typeof surveyTemplates.$inferSelect) => ({
  id: r.id,
  name: r.name,
  audience: r.audience,
  questions: r.questions as SurveyQuestion[],
  active: r.active,
  version: r.version,
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});
export type TemplateRow = ReturnType<typeof templateOut>;

export async function findTemplates(
  db: Db,
  f: { audience?: string; active?: boolean; q?: string },
  page: { page: number; pageSize: number },
) {
  const w = and(
    f.audience ? eq(surveyTemplates.audience, f.audience as 'doctor') : undefined,
    f.active === undefined ? undefined : eq(surveyTemplates.active, f.active),
    f.q ? sql`${surveyTemplates.name} ilike ${`%${f.q.replace(/[\\%_]/g, '\\$&')}%`}` : undefined,
  );
  const [rows, [c]] = await Promise.all([
    db
      .select()
      .from(surveyTemplates)
      .where(w)
      .orderBy(asc(surveyTemplates.audience), asc(surveyTemplates.name), asc(surveyTemplates.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(surveyTemplates).where(w),
  ]);
  return { rows: rows.map(templateOut), total: c?.n ?? 0 };
}

export async function getTemplate(db: Db, id: string) {
  const [row] = await db.select().from(surveyTemplates).where(eq(surveyTemplates.id, id));
  return row && templateOut(row);
}

export async function insertTemplate(tx: Db, values: typeof surveyTemplates.$inferInsert): Promise<string> {
  const [row] = await tx.insert(surveyTemplates).values(values).returning({ id: surveyTemplates.id });
  return row!.id;
}

// ── Recipients ───────────────────────────────────────────────────────────────

export async function getDoctor(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select({ id: doctors.id, name: doctors.name, hospitalId: doctors.hospitalId })
    .from(doctors)
    .where(and(eq(doctors.id, id), scope));
  return row;
}

export async function getChannelCustomer(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select({ id: channelCustomers.id, name: channelCustomers.name, kind: channelCustomers.kind })
    .from(channelCustomers)
    .where(and(eq(channelCustomers.id, id), scope));
  return row;
}

// ── Invitations ──────────────────────────────────────────────────────────────

const invitationColumns = {
  id: surveyInvitations.id,
  templateId: surveyInvitations.templateId,
  templateName: surveyTemplates.name,
  audience: surveyTemplates.audience,
  doctorId: surveyInvitations.doctorId,
  doctorName: doctors.name,
  hospitalName: hospitals.name,
  channelCustomerId: surveyInvitations.channelCustomerId,
  channelCustomerName: channelCustomers.name,
  sentById: surveyInvitations.sentBy,
  sentByName: users.name,
  sentAt: surveyInvitations.sentAt,
  expiresAt: surveyInvitations.expiresAt,
  answeredAt: surveyInvitations.answeredAt,
  expired: sql<boolean>`(${surveyInvitations.answeredAt} is null and ${surveyInvitations.expiresAt} < now())`,
  priceScore: surveyInvitations.priceScore,
  efficacyScore: surveyInvitations.efficacyScore,
  serviceScore: surveyInvitations.serviceScore,
  answers: surveyInvitations.answers,
  comment: surveyInvitations.comment,
};

const invitationsQuery = (db: Db) =>
  db
    .select(invitationColumns)
    .from(surveyInvitations)
    .innerJoin(surveyTemplates, eq(surveyTemplates.id, surveyInvitations.templateId))
    .innerJoin(users, eq(users.id, surveyInvitations.sentBy))
    .leftJoin(doctors, eq(doctors.id, surveyInvitations.doctorId))
    .leftJoin(hospitals, eq(hospitals.id, surveyInvitations.hospitalId))
    .leftJoin(channelCustomers, eq(channelCustomers.id, surveyInvitations.channelCustomerId));
type InvitationRaw = Awaited<ReturnType<typeof invitationsQuery>>[number];

const invitationOut = (r: InvitationRaw) => ({
  ...r,
  expired: r.expired === true || String(r.expired) === 'true',
  answers: (r.answers ?? null) as Record<string, string | number> | null,
  sentAt: toIso(r.sentAt),
  expiresAt: toIso(r.expiresAt),
  answeredAt: toIso(r.answeredAt),
});
export type InvitationRow = ReturnType<typeof invitationOut>;

export type InvitationFilter = {
  doctorId?: string;
  channelCustomerId?: string;
  answered?: boolean;
  from?: string;
  to?: string;
  scope?: SQL;
};
/** from/to: China dates of the answer */
const invitationWhere = (f: InvitationFilter) =>
  and(
    f.doctorId ? eq(surveyInvitations.doctorId, f.doctorId) : undefined,
    f.channelCustomerId ? eq(surveyInvitations.channelCustomerId, f.channelCustomerId) : undefined,
    f.answered === undefined
      ? undefined
      : f.answered
        ? isNotNull(surveyInvitations.answeredAt)
        : isNull(surveyInvitations.answeredAt),
    f.from
      ? gte(sql`(${surveyInvitations.answeredAt} at time zone 'Asia/Shanghai')::date`, f.from)
      : undefined,
    f.to ? sql`(${surveyInvitations.answeredAt} at time zone 'Asia/Shanghai')::date <= ${f.to}` : undefined,
    f.scope,
  );

export async function findInvitations(db: Db, f: InvitationFilter, page: { page: number; pageSize: number }) {
  const w = invitationWhere(f);
  const [rows, [c]] = await Promise.all([
    invitationsQuery(db)
      .where(w)
      .orderBy(desc(surveyInvitations.sentAt), asc(surveyInvitations.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(surveyInvitations).where(w),
  ]);
  return { rows: rows.map(invitationOut), total: c?.n ?? 0 };
}

export async function getInvitation(db: Db, id: string) {
  const [row] = await invitationsQuery(db).where(eq(surveyInvitations.id, id));
  return row && invitationOut(row);
}

/** Answered invitations (newest first, at most `limit`) with the China date of each answer. */
export async function findAnswers(db: Db, f: InvitationFilter, limit = 200) {
  const rows = await invitationsQuery(db)
    .where(invitationWhere({ ...f, answered: true }))
    .orderBy(desc(surveyInvitations.answeredAt), asc(surveyInvitations.id))
    .limit(limit);
  return rows.map(invitationOut);
}

/** The three scores of every answer in the filter, with the China date (for the monthly trend, no limit). */
export async function findScores(db: Db, f: InvitationFilter) {
  const rows = await db
    .select({
      answeredOn: sql<string>`to_char((${surveyInvitations.answeredAt} at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD')`,
      priceScore: surveyInvitations.priceScore,
      efficacyScore: surveyInvitations.efficacyScore,
      serviceScore: surveyInvitations.serviceScore,
    })
    .from(surveyInvitations)
    .where(invitationWhere({ ...f, answered: true }));
  return rows.map((r) => ({
    answeredOn: r.answeredOn,
    priceScore: r.priceScore ?? 0,
    efficacyScore: r.efficacyScore ?? 0,
    serviceScore: r.serviceScore ?? 0,
  }));
}

export async function insertInvitation(tx: Db, values: typeof surveyInvitations.$inferInsert) {
  const [row] = await tx.insert(surveyInvitations).values(values).returning({ id: surveyInvitations.id });
  return row!.id;
}

/** The invitation a public token names, with its template and the recipient's name only. */
export async function getByTokenHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      id: surveyInvitations.id,
      expiresAt: surveyInvitations.expiresAt,
      answeredAt: surveyInvitations.answeredAt,
      expired: sql<boolean>`(${surveyInvitations.expiresAt} < now())`,
      templateName: surveyTemplates.name,
      audience: surveyTemplates.audience,
      questions: surveyTemplates.questions,
      doctorName: doctors.name,
      channelCustomerName: channelCustomers.name,
    })
    .from(surveyInvitations)
    .innerJoin(surveyTemplates, eq(surveyTemplates.id, surveyInvitations.templateId))
    .leftJoin(doctors, eq(doctors.id, surveyInvitations.doctorId))
    .leftJoin(channelCustomers, eq(channelCustomers.id, surveyInvitations.channelCustomerId))
    .where(eq(surveyInvitations.tokenHash, tokenHash));
  return (
    row && {
      ...row,
      expired: row.expired === true || String(row.expired) === 'true',
      questions: row.questions as SurveyQuestion[],
      recipientName: row.doctorName ?? row.channelCustomerName ?? '',
    }
  );
}

/**
 * Stores the answers if the invitation is still open (not answered, not expired); false when another submit got
 * there first, so a token is used exactly once even when two submits race.
 */
export async function answerInvitation(
  tx: Db,
  id: string,
  values: {
    priceScore: number;
    efficacyScore: number;
    serviceScore: number;
    answers: Record<string, string | number>;
    comment: string | null;
  },
): Promise<boolean> {
  const rows = await tx
    .update(surveyInvitations)
    .set({ ...values, answeredAt: sql`now()` })
    .where(
      and(
        eq(surveyInvitations.id, id),
        isNull(surveyInvitations.answeredAt),
        sql`${surveyInvitations.expiresAt} >= now()`,
      ),
    )
    .returning({ id: surveyInvitations.id });
  return rows.length === 1;
}

/** For tests and fixtures: an invitation's expiry moved (e.g. into the past). */
export async function setExpiresAt(db: Db, id: string, expiresAt: string) {
  await db.update(surveyInvitations).set({ expiresAt }).where(eq(surveyInvitations.id, id));
}

/** Invitations on doctors of the scope's hospitals or on the scope's channel customers (undefined: all). */
export function visibleInvitations(scope: Scope): SQL | undefined {
  const byHospital = scope.hospitals(surveyInvitations.hospitalId);
  const byCustomer = scope.channelCustomers(surveyInvitations.channelCustomerId);
  return byHospital && byCustomer ? or(byHospital, byCustomer) : undefined;
}

export { channelCustomers, doctors, surveyInvitations, surveyTemplates };
