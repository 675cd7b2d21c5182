import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chinaDate } from '@keqing/domain';
import { apiAs, launchBrowser, newPage, signIn } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

type ForecastSummary = {
  month: string;
  editable: boolean;
  rows: {
    productId: string;
    productName: string;
    quota: number;
    forecast: number | null;
    gap: number | null;
  }[];
};

/** 1,234 or 1234: the page formats numbers for China. */
const numberPattern = (n: number) => new RegExp(`${n.toLocaleString('en-US').replace(/,/g, ',?')}(?!\\d)`);

describe('sales forecast 销售预测', () => {
  it('a rep enters a forecast below the quota for a product and sees the gap warning naming it', async () => {
    const month = chinaDate().slice(0, 7);
    const get = await apiAs('rep01');
    const summary = await get<ForecastSummary>(`/forecast-summary?month=${month}`);
    expect(summary.editable).toBe(true);
    // a product the seed did not already forecast short, so the warning is the one this test causes
    const row =
      summary.rows.find((r) => r.quota >= 20 && (r.gap === null || r.gap >= 0)) ??
      summary.rows.find((r) => r.quota >= 20);
    expect(row, 'a product of rep01 with a quota').toBeDefined();
    const short = Math.max(1, Math.round(row!.quota * 0.2));
    const forecast = row!.quota - short;

    const page = await newPage(browser);
    await signIn(page, 'rep01');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/targets/forecast');

    // step 1: the forecast per product
    const field = page.getByTestId(`forecast-input-${row!.productName}`);
    await field.waitFor();
    const input = (await field.evaluate((e) => e.tagName)) === 'INPUT' ? field : field.locator('input');
    await input.fill(String(forecast));
    await input.blur();

    // step 2: totals against the quota, with the gap
    await page.getByTestId('forecast-next').click();
    const warning = page.getByTestId('forecast-gap-warning');
    await warning.waitFor();
    const text = await warning.innerText();
    expect(text).toContain(row!.productName);
    expect(text).toMatch(numberPattern(short));
  });
});
