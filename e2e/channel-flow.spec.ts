import ExcelJS from 'exceljs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildOrgIndex, chinaDate, matchBuyerName } from '@keqing/domain';
import { baseUrl, demoPassword, launchBrowser, newPage, signIn, pickOption } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

type Named = { id: string; name: string; city?: string };

/** GET as a signed-in user (Node's fetch with the session cookie). */
async function getAs<T>(username: string, apiPath: string): Promise<T> {
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
  const res = await fetch(`${baseUrl()}/api${apiPath}`, { headers: { cookie } });
  const text = await res.text();
  expect(res.ok, `GET ${apiPath}: ${res.status} ${text}`).toBe(true);
  return JSON.parse(text) as T;
}

/** Every page of a list. */
async function getAllAs(username: string, apiPath: string): Promise<Named[]> {
  const items: Named[] = [];
  for (let page = 1; ; page++) {
    const sep = apiPath.includes('?') ? '&' : '?';
    const res = await getAs<{ items: Named[]; total: number }>(
      username,
      `${apiPath}${sep}page=${page}&pageSize=200`,
    );
    items.push(...res.items);
    if (items.length >= res.total || res.items.length === 0) return items;
  }
}

/** A spelling of the hospital's name that the matcher finds uncertain (a person must confirm it). */
function uncertainSpelling(target: Named, all: Named[], customers: Named[]): string | undefined {
  // the same organisations the server matches against
  const index = buildOrgIndex([
    ...all.map((h) => ({ kind: 'hospital' as const, ...h })),
    ...customers.map((c) => ({ kind: 'customer' as const, ...c })),
  ]);
  const n = target.name;
  const variants = [
    n.slice(2),
    n.slice(3),
    n.slice(-6),
    n.replace(/医院$/, ''),
    `${n.slice(0, 2)}${n.slice(-4)}`,
    n.slice(4),
  ];
  const found = variants.find((v) => {
    const m = matchBuyerName(v, index);
    return m.status === 'uncertain' && m.candidates.some((c) => c.id === target.id);
  });
  return found;
}

describe('flow-of-goods 流向导入', () => {
  it('a rep imports a new layout, maps columns, confirms an uncertain match and commits; the manager acknowledges the 窜货 warning', async () => {
    const distributors = await getAs<{ items: Named[] }>(
      'rep01',
      '/channel-customers?kind=distributor&pageSize=50',
    );
    const distributor = distributors.items[0];
    expect(distributor, 'rep01 has a distributor').toBeDefined();
    const mine = await getAllAs('rep01', '/hospitals');
    const all = await getAllAs('admin', '/hospitals');
    const customers = (await getAllAs('admin', '/channel-customers')).filter((c) => c.id !== distributor!.id);
    const inside = mine[0]!;
    const product = (await getAs<{ items: Named[] }>('rep01', '/products?pageSize=1')).items[0]!;
    // a hospital outside the distributor's authorised territory (窜货) that some spelling leaves uncertain
    const detail = await getAs<{ authorisedCities: string[]; authorisedHospitals: Named[] }>(
      'rep01',
      `/channel-customers/${distributor!.id}`,
    );
    const outsiders = all.filter(
      (h) =>
        !mine.some((m) => m.id === h.id) &&
        !detail.authorisedCities.includes(h.city ?? '') &&
        !detail.authorisedHospitals.some((a) => a.id === h.id),
    );
    let outside: Named | undefined;
    let spelling = '';
    for (const h of outsiders) {
      const s = uncertainSpelling(h, all, customers);
      if (s) {
        outside = h;
        spelling = s;
        break;
      }
    }
    expect(outside, 'a hospital outside rep01’s territory with an uncertain spelling').toBeDefined();

    // a layout this distributor never sent: the columns must be mapped by hand
    const today = chinaDate();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('明细');
    sheet.addRow([`${distributor!.name} 流向明细`]);
    sheet.mergeCells('A1:E1');
    sheet.addRow(['发货时间', '往来单位', '货品', '件数', '备注']);
    sheet.addRow([today, inside.name, product.name, 20, '']);
    sheet.addRow([today, spelling, product.name, 35, '外埠']);
    sheet.addRow(['合计', '', '', 55, '']);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'keqing-flow-'));
    const file = path.join(dir, `流向-${Date.now()}.xlsx`);
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));

    const page = await newPage(browser);
    await signIn(page, 'rep01');
    await page.getByTestId('nav-channel-flow').click();
    await page.getByTestId('flow-distributor').click();
    await pickOption(page, distributor!.name, { closes: true });
    await expect.poll(() => page.getByTestId('flow-distributor').textContent()).toContain(distributor!.name);
    await page.getByTestId('flow-upload').locator('input[type=file]').setInputFiles(file);

    // mapping step: one select per field with the file's headers
    await page.getByTestId('flow-save-mapping').waitFor();
    for (const [field, header] of [
      ['saleDate', '发货时间'],
      ['buyer', '往来单位'],
      ['product', '货品'],
      ['quantity', '件数'],
    ] as const) {
      await page.getByTestId(`flow-map-${field}`).click();
      await pickOption(page, header, { closes: true });
    }
    await page.getByTestId('flow-save-mapping').click();

    // preview: one matched, one to confirm, the totals row skipped
    await page.getByTestId('flow-count-uncertain').waitFor();
    expect(await page.getByTestId('flow-count-uncertain').textContent()).toContain('1');
    expect(await page.getByTestId('flow-count-skipped').textContent()).toContain('1');
    await page.getByTestId('flow-choice-4').click();
    await pickOption(page, outside!.name, { closes: true });
    await page.getByTestId('flow-confirm-4').click();
    await page.locator('[data-testid="flow-count-confirmed"]', { hasText: '1' }).waitFor();

    await page.getByTestId('flow-commit').click();
    // the demo already holds this month's flow: replace it when asked
    const replace = page.getByTestId('flow-commit-replace');
    const committed = page.locator('[data-testid="flow-status"]', { hasText: '已提交' });
    await Promise.race([replace.waitFor(), committed.waitFor()]);
    if (await replace.isVisible()) await replace.click();
    await committed.waitFor();
    await page.close();

    // the manager sees the cross-territory warning and acknowledges it
    const manager = await newPage(browser);
    await signIn(manager, 'manager01');
    await manager.getByTestId('nav-channel-warnings').click();
    // the warnings of this distributor only (the demo has another distributor selling across territory)
    await manager.getByTestId('warnings-filter-customer').click();
    await pickOption(manager, distributor!.name, { closes: true });
    const row = manager.getByTestId('warning-row-crossTerritory').first();
    await row.waitFor();
    await row.getByTestId('warning-open').click();
    await manager.getByTestId('warning-ack-note').fill('已与经销商核实外埠销售，要求整改');
    await manager.getByTestId('warning-ack').click();
    await manager.getByTestId('warning-ack').waitFor({ state: 'detached' });
    await manager.close();
  });
});
