import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { channelCustomers, channelPromises, users } from '../../db/schema.ts';
import { countAll, offsetOf, toIso } from '../../db/list.ts';

export { channelPromises };

/** Open and past its due date (China today). */
export const promiseOverdueSql = sql<boolean>`(${channelPromises.status} = 'open' and ${channelPromises.dueOn} < (now() at time zone 'Asia/Shanghai')::date)`;

const columns = {
  id: channelPromises.id,
  channelCustomerId: channelPromises.channelCustomerId,
  channelCustomerName: channelCustomers.name,
  ownerId: channelPromises.ownerId,
  ownerName: users.name,
  promise: channelPromises.promise,
  madeOn: channelPromises.madeOn,
  dueOn: channelPromises.dueOn,
  status: channelPromises.status,
  overdue: promiseOverdueSql,
  closedOn: channelPromises.closedOn,
  note: channelPromises.note,
  version: channelPromises.version,
  createdAt: channelPromises.createdAt,
  updatedAt: channelPromises.updatedAt,
};

function promisesQuery(db: Db) {
  return db
    .select(columns)
    .from(channelPromises)
    .innerJoin(channelCustomers, eq(channelCustomers.id, channelPromises.channelCustomerId))
    .innerJoin(users, eq(users.id, channelPromises.ownerId));
}
type RawRow = Awaited<ReturnType<typeof promisesQuery>>[number];
const withIso = (r: RawRow) => ({
  ...r,
  overdue: r.overdue === true || (r.overdue as unknown) === 't',
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});
export type PromiseRow = ReturnType<typeof withIso>;

export type PromiseFilter = {
  channelCustomerId?: string;
  ownerId?: string;
  status?: 'open' | 'kept' | 'broken';
  overdue?: boolean;
  scope?: SQL;
};

export async function findPromises(db: Db, f: PromiseFilter, page: { page: number; pageSize: number }) {
  const w = and(
    f.channelCustomerId ? eq(channelPromises.channelCustomerId, f.channelCustomerId) : undefined,
    f.ownerId ? eq(channelPromises.ownerId, f.ownerId) : undefined,
    f.status ? eq(channelPromises.status, f.status) : undefined,
    f.overdue === undefined ? undefined : f.overdue ? promiseOverdueSql : sql`not ${promiseOverdueSql}`,
    f.scope,
  );
  const [rows, [c]] = await Promise.all([
    promisesQuery(db)
      .where(w)
      // overdue first, then open by due date, then closed ones newest first
      .orderBy(
        desc(promiseOverdueSql),
        sql`${channelPromises.status} <> 'open'`,
        asc(channelPromises.dueOn),
        channelPromises.id,
      )
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(channelPromises).where(w),
  ]);
  return { rows: rows.map(withIso), total: c?.n ?? 0 };
}

export async function getPromise(db: Db, id: string, scope?: SQL) {
  const [row] = await promisesQuery(db).where(and(eq(channelPromises.id, id), scope));
  return row && withIso(row);
}

export type PromiseValues = typeof channelPromises.$inferInsert;

export async function insertPromise(db: Db, values: PromiseValues): Promise<string> {
  const [row] = await db.insert(channelPromises).values(values).returning({ id: channelPromises.id });
  return row!.id;
}
