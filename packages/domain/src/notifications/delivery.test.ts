import { describe, expect, it } from 'vitest';
import {
  dingTalkPayload,
  dingTalkStringToSign,
  frequencyReminderDay,
  isRobotSuccess,
  isWebhookUrl,
  maxDeliveryAttempts,
  minutesOfDay,
  monthOf,
  nextAttemptAfterFailure,
  quietHoursEnd,
  signedRobotUrl,
  weComPayload,
} from './delivery.ts';

const now = new Date('2026-12-07T04:00:00Z');

describe('nextAttemptAfterFailure', () => {
  it.each([
    [1, 1],
    [2, 5],
    [3, 30],
    [4, 120],
    [5, 720],
  ])('after attempt %i waits %i minutes', (attempts, minutes) => {
    expect(nextAttemptAfterFailure(attempts, now)?.getTime()).toBe(now.getTime() + minutes * 60_000);
  });
  it.each([0, maxDeliveryAttempts, maxDeliveryAttempts + 1])('attempt %i → failed (null)', (attempts) => {
    expect(nextAttemptAfterFailure(attempts, now)).toBeNull();
  });
});

describe('quietHoursEnd (China time)', () => {
  it.each<[string, string, string | null, string | null, string | null]>([
    ['no quiet hours', '2026-12-07T14:30:00Z', null, null, null],
    ['start = end', '2026-12-07T14:30:00Z', '22:00', '22:00', null],
    ['overnight, evening part (22:30)', '2026-12-07T14:30:00Z', '22:00', '07:00', '2026-12-07T23:00:00.000Z'],
    ['overnight, morning part (06:00)', '2026-12-07T22:00:00Z', '22:00', '07:00', '2026-12-07T23:00:00.000Z'],
    ['overnight, outside (12:00)', '2026-12-07T04:00:00Z', '22:00', '07:00', null],
    ['overnight, exactly the end', '2026-12-07T23:00:00Z', '22:00', '07:00', null],
    ['same-day range, inside (12:30)', '2026-12-07T04:30:00Z', '12:00', '13:30', '2026-12-07T05:30:00.000Z'],
    ['same-day range, before', '2026-12-07T03:59:00Z', '12:00', '13:30', null],
    ['bad time', '2026-12-07T04:30:00Z', '25:00', '07:00', null],
  ])('%s', (_label, at, start, end, expected) => {
    expect(quietHoursEnd(new Date(at), start, end)?.toISOString() ?? null).toBe(expected);
  });
});

describe('minutesOfDay', () => {
  it.each<[string, number | null]>([
    ['00:00', 0],
    ['07:30', 450],
    ['23:59', 1439],
    ['24:00', null],
    ['7:30', null],
  ])('%s → %s', (hhmm, minutes) => expect(minutesOfDay(hhmm)).toBe(minutes));
});

describe('frequencyReminderDay (working days before the period end)', () => {
  it.each([
    // December 2026: the 31st is a Thursday
    ['2026-12-01', '2026-12-31', 0, '2026-12-31'],
    ['2026-12-01', '2026-12-31', 3, '2026-12-28'],
    // 2026-09-27 is a make-up working Sunday before National Day: the month ends on a holiday
    ['2026-09-01', '2026-09-30', 1, '2026-09-29'],
    ['2026-12-01', '2026-12-31', 99, '2026-12-01'],
  ])('%s–%s, %i days → %s', (start, end, days, expected) => {
    expect(frequencyReminderDay(start, end, days)).toBe(expected);
  });
});

describe('monthOf', () => {
  it.each([
    ['2026-02-10', '2026-02-01', '2026-02-28'],
    ['2028-02-10', '2028-02-01', '2028-02-29'],
    ['2026-12-31', '2026-12-01', '2026-12-31'],
  ])('%s', (date, start, end) => expect(monthOf(date)).toEqual({ start, end }));
});

describe('robot payloads and answers', () => {
  it('WeCom markdown', () => {
    expect(weComPayload('**跟进到期**')).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**跟进到期**' },
    });
  });
  it('DingTalk markdown', () => {
    expect(dingTalkPayload('通知', '内容')).toEqual({
      msgtype: 'markdown',
      markdown: { title: '通知', text: '内容' },
    });
  });
  it('DingTalk string to sign and signed URL', () => {
    expect(dingTalkStringToSign(1700000000000, 'SECabc')).toBe('1700000000000\nSECabc');
    const url = signedRobotUrl(
      'https://oapi.dingtalk.com/robot/send?access_token=t',
      1700000000000,
      'a+b/c=',
    );
    const u = new URL(url);
    expect(u.searchParams.get('access_token')).toBe('t');
    expect(u.searchParams.get('timestamp')).toBe('1700000000000');
    expect(u.searchParams.get('sign')).toBe('a+b/c=');
  });
  it.each<[number, unknown, boolean]>([
    [200, { errcode: 0, errmsg: 'ok' }, true],
    [200, { errcode: 310000, errmsg: 'sign not match' }, false],
    [500, { errcode: 0 }, false],
    [200, 'ok', false],
    [200, null, false],
  ])('HTTP %i %j → %s', (status, body, ok) => expect(isRobotSuccess(status, body)).toBe(ok));
  it.each<[string, boolean]>([
    ['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x', true],
    ['http://127.0.0.1:8080/hook', true],
    ['ftp://example.com/hook', false],
    ['javascript:alert(1)', false],
    ['不是网址', false],
  ])('webhook URL %s → %s', (url, ok) => expect(isWebhookUrl(url)).toBe(ok));
});
