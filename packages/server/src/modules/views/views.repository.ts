import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { savedViews } from '../../db/schema.ts';
import { countAll, offsetOf, orderBy, toIso } from '../../db/list.ts';

const columns = {
  id: savedViews.id,
  listKind: savedViews.listKind,
  name: savedViews.name,
  params: savedViews.params,
  version: savedViews.version,
  createdAt: savedViews.createdAt,
  updatedAt: savedViews.updatedAt,
};
type Row = { params: unknown; createdAt: string; updatedAt: string };
const toView = <T extends Row>(r: T) => ({
  ...r,
  params: r.params as Record<string, unknown>,
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});

/** A user's own views; nobody else's are ever read. */
export async function findViews(
  db: Db,
  userId: string,
  f: { listKind?: string },
  page: { page: number; pageSize: number; sort?: string },
) {
  const w = and(eq(savedViews.userId, userId), f.listKind ? eq(savedViews.listKind, f.listKind) : undefined);
  const [rows, [c]] = await Promise.all([
    db
      .select(columns)
      .from(savedViews)
      .where(w)
      .orderBy(
        ...orderBy(
          page.sort,
          { name: savedViews.name, listKind: savedViews.listKind, updatedAt: savedViews.updatedAt },
          'name',
          savedViews.id,
        ),
      )
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(savedViews).where(w),
  ]);
  return { rows: rows.map(toView), total: c?.n ?? 0 };
}

export async function getView(db: Db, id: string, userId: string) {
  const [row] = await db
    .select(columns)
    .from(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, userId)));
  return row && toView(row);
}

export async function insertView(db: Db, values: typeof savedViews.$inferInsert) {
  const [row] = await db.insert(savedViews).values(values).returning({ id: savedViews.id });
  return row!.id;
}

export async function deleteView(db: Db, id: string) {
  await db.delete(savedViews).where(eq(savedViews.id, id));
}

export { savedViews };
