import { describe, expect, it } from 'vitest';
import {
  callMinutes,
  deviationProblems,
  draftDailyReport,
  type DayCall,
  type DayInputs,
  type DayPlannedCall,
  type Deviation,
} from './daily-report.ts';

const planned = (
  id: string,
  doctorId: string,
  status: DayPlannedCall['status'] = 'planned',
): DayPlannedCall => ({
  id,
  doctorId,
  doctorName: `医生${doctorId}`,
  hospitalName: '瑞金医院',
  halfDay: 'am',
  status,
});
const call = (
  id: string,
  doctorId: string,
  plannedCallId: string | null = null,
  start = '09:00',
): DayCall => ({
  id,
  doctorId,
  doctorName: `医生${doctorId}`,
  hospitalName: '瑞金医院',
  plannedCallId,
  type: 'visit',
  startAt: `2026-12-01T${start}:00+08:00`,
  endAt: `2026-12-01T${start.slice(0, 3)}20:00+08:00`,
  objectives: ['了解用药情况'],
});
const day = (plannedCalls: DayPlannedCall[], calls: DayCall[]): DayInputs => ({
  date: '2026-12-01',
  plannedCalls,
  calls,
  careActions: [],
  followUpsDone: [],
});

describe('draftDailyReport: planned vs done and deviations', () => {
  it.each([
    ['no plan, no calls', day([], []), { planned: 0, plannedDone: 0, calls: 0, unplannedCalls: 0 }, []],
    [
      'a call linked to its planned call',
      day([planned('p1', 'd1')], [call('c1', 'd1', 'p1')]),
      { planned: 1, plannedDone: 1, calls: 1, unplannedCalls: 0 },
      [],
    ],
    [
      'a call to the same doctor matches without a link',
      day([planned('p1', 'd1')], [call('c1', 'd1')]),
      { planned: 1, plannedDone: 1, calls: 1, unplannedCalls: 0 },
      [],
    ],
    [
      'planned but not visited → deviation',
      day([planned('p1', 'd1'), planned('p2', 'd2')], [call('c1', 'd1')]),
      { planned: 2, plannedDone: 1, calls: 1, unplannedCalls: 0 },
      ['p2'],
    ],
    [
      'a call to another doctor is unplanned',
      day([planned('p1', 'd1')], [call('c1', 'd9')]),
      { planned: 1, plannedDone: 0, calls: 1, unplannedCalls: 1 },
      ['p1'],
    ],
    [
      'a cancelled planned call is no deviation',
      day([planned('p1', 'd1', 'cancelled')], []),
      { planned: 0, plannedDone: 0, calls: 0, unplannedCalls: 0 },
      [],
    ],
    [
      'a planned call marked done counts as done',
      day([planned('p1', 'd1', 'done')], []),
      { planned: 1, plannedDone: 1, calls: 0, unplannedCalls: 0 },
      [],
    ],
    [
      'two planned calls to one doctor, one call',
      day([planned('p1', 'd1'), planned('p2', 'd1')], [call('c1', 'd1')]),
      { planned: 2, plannedDone: 1, calls: 1, unplannedCalls: 0 },
      ['p2'],
    ],
    [
      'a link wins over a same-doctor match',
      day(
        [planned('p1', 'd1'), planned('p2', 'd1')],
        [call('c1', 'd1', null, '09:00'), call('c2', 'd1', 'p1', '10:00')],
      ),
      { planned: 2, plannedDone: 2, calls: 2, unplannedCalls: 0 },
      [],
    ],
  ] as const)('%s', (_label, input, counts, deviationIds) => {
    const { summary, deviations } = draftDailyReport(input);
    expect(summary.counts).toMatchObject(counts);
    expect(deviations.map((d) => d.plannedCallId)).toEqual(deviationIds);
    expect(summary.counts.deviations).toBe(deviationIds.length);
  });

  it('keeps the reasons already given and trims notes', () => {
    const { deviations } = draftDailyReport(day([planned('p1', 'd1'), planned('p2', 'd2')], []), [
      { plannedCallId: 'p1', reason: 'surgery' },
      { plannedCallId: 'p2', reason: 'other', note: '  医院停电 ' },
      { plannedCallId: 'gone', reason: 'meeting' },
    ]);
    expect(deviations.map((d) => [d.plannedCallId, d.reason, d.note])).toEqual([
      ['p1', 'surgery', null],
      ['p2', 'other', '医院停电'],
    ]);
  });

  it('lists calls by time with minutes and counts care actions and follow-ups done', () => {
    const { summary } = draftDailyReport({
      ...day([], [call('c2', 'd2', null, '14:00'), call('c1', 'd1', null, '09:00')]),
      careActions: [
        {
          id: 'a1',
          doctorId: 'd1',
          doctorName: '医生d1',
          kind: 'information',
          valueFen: 0,
          purpose: '送文献',
        },
      ],
      followUpsDone: [{ id: 'f1', doctorId: 'd2', doctorName: '医生d2', title: '送样品' }],
    });
    expect(summary.calls.map((c) => [c.id, c.minutes])).toEqual([
      ['c1', 20],
      ['c2', 20],
    ]);
    expect(summary.counts).toMatchObject({ callMinutes: 40, careActions: 1, followUpsDone: 1 });
  });
});

describe('callMinutes', () => {
  it.each([
    ['2026-12-01T09:00:00+08:00', '2026-12-01T09:30:00+08:00', 30],
    ['2026-12-01T09:00:00+08:00', '2026-12-01T08:30:00+08:00', 0],
    ['bad', '2026-12-01T08:30:00+08:00', 0],
  ])('%s → %s = %i', (start, end, minutes) => expect(callMinutes(start, end)).toBe(minutes));
});

describe('deviationProblems', () => {
  const dev = (reason: Deviation['reason'], note: string | null = null): Deviation => ({
    plannedCallId: 'p1',
    doctorId: 'd1',
    doctorName: '医生',
    hospitalName: '医院',
    halfDay: 'pm',
    reason,
    note,
  });
  it.each([
    [dev(null), ['reasonMissing']],
    [dev('doctorAbsent'), []],
    [dev('moved'), []],
    [dev('other'), ['noteMissing']],
    [dev('other', '   '), ['noteMissing']],
    [dev('other', '科室搬迁'), []],
  ] as const)('%o → %o', (d, problems) => {
    expect(deviationProblems([d]).map((p) => p.problem)).toEqual(problems);
  });
});
