import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { testConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { regions } from '../db/schema.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { createTestDatabase } from '../test/test-database.ts';
import { testEngine } from '../test/engine.ts';
import { createWorld } from '../test/world.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await createWorld(t.database.db);
});
afterAll(async () => t?.close());

describe('health and docs', () => {
  it('reports status, version and the database engine without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', version: '0.1.0', db: testEngine().kind });
  });

  it('serves an OpenAPI document generated from the route schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/hospitals', '/api/users/{id}', '/api/auth/login']),
    );
    expect(doc.paths['/api/auth/login'].post.requestBody).toBeTruthy();
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });
});

describe('bad input is refused with localized field messages and changes nothing', () => {
  it('lists each field problem in Chinese by default and in English on request', async () => {
    const admin = await t.signIn('admin');
    const before = (await t.database.db.select().from(regions)).length;
    const zh = await admin.post('/api/regions', { name: '' });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.code).toBe('VALIDATION_FAILED');
    expect(zh.json().error.message).toBe('提交的数据有误，请检查标出的字段');
    expect(zh.json().error.details[0].path).toBe('body.name');
    expect(zh.json().error.details[0].message).toMatch(/[\u4e00-\u9fa5]/);
    const en = await admin.request({
      method: 'POST',
      url: '/api/regions',
      payload: { name: 42 },
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().error.message).toBe('Some fields are invalid; please check the marked fields');
    expect(en.json().error.details[0]).toMatchObject({ path: 'body.name' });
    expect(en.json().error.details[0].message).toMatch(/expected string/i);
    expect((await t.database.db.select().from(regions)).length).toBe(before);
  });

  it.each([
    ['a malformed id', '/api/hospitals/not-a-uuid', 'params.id'],
    ['a page size over 200', '/api/hospitals?pageSize=500', 'query.pageSize'],
    ['a page of 0', '/api/users?page=0', 'query.page'],
    ['an unknown role filter', '/api/users?role=boss', 'query.role'],
  ])('refuses %s with the field path', async (_label, url, path) => {
    const admin = await t.signIn('admin');
    const res = await admin.get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('answers malformed JSON with 400 BAD_REQUEST', async () => {
    const admin = await t.signIn('admin');
    const res = await admin.request({
      method: 'POST',
      url: '/api/regions',
      payload: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });

  it('defaults list paging to page 1 of 20', async () => {
    const admin = await t.signIn('admin');
    const res = await admin.get('/api/hospitals');
    expect(res.json()).toMatchObject({ page: 1, pageSize: 20, total: 4 });
  });
});

describe('security headers', () => {
  it('sends helmet headers, a request id and no x-powered-by', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-request-id']).toBeTruthy();
  });
});

describe('unexpected errors', () => {
  it('answers 500 with a request id and no stack or SQL, and logs the cause', async () => {
    const database = await createTestDatabase();
    const logs: string[] = [];
    const config = testConfig({ logLevel: 'error', webDist: '/nonexistent' });
    const logger = createLogger(config, { write: (line: string) => void logs.push(line) });
    const app = await buildApp({ config, database, logger });
    app.get('/api/boom', { config: { public: true } }, async () => {
      throw new Error('select * from secret_table failed');
    });
    await app.ready();
    const res = await app.inject({
      method: 'GET',
      url: '/api/boom',
      headers: { 'x-request-id': 'req-12345678' },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json().error).toMatchObject({ code: 'INTERNAL', requestId: 'req-12345678' });
    expect(res.json().error.message).toContain('req-12345678');
    expect(res.body).not.toContain('secret_table');
    const logged = logs.map((l) => JSON.parse(l));
    expect(logged).toContainEqual(
      expect.objectContaining({
        reqId: 'req-12345678',
        err: expect.objectContaining({ message: 'select * from secret_table failed' }),
      }),
    );
    await app.close();
    await database.close();
  });
});

describe('logs', () => {
  it('never write the password or the session cookie of a sign-in request', async () => {
    const database = await createTestDatabase();
    await createWorld(database.db);
    const logs: string[] = [];
    const config = testConfig({ logLevel: 'trace', webDist: '/nonexistent' });
    const app = await buildApp({
      config,
      database,
      logger: createLogger(config, { write: (l: string) => void logs.push(l) }),
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'Keqing@2026' },
    });
    const token = res.cookies.find((c) => c.name === 'keqing_sid')!.value;
    await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `keqing_sid=${token}` } });
    const all = logs.join('\n');
    expect(logs.length).toBeGreaterThan(2);
    expect(all).not.toContain('Keqing@2026');
    expect(all).not.toContain(token);
    expect(all).not.toContain(res.json().csrfToken);
    await app.close();
    await database.close();
  });
});

