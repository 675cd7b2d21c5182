import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from './client.ts';

/**
 * A fixed-shape statement that requests run all the time (the session lookup on every one, the doctor page's
 * reads), prepared once per database or transaction object: Drizzle does not build its SQL again, and on
 * PostgreSQL it is a named statement each connection parses and plans once. `build` must end in
 * `.prepare(name)` with a name used nowhere else; values go in as `sql.placeholder`s.
 */
export function preparedPerDb<Prepared>(build: (db: Db) => Prepared): (db: Db) => Prepared {
  const byDb = new WeakMap<Db, Prepared>();
  return (db) => {
    let prepared = byDb.get(db);
    if (!prepared) byDb.set(db, (prepared = build(db)));
    return prepared;
  };
}

const dialect = new PgDialect();

/**
 * Runs a built statement (`sql` template, values as parameters) as a named statement, named after a hash of its
 * text: on PostgreSQL each connection parses it once and, after five runs, may keep one generic plan instead of
 * planning every run. The team dashboard's KPI statements take 7–9 ms to plan and about as long to run, 18 of
 * them a request. Only for statements whose best plan does not depend on the size of their values: callers keep
 * a national roll-up (thousands of reps) unnamed, so a plan made for a team is never used for it. PGlite plans
 * in process and ignores the name.
 */
export async function executeNamed<Row>(db: Db, query: SQL, prefix: string): Promise<Row[]> {
  const built = dialect.sqlToQuery(query);
  const name = `${prefix}_${createHash('sha1').update(built.sql).digest('base64url').slice(0, 20)}`;
  const result = await db._.session.prepareQuery(built, undefined, name, false).execute();
  return (result as { rows: Row[] }).rows;
}

/** Up to this many reps (a manager's teams), a per-rep statement keeps a reused plan (executeNamed). */
export const namedPlanMaxReps = 100;

/** The rows of a statement over some reps: named (a reused plan) for a team's few, planned afresh for more. */
export async function rowsForReps<Row>(db: Db, query: SQL, repIds: readonly string[], prefix: string) {
  if (repIds.length <= namedPlanMaxReps) return executeNamed<Row>(db, query, prefix);
  return ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
}
