/**
 * The one place that reads the environment. Parsed once with zod; a bad
 * setting stops start-up with a readable list of every problem.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

// digits only: Number() would read "1e3" or "  " (as 0, i.e. "off") without complaint
const digits = (message: string) =>
  z
    .string()
    .regex(/^\d{1,12}$/, message)
    .transform(Number);

/** A PostgreSQL timeout in whole milliseconds, 0 = off, at most `max`. */
const timeoutMs = (max: number, maxMessage: string) =>
  digits('须为非负整数毫秒数（0 表示不限制）/ must be whole milliseconds, 0 or more (0 = off)').pipe(
    z.number().max(max, maxMessage),
  );
const oneDayMs = 24 * 60 * 60 * 1000;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // 0 picks a free port (tests)
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** postgres://… to use a PostgreSQL server; unset → embedded PGlite */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** PGlite's data folder */
  KEQING_DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Fill an empty database with demo data at start-up */
  KEQING_DEMO_SEED: bool.default(true),
  /** Idle minutes before a session expires */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(8 * 60),
  /** Absolute lifetime of a session in hours */
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(7 * 24),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Behind a reverse proxy: trust X-Forwarded-* (for HTTPS detection and client IPs) */
  TRUST_PROXY: bool.default(false),
  /** Where the built web app lives (served on the same port) */
  KEQING_WEB_DIST: z.string().optional(),
  /** Encrypts stored secrets (SMTP password, robot signing secrets); any long random string */
  KEQING_SECRET_KEY: z.string().min(16, 'at least 16 characters').optional(),
  /** Run the notification rules hourly and the outbound deliveries every 30 s in the server process */
  KEQING_NOTIFICATION_SCHEDULER: bool.optional(),
  /** PostgreSQL connections the server keeps at most */
  KEQING_DB_POOL_SIZE: digits('须为正整数 / must be a positive whole number')
    .pipe(z.number().min(1, '至少 1 / at least 1').max(1000, '至多 1000 / at most 1000'))
    .default(10),
  /** PostgreSQL cancels a statement running longer than this (0 = off); PGlite cannot enforce it */
  KEQING_DB_STATEMENT_TIMEOUT_MS: timeoutMs(
    oneDayMs,
    '至多 86400000（一天）/ at most 86400000 (one day)',
  ).default(60_000),
  /**
   * A region report that took over a second to compute is kept this many minutes and refreshed in the
   * background while read (0 = always compute live; the default in tests)
   */
  KEQING_KPI_SNAPSHOT_MINUTES: digits(
    '须为非负整数分钟数（0 表示每次实时计算）/ must be whole minutes, 0 or more (0 = always live)',
  )
    .pipe(z.number().max(24 * 60, '至多 1440（一天）/ at most 1440 (one day)'))
    .optional(),
  /** PostgreSQL gives up a lock wait longer than this (0 = wait on); the request gets a 503 to retry */
  KEQING_DB_LOCK_TIMEOUT_MS: timeoutMs(
    60 * 60 * 1000,
    '至多 3600000（一小时）/ at most 3600000 (one hour)',
  ).default(10_000),
  /** PostgreSQL ends a session left idle inside an open transaction this long (0 = off): its locks go with it */
  KEQING_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: timeoutMs(
    oneDayMs,
    '至多 86400000（一天）/ at most 86400000 (one day)',
  ).default(300_000),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  demoSeed: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  trustProxy: boolean;
  webDist: string | undefined;
  /** 32-byte AES key derived from KEQING_SECRET_KEY (or a fixed development key) */
  secretKey: Buffer;
  /** True when KEQING_SECRET_KEY is unset and the development key is used (warned in production) */
  secretKeyIsDefault: boolean;
  /** Timers for notification rules and deliveries; on by default except in tests */
  notificationScheduler: boolean;
  /** PostgreSQL pool size */
  dbPoolSize: number;
  /** PostgreSQL statement_timeout of the server's connections in ms; 0 = off */
  dbStatementTimeoutMs: number;
  /** PostgreSQL lock_timeout in ms; 0 = off */
  dbLockTimeoutMs: number;
  /** PostgreSQL idle_in_transaction_session_timeout in ms; 0 = off */
  dbIdleInTransactionTimeoutMs: number;
  /** Minutes a slow region report is kept and served (kpi-snapshots.ts); 0 = always live */
  kpiSnapshotMinutes: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误 / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "not set", as in most shells' `FOO= cmd`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.KEQING_DATA_DIR,
    logLevel: e.LOG_LEVEL,
    demoSeed: e.KEQING_DEMO_SEED,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    trustProxy: e.TRUST_PROXY,
    webDist: e.KEQING_WEB_DIST,
    // Hashing turns any passphrase into the 32 bytes AES-256 needs; the default is deterministic so development
    // databases stay readable across restarts.
    secretKey: createHash('sha256')
      .update(e.KEQING_SECRET_KEY ?? 'keqing-development-secret-key')
      .digest(),
    secretKeyIsDefault: e.KEQING_SECRET_KEY === undefined,
    notificationScheduler: e.KEQING_NOTIFICATION_SCHEDULER ?? e.NODE_ENV !== 'test',
    dbPoolSize: e.KEQING_DB_POOL_SIZE,
    dbStatementTimeoutMs: e.KEQING_DB_STATEMENT_TIMEOUT_MS,
    dbLockTimeoutMs: e.KEQING_DB_LOCK_TIMEOUT_MS,
    dbIdleInTransactionTimeoutMs: e.KEQING_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    kpiSnapshotMinutes: e.KEQING_KPI_SNAPSHOT_MINUTES ?? (e.NODE_ENV === 'test' ? 0 : 10),
  };
}

/** The process's configuration, read from the environment on first use. */
let current: Config | undefined;
export function loadConfig(): Config {
  current ??= parseConfig(process.env);
  return current;
}

/** Defaults suitable for tests; override what a test needs. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), ...overrides };
}
