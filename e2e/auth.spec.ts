import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, signIn } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const navKeys = [
  'home',
  'team',
  'territories',
  'users',
  'teams',
  'org',
  'audit',
  'dashboard-team',
  'dashboard-org',
  'targets',
  'tasks',
  'reports',
  'pipeline',
  'handovers',
  'notification-channels',
] as const;

describe('sign-in and navigation by role', () => {
  it.each([
    [
      'admin',
      [
        'home',
        'territories',
        'users',
        'teams',
        'org',
        'audit',
        'dashboard-org',
        'dashboard-team',
        'targets',
        'pipeline',
        'handovers',
        'notification-channels',
      ],
    ],
    ['compliance', ['home', 'audit', 'dashboard-org', 'dashboard-team', 'pipeline']],
    [
      'manager01',
      ['home', 'team', 'territories', 'dashboard-team', 'targets', 'tasks', 'reports', 'pipeline'],
    ],
    ['rep01', ['home', 'targets', 'tasks', 'reports', 'pipeline']],
  ])('%s sees exactly their navigation', async (username, expected) => {
    const page = await newPage(browser);
    await signIn(page, username);
    await page.getByTestId('nav-home').waitFor();
    const visible: string[] = [];
    for (const key of navKeys) {
      if ((await page.getByTestId(`nav-${key}`).count()) > 0) visible.push(key);
    }
    expect(visible.sort()).toEqual([...expected].sort());
    await page.context().close();
  });

  it('shows a wrong password error in Chinese', async () => {
    const page = await newPage(browser);
    await signIn(page, 'rep01', 'not-the-password-1');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('用户名或密码错误');
    expect(page.url()).toContain('/login');
    await page.context().close();
  });

  it('does not let a rep open an admin page', async () => {
    const page = await newPage(browser);
    await signIn(page, 'rep02');
    await page.getByTestId('nav-home').waitFor();
    await page.goto('/admin/users');
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByTestId('forbidden').textContent()).toContain('无权访问');
    await page.context().close();
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    const page = await newPage(browser);
    await page.goto('/admin/users');
    await page.locator('#username').waitFor();
    expect(page.url()).toContain('/login');
    await page.context().close();
  });
});

describe('admin pages', () => {
  it('lists users with server-side paging and finds one by name', async () => {
    const page = await newPage(browser);
    await signIn(page, 'admin');
    await page.getByTestId('nav-users').click();
    await page.waitForURL('**/admin/users');
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-table-row').count()).toBeGreaterThan(5);
    expect(await page.locator('body').textContent()).toContain('rep01');
    await page.context().close();
  });

  it('browses the audit log as compliance', async () => {
    const page = await newPage(browser);
    await signIn(page, 'compliance');
    await page.getByTestId('nav-audit').click();
    await page.waitForURL('**/audit');
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-table-row').count()).toBeGreaterThan(0);
    await page.context().close();
  });
});

describe('language and phone', () => {
  it('switches to English and remembers the choice after a reload', async () => {
    const page = await newPage(browser);
    await page.goto('/login');
    await page.getByTestId('language-switch').click();
    await page.getByText('English', { exact: true }).click();
    await page
      .locator('button[type=submit]')
      .filter({ hasText: /Sign in/i })
      .waitFor();
    await page.reload();
    await page
      .locator('button[type=submit]')
      .filter({ hasText: /Sign in/i })
      .waitFor();
    await page.context().close();
  });

  it('works on a 375-px phone screen: sign in and open the menu', async () => {
    const page = await newPage(browser, { phone: true });
    await signIn(page, 'manager01');
    await page.getByTestId('menu-button').click();
    await page.getByTestId('nav-team').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await page.context().close();
  });
});
