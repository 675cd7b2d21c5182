import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, demoPassword, launchBrowser, newPage, signIn } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

type PlannedCall = { id: string; date: string; halfDay: 'am' | 'pm'; status: string; version: number };
type Calendar = {
  ownerId: string;
  days: { date: string; workingDay: boolean }[];
  plannedCalls: PlannedCall[];
};
type CyclePlan = {
  id: string;
  generatedAt: string | null;
  quality: { frequencyAttainmentPct: number } | null;
  version: number;
};

/** A signed-in API client, to read what the page should show and check what it stored. */
async function apiAs(username: string) {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  expect(login.status).toBe(200);
  const session = (await login.json()) as { user: { id: string } };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${baseUrl()}/api${path}`, { headers: { cookie } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  return { get, userId: session.user.id };
}

const chinaToday = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));

describe('planning: cycle plan, calendar and the manager view', () => {
  it('a rep generates the cycle plan, drags a call to another day, and the manager sees it', async () => {
    const rep = await apiAs('rep01');
    const today = chinaToday();

    // ── 1. generate (or regenerate) the current cycle's plan and see its quality figures ──
    const page = await newPage(browser);
    await signIn(page, 'rep01');
    await page.getByTestId('home-greeting').waitFor();
    await page.getByTestId('nav-plan').click();
    await page.waitForURL('**/plan');
    await page.getByTestId('plan-tab-cycle').click();
    const before = (await rep.get<{ items: CyclePlan[] }>(`/cycle-plans?date=${today}`)).items[0];
    if (before) {
      await page.getByTestId('cycle-regenerate').or(page.getByTestId('cycle-generate')).first().click();
      const confirm = page.getByTestId('regenerate-ok');
      if (before.generatedAt) await confirm.click();
    } else {
      await page.getByTestId('cycle-generate').click();
    }
    await page.getByTestId('quality-attainment').waitFor();
    const after = (await rep.get<{ items: CyclePlan[] }>(`/cycle-plans?date=${today}`)).items[0]!;
    expect(after.version).toBeGreaterThan(before?.version ?? 0);
    expect(after.quality).not.toBeNull();
    await expect
      .poll(async () => page.getByTestId('quality-attainment').textContent())
      .toContain(`${after.quality!.frequencyAttainmentPct}%`);

    // ── 2. drag one future call to another working day of its week ──
    const range = await rep.get<Calendar>(
      `/planning/calendar?from=${addDays(today, 1)}&to=${addDays(today, 28)}`,
    );
    const working = new Set(range.days.filter((d) => d.workingDay).map((d) => d.date));
    let move: { call: PlannedCall; to: string } | undefined;
    for (const call of range.plannedCalls.filter((c) => c.status === 'planned')) {
      const monday = mondayOf(call.date);
      const target = [0, 1, 2, 3, 4, 5, 6]
        .map((i) => addDays(monday, i))
        .find((d) => d !== call.date && d > today && working.has(d));
      if (target) {
        move = { call, to: target };
        break;
      }
    }
    expect(move, 'a planned call with another working day in its week').toBeDefined();
    const { call, to } = move!;

    // The whole week on screen: a drag that has to scroll would start on whatever card is under the pointer then.
    await page.setViewportSize({ width: 1400, height: 3200 });
    await page.goto(`/plan?view=week&date=${call.date}`);
    const card = page.getByTestId(`planned-call-${call.id}`);
    await card.waitFor();
    expect(await card.getAttribute('draggable')).toBe('true');
    await card.dragTo(page.getByTestId(`slot-${to}-${call.halfDay}`));
    await page.locator(`[data-testid="planned-call-${call.id}"][data-date="${to}"]`).waitFor();
    const stored = await rep.get<PlannedCall>(`/planned-calls/${call.id}`);
    expect(stored.date).toBe(to);
    expect(stored.halfDay).toBe(call.halfDay);
    expect(stored.version).toBeGreaterThan(call.version);
    await page.context().close();

    // ── 3. the manager picks rep01 and sees the moved call, read-only ──
    const manager = await newPage(browser);
    await signIn(manager, 'manager01');
    await manager.getByTestId('home-greeting').waitFor();
    await manager.goto(`/plan?view=week&date=${to}`);
    await manager.getByTestId('plan-pick-rep').waitFor();
    await manager.getByTestId('plan-rep-picker').click();
    await manager.getByTestId('plan-rep-picker').locator('input').fill('rep01');
    await manager.locator('.ant-select-item-option', { hasText: 'rep01' }).first().click();
    await manager.locator(`[data-testid="plan-calendar"][data-owner="${rep.userId}"]`).waitFor();
    const seen = manager.locator(`[data-testid="planned-call-${call.id}"][data-date="${to}"]`);
    await seen.waitFor();
    expect(await seen.getAttribute('draggable')).toBe('false');
    await manager.context().close();
  });
});
