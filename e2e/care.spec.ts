import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addDays, lunarOf } from '@keqing/domain';
import {
  baseUrl,
  demoPassword,
  launchBrowser,
  newPage,
  signIn,
  selectOption,
  searchAndPick,
} from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

type Doctor = { id: string; name: string; hospitalName: string };
type CareTier = {
  tier: string;
  policy: { capPerActionFen: number; allowedKinds: string[] };
};
type CarePlan = {
  id: string;
  status: string;
  needsCompliance: boolean;
  items: { id: string; valueFen: number; overCap: boolean; careActionId: string | null }[];
  approvals: { step: string; decision: string }[];
};
type CareAction = { id: string; valueFen: number; carePlanId: string | null; kind: string };

/** A signed-in API client (Node's fetch) with the session cookie and CSRF token. */
async function apiAs(username: string) {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  expect(login.status).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl()}/api${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.ok, `${method} ${path}: ${res.status} ${text}`).toBe(true);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown) => call<T>('POST', path, body),
  };
}

const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Opens a plan in the drawer as the signed-in user, approves it with a comment, and waits for `next`. */
async function approveAs(username: string, planId: string, title: string, next: string) {
  const page = await newPage(browser);
  await signIn(page, username);
  await page.getByTestId('nav-home').waitFor();
  await page.goto('/care?tab=approvals');
  // the plan waits in this approver's list
  await page.getByTestId('care-approvals-table').getByText(title).waitFor();
  await page.getByTestId('care-approvals-table').getByText(title).click();
  const detail = page.getByTestId('care-plan-detail');
  await detail.waitFor();
  expect(await detail.getAttribute('data-plan-id')).toBe(planId);
  await page.getByTestId('care-plan-comment').fill(`${username} 同意：用途明确`);
  await page.getByTestId('care-plan-approve').click();
  await detail.locator(`[data-testid="care-plan-status"][data-status="${next}"]`).waitFor();
  await page.context().close();
}

describe('customer care', () => {
  it('rep01 plans a small gift over the cap, the manager and compliance approve, rep01 records it', async () => {
    const rep = await apiAs('rep01');
    // a doctor of rep01 whose tier allows small gifts with a per-action cap below ¥800
    const doctors = await rep.get<{ items: Doctor[] }>('/doctors?pageSize=30');
    let doctor: Doctor | undefined;
    let tier: CareTier | undefined;
    for (const d of doctors.items) {
      const t = await rep.get<CareTier>(`/doctors/${d.id}/care-tier`);
      if (t.policy.capPerActionFen < 80_000 && t.policy.allowedKinds.includes('smallGift')) {
        doctor = d;
        tier = t;
        break;
      }
    }
    expect(doctor, 'a doctor with a per-action cap below ¥800').toBeDefined();
    expect(tier!.policy.capPerActionFen).toBeLessThanOrEqual(50_000);
    const title = `E2E 关怀计划 ${Date.now()}`;

    // rep01 writes the plan in the browser
    const page = await newPage(browser);
    await signIn(page, 'rep01');
    await page.getByTestId('nav-care').click();
    await page.getByTestId('care-tab-plans').click();
    await page.getByTestId('care-new-plan').click();
    await page.getByTestId('care-plan-form').waitFor();
    await page.locator('#title').fill(title);
    await page.locator('#purpose').fill('学术会议期间的小礼品，附反馈单');
    await searchAndPick(page, '#doctorId', doctor!.name, `${doctor!.name} · ${doctor!.hospitalName}`);
    // each pick shows in its field before the next one (a save with an empty field only shows the form's error)
    await selectOption(page, '#items_0_kind', '小礼品');
    await page.locator('#items_0_amount').fill('800');
    await page.getByRole('button', { name: '保存草稿' }).click();

    // the drawer shows the server's over-cap flag; submit it
    const detail = page.getByTestId('care-plan-detail');
    await detail.waitFor();
    const planId = (await detail.getAttribute('data-plan-id'))!;
    await page.getByTestId('care-plan-over-cap').waitFor();
    expect(await page.getByTestId('care-plan-total').textContent()).toBe('¥800.00');
    await page.getByTestId('care-plan-submit').click();
    await detail.locator('[data-testid="care-plan-status"][data-status="submitted"]').waitFor();
    expect(await page.getByTestId('care-plan-needs-compliance').count()).toBe(1);
    await page.context().close();

    await approveAs('manager01', planId, title, 'managerApproved');
    await approveAs('compliance', planId, title, 'approved');

    // rep01 records the action for the approved item
    const repPage = await newPage(browser);
    await signIn(repPage, 'rep01');
    await repPage.getByTestId('nav-home').waitFor();
    await repPage.goto(`/care?tab=plans&plan=${planId}`);
    await repPage.getByTestId('care-plan-item-record').click();
    const form = repPage.getByTestId('care-action-form');
    await form.waitFor();
    expect(await repPage.locator('#amount').inputValue()).toBe('800.00');
    await repPage.locator('#evidenceNote').fill('签收单已拍照存档');
    await repPage.locator('.ant-modal:visible .ant-btn-primary').click();
    await repPage.getByTestId('care-plan-item-done').waitFor();
    await repPage.context().close();

    // stored: the plan item carries the action, worth ¥800.00, tied to the plan, after both approvals
    const plan = await rep.get<CarePlan>(`/care-plans/${planId}`);
    expect(plan.needsCompliance).toBe(true);
    expect(plan.items[0]!.overCap).toBe(true);
    expect(plan.approvals.map((a) => `${a.step}:${a.decision}`)).toEqual([
      'manager:approved',
      'compliance:approved',
    ]);
    const actionId = plan.items[0]!.careActionId;
    expect(actionId).not.toBeNull();
    const action = await rep.get<CareAction>(`/care-actions/${actionId}`);
    expect(action).toMatchObject({ valueFen: 80_000, carePlanId: planId, kind: 'smallGift' });
  });

  it('shows rep01 this week’s care dates on a phone, a lunar date marked 农历', async () => {
    const rep = await apiAs('rep01');
    const doctors = await rep.get<{ items: Doctor[] }>('/doctors?pageSize=5');
    const doctor = doctors.items[0]!;
    // a lunar family date falling tomorrow (never in a leap month, whose day would not recur)
    let date = addDays(chinaToday(), 1);
    while (lunarOf(date).isLeap) date = addDays(date, 1);
    const lunar = lunarOf(date);
    const label = `E2E 农历纪念日 ${Date.now() % 100000}`;
    await rep.post('/care-dates', {
      doctorId: doctor.id,
      kind: 'familyEvent',
      label,
      month: lunar.month,
      day: lunar.day,
      isLunar: true,
    });

    const context = await browser.newContext({
      baseURL: baseUrl(),
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await signIn(page, 'rep01');
    const card = page.getByTestId('home-card-care');
    await card.waitFor();
    expect(await card.textContent()).toContain('本周关怀日期');
    const items = card.getByTestId('care-upcoming-item');
    await items.first().waitFor();
    expect(await items.count()).toBeGreaterThan(0);
    const mine = items.filter({ hasText: label });
    // the card shows the first rows; ours is tomorrow, so it is among them unless today is crowded
    if ((await mine.count()) > 0) expect(await mine.first().textContent()).toContain('农历');
    else expect(await card.textContent()).toContain('农历');
    // fits the phone: the card is no wider than the screen
    const box = await card.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(375);
    await context.close();
  });
});
