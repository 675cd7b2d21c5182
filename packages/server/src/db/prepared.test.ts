import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/test-database.ts';
import type { Database } from './client.ts';
import { executeNamed, namedPlanMaxReps, rowsForReps } from './prepared.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const countOf = (repIds: string[], day: string) =>
  sql`select count(*)::int as n, ${day}::date as day from unnest(${sql.param(repIds)}::uuid[]) as r(id)`;

/** Names of the statements the current connection keeps prepared (PostgreSQL; PGlite has none). */
async function preparedNames(db: Database['db']): Promise<string[]> {
  const { rows } = (await db.execute(sql`select name from pg_prepared_statements`)) as unknown as {
    rows: { name: string }[];
  };
  return rows.map((r) => r.name);
}

describe('executeNamed', () => {
  it.each([1, 3, 7])(
    'answers as an unnamed statement does, with new values each time (%i ids)',
    async (n) => {
      const named = await executeNamed<{ n: number; day: string }>(
        database.db,
        countOf(ids(n), '2026-01-0' + n),
        't',
      );
      const { rows } = (await database.db.execute(countOf(ids(n), '2026-01-0' + n))) as unknown as {
        rows: { n: number; day: string }[];
      };
      expect(named).toEqual(rows);
      expect(named).toEqual([{ n, day: `2026-01-0${n}` }]);
    },
  );

  it('is a named statement on PostgreSQL, the same name for the same text', async () => {
    if (database.engine !== 'postgres') return;
    // one connection, so the statements it prepared can be listed
    await database.db.transaction(async (tx) => {
      await executeNamed(tx, countOf(ids(2), '2026-02-01'), 'same');
      await executeNamed(tx, countOf(ids(5), '2026-02-02'), 'same');
      await executeNamed(tx, sql`select 1 as one`, 'other');
      const names = await preparedNames(tx);
      expect(names.filter((n) => n.startsWith('same_'))).toHaveLength(1);
      expect(names.filter((n) => n.startsWith('other_'))).toHaveLength(1);
    });
  });
});

describe('rowsForReps', () => {
  it('keeps a plan for a team, plans afresh for more reps than a team has', async () => {
    const few = await rowsForReps<{ n: number }>(database.db, countOf(ids(9), '2026-03-01'), ids(9), 'few');
    const many = await rowsForReps<{ n: number }>(
      database.db,
      countOf(ids(namedPlanMaxReps + 1), '2026-03-01'),
      ids(namedPlanMaxReps + 1),
      'many',
    );
    expect(few[0]!.n).toBe(9);
    expect(many[0]!.n).toBe(namedPlanMaxReps + 1);
    if (database.engine !== 'postgres') return;
    await database.db.transaction(async (tx) => {
      await rowsForReps(tx, countOf(ids(9), '2026-03-02'), ids(9), 'fewtx');
      await rowsForReps(tx, countOf(ids(200), '2026-03-02'), ids(200), 'manytx');
      const names = await preparedNames(tx);
      expect(names.some((n) => n.startsWith('fewtx_'))).toBe(true);
      expect(names.some((n) => n.startsWith('manytx_'))).toBe(false);
    });
  });
});
