import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiAs, launchBrowser, newPage, signIn } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

type GradeKpi = { grade: string; targetDoctors: number; coveredDoctors: number; coveragePct: number | null };
type RepKpi = { repId: string; repUsername: string; repName: string; byGrade: GradeKpi[] };
type TeamDashboard = { period: { from: string; to: string }; reps: RepKpi[] };
type DrillDoctor = {
  id: string;
  doctorName: string;
  hospitalName: string;
  grade: string;
  repId: string;
  doneCalls: number;
  lastCallDate: string | null;
};

describe('team dashboard 团队报表: drill into uncovered A-grade doctors', () => {
  it('a manager clicks a rep’s low A-grade coverage bar, sees the uncovered A doctors and exports them to Excel', async () => {
    const get = await apiAs('manager01');
    const dashboard = await get<TeamDashboard>('/dashboards/team');
    // the rep of the team with the lowest A-grade coverage who still has uncovered A doctors
    const candidates = dashboard.reps
      .map((r) => ({ rep: r, a: r.byGrade.find((g) => g.grade === 'A') }))
      .filter(
        (c): c is { rep: RepKpi; a: GradeKpi } =>
          !!c.a && c.a.targetDoctors > 0 && c.a.coveredDoctors < c.a.targetDoctors,
      )
      .sort((x, y) => (x.a.coveragePct ?? 0) - (y.a.coveragePct ?? 0));
    expect(candidates.length, 'a rep of manager01 with uncovered A-grade doctors').toBeGreaterThan(0);
    const { rep, a } = candidates[0]!;
    const uncovered = a.targetDoctors - a.coveredDoctors;

    const page = await newPage(browser);
    await signIn(page, 'manager01');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/dashboards/team');
    const bar = page.getByTestId(`coverage-bar-${rep.repUsername}-A`);
    await bar.waitFor();
    await bar.click();

    await page.waitForURL((url) => url.pathname === '/dashboards/drill');
    const url = new URL(page.url());
    expect(url.searchParams.get('metric')).toBe('doctors');
    expect(url.searchParams.get('state')).toBe('uncovered');
    expect(url.searchParams.get('grade')).toBe('A');
    expect(url.searchParams.get('repId')).toBe(rep.repId);

    // the list behind the bar, read the way the page reads it: every doctor grade A, not seen this period
    const query = new URLSearchParams(url.searchParams);
    query.delete('metric');
    query.set('pageSize', '200');
    const list = await get<{ items: DrillDoctor[]; total: number }>(
      `/dashboards/drill/doctors?${query.toString()}`,
    );
    expect(list.total).toBe(uncovered);
    expect(list.items).toHaveLength(Math.min(uncovered, 200));
    for (const d of list.items) {
      expect(d.grade).toBe('A');
      expect(d.repId).toBe(rep.repId);
      expect(d.doneCalls).toBe(0);
    }

    // the page shows that list: doctor, hospital, department, grade, rep, required, done, last call
    const rows = page.getByTestId('drill-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const shown = await rows.count();
    expect(shown).toBe(Math.min(uncovered, 20)); // the first page
    const names = new Set(list.items.map((d) => d.doctorName));
    for (let i = 0; i < shown; i++) {
      const cells = rows.nth(i).locator('td');
      expect(names.has((await cells.nth(0).innerText()).trim())).toBe(true);
      expect((await cells.nth(3).innerText()).trim()).toBe('A');
      expect((await cells.nth(6).innerText()).trim()).toBe('0');
    }

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('drill-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = path.join(
      mkdtempSync(path.join(os.tmpdir(), 'keqing-drill-')),
      download.suggestedFilename(),
    );
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    const values: string[][] = [];
    sheet.eachRow((row) => {
      const cells = (row.values as unknown[])
        .slice(1)
        .map((v) => (v === null || v === undefined ? '' : String(v)));
      values.push(cells);
    });
    // Chinese headers: the first row naming the doctor column; data rows follow
    const headerAt = values.findIndex((cells) => cells.some((c) => c.includes('医生')));
    expect(headerAt, 'a header row with 医生').toBeGreaterThanOrEqual(0);
    const nameColumn = values[headerAt]!.findIndex((c) => c.includes('医生'));
    const data = values.slice(headerAt + 1).filter((cells) => cells.some((c) => c !== ''));
    expect(data).toHaveLength(list.total);
    expect(data.map((cells) => cells[nameColumn]).sort()).toEqual(list.items.map((d) => d.doctorName).sort());
  });
});
