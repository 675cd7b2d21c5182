import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiAs, launchBrowser, newPage, signIn } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

type User = {
  id: string;
  username: string;
  name: string;
  role: string;
  teamId: string | null;
  active: boolean;
};

// reps other specs (or the demo's care-fee claims) rely on
const busy = new Set(['rep01', 'rep02', 'rep06', 'rep11']);

describe('交接并停用: hand-over wizard', () => {
  it('an admin hands a rep over to a teammate and deactivates them; no orphan remains', async () => {
    const get = await apiAs('admin');
    const [manager] = (await get<{ items: User[] }>('/users?q=manager01')).items;
    const reps = (
      await get<{ items: User[] }>('/users?role=rep&active=true&pageSize=200&sort=username')
    ).items
      .filter((u) => u.teamId === manager!.teamId && !busy.has(u.username))
      .sort((a, b) => a.username.localeCompare(b.username));
    expect(reps.length, 'two spare reps in manager01’s team').toBeGreaterThanOrEqual(2);
    const leaver = reps[reps.length - 1]!;
    const successor = reps[reps.length - 2]!;

    const page = await newPage(browser);
    await signIn(page, 'admin');
    await page.getByTestId('nav-home').waitFor();
    await page.goto(`/admin/users?q=${leaver.username}`);
    const row = page.locator('.ant-table-row', { hasText: leaver.username });
    await row.getByTestId('handover-start').click();
    await page.waitForURL('**/admin/handovers/*');

    // 1 leaver, effective today, deactivate on completion
    await page.getByTestId('handover-effective-date').waitFor();
    await page.getByTestId('handover-next').click();
    // 2 every territory and the default to the teammate
    // one dropdown at a time; a re-render (the draft saving) may close an open dropdown, so a pick is retried
    const noDropdownOpen = () =>
      expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    const pick = async (testId: string) => {
      for (let attempt = 1; ; attempt++) {
        await noDropdownOpen();
        await page.getByTestId(testId).click();
        try {
          await page
            .locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${successor.name}"]`)
            .click({ timeout: 5000 });
          break;
        } catch (err) {
          if (attempt === 3) throw err;
          await page.keyboard.press('Escape');
        }
      }
      await noDropdownOpen();
      await expect.poll(() => page.getByTestId(testId).textContent()).toContain(successor.name);
    };
    await page.getByTestId('handover-default-successor').waitFor();
    const territorySelects = page.locator('[data-testid^="handover-territory-"]');
    const ids: string[] = [];
    for (let i = 0; i < (await territorySelects.count()); i++)
      ids.push((await territorySelects.nth(i).getAttribute('data-testid'))!);
    expect(ids.length).toBeGreaterThanOrEqual(1);
    for (const id of ids) await pick(id);
    await pick('handover-default-successor');
    await page.getByTestId('handover-next').click();
    // 3 records (each follows its territory's successor), 4 notes per key account
    await page.locator('.ant-steps-item-active', { hasText: '核对记录' }).waitFor();
    await page.getByTestId('handover-next').click();
    await page.locator('.ant-steps-item-active', { hasText: '交接说明' }).waitFor();
    const note = page.locator('textarea').first();
    if ((await note.count()) > 0) await note.fill('主任重视循证数据，每月一次科室会');
    await page.getByTestId('handover-next').click();
    // 5 confirm and complete
    await page.getByTestId('handover-complete').click();
    await page.getByTestId('handover-confirm').click();
    await page.getByTestId('handover-result').waitFor();
    expect(await page.getByTestId('handover-result').textContent()).toContain('交接已完成');

    await page.goto('/');
    await page.getByTestId('orphan-count').waitFor();
    await expect.poll(async () => (await page.getByTestId('orphan-count').textContent())?.trim()).toBe('0');

    const refused = await newPage(browser);
    await signIn(refused, leaver.username);
    await refused.getByTestId('login-error').waitFor();
  });
});
