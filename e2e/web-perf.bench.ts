/**
 * Web benchmark (issue 8, item 7), run by `npm run bench -- web`:
 *  1. the JavaScript the sign-in route loads, summed from the JS responses of /login in headless Chromium
 *     (gzip of each response body) — target ≤ 300 KB gzip;
 *  2. time to first render of the rep home (navigation start → first contentful paint, and → the mark the
 *     rep dashboard sets once its figures are on screen), cold and warm cache — target < 1 s;
 *  3. the doctor list in 连续滚动 mode with 10,000 extra doctors in the rep's scope, scrolled to the end with the
 *     mouse wheel: requestAnimationFrame deltas (p95, frames over 50 ms) and the DOM row count — target smooth.
 * The web app is built into its own directory and served by a real server (PGlite, demo data, port 3490 or KEQING_WEB_BENCH_PORT), so
 * the benchmark never disturbs packages/web/dist or another run's server.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser } from './chromium.ts';
import { buildWeb, startServer, type StartedServer } from './start-server.ts';
import { importColumns } from '@keqing/shared';
import { percentile, recordBenchResults, type BenchFigure } from '../packages/server/src/bench/results.ts';

const port = Number(process.env.KEQING_WEB_BENCH_PORT ?? 3490);
/** A server already running with the bench data (while working on the web app); else one is started. */
const runningServer = process.env.KEQING_WEB_BENCH_URL;
const baseUrl = runningServer ?? `http://127.0.0.1:${port}`;
const password = 'Keqing@2026';
/** The rep whose scope gets the 10,000 extra doctors (the long list). */
const listRep = 'rep01';
/** A rep with the demo data's scope (a few hundred doctors, like a real territory) for the home page. */
const homeRep = 'rep02';
const extraDoctors = 10_000;
/** Loads of the rep home per cache state (fewer with KEQING_WEB_BENCH_LOADS on a busy machine). */
const renderLoads = Number(process.env.KEQING_WEB_BENCH_LOADS ?? 10);
const repHomeMark = 'keqing:rep-home-rendered';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${Math.round(n)} ms`;

type ApiSession = { cookie: string; csrfToken: string };

async function signInApi(username: string): Promise<ApiSession> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrfToken };
}

async function api<T>(
  session: ApiSession,
  method: string,
  apiPath: string,
  body?: Uint8Array<ArrayBuffer>,
  type?: string,
): Promise<T> {
  const res = await fetch(`${baseUrl}/api${apiPath}`, {
    method,
    headers: {
      cookie: session.cookie,
      ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrfToken }),
      ...(type ? { 'content-type': type } : {}),
    },
    body,
  });
  if (!res.ok) throw new Error(`${method} ${apiPath}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** 10,000 doctors in the rep's own hospitals, through the rep's own CSV import (preview, then commit). */
async function importExtraDoctors(): Promise<{ ms: number; total: number }> {
  const session = await signInApi(listRep);
  const hospitals = await api<{ items: { name: string; code: string | null }[] }>(
    session,
    'GET',
    '/hospitals?pageSize=200',
  );
  if (hospitals.items.length === 0) throw new Error(`${listRep} has no hospitals`);
  const headers = importColumns.doctors.map((c) => c.header);
  const departments = ['心内科', '内分泌科', '呼吸科', '神经内科', '肿瘤科'];
  const titles = ['主任医师', '副主任医师', '主治医师', '住院医师'];
  const lines = [headers.join(',')];
  for (let i = 0; i < extraDoctors; i++) {
    const h = hospitals.items[i % hospitals.items.length]!;
    const values: Record<string, string> = {
      姓名: `滚动测试${String(i).padStart(5, '0')}`,
      医院名称: h.name,
      医院编码: h.code ?? '',
      科室: departments[i % departments.length]!,
      职称: titles[i % titles.length]!,
    };
    lines.push(headers.map((col) => values[col] ?? '').join(','));
  }
  const started = performance.now();
  const batch = await api<{ id: string; errors: { row: number; column: string; message: string }[] }>(
    session,
    'POST',
    `/imports/doctors?fileName=${encodeURIComponent('滚动测试医生.csv')}`,
    new TextEncoder().encode(`\uFEFF${lines.join('\n')}`),
    'text/csv',
  );
  if (batch.errors.length > 0)
    throw new Error(`import rows refused: ${JSON.stringify(batch.errors.slice(0, 3))}`);
  await api(session, 'POST', `/imports/${batch.id}/commit`);
  const elapsed = performance.now() - started;
  return { ms: elapsed, total: await doctorsInScope() };
}

