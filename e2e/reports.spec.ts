import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiAs, launchBrowser, newPage, signIn } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

type Report = { id: string; ownerId: string; date: string; status: string };
type User = { id: string; username: string; role: string };

describe('daily report comments 日报批注', () => {
  it("a manager comments on a rep's daily report and the rep sees the notification", async () => {
    const get = await apiAs('manager01');
    const reps = await get<{ items: User[] }>('/users?role=rep&pageSize=100');
    const reports = await get<{ items: Report[] }>('/daily-reports?status=submitted&pageSize=50');
    const report = reports.items.find((r) => reps.items.some((u) => u.id === r.ownerId));
    expect(report, "a submitted report of manager01's team").toBeDefined();
    const rep = reps.items.find((u) => u.id === report!.ownerId)!;
    const body = `请补充客户反馈 ${Date.now().toString(36)}`;

    // the manager opens the report and comments
    const manager = await newPage(browser);
    await signIn(manager, 'manager01');
    await manager.waitForURL((url) => !url.pathname.startsWith('/login'));
    await manager.goto(`/reports/daily/${report!.id}`);
    await manager.getByTestId('comment-body').fill(body);
    await manager.getByTestId('comment-send').click();
    await manager.getByTestId('report-comment').filter({ hasText: body }).waitFor();

    // the rep sees it on the bell, in the list, and lands on the report
    const page = await newPage(browser);
    await signIn(page, rep.username);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    const badge = page.getByTestId('notification-unread');
    await badge.waitFor();
    expect(Number(await badge.innerText())).toBeGreaterThanOrEqual(1);
    await page.getByTestId('notification-bell').click();
    await page.waitForURL((url) => url.pathname === '/notifications');
    const item = page.getByTestId('notification-item').filter({ hasText: report!.date }).first();
    await item.waitFor();
    await item.click();
    await page.waitForURL((url) => url.pathname === `/reports/daily/${report!.id}`);
    await page.getByTestId('report-comment').filter({ hasText: body }).waitFor();
  });
});
