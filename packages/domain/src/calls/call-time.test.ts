import { describe, expect, it } from 'vitest';
import { callDateOf, findOverlap, spansOverlap, validateCallTime } from './call-time.ts';

// 2026-11-23 14:00 in China
const now = new Date('2026-11-23T06:00:00Z');
const today = '2026-11-23';

describe('validateCallTime', () => {
  it.each([
    ['a call that ended an hour ago', '2026-11-23T12:00:00+08:00', '2026-11-23T12:30:00+08:00', []],
    [
      'a call started three minutes ahead of the server clock',
      '2026-11-23T14:03:00+08:00',
      '2026-11-23T14:30:00+08:00',
      [],
    ],
    [
      'the oldest day of the window (3 days back)',
      '2026-11-20T00:00:00+08:00',
      '2026-11-20T00:30:00+08:00',
      [],
    ],
    [
      'an end before the start',
      '2026-11-23T12:00:00+08:00',
      '2026-11-23T11:00:00+08:00',
      ['calls.time.endNotAfterStart'],
    ],
    [
      'an end equal to the start',
      '2026-11-23T12:00:00+08:00',
      '2026-11-23T12:00:00+08:00',
      ['calls.time.endNotAfterStart'],
    ],
    [
      'a start an hour in the future',
      '2026-11-23T15:00:00+08:00',
      '2026-11-23T15:30:00+08:00',
      ['calls.time.startInFuture'],
    ],
    [
      'a call tomorrow',
      '2026-11-24T09:00:00+08:00',
      '2026-11-24T09:30:00+08:00',
      ['calls.time.startInFuture'],
    ],
    [
      'one day past the window',
      '2026-11-19T23:30:00+08:00',
      '2026-11-19T23:50:00+08:00',
      ['calls.time.tooOld'],
    ],
    // 2026-11-19 23:30 UTC is 2026-11-20 07:30 in China: inside the window
    ['a UTC time whose China date is inside the window', '2026-11-19T23:30:00Z', '2026-11-19T23:50:00Z', []],
    [
      'both an inverted and a too-old call',
      '2026-11-01T10:00:00+08:00',
      '2026-11-01T09:00:00+08:00',
      ['calls.time.endNotAfterStart', 'calls.time.tooOld'],
    ],
  ])('%s', (_label, startAt, endAt, keys) => {
    const problems = validateCallTime({ startAt, endAt, now, today, entryMaxDays: 3 });
    expect(problems.map((p) => p.key)).toEqual(keys);
  });

  it('names the window in the too-old problem and points at the start', () => {
    const [p] = validateCallTime({
      startAt: '2026-11-10T10:00:00+08:00',
      endAt: '2026-11-10T10:30:00+08:00',
      now,
      today,
      entryMaxDays: 5,
    });
    expect(p).toEqual({ key: 'calls.time.tooOld', params: { days: 5 }, path: 'startAt' });
  });

  it('with a window of 0 days accepts only today', () => {
    const at = (d: string) =>
      validateCallTime({
        startAt: `${d}T09:00:00+08:00`,
        endAt: `${d}T09:30:00+08:00`,
        now,
        today,
        entryMaxDays: 0,
      });
    expect(at('2026-11-23')).toEqual([]);
    expect(at('2026-11-22').map((p) => p.key)).toEqual(['calls.time.tooOld']);
  });
});

describe('callDateOf', () => {
  it.each([
    ['2026-11-23T23:30:00+08:00', '2026-11-23'],
    ['2026-11-23T16:30:00Z', '2026-11-24'], // 00:30 the next day in China
    ['2026-11-23T15:59:59Z', '2026-11-23'],
  ])('%s is on %s in China', (startAt, date) => {
    expect(callDateOf(startAt)).toBe(date);
  });
});

describe('spansOverlap', () => {
  const span = (from: string, to: string) => ({
    startAt: `2026-11-23T${from}:00+08:00`,
    endAt: `2026-11-23T${to}:00+08:00`,
  });
  it.each([
    ['the same span', span('09:00', '09:30'), span('09:00', '09:30'), true],
    ['one inside the other', span('09:00', '10:00'), span('09:10', '09:20'), true],
    ['a partial overlap', span('09:00', '09:30'), span('09:20', '09:50'), true],
    ['touching ends', span('09:00', '09:30'), span('09:30', '10:00'), false],
    ['apart', span('09:00', '09:30'), span('10:00', '10:30'), false],
  ])('%s → %s', (_label, a, b, expected) => {
    expect(spansOverlap(a, b)).toBe(expected);
    expect(spansOverlap(b, a)).toBe(expected);
  });

  it('findOverlap returns the first clashing call', () => {
    const others = [
      { id: 'a', ...span('08:00', '08:30') },
      { id: 'b', ...span('09:15', '09:45') },
      { id: 'c', ...span('09:20', '09:40') },
    ];
    expect(findOverlap(span('09:00', '09:30'), others)?.id).toBe('b');
    expect(findOverlap(span('10:00', '10:30'), others)).toBeUndefined();
  });
});
