/**
 * Which database the API tests run on. `npm test` runs them on PGlite, and
 * again on PostgreSQL when DATABASE_URL is set (KEQING_TEST_ENGINE=postgres).
 */
export type TestEngine = { kind: 'pglite' } | { kind: 'postgres'; url: string };

export function testEngine(): TestEngine {
  if (process.env.KEQING_TEST_ENGINE === 'postgres') {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('KEQING_TEST_ENGINE=postgres needs DATABASE_URL');
    return { kind: 'postgres', url };
  }
  return { kind: 'pglite' };
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
