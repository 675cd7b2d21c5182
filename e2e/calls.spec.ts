import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiAs, baseUrl, launchBrowser, signIn, pickOption, searchAndPick } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

type Call = {
  id: string;
  clientId: string;
  doctorId: string;
  startAt: string;
  endAt: string;
  status: string;
  nextStep: string | null;
  coVisitId: string | null;
};
type Doctor = { id: string; name: string; hospitalName: string };
type Product = { id: string; name: string };

const chinaOffsetMs = 8 * 3600_000;
/** `YYYY-MM-DDTHH:mm` wall time in China (the browser contexts below run in Asia/Shanghai). */
const chinaLocal = (ms: number) => new Date(ms + chinaOffsetMs).toISOString().slice(0, 16);
const chinaDate = (ms: number) => chinaLocal(ms).slice(0, 10);

/**
 * A 30-minute slot in the last hours that overlaps none of rep01's calls (demo history included,
 * and the slots earlier tests took), so the server's overlap rule never trips the test.
 */
async function freeSlot(get: Awaited<ReturnType<typeof apiAs>>, taken: number[]): Promise<number> {
  const now = Date.now();
  const from = chinaDate(now - 2 * 86_400_000);
  const calls = await get<{ items: Call[] }>(`/calls?from=${from}&pageSize=200`);
  const busy = [
    ...calls.items.map((c) => [Date.parse(c.startAt), Date.parse(c.endAt)] as const),
    ...taken.map((s) => [s, s + 30 * 60_000] as const),
  ];
  const fiveMin = 5 * 60_000;
  let start = Math.floor((now - 45 * 60_000) / fiveMin) * fiveMin;
  for (let i = 0; i < 200; i++, start -= 35 * 60_000) {
    const end = start + 30 * 60_000;
    if (busy.every(([s, e]) => end <= s || start >= e)) return start;
  }
  throw new Error('no free slot for rep01 in the last days');
}

async function phoneContext(): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl(),
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
  });
}

/** Fills the call form: doctor, start, first product, objectives and (optionally) the next step. */
async function fillCall(
  page: Page,
  input: {
    doctor: Doctor;
    product: Product;
    start: number;
    objectives: string[];
    nextStep?: string;
    due?: string;
  },
) {
  await page.getByTestId('call-form').waitFor();
  await searchAndPick(
    page,
    '#doctorId',
    input.doctor.name,
    `${input.doctor.name} · ${input.doctor.hospitalName}`,
  );
  await page.locator('#startAt').fill(chinaLocal(input.start));
  await page.locator('#productIds').click();
  await pickOption(page, input.product.name);
  await page.keyboard.press('Escape');
  for (const [i, text] of input.objectives.entries()) {
    if (i > 0) await page.getByTestId('add-objective').click();
    await page.getByTestId(`objective-text-${i}`).fill(text);
    await page
      .getByTestId(`objective-${i}`)
      .getByText(i === 1 ? '部分达成' : '达成', { exact: true })
      .click();
  }
  if (input.nextStep && input.due) {
    await page.getByTestId('call-steps-toggle').click();
    await page.getByTestId('call-next-step').fill(input.nextStep);
    await page.locator('#nextStepDue').click();
    await page.locator('.ant-picker-dropdown:visible .ant-picker-content').waitFor();
    const cell = page.locator(`.ant-picker-dropdown:visible td[title="${input.due}"]`);
    if ((await cell.count()) === 0)
      await page.locator('.ant-picker-dropdown:visible .ant-picker-header-next-btn').click();
    await cell.click();
  }
}

/** The clientIds waiting in the browser's offline queue (IndexedDB). */
function queuedClientIds(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('keqing-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const keys = open.result.transaction('calls').objectStore('calls').getAllKeys();
          keys.onsuccess = () => resolve(keys.result.map(String));
          keys.onerror = () => reject(keys.error);
        };
      }),
  );
}

