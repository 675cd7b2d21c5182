import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { keyAccountReviews, users } from '../../db/schema.ts';
import { countAll, offsetOf, toIso } from '../../db/list.ts';

const owner = alias(users, 'owner');
const reviewer = alias(users, 'reviewer');
const columns = {
  id: keyAccountReviews.id,
  ownerId: keyAccountReviews.ownerId,
  ownerName: owner.name,
  weekStart: keyAccountReviews.weekStart,
  note: keyAccountReviews.note,
  reviewedById: keyAccountReviews.reviewedBy,
  reviewedByName: reviewer.name,
  version: keyAccountReviews.version,
  updatedAt: keyAccountReviews.updatedAt,
};

function reviewsQuery(db: Db) {
  return db
    .select(columns)
    .from(keyAccountReviews)
    .innerJoin(owner, eq(owner.id, keyAccountReviews.ownerId))
    .innerJoin(reviewer, eq(reviewer.id, keyAccountReviews.reviewedBy));
}
const withIso = <T extends { updatedAt: string }>(r: T) => ({ ...r, updatedAt: toIso(r.updatedAt) });

export async function findReviews(
  db: Db,
  f: { ownerId?: string; scope?: SQL },
  page: { page: number; pageSize: number },
) {
  const w = and(f.ownerId ? eq(keyAccountReviews.ownerId, f.ownerId) : undefined, f.scope);
  const [rows, [c]] = await Promise.all([
    reviewsQuery(db)
      .where(w)
      .orderBy(desc(keyAccountReviews.weekStart), desc(keyAccountReviews.updatedAt))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(keyAccountReviews).where(w),
  ]);
  return { rows: rows.map(withIso), total: c?.n ?? 0 };
}

export async function getReview(db: Db, ownerId: string, weekStart: string) {
  const [row] = await reviewsQuery(db).where(
    and(eq(keyAccountReviews.ownerId, ownerId), eq(keyAccountReviews.weekStart, weekStart)),
  );
  return row && withIso(row);
}

/** One review per rep and week: recording again replaces the note (the audit log keeps the old one). */
export async function upsertReview(
  db: Db,
  values: { ownerId: string; weekStart: string; note: string; reviewedBy: string },
) {
  await db
    .insert(keyAccountReviews)
    .values(values)
    .onConflictDoUpdate({
      target: [keyAccountReviews.ownerId, keyAccountReviews.weekStart],
      set: {
        note: values.note,
        reviewedBy: values.reviewedBy,
        version: sql`${keyAccountReviews.version} + 1`,
        updatedAt: sql`now()`,
      },
    });
}

export async function findUserRole(db: Db, userId: string, scope?: SQL) {
  const [row] = await db
    .select({ role: users.role })
    .from(users)
    .where(scope ? and(eq(users.id, userId), scope) : eq(users.id, userId));
  return row;
}

export { keyAccountReviews, users };
