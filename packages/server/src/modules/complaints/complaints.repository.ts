import { and, desc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { channelCustomers, complaints, doctors, hospitals, products, users } from '../../db/schema.ts';
import { countAll, likePattern, offsetOf, toIso } from '../../db/list.ts';

/** The step in progress is past its due time (acknowledgement while received, closing until closed). */
export const overdueSql = sql<boolean>`(${complaints.status} <> 'closed' and now() > case when ${complaints.status} = 'received' then ${complaints.acknowledgeDueAt} else ${complaints.closeDueAt} end)`;

const columns = {
  id: complaints.id,
  ownerId: complaints.ownerId,
  ownerName: users.name,
  doctorId: complaints.doctorId,
  doctorName: doctors.name,
  hospitalId: complaints.hospitalId,
  hospitalName: hospitals.name,
  channelCustomerId: complaints.channelCustomerId,
  channelCustomerName: channelCustomers.name,
  productId: complaints.productId,
  productName: products.name,
  issueType: complaints.issueType,
  severity: complaints.severity,
  description: complaints.description,
  receivedAt: complaints.receivedAt,
  channel: complaints.channel,
  status: complaints.status,
  acknowledgeDueAt: complaints.acknowledgeDueAt,
  closeDueAt: complaints.closeDueAt,
  overdue: overdueSql,
  acknowledgedAt: complaints.acknowledgedAt,
  empoweredScope: complaints.empoweredScope,
  urgentAction: complaints.urgentAction,
  apologized: complaints.apologized,
  compensation: complaints.compensation,
  compensationFen: complaints.compensationFen,
  actionTakenAt: complaints.actionTakenAt,
  resolution: complaints.resolution,
  customerSatisfied: complaints.customerSatisfied,
  closedAt: complaints.closedAt,
  version: complaints.version,
  createdAt: complaints.createdAt,
  updatedAt: complaints.updatedAt,
};

function complaintsQuery(db: Db) {
  return db
    .select(columns)
    .from(complaints)
    .innerJoin(users, eq(users.id, complaints.ownerId))
    .leftJoin(doctors, eq(doctors.id, complaints.doctorId))
    .leftJoin(hospitals, eq(hospitals.id, complaints.hospitalId))
    .leftJoin(channelCustomers, eq(channelCustomers.id, complaints.channelCustomerId))
    .leftJoin(products, eq(products.id, complaints.productId));
}

type RawRow = Awaited<ReturnType<typeof complaintsQuery>>[number];

const withIso = (r: RawRow) => ({
  ...r,
  // pglite and node-postgres answer a boolean expression alike, but be strict
  overdue: r.overdue === true || (r.overdue as unknown) === 't',
  receivedAt: toIso(r.receivedAt),
  acknowledgeDueAt: toIso(r.acknowledgeDueAt),
  closeDueAt: toIso(r.closeDueAt),
  acknowledgedAt: toIso(r.acknowledgedAt),
  actionTakenAt: toIso(r.actionTakenAt),
  closedAt: toIso(r.closedAt),
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});
export type ComplaintRow = ReturnType<typeof withIso>;

export type ComplaintFilter = {
  ownerId?: string;
  doctorId?: string;
  channelCustomerId?: string;
  status?: string;
  issueType?: string;
  overdue?: boolean;
  q?: string;
  scope?: SQL;
};

export async function findComplaints(db: Db, f: ComplaintFilter, page: { page: number; pageSize: number }) {
  const w = and(
    f.ownerId ? eq(complaints.ownerId, f.ownerId) : undefined,
    f.doctorId ? eq(complaints.doctorId, f.doctorId) : undefined,
    f.channelCustomerId ? eq(complaints.channelCustomerId, f.channelCustomerId) : undefined,
    f.status ? eq(complaints.status, f.status as 'received') : undefined,
    f.issueType ? eq(complaints.issueType, f.issueType) : undefined,
    f.overdue === undefined ? undefined : f.overdue ? overdueSql : sql`not ${overdueSql}`,
    f.q ? ilike(complaints.description, likePattern(f.q)) : undefined,
    f.scope,
  );
  const [rows, [c]] = await Promise.all([
    complaintsQuery(db)
      .where(w)
      // open overdue first, then the newest
      .orderBy(desc(overdueSql), desc(complaints.receivedAt), complaints.id)
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(complaints).where(w),
  ]);
  return { rows: rows.map(withIso), total: c?.n ?? 0 };
}

export async function getComplaint(db: Db, id: string, scope?: SQL) {
  const [row] = await complaintsQuery(db).where(and(eq(complaints.id, id), scope));
  return row && withIso(row);
}

export type ComplaintValues = typeof complaints.$inferInsert;

export async function insertComplaint(db: Db, values: ComplaintValues): Promise<string> {
  const [row] = await db.insert(complaints).values(values).returning({ id: complaints.id });
  return row!.id;
}

export async function findDoctor(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select({ id: doctors.id, hospitalId: doctors.hospitalId, mergedInto: doctors.mergedInto })
    .from(doctors)
    .where(and(eq(doctors.id, id), scope));
  return row;
}

export async function findChannelCustomer(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select({ id: channelCustomers.id })
    .from(channelCustomers)
    .where(and(eq(channelCustomers.id, id), scope));
  return row;
}

export async function productExists(db: Db, id: string) {
  const [row] = await db.select({ id: products.id }).from(products).where(eq(products.id, id));
  return row !== undefined;
}

export { channelCustomers, complaints, doctors };