describe('calls on a phone: log, follow up, offline queue, co-visit', () => {
  const taken: number[] = [];
  let rep: Awaited<ReturnType<typeof apiAs>>;
  let doctors: Doctor[];
  let product: Product;
  let loggedCallId = '';

  beforeAll(async () => {
    rep = await apiAs('rep01');
    doctors = (await rep<{ items: Doctor[] }>('/doctors?pageSize=5&sort=name')).items;
    product = (await rep<{ items: Product[] }>('/products?pageSize=1&sort=name')).items[0]!;
    expect(doctors.length).toBeGreaterThan(1);
  });

  it('a rep logs a call with 3 objectives and a next step on a 375-px screen; the follow-up shows on the home page', async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await signIn(page, 'rep01');
    await page.getByTestId('home-greeting').waitFor();
    await page.goto('/calls/new');

    const start = await freeSlot(rep, taken);
    taken.push(start);
    const nextStep = `送最新文献并了解试用反馈 ${start}`;
    const due = chinaDate(Date.now() + 2 * 86_400_000);
    await fillCall(page, {
      doctor: doctors[0]!,
      product,
      start,
      objectives: ['了解科室本月新患者数量', '介绍产品的安全性数据', '约定下次科室会时间'],
      nextStep,
      due,
    });
    expect(await page.getByTestId('few-objectives').count()).toBe(0);
    // Nothing sticks out of the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.getByTestId('call-submit').click();
    await page.getByTestId('call-view').waitFor();
    expect(await page.getByTestId('call-view-status').textContent()).toBe('已提交');
    loggedCallId = page.url().split('/calls/')[1]!;

    const stored = await rep<Call>(`/calls/${loggedCallId}`);
    expect(stored).toMatchObject({ status: 'submitted', doctorId: doctors[0]!.id, nextStep });
    expect(Date.parse(stored.startAt)).toBe(start);

    await page.goto('/');
    // The card shows the latest overdue and the next few due; the demo rep has more, so open the whole list.
    const showAll = page.getByTestId('follow-ups-all');
    await page.getByTestId('follow-up-item').first().waitFor();
    if ((await showAll.count()) > 0) await showAll.click();
    const followUp = page.getByTestId('follow-up-item').filter({ hasText: nextStep });
    await followUp.waitFor();
    expect(await followUp.getAttribute('data-overdue')).toBe('false');
    expect(await followUp.textContent()).toContain(doctors[0]!.name);
    await context.close();
  });

  it('a call submitted offline waits in the queue and is sent exactly once when the network is back', async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await signIn(page, 'rep01');
    await page.getByTestId('home-greeting').waitFor();
    await page.goto('/calls/new');

    const doctor = doctors[1]!;
    const start = await freeSlot(rep, taken);
    taken.push(start);
    await fillCall(page, { doctor, product, start, objectives: ['确认试用患者的疗效反馈'] });

    await context.setOffline(true);
    await page.getByTestId('call-submit').click();
    await page.getByTestId('call-queued').waitFor();
    expect(await page.getByTestId('call-queued').textContent()).toContain('已离线保存，联网后自动提交');
    const badge = page.getByTestId('call-queue-badge');
    await badge.waitFor();
    expect(await badge.locator('.ant-badge-count').textContent()).toContain('1');

    const queued = await queuedClientIds(page);
    expect(queued).toHaveLength(1);
    const clientId = queued[0]!;
    const day = chinaDate(start);
    const before = await rep<{ items: Call[] }>(
      `/calls?doctorId=${doctor.id}&from=${day}&to=${day}&pageSize=200`,
    );
    expect(before.items.filter((c) => c.clientId === clientId)).toHaveLength(0);

    await context.setOffline(false);
    await badge.waitFor({ state: 'detached' });

    const after = await rep<{ items: Call[] }>(
      `/calls?doctorId=${doctor.id}&from=${day}&to=${day}&pageSize=200`,
    );
    const mine = after.items.filter((c) => c.clientId === clientId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.status).toBe('submitted');
    expect(after.items.filter((c) => Date.parse(c.startAt) === start)).toHaveLength(1);
    await context.close();
  });

  it('a manager records a co-visit on the call and the rep acknowledges it', async () => {
    expect(loggedCallId).not.toBe('');
    const managerContext = await browser.newContext({ baseURL: baseUrl(), locale: 'zh-CN' });
    const manager = await managerContext.newPage();
    await signIn(manager, 'manager01');
    await manager.getByTestId('home-greeting').waitFor();
    await manager.goto(`/calls/${loggedCallId}`);
    await manager.getByTestId('call-start-co-visit').click();
    const form = manager.getByTestId('co-visit-form');
    await form.waitFor();
    const stars = form.locator('.ant-rate');
    for (const [step, score] of [
      [0, 4],
      [1, 3],
      [5, 5],
    ] as const) {
      await stars
        .nth(step)
        .locator('.ant-rate-star')
        .nth(score - 1)
        .click();
    }
    await manager.getByTestId('co-visit-strengths').fill('开场自然，目标清晰');
    await manager.getByTestId('co-visit-save').click();
    await manager.getByTestId('co-visit-view').waitFor();
    expect(await manager.getByTestId('co-visit-average').textContent()).toBe('4.0');
    const coVisitId = manager.url().split('/co-visits/')[1]!;
    await managerContext.close();

    const context = await phoneContext();
    const page = await context.newPage();
    await signIn(page, 'rep01');
    await page.getByTestId('home-co-visit').first().waitFor();
    await page.goto(`/co-visits/${coVisitId}`);
    await page.getByTestId('co-visit-rep-comment').fill('收到，下次注意处理异议');
    await page.getByTestId('co-visit-acknowledge').click();
    await page.getByTestId('co-visit-acknowledged').waitFor();
    const stored = await rep<{ acknowledgedAt: string | null; repComment: string | null }>(
      `/co-visits/${coVisitId}`,
    );
    expect(stored.acknowledgedAt).not.toBeNull();
    expect(stored.repComment).toBe('收到，下次注意处理异议');
    await context.close();
  });

  it('a submission whose answer is lost is retried from the queue and the server keeps one call', async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await signIn(page, 'rep01');
    await page.getByTestId('home-greeting').waitFor();
    await page.goto('/calls/new');
    const doctor = doctors[2]!;
    const start = await freeSlot(rep, taken);
    taken.push(start);
    await fillCall(page, { doctor, product, start, objectives: ['确认科室会的讲者人选'] });

    // The POST reaches the server, but the phone never sees the answer (the network drops on the way back).
    await page.route('**/api/calls', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fetch();
      return route.abort('connectionreset');
    });
    await page.getByTestId('call-submit').click();
    await page.getByTestId('call-queued').waitFor();
    const [clientId] = await queuedClientIds(page);
    const day = chinaDate(start);
    const list = () =>
      rep<{ items: Call[] }>(`/calls?doctorId=${doctor.id}&from=${day}&to=${day}&pageSize=200`).then((r) =>
        r.items.filter((c) => c.clientId === clientId),
      );
    expect(await list()).toHaveLength(1);

    await page.unroute('**/api/calls');
    // Send it by hand, unless the queue's own retry timer got there first (the badge is gone with the queue).
    const badge = page.getByTestId('call-queue-badge');
    try {
      await page.getByTestId('call-queue-button').click({ timeout: 5000 });
      await page.getByTestId('call-queue-send').click({ timeout: 5000 });
    } catch (err) {
      if ((await badge.count()) > 0) throw err;
    }
    await badge.waitFor({ state: 'detached' });
    expect(await queuedClientIds(page)).toHaveLength(0);
    const stored = await list();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.status).toBe('submitted');
    await context.close();
  });

  it('a draft saved on another device meanwhile gives a conflict; after reload it is submitted and amended with a reason', async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await signIn(page, 'rep01');
    await page.getByTestId('home-greeting').waitFor();
    await page.goto('/calls/new');
    const start = await freeSlot(rep, taken);
    taken.push(start);
    await fillCall(page, { doctor: doctors[3]!, product, start, objectives: ['了解竞品使用情况'] });
    await page.getByTestId('call-save-draft').click();
    await page.waitForURL(/\/calls\/[0-9a-f-]{36}$/);
    const callId = page.url().split('/calls/')[1]!;
    await page.locator('#notes').waitFor();

    const other = await phoneContext();
    const second = await other.newPage();
    await signIn(second, 'rep01');
    await second.getByTestId('home-greeting').waitFor();
    await second.goto(`/calls/${callId}`);
    await second.locator('#notes').fill('平板上补充的备注');
    await second.getByTestId('call-save-draft').click();
    await expect
      .poll(async () => (await rep<Call & { notes: string | null }>(`/calls/${callId}`)).notes)
      .toBe('平板上补充的备注');
    await other.close();

    await page.locator('#notes').fill('手机上的备注');
    await page.getByTestId('call-save-draft').click();
    await page.getByTestId('call-conflict').waitFor();
    expect(await page.getByTestId('call-conflict').textContent()).toContain('已在其他设备修改');
    await page.getByTestId('call-reload').click();
    await page.getByTestId('call-conflict').waitFor({ state: 'detached' });
    expect(await page.locator('#notes').inputValue()).toBe('平板上补充的备注');

    await page.getByTestId('call-submit').click();
    await page.getByTestId('call-view').waitFor();
    await page.getByTestId('call-amend').click();
    await page.locator('#notes').fill('修正后的备注');
    await page.getByTestId('call-amend-save').click();
    await page.getByTestId('amend-reason').fill('备注写错了医生的科室');
    await page.getByTestId('amend-reason-ok').click();
    await page.getByTestId('call-amendment').waitFor();
    expect(await page.getByTestId('call-amendment').textContent()).toContain('备注写错了医生的科室');
    const stored = await rep<Call & { notes: string | null; amendmentCount: number }>(`/calls/${callId}`);
    expect(stored).toMatchObject({ status: 'submitted', notes: '修正后的备注', amendmentCount: 1 });
    await context.close();
  });

  it('a queued call the server refuses stays visible as failed with the reason until the rep discards it', async () => {
    expect(taken.length).toBeGreaterThan(0);
    const context = await phoneContext();
    const page = await context.newPage();
    await signIn(page, 'rep01');
    await page.getByTestId('home-greeting').waitFor();
    await page.goto('/calls/new');
    // The same time as the first test's call: the server refuses an overlapping call of the same rep.
    const start = taken[0]!;
    await fillCall(page, { doctor: doctors[1]!, product, start, objectives: ['重复时间的拜访'] });
    await context.setOffline(true);
    await page.getByTestId('call-submit').click();
    await page.getByTestId('call-queued').waitFor();
    const [clientId] = await queuedClientIds(page);
    await context.setOffline(false);

    await page.getByTestId('call-queue-button').click();
    const item = page.getByTestId('call-queue-item');
    await item.filter({ hasText: '提交失败' }).waitFor();
    expect(await item.textContent()).toContain('时间重叠');
    expect(await page.getByTestId('call-queue-badge').locator('.ant-badge-count').textContent()).toContain(
      '1',
    );
    const day = chinaDate(start);
    const calls = await rep<{ items: Call[] }>(`/calls?from=${day}&to=${day}&pageSize=200`);
    expect(calls.items.filter((c) => c.clientId === clientId)).toHaveLength(0);

    await item.getByText('放弃').click();
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByTestId('call-queue-badge').waitFor({ state: 'detached' });
    expect(await queuedClientIds(page)).toHaveLength(0);
    await context.close();
  });
});
