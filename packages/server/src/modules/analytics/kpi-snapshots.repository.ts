import { and, eq, gte, lt, max, or, sql } from 'drizzle-orm';
import type { KpiCounts } from '@keqing/domain';
import type { DashboardQuery } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { kpiSnapshots } from '../../db/schema.ts';

/** The part of a dashboard query a snapshot answers: period, its day or range, and the product. */
export type SnapshotView = Pick<DashboardQuery, 'period' | 'date' | 'from' | 'to' | 'productId'>;

export type SnapshotMeta = { computedAt: Date; lastReadAt: Date; computeMs: number };

export async function findSnapshotMeta(db: Db, key: string): Promise<SnapshotMeta | undefined> {
  const [row] = await db
    .select({
      computedAt: kpiSnapshots.computedAt,
      lastReadAt: kpiSnapshots.lastReadAt,
      computeMs: kpiSnapshots.computeMs,
    })
    .from(kpiSnapshots)
    .where(eq(kpiSnapshots.key, key));
  return row;
}

/** The counts of a snapshot, when it still is the one computed at `computedAt` (a refresh may have replaced it). */
export async function findSnapshotCounts(
  db: Db,
  key: string,
  computedAt: Date,
): Promise<Record<string, KpiCounts> | undefined> {
  const [row] = await db
    .select({ counts: kpiSnapshots.counts })
    .from(kpiSnapshots)
    .where(and(eq(kpiSnapshots.key, key), eq(kpiSnapshots.computedAt, computedAt)));
  return row?.counts as Record<string, KpiCounts> | undefined;
}

export async function saveSnapshot(
  db: Db,
  row: {
    key: string;
    view: SnapshotView;
    counts: Record<string, KpiCounts>;
    computedAt: Date;
    computeMs: number;
    lastReadAt: Date;
  },
) {
  const values = { ...row, repCount: Object.keys(row.counts).length };
  await db
    .insert(kpiSnapshots)
    .values(values)
    .onConflictDoUpdate({
      target: kpiSnapshots.key,
      // a slower refresh that finishes after a newer one must not put older figures back
      set: {
        counts: values.counts,
        repCount: values.repCount,
        computedAt: values.computedAt,
        computeMs: values.computeMs,
        lastReadAt: sql`greatest(${kpiSnapshots.lastReadAt}, excluded.last_read_at)`,
      },
      setWhere: lt(kpiSnapshots.computedAt, values.computedAt),
    });
}

/** Marks a snapshot read (at most once an hour, so reading it is not a write each time). */
export async function touchSnapshot(db: Db, key: string, at: Date) {
  await db
    .update(kpiSnapshots)
    .set({ lastReadAt: at })
    .where(and(eq(kpiSnapshots.key, key), lt(kpiSnapshots.lastReadAt, new Date(at.getTime() - 60 * 60_000))));
}

/** The views someone read since `since`, each with its latest read (what the warmer keeps fresh). */
export async function findViewsReadSince(
  db: Db,
  since: Date,
): Promise<{ view: SnapshotView; lastReadAt: Date }[]> {
  const rows = await db
    .select({ view: kpiSnapshots.view, lastReadAt: max(kpiSnapshots.lastReadAt) })
    .from(kpiSnapshots)
    .groupBy(kpiSnapshots.view)
    .having(gte(max(kpiSnapshots.lastReadAt), since));
  return rows.map((r) => ({ view: r.view as SnapshotView, lastReadAt: r.lastReadAt! }));
}

/** Drops snapshots of past days (their key holds the day: never read again) and views nobody reads any more. */
export async function deleteOldSnapshots(db: Db, computedBefore: Date, readBefore: Date) {
  await db
    .delete(kpiSnapshots)
    .where(or(lt(kpiSnapshots.computedAt, computedBefore), lt(kpiSnapshots.lastReadAt, readBefore)));
}