async function doctorsInScope(): Promise<number> {
  const list = await api<{ total: number }>(await signInApi(listRep), 'GET', '/doctors?pageSize=1');
  return list.total;
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
}

async function signInContext(context: BrowserContext, username: string) {
  const res = await context.request.post('/api/auth/login', { data: { username, password } });
  if (res.status() !== 200) throw new Error(`sign-in of ${username} failed: ${res.status()}`);
}

/**
 * Every JavaScript file /login loads (entry, static imports, lazy chunks the page pulls): raw size, gzip size
 * (zlib default level, the target's measure) and the bytes actually sent with the server's Content-Encoding.
 */
async function measureSignInJs(browser: Browser) {
  const context = await newContext(browser);
  const page = await context.newPage();
  const files = new Map<string, { raw: number; gzip: number; sent: number; encoding: string }>();
  const pending: Promise<void>[] = [];
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (!url.pathname.endsWith('.js')) return;
    pending.push(
      Promise.all([res.body(), res.request().sizes()]).then(([body, sizes]) => {
        files.set(url.pathname, {
          raw: body.length,
          gzip: gzipSync(body).length,
          sent: sizes.responseBodySize,
          encoding: res.headers()['content-encoding'] ?? 'identity',
        });
      }),
    );
  });
  await page.goto('/login', { waitUntil: 'networkidle' });
  await page.locator('#username').waitFor();
  await Promise.all(pending);
  await context.close();
  const list = [...files].map(([file, size]) => ({ file, ...size })).sort((a, b) => b.gzip - a.gzip);
  return {
    files: list,
    gzip: list.reduce((n, f) => n + f.gzip, 0),
    raw: list.reduce((n, f) => n + f.raw, 0),
    sent: list.reduce((n, f) => n + f.sent, 0),
    encodings: [...new Set(list.map((f) => f.encoding))].join(', '),
  };
}

type RenderTiming = { fcp: number; home: number };

/** One load of the rep home: navigation start → first contentful paint and → the dashboard's figures shown. */
async function loadRepHome(context: BrowserContext): Promise<RenderTiming> {
  const page = await context.newPage();
  await page.goto('/', { waitUntil: 'commit' });
  // The paint entry can arrive after the mark (the figures may come before the browser reports its first paint).
  await page.waitForFunction(
    (mark) =>
      performance.getEntriesByName(mark).length > 0 &&
      performance.getEntriesByName('first-contentful-paint').length > 0,
    repHomeMark,
    { timeout: 60_000 },
  );
  const timing = await page.evaluate((mark) => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
    const home = performance.getEntriesByName(mark)[0]!.startTime;
    return { fcp, home };
  }, repHomeMark);
  await page.close();
  return timing;
}

async function measureFirstRender(browser: Browser) {
  const cold: RenderTiming[] = [];
  const warm: RenderTiming[] = [];
  for (let i = 0; i < renderLoads; i++) {
    process.stdout.write(`home load ${i + 1}/${renderLoads}\r`);
    // Cold: a fresh profile each time (empty HTTP cache), signed in before the navigation.
    const context = await newContext(browser);
    await signInContext(context, homeRep);
    cold.push(await loadRepHome(context));
    // Warm: the same profile again, scripts and styles in the cache.
    warm.push(await loadRepHome(context));
    await context.close();
  }
  const stats = (xs: RenderTiming[], key: keyof RenderTiming) => {
    const sorted = xs.map((x) => x[key]).sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
  };
  return {
    cold: { fcp: stats(cold, 'fcp'), home: stats(cold, 'home') },
    warm: { fcp: stats(warm, 'fcp'), home: stats(warm, 'home') },
  };
}

