/** Browser-test helpers: Debian's Chromium (./chromium.ts), signed-in pages and API clients. */
import type { Browser, Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const demoPassword = 'Keqing@2026';

export { launchBrowser } from './chromium.ts';

export const baseUrl = () => inject('baseUrl');

/** A fresh browser context (own cookies) on a desktop or a 375-px phone screen. */
export async function newPage(
  browser: Browser,
  options: { phone?: boolean; locale?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    locale: options.locale ?? 'zh-CN',
    viewport: options.phone ? { width: 375, height: 740 } : { width: 1280, height: 800 },
  });
  return context.newPage();
}

export async function signIn(page: Page, username: string, password = demoPassword) {
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
}

/** A signed-in API client (GET, answers 200), to look up demo data the way the page will show it. */
export async function apiAs(username: string) {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async <T>(apiPath: string): Promise<T> => {
    const res = await fetch(`${baseUrl()}/api${apiPath}`, { headers: { cookie } });
    expect(res.status, apiPath).toBe(200);
    return (await res.json()) as T;
  };
}

/**
 * Picks an option of the open antd select. `closes`: then waits for every dropdown to close, so the next pick
 * cannot match this one's options (not for a multiple select, whose dropdown stays open by design).
 */
export async function pickOption(page: Page, text: string | RegExp, options: { closes?: boolean } = {}) {
  const option = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: text });
  await option.first().waitFor();
  await option.first().click();
  if (options.closes)
    await expect
      .poll(() => page.locator('.ant-select-dropdown:visible').count(), { timeout: 10_000 })
      .toBe(0);
}

/**
 * Types into a server-searched select and picks the option once the dropdown shows the search's answer (every
 * option contains the typed text): an option of the list shown before the answer can be re-rendered away under
 * the click, leaving the field empty. Then waits for the pick to show in the field.
 */
export async function searchAndPick(page: Page, fieldSelector: string, typed: string, optionText: string) {
  await page.locator(fieldSelector).click();
  await page.locator(fieldSelector).fill(typed);
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await expect
    .poll(
      async () => {
        const texts = await options.allTextContents();
        return texts.length > 0 && texts.every((t) => t.includes(typed));
      },
      { timeout: 15_000, message: `the select's options answer the search for ${typed}` },
    )
    .toBe(true);
  await pickOption(page, optionText);
  await expect
    .poll(() => formItemOf(page, fieldSelector).textContent(), { timeout: 10_000 })
    .toContain(optionText.split(' · ')[0]);
}

const formItemOf = (page: Page, fieldSelector: string) =>
  page.locator('.ant-form-item', { has: page.locator(fieldSelector) });

/**
 * Opens a single select and picks `text`, until the field shows it: a click while another select's dropdown is
 * still closing (its animation) can open nothing or land on the closing list, and the save then only shows the
 * form's "请选择…" (complaints.spec failed so in full CI runs). Three tries, each after every dropdown has closed.
 */
export async function selectOption(page: Page, fieldSelector: string, text: string) {
  const field = formItemOf(page, fieldSelector);
  for (let attempt = 1; ; attempt++) {
    await expect
      .poll(() => page.locator('.ant-select-dropdown:visible').count(), { timeout: 10_000 })
      .toBe(0);
    await page.locator(fieldSelector).click();
    await pickOption(page, text);
    const shown = await expect
      .poll(() => field.textContent(), { timeout: 5_000 })
      .toContain(text)
      .then(() => true)
      .catch((err: unknown) => {
        if (attempt >= 3) throw err;
        return false;
      });
    if (shown) return;
    await page.keyboard.press('Escape');
  }
}
