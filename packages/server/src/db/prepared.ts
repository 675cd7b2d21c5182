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