/** Scrolls the doctor list (连续滚动) from the first to the last row with the wheel, recording frame times. */
async function measureLongList(browser: Browser, expectedTotal: number) {
  const context = await newContext(browser);
  await signInContext(context, listRep);
  const page = await context.newPage();
  await page.goto('/doctors?view=scroll&sort=name');
  const loaded = page.getByTestId('doctors-loaded');
  await page.locator('.ant-table-tbody-virtual .ant-table-row').first().waitFor();
  const body = page.locator('.ant-table-tbody-virtual-holder');
  const box = await body.boundingBox();
  if (!box) throw new Error('the virtual table body is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);

  // Frame deltas from requestAnimationFrame, recorded in the page while the wheel scrolls it.
  // (A string, so tsx's name helpers do not end up in the page.)
  await page.evaluate(`(() => {
    window.frameDeltas = [];
    window.recording = true;
    let last = performance.now();
    function tick(now) {
      window.frameDeltas.push(now - last);
      last = now;
      if (window.recording) requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
  })()`);
  const started = performance.now();
  let maxRows = 0;
  let steps = 0;
  let atEnd = false;
  let pageScrolls = 0;
  while (!atEnd && performance.now() - started < 600_000) {
    await page.mouse.wheel(0, 1200);
    steps++;
    if (steps % 10 !== 0) continue;
    const state = await page.evaluate(() => {
      const holder = document.querySelector('.ant-table-tbody-virtual-holder');
      const rows = document.querySelectorAll('.ant-table-tbody-virtual .ant-table-row').length;
      const text = document.querySelector('[data-testid=doctors-loaded]')?.textContent ?? '';
      const [loadedRows, total] = (text.match(/[\d,]+/g) ?? []).map((n) => Number(n.replace(/,/g, '')));
      const bottom = holder ? holder.scrollHeight - holder.scrollTop - holder.clientHeight : Number.NaN;
      // At the last loaded row, while the next page is on its way, the virtual list passes the wheel on to the
      // window, which scrolls the table out from under the mouse: every later wheel step then scrolled nothing
      // (the earlier runs that "never reached the end"). A reader would move the mouse back; this puts the
      // table back under it.
      const pageScrolled = window.scrollY > 0;
      if (pageScrolled) window.scrollTo(0, 0);
      return { rows, loadedRows: loadedRows ?? 0, total: total ?? -1, bottom, pageScrolled };
    });
    maxRows = Math.max(maxRows, state.rows);
    if (state.pageScrolled) pageScrolls++;
    atEnd = state.total > 0 && state.loadedRows >= state.total && state.bottom <= 1;
  }
  const elapsed = performance.now() - started;
  const deltas = await page.evaluate(() => {
    const w = window as unknown as { frameDeltas: number[]; recording: boolean };
    w.recording = false;
    return w.frameDeltas.slice(1);
  });
  const loadedText = (await loaded.textContent()) ?? '';
  const lastRow = (await page.locator('.ant-table-tbody-virtual .ant-table-row').last().textContent()) ?? '';
  await context.close();
  const sorted = [...deltas].sort((a, b) => a - b);
  return {
    atEnd,
    expectedTotal,
    loadedText,
    lastRow,
    steps,
    elapsed,
    frames: deltas.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    over50: deltas.filter((d) => d > 50).length,
    maxRows,
    pageScrolls,
  };
}

async function main() {
  const work = mkdtempSync(path.join(os.tmpdir(), 'keqing-web-bench-'));
  const webDist = path.join(work, 'dist');
  // Seeding the demo data and importing the doctors takes minutes on 2 cores: a finished data dir is reused.
  const dataDir = process.env.KEQING_WEB_BENCH_DATA ?? path.join(os.tmpdir(), 'keqing-web-bench-data');
  const readyMarker = path.join(dataDir, '.web-bench-ready');
  let server: StartedServer | undefined;
  let browser: Browser | undefined;
  try {
    const reused = existsSync(readyMarker) || !!runningServer;
    if (!reused) rmSync(dataDir, { recursive: true, force: true });
    const seedStarted = performance.now();
    if (!runningServer) {
      buildWeb(webDist);
      server = await startServer({ port, dataDir, webDist });
    }
    const seedMs = performance.now() - seedStarted;
    let imported: { ms: number; total: number };
    if (reused) {
      imported = { ms: Number.NaN, total: await doctorsInScope() };
      console.log(`reusing ${dataDir} (${listRep} sees ${imported.total} doctors)`);
    } else {
      imported = await importExtraDoctors();
      writeFileSync(readyMarker, new Date().toISOString());
      console.log(
        `server with demo data up in ${ms(seedMs)}; ${extraDoctors} doctors imported in ${ms(imported.ms)} (${listRep} sees ${imported.total})`,
      );
    }

    browser = await launchBrowser();

    const js = await measureSignInJs(browser);
    console.log('sign-in route JavaScript (gzip, raw):');
    for (const f of js.files)
      console.log(`  ${f.file}  ${kb(f.gzip)}  (${kb(f.raw)}; sent ${kb(f.sent)} ${f.encoding})`);
    const render = await measureFirstRender(browser);
    console.log('rep home first render:', JSON.stringify(render));
    const list = await measureLongList(browser, imported.total);
    console.log('doctor list scroll:', JSON.stringify(list));

    const figures: BenchFigure[] = [
      {
        figure: `sign-in route JavaScript (${js.files.length} files, gzip; raw ${kb(js.raw)})`,
        measured: kb(js.gzip),
        target: '≤ 300 KB gzip',
        met: js.gzip <= 300 * 1024,
      },
      {
        figure: `sign-in route JavaScript as sent (Content-Encoding: ${js.encodings})`,
        measured: kb(js.sent),
        target: '—',
        met: null,
      },
      {
        figure: `rep home: navigation → figures shown, cold cache (p50 / p95 of ${renderLoads})`,
        measured: `${ms(render.cold.home.p50)} / ${ms(render.cold.home.p95)}`,
        target: '< 1 s',
        met: render.cold.home.p95 < 1000,
      },
      {
        figure: `rep home: navigation → figures shown, warm cache (p50 / p95 of ${renderLoads})`,
        measured: `${ms(render.warm.home.p50)} / ${ms(render.warm.home.p95)}`,
        target: '< 1 s',
        met: render.warm.home.p95 < 1000,
      },
      {
        figure: 'rep home: first contentful paint, cold / warm (p95)',
        measured: `${ms(render.cold.fcp.p95)} / ${ms(render.warm.fcp.p95)}`,
        target: '—',
        met: null,
      },
      {
        figure: `doctor list (${list.loadedText}): frame time while wheel-scrolling to the end, p50 / p95 / p99`,
        measured: `${list.p50.toFixed(1)} / ${list.p95.toFixed(1)} / ${list.p99.toFixed(1)} ms`,
        target: 'p95 ≤ 33 ms (smooth)',
        met: list.atEnd && list.p95 <= 33.4,
      },
      {
        figure: `doctor list: frames over 50 ms (of ${list.frames}); rows in the DOM at most`,
        measured: `${list.over50}; ${list.maxRows} rows`,
        target: 'few; small and constant',
        met: null,
      },
    ];
    recordBenchResults({
      key: 'web',
      title: 'Web: sign-in bundle, rep home first render, 10,000-row doctor list',
      scale: `demo data + ${extraDoctors.toLocaleString('en')} doctors imported for ${listRep} (${imported.total.toLocaleString('en')} in scope)`,
      engine: 'Chromium (headless) + PGlite',
      figures,
      notes: [
        'The machine was shared with other benchmarks and test runs while this ran; figures are from one run.',
        `Sign-in JavaScript: every .js response of /login in a fresh profile, each body gzipped (zlib default level); largest: ${js.files
          .slice(0, 4)
          .map((f) => `${path.basename(f.file)} ${kb(f.gzip)}`)
          .join(
            ', ',
          )}. The server sends the brotli (or gzip) file the web build wrote beside each one (@fastify/static \`preCompressed\`), cached for good under /assets/.`,
        `First render of ${homeRep}'s home (demo scope): ${renderLoads} cold loads (new browser profile, signed in by API, then \`/\`) and ${renderLoads} warm loads (same profile again); "figures shown" is the \`${repHomeMark}\` mark the rep dashboard sets after its figures render; times from navigation start on localhost.`,
        `Doctor list: \`/doctors?view=scroll\` (连续滚动, antd virtual Table, reads 200 rows a page while scrolling); ${list.steps} wheel steps of 1,200 px in ${ms(list.elapsed)}; reached the last row: ${list.atEnd ? 'yes' : '**no**'} (“${list.lastRow.slice(0, 40)}”); at ${list.pageScrolls} of the checks (every 10 steps) the wheel had met the end of the loaded rows before the next page came and scrolled the window instead, which was put back.`,
      ],
    });
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
