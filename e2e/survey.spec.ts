import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
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

/** A signed-in API session (Node's fetch with the session cookie and the CSRF token). */
async function session(username: string) {
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
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.ok, `${method} ${path}: ${res.status} ${text}`).toBe(true);
    return JSON.parse(text) as T;
  };
  return call;
}

describe('satisfaction survey 满意度调查', () => {
  it('a rep sends a survey, the doctor answers it on a phone without signing in, once', async () => {
    const templateName = `E2E 医生满意度 ${Date.now()}`;
    const admin = await session('admin');
    await admin('POST', '/survey-templates', {
      name: templateName,
      audience: 'doctor',
      questions: [{ key: 'recommend', text: '您是否愿意向同事推荐？', type: 'score', required: true }],
    });
    const rep = await session('rep01');
    const doctor = (await rep<{ items: Doctor[] }>('GET', '/doctors?page=1&pageSize=1')).items[0];
    expect(doctor, 'rep01 has a doctor in scope').toBeDefined();

    // the rep sends it from /care/surveys
    const page = await newPage(browser);
    await signIn(page, 'rep01');
    await page.getByTestId('nav-surveys').click();
    await page.getByTestId('survey-send-form').waitFor();
    await selectOption(page, '#templateId', templateName);
    await searchAndPick(page, '#doctorId', doctor!.name, `${doctor!.name} · ${doctor!.hospitalName}`);
    await page.getByTestId('survey-send').click();
    const linkText = (await page.getByTestId('survey-link').textContent())!.trim();
    expect(linkText).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);

    // the doctor: a fresh phone-sized context without cookies
    const phone = await browser.newContext({
      baseURL: baseUrl(),
      locale: 'zh-CN',
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
    });
    expect(await phone.cookies()).toEqual([]);
    const doctorPage = await phone.newPage();
    await doctorPage.goto(new URL(linkText).pathname);
    await doctorPage.getByTestId('survey-page').waitFor();
    expect(await doctorPage.getByTestId('survey-page').textContent()).toContain(doctor!.name);
    // nothing wider than the phone screen
    const width = await doctorPage.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await doctorPage.getByTestId('survey-score-price-4').tap();
    await doctorPage.getByTestId('survey-score-efficacy-5').tap();
    await doctorPage.getByTestId('survey-score-service-3').tap();
    await doctorPage.getByTestId('survey-q-recommend-5').tap();
    await doctorPage.getByTestId('survey-comment').fill('送货及时，资料很实用');
    await doctorPage.getByTestId('survey-submit').tap();
    await doctorPage.getByTestId('survey-thanks').waitFor();

    // the same link again: the reused-token message, nothing changed
    await doctorPage.reload();
    const reused = doctorPage.getByTestId('survey-error');
    await reused.waitFor();
    expect(await reused.textContent()).toContain('该问卷已提交，感谢您的参与');
    await phone.close();

    // the rep sees the answer
    await page.keyboard.press('Escape');
    await page.reload();
    const row = page
      .getByTestId('survey-invitations')
      .locator('tr')
      .filter({ hasText: templateName })
      .first();
    await row.locator('[data-testid="survey-state"][data-state="answered"]').waitFor();
    expect(await row.getByTestId('survey-scores').textContent()).toBe('4 / 5 / 3');
    await page.getByTestId('survey-trend').waitFor();
    await page.context().close();
  });
});
