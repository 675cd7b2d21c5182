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
