import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = path.join(serverDir, '..', '..', 'node_modules', '.bin', 'tsx');

/** Runs `npm start`'s server entry with the given environment and returns how it ended. */
function start(env: Record<string, string>) {
  const clean = { ...process.env };
  delete clean.DATABASE_URL;
  const result = spawnSync(tsx, ['src/main.ts'], {
    cwd: serverDir,
    env: { ...clean, KEQING_DEMO_SEED: 'false', LOG_LEVEL: 'silent', PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe('start-up failures stop the server with a clear message', () => {
  it('lists every configuration problem and exits non-zero', () => {
    const r = start({ PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('配置有误 / invalid configuration');
    expect(r.stderr).toMatch(/PORT/);
    expect(r.stderr).toMatch(/LOG_LEVEL/);
  });

  it('names the database it cannot reach, without its password', () => {
    const r = start({ DATABASE_URL: 'postgres://keqing:secret-pw@127.0.0.1:1/keqing' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('无法连接数据库 / cannot connect to the database');
    expect(r.stderr).toContain('127.0.0.1:1');
    expect(r.stderr).not.toContain('secret-pw');
  });

  it('names a failed migration and its cause', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keqing-broken-'));
    try {
      const pg = new PGlite({ dataDir });
      await pg.exec('create table areas (id int)');
      await pg.close();
      const r = start({ KEQING_DATA_DIR: dataDir });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('数据库迁移失败 / database migration failed');
      expect(r.stderr).toMatch(/"areas" already exists/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
