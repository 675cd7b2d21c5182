import { asc, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { ListResponse } from '@keqing/shared';

/**
 * Turns `?sort=name` / `?sort=-createdAt` into an ORDER BY over the columns a
 * route allows; unknown fields fall back to the default. The id is the last
 * key so pages are stable.
 */
export function orderBy(
  sort: string | undefined,
  allowed: Record<string, AnyColumn | SQL>,
  fallback: string,
  idColumn: AnyColumn,
): SQL[] {
  const wanted = sort ?? fallback;
  const descending = wanted.startsWith('-');
  const field = descending ? wanted.slice(1) : wanted;
  const column = allowed[field] ?? allowed[fallback.replace(/^-/, '')];
  const direction = column === allowed[field] ? descending : fallback.startsWith('-');
  const keys: SQL[] = [];
  // empty values last in both directions
  if (column) keys.push(direction ? sql`${column} desc nulls last` : asc(column));
  keys.push(asc(idColumn));
  return keys;
}

/** `%q%` for ILIKE with the user's wildcards escaped. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export const offsetOf = (page: number, pageSize: number) => (page - 1) * pageSize;

export const countAll = sql<number>`count(*)::int`;

/** Timestamps leave the API as ISO 8601 strings whichever driver read them. */
export function toIso(value: string | Date): string;
export function toIso(value: string | Date | null): string | null;
export function toIso(value: string | Date | null): string | null {
  if (value === null) return null;
  return new Date(value).toISOString();
}

/** The `{ items, total, page, pageSize }` body of every collection route (DESIGN.md §3). */
export function listOf<T>(items: T[], total: number, q: { page: number; pageSize: number }): ListResponse<T> {
  return { items, total, page: q.page, pageSize: q.pageSize };
}
