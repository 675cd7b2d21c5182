import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { pinyinInitials } from '@keqing/domain';
import { importColumns } from '@keqing/shared';
import { apiAs, launchBrowser, newPage, signIn } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

type Doctor = { id: string; name: string };
type Segmentation = { products: { productId: string; listed: boolean }[] };
type Grading = {
  config: { matrix: Record<string, Record<string, string>>; visitFrequency: Record<string, number> };
};

describe('doctors: find by pinyin initials and score on the 360° page', () => {
  it('a rep finds a doctor by initials, records a status score and sees grade and frequency update', async () => {
    const get = await apiAs('rep01');
    // A doctor of rep01 whose hospital carries products, so the scores tab has something to score.
    const doctors = await get<{ items: Doctor[] }>('/doctors?pageSize=30&sort=name');
    let doctor: Doctor | undefined;
    let segmentation: Segmentation | undefined;
    for (const d of doctors.items) {
      const s = await get<Segmentation>(`/doctors/${d.id}/segmentation`);
      if (s.products.length > 0 && pinyinInitials(d.name).length >= 2) {
        doctor = d;
        segmentation = s;
        break;
      }
    }
    expect(doctor, 'a scorable doctor in rep01 scope').toBeDefined();
    const product = segmentation!.products[0]!;
    const grading = await get<Grading>('/segmentation/doctor-grading');
    const expected = (status: number, potential: number) => {
      const grade = grading.config.matrix[String(potential)]![String(status)]!;
      return { grade, visits: grading.config.visitFrequency[grade]! };
    };
    // Two assessments at the ends of the scale, so the grade has to change between them.
    const [lowStatus, highStatus] = product.listed ? [0, 4] : [-4, -1];
    const steps = [
      { status: lowStatus, potential: 1 },
      { status: highStatus, potential: 5 },
    ];

    const page = await newPage(browser);
    await signIn(page, 'rep01');
    await page.getByTestId('nav-doctors').click();
    await page.waitForURL('**/doctors');
    const initials = pinyinInitials(doctor!.name);
    await page.getByTestId('list-search').locator('input').fill(initials);
    await page.getByTestId('list-search').locator('input').press('Enter');
    await page.waitForURL(`**/doctors?q=${initials}`);
    const link = page.getByTestId('doctor-link').filter({ hasText: new RegExp(`^${doctor!.name}$`) });
    await link.first().waitFor();
    await link.first().click();
    await page.waitForURL(`**/doctors/${doctor!.id}`);
    expect(await page.getByTestId('doctor-name').textContent()).toBe(doctor!.name);

    await page.getByTestId('doctor-tab-scores').click();
    await page.getByTestId('score-form').waitFor();
    await page.getByTestId(`score-row-${product.productId}`).click();
    for (const step of steps) {
      const { grade, visits } = expected(step.status, step.potential);
      await page.getByTestId(`score-status-${step.status}`).click();
      await page.getByTestId(`score-potential-${step.potential}`).click();
      await page.getByTestId('score-submit').click();
      await page.waitForFunction(
        ([g, v]) =>
          document.querySelector('[data-testid=current-grade]')?.textContent === g &&
          document.querySelector('[data-testid=current-frequency]')?.textContent === `每周期 ${v} 次`,
        [grade, visits] as const,
      );
    }
    // The history chart (ECharts, loaded with this tab) shows both assessments.
    await page.getByTestId('score-chart').locator('canvas').waitFor();
    await page.context().close();
  });
});

describe('import: row errors are listed before anything is written', () => {
  it('an admin uploads a doctors file with bad rows and sees each error with row and column', async () => {
    const get = await apiAs('admin');
    const hospital = (await get<{ items: { name: string }[] }>('/hospitals?pageSize=1')).items[0]!.name;
    const headers = importColumns.doctors.map((c) => c.header);
    const row = (values: Record<string, string>) => headers.map((h) => values[h] ?? '').join(',');
    const csv = [
      headers.join(','),
      row({ 姓名: '张导入', 医院名称: hospital, 科室: '心内科', 职称: '主任医师' }), // 2: valid
      row({ 医院名称: hospital, 科室: '心内科' }), // 3: name missing
      row({ 姓名: '李导入', 医院名称: '不存在的医院', 科室: '心内科' }), // 4: unknown hospital
      row({ 姓名: '王导入', 医院名称: hospital, 职称: '教授' }), // 5: title not in the list
      row({ 姓名: '赵导入', 医院名称: hospital, 备注: "=cmd|' /C calc'!A0" }), // 6: formula injection
    ].join('\n');

    const page = await newPage(browser);
    await signIn(page, 'admin');
    await page.getByTestId('nav-imports').click();
    await page.waitForURL('**/imports');
    await page
      .getByTestId('import-upload')
      .locator('input[type=file]')
      .setInputFiles({
        name: '医生导入.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`\uFEFF${csv}`, 'utf8'),
      });
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const rows = errors.locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(4);
    const text = (await errors.textContent()) ?? '';
    for (const expected of ['姓名', '必填', '不存在的医院', '职称', '教授', '备注', '公式']) {
      expect(text).toContain(expected);
    }
    const cells = await rows.locator('td:first-child').allTextContents();
    expect(cells).toEqual(['3', '4', '5', '6']);
    expect(await page.getByTestId('import-count-invalid').textContent()).toContain('4');
    expect(await page.getByTestId('import-count-valid').textContent()).toContain('1');

    // Cancelling imports nothing.
    await page.getByTestId('import-cancel').click();
    await page.getByTestId('import-cancelled').waitFor();
    const found = await get<{ total: number }>(`/doctors?q=${encodeURIComponent('张导入')}`);
    expect(found.total).toBe(0);
    await page.context().close();
  });
});

describe('key accounts: weekly review 周讨论', () => {
  it("a rep records this week's review of their key accounts and sees it listed", async () => {
    const page = await newPage(browser);
    await signIn(page, 'rep01');
    await page.getByTestId('nav-key-accounts').click();
    await page.getByTestId('ka-tab-reviews').click();
    await page.getByTestId('review-note').fill('本周重点：交大附一院心内科，约定周四科室会');
    await page.getByTestId('review-submit').click();
    await page.locator('.ant-table-row', { hasText: '本周重点：交大附一院心内科，约定周四科室会' }).waitFor();
    // the form clears once the save is confirmed
    await expect.poll(() => page.getByTestId('review-note').inputValue()).toBe('');
    await page.context().close();
  });
});
