import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.ts';
import { notFound, versionConflict } from '../errors/app-error.ts';

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn };

/**
 * Optimistic locking: updates the row only if it still has `expectedVersion`,
 * bumping the version. A stale version answers 409 with the current one; a
 * missing row answers 404.
 */
export async function updateVersioned<T extends VersionedTable>(
  tx: Db,
  table: T,
  id: string,
  expectedVersion: number,
  values: Record<string, unknown>,
): Promise<void> {
  const updated = await tx
    .update(table)
    .set({ ...values, version: sql`${table.version} + 1`, updatedAt: sql`now()` } as never)
    .where(and(eq(table.id, id), eq(table.version, expectedVersion)))
    .returning({ id: table.id });
  if (updated.length === 1) return;
  const [current] = await tx
    .select({ version: table.version })
    .from(table as PgTable)
    .where(eq(table.id, id));
  if (!current) throw notFound();
  throw versionConflict(current.version as number);
}

/** Drops keys whose value is undefined, so a PATCH only touches what it names. */
export function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
