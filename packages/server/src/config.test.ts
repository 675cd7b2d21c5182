import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('uses the documented defaults: port 3000, PGlite in ./data', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ port: 3000, databaseUrl: undefined, dataDir: './data', demoSeed: true });
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', PORT: '' }).databaseUrl).toBeUndefined();
  });

  it('reads PORT, DATABASE_URL and KEQING_DATA_DIR', () => {
    const c = parseConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@h:5432/db',
      KEQING_DATA_DIR: '/var/keqing',
    });
    expect(c).toMatchObject({ port: 8080, databaseUrl: 'postgres://u@h:5432/db', dataDir: '/var/keqing' });
  });

  it('reads the PostgreSQL pool size and statement timeout (defaults 10 and 60 s, 0 = off)', () => {
    expect(parseConfig({})).toMatchObject({ dbPoolSize: 10, dbStatementTimeoutMs: 60_000 });
    expect(parseConfig({ KEQING_DB_POOL_SIZE: '25', KEQING_DB_STATEMENT_TIMEOUT_MS: '0' })).toMatchObject({
      dbPoolSize: 25,
      dbStatementTimeoutMs: 0,
    });
  });

  it('keeps slow region reports 10 minutes, none in tests, and refuses a bad value', () => {
    expect(parseConfig({ NODE_ENV: 'production' }).kpiSnapshotMinutes).toBe(10);
    expect(parseConfig({ NODE_ENV: 'test' }).kpiSnapshotMinutes).toBe(0);
    expect(parseConfig({ NODE_ENV: 'test', KEQING_KPI_SNAPSHOT_MINUTES: '30' }).kpiSnapshotMinutes).toBe(30);
    expect(() => parseConfig({ KEQING_KPI_SNAPSHOT_MINUTES: '1441' })).toThrow(/至多 1440（一天）/);
    expect(() => parseConfig({ KEQING_KPI_SNAPSHOT_MINUTES: 'ten' })).toThrow(/须为非负整数分钟数/);
  });

  it('reads the lock and idle-in-transaction timeouts (defaults 10 s and 5 min, 0 = off)', () => {
    expect(parseConfig({})).toMatchObject({ dbLockTimeoutMs: 10_000, dbIdleInTransactionTimeoutMs: 300_000 });
    expect(
      parseConfig({ KEQING_DB_LOCK_TIMEOUT_MS: '0', KEQING_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '90000' }),
    ).toMatchObject({ dbLockTimeoutMs: 0, dbIdleInTransactionTimeoutMs: 90_000 });
  });

  it.each([
    [
      '-1',
      '1.5',
      /KEQING_DB_LOCK_TIMEOUT_MS: 须为非负整数毫秒数/,
      /IDLE_IN_TRANSACTION_TIMEOUT_MS: 须为非负整数/,
    ],
    ['3600001', '86400001', /KEQING_DB_LOCK_TIMEOUT_MS: 至多 3600000（一小时）/, /至多 86400000（一天）/],
  ])('refuses lock timeout %j and idle-in-transaction timeout %j', (lock, idle, lockProblem, idleProblem) => {
    try {
      parseConfig({ KEQING_DB_LOCK_TIMEOUT_MS: lock, KEQING_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: idle });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems;
      expect(problems).toHaveLength(2);
      expect(problems[0]).toMatch(lockProblem);
      expect(problems[1]).toMatch(idleProblem);
    }
  });

  it.each([
    [
      '0',
      '-5',
      /KEQING_DB_POOL_SIZE: 至少 1 \/ at least 1/,
      /KEQING_DB_STATEMENT_TIMEOUT_MS: 须为非负整数毫秒数/,
    ],
    ['ten', '1.5', /KEQING_DB_POOL_SIZE: 须为正整数 \/ must be a positive/, /must be whole milliseconds/],
    ['1e3', ' ', /KEQING_DB_POOL_SIZE: 须为正整数/, /KEQING_DB_STATEMENT_TIMEOUT_MS: 须为非负整数/],
    [
      '1001',
      '86400001',
      /KEQING_DB_POOL_SIZE: 至多 1000/,
      /KEQING_DB_STATEMENT_TIMEOUT_MS: 至多 86400000（一天）\/ at most/,
    ],
  ])(
    'refuses pool size %j and statement timeout %j in Chinese and English',
    (pool, timeout, poolProblem, timeoutProblem) => {
      try {
        parseConfig({ KEQING_DB_POOL_SIZE: pool, KEQING_DB_STATEMENT_TIMEOUT_MS: timeout });
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        const problems = (err as ConfigError).problems;
        expect(problems).toHaveLength(2);
        expect(problems[0]).toMatch(poolProblem);
        expect(problems[1]).toMatch(timeoutProblem);
      }
    },
  );

  it('lists every problem at once', () => {
    try {
      parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOGIN_MAX_FAILURES: '0' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.join('\n')).toMatch(/PORT/);
      expect(problems.join('\n')).toMatch(/DATABASE_URL: must start with postgres/);
      expect((err as ConfigError).message).toContain('配置有误');
    }
  });
});
