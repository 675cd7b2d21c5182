import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { baseUrl, demoPassword, launchBrowser, newPage, signIn } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

type Board = { columns: { stage: string; cards: { id: string; hospitalName: string }[] }[] };

async function boardOf(username: string): Promise<Board> {
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
  const res = await fetch(`${baseUrl()}/api/pipelines/board`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as Board;
}

/** The input itself, whether the test id sits on it or on its wrapper. */
async function inputOf(field: Locator): Promise<Locator> {
  const tag = await field.evaluate((e) => e.tagName);
  return tag === 'INPUT' || tag === 'TEXTAREA' ? field : field.locator('input, textarea').first();
}

describe('进药 pipeline board', () => {
  it('a manager skips a stage with a reason through the form and finds the card in the new column', async () => {
    const board = await boardOf('manager01');
    const card = board.columns
      .filter((c) => c.stage === 'target' || c.stage === 'applied')
      .flatMap((c) => c.cards)[0];
    expect(card, 'a team pipeline before the pharmacy review').toBeDefined();

    const page = await newPage(browser);
    await signIn(page, 'manager01');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/pipeline');
    await page.getByTestId('pipeline-column-committee').waitFor();

    await page.goto(`/pipeline/${card!.id}`);
    const form = page.getByTestId('stage-move-form');
    await form.waitFor();
    await form.getByTestId('stage-move-to').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '药事委员会' }).first().click();
    await (await inputOf(form.getByTestId('stage-move-reason'))).fill('科主任直接提交药事会');
    await form.getByTestId('form-submit').click();
    await expect
      .poll(async () => page.getByTestId('pipeline-stage').innerText(), { timeout: 10_000 })
      .toBe('药事委员会');

    await page.goto('/pipeline');
    const moved = page.getByTestId('pipeline-column-committee').locator(`[data-pipeline-id="${card!.id}"]`);
    await moved.waitFor();
    expect(await moved.innerText()).toContain(card!.hospitalName);
  });
});