describe('web app serving', () => {
  it('serves the app shell for client routes and JSON errors for unknown API routes', async () => {
    const webDist = mkdtempSync(path.join(os.tmpdir(), 'keqing-web-'));
    writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>客情</title>');
    writeFileSync(path.join(webDist, 'app.js'), 'console.log(1)');
    const database = await createTestDatabase();
    const config = testConfig({ webDist });
    const app = await buildApp({ config, database, logger: createLogger(config) });
    const shell = await app.inject({ method: 'GET', url: '/admin/users' });
    expect(shell.statusCode).toBe(200);
    expect(shell.body).toContain('<title>客情</title>');
    expect((await app.inject({ method: 'GET', url: '/app.js' })).body).toBe('console.log(1)');
    // a file added after start-up is served too (no restart after a rebuild)
    writeFileSync(path.join(webDist, 'late.js'), 'late');
    expect((await app.inject({ method: 'GET', url: '/late.js' })).body).toBe('late');
    const api = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(api.statusCode).toBe(401);
    expect(api.json().error.code).toBe('AUTH_REQUIRED');
    await app.close();
    await database.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it('lets browsers keep the hashed chunks for good but revalidate the app shell', async () => {
    const webDist = mkdtempSync(path.join(os.tmpdir(), 'keqing-web-'));
    writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>客情</title>');
    mkdirSync(path.join(webDist, 'assets'));
    writeFileSync(path.join(webDist, 'assets', 'index-Ab12Cd34.js'), 'console.log(1)');
    writeFileSync(path.join(webDist, 'favicon.svg'), '<svg/>');
    const database = await createTestDatabase();
    const config = testConfig({ webDist });
    const app = await buildApp({ config, database, logger: createLogger(config) });
    const chunk = await app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js' });
    expect(chunk.statusCode).toBe(200);
    expect(chunk.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/doctors', '/favicon.svg']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    await app.close();
    await database.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it('sends the precompressed files of the build to a browser that accepts them, with the same caching', async () => {
    const webDist = mkdtempSync(path.join(os.tmpdir(), 'keqing-web-'));
    const shell = '<!doctype html><title>客情</title><script type="module" src="/assets/index-Ab12Cd34.js">';
    const chunk = `export const rows = [${Array.from({ length: 400 }, (_, i) => `"行${i}"`).join(',')}];`;
    mkdirSync(path.join(webDist, 'assets'));
    // as vite-plugin-compression2 leaves them: the plain file, .br and .gz side by side
    for (const [file, text] of [
      ['index.html', shell],
      ['assets/index-Ab12Cd34.js', chunk],
    ] as const) {
      writeFileSync(path.join(webDist, file), text);
      writeFileSync(path.join(webDist, `${file}.br`), brotliCompressSync(text));
      writeFileSync(path.join(webDist, `${file}.gz`), gzipSync(text));
    }
    const database = await createTestDatabase();
    const config = testConfig({ webDist });
    const app = await buildApp({ config, database, logger: createLogger(config) });
    const get = (url: string, encoding?: string) =>
      app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

    const br = await get('/assets/index-Ab12Cd34.js', 'br, gzip');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(chunk) / 2);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(chunk);

    const gz = await get('/assets/index-Ab12Cd34.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(chunk);

    const plain = await get('/assets/index-Ab12Cd34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(chunk);

    // the app shell, at / and at a client route, compressed too but never kept without asking
    for (const url of ['/', '/doctors?view=scroll']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(brotliDecompressSync(res.rawPayload).toString(), url).toBe(shell);
    }
    // an API answer is untouched
    expect((await get('/api/health', 'br, gzip')).headers['content-encoding']).toBeUndefined();
    await app.close();
    await database.close();
    rmSync(webDist, { recursive: true, force: true });
  });
});

describe('HTTPS', () => {
  it('marks the session cookie Secure when served over HTTPS behind a proxy', async () => {
    const database = await createTestDatabase();
    await createWorld(database.db);
    const config = testConfig({ trustProxy: true, webDist: '/nonexistent' });
    const app = await buildApp({ config, database, logger: createLogger(config) });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { username: 'admin', password: 'Keqing@2026' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'keqing_sid')!.secure).toBe(true);
    await app.close();
    await database.close();
  });
});
