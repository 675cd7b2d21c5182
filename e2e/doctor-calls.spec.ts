import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiAs, launchBrowser, newPage, signIn } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

type Call = { id: string; doctorId: string; startAt: string };
type FollowUp = { id: string; doctorId: string; title: string };
type Hospital = { id: string; name: string; latitude: number | null; longitude: number | null };
type Brief = { frequency: { required: number; doneThisCycle: number } };

describe("doctor 360: the doctor's calls", () => {
  it('a rep sees the calls, open follow-ups and frequency, and logs a call for the doctor', async () => {
    const get = await apiAs('rep01');
    // A doctor with an open follow-up has at least the call that promised it.
    const open = await get<{ items: FollowUp[] }>('/follow-ups?status=open&pageSize=1');
    const doctorId =
      open.items[0]?.doctorId ?? (await get<{ items: Call[] }>('/calls?pageSize=1')).items[0]!.doctorId;
    const calls = await get<{ items: Call[]; total: number }>(
      `/calls?doctorId=${doctorId}&sort=-startAt&pageSize=10`,
    );
    const followUps = await get<{ items: FollowUp[]; total: number }>(
      `/follow-ups?doctorId=${doctorId}&status=open&pageSize=20`,
    );
    const brief = await get<Brief>(`/doctors/${doctorId}/pre-call-brief`);
    expect(calls.total).toBeGreaterThan(0);

    const page = await newPage(browser);
    await signIn(page, 'rep01');
    await page.getByTestId('home-greeting').waitFor();
    await page.goto(`/doctors/${doctorId}`);
    await page.getByTestId('doctor-tab-calls').click();
    await page.getByTestId('doctor-calls-table').waitFor();

    // newest first, each row a link to its call
    const links = page.getByTestId('doctor-calls-table').getByTestId('call-link');
    await links.first().waitFor();
    expect(await links.count()).toBe(calls.items.length);
    expect(await links.first().getAttribute('href')).toBe(`/calls/${calls.items[0]!.id}`);
    expect(await page.getByTestId('doctor-follow-up').count()).toBe(followUps.items.length);
    expect(await page.getByTestId('doctor-calls-frequency').textContent()).toContain(
      `本周期已拜访 ${brief.frequency.doneThisCycle} / 应拜访 ${brief.frequency.required} 次`,
    );

    await page.getByTestId('doctor-log-call').click();
    await page.waitForURL(`**/calls/new?doctorId=${doctorId}`);
    await page.context().close();
  });

  it('compliance reads the tab without the 记录拜访 button', async () => {
    const get = await apiAs('compliance');
    const doctorId = (await get<{ items: Call[] }>('/calls?pageSize=1')).items[0]!.doctorId;
    const page = await newPage(browser);
    await signIn(page, 'compliance');
    await page.getByTestId('home-greeting').waitFor();
    await page.goto(`/doctors/${doctorId}?tab=calls`);
    await page.getByTestId('doctor-calls-table').getByTestId('call-link').first().waitFor();
    expect(await page.getByTestId('doctor-log-call').count()).toBe(0);
    await page.context().close();
  });
});

describe('hospital position 纬度/经度', () => {
  async function openEditor(page: Page, hospitalId: string) {
    await page.goto(`/hospitals/${hospitalId}`);
    await page.getByTestId('edit-hospital').click();
    await page.getByTestId('hospital-form').waitFor();
  }
  const setNumber = async (page: Page, field: string, value: string) => {
    const input = page.getByTestId('hospital-form').locator(`#${field}`);
    await input.fill(value);
    await input.blur();
  };

  it('an admin gets the half-pair error on the field, then saves and sees both', async () => {
    const get = await apiAs('admin');
    const hospital = (await get<{ items: Hospital[] }>('/hospitals?pageSize=1&sort=name')).items[0]!;
    const page = await newPage(browser);
    await signIn(page, 'admin');
    await page.getByTestId('home-greeting').waitFor();

    await openEditor(page, hospital.id);
    await setNumber(page, 'latitude', '25.0389');
    await setNumber(page, 'longitude', '');
    await page.getByTestId('form-submit').click();
    await page
      .getByTestId('hospital-form')
      .locator('.ant-form-item-explain-error', { hasText: '纬度和经度须同时填写或同时清空' })
      .waitFor();
    const unchanged = await get<Hospital>(`/hospitals/${hospital.id}`);
    expect([unchanged.latitude, unchanged.longitude]).toEqual([hospital.latitude, hospital.longitude]);

    await setNumber(page, 'longitude', '102.7183');
    await page.getByTestId('form-submit').click();
    await page.getByTestId('hospital-form').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('hospital-coordinates').textContent()).toBe('25.0389, 102.7183');
    const saved = await get<Hospital>(`/hospitals/${hospital.id}`);
    expect([saved.latitude, saved.longitude]).toEqual([25.0389, 102.7183]);

    // put the demo position back (or clear it), so other specs see the seeded hospital
    await openEditor(page, hospital.id);
    await setNumber(page, 'latitude', hospital.latitude === null ? '' : String(hospital.latitude));
    await setNumber(page, 'longitude', hospital.longitude === null ? '' : String(hospital.longitude));
    await page.getByTestId('form-submit').click();
    await page.getByTestId('hospital-form').waitFor({ state: 'detached' });
    const restored = await get<Hospital>(`/hospitals/${hospital.id}`);
    expect([restored.latitude, restored.longitude]).toEqual([hospital.latitude, hospital.longitude]);
    await page.context().close();
  });
});
